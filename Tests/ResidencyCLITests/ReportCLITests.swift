import Foundation
import Testing

/// `residency report RESULTS.json`: the reports of a saved document, byte for byte those
/// `check` wrote for the same run; a refused document writes nothing and exits 2.
@Suite struct ReportCLITests {
    static let now = ["--now", "2026-11-28T02:00:00Z"]
    /// Every report, as file names in a folder.
    static let reports = [
        ("--junit", "junit.xml"), ("--junit-dir", "junit"), ("--html", "report.html"), ("--html-dir", "html"),
        ("--sarif", "residency.sarif"), ("--markdown", "summary.md"),
    ]

    static func reportArguments(_ folder: URL) -> [String] {
        reports.flatMap { [$0.0, folder.appendingPathComponent($0.1).path] }
    }

    /// The example as `check` runs it, and with `--fail-on warning`, the waivers and a baseline.
    static let runs: [[String]] = [
        [],
        ["--fail-on", "warning", "--waivers", "examples/waivers.yaml", "--baseline", "reports/example-results.json"],
    ]

    @Test(arguments: runs)
    func reportsOfASavedDocumentAreThoseCheckWrote(extra: [String]) throws {
        let dir = try temporaryFolder([:])
        let checked = dir.appendingPathComponent("check"), rendered = dir.appendingPathComponent("report")
        let json = dir.appendingPathComponent("results.json").path
        let check = try residency(["check", "--json", json] + Self.reportArguments(checked) + extra + Self.now)
        #expect(check.status == 1, "\(check.stderr)")
        let report = try residency(["report", json] + Self.reportArguments(rendered))
        // Not a gate: the document's verdict is non-compliant, and the reports were written.
        #expect(report.status == 0, "\(report.stderr)")
        #expect(
            report.stdout.contains("NOT COMPLIANT; gate: failed at \(extra.isEmpty ? "error" : "warning")"), "\(report.stdout)")
        for (_, name) in Self.reports where name != "junit" && name != "html" {
            let a = try Data(contentsOf: checked.appendingPathComponent(name))
            #expect(try Data(contentsOf: rendered.appendingPathComponent(name)) == a, "\(name)")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: checked.appendingPathComponent("junit").path).sorted()
        #expect(files.contains("acme-eu.xml"))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: rendered.appendingPathComponent("junit").path).sorted() == files)
        for name in files where name.hasSuffix(".xml") {
            let a = try Data(contentsOf: checked.appendingPathComponent("junit/\(name)"))
            #expect(try Data(contentsOf: rendered.appendingPathComponent("junit/\(name)")) == a, "junit/\(name)")
        }
        // The HTML folder too, page by page (the index names the document's digest either way).
        let pages = try FileManager.default.contentsOfDirectory(atPath: checked.appendingPathComponent("html").path).sorted()
        #expect(pages.contains("index.html") && pages.contains("workspace-acme-eu.html"))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: rendered.appendingPathComponent("html").path).sorted() == pages)
        for name in pages {
            let a = try Data(contentsOf: checked.appendingPathComponent("html/\(name)"))
            #expect(try Data(contentsOf: rendered.appendingPathComponent("html/\(name)")) == a, "html/\(name)")
        }
    }

    /// Reports that list no passes, read or built without them: a JUnit file read with passes
    /// counted, and read again with them kept when it lists them (under its cap, or a policy's
    /// lone pass); the HTML report, SARIF and Markdown from `report`, and the HTML report from a
    /// `check` that writes no JUnit file. Each is the file `check` wrote keeping every result.
    @Test(arguments: [[], ["--junit-max-cases", "1"], ["--junit-max-cases", "7"]])
    func reportsWithoutPassesAreTheOnesCheckWrote(cap: [String]) throws {
        let dir = try temporaryFolder([:])
        let json = dir.appendingPathComponent("results.json").path
        let lone = [("--junit", "junit.xml")]
        let with = lone + [("--html", "r.html"), ("--sarif", "r.sarif"), ("--markdown", "r.md")]
        func arguments(_ reports: [(String, String)], _ folder: String) -> [String] {
            reports.flatMap { [$0.0, dir.appendingPathComponent(folder).appendingPathComponent($0.1).path] }
        }
        let check = try residency(["check", "--json", json] + arguments(with, "check") + cap + Self.now)
        #expect(check.status == 1, "\(check.stderr)")
        for (reports, folder) in [(lone, "lone"), (with, "with")] {
            let report = try residency(["report", json] + arguments(reports, folder) + cap)
            #expect(report.status == 0, "\(report.stderr)")
            for (_, name) in reports {
                let a = try Data(contentsOf: dir.appendingPathComponent("check/\(name)"))
                #expect(try Data(contentsOf: dir.appendingPathComponent("\(folder)/\(name)")) == a, "\(folder)/\(name) \(cap)")
            }
        }
        // `check` without a JUnit file keeps no pass; its JSON document is the same bytes, so
        // the HTML report names the same digest.
        let again = dir.appendingPathComponent("again.json").path
        let html = [("--html", "r.html")]
        let counted = try residency(["check", "--json", again] + arguments(html, "counted") + Self.now)
        #expect(counted.status == 1, "\(counted.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: again)) == Data(contentsOf: URL(fileURLWithPath: json)))
        let a = try Data(contentsOf: dir.appendingPathComponent("check/r.html"))
        #expect(try Data(contentsOf: dir.appendingPathComponent("counted/r.html")) == a, "check --html \(cap)")
    }

