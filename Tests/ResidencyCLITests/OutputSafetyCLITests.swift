import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Outputs never destroy or mix data (issue 11), against the real binary: paths refused before
/// anything is read, a failure or a signal midway that leaves the previous reports, two runs
/// that take turns, what a killed run left removed, `fmt` through links, `export`'s paths.
@Suite struct OutputSafetyCLITests {
    static let now = ["--now", "2026-11-28T02:00:00Z"]

    /// A copy of the example's inputs in a fresh folder, so that a test of "an output over an
    /// input" can never destroy the repository's files; reports go to `out/`.
    static func workspace(_ extra: [String: String] = [:]) throws -> URL {
        var files: [String: String] = extra
        for name in ["examples/inventory/acme-eu.json", "examples/inventory/acme-us.yaml", "examples/facts.yaml"] {
            files[name.replacingOccurrences(of: "examples/", with: "")] = try String(
                contentsOf: repositoryRoot.appendingPathComponent(name), encoding: .utf8)
        }
        let dir = try temporaryFolder(files)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("out"), withIntermediateDirectories: true)
        return dir
    }

    static let inputs = [
        "--policies", repositoryRoot.appendingPathComponent("policies").path, "--inventory", "inventory", "--facts", "facts.yaml",
    ]

    static func check(
        _ args: [String], in dir: URL, environment: [String: String] = [:]
    ) throws -> (
        status: Int32, stdout: String, stderr: String
    ) {
        try residency(["check"] + inputs + now + args, in: dir, environment: environment)
    }

    static func read(_ dir: URL, _ name: String) -> String? {
        FileManager.default.contents(atPath: dir.appendingPathComponent(name).path).map { String(decoding: $0, as: UTF8.self) }
    }

    static func entries(_ dir: URL, _ sub: String = "out") -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent(sub).path)) ?? []).sorted()
    }

    /// Refused before anything is read: exit 2, the code, the option, nothing written, and no
    /// verdict (the audit never ran).
    @Test(arguments: [
        (["--json", "/dev/null"], "E1602", "cannot write /dev/null (--json): it is a character device, not a file"),
        (["--sarif", "/dev/full"], "E1602", "cannot write /dev/full (--sarif): it is a character device"),
        (["--markdown", ""], "E1601", "cannot write --markdown: its path is empty"),
        (["--json", "out/r.json", "--html", "out/r.json"], "E1605", "cannot write out/r.json (--html): --json writes it too"),
        (["--html", "facts.yaml"], "E1604", "cannot write facts.yaml (--html): it is an input of this run (--facts facts.yaml)"),
        (["--json", "out"], "E1603", "cannot write out (--json): it is a folder, not a file"),
        (["--json", "out/fifo"], "E1602", "cannot write out/fifo (--json): it is a FIFO (named pipe), not a file"),
        (
            ["--junit-dir", "inventory"], "E1606",
            "cannot write inventory (--junit-dir): it exists and is not a folder residency wrote"
        ),
        (["--html-dir", ""], "E1601", "cannot write --html-dir: its path is empty"),
        (
            ["--html-dir", "inventory"], "E1606",
            "cannot write inventory (--html-dir): it exists and is not a folder residency wrote (no .residency-html)"
        ),
        (
            ["--junit-dir", "out/j", "--json", "out/j/x.json"], "E1605",
            "cannot write out/j (--junit-dir): the --json file out/j/x.json is inside it"
        ),
    ])
    func refusedBeforeAnythingIsRead(args: [String], code: String, words: String) throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(mkfifo(dir.appendingPathComponent("out/fifo").path, 0o644) == 0)
        let facts = Self.read(dir, "facts.yaml")
        let r = try Self.check(args, in: dir)
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("error[\(code)]: \(words)"), "\(r.stderr)")
        #expect(r.stderr.contains("residency: no report written"))
        #expect(!r.stdout.contains("verdict:"), "refused before the audit ran")
        #expect(Self.entries(dir) == ["fifo"])
        #expect(Self.read(dir, "facts.yaml") == facts)
    }

    /// A file found in an input folder is refused once the inputs are read, before writing.
    @Test func anOutputInsideAnInputFolder() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = Self.read(dir, "inventory/acme-eu.json")
        let r = try Self.check(["--json", "inventory/acme-eu.json", "--html", "out/report.html"], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("error[E1604]: cannot write inventory/acme-eu.json (--json): the run reads"), "\(r.stderr)")
        #expect(r.stdout.contains("verdict:     NOT COMPLIANT"), "the verdict is printed all the same")
        #expect(Self.read(dir, "inventory/acme-eu.json") == before)
        #expect(Self.entries(dir) == [])
    }

    @Test func reportRefusesToWriteOverItsDocument() throws {
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let document = dir.appendingPathComponent("r.json")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("reports/example-results.json"), to: document)
        let before = try Data(contentsOf: document)
        let r = try residency(["report", "r.json", "--html", "r.json"], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("error[E1604]: cannot write r.json (--html): it is an input of this run (report r.json)"))
        #expect(try Data(contentsOf: document) == before)
    }

    /// A symbolic link to a report is written through: the link stays.
    @Test func aLinkedReportIsWrittenThrough() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createSymbolicLink(
            atPath: dir.appendingPathComponent("out/latest.json").path, withDestinationPath: "results-1.json")
        let r = try Self.check(["--json", "out/latest.json"], in: dir)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(
            try FileManager.default.destinationOfSymbolicLink(atPath: dir.appendingPathComponent("out/latest.json").path)
                == "results-1.json")
        #expect(Self.read(dir, "out/results-1.json")?.contains("\"schemaVersion\"") == true)
    }

    /// Waits until `condition` holds, for at most 60 seconds.
    static func waitFor(_ what: String, _ condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(60)
        while !condition() {
            guard Date() < deadline else { throw WaitTimedOut(what: what) }
            usleep(20_000)
        }
    }

    struct WaitTimedOut: Error { var what: String }

    static let reports = ["--json", "out/results.json", "--html", "out/report.html", "--markdown", "out/summary.md"]

    static func previousReports(_ dir: URL) throws {
        for name in ["results.json", "report.html", "summary.md"] {
            try Data("previous".utf8).write(to: dir.appendingPathComponent("out/" + name))
        }
    }

    static func stillPrevious(_ dir: URL) -> Bool {
        ["results.json", "report.html", "summary.md"].allSatisfy { read(dir, "out/" + $0) == "previous" }
    }

    /// Interrupted before any rename, or after the first: the previous reports are all back,
    /// no temporary, backup or lock file is left, and the process ends by its signal.
    @Test(arguments: [(SIGTERM, 0), (SIGINT, 0), (SIGTERM, 1)])
    func anInterruptedRunLeavesThePreviousReports(signal: Int32, renamesFirst: Int) throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.previousReports(dir)
        let run = try BackgroundRun(
            ["check"] + Self.inputs + Self.now + Self.reports, in: dir, environment: ["RESIDENCY_TEST_WRITE_DELAY_MS": "1500"])
        if renamesFirst == 0 {
            try Self.waitFor("temporaries") { Self.entries(dir).contains { $0.hasSuffix(".tmp") } }
        } else {
            try Self.waitFor("the first rename") { Self.read(dir, "out/results.json") != "previous" }
        }
        kill(run.pid, signal)
        #expect(run.wait() == .signalled(signal), "\(run.output().err)")
        #expect(Self.stillPrevious(dir))
        #expect(Self.entries(dir) == ["report.html", "results.json", "summary.md"])
    }

    /// Another process puts a folder where a report goes while the run is writing: exit 2,
    /// the report named, the one already renamed put back, the verdict printed.
    @Test func aReportThatCannotBeRenamedPutsTheOthersBack() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.previousReports(dir)
        let run = try BackgroundRun(
            ["check"] + Self.inputs + Self.now + Self.reports, in: dir, environment: ["RESIDENCY_TEST_WRITE_DELAY_MS": "1500"])
        try Self.waitFor("the first rename") { Self.read(dir, "out/results.json") != "previous" }
        let html = dir.appendingPathComponent("out/report.html")
        try FileManager.default.removeItem(at: html)
        try FileManager.default.createDirectory(at: html, withIntermediateDirectories: false)
        let ending = run.wait()
        let log = run.output()
        #expect(ending == .exited(2), "\(log.err)")
        #expect(
            log.err.contains("error[E1607]: cannot write out/report.html (--html): it became a folder while the run wrote"),
            "\(log.err)")
        #expect(log.err.contains("no output was replaced: out/results.json (--json), out/summary.md (--markdown) are as before"))
        #expect(log.out.contains("verdict:     NOT COMPLIANT"))
        #expect(Self.read(dir, "out/results.json") == "previous")
        #expect(Self.entries(dir) == ["report.html", "results.json", "summary.md"])
    }

    /// Two runs writing the same reports take turns: the second waits for the first's lock,
    /// and every report in the end is the second run's.
    @Test func concurrentRunsDoNotMix() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try BackgroundRun(
            ["check"] + Self.inputs + ["--now", "2026-01-01T00:00:00Z"] + Self.reports, in: dir,
            environment: ["RESIDENCY_TEST_WRITE_DELAY_MS": "700"])
        try Self.waitFor("the first run's temporaries") { Self.entries(dir).contains { $0.hasSuffix(".tmp") } }
        let second = try BackgroundRun(["check"] + Self.inputs + ["--now", "2026-02-02T00:00:00Z"] + Self.reports, in: dir)
        #expect(first.wait() == .exited(1), "\(first.output().err)")
        #expect(second.wait() == .exited(1), "\(second.output().err)")
        for name in ["results.json", "report.html", "summary.md"] {
            let text = Self.read(dir, "out/" + name) ?? ""
            #expect(text.contains("2026-02-02") && !text.contains("2026-01-01"), "\(name) is the second run's")
        }
        #expect(Self.entries(dir) == ["report.html", "results.json", "summary.md"])
    }

    /// A run that finds the lock held longer than RESIDENCY_LOCK_WAIT gives up: exit 2,
    /// naming the holder, nothing written.
    @Test func aHeldLockIsWaitedForThenRefused() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lock = dir.appendingPathComponent("out/.residency.lock").path
        let fd = open(lock, O_RDWR | O_CREAT, 0o644)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX) == 0)
        _ = "4242\n".withCString { write(fd, $0, 5) }
        let r = try Self.check(["--json", "out/results.json"], in: dir, environment: ["RESIDENCY_LOCK_WAIT": "0.5"])
        #expect(r.status == 2)
        #expect(
            r.stderr.contains(
                "error[E1608]: cannot write out/results.json (--json): another residency run (pid 4242) is writing in out, still after 0.5 s"
            ), "\(r.stderr)")
        #expect(Self.entries(dir) == [".residency.lock"])
    }

    /// What a killed run left goes with the next run that writes there.
    @Test func aKilledRunsTemporariesAreRemoved() throws {
        let dead = ".results.json.residency-2147483646-0123456789abcdef.tmp"
        let dir = try Self.workspace(["out/" + dead: "53 MB, once"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Self.check(["--json", "out/results.json"], in: dir)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(Self.entries(dir) == ["results.json"])
    }

    /// `fmt` rewrites a linked policy file through the link and keeps its permissions.
    @Test func fmtWritesThroughLinksAndKeepsTheMode() throws {
        let dir = try temporaryFolder(["shared/a.policy": FmtCLITests.messy])
        defer { try? FileManager.default.removeItem(at: dir) }
        let real = dir.appendingPathComponent("shared/a.policy").path
        #expect(chmod(real, 0o640) == 0)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("policies"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: dir.appendingPathComponent("policies/a.policy").path, withDestinationPath: "../shared/a.policy")
        let r = try residency(["fmt", "policies/a.policy"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            try FileManager.default.destinationOfSymbolicLink(atPath: dir.appendingPathComponent("policies/a.policy").path)
                == "../shared/a.policy")
        #expect(Self.read(dir, "shared/a.policy") == FmtCLITests.canonical)
        var info = stat()
        #expect(stat(real, &info) == 0 && info.st_mode & 0o7777 == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("shared").path) == ["a.policy"])
    }

    /// `export` refuses its output paths before any request (no token is even read).
    @Test(arguments: [
        (["--output", "/dev/null"], "E1602", "cannot write /dev/null (--output): it is a character device"),
        (
            ["--output", "x.json", "--catalog-output", "x.json"], "E1605",
            "cannot write x.json (--catalog-output): --output writes it too"
        ),
        (["--output", ""], "E1601", "cannot write --output: its path is empty"),
    ])
    func exportRefusesItsPathsFirst(args: [String], code: String, words: String) throws {
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try residency(["export", "--region", "eu"] + args, in: dir, environment: ["SEGMENT_PUBLIC_API_TOKEN": ""])
        #expect(r.status == 2)
        #expect(r.stderr.contains("error[\(code)]: \(words)"), "\(r.stderr)")
        #expect(!r.stderr.contains("E1301"), "refused before the token is read")
    }

    @Test func exportRefusesEntriesThatShareAFileOrOverwriteTheirList() throws {
        let dir = try temporaryFolder([
            "twice.yaml": """
            workspaces:
              - {region: eu, tokenEnv: A_TOKEN, output: exports/acme.json}
              - {region: us, tokenEnv: B_TOKEN, output: exports/acme.json}
            """,
            "self.yaml": "workspaces:\n  - {region: eu, tokenEnv: A_TOKEN, output: self.yaml}\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let twice = try residency(["export", "--workspaces", "twice.yaml"], in: dir)
        #expect(twice.status == 2)
        #expect(
            twice.stderr.contains(
                "error[E1605]: cannot write exports/acme.json (--workspaces entry 2): --workspaces entry 1 writes it too"),
            "\(twice.stderr)")
        let overwrite = try residency(["export", "--workspaces", "self.yaml"], in: dir)
        #expect(overwrite.status == 2)
        #expect(
            overwrite.stderr.contains(
                "error[E1604]: cannot write self.yaml (--workspaces entry 1): it is an input of this run (--workspaces self.yaml)"
            ), "\(overwrite.stderr)")
    }
}
