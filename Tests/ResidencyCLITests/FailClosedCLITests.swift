import Foundation
import Testing

/// Issue 11, run as a binary: inputs that crashed exit 2 with a message, an unexpected error
/// exits 3 in every command, and a document whose summary was edited is refused.
@Suite struct FailClosedCLITests {
    static let now = ["--now", "2026-11-28T02:00:00Z"]

    /// (arguments, environment, what standard error says).
    static let crashInputs: [([String], [String: String], String)] = [
        (["check", "--now", ""], [:], "--now takes a UTC time such as 2026-11-28T02:00:00Z"),
        (["check", "--now", "T"], [:], "found 'T'"),
        (["check", "--now", "TZ"], [:], "found 'TZ'"),
        (["check", "--now", "2026-11-28T"], [:], "found '2026-11-28T'"),
        (["check", "--now", "2026-11-28T02:00Z"], [:], "--now takes a UTC time"),
        (["check", "--now", "\u{1B}[2K"], [:], #"found '\x1b[2K'"#),
        (["check"], ["SOURCE_DATE_EPOCH": "99999999999999999999999"], "SOURCE_DATE_EPOCH must be at most 253402300799"),
        (["check"], ["SOURCE_DATE_EPOCH": "9223372036854775807"], "SOURCE_DATE_EPOCH must be at most 253402300799"),
        (["check"], ["SOURCE_DATE_EPOCH": "253402300800"], "(9999-12-31T23:59:59Z), found 253402300800"),
        (["check"], ["SOURCE_DATE_EPOCH": "-1"], "SOURCE_DATE_EPOCH must be whole seconds since 1970, found '-1'"),
        (["check"], ["SOURCE_DATE_EPOCH": ""], "SOURCE_DATE_EPOCH must be whole seconds"),
        (["test", "policies"], ["SOURCE_DATE_EPOCH": "99999999999999999999"], "SOURCE_DATE_EPOCH must be at most"),
        (["export", "--region", "eu"], ["SOURCE_DATE_EPOCH": "1e99"], "SOURCE_DATE_EPOCH must be whole seconds"),
        (["export", "--region", "eu", "--now", "T"], [:], "--now takes a UTC time"),
        // Values swift-argument-parser itself repeats in its message are neutralised too.
        (["check", "--fail-on", "\u{1B}[2K"], [:], #"The value '\x1b[2K' is invalid for '--fail-on"#),
        (["explain", "--policy", "P", "--resource", "r", "--param", "\u{1B}]0;x\u{07}"], [:], "--param takes NAME=VALUE"),
        (["check", "--param", "=v"], [:], "--param takes NAME=VALUE, found '=v'"),
        (["check", "--waiver-max-days=-3"], [:], "--waiver-max-days takes a number of days, found -3"),
    ]

    @Test(arguments: crashInputs)
    func inputsThatCrashedExitTwoWithAMessage(arguments: [String], environment: [String: String], message: String) throws {
        let r = try residency(arguments, environment: environment)
        #expect(r.status == 2, "\(arguments) \(environment): \(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(!r.stderr.contains("\u{1B}"))
    }

    /// The last second a report can write still runs.
    @Test func theLastRepresentableSecondRuns() throws {
        let r = try residency(["check"], environment: ["SOURCE_DATE_EPOCH": "253402300799"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout.contains("(audit date 9999-12-31)"), "\(r.stdout)")
    }

    /// An error no command turned into an exit status is an internal error: 3, never 1,
    /// which means "violations found" (the fault is injected through a test-only variable).
    @Test(arguments: [
        ["check"], ["report", "reports/example-results.json", "--markdown", "/dev/null"], ["export", "--region", "eu"],
        ["explain", "--policy", "RES-001", "--resource", "x"], ["test", "policies"], ["lint", "policies"],
        ["fmt", "--check", "policies"], ["reference"],
    ])
    func unexpectedErrorsExitThree(arguments: [String]) throws {
        let r = try residency(arguments, environment: ["RESIDENCY_INJECT_INTERNAL_ERROR": "1"])
        #expect(r.status == 3, "\(arguments): \(r.stderr)")
        #expect(r.stderr.contains("residency: internal error: a fault injected by RESIDENCY_INJECT_INTERNAL_ERROR=1"))
        #expect(r.stderr.contains("not of the inputs"))
    }

    /// Help, version and usage keep their statuses with the seam set: it runs after parsing.
    @Test(
        arguments: [(["--help"], Int32(0)), (["--version"], Int32(0)), (["check", "--frobnicate"], Int32(2))]
            as [([String], Int32)])
    func helpAndUsageKeepTheirStatuses(arguments: [String], status: Int32) throws {
        let r = try residency(arguments, environment: ["RESIDENCY_INJECT_INTERNAL_ERROR": "1"])
        #expect(r.status == status, "\(r.stderr)")
    }

    /// One tampered document rendered COMPLIANT above "5 results failed": `report` refuses it
    /// at the count, and writes nothing.
    @Test(arguments: [
        (#""verdict": "non-compliant""#, #""verdict": "compliant""#, "error[E1509]: `summary.verdict` is \"compliant\""),
        (#""fail": 8,"#, #""fail": 0,"#, "error[E1509]: `summary.outcomes.fail` is 0, but counting the document gives 8"),
    ])
    func aTamperedDocumentIsRefused(find: String, replace: String, message: String) throws {
        let example = try String(
            contentsOf: repositoryRoot.appendingPathComponent("reports/example-results.json"), encoding: .utf8)
        let edited = example.replacingOccurrences(of: find, with: replace)
        #expect(edited != example, "\(find)")
        let dir = try temporaryFolder(["tampered.json": edited])
        let r = try residency(["report", "tampered.json", "--markdown", "summary.md", "--html", "report.html"], in: dir)
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(r.stderr.contains("residency: no report written"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("summary.md").path))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("report.html").path))
    }
}
