import Foundation
import Testing

@testable import ResidencyKit

/// An inventory folder leaves nothing out without a word: what cannot be read is an error
/// naming it, what is not read is listed (issue 11, "Fail closed").
@Suite struct InventoryFolderTests {
    static let bundle = #"{"workspace": {"id": "w-a", "slug": "a"}, "sources": [], "destinations": [], "warehouses": []}"#

    /// One entry beside a good inventory (`a.json`), and what loading the folder says.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// Makes the entry in the folder.
        var make: @Sendable (String) throws -> Void
        var codes: [String]
        /// The first diagnostic's message; `ROOT` stands for the folder.
        var message: String?
        var notes: [String] = []
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "a FIFO named like an inventory", make: { try SpecialFiles.fifo($0 + "/b.json") }, codes: ["E0611"],
            message: "cannot read inventory ROOT/b.json: it is a FIFO (named pipe), not a regular file"),
        Case(
            name: "a FIFO of any name, since every entry is meant to be an inventory",
            make: { try SpecialFiles.fifo($0 + "/sub/README") }, codes: ["E0611"],
            message: "cannot read inventory ROOT/sub/README: it is a FIFO (named pipe), not a regular file"),
        Case(
            name: "a socket", make: { try SpecialFiles.socket($0 + "/s.yaml") }, codes: ["E0611"],
            message: "cannot read inventory ROOT/s.yaml: it is a socket, not a regular file"),
        Case(
            name: "a link to a device", make: { try SpecialFiles.link($0 + "/zero.json", to: "/dev/zero") },
            codes: ["E0611"], message: "cannot read inventory ROOT/zero.json: it is a character device, not a regular file"),
        Case(
            name: "a broken link", make: { try SpecialFiles.link($0 + "/gone.json", to: $0 + "/nowhere") }, codes: ["E0611"],
            message: "cannot read inventory ROOT/gone.json: it is a symbolic link to nothing, not a regular file"),
        Case(
            name: "unrecognised extensions",
            make: { root in
                for name in ["b.jsn", "c.json.txt", "README.md", "d.json.gz"] {
                    try SpecialFiles.write("x", to: root + "/" + name)
                }
            },
            codes: ["W1701"], message: "4 files in ROOT are not read",
            notes: [
                "not read: ROOT/README.md", "not read: ROOT/b.jsn", "not read: ROOT/c.json.txt", "not read: ROOT/d.json.gz",
            ]),
        Case(
            name: "a hidden inventory, listed; a hidden folder and other hidden files, passed by",
            make: { root in
                try SpecialFiles.write(InventoryFolderTests.bundle, to: root + "/.b.json")
                try SpecialFiles.write(InventoryFolderTests.bundle, to: root + "/._a.json")
                try SpecialFiles.write("[", to: root + "/.git/c.json")
                try SpecialFiles.write("", to: root + "/.gitkeep")
                try SpecialFiles.fifo(root + "/.fifo.json")
            },
            codes: ["W1701"], message: "2 files in ROOT are not read",
            notes: ["not read: ROOT/._a.json (hidden)", "not read: ROOT/.b.json (hidden)"]),
        Case(
            name: "a folder named like a file is walked",
            make: { try SpecialFiles.write(#"{"workspace": {"id": "w-b", "slug": "b"}, "sources": [], "destinations": [], "warehouses": []}"#, to: $0 + "/odd.json/b.json") },
            codes: [], message: nil),
        Case(
            name: "a link to a folder is followed",
            make: { root in
                try SpecialFiles.write(#"{"workspace": {"id": "w-b", "slug": "b"}, "sources": [], "destinations": [], "warehouses": []}"#, to: root + ".elsewhere/b.json")
                try SpecialFiles.link(root + "/linked", to: root + ".elsewhere")
            },
            codes: [], message: nil),
        Case(
            name: "a link back up ends", make: { try SpecialFiles.link($0 + "/sub/up", to: $0) }, codes: [], message: nil),
    ]

    @Test(.hangGuard, arguments: cases)
    func everyEntryIsReadOrReported(c: Case) throws {
        let root = try SpecialFiles.folder()
        defer {
            try? FileManager.default.removeItem(atPath: root)
            try? FileManager.default.removeItem(atPath: root + ".elsewhere")
        }
        try SpecialFiles.write(Self.bundle, to: root + "/a.json")
        try c.make(root)
        let loaded = InventoryLoader.load(paths: [root], catalog: InventoryFixture.catalog)
        #expect(loaded.codes == c.codes, "\(loaded.diagnostics.map(\.message))")
        let first = loaded.diagnostics.first
        #expect(first?.message == c.message?.replacingOccurrences(of: "ROOT", with: root))
        #expect(first?.notes.map(\.message) ?? [] == c.notes.map { $0.replacingOccurrences(of: "ROOT", with: root) })
        #expect(first?.range == nil)
        // The readable inventory is read whatever else is wrong (the run still fails on an error).
        #expect(loaded.workspaces.first?.workspace.id == "w-a")
    }

    /// A sub-folder that cannot be listed was skipped without a word, so the gate passed
    /// without its workspaces. (Root reads any folder: the lister stands in for one it cannot.)
    @Test func anUnreadableSubFolderIsAnError() throws {
        let root = try SpecialFiles.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try SpecialFiles.write(Self.bundle, to: root + "/a.json")
        try SpecialFiles.write(#"{"workspace": {"id": "w-us", "slug": "us"}, "sources": [], "destinations": [], "warehouses": []}"#, to: root + "/locked/us.json")
        let loaded = InventoryLoader.load(
            paths: [root], catalog: InventoryFixture.catalog, tree: nil, progress: nil,
            list: { path in path.hasSuffix("/locked") ? .failure(.permissionDenied) : FolderWalk.listFolder(path) })
        #expect(loaded.codes == ["E0611"])
        #expect(
            loaded.diagnostics.first?.message
                == "cannot read inventory \(root)/locked: it is a folder that cannot be listed (permission denied)")
        #expect(loaded.workspaces.map(\.workspace.id) == ["w-a"])
    }

    /// The files not read reach the result document through `Loaded.notRead`.
    @Test func filesNotReadAreKeptForTheDocument() throws {
        let root = try SpecialFiles.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try SpecialFiles.write(Self.bundle, to: root + "/a.json")
        try SpecialFiles.write(Self.bundle, to: root + "/b.jsn")
        let loaded = InventoryLoader.load(paths: [root], catalog: InventoryFixture.catalog)
        #expect(loaded.notRead == [root + "/b.jsn"])
        let notice = try #require(AuditRun.notReadNotices(loaded.notRead).first)
        #expect(notice.code == "files-not-read")
        #expect(
            notice.message
                == "1 file in the inventory folders was not read (inventories are *.json, *.yaml and *.yml files, and hidden files are not read): \(root)/b.jsn"
        )
    }

    /// A folder of many files not read is one warning with at most 20 notes.
    @Test func manyFilesNotReadAreOneWarning() throws {
        let root = try SpecialFiles.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try SpecialFiles.write(Self.bundle, to: root + "/a.json")
        for i in 0..<25 { try SpecialFiles.write("x", to: root + String(format: "/e%02d.json.gz", i)) }
        let loaded = InventoryLoader.load(paths: [root], catalog: InventoryFixture.catalog)
        #expect(loaded.codes == ["W1701"])
        let d = try #require(loaded.diagnostics.first)
        #expect(d.message == "25 files in \(root) are not read")
        #expect(d.notes.count == 21)
        #expect(d.notes.last?.message == "and 5 more")
        #expect(
            d.help
                == "inventories are *.json, *.yaml and *.yml files, and hidden files and folders are not read; rename or move what belongs elsewhere"
        )
    }
}
