import Testing

@testable import ResidencyKit

/// `segment_insert_function_instance` (terraform-provider-segment
/// `docs/resources/insert_function_instance.md`) runs the workspace's own code on the events
/// before a destination gets them; the code may send them anywhere. Before, the plan reader
/// left such a function out, and a destination whose settings said EU passed the gate although
/// its events went through code that could send them to the US.
@Suite struct TerraformInsertFunctionTests {
    static let euMixpanel = PlanFixture.destination(settings: #"{"apiRegion": "EU 🇪🇺"}"#, sourceID: "src1")

    static func function(integrationID: String?, enabled: String = "true") -> String {
        var members = [#""enabled": \#(enabled)"#, #""function_id": "fn_1""#, #""name": "enrich""#, #""settings": "{}""#]
        if let integrationID { members.append(#""integration_id": "\#(integrationID)""#) }
        return "{" + members.joined(separator: ", ") + "}"
    }

    static func load(_ changes: [String], rootModule: String = #"{"resources": []}"#) -> InventoryLoader.Loaded {
        PlanFixture.load(PlanFixture.plan(changes, rootModule: rootModule))
    }

    /// The region each destination ends with, by address.
    static func regions(_ loaded: InventoryLoader.Loaded) -> [String: String] {
        Dictionary(uniqueKeysWithValues: (loaded.only?.destinations ?? []).map { ($0.id, $0.endpoint.region ?? "unknown") })
    }

    @Test func aFunctionOnADestinationMakesItsEndpointUnknown() throws {
        let d = PlanFixture.change("segment_destination.mixpanel", ["update"], after: Self.euMixpanel, before: #"{"id": "dst1"}"#)
        let other = PlanFixture.change("segment_destination.other", after: Self.euMixpanel)
        let f = PlanFixture.change("segment_insert_function_instance.enrich", after: Self.function(integrationID: "dst1"))
        let loaded = Self.load([d, other, f])
        #expect(loaded.codes == [], "\(loaded.diagnostics.map(\.message))")
        #expect(Self.regions(loaded) == ["segment_destination.mixpanel": "unknown", "segment_destination.other": "eu"])
        let mixpanel = try #require(loaded.only?.destinations.first)
        #expect(mixpanel.endpoint.evidence?.hasPrefix("insert function `segment_insert_function_instance.enrich` runs") == true)
        #expect(mixpanel.endpoint.origin != nil, "the evidence points at the function in the plan")
    }

    @Test func aFunctionOnASourceRunsBeforeEachOfItsDestinations() {
        let source = PlanFixture.change(
            "segment_source.web", ["update"], after: #"{"slug": "web", "enabled": true, "id": "src1"}"#)
        let d = PlanFixture.change("segment_destination.mixpanel", after: Self.euMixpanel)
        let elsewhere = PlanFixture.change(
            "segment_destination.other", after: PlanFixture.destination(settings: #"{"apiRegion": "EU 🇪🇺"}"#, sourceID: "src2"))
        let f = PlanFixture.change("segment_insert_function_instance.enrich", after: Self.function(integrationID: "src1"))
        #expect(
            Self.regions(Self.load([source, d, elsewhere, f]))
                == ["segment_destination.mixpanel": "unknown", "segment_destination.other": "eu"])
    }

    /// Created in the same plan, the integration's id is known only after apply: the
    /// configuration's reference says which.
    @Test(arguments: [
        ("segment_destination.mixpanel.id", ["segment_destination.mixpanel": "unknown", "segment_destination.other": "eu"]),
        ("segment_source.web.id", ["segment_destination.mixpanel": "unknown", "segment_destination.other": "unknown"]),
    ])
    func anIntegrationCreatedInThePlanIsFoundByReference(_ reference: String, _ expected: [String: String]) {
        let source = PlanFixture.change(
            "segment_source.web", after: #"{"slug": "web", "enabled": true}"#, unknown: #"{"id": true}"#)
        let d = PlanFixture.change(
            "segment_destination.mixpanel", after: PlanFixture.destination(settings: #"{"apiRegion": "EU 🇪🇺"}"#, sourceID: nil),
            unknown: #"{"id": true, "source_id": true}"#)
        let other = PlanFixture.change(
            "segment_destination.other", after: PlanFixture.destination(settings: #"{"apiRegion": "EU 🇪🇺"}"#, sourceID: nil),
            unknown: #"{"id": true, "source_id": true}"#)
        let f = PlanFixture.change(
            "segment_insert_function_instance.enrich", after: Self.function(integrationID: nil),
            unknown: #"{"id": true, "integration_id": true}"#)
        let root = """
            {"resources": [
              {"address": "segment_destination.mixpanel", "expressions": {"source_id": {"references": ["segment_source.web.id", "segment_source.web"]}}},
              {"address": "segment_destination.other", "expressions": {"source_id": {"references": ["segment_source.web.id", "segment_source.web"]}}},
              {"address": "segment_insert_function_instance.enrich", "expressions": {"integration_id": {"references": ["\(reference)", "\(reference.dropLast(3))"]}}}
            ]}
            """
        let loaded = Self.load([source, d, other, f], rootModule: root)
        #expect(loaded.codes == [], "\(loaded.diagnostics.map(\.message))")
        #expect(Self.regions(loaded) == expected)
    }

    /// Through a variable the plan does not say which: it may run before any destination.
    @Test func aFunctionTheplanCannotPlaceMakesEveryEndpointUnknown() {
        let d = PlanFixture.change("segment_destination.mixpanel", after: Self.euMixpanel)
        let f = PlanFixture.change(
            "segment_insert_function_instance.enrich", after: Self.function(integrationID: nil),
            unknown: #"{"id": true, "integration_id": true}"#)
        let root =
            #"{"resources": [{"address": "segment_insert_function_instance.enrich", "expressions": {"integration_id": {"references": ["var.destination"]}}}]}"#
        let loaded = Self.load([d, f], rootModule: root)
        #expect(loaded.codes == ["W1410"])
        #expect(Self.regions(loaded) == ["segment_destination.mixpanel": "unknown"])
    }

    /// A destination whose settings send the events out of the workspace's region keeps its
    /// endpoint: that flow is certain (a failure), whatever the function does besides.
    @Test func aDestinationThatLeavesTheRegionStillFails() {
        let us = PlanFixture.destination(settings: "{}", sourceID: "src1")
        let d = PlanFixture.change("segment_destination.mixpanel", after: us)
        let f = PlanFixture.change("segment_insert_function_instance.enrich", after: Self.function(integrationID: "src1"))
        #expect(Self.regions(Self.load([d, f])) == ["segment_destination.mixpanel": "us"])
    }

    /// A function switched off runs on nothing; one whose `enabled` is unknown may run.
    @Test(arguments: [("false", "eu"), ("true", "unknown")])
    func aDisabledFunctionChangesNothing(_ enabled: String, _ region: String) {
        let d = PlanFixture.change("segment_destination.mixpanel", ["update"], after: Self.euMixpanel, before: #"{"id": "dst1"}"#)
        let f = PlanFixture.change(
            "segment_insert_function_instance.enrich", after: Self.function(integrationID: "dst1", enabled: enabled))
        #expect(Self.regions(Self.load([d, f])) == ["segment_destination.mixpanel": region])
    }

    /// A plan of insert functions alone holds no data: W1406 still says so.
    @Test func aPlanOfFunctionsAloneHasNoSegmentResources() {
        let f = PlanFixture.change("segment_insert_function_instance.enrich", after: Self.function(integrationID: "dst1"))
        #expect(Self.load([f]).codes == ["W1406"])
    }

    /// Two plans from a review against the provider's real shapes, each of which passed the gate
    /// while a function ran before an EU destination:
    /// - `terraform plan -target=segment_insert_function_instance.f`: its only change is the
    ///   function, so the plan was read as refresh-only, from `prior_state`, and the function
    ///   the plan creates was dropped;
    /// - a module per brand (`for_each`): each destination's source is one of the instances'
    ///   (W1409, the plan does not say which), and a function on "the" source ran before none.
    @Test(arguments: ["targeted-insert-function.json", "for-each-module-insert-function.json"])
    func aFunctionIsAppliedWhereThePlanLeavesItsTargetOpen(_ name: String) throws {
        let path = fixturesFolder.appendingPathComponent("terraform/" + name).path
        let loaded = InventoryLoader.load(paths: [path], catalog: InventoryFixture.catalog)
        let destinations = try #require(loaded.only).destinations
        #expect(!destinations.isEmpty)
        for d in destinations {
            #expect(d.endpoint.region == nil, "\(d.id): \(d.endpoint)")
            #expect(d.endpoint.evidence?.hasPrefix("insert function `") == true, "\(d.id): \(d.endpoint)")
        }
    }
}
