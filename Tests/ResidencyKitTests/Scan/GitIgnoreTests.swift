import Testing

@testable import ResidencyKit

/// `.gitignore` patterns matched as gitignore(5) describes them.
@Suite struct GitIgnoreTests {
    @Test(arguments: [
        // pattern file, path, is a folder, ignored (nil: no pattern decides)
        ("*.log", "a/b/debug.log", false, true as Bool?),
        ("*.log\n!keep.log", "keep.log", false, false),
        ("build/", "build", true, true),
        ("build/", "build", false, nil),
        ("/dist", "dist", true, true),
        ("/dist", "src/dist", true, nil),
        ("docs/*.md", "docs/a.md", false, true),
        ("docs/*.md", "docs/x/a.md", false, nil),
        ("**/gen", "a/b/gen", true, true),
        ("a/**/b", "a/b", true, true),
        ("a/**/b", "a/x/y/b", true, true),
        ("lib/**", "lib/x/y.js", false, true),
        ("file?.js", "file1.js", false, true),
        ("file?.js", "file10.js", false, nil),
        ("[abc].kt", "b.kt", false, true),
        ("[!abc].kt", "b.kt", false, nil),
        ("# comment\n\n\\#hash", "#hash", false, true),
        ("secret.env ", "secret.env", false, true),
    ])
    func matchesAsGitDoes(patterns: String, path: String, isFolder: Bool, ignored: Bool?) {
        #expect(GitIgnore(patterns).decision(path, isFolder: isFolder) == ignored)
    }
}
