import Foundation
import Testing

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// Runs the built `residency` binary (it sits beside the test bundle) and captures everything;
/// `input`, when given, is its standard input.
func residency(
    _ arguments: [String], input: String? = nil, in directory: URL = repositoryRoot,
    environment: [String: String] = [:], inheritEnvironment: Bool = true
) throws -> (status: Int32, stdout: String, stderr: String) {
    let binary = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("residency")
    let process = Process()
    process.executableURL =
        FileManager.default.fileExists(atPath: binary.path)
        ? binary
        : repositoryRoot.appendingPathComponent(".build/debug/residency")
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var env = inheritEnvironment ? ProcessInfo.processInfo.environment : [:]
    env["NO_COLOR"] = "1"
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let stdin = input.map { _ in Pipe() }
    if let stdin { process.standardInput = stdin }
    try process.run()
    if let input, let stdin {
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
    }
    // Read before waiting so a large output cannot fill the pipe and block the child.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}

/// The folder this test process makes its temporary folders in, removed with all of them when
/// the process exits: a hundred tests make one each, and runs that left them behind filled `/tmp`.
let scratchRoot = FileManager.default.temporaryDirectory.appendingPathComponent(
    "residency-cli-tests-\(ProcessInfo.processInfo.processIdentifier)")
private let removeScratchAtExit: Void = { atexit { try? FileManager.default.removeItem(at: scratchRoot) } }()

/// A fresh temporary folder with the given files (under `scratchRoot`).
func temporaryFolder(_ files: [String: String]) throws -> URL {
    _ = removeScratchAtExit
    let dir = scratchRoot.appendingPathComponent("residency-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for (name, text) in files {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
    return dir
}

@Suite struct LintCLITests {
    @Test func lintsTheBundledPolicyPack() throws {
        let r = try residency(["lint", "policies"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("0 errors"))
        #expect(r.stderr.isEmpty)
    }

    @Test func reportsErrorsWithPlaceAndExitsTwo() throws {
        let dir = try temporaryFolder([
            "bad.policy": """
            policy RES-001 "t" {
              severity error
              for destination d
              require d.endpont.region == "eu"
              message "m"
            }
            """
        ])
        let r = try residency(["lint", "bad.policy"], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("bad.policy:4:13: error[E0102]: unknown field `endpont` on Destination"))
        #expect(r.stderr.contains("help: did you mean `endpoint`?"))
        #expect(r.stderr.contains("1 error, 0 warnings"))
        #expect(!r.stderr.contains("\u{1B}["), "no colour when not a terminal")
    }

    @Test func jsonDiagnosticsGoToStandardOutput() throws {
        let dir = try temporaryFolder([
            "bad.policy": "policy P \"t\" {\n  severity fatal\n  for source s\n  require true\n  message \"m\"\n}\n"
        ])
        let r = try residency(["lint", "--diagnostics-format", "json", "bad.policy"], in: dir)
        #expect(r.status == 2)
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let first = (doc?["diagnostics"] as? [[String: Any]])?.first
        #expect(doc?["version"] as? Int == 1)
        #expect(first?["code"] as? String == "E0203")
        #expect((first?["range"] as? [String: Any])?["file"] as? String == "bad.policy")
    }

    @Test func warningsPassUnlessStrict() throws {
        let dir = try temporaryFolder([
            "w.policy": "let unused = 1\npolicy P \"t\" {\n  severity info\n  for source s\n  require true\n  message \"m\"\n}\n"
        ])
        #expect(try residency(["lint", "w.policy"], in: dir).status == 0)
        let strict = try residency(["lint", "--strict", "w.policy"], in: dir)
        #expect(strict.status == 2)
        #expect(strict.stderr.contains("warning[W0101]"))
    }

    @Test func missingPathIsBadInput() throws {
        let r = try residency(["lint", "no/such/dir"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("no such file or folder: no/such/dir"))
    }

    @Test func unknownOptionIsAUsageError() throws {
        let r = try residency(["lint", "--frobnicate"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--frobnicate"))
    }

    @Test func helpListsCommandsAndExitCodes() throws {
        let r = try residency(["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("lint"))
        #expect(r.stdout.contains("Exit codes"))
    }
}
