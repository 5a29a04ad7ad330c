import Foundation
import Testing

@testable import ResidencyKit

/// Issue 10's ground truth: inputs shaped from Segment's own data (the catalog data in
/// policies/catalog/inputs/, the SDKs' and destinations' code, the Terraform provider), one
/// case per rule, evaluated by the standard pack. The cases and the data each comes from are
/// in Tests/ResidencyKitTests/Fixtures/ground-truth/*.test.yaml.
@Suite struct GroundTruthTests {
    static let folder = fixturesFolder.appendingPathComponent("ground-truth").path

    static var testFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".test.yaml") }.sorted()
            .map { "\(folder)/\($0)" }
    }

    /// The pack's policy files, without its own tests (they run in PoliciesPackTests).
    static var policyFiles: [String] {
        ["availability.policy", "eu-residency.policy", "sdk-endpoints.policy", "warehouses.policy", "lib/segment.policy"]
            .map { "\(Pack.folder)/\($0)" }
    }

    @Test func everyGroundTruthCaseHoldsUnderTheStandardPack() throws {
        #expect(Self.testFiles.count >= 4, "the ground-truth folder lost its cases")
        var options = PolicyTestRunner.Options()
        options.paths = Self.policyFiles + Self.testFiles
        let outcome = PolicyTestRunner.run(options)
        let report = try #require(outcome.report, "\(outcome.diagnostics.map { "\($0.code) \($0.message)" })")
        let failures = report.results.filter { !$0.passed }.map { "\($0.name): \($0.failures.map(\.problem))" }
        #expect(failures.isEmpty, "\(failures)")
        #expect(report.results.count >= 20)
    }

    /// Point 10: every derived value a finding rests on carries its origin, with file:line:col.
    @Test func findingsShowTheirEvidenceChain() throws {
        var options = AuditRun.Options()
        options.policies = [Pack.folder]
        options.inventories = [Pack.folder + "/../examples/inventory/acme-eu.json"]
        options.facts = Pack.folder + "/../examples/facts.yaml"
        options.clock = { Date(timeIntervalSince1970: 1_764_547_200) }
        let outcome = AuditRun.run(options)
        let doc = try #require(outcome.document, "\(outcome.diagnostics.map(\.message))")
        let customerIO = try #require(
            doc.results.first { $0.policy == "RES-001" && $0.resourceId == "64c3d5e6f7a8b9c0d1e2f3a4" })
        let region = try #require(customerIO.evidence.first { $0.expression == "d.endpoint.region" })
        #expect(region.value == "\"us\"")
        let from = try #require(region.from)
        #expect(from.hasPrefix("settings.accountRegion = \"US 🇺🇸\" ("))
        #expect(from.contains("acme-eu.json:"))
        // The vendor, from the catalog row and the catalog that decided.
        let vendor = try #require(customerIO.evidence.first { $0.expression == "d.vendor" })
        #expect(vendor.from?.hasPrefix("bundled catalog 2025-11-06: Customer.io (Actions) vendor") == true)
        #expect(vendor.from?.contains("segment-regional.json:") == true)
    }
}
