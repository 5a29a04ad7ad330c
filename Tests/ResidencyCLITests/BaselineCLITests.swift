import Foundation
import Testing

/// `check --baseline`: findings new, unchanged or resolved against a previous run, matched by
/// fingerprints that survive reordering and renaming; --fail-on-new; RES-010 region changes.
@Suite struct BaselineCLITests {
    static let now = ["--now", "2026-11-28T02:00:00Z"]

    /// Copies the example inventory into a temp folder, optionally editing the EU bundle.
    static func inventory(usFirst: Bool = false, _ edit: (String) -> String = { $0 }) throws -> URL {
        let eu = try String(contentsOf: repositoryRoot.appendingPathComponent("examples/inventory/acme-eu.json"), encoding: .utf8)
        let us = try String(contentsOf: repositoryRoot.appendingPathComponent("examples/inventory/acme-us.yaml"), encoding: .utf8)
        // Folders load in sorted order: a `0-` prefix puts the US workspace first.
        return try temporaryFolder(["inv/acme-eu.json": edit(eu), usFirst ? "inv/0-acme-us.yaml" : "inv/acme-us.yaml": us])
    }

    static func check(_ dir: URL, _ extra: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let root = repositoryRoot.path
        return try residency(
            ["check", "--policies", "\(root)/policies", "--facts", "\(root)/examples/facts.yaml", "--inventory", "inv"] + extra
                + now,
            in: dir)
    }

