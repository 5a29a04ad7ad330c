import Foundation
import Testing

@testable import ResidencyKit

#if canImport(Glibc)
    import Glibc
#endif

/// Output paths refused before a run reads anything (issue 11): devices, FIFOs, sockets and
/// folders; inputs, by path, link or hard link; one file named twice; empty paths. Links to
/// regular files, and dangling links, are fine.
@Suite struct OutputPathsTests {
    /// A scratch folder laid out for one case: `in.json` (an input), `out/old.json`, a FIFO,
    /// a socket, links to each, a file in the way of a folder.
    static func scratch() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("output-paths-\(UUID().uuidString)").path
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/out", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: dir + "/junit", withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: URL(fileURLWithPath: dir + "/in.json"))
        try Data("old".utf8).write(to: URL(fileURLWithPath: dir + "/out/old.json"))
        try Data("mine".utf8).write(to: URL(fileURLWithPath: dir + "/mine.txt"))
        try fm.createDirectory(atPath: dir + "/theirs", withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: URL(fileURLWithPath: dir + "/theirs/notes.txt"))
        #expect(mkfifo(dir + "/fifo", 0o644) == 0)
        try makeSocket(dir + "/socket")
        try fm.createSymbolicLink(atPath: dir + "/null-link", withDestinationPath: "/dev/null")
        try fm.createSymbolicLink(atPath: dir + "/file-link", withDestinationPath: "out/old.json")
        try fm.createSymbolicLink(atPath: dir + "/dangling", withDestinationPath: "out/new.json")
        try fm.createSymbolicLink(atPath: dir + "/input-link", withDestinationPath: dir + "/in.json")
        try fm.createSymbolicLink(atPath: dir + "/loop", withDestinationPath: dir + "/loop")
        #expect(link(dir + "/in.json", dir + "/hard-input") == 0)
        return dir
    }

    static func makeSocket(_ path: String) throws {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (i, byte) in path.utf8.prefix(buffer.count - 1).enumerated() { buffer[i] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0)
    }

    /// `path` inside `dir`, unless it is absolute or empty.
    static func at(_ dir: String, _ path: String) -> String {
        path.isEmpty || path.hasPrefix("/") ? path : dir + "/" + path
    }

    static func at(_ dir: String, _ target: OutputTarget) -> OutputTarget {
        OutputTarget(target.option, at(dir, target.path), kind: target.kind)
    }

    /// A target path (relative to the scratch folder), and the code and words of its refusal;
    /// nil for a path that is fine.
    @Test(
        arguments: [
            ("/dev/null", "E1602", "it is a character device, not a file"),
            ("/dev/full", "E1602", "it is a character device, not a file"),
            ("fifo", "E1602", "it is a FIFO (named pipe), not a file"),
            ("socket", "E1602", "it is a socket, not a file"),
            ("null-link", "E1602", "it is a symbolic link to /dev/null, a character device, not a file"),
            ("out", "E1603", "it is a folder, not a file"),
            ("mine.txt/report.json", "E1603", "mine.txt is not a folder"),
            ("out/", "E1603", "a path that ends in / names a folder"),
            ("loop", "E1603", "too many symbolic links"),
            ("", "E1601", "cannot write --json: its path is empty"),
            ("in.json", "E1604", "it is an input of this run (--inventory /"),
            ("input-link", "E1604", "it is an input of this run"),
            ("hard-input", "E1604", "it is an input of this run"),
            ("./out/../in.json", "E1604", "it is an input of this run"),
            ("out/old.json", nil, nil),
            ("out/new/deeper/report.json", nil, nil),
            ("file-link", nil, nil),
            ("dangling", nil, nil),
        ] as [(String, String?, String?)])
    func aFileOutput(path: String, code: String?, words: String?) throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let problems = OutputPaths.check(
            [OutputTarget("--json", Self.at(dir, path))], inputs: [InputPath("--inventory", dir + "/in.json")])
        #expect(problems.map(\.code) == (code.map { [$0] } ?? []), "\(problems.map(\.message))")
        if let words { #expect(problems.first?.message.contains(words) == true, "\(problems.map(\.message))") }
        #expect(problems.allSatisfy { $0.message.contains("--json") }, "the message names the option")
    }

    @Test(
        arguments: [
            ("junit", nil, nil),
            ("new-junit", nil, nil),
            ("theirs", "E1606", "is not a folder residency wrote (no .residency-junit)"),
            ("mine.txt", "E1603", "it is a file, not a folder"),
            ("fifo", "E1602", "FIFO"),
        ] as [(String, String?, String?)])
    func aFolderOutput(path: String, code: String?, words: String?) throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let problems = OutputPaths.check([OutputTarget("--junit-dir", Self.at(dir, path), kind: .folder)])
        #expect(problems.map(\.code) == (code.map { [$0] } ?? []), "\(problems.map(\.message))")
        if let words { #expect(problems.first?.message.contains(words) == true, "\(problems.map(\.message))") }
    }

    /// Two outputs that are one file, by name, through a link, or one inside the JUnit folder.
    @Test(arguments: [
        (OutputTarget("--json", "out/r.json"), OutputTarget("--html", "out/r.json"), "--json writes it too"),
        (OutputTarget("--json", "out/old.json"), OutputTarget("--html", "file-link"), "--json writes it too"),
        (OutputTarget("--json", "out/new.json"), OutputTarget("--html", "dangling"), "--json writes it too"),
        (
            OutputTarget("--junit-dir", "junit", kind: .folder), OutputTarget("--json", "junit/r.json"),
            "inside the --junit-dir folder /"
        ),
        (
            OutputTarget("--json", "junit/r.json"), OutputTarget("--junit-dir", "junit", kind: .folder),
            "junit/r.json is inside it"
        ),
    ])
    func oneFileNamedTwice(first: OutputTarget, second: OutputTarget, words: String) throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let problems = OutputPaths.check([Self.at(dir, first), Self.at(dir, second)])
        #expect(problems.map(\.code) == ["E1605"])
        #expect(problems.first?.message.contains(words) == true, "\(problems.map(\.message))")
        #expect(problems.first?.message.contains(second.option) == true)
    }

    /// Replacing the JUnit folder would delete an input inside it.
    @Test func aJUnitFolderThatHoldsAnInput() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("written by residency".utf8).write(to: URL(fileURLWithPath: dir + "/junit/.residency-junit"))
        try Data("{}".utf8).write(to: URL(fileURLWithPath: dir + "/junit/acme.json"))
        let problems = OutputPaths.check(
            [OutputTarget("--junit-dir", dir + "/junit", kind: .folder)], inputs: [.init("--inventory", dir + "/junit/acme.json")]
        )
        #expect(problems.map(\.code) == ["E1604"])
        #expect(problems.first?.message.contains("it holds an input") == true)
    }

    /// A file found in an input folder is known only once the inputs are read.
    @Test func anOutputAmongTheFilesRead() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let problems = OutputPaths.check(
            [OutputTarget("--json", dir + "/out/r.json"), OutputTarget("--html", dir + "/file-link")],
            read: [dir + "/out/old.json"])
        #expect(problems.map(\.code) == ["E1604"])
        #expect(problems.first?.message.contains("file-link (--html)") == true)
        #expect(problems.first?.message.contains("as an input") == true)
    }
}
