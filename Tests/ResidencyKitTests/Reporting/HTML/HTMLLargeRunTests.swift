import Testing

@testable import ResidencyKit

/// A night of 1,000 workspaces (issue 13): every internal link lands on an element, every
/// workspace that is not compliant is listed, and the registers follow the verdict table's
/// worst-first order.
@Suite struct HTMLLargeRunTests {
    /// The example's two workspaces copied 500 times over, under other slugs; the results of
    /// every third copy left out, so that some workspaces are compliant.
    static func night() throws -> ResultDocument {
        let base = try ReportFixtures.example()
        var doc = base
        doc.workspaces = []
        doc.results = []
        for n in 0..<500 {
            for w in base.workspaces {
                var copy = w
                copy.slug = "\(w.slug)-\(n)"
                copy.id = "\(w.id)-\(n)"
                doc.workspaces.append(copy)
                guard n % 3 != 0 else { continue }
                for var r in base.results where r.workspace == w.slug {
                    r.workspace = copy.slug
                    doc.results.append(r)
                }
            }
        }
        doc.summary.workspaces = doc.workspaces.count
        return doc
    }

    @Test func everyInternalLinkHasItsTargetAndEveryFailingWorkspaceIsListed() throws {
        let doc = try Self.night()
        let html = HTMLReport().render(doc, provenance: HTMLFixtures.provenance)
        let ids = Set(html.components(separatedBy: " id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) })
        let targets = Set(html.components(separatedBy: "href=\"#").dropFirst().map { String($0.prefix { $0 != "\"" }) })
        #expect(!targets.isEmpty)
        #expect(targets.subtracting(ids).isEmpty, "\(targets.subtracting(ids).sorted().prefix(5))")
        // Every workspace with a failing result is in the verdict table.
        let failing = Set(doc.results.filter { $0.outcome == .fail && $0.severity == .error }.map(\.workspace))
        #expect(failing.count > 100)
        let table = try #require(HTMLFixtures.between(html, "Verdict per workspace", "</table>"))
        for slug in failing { #expect(table.contains("(\(slug))"), "\(slug)") }
        // Findings grouped by cause, with counts: RES-001's failures in one row.
        let causes = try #require(HTMLFixtures.between(html, "Failed and undecided results by cause", "</table>"))
        let res001 = doc.results.filter { $0.policy == "RES-001" && $0.outcome == .fail }
        #expect(causes.contains(">\(res001.count)</td>"))
        #expect(causes.contains("and \(res001.count - 3) more"))
        // The registers are the worst workspaces', in the table's order.
        let firstRegister = try #require(html.range(of: "id=\"workspace-"))
        let firstInTable = try #require(table.range(of: "href=\"#workspace-"))
        let slugInTable = table[firstInTable.upperBound...].prefix { $0 != "\"" }
        #expect(html[firstRegister.lowerBound...].prefix(400).contains(String(slugInTable)))
    }
}
