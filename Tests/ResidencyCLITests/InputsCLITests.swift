import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs the binary like `residency(_:)`, but ends it after `seconds`: a run that hangs on a
/// FIFO or reads `/dev/zero` for ever must fail the test, not hang the suite.
func residency(
    within seconds: Double, _ arguments: [String], in directory: URL = repositoryRoot,
    environment: [String: String] = [:]
) throws -> (status: Int32, stdout: String, stderr: String, timedOut: Bool) {
    let binary = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("residency")
    let process = Process()
    process.executableURL =
        FileManager.default.fileExists(atPath: binary.path)
        ? binary : repositoryRoot.appendingPathComponent(".build/debug/residency")
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let outText = Collected(), errText = Collected()
    let group = DispatchGroup()
    for (pipe, into) in [(out, outText), (err, errText)] {
        group.enter()
        DispatchQueue.global().async {
            into.set(pipe.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
    }
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning, Date() < deadline { usleep(20_000) }
    let timedOut = process.isRunning
    if timedOut { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    group.wait()
    return (process.terminationStatus, outText.text, errText.text, timedOut)
}

/// Bytes read on another thread.
final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ d: Data) { lock.withLock { data = d } }
    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
}

/// Every command's inputs fail closed: a FIFO, a device, a folder that is not a file is an
/// error naming the path and what it is, at once (issue 11, "Fail closed").
@Suite struct InputsCLITests {
    static var policies: String { repositoryRoot.appendingPathComponent("policies").path }
    static var examples: String { repositoryRoot.appendingPathComponent("examples/inventory").path }
    static var facts: String { repositoryRoot.appendingPathComponent("examples/facts.yaml").path }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// Arguments; `P` is the policy pack, `I` the example inventories, `F` their facts.
        var arguments: [String]
        /// What the temporary folder the command runs in holds: a FIFO at each path.
        var fifos: [String] = []
        var files: [String: String] = [:]
        var expected: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "check: a FIFO inventory", arguments: ["check", "--policies", "P", "--inventory", "in.json"],
            fifos: ["in.json"],
            expected: "error[E0611]: cannot read inventory in.json: it is a FIFO (named pipe), not a regular file"),
        Case(
            name: "check: /dev/zero as an inventory", arguments: ["check", "--policies", "P", "--inventory", "/dev/zero"],
            expected: "error[E0611]: cannot read inventory /dev/zero: it is a character device, not a regular file"),
        Case(
            name: "check: a FIFO in an inventory folder", arguments: ["check", "--policies", "P", "--inventory", "exports"],
            fifos: ["exports/acme.json"], files: ["exports/ok.json": #"{"workspace": {"id": "w", "slug": "w"}}"#],
            expected: "error[E0611]: cannot read inventory exports/acme.json: it is a FIFO (named pipe), not a regular file"),
        Case(
            name: "check: a FIFO in a policy folder", arguments: ["check", "--policies", "pack", "--inventory", "I"],
            fifos: ["pack/hang.policy"], files: ["pack/ok.policy": "let x = 1\n"],
            expected: "error[E0404]: cannot read pack/hang.policy: it is a FIFO (named pipe), not a regular file"),
        Case(
            name: "check: a FIFO facts file",
            arguments: ["check", "--policies", "P", "--inventory", "I", "--facts", "facts.yaml"],
            fifos: ["facts.yaml"],
            expected: "error[E0702]: cannot read facts file facts.yaml: it is a FIFO (named pipe), not a regular file"),
        Case(
            name: "check: /dev/null as waivers",
            arguments: ["check", "--policies", "P", "--inventory", "I", "--facts", "F", "--waivers", "/dev/null"],
            expected: "error[E0907]: cannot read waivers file /dev/null: it is a character device, not a regular file"),
        Case(
            name: "check: a FIFO catalog", arguments: ["check", "--policies", "P", "--inventory", "I", "--catalog", "c.json"],
            fifos: ["c.json"], expected: "error[E0701]: cannot read catalog c.json: it is a FIFO (named pipe), not a regular file"
        ),
        Case(
            name: "check: /dev/zero as a baseline",
            arguments: ["check", "--policies", "P", "--inventory", "I", "--facts", "F", "--baseline", "/dev/zero"],
            expected: "error[E1001]: cannot read baseline /dev/zero: it is a character device, not a regular file"),
        Case(
            name: "report: a FIFO document", arguments: ["report", "r.json", "--markdown", "out.md"], fifos: ["r.json"],
            expected: "error[E1501]: cannot read result document r.json: it is a FIFO (named pipe), not a regular file"),
        Case(
            name: "lint: a FIFO given as a policy", arguments: ["lint", "p.policy"], fifos: ["p.policy"],
            expected: "error[E0404]: cannot read p.policy: it is a FIFO (named pipe), not a regular file"),
        Case(
            name: "fmt: a FIFO in a policy folder", arguments: ["fmt", "--check", "pack"], fifos: ["pack/p.policy"],
            expected: "error[E0404]: cannot read pack/p.policy: it is a FIFO (named pipe), not a regular file"),
        Case(
            name: "test: a FIFO test file", arguments: ["test", "pack"], fifos: ["pack/hang.test.yaml"],
            files: ["pack/ok.policy": "let x = 1\n"],
            expected: "error[E1110]: cannot read test file pack/hang.test.yaml: it is a FIFO (named pipe), not a regular file"),
        Case(
            name: "export: a FIFO workspaces file", arguments: ["export", "--workspaces", "w.yaml"], fifos: ["w.yaml"],
            expected: "error[E1315]: cannot read the workspaces file w.yaml: it is a FIFO (named pipe), not a regular file"),
    ]

    @Test(arguments: cases)
    func aFIFOOrDeviceIsRefusedAtOnce(c: Case) throws {
        let dir = try temporaryFolder(c.files)
        defer { try? FileManager.default.removeItem(at: dir) }
        for fifo in c.fifos {
            let path = dir.appendingPathComponent(fifo)
            try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
            #expect(mkfifo(path.path, 0o600) == 0)
        }
        let arguments = c.arguments.map { ["P": Self.policies, "I": Self.examples, "F": Self.facts][$0] ?? $0 }
        let r = try residency(within: 30, arguments, in: dir)
        #expect(!r.timedOut, "hung")
        #expect(r.status == 2)
        #expect(r.stderr.contains(c.expected), "\(r.stderr)")
    }

    /// A policy pulled in by a pull request cannot print the environment: the import is
    /// refused before it is read, so no parse error quotes it.
    @Test func anImportOfTheEnvironmentIsRefusedUnread() throws {
        let dir = try temporaryFolder([
            "pack/leak.policy": "import \"/proc/self/environ\"\n",
            "pack/up.policy": "import \"../outside.policy\"\n",
            "outside.policy": "SECRET_OUTSIDE\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let secret = "sgp_" + UUID().uuidString
        let r = try residency(within: 30, ["lint", "pack"], in: dir, environment: ["RESIDENCY_TEST_SECRET": secret])
        #expect(r.status == 2)
        #expect(
            r.stderr.contains(
                #"pack/leak.policy:1:8: error[E1701]: import "/proc/self/environ" is an absolute path; paths must stay inside pack"#
            ),
            "\(r.stderr)")
        #expect(
            r.stderr.contains(
                #"pack/up.policy:1:8: error[E1701]: import "../outside.policy" leads outside pack (to outside.policy)"#))
        #expect(!r.stderr.contains(secret) && !r.stdout.contains(secret))
        #expect(!r.stderr.contains("SECRET_OUTSIDE"))
    }

    /// The same for a test file's fixture, which the standard pack keeps inside policies/.
    @Test func aFixtureOfTheEnvironmentIsRefusedUnread() throws {
        let dir = try temporaryFolder([
            "pack/p.policy": "policy P \"t\" {\n  severity error\n  for destination d\n  require true\n  message \"m\"\n}\n",
            "pack/p.test.yaml":
                "tests:\n  - name: t\n    fixture: /proc/self/environ\n    expect: [{policy: P, resource: d, outcome: pass}]\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let secret = "sgp_" + UUID().uuidString
        let catalog = Self.policies + "/catalog/segment-regional.json"
        let r = try residency(
            within: 30, ["test", "pack", "--catalog", catalog], in: dir, environment: ["RESIDENCY_TEST_SECRET": secret])
        #expect(r.status == 2)
        #expect(
            r.stderr.contains(
                #"pack/p.test.yaml:3:14: error[E1701]: fixture "/proc/self/environ" is an absolute path; paths must stay inside pack"#
            ),
            "\(r.stderr)")
        #expect(!r.stderr.contains(secret) && !r.stdout.contains(secret))
    }

    /// Files in an inventory folder that are not read are a warning, and a notice in the
    /// result document.
    @Test func filesNotReadAreWarnedAndNoted() throws {
        let dir = try temporaryFolder(["README.md": "# exports\n", "acme.jsn": "{}"])
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["acme-eu.json", "acme-us.yaml"] {
            try FileManager.default.copyItem(
                atPath: Self.examples + "/" + name, toPath: dir.appendingPathComponent(name).path)
        }
        let out = dir.appendingPathComponent("r.json").path
        let r = try residency(
            within: 60, ["check", "--policies", Self.policies, "--inventory", dir.path, "--facts", Self.facts, "--json", out])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("warning[W1701]: 2 files in \(dir.path) are not read"))
        #expect(r.stderr.contains("note: not read: \(dir.path)/README.md"))
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any]
        let notices = doc?["notices"] as? [[String: Any]] ?? []
        let notice = notices.first { $0["code"] as? String == "files-not-read" }
        #expect((notice?["message"] as? String)?.hasSuffix("\(dir.path)/README.md, \(dir.path)/acme.jsn") == true)
    }
}
