import Foundation
import Testing

@testable import ResidencyKit

/// The pack as a whole: it checks cleanly, and every policy carries what a reader needs.
@Suite struct PoliciesPackTests {
    @Test func checksWithoutErrorsOrWarnings() throws {
        #expect(Pack.checked.diagnostics.map { "\($0.code): \($0.message)" } == [])
        let files = Pack.checked.sources.files.map { ($0.path as NSString).lastPathComponent }.sorted()
        #expect(
            files == [
                "availability.policy", "eu-residency.policy", "sdk-endpoints.policy", "segment.policy", "warehouses.policy",
            ])
    }

    @Test func policiesHaveTheIssuesIdsSeveritiesAndKinds() throws {
        let bundle = try #require(Pack.checked.bundle)
        let policies = bundle.policies.map { "\($0.id) \($0.severity.rawValue) \($0.kind.keyword)" }.sorted()
        #expect(
            policies == [
                "RES-001 error destination", "RES-003 warning destination", "RES-004 error source", "RES-005 error source",
                "RES-006 error warehouse", "RES-007 error source", "RES-008 warning source", "RES-009 error destination",
            ])
        // The legal bases of GDPR Chapter V the facts file can declare: DPF, SCCs, BCRs.
        #expect(bundle.permits.map(\.id) == ["RES-002", "RES-011", "RES-012"])
        for permit in bundle.permits {
            #expect(permit.targets.map { bundle.policies[$0].id } == ["RES-001"])
            #expect(permit.decl.rationale?.value.isEmpty == false)
            #expect(permit.decl.references?.contains { $0.value.hasPrefix("GDPR Art. 4") } == true)
            #expect(permit.decl.basis != nil)
        }
    }

    @Test func everyPolicyExplainsItself() throws {
        let bundle = try #require(Pack.checked.bundle)
        for p in bundle.policies {
            let d = p.decl
            #expect((d.rationale?.value.count ?? 0) > 100, "\(p.id): rationale")
            let references = d.references?.map(\.value) ?? []
            #expect(references.contains { $0.hasPrefix("GDPR Art. ") }, "\(p.id): a GDPR reference")
            #expect(references.contains { $0.hasPrefix("Segment: Regional Segment") }, "\(p.id): a Segment reference")
            #expect(d.condition != nil, "\(p.id): where")
            #expect(d.message != nil, "\(p.id): message")
            #expect(d.remediation != nil, "\(p.id): remediation")
        }
    }

    /// The pack's own tests (policies/*.test.yaml, run as `residency test policies/` does)
    /// pass and take every branch of every policy and permit.
    @Test func passesItsOwnTestsWithFullCoverage() throws {
        var options = PolicyTestRunner.Options()
        options.paths = [Pack.folder]
        options.coverage = true
        let outcome = PolicyTestRunner.run(options)
        let report = try #require(outcome.report, "\(outcome.diagnostics.map(\.message))")
        let failures = report.results.filter { !$0.passed }.map { "\($0.name): \($0.failures.map(\.problem))" }
        // Known: two sdk-endpoints tests expect `fail` for a URL with a doubled scheme
        // (`https://https://…`, which SDKRules builds as the SDK does); they wait on a URL
        // parser change that reads its scheme, so today they are indeterminate.
        #expect(failures.isEmpty, "\(failures)")
        #expect(report.results.count >= 90)
        let coverage = try #require(report.coverage)
        let uncovered = coverage.rules.flatMap { r in r.branches.filter { !$0.covered }.map { "\(r.id): \($0)" } }
        #expect(coverage.percent == 100, "\(uncovered)")
        #expect(Set(coverage.rules.map(\.id)) == Set(Pack.checked.bundle?.policies.map(\.id) ?? []).union(["RES-002", "RES-011", "RES-012"]))
    }

    /// The pack's tests read the example inventories from copies inside the pack, since a
    /// test may name no file outside the folders given to `residency test`; the copies
    /// stay the examples.
    @Test(arguments: ["acme-eu.json", "acme-us.yaml"])
    func fixturesAreTheExamples(name: String) throws {
        let copy = try Data(contentsOf: URL(fileURLWithPath: Pack.folder + "/testdata/" + name))
        let example = try Data(contentsOf: repositoryRoot.appendingPathComponent("examples/inventory/" + name))
        #expect(copy == example, "policies/testdata/\(name) differs from examples/inventory/\(name): copy it again")
    }

    /// The pack repeats these catalog values in policies/lib/segment.policy.
    @Test func libraryRepeatsTheCatalogsValues() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Pack.catalogFile))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let ingest = try #require(json["ingest"] as? [String: String])
        #expect(ingest["euHost"] == "events.eu1.segmentapis.com")
        #expect(ingest["euUrl"] == "https://events.eu1.segmentapis.com/v1")
        #expect(ingest["usHost"] == "api.segment.io")
        #expect(json["warehouseCidrs"] as? [String] == ["3.251.148.96/29"])
        #expect(
            json["dates"] as? [String: String] == ["dpfAdequacyDecision": "2023-07-10", "wrongRegionRejectedFrom": "2025-04-03"])
    }
}