    static func document(_ url: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    @Test func sameRunIsAllUnchangedAndDoesNotFailOnNew() throws {
        let dir = try Self.inventory()
        _ = try Self.check(dir, ["--json", "base.json"])
        let r = try Self.check(dir, ["--baseline", "base.json", "--json", "now.json", "--fail-on-new"])
        #expect(r.status == 0, "\(r.stderr)")
        // Changed with issue 10 (before: 10): the example has 8 failing or undecided results.
        #expect(r.stdout.contains("baseline:    0 new, 8 unchanged, 0 resolved since base.json (gating on new findings only)"))
        let baseline = try #require(try Self.document(dir.appendingPathComponent("now.json"))["baseline"] as? [String: Any])
        #expect(baseline["new"] as? Int == 0)
        #expect(baseline["unchanged"] as? Int == 8)
    }

    /// JUnit goes red exactly when the gate does: with --fail-on-new, unchanged findings pass
    /// (their finding in system-out) and only new ones are failures.
    @Test func junitFollowsTheGateWithFailOnNew() throws {
        let dir = try Self.inventory()
        _ = try Self.check(dir, ["--json", "base.json"])
        let r = try Self.check(dir, ["--baseline", "base.json", "--fail-on-new", "--junit", "now.xml"])
        #expect(r.status == 0, "\(r.stderr)")
        let xml = try String(contentsOf: dir.appendingPathComponent("now.xml"), encoding: .utf8)
        #expect(xml.contains(#"failures="0" errors="0""#), "\(xml.prefix(300))")
        #expect(!xml.contains("<failure ") && !xml.contains("<error "))
        #expect(xml.contains("FAIL RES-001 (error)"))  // still reported, in system-out
        let gated = try Self.check(dir, ["--baseline", "base.json", "--junit", "all.xml"])
        #expect(gated.status == 1)
        let all = try String(contentsOf: dir.appendingPathComponent("all.xml"), encoding: .utf8)
        #expect(all.contains("<failure "))
    }

    /// The HTML and Markdown reports say the gate's counts as it counted them: with
    /// --fail-on-new, unchanged findings at the gate's severity are "already in the baseline",
    /// not failures of the gate (the HTML said 5 failed under a passed gate) nor "below the
    /// threshold" (the Markdown counted them there).
    @Test func humanReportsCountTheGateWithFailOnNew() throws {
        let dir = try Self.inventory()
        _ = try Self.check(dir, ["--json", "base.json"])
        let r = try Self.check(dir, ["--baseline", "base.json", "--fail-on-new", "--html", "now.html", "--markdown", "now.md"])
        #expect(r.status == 0, "\(r.stderr)")
        let baselineSentence = "5 results at the threshold failed or could not be decided but were already in the baseline"
        let md = try String(contentsOf: dir.appendingPathComponent("now.md"), encoding: .utf8)
        #expect(md.contains("0 failed and 0 could not be decided."), "\(md.prefix(800))")
        #expect(md.contains(baselineSentence) && md.contains("Below the threshold, 3 results"), "\(md.prefix(800))")
        let html = try String(contentsOf: dir.appendingPathComponent("now.html"), encoding: .utf8)
        #expect(html.contains("0 results at severity error failed and 0 could not be decided"))
        #expect(html.contains(baselineSentence) && html.contains("Below the threshold, 3 results"))
    }

    @Test func renamingAndReorderingKeepFindingsUnchanged() throws {
        let dir = try Self.inventory()
        _ = try Self.check(dir, ["--json", "base.json"])
        // Rename Customer.io's display name, and load the US workspace first.
        let edited = try Self.inventory(usFirst: true) { text in
            text.replacingOccurrences(of: #""name": "Customer.io""#, with: #""name": "Customer.io (lifecycle mail)""#)
        }
        try FileManager.default.copyItem(
            at: dir.appendingPathComponent("base.json"), to: edited.appendingPathComponent("base.json"))
        let r = try Self.check(edited, ["--baseline", "base.json"])
        // Changed with issue 10 (before: 10): the example has 8 failing or undecided results.
        #expect(r.stdout.contains("0 new, 8 unchanged, 0 resolved"), "\(r.stdout)")
    }

    /// The fingerprint names the (policy, resource); whether the problem is the one the
    /// baseline accepted is what it rests on. A destination that moved from one non-EU region
    /// to another, or a transfer that was undecided and now fails, is new under --fail-on-new
    /// (both were "unchanged", and the gate passed), and the old finding is not "resolved".
    @Test(arguments: [
        // Braze from its Australian cluster to its Japanese one: a transfer to another country.
        ("https://rest.fra-01.braze.eu", "https://rest.au-01.braze.com", "https://rest.jp-01.braze.com"),
        // Whose data the workspace holds not given (RES-001 undecided for DPF transfers), then
        // Swiss data subjects, whom the DPF does not cover: the undecided result now fails.
        (#""dataSubjects": ["EU"],"#, "", #""dataSubjects": ["EU", "CH"],"#),
    ])
    func aChangedProblemAtTheSameResourceIsNew(find: String, before: String, after: String) throws {
        let dir = try Self.inventory { $0.replacingOccurrences(of: find, with: before) }
        _ = try Self.check(dir, ["--json", "base.json"])
        let edited = try Self.inventory { $0.replacingOccurrences(of: find, with: after) }
        try FileManager.default.copyItem(
            at: dir.appendingPathComponent("base.json"), to: edited.appendingPathComponent("base.json"))
        let r = try Self.check(edited, ["--baseline", "base.json", "--fail-on-new"])
        #expect(r.status == 1, "\(r.stdout)")
        #expect(r.stdout.contains("gate:        failed at error"), "\(r.stdout)")
        #expect(r.stdout.contains(" new, ") && !r.stdout.contains("baseline:    0 new"), "\(r.stdout)")
        #expect(r.stdout.contains(", 0 resolved since"), "\(r.stdout)")
    }

    /// What a finding rests on is its inventory's and catalog's derived values, not the day:
    /// a later night with nothing changed is all unchanged (the audit date is no derived value).
    @Test func aLaterNightWithNothingChangedIsUnchanged() throws {
        let dir = try Self.inventory()
        _ = try Self.check(dir, ["--json", "base.json"])
        let root = repositoryRoot.path
        let later = try residency(
            [
                "check", "--policies", "\(root)/policies", "--facts", "\(root)/examples/facts.yaml", "--inventory", "inv",
                "--baseline", "base.json", "--fail-on-new", "--now", "2026-12-15T02:00:00Z",
            ], in: dir)
        #expect(later.status == 0, "\(later.stdout)")
        #expect(later.stdout.contains("baseline:    0 new, 8 unchanged, 0 resolved"), "\(later.stdout)")
    }

    @Test func fixingAViolationResolvesItAndANewOneIsNew() throws {
        let dir = try Self.inventory()
        _ = try Self.check(dir, ["--json", "base.json"])
        let edited = try Self.inventory { text in
            text.replacingOccurrences(of: #""accountRegion": "US 🇺🇸""#, with: #""accountRegion": "EU 🇪🇺""#)
                .replacingOccurrences(
                    of: "acme-analytics.c1x2y3z4.eu-west-1.redshift", with: "acme-analytics.c1x2y3z4.us-east-1.redshift")
        }
        try FileManager.default.copyItem(
            at: dir.appendingPathComponent("base.json"), to: edited.appendingPathComponent("base.json"))
        let r = try Self.check(edited, ["--baseline", "base.json", "--json", "now.json", "--fail-on-new", "--html", "now.html"])
        #expect(r.status == 1)
        let html = try String(contentsOf: edited.appendingPathComponent("now.html"), encoding: .utf8)
        // Changed with issue 10 (before: 9 unchanged): the example has one failing result fewer.
        #expect(
            html.contains("1 new, 7 unchanged and 1 resolved failing or undecided results; the gate counted only the new ones."))
        #expect(r.stdout.contains("1 new, 7 unchanged, 1 resolved"), "\(r.stdout)")
        let doc = try Self.document(edited.appendingPathComponent("now.json"))
        let results = expandedResults(doc)
        let new = results.filter { $0["change"] as? String == "new" }
        #expect(new.count == 1)
        #expect((new.first?["resource"] as? [String: Any])?["id"] as? String == "2kTqR7vB9xN3mP5sW8yL1c")
        let resolved = try #require((doc["baseline"] as? [String: Any])?["resolved"] as? [[String: Any]])
        #expect(resolved.first?["id"] as? String == "64c3d5e6f7a8b9c0d1e2f3a4")
    }

    /// A folder with tonight's inventory, edited by `more` after the same workspace id was made
    /// to answer as a US workspace, and `base.json`: last night's document, from the EU one.
    static func movedToTheUS(_ more: (String) -> String = { $0 }) throws -> URL {
        let dir = try inventory()
        _ = try check(dir, ["--json", "base.json"])
        let edited = try inventory { text in
            more(
                text.replacingOccurrences(of: "https://eu1.api.segmentapis.com", with: "https://api.segmentapis.com")
                    .replacingOccurrences(of: #""region": "eu-west""#, with: #""region": "us-west""#))
        }
        try FileManager.default.copyItem(
            at: dir.appendingPathComponent("base.json"), to: edited.appendingPathComponent("base.json"))
        return edited
    }

    @Test func aChangedRegionIsRES010() throws {
        let edited = try Self.movedToTheUS()
        let r = try Self.check(edited, ["--baseline", "base.json", "--junit", "j.xml"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("FAIL    RES-010  error   acme-eu/workspace/9aQ1Lj62S4bomZKLF4DPqW"), "\(r.stdout)")
        #expect(r.stdout.contains("was eu-west in the baseline and is us-west now"))
        let junit = try String(contentsOf: edited.appendingPathComponent("j.xml"), encoding: .utf8)
        #expect(junit.contains(#"<testsuite name="residency.RES-010""#))
    }

    /// The built-in results (RES-010 against a baseline, RES-013 for an incomplete export) of a
    /// workspace that is not the last are written in that workspace's record of the JSON
    /// document, and the reports `report` renders from it are the ones `check` wrote. (They
    /// were once appended after every workspace's results, which the document cannot hold.)
    @Test func builtInResultsOfAnEarlierWorkspaceAreWrittenInItsRecord() throws {
        // And its export stopped after the first page: RES-013 as well.
        let edited = try Self.movedToTheUS {
            $0.replacingOccurrences(of: #""next": null, "previous": null, "totalEntries": 5"#, with: #""next": "Mw==""#)
        }
        let r = try Self.check(edited, ["--baseline", "base.json", "--json", "now.json", "--junit", "a.xml", "--sarif", "a.sarif"])
        #expect(r.status == 1, "\(r.stderr)")
        let doc = try Self.document(edited.appendingPathComponent("now.json"))
        let results = expandedResults(doc)
        let builtIn = results.filter { ["RES-010", "RES-013"].contains($0["policy"] as? String) }
        #expect(builtIn.map { $0["policy"] as? String } == ["RES-013", "RES-010"])
        #expect(builtIn.allSatisfy { $0["workspace"] as? String == "acme-eu" })
        // Every acme-eu result comes before every acme-us one.
        let slugs = results.map { $0["workspace"] as? String ?? "" }
        #expect(slugs == slugs.sorted())
        let rendered = try residency(["report", "now.json", "--junit", "b.xml", "--sarif", "b.sarif"], in: edited)
        #expect(rendered.status == 0, "\(rendered.stderr)")
        for (a, b) in [("a.xml", "b.xml"), ("a.sarif", "b.sarif")] {
            #expect(try Data(contentsOf: edited.appendingPathComponent(a)) == Data(contentsOf: edited.appendingPathComponent(b)), "\(b)")
        }
    }

    @Test func failOnNewNeedsABaselineAndABadBaselineIsExitTwo() throws {
        #expect(try residency(["check", "--fail-on-new"] + Self.now).status == 2)
        let dir = try temporaryFolder(["old.json": "{\"hello\": 1}"])
        let r = try residency(["check", "--baseline", dir.appendingPathComponent("old.json").path] + Self.now)
        #expect(r.status == 2)
        #expect(r.stderr.contains("error[E1002]"))
        // Refused before the inventories are read: a broken export is not even opened.
        let broken = try temporaryFolder(["old.json": "{\"hello\": 1}", "inventory/ws.json": "{"])
        let both = try residency(
            ["check", "--baseline", broken.appendingPathComponent("old.json").path, "--inventory",
             broken.appendingPathComponent("inventory").path] + Self.now)
        #expect(both.status == 2)
        #expect(both.stderr.contains("error[E1002]"))
        #expect(!both.stderr.contains("ws.json"), "\(both.stderr)")
    }
}
