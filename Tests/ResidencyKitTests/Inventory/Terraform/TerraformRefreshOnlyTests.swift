import Testing

@testable import ResidencyKit

/// `terraform plan -refresh-only` writes no `resource_changes` (what changed outside Terraform
/// is in `resource_drift`); its `planned_values` are the refreshed state. Before, such a plan
/// was read as a workspace with nothing in it (W1406 alone), so beside other inventories the
/// gate passed a workspace whose destinations it never looked at.
@Suite struct TerraformRefreshOnlyTests {
    static let source =
        #"{"address": "segment_source.web", "mode": "managed", "type": "segment_source", "name": "web", "values": {"id": "src1", "slug": "web", "enabled": true}}"#

    static func destination(_ address: String, settings: String) -> String {
        let values = PlanFixture.destination(settings: settings, sourceID: "src1").dropLast() + #", "id": "dst-\#(address)"}"#
        return #"{"address": "\#(address)", "mode": "managed", "type": "segment_destination", "name": "x", "values": \#(values)}"#
    }

    /// `planned_values` with the resources in the root module and in a child module.
    static func plannedValues(_ root: [String], child: [String] = []) -> String {
        let children =
            child.isEmpty
            ? "" : #", "child_modules": [{"address": "module.eu", "resources": [\#(child.joined(separator: ", "))]}]"#
        return #""planned_values": {"root_module": {"resources": [\#(root.joined(separator: ", "))]\#(children)}}"#
    }

    @Test(arguments: [true, false])
    func theRefreshedStateIsTheWorkspace(changesListed: Bool) throws {
        let values = Self.plannedValues(
            [Self.source, Self.destination("segment_destination.mixpanel", settings: #"{"apiRegion": "EU 🇪🇺"}"#)],
            child: [Self.destination("module.eu.segment_destination.us", settings: #"{"apiRegion": "US 🇺🇸"}"#)])
        var text = PlanFixture.plan([], extra: values)
        if !changesListed { text = text.replacingOccurrences(of: #""resource_changes": ["#, with: #""resource_drift": ["#) }
        let loaded = PlanFixture.load(text)
        #expect(loaded.codes == [], "\(loaded.diagnostics.map(\.message))")
        let model = try #require(loaded.only)
        #expect(model.sources.map(\.id) == ["segment_source.web"])
        #expect(model.destinations.map(\.id) == ["segment_destination.mixpanel", "module.eu.segment_destination.us"])
        #expect(model.destinations.map(\.endpoint.region) == ["eu", "us"])
        #expect(model.destinations.map(\.sourceId) == ["segment_source.web", "segment_source.web"])
    }

    /// A plan that changes something lists every resource in `resource_changes` (a no-op too):
    /// its `planned_values` are not read, so a resource only there is not in the model.
    @Test func aPlanWithChangesIsReadFromItsChanges() throws {
        let change = PlanFixture.change("segment_destination.listed", after: PlanFixture.destination(settings: "{}"))
        let values = Self.plannedValues([Self.destination("segment_destination.only_planned", settings: "{}")])
        let model = try #require(PlanFixture.load(PlanFixture.plan([change], extra: values)).only)
        #expect(model.destinations.map(\.id) == ["segment_destination.listed"])
    }

    /// No Segment resource in either place is still W1406.
    @Test func nothingAnywhereIsStillW1406() {
        let other = #"{"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "name": "b", "values": {}}"#
        #expect(PlanFixture.load(PlanFixture.plan([], extra: Self.plannedValues([other]))).codes == ["W1406"])
    }
}
