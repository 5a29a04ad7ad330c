import Foundation
import Testing

@testable import ResidencyKit

/// Which files of a repository the scan reads: the app's own code, hidden folders included
/// (`.storybook`, `.github`), never dependencies, build output, tool caches or what git ignores;
/// a folder named like build output that holds a project is the project.
@Suite struct CodeTreeTests {
    @Test(arguments: [
        // (file, read)
        ("src/app.ts", true),
        (".storybook/preview.js", true),
        (".github/scripts/notify.py", true),
        ("web/.eslintrc.js", true),
        ("node_modules/@segment/analytics-next/index.js", false),
        ("ios/Pods/Segment/Analytics.swift", false),
        ("web/.next/server/app.js", false),
        ("web/.nuxt/dist/client.js", false),
        ("app/.gradle/cache/x.kt", false),
        ("flutter/.dart_tool/pkg/main.dart", false),
        (".venv/lib/segment/client.py", false),
        ("web/dist/bundle.js", false),
        ("web/build/static/js/main.js", false),
        ("android/app/build/generated/source/Config.java", false),
        // A project named like build output (netlify/build's packages/build): it has a src folder.
        ("packages/build/src/telemetry/request.js", true),
        ("generated/setup.js", false),
        ("README.md", false),
    ])
    func theScanReadsTheAppsOwnCode(file: String, read: Bool) throws {
        let root = try InventoryFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try InventoryFixture.write("generated/\n", to: root + "/.gitignore")
        try InventoryFixture.write("// code\n", to: root + "/" + file)
        let found = CodeTree.walk([root])
        #expect(found.files.contains(root + "/" + file) == read, "\(found.files)")
        #expect(found.problems.isEmpty)
    }

    /// `--exclude` leaves out code that does not ship, whatever the .gitignore files say; its `!`
    /// takes back only what it left out.
    @Test func excludedPathsAreNotRead() throws {
        let root = try InventoryFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        for file in ["src/app.ts", "src/__tests__/app.test.ts", "src/setup.test.ts", "e2e/keep.ts", "e2e/run.ts"] {
            try InventoryFixture.write("// code\n", to: root + "/" + file)
        }
        let found = CodeTree.walk([root], exclude: ["**/__tests__/", "*.test.ts", "e2e/*", "!e2e/keep.ts"])
        #expect(found.files.map { String($0.dropFirst(root.count + 1)) } == ["e2e/keep.ts", "src/app.ts"])
        #expect(CodeTree.walk([root]).files.count == 5)
    }
}
