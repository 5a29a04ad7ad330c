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

    /// The fixture rows are spelled, and valued, as in the bundled catalog (except the one row
    /// a test overrides the way a user's own catalog would).
    @Test func fixtureRowsMatchTheBundledCatalog() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Pack.catalogFile))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        func rows(_ table: String) throws -> [String: [String: Any]] {
            let list = try #require(json[table] as? [[String: Any]])
            return Dictionary(list.map { ($0["name"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        }
        let destinations = try rows("destinations"), sources = try rows("sources"), warehouses = try rows("warehouses")

        for e in PackFixtures.destinationRows {
            let row = try #require(destinations[e.name], "\(e.name) is not a destination of the catalog")
            #expect(row["slugs"] as? [String] == e.slugs, "\(e.name)")
            #expect(row["vendor"] as? String == e.vendor, "\(e.name)")
            #expect(row["usWorkspace"] as? Bool == e.usWorkspace, "\(e.name)")
            #expect(row["euWorkspace"] as? Bool == e.euWorkspace, "\(e.name)")
            #expect(row["euEndpoint"] as? Bool == e.euEndpoint, "\(e.name)")
        }
        for e in PackFixtures.userOverrides {
            #expect(destinations[e.name] != nil, "\(e.name) overrides a destination of the catalog")
        }
        for e in PackFixtures.sourceRows {
            let row = try #require(sources[e.name], "\(e.name) is not a source of the catalog")
            #expect(row["usWorkspace"] as? Bool == e.usWorkspace, "\(e.name)")
            #expect(row["euWorkspace"] as? Bool == e.euWorkspace, "\(e.name)")
            #expect(row["cloud"] as? Bool == e.cloud, "\(e.name)")
        }
        for e in PackFixtures.warehouseRows {
            let row = try #require(warehouses[e.name], "\(e.name) is not a warehouse of the catalog")
            #expect(row["slugs"] as? [String] == e.slugs, "\(e.name)")
            #expect(row["euWorkspace"] as? Bool == e.euWorkspace, "\(e.name)")
            #expect(row["euEndpoint"] as? Bool == e.euEndpoint, "\(e.name)")
            #expect(row["requiresCidr"] as? Bool == e.requiresCidr, "\(e.name)")
        }
        // The pack repeats these catalog values in policies/lib/segment.policy.
        let ingest = try #require(json["ingest"] as? [String: String])
        #expect(ingest["euHost"] == "events.eu1.segmentapis.com")
        #expect(ingest["euUrl"] == "https://events.eu1.segmentapis.com/v1")
        #expect(ingest["usHost"] == "api.segment.io")
        #expect(json["warehouseCidrs"] as? [String] == ["3.251.148.96/29"])
        #expect(
            json["dates"] as? [String: String] == ["dpfAdequacyDecision": "2023-07-10", "wrongRegionRejectedFrom": "2025-04-03"])
    }

    /// The iOS fixture name is deliberately absent from the catalog (docs/catalog.md, D7).
    @Test func iOSIsNotACatalogSource() {
        #expect(PackFixtures.catalog.source(named: "iOS") == nil)
    }
}
