import Foundation
import Testing

@testable import ResidencyKit

/// What `check` prints for a CI log (issue 13): the verdict and the gate on their own lines,
/// findings that trip the gate first and new ones before unchanged ones, each marked, with the
/// place of the resource and the command that explains it, and resolved findings listed.
@Suite struct TerminalSummaryTests {
    @Test func gateFirstThenNewEachMarkedWithItsPlaceAndExplainCommand() throws {
        let doc = try ReportFixtures.example(failOn: .error, baseline: true)
        let out = TerminalSummary(colour: false).render(doc)
        let findings = out.split(separator: "\n").filter { $0.hasPrefix("  FAIL") || $0.hasPrefix("  UNKNOWN") }
        #expect(!findings.isEmpty)
        // The baseline is the example with one fingerprint changed: that finding is new.
        let new = try #require(findings.firstIndex { $0.contains("NEW") })
        let firstNotGating = findings.firstIndex { !$0.contains("(gate)") } ?? findings.count
        #expect(findings.allSatisfy { $0.contains("NEW") || $0.contains("unchanged") })
        // Gating findings come first; among them, the new one leads.
        #expect(findings[..<firstNotGating].allSatisfy { $0.contains("(gate)") })
        #expect(findings[firstNotGating...].allSatisfy { !$0.contains("(gate)") })
        if findings[new].contains("(gate)") { #expect(new == 0) }
        #expect(out.contains("          at examples/inventory/acme-eu.json:"))
        #expect(out.contains("          explain: residency explain --policy RES-001 --resource "))
        #expect(out.contains(" --workspace acme-eu\n"))
        #expect(out.contains("\nverdict:     NOT COMPLIANT — "))
        #expect(out.contains("\ngate:        failed at error (--fail-on error)\n"))
    }

    @Test func resolvedFindingsAreListed() throws {
        var doc = try ReportFixtures.example(failOn: .error, baseline: true)
        doc.baseline?.resolved = [
            .init(
                fingerprint: "f", policy: "RES-001", workspace: "acme-eu", resourceKind: "destination", resourceId: "gone",
                resourceName: "Gone")
        ]
        let out = TerminalSummary(colour: false).render(doc)
        #expect(out.contains("  RESOLVED RES-001  acme-eu/destination/gone\n"))
    }

    /// A workspace of the baseline that is not in the run is said so, and its findings are not
    /// counted as resolved.
    @Test func aWorkspaceMissingTonightIsNotResolvedInSilence() throws {
        let root = ReportFixtures.root
        var options = AuditRun.Options()
        options.policies = ["\(root)/policies"]
        options.inventories = ["\(root)/examples/inventory"]
        options.facts = "\(root)/examples/facts.yaml"
        options.clock = { JUnitReportTests.instant }
        let full = try #require(AuditRun.run(options).document)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-\(UUID().uuidString).json").path
        #expect(FileManager.default.createFile(atPath: file, contents: Data(full.json())))
        defer { try? FileManager.default.removeItem(atPath: file) }
        options.inventories = ["\(root)/examples/inventory/acme-us.yaml"]
        options.baseline = file
        let doc = try #require(AuditRun.run(options).document)
        #expect(doc.baseline?.resolved.contains { $0.workspace == "acme-eu" } == false)
        let notice = try #require(doc.notices.first { $0.code == "baseline-workspace-missing" })
        #expect(notice.message.hasPrefix("workspace acme-eu is in the baseline but not in this run's inventories"))
        #expect(TerminalSummary(colour: false).render(doc).contains("NOTICE  workspace acme-eu is in the baseline"))
    }
}
