import Foundation
import Testing

@testable import ResidencyKit

/// A test file's `fixture:`, `facts:` and `catalog:` stay inside the folders given to
/// `residency test`: tests arrive in pull requests, and a fixture of `/proc/self/environ`
/// printed the environment, token included, in a public CI log (issue 11, "Fail closed").
@Suite struct PolicyTestPathTests {
    static let secret = "SECRET_TOKEN=sgp_abcdef0123456789\n"

    /// A folder `ROOT` with `ROOT/secret.json` outside the tree and `ROOT/pack` (the tree)
    /// holding `pack.test.yaml`, whose one test names `path` under `key`.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var key: String
        var path: String
        var make: @Sendable (_ root: String) throws -> Void = { _ in }
        var code: String
        /// `ROOT` is the folder, `REAL` the same with links resolved.
        var message: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "an absolute fixture", key: "fixture", path: "/proc/self/environ", code: "E1701",
            message: #"fixture "/proc/self/environ" is an absolute path; paths must stay inside ROOT/pack"#),
        Case(
            name: "an absolute facts file", key: "facts", path: "/proc/self/environ", code: "E1701",
            message: #"facts "/proc/self/environ" is an absolute path; paths must stay inside ROOT/pack"#),
        Case(
            name: "a catalog up and out", key: "catalog", path: "../secret.json", code: "E1701",
            message: #"catalog "../secret.json" leads outside ROOT/pack (to ROOT/secret.json)"#),
        Case(
            name: "a fixture down and out", key: "fixture", path: "data/../../secret.json", code: "E1701",
            message: #"fixture "data/../../secret.json" leads outside ROOT/pack (to ROOT/secret.json)"#),
        Case(
            name: "a fixture linked out", key: "fixture", path: "data/linked.json",
            make: { try SpecialFiles.link($0 + "/pack/data/linked.json", to: $0 + "/secret.json") }, code: "E1701",
            message: #"fixture "data/linked.json" is a symbolic link out of ROOT/pack (to REAL/secret.json)"#),
        Case(
            name: "facts linked out", key: "facts", path: "facts.yaml",
            make: { try SpecialFiles.link($0 + "/pack/facts.yaml", to: $0 + "/secret.json") }, code: "E1701",
            message: #"facts "facts.yaml" is a symbolic link out of ROOT/pack (to REAL/secret.json)"#),
        Case(
            name: "a fixture that is a FIFO", key: "fixture", path: "data/pipe.json",
            make: { try SpecialFiles.fifo($0 + "/pack/data/pipe.json") }, code: "E0611",
            message: "cannot read inventory ROOT/pack/data/pipe.json: it is a FIFO (named pipe), not a regular file"),
        Case(
            name: "a fixture folder with a link out", key: "fixture", path: "data",
            make: { try SpecialFiles.link($0 + "/pack/data/out.json", to: $0 + "/secret.json") }, code: "E1701",
            message: "ROOT/pack/data/out.json is a symbolic link out of ROOT/pack (to REAL/secret.json)"),
    ]

    static func testFile(key: String, path: String) -> MarkedSource {
        let inventory = key == "fixture" ? "    fixture: 1️⃣\(path)\n" : "    inventory:\n\(TestPack.inventory())\n"
        let extra = key == "fixture" ? "" : "    \(key): 1️⃣\(path)\n"
        return MarkedSource(
            "date: 2026-11-28\ntests:\n  - name: t\n" + inventory + extra
                + "    expect:\n      - {policy: T-1, resource: d1, outcome: pass}\n")
    }

    @Test(.hangGuard, arguments: cases)
    func pathsStayInsideTheTree(c: Case) throws {
        let root = try SpecialFiles.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let real = InputTree.realPath(root) ?? root
        try SpecialFiles.write(Self.secret, to: root + "/secret.json")
        try SpecialFiles.write(#"{"workspace": {"id": "w", "slug": "w"}, "sources": [], "destinations": [], "warehouses": []}"#, to: root + "/pack/data/ok.json")
        let marked = Self.testFile(key: c.key, path: c.path)
        try SpecialFiles.write(marked.text, to: root + "/pack/pack.test.yaml")
        try c.make(root)

        let loaded = PolicyTestLoader.load(
            path: root + "/pack/pack.test.yaml", bundle: TestPack.bundle, catalog: TestPack.catalog,
            defaultDate: Day(iso: "2026-11-28")!, tree: InputTree(paths: [root + "/pack"]))
        #expect(loaded.suite == nil)
        #expect(loaded.diagnostics.map(\.code) == [c.code], "\(loaded.diagnostics.map(\.message))")
        let d = try #require(loaded.diagnostics.first)
        #expect(d.message == c.message.replacingOccurrences(of: "REAL", with: real).replacingOccurrences(of: "ROOT", with: root))
        // Refused where it is written; a file that cannot be read has no place of its own.
        if c.code == "E1701", c.path != "data" {
            #expect(d.lineColumn == marked.at())
            #expect(d.range?.file == root + "/pack/pack.test.yaml")
        }
        #expect(!loaded.files.contains { String(decoding: $0.bytes, as: UTF8.self).contains("SECRET") })
        #expect(!loaded.diagnostics.contains { $0.message.contains("SECRET") })
    }

    /// In memory, with the file's own folder as the tree: `..` and absolute paths are refused
    /// without a file system.
    @Test(arguments: ["/etc/passwd", "../x.json"])
    func theDefaultTreeIsTheTestFilesFolder(path: String) {
        let marked = Self.testFile(key: "fixture", path: path)
        let loaded = TestPack.load(marked.text, path: "pack/pack.test.yaml")
        #expect(loaded.diagnostics.map(\.code) == ["E1701"])
        #expect(loaded.diagnostics.first?.lineColumn == marked.at())
    }

    /// A test folder's sub-folder that cannot be listed stops the run before its tests are
    /// missed; a FIFO named like a test file is refused.
    @Test func testDiscoveryLeavesNothingOut() throws {
        let root = try SpecialFiles.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try SpecialFiles.write("tests: []", to: root + "/a.test.yaml")
        try SpecialFiles.write("tests: []", to: root + "/locked/b.test.yaml")
        try SpecialFiles.fifo(root + "/c.test.yaml")
        try SpecialFiles.write("tests: []", to: root + "/.d.test.yaml")
        let (files, diagnostics) = PolicyTestLoader.discover(
            paths: [root], tree: InputTree(paths: [root]),
            list: { $0.hasSuffix("/locked") ? .failure(.permissionDenied) : FolderWalk.listFolder($0) })
        #expect(files == [root + "/a.test.yaml"])
        #expect(diagnostics.map(\.code) == ["E1110", "E1110", "W1701"])
        #expect(
            diagnostics.map(\.message) == [
                "cannot read test file \(root)/c.test.yaml: it is a FIFO (named pipe), not a regular file",
                "cannot read test file \(root)/locked: it is a folder that cannot be listed (permission denied)",
                "1 file in \(root) is not read",
            ])
    }
}
