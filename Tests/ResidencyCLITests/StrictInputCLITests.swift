import Foundation
import Testing

/// Issue 11 as the gate sees it, run as a binary: strict inputs stop the run (exit 2, no
/// report), an incomplete workspace fails the gate (exit 1), and `--allow-incomplete` lets an
/// otherwise compliant run pass (exit 0) with the warning.
@Suite struct StrictInputCLITests {
    static let now = ["--now", "2026-11-28T02:00:00Z"]

    /// An EU workspace every policy passes.
    static func bundle(_ sources: String, extra: String = "") -> String {
        """
        {"exportVersion": 1, "apiHost": "https://eu1.api.segmentapis.com", "workspace": {"id": "ws-x", "slug": "partial-eu"},
         "dataSubjects": ["EU"]\(extra),
         "sources": \(sources), "destinations": [], "warehouses": []}
        """
    }
    static let web = #"{"id": "web", "name": "Website", "enabled": true, "metadata": {"name": "Javascript"}}"#
    static let complete = bundle("[\(web)]")
    static let incomplete = bundle(#"{"data": {"sources": [\#(web)], "pagination": {"next": "Mw=="}}}"#)

    static func check(
        _ files: [String: String], _ more: [String] = []
    ) throws -> (
        status: Int32, stdout: String, stderr: String, report: Bool
    ) {
        let dir = try temporaryFolder(files)
        let json = dir.appendingPathComponent("out/results.json").path
        let r = try residency(
            [
                "check", "--inventory", "inv", "--facts", repositoryRoot.appendingPathComponent("examples/facts.yaml").path,
                "--policies", repositoryRoot.appendingPathComponent("policies").path, "--json", json,
            ] + more + Self.now,
            in: dir)
        return (r.status, r.stdout, r.stderr, FileManager.default.fileExists(atPath: json))
    }

    @Test func theCompleteWorkspacePasses() throws {
        let r = try Self.check(["inv/ws.json": Self.complete])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty)
    }

    @Test func anIncompleteWorkspaceFailsTheGate() throws {
        let r = try Self.check(["inv/ws.json": Self.incomplete])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.report)
        #expect(r.stdout.contains("UNKNOWN RES-013  error   partial-eu/workspace/ws-x"))
        #expect(r.stdout.contains("verdict:     NOT DECIDED — "), "\(r.stdout)")
        #expect(r.stdout.contains("gate:        failed at error (--fail-on error)"))
        #expect(r.stderr.contains("ws.json:3:146: warning[W0603]"), "\(r.stderr)")
    }

    @Test func allowIncompletePassesWithTheWarning() throws {
        let r = try Self.check(["inv/ws.json": Self.incomplete], ["--allow-incomplete"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.report)
        #expect(!r.stdout.contains("RES-013"))
        #expect(r.stdout.contains("verdict:     COMPLIANT"), "\(r.stdout)")
        #expect(r.stdout.contains("gate:        passed at error"))
        #expect(r.stdout.contains("was audited with --allow-incomplete although its inventory is incomplete"))
        #expect(r.stderr.contains("warning[W0603]"))
    }

    /// Each of these passed the gate before issue 11; now each is an error at its place.
    @Test(arguments: [
        (complete.replacingOccurrences(of: #""sources""#, with: #""Sources""#), "ws.json:3:2: error[E0617]"),
        (bundle("null"), "ws.json:3:13: error[E0618]"),
        (bundle("[\(web)]", extra: #", "dataSubjects": ["CH"]"#), "ws.json:2:26: error[E0616]"),
        (complete.replacingOccurrences(of: #"["EU"]"#, with: #"["EU", "Swizerland"]"#), "ws.json:2:25: error[E0620]"),
        (#"{"workspaces": [\#(complete)], "sources": []}"#, "ws.json:3:142: error[E0619]"),
    ])
    func strictInputStopsTheRun(text: String, expected: String) throws {
        let r = try Self.check(["inv/ws.json": text])
        #expect(r.status == 2, "\(r.stdout)")
        #expect(!r.report, "no report on bad input")
        #expect(r.stderr.contains(expected), "\(r.stderr)")
    }

    @Test func theFlagIsInTheHelp() throws {
        let r = try residency(["check", "--help"])
        #expect(r.stdout.contains("--allow-incomplete"))
        #expect(r.stdout.contains("RES-013"))
    }
}
