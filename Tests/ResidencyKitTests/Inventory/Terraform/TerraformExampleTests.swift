import Foundation
import Testing

@testable import ResidencyKit

/// The example plan (examples/terraform/plan.json) audited with the standard pack: findings
/// name Terraform addresses, a value unknown until apply is indeterminate, never a pass.
@Suite struct TerraformExampleTests {
    static let plan = repositoryRoot.appendingPathComponent("examples/terraform/plan.json").path

    static func run() throws -> AuditRun.Outcome {
        var options = AuditRun.Options()
        options.policies = [repositoryRoot.appendingPathComponent("policies").path]
        options.inventories = [plan]
        options.facts = repositoryRoot.appendingPathComponent("examples/facts.yaml").path
        options.clock = { Date(timeIntervalSince1970: 1_795_831_200) }  // 2026-11-28T02:00:00Z
        return AuditRun.run(options)
    }

    @Test func theExamplePlanLoadsAsOneEUWorkspace() throws {
        let loaded = InventoryLoader.load(paths: [Self.plan], catalog: InventoryFixture.catalog)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))")
        let model = try #require(loaded.only)
        #expect(model.workspace.slug == "acme-eu-marketing" && model.workspace.region == "eu-west")
        // The deleted Slack destination is gone; the subscription and the AWS secret are not resources of the model.
        #expect(
            model.destinations.map(\.id) == [
                "segment_destination.amplitude", "segment_destination.braze", "segment_destination.customerio",
                "segment_destination.mixpanel_shop",
            ])
        #expect(model.sources.map(\.id) == ["segment_source.shop_web", "segment_source.website"])
        #expect(model.warehouses.map(\.id) == ["segment_warehouse.bigquery"])
        // Created destinations are named from their catalog id; the new source's one is linked by address.
        let amplitude = model.destinations[0], mixpanel = model.destinations[3]
        #expect(amplitude.catalogName == "Amplitude (Actions)" && amplitude.endpoint.region == "eu")
        #expect(mixpanel.sourceId == "segment_source.shop_web" && mixpanel.catalogName == "Mixpanel (Actions)")
        #expect(model.sourceOfDestination == [1, 1, 1, 0])
    }

    @Test func outcomesPerAddress() throws {
        let outcome = try Self.run()
        #expect(outcome.status == .violations, "\(outcome.diagnostics.map(\.message))")
        let results = try #require(outcome.document).results
        func result(_ policy: String, _ address: String) -> Outcome? {
            results.first { $0.policy == policy && $0.resourceId == address }?.outcome
        }
        #expect(result("RES-001", "segment_destination.customerio") == .fail)
        // Braze's settings read a secret that is replaced in the same apply: unknown, so undecided.
        #expect(result("RES-001", "segment_destination.braze") == .indeterminate)
        #expect(result("RES-001", "segment_destination.amplitude") == .pass)
        #expect(result("RES-001", "segment_destination.mixpanel_shop") == .pass)
        #expect(result("RES-001", "segment_destination.slack") == nil)
        #expect(result("RES-009", "segment_destination.amplitude") == .pass)
        #expect(result("RES-007", "segment_source.shop_web") == .pass)
        #expect(result("RES-004", "segment_source.shop_web") == .pass)
        #expect(result("RES-006", "segment_warehouse.bigquery") == .pass)
        let failed = try #require(results.first { $0.outcome == .fail })
        #expect(failed.resourceName == "Customer.io")
        #expect(failed.workspace == "acme-eu-marketing")
        #expect(failed.message?.contains("through its us endpoint track.customer.io") == true)
        #expect(failed.evidence.contains { $0.expression == "d.endpoint.region" && $0.value == "\"us\"" })
        #expect(results.filter { $0.outcome == .fail }.count == 1)
        #expect(results.filter { $0.outcome == .indeterminate }.count == 1)
    }
}