    @Test func aMalformedDocumentExitsTwoWithItsPlaceAndWritesNothing() throws {
        let example = try String(
            contentsOf: repositoryRoot.appendingPathComponent("reports/example-results.json"), encoding: .utf8)
        let dir = try temporaryFolder([
            "old.json": example.replacingOccurrences(of: #""schemaVersion": 4"#, with: #""schemaVersion": 5"#),
            // The first is RES-003's in `policies[]`, whose results take it from there.
            "edited.json": example.replacingFirst(#""severity": "warning""#, with: #""severity": "warnin""#),
            "report.html": "previous",
        ])
        let old = try residency(["report", "old.json", "--html", "report.html", "--sarif", "new.sarif"], in: dir)
        #expect(old.status == 2)
        #expect(
            old.stderr.contains(
                "old.json:2:20: error[E1502]: old.json is not a residency result document (schemaVersion 4): found schemaVersion 5"
            ), "\(old.stderr)")
        #expect(old.stderr.contains("residency: no report written"))
        let edited = try residency(["report", "edited.json", "--html", "report.html"], in: dir)
        #expect(edited.status == 2)
        #expect(
            edited.stderr.contains(#"edited.json:"#)
                && edited.stderr.contains(#"error[E1506]: `policies[3].severity` is "warnin""#), "\(edited.stderr)")
        #expect(edited.stderr.contains(#"help: did you mean "warning"?"#))
        #expect(try String(contentsOf: dir.appendingPathComponent("report.html"), encoding: .utf8) == "previous")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("new.sarif").path))
        let missing = try residency(["report", "nothing.json", "--html", "report.html"], in: dir)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("error[E1501]: cannot read result document nothing.json: no such file"))
    }

    @Test func diagnosticsCanBeJSON() throws {
        let dir = try temporaryFolder(["cut.json": "{\"schemaVersion\": 2,\n \"results\": ["])
        let r = try residency(["report", "cut.json", "--html", "x.html", "--diagnostics-format", "json"], in: dir)
        #expect(r.status == 2)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let first = try #require((doc["diagnostics"] as? [[String: Any]])?.first)
        #expect(first["code"] as? String == "E1503")
        let start = (first["range"] as? [String: Any])?["start"] as? [String: Any]
        #expect(start?["line"] as? Int == 2 && start?["column"] as? Int == 14)
    }

    @Test func aReportOptionIsRequired() throws {
        let r = try residency(["report", "reports/example-results.json"])
        #expect(r.status == 2)
        #expect(
            r.stderr.contains(
                "name at least one report to write: --junit, --junit-dir, --html, --html-dir, --sarif or --markdown"))
        let noDocument = try residency(["report", "--html", "x.html"])
        #expect(noDocument.status == 2)
        #expect(noDocument.stderr.contains("Missing expected argument '<results.json>'"), "\(noDocument.stderr)")
        let badLimit = try residency(["report", "reports/example-results.json", "--markdown", "x.md", "--markdown-limit", "9"])
        #expect(badLimit.status == 2)
        #expect(badLimit.stderr.contains("--markdown-limit must be at least 4000, found 9"))
    }

    @Test func anUnwritableReportIsExitTwo() throws {
        let dir = try temporaryFolder(["blocker": "a file, not a folder"])
        let r = try residency(
            ["report", repositoryRoot.appendingPathComponent("reports/example-results.json").path, "--html", "blocker/r.html"],
            in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("cannot write"))
    }

    @Test func helpSaysItIsNotAGate() throws {
        let r = try residency(["report", "--help"])
        #expect(r.status == 0)
        for text in ["It is not a gate", "--junit-dir <dir>", "--markdown-limit <n>", "--diagnostics-format"] {
            #expect(r.stdout.contains(text), "\(text)")
        }
        #expect(try residency(["--help"]).stdout.contains("report"))
    }
}

extension String {
    /// The text with the first `target` replaced.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let r = range(of: target) else { return self }
        return replacingCharacters(in: r, with: replacement)
    }
}
