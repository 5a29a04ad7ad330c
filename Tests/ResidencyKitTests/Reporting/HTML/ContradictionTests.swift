import Foundation
import Testing

@testable import ResidencyKit

/// No section of a report contradicts another, and no text meant for a lawyer carries policy
/// syntax, a command-line flag or a placeholder (issue 13, item 2). Checked over every kind of
/// run the fixtures make: the example with and without facts, with waivers and a baseline,
/// the Terraform plan, the hostile inventory, and generated nights of many workspaces.
@Suite struct ContradictionTests {
    static func runs() throws -> [(name: String, doc: ResultDocument)] {
        [
            ("example", try ReportFixtures.example()),
            ("example, warning gate, waivers and baseline", try ReportFixtures.example(failOn: .warning, waivers: true, baseline: true)),
            ("example, gate not applied", try ReportFixtures.example(failOn: .never)),
            ("example without facts", try PlainReasonTests.run("examples/inventory", facts: false)),
            ("terraform plan", try PlainReasonTests.run("examples/terraform")),
            ("terraform plan without facts", try PlainReasonTests.run("examples/terraform", facts: false)),
            ("undecided", try ReportFixtures.undecidedExample()),
            ("hostile", try HTMLFixtures.hostile()),
            ("generated, 20 copies", try ReportFixtures.large(copies: 20)),
            ("generated night", try HTMLLargeRunTests.night()),
        ]
    }

    /// Words a lawyer's text must not hold: policy syntax, flags, placeholders.
    static func jargon(_ text: String) -> String? {
        let forbidden = ["`", "unknown in the inventory", "(null)", "nil", "{d.", "{s.", "{w."]
        if let f = forbidden.first(where: text.contains) { return f }
        if text.range(of: #"(^|\s)--[a-z]"#, options: .regularExpression) != nil { return "a command-line flag" }
        // "through its us endpoint unknown", "allows connections from unknown": a value left out.
        if text.range(of: #"\b(endpoint|from|to|in|at|region) unknown\b"#, options: .regularExpression) != nil {
            return "a placeholder for a missing value"
        }
        return nil
    }

    @Test func findingsReadInWords() throws {
        for (name, doc) in try Self.runs() {
            for r in doc.results where ResultIndex.isListed(r.outcome) {
                for text in [r.message, r.reason, r.remediation, r.basis].compactMap({ $0 }) {
                    if let bad = Self.jargon(text) { Issue.record("\(name): \(r.policy) \(r.resourceId): \(bad) in “\(text)”") }
                }
            }
        }
    }

    @Test func sectionsAgree() throws {
        for (name, doc) in try Self.runs() {
            let html = HTMLReport().render(doc, provenance: HTMLFixtures.provenance)
            // The verdict box says the document's verdict; the gate is apart, and off only with `never`.
            #expect(html.contains("<p class=\"verdict-word\">\(doc.summary.verdict.headline)</p>"), "\(name)")
            #expect(
                html.contains("Deployment gate: not applied") == (doc.summary.failOn == .never), "\(name)")
            // A workspace that is not compliant is never listed as compliant, nor the run.
            let failingAtError = doc.results.contains { $0.severity == .error && $0.outcome == .fail }
            if failingAtError { #expect(doc.summary.verdict == .nonCompliant, "\(name)") }
            let tallies = HTMLReport.workspaceTallies(doc)
            for (slug, t) in tallies where doc.results.contains(where: { $0.workspace == slug && $0.severity == .error && $0.outcome == .fail }) {
                #expect(t.verdict == .nonCompliant, "\(name): \(slug)")
            }
            for row in html.components(separatedBy: "<tr>").dropFirst() {
                let row = row.components(separatedBy: "</tr>")[0]
                // A flow with a recorded basis is not also said to have none.
                if row.contains("Legal basis: ") { #expect(!row.contains("No legal basis recorded."), "\(name): \(row.prefix(300))") }
                // The record of transfers: lawful only on a mechanism, a violation only without one.
                if row.contains("Lawful on the recorded mechanism") { #expect(!row.contains("<td>none recorded</td>"), "\(name)") }
                if row.contains("No mechanism recorded: a violation") { #expect(row.contains("<td>none recorded</td>"), "\(name)") }
                // A disabled resource sends nothing: it is never a crossing.
                if row.contains("none while disabled") { #expect(!row.contains("YES:"), "\(name)") }
            }
            for ws in doc.workspaces {
                let disabled = Set(
                    ws.destinations.filter { $0.enabled == false }.map(\.id) + ws.sources.filter { $0.enabled == false }.map(\.id)
                        + ws.warehouses.filter { $0.enabled == false }.map(\.id))
                for r in doc.results where r.workspace == ws.slug && disabled.contains(r.resourceId) {
                    // Only what it would do once enabled may be said ("whenever the destination is enabled").
                    for text in [r.message, r.remediation].compactMap({ $0 }) where !text.contains("whenever the destination is enabled") {
                        #expect(!text.contains(" sends ") && !text.contains(" receives "), "\(name): disabled \(r.resourceName): \(text)")
                    }
                }
                // GDPR's transfer rules are about data leaving the EU: no other workspace is asked for a basis.
                if HTMLWords.regionCode(ofWorkspace: ws.region) != "eu",
                    let section = HTMLFixtures.between(html, "id=\"\(HTMLMarkup.workspaceAnchor(ws.slug))\"", "</section>")
                {
                    #expect(!section.contains("No legal basis recorded."), "\(name): \(ws.slug)")
                }
            }
            // A resource whose transfer rests on a permit is not asked to record a basis.
            var permitted = Set<String>()
            for r in doc.results where r.outcome == .permitted { permitted.insert("\(r.workspace)/\(r.resourceKind)/\(r.resourceId)") }
            for r in doc.results where permitted.contains("\(r.workspace)/\(r.resourceKind)/\(r.resourceId)") {
                let remediation = (r.remediation ?? "").lowercased()
                #expect(!remediation.contains("record its legal basis") && !remediation.contains("record the transfer's legal basis"), "\(name): \(r.policy) \(r.resourceName)")
            }
        }
    }

    /// The pages of an `--html-dir` folder agree with the index: each workspace's page states
    /// the verdict the index lists for it.
    @Test func workspacePagesAgreeWithTheIndex() throws {
        for (name, doc) in try Self.runs() where doc.workspaces.count <= 40 {
            let site = HTMLReport().renderSite(doc, provenance: HTMLFixtures.provenance)
            let index = try #require(site.first { $0.name == "index.html" }).html
            // The index groups the workspaces by verdict (`<h4>` headline, then a list of links).
            var listed: [String: String] = [:]
            for group in index.components(separatedBy: "<h4>").dropFirst() {
                guard let open = group.range(of: "\">"), let close = group.range(of: "</span>") else { continue }
                let headline = String(group[open.upperBound..<close.lowerBound])
                let list = group.components(separatedBy: "</ol>")[0]
                for link in list.components(separatedBy: "href=\"").dropFirst() {
                    listed[String(link.prefix { $0 != "\"" })] = headline
                }
            }
            #expect(listed.count == doc.workspaces.count, "\(name): the index lists every workspace")
            for (page, headline) in listed {
                let html = try #require(site.first { $0.name == page }, "\(name): \(page)").html
                #expect(html.contains("<p class=\"verdict-word\">\(headline)</p>"), "\(name): \(page)")
            }
        }
    }
}
