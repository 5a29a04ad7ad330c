import Foundation
import Testing

/// `check --sarif FILE` and `--markdown FILE`: written atomically even when the gate fails,
/// nothing written on bad input, `--markdown-limit` checked.
@Suite struct SARIFMarkdownCLITests {
    static let now = ["--now", "2026-11-28T02:00:00Z"]

    @Test func writesBothWhenTheGateFails() throws {
        let dir = try temporaryFolder([:])
        let sarif = dir.appendingPathComponent("out/residency.sarif"), markdown = dir.appendingPathComponent("out/summary.md")
        let r = try residency(["check", "--sarif", sarif.path, "--markdown", markdown.path] + Self.now)
        #expect(r.status == 1, "\(r.stderr)")
        let log = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: sarif)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let results = try #require(((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]))
        // Changed with issue 10 (before: 10): the example has 8 failing or undecided results.
        #expect(results.count == 8)
        // Run from the repository root, the inventory's path is repository-relative.
        let uri =
            ((results.first?["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            .flatMap { $0["artifactLocation"] as? [String: Any] }?["uri"] as? String
        #expect(uri == "examples/inventory/acme-eu.json")
        let text = try String(contentsOf: markdown, encoding: .utf8)
        #expect(text.hasPrefix("## ❌ residency: NOT COMPLIANT\n"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path)
        #expect(leftovers.sorted() == ["residency.sarif", "summary.md"], "no temporary files are left")
    }

    @Test func markdownLimitIsHonouredAndChecked() throws {
        let dir = try temporaryFolder([:])
        let markdown = dir.appendingPathComponent("summary.md")
        let ok = try residency(["check", "--markdown", markdown.path, "--markdown-limit", "4000"] + Self.now)
        #expect(ok.status == 1, "\(ok.stderr)")
        #expect(try String(contentsOf: markdown, encoding: .utf8).unicodeScalars.count <= 4000)
        let bad = try residency(["check", "--markdown", dir.appendingPathComponent("x.md").path, "--markdown-limit", "100"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--markdown-limit must be at least 4000, found 100"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("x.md").path))
    }

    @Test func badInputWritesNothingAndKeepsThePreviousReports() throws {
        let dir = try temporaryFolder(["bad.json": "{\"workspace\": ", "residency.sarif": "previous", "summary.md": "previous"])
        let r = try residency(
            [
                "check", "--policies", "\(repositoryRoot.path)/policies", "--inventory", "bad.json", "--sarif", "residency.sarif",
                "--markdown", "summary.md",
            ], in: dir)
        #expect(r.status == 2)
        #expect(try String(contentsOf: dir.appendingPathComponent("residency.sarif"), encoding: .utf8) == "previous")
        #expect(try String(contentsOf: dir.appendingPathComponent("summary.md"), encoding: .utf8) == "previous")
    }

    @Test(arguments: ["--sarif", "--markdown"])
    func unwritableReportIsExitTwo(flag: String) throws {
        let dir = try temporaryFolder(["blocker": "a file, not a folder"])
        let r = try residency(["check", flag, dir.appendingPathComponent("blocker/report").path] + Self.now)
        #expect(r.status == 2)
        #expect(r.stderr.contains("cannot write"))
    }

    @Test func helpNamesTheNewReports() throws {
        let r = try residency(["check", "--help"])
        #expect(r.status == 0)
        for text in ["--sarif", "--markdown <markdown>", "--markdown-limit <n>", "GITHUB_STEP_SUMMARY"] {
            #expect(r.stdout.contains(text), "\(text)")
        }
    }
}
