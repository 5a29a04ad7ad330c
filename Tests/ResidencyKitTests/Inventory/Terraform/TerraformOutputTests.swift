import Testing

@testable import ResidencyKit

/// What only the organisation knows, declared as `residency_*` outputs of the plan: the
/// workspace's data subjects, SDK configurations and warehouse allow-lists, by address.
@Suite struct TerraformOutputTests {
    static let source = PlanFixture.change(
        "segment_source.android", after: #"{"slug": "android", "enabled": true, "metadata": {"id": "9EMcTqiKok"}}"#)
    static let warehouse = PlanFixture.change(
        "segment_warehouse.redshift",
        after:
            #"{"enabled": true, "name": "DWH", "metadata": {"id": "aea3c55dsz"}, "settings": "{\"hostname\": \"x.eu-west-1.redshift.amazonaws.com\"}"}"#
    )

    static func plan(outputs: String) -> String {
        PlanFixture.plan([source, warehouse], extra: #""planned_values": {"outputs": \#(outputs)}"#)
    }

    @Test func outputsDeclareWhatTheProviderCannot() throws {
        let text = Self.plan(
            outputs: #"""
                {
                  "residency_data_subjects": {"sensitive": false, "type": ["list", "string"], "value": ["EU", "CH"]},
                  "residency_sdk_configs": {"sensitive": false, "value": [
                    {"sourceId": "segment_source.android", "library": "analytics-kotlin", "apiHost": "events.eu1.segmentapis.com/v1"}]},
                  "residency_warehouse_access": {"sensitive": false, "value": [
                    {"warehouseId": "segment_warehouse.redshift", "allowlistedCidrs": ["3.251.148.96/29"]}]}
                }
                """#)
        let loaded = PlanFixture.load(text)
        let model = try #require(loaded.only, "\(loaded.diagnostics.map(\.message))")
        #expect(model.workspace.dataSubjects == ["EU", "CH"])
        let s = try #require(model.sources.first)
        #expect(s.sdk?.library == "analytics-kotlin")
        #expect(s.ingestRegion == "eu")
        #expect(model.warehouses.first?.allowlistedCidrs?.map(\.description) == ["3.251.148.96/29"])
    }

    @Test func withoutOutputsTheyStayMissing() throws {
        let model = try #require(PlanFixture.load(PlanFixture.plan([Self.source, Self.warehouse])).only)
        #expect(model.workspace.dataSubjects == nil)
        #expect(model.sources.first?.sdk == nil && model.sources.first?.ingestRegion == nil)
        #expect(model.warehouses.first?.allowlistedCidrs == nil)
    }

    @Test func anOutputKnownOnlyAfterApplyIsAWarningAndMissing() throws {
        let loaded = PlanFixture.load(Self.plan(outputs: #"{"residency_data_subjects": {"sensitive": false}}"#))
        #expect(loaded.codes.contains("W1408"))
        #expect(loaded.only?.workspace.dataSubjects == nil)
    }

    @Test func anSDKConfigNamingNoSourceOfThePlanIsAnError() throws {
        let loaded = PlanFixture.load(
            Self.plan(
                outputs:
                    #"{"residency_sdk_configs": {"value": [{"sourceId": "segment_source.androit", "library": "analytics-kotlin"}]}}"#
            ))
        #expect(loaded.codes.contains("E0612"), "\(loaded.diagnostics.map(\.message))")
        #expect(loaded.diagnostics.contains { $0.help?.contains("segment_source.android") ?? false })
    }
}
