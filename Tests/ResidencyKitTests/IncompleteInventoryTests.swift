import Foundation
import Testing

@testable import ResidencyKit

/// Issue 11: incompleteness is never compliance. An inventory that says it leaves resources
/// out (a page whose `pagination.next` was not followed, a plan Terraform marks errored or not
/// complete) was a warning and the verdict stayed compliant. Now the workspace gets one
/// indeterminate result of its own (RES-013, severity error) that counts at the gate, unless
/// `--allow-incomplete`, which keeps the warning and records a notice instead.
@Suite struct IncompleteInventoryTests {
    /// An EU workspace every policy passes, but for the pages it says it left out.
    static let partialBundle = """
        {"exportVersion": 1, "apiHost": "https://eu1.api.segmentapis.com", "workspace": {"id": "ws-x", "slug": "partial-eu"},
         "dataSubjects": ["EU"],
         "sources": {"data": {"sources": [{"id": "web", "name": "Website", "enabled": true, "metadata": {"name": "Javascript"}}],
                     "pagination": {"current": "MA==", "next": 1️⃣"Mw=="}}}, "destinations": [], "warehouses": []}
        """

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var file: String
        var text: String
        var reason: String
        var warning: String
        var testDescription: String { name }
    }

    static let plan = InventoryFixture.text("examples/terraform/plan.json")

    static let cases: [Case] = [
        Case(
            name: "a page with pagination.next", file: "partial.json", text: partialBundle,
            reason: #"the `sources` export has more pages (pagination.next = "Mw==") that were not fetched"#,
            warning: "W0603"),
        Case(
            name: "the last of several pages has pagination.next", file: "pages.json",
            text: """
                {"apiHost": "https://eu1.api.segmentapis.com", "workspace": {"id": "ws-x", "slug": "partial-eu"},
                 "dataSubjects": ["EU"],
                 "sources": [{"data": {"sources": [{"id": "web", "name": "Website", "metadata": {"name": "Javascript"}}]},
                              "pagination": {"next": "MQ=="}},
                             {"data": {"sources": []}, "pagination": {"next": 1️⃣"Mg=="}}], "destinations": [], "warehouses": []}
                """,
            reason: #"the `sources` export has more pages (pagination.next = "Mg==") that were not fetched"#,
            warning: "W0603"),
        // A bundle put together by hand that forgot its warehouses: not "no warehouses".
        Case(
            name: "a bundle without its warehouses list", file: "hand.json",
            text: """
                1️⃣{"apiHost": "https://eu1.api.segmentapis.com", "workspace": {"id": "ws-x", "slug": "partial-eu"},
                 "dataSubjects": ["EU"], "destinations": [],
                 "sources": [{"id": "web", "name": "Website", "enabled": true, "metadata": {"name": "Javascript"}}]}
                """,
            reason: "the bundle has no `warehouses` list, so whether the workspace has warehouses is not known",
            warning: "W0609"),
        Case(
            name: "a YAML bundle without destinations", file: "hand.yaml",
            text: "1️⃣apiHost: https://eu1.api.segmentapis.com\nworkspace: {id: ws-x, slug: partial-eu}\n"
                + "dataSubjects: [EU]\nwarehouses: []\n"
                + "sources: [{id: web, name: Website, enabled: true, metadata: {name: Javascript}}]\n",
            reason: "the bundle has no `destinations` list, so whether the workspace has destinations is not known",
            warning: "W0609"),
        Case(
            name: "a plan marked errored", file: "plan.json",
            text: plan.replacingOccurrences(of: #""errored": false"#, with: #""errored": 1️⃣true"#),
            reason: "Terraform marks the plan errored: resources it did not get to are missing", warning: "W1407"),
        Case(
            name: "a plan with deferred changes", file: "plan.json",
            text: plan.replacingOccurrences(of: #""complete": true"#, with: #""complete": 1️⃣false"#),
            reason: "Terraform marks the plan incomplete (`complete: false`): deferred changes are missing",
            warning: "W1407"),
    ]

    static func run(_ c: Case, allowIncomplete: Bool = false) throws -> (AuditRun.Outcome, MarkedSource, String) {
        let marked = InventoryMarked(c.text)
        let dir = try InventoryFixture.temporaryFolder()
        let path = dir + "/" + c.file
        try InventoryFixture.write(marked.text, to: path)
        var options = AuditRun.Options()
        options.policies = [InventoryFixture.repoPath("policies")]
        options.inventories = [path]
        options.facts = InventoryFixture.repoPath("examples/facts.yaml")
        options.allowIncomplete = allowIncomplete
        options.clock = { Date(timeIntervalSince1970: 1_795_831_200) }  // 2026-11-28T02:00:00Z
        let outcome = AuditRun.run(options)
        try? FileManager.default.removeItem(atPath: dir)
        return (outcome, marked, path)
    }

    @Test(arguments: cases)
    func anIncompleteWorkspaceIsIndeterminateAndCountsAtTheGate(_ c: Case) throws {
        let (outcome, marked, path) = try Self.run(c)
        #expect(outcome.status == .violations, "\(outcome.diagnostics.map(\.message))")
        let document = try #require(outcome.document)
        // Undecided at error severity: the workspace cannot be shown compliant, and the gate fails.
        #expect(!document.summary.verdict.isCompliant)
        #expect(document.summary.gate == .failed)
        let results = document.results.filter { $0.policy == "RES-013" }
        #expect(results.count == 1)
        let r = try #require(results.first)
        #expect(r.outcome == .indeterminate)
        #expect(r.severity == .error)
        #expect(r.resourceKind == "workspace")
        #expect(r.reason == c.reason)
        #expect(document.trips(r))
        // The evidence says where the inventory says so, file:line:col.
        #expect(r.evidence.first?.from == "\(c.reason) (\(path):\(marked.at()))")
        // Listed as a built-in policy, so reports and `report` can name it.
        #expect(document.policies.contains { $0.id == "RES-013" && $0.file == "(built in)" })
        // The warning at its place is kept.
        let w = try #require(outcome.diagnostics.first { $0.code == c.warning })
        #expect(w.lineColumn == marked.at())
    }

    @Test(arguments: cases)
    func allowIncompleteAuditsWhatIsThereWithAWarning(_ c: Case) throws {
        let (outcome, marked, _) = try Self.run(c, allowIncomplete: true)
        let document = try #require(outcome.document)
        #expect(!document.results.contains { $0.policy == "RES-013" })
        #expect(!document.policies.contains { $0.id == "RES-013" })
        #expect(document.notices.contains { $0.code == "incomplete-allowed" && $0.message.contains(c.reason) })
        let w = try #require(outcome.diagnostics.first { $0.code == c.warning })
        #expect(w.severity == .warning)
        #expect(w.lineColumn == marked.at())
    }

    /// A compliant verdict over an inventory the run knew to be incomplete says so in every
    /// report, where its readers look: JUnit as a skipped testcase of the run's suite (a
    /// dashboard shows it though every test passed), the verdict box of the HTML report and of
    /// the Markdown summary, and the workspace's own page of an HTML folder.
    @Test func allowIncompleteIsSaidInEveryReport() throws {
        let (outcome, _, _) = try Self.run(Self.cases[0], allowIncomplete: true)
        let doc = try #require(outcome.document)
        #expect(doc.summary.verdict == .compliant)
        let notice = try #require(doc.notices.first { $0.code == "incomplete-allowed" })
        #expect(notice.workspace == "partial-eu")
        #expect(!notice.blocks && notice.isGap)

        let junit = try JUnitReport().render(doc)
        #expect(junit.contains(#"<testsuite name="residency.run" tests="1" failures="0" errors="0" skipped="1""#), "\(junit)")
        #expect(junit.contains(#"<skipped message="workspace partial-eu was audited with --allow-incomplete"#))
        // A workspace's own file of a JUnit folder leaves the run's notices to the run's file.
        #expect(!(try JUnitReport().render(doc, workspace: "partial-eu")).contains("residency.run"))

        let gap = "Not all of the input was audited: 1 workspace was audited although its inventory says it is incomplete"
        #expect(HTMLReport().render(doc, provenance: doc.run.ranBy).contains(gap))
        #expect(MarkdownReport().render(doc).contains("**" + gap))
        let pages = HTMLReport().renderSite(doc, provenance: doc.run.ranBy)
        let page = try #require(pages.first { $0.name.hasPrefix("workspace-") })
        #expect(page.html.contains("<strong>incomplete-allowed: </strong>workspace partial-eu was audited"))

        // Read back from the JSON document, the notice keeps its workspace.
        let read = try ResultDocumentReadTests.roundTrip(doc)
        #expect(read.notices == doc.notices)
        #expect(try JUnitReport().render(read) == junit)

        // Without the flag, the workspace is undecided (RES-013) and no notice says more.
        let undecided = try #require(try Self.run(Self.cases[0]).0.document)
        #expect(undecided.gapSentence == nil)
        #expect(!(try JUnitReport().render(undecided)).contains("<skipped"))
    }

    /// The bundle case passes every policy otherwise: with the flag, the gate passes.
    @Test func allowIncompletePassesWhenNothingElseFails() throws {
        let (outcome, _, _) = try Self.run(Self.cases[0], allowIncomplete: true)
        #expect(outcome.status == .ok, "\(outcome.document?.results.filter { $0.outcome != .pass }.map(\.policy) ?? [])")
    }

    /// Each list left out is named, at the bundle; one written `[]` is none and says nothing.
    @Test func eachAbsentListIsNamedAndAnEmptyOneIsNone() throws {
        let marked = InventoryMarked(#"1️⃣{"workspace": {"id": "w", "slug": "s"}, "warehouses": []}"#)
        let loaded = InventoryFixture.load(marked.text)
        #expect(loaded.codes == ["W0609", "W0609"])
        #expect(
            loaded.diagnostics.map(\.message) == [
                "the bundle has no `sources` list: whether the workspace has sources is not known",
                "the bundle has no `destinations` list: whether the workspace has destinations is not known",
            ])
        #expect(loaded.diagnostics.allSatisfy { $0.lineColumn == marked.at() })
        #expect(loaded.diagnostics.first?.help?.contains(#"write `"sources": []` if it has none"#) == true)
        #expect(try #require(loaded.only).workspace.incomplete.count == 2)
        // In a `workspaces` file each bundle is read on its own.
        let two = InventoryFixture.load(
            #"{"workspaces": [{"workspace": {"id": "a", "slug": "a"}, "sources": [], "destinations": [], "warehouses": []},"#
                + #" {"workspace": {"id": "b", "slug": "b"}, "sources": [], "destinations": []}]}"#)
        #expect(two.codes == ["W0609"])
        #expect(two.workspaces.map(\.workspace.incomplete.count) == [0, 1])
    }

    /// A complete list of pages (the last one's `next` is null) is not incomplete.
    @Test func everyPageGivenIsComplete() throws {
        let text = Self.partialBundle.replacingOccurrences(of: #""next": 1️⃣"Mw==""#, with: #""next": null"#)
        let loaded = InventoryFixture.load(text)
        #expect(loaded.diagnostics.isEmpty)
        #expect(try #require(loaded.only).workspace.incomplete.isEmpty)
    }
}
