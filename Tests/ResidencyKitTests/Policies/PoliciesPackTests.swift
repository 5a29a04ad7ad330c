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
        #expect(bundle.permits.map(\.id) == ["RES-002"])
        let permit = try #require(bundle.permits.first)
        #expect(permit.targets.map { bundle.policies[$0].id } == ["RES-001"])
        #expect(permit.decl.rationale?.value.isEmpty == false)
        #expect(permit.decl.references?.isEmpty == false)
        #expect(permit.decl.basis != nil)
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
        let waitingOnURLParser = Self.waitingOnURLParser
        #expect(
            report.results.filter { !$0.passed && !waitingOnURLParser.contains($0.name) }.isEmpty, "\(failures)")
        withKnownIssue("two sdk-endpoints tests wait on a URL parser change (a doubled scheme reads as no URL)") {
            #expect(failures.isEmpty, "\(failures)")
        }
        #expect(report.results.count >= 90)
        let coverage = try #require(report.coverage)
        let uncovered = coverage.rules.flatMap { r in r.branches.filter { !$0.covered }.map { "\(r.id): \($0)" } }
        #expect(coverage.percent == 100, "\(uncovered)")
        #expect(Set(coverage.rules.map(\.id)) == Set(Pack.checked.bundle?.policies.map(\.id) ?? []).union(["RES-002"]))
    }

    /// The standard pack's tests that wait on a URL parser change (policies/sdk-endpoints.test.yaml).
    static let waitingOnURLParser: Set<String> = [
        "an apiHost that is not exactly the page's value fails",
        "a /v1 the SDK appends itself makes a path Segment does not accept",
    ]

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

/// The standard policy pack as shipped: every file under the repository's `policies/`.
enum Pack {
    /// `<repo>/policies`, found from this file (`Tests/ResidencyKitTests/Policies/…`).
    static let folder: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("policies").path

    /// The bundled catalog file.
    static let catalogFile: String = (folder as NSString).appendingPathComponent("catalog/segment-regional.json")

    /// The pack loaded and checked once for all tests.
    static let checked = Audit.checkPolicies(paths: [folder])
}
