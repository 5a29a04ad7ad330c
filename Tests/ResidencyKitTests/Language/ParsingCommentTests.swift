import Testing

@testable import ResidencyKit

/// Comments are trivia to the parser but kept in a side list for the formatter.
@Suite struct ParsingCommentTests {
    @Test func commentsAreRecordedWithTheirPlaceAndText() {
        let text = "# head  \r\nlet x = 1 # tail\t\nlet s = \"# not a comment\"\n#\n"
        let (file, diagnostics) = Parser.parse(SourceFile(path: "t", text: text))
        #expect(diagnostics.isEmpty)
        #expect(file.comments.map(\.text) == ["# head", "# tail", "#"])
        let bytes = Array(text.utf8)
        for comment in file.comments {
            #expect(String(decoding: bytes[comment.start..<comment.end], as: UTF8.self) == comment.text)
        }
    }

    /// The tree is the same with and without comments: they change nothing but the list.
    @Test func commentsDoNotChangeTheTree() {
        let plain = "let x = [1, 2]\npolicy P \"t\" {\n  for destination d\n  where d.enabled and d.x\n}\n"
        let commented =
            "# a\nlet x = [1, # b\n 2] # c\npolicy P \"t\" { # d\n  for destination d # e\n  where d.enabled # f\n and d.x\n}\n"
        let a = Parser.parse(SourceFile(path: "t", text: plain))
        let b = Parser.parse(SourceFile(path: "t", text: commented))
        #expect(a.1.isEmpty && b.1.isEmpty)
        #expect(SyntaxDump.dump(a.0) == SyntaxDump.dump(b.0))
        #expect(b.0.comments.count == 6)
    }
}
