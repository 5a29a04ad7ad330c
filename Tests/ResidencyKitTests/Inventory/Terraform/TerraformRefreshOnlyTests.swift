import Testing

@testable import ResidencyKit

/// `terraform plan -refresh-only` writes no `resource_changes` (what changed outside Terraform
/// is in `resource_drift`), and Terraform fills `planned_values` from the changes, so they are
/// empty too (terraform `internal/command/jsonplan` marshalPlannedValues); the refreshed state
/// is `prior_state`. Before, such a plan was read as a workspace with nothing in it (W1406
/// alone), so beside other inventories the gate passed a workspace it never looked at.
@Suite struct TerraformRefreshOnlyTests {
    static let source =
        #"{"address": "segment_source.web", "mode": "managed", "type": "segment_source", "name": "web", "values": {"id": "src1", "slug": "web", "enabled": true}}"#

    static func destination(_ address: String, settings: String) -> String {
        let values = PlanFixture.destination(settings: settings, sourceID: "src1").dropLast() + #", "id": "dst-\#(address)"}"#
        return #"{"address": "\#(address)", "mode": "managed", "type": "segment_destination", "name": "x", "values": \#(values)}"#
    }

    /// A module tree: the root's resources (left out when there are none, as Terraform does) and
    /// one child module's.
    static func module(_ root: [String], child: [String] = []) -> String {
        var members: [String] = []
        if !root.isEmpty { members.append(#""resources": [\#(root.joined(separator: ", "))]"#) }
        if !child.isEmpty {
            members.append(#""child_modules": [{"address": "module.eu", "resources": [\#(child.joined(separator: ", "))]}]"#)
        }
        return "{" + members.joined(separator: ", ") + "}"
    }

    static let eu = Self.destination("segment_destination.mixpanel", settings: #"{"apiRegion": "EU 🇪🇺"}"#)
    static let us = Self.destination("module.eu.segment_destination.us", settings: #"{"apiRegion": "US 🇺🇸"}"#)

    /// Where the state is: `prior_state` as Terraform writes it (with an empty `planned_values`,
    /// with or without an empty `resource_changes`, the root module holding only child modules),
    /// or a hand-written plan's `planned_values`.
    @Test(arguments: [
        ("prior_state", true, false), ("prior_state", false, false), ("prior_state", true, true), ("planned_values", true, false),
    ])
    func theRefreshedStateIsTheWorkspace(_ place: String, _ changesListed: Bool, _ onlyChildren: Bool) throws {
        let tree =
            onlyChildren
            ? Self.module([], child: [Self.source, Self.eu, Self.us]) : Self.module([Self.source, Self.eu], child: [Self.us])
        let extra =
            place == "prior_state"
            ? #""planned_values": {"root_module": {}}, "prior_state": {"format_version": "1.0", "values": {"root_module": \#(tree)}}"#
            : #""planned_values": {"root_module": \#(tree)}"#
        var text = PlanFixture.plan([], extra: extra)
        if !changesListed { text = text.replacingOccurrences(of: #""resource_changes": ["#, with: #""resource_drift": ["#) }
        let loaded = PlanFixture.load(text)
        #expect(loaded.codes == [], "\(loaded.diagnostics.map(\.message))")
        let model = try #require(loaded.only)
        #expect(model.sources.map(\.id) == ["segment_source.web"])
        #expect(Set(model.destinations.map(\.id)) == ["segment_destination.mixpanel", "module.eu.segment_destination.us"])
        #expect(
            Dictionary(uniqueKeysWithValues: model.destinations.map { ($0.id, $0.endpoint.region) })
                == ["segment_destination.mixpanel": "eu", "module.eu.segment_destination.us": "us"])
        #expect(model.destinations.allSatisfy { $0.sourceId == "segment_source.web" })
    }

    /// A state resource of a Segment type that the reader cannot read is an error at its place,
    /// never left out: the workspace would be audited without that destination.
    @Test(arguments: [(#""values": null"#, "E0603"), (#""values": 7"#, "E0602"), ("", "E0603")])
    func aStateResourceWithoutValuesIsAnError(_ values: String, _ code: String) throws {
        let broken = Self.eu.replacingOccurrences(
            of: #", "values": "#, with: values.isEmpty ? #", "gone": "# : ", \(values), \"was\": ")
        let tree = Self.module([Self.source, broken])
        let extra = #""planned_values": {"root_module": {}}, "prior_state": {"format_version": "1.0", "values": {"root_module": \#(tree)}}"#
        let loaded = PlanFixture.load(PlanFixture.plan([], extra: extra))
        #expect(loaded.codes.contains(code), "\(loaded.diagnostics.map(\.message))")
        #expect(loaded.diagnostics.contains { $0.severity == .error })
    }

    /// A plan that changes something lists every resource in `resource_changes` (a no-op too):
    /// neither its `planned_values` nor its `prior_state` are read for resources, so a resource
    /// only there is not in the model.
    @Test func aPlanWithChangesIsReadFromItsChanges() throws {
        let change = PlanFixture.change("segment_destination.listed", after: PlanFixture.destination(settings: "{}"))
        let state = Self.module([Self.destination("segment_destination.only_in_state", settings: "{}")])
        let extra = #""planned_values": {"root_module": \#(state)}, "prior_state": {"values": {"root_module": \#(state)}}"#
        let model = try #require(PlanFixture.load(PlanFixture.plan([change], extra: extra)).only)
        #expect(model.destinations.map(\.id) == ["segment_destination.listed"])
    }

    /// No Segment resource that holds data anywhere is still W1406: other providers' resources
    /// only, or insert functions only (whose changes are kept, and point at their entries).
    @Test func nothingThatHoldsDataIsStillW1406() {
        let other = #"{"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "name": "b", "values": {}}"#
        #expect(
            PlanFixture.load(PlanFixture.plan([], extra: #""planned_values": {"root_module": \#(Self.module([other]))}"#)).codes
                == ["W1406"])
        let function = PlanFixture.change(
            "segment_insert_function_instance.enrich",
            after: #"{"enabled": true, "function_id": "fn_1", "name": "enrich", "settings": "{}", "integration_id": "dst1"}"#)
        let state = Self.module([
            #"{"address": "segment_insert_function_instance.enrich", "mode": "managed", "type": "segment_insert_function_instance", "name": "enrich", "values": {"enabled": true}}"#
        ])
        let loaded = PlanFixture.load(PlanFixture.plan([function], extra: #""planned_values": {"root_module": \#(state)}"#))
        #expect(loaded.codes == ["W1406"])
    }
}
