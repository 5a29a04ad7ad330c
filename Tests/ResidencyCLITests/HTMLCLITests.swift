import Foundation
import Testing

/// `residency check --html FILE`: written like the JSON document, with who ran it from the
/// CI environment and nothing from the command line.
@Suite struct HTMLCheckCLITests {
    static let now = ["--now", "2026-11-28T02:00:00Z"]

    @Test func writesTheReportWithTheCIRun() throws {
        let dir = try temporaryFolder([:])
        let out = dir.appendingPathComponent("reports/report.html").path
        let env = [
            "GITHUB_RUN_ID": "77", "GITHUB_REPOSITORY": "acme/privacy", "GITHUB_SERVER_URL": "https://github.com",
            "GITHUB_TOKEN": "ghs_do_not_print",
        ]
        let r = try residency(["check", "--html", out, "--param", "swiss_adequacy=false"] + Self.now, environment: env)
        #expect(r.status == 1, "\(r.stderr)")
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html><html lang=\"en\">"))
        #expect(html.contains("NOT COMPLIANT"))
        #expect(html.contains("https://github.com/acme/privacy/actions/runs/77"))
        #expect(!html.contains("ghs_do_not_print") && !html.contains("--param") && !html.contains("swiss_adequacy=false"))
        let again = dir.appendingPathComponent("again.html").path
        _ = try residency(["check", "--html", again] + Self.now, environment: env)
        #expect(try String(contentsOfFile: again, encoding: .utf8) == html)
    }

    @Test func badInputLeavesThePreviousReport() throws {
        let dir = try temporaryFolder(["bad.json": "{\"workspace\": {\"id\": \"w\",}}\n", "reports/report.html": "previous"])
        let out = dir.appendingPathComponent("reports/report.html").path
        let r = try residency(
            ["check", "--policies", "\(repositoryRoot.path)/policies", "--inventory", "bad.json", "--html", out] + Self.now,
            in: dir)
        #expect(r.status == 2)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "previous")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("reports").path) == ["report.html"])
    }

    @Test func unwritableReportIsExitTwo() throws {
        let dir = try temporaryFolder(["blocker": "a file, not a folder"])
        let r = try residency(["check", "--html", dir.appendingPathComponent("blocker/report.html").path] + Self.now)
        #expect(r.status == 2)
        #expect(r.stderr.contains("cannot"), "\(r.stderr)")
    }
}
