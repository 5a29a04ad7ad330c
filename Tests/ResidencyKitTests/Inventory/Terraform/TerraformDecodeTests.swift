import Testing

@testable import ResidencyKit

/// Terraform plans as inventories: the region from the provider's `url`, which planned
/// resources remain after apply, values known only after apply, and who the workspace is.
@Suite struct TerraformRegionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// The `provider_config` members (JSON text), with an optional 1️⃣ for the diagnostic.
        var providers: String
        var region: String?
        var codes: [String] = []
        var message: String? = nil
        var testDescription: String { name }
    }

    static func provider(_ key: String, _ url: String?, fullName: String = "registry.terraform.io/segmentio/segment") -> String {
        let expressions = url.map { #"{"url": \#($0)}"# } ?? "{}"
        return #""\#(key)": {"name": "segment", "full_name": "\#(fullName)", "expressions": \#(expressions)}"#
    }

    static let cases: [Case] = [
        Case(name: "EU url", providers: provider("segment", PlanFixture.euURL), region: "eu-west"),
        Case(name: "US url", providers: provider("segment", PlanFixture.usURL), region: "us-west"),
        Case(
            name: "url without a scheme, as the provider's default is written",
            providers: provider("segment", #"{"constant_value": "api.segmentapis.com"}"#), region: "us-west"),
        Case(
            name: "url with a trailing slash",
            providers: provider("segment", #"{"constant_value": "https://eu1.api.segmentapis.com/"}"#),
            region: "eu-west"),
        Case(
            name: "url from a variable",
            providers: provider("segment", #"1️⃣{"references": ["var.segment_url"]}"#), region: nil, codes: ["W1402"],
            message: "the segment provider's `url` is an expression (var.segment_url), not a constant: the plan does not "
                + "record its value, so the workspace's region is unknown"),
        Case(
            name: "no url: the provider reads PUBLIC_API_URL",
            providers:
                #""segment": 1️⃣{"name": "segment", "full_name": "registry.terraform.io/segmentio/segment", "expressions": {}}"#,
            region: nil, codes: ["W1401"],
            message: "the segment provider block sets no `url`, so the workspace's region is unknown and policies that need "
                + "it are indeterminate"),
        Case(
            name: "url = null", providers: provider("segment", #"{"constant_value": null}"#), region: nil, codes: ["W1401"]),
        Case(
            name: "not a Public API host",
            providers: provider("segment", #"{"constant_value": 1️⃣"https://events.eu1.segmentapis.com"}"#), region: nil,
            codes: ["W1403"],
            message: "the segment provider's `url` https://events.eu1.segmentapis.com is not a Segment Public API host; "
                + "the region cannot be inferred"),
        Case(
            name: "two EU providers agree",
            providers: provider("segment", PlanFixture.euURL) + ", " + provider("segment.marketing", PlanFixture.euURL),
            region: "eu-west"),
        Case(
            name: "an EU and a US provider",
            providers: provider("segment", PlanFixture.euURL) + ", " + provider("segment.us", PlanFixture.usURL),
            region: nil, codes: ["W1404"],
            message: "the plan configures several segment providers (https://eu1.api.segmentapis.com, "
                + "https://api.segmentapis.com); residency reads a plan as one workspace, so its region is unknown"),
        Case(
            name: "another provider called segment is not segmentio/segment",
            providers: provider("segment", PlanFixture.euURL, fullName: "registry.terraform.io/uswitch/segment"), region: nil,
            codes: ["W1401"],
            message: "the plan configures no segment provider, so the workspace's region is unknown and "
                + "policies that need it are indeterminate"),
    ]

    @Test(arguments: cases)
    func region(_ c: Case) throws {
        let source = PlanFixture.change("segment_source.web", after: #"{"slug": "web", "enabled": true}"#)
        let text = PlanFixture.plan([source], url: nil)
            .replacingOccurrences(
                of: #""segment": {"name": "segment", "full_name": "registry.terraform.io/segmentio/segment", "expressions": {}}"#,
                with: c.providers)
        let marked = InventoryMarked(text)
        let loaded = PlanFixture.load(marked.text)
        #expect(loaded.codes == c.codes, "\(loaded.diagnostics.map(\.message))")
        let model = try #require(loaded.only)
        #expect(model.workspace.region == c.region)
        if let message = c.message { #expect(loaded.diagnostics.first?.message == message) }
        if marked.positions["1️⃣"] != nil { #expect(loaded.diagnostics.first?.lineColumn == marked.at()) }
    }
}

@Suite struct TerraformActionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var actions: [String]
        /// Whether the destination is in the model after apply, and its `enabled` there.
        var present: Bool
        var enabled: Bool? = true
        var testDescription: String { actions.joined(separator: ",") }
    }

    static let cases: [Case] = [
        Case(actions: ["create"], present: true),
        Case(actions: ["update"], present: true),
        Case(actions: ["no-op"], present: true),
        Case(actions: ["delete"], present: false),
        Case(actions: ["delete", "create"], present: true),
        Case(actions: ["create", "delete"], present: true),
        // Forgotten: Terraform stops managing it, Segment keeps it (its last known state).
        Case(actions: ["forget"], present: true, enabled: false),
    ]

    @Test(arguments: cases)
    func plannedState(_ c: Case) throws {
        let before = PlanFixture.destination(enabled: "false")
        let after = c.actions == ["delete"] || c.actions == ["forget"] ? "null" : PlanFixture.destination(enabled: "true")
        let change = PlanFixture.change("segment_destination.mixpanel", c.actions, after: after, before: before)
        let loaded = PlanFixture.load(PlanFixture.plan([change]))
        #expect(loaded.codes.isEmpty, "\(loaded.diagnostics.map(\.message))")
        let model = try #require(loaded.only)
        #expect(model.destinations.map(\.id) == (c.present ? ["segment_destination.mixpanel"] : []))
        if c.present { #expect(model.destinations[0].enabled == c.enabled) }
    }

    @Test func resourcesOfOtherProvidersAndDataSourcesAreIgnored() throws {
        let aws =
            #"{"address": "aws_s3_bucket.logs", "mode": "managed", "type": "aws_s3_bucket", "name": "logs", "change": {"actions": ["create"], "before": null, "after": {"bucket": "logs"}, "after_unknown": {"id": true}}}"#
        let data =
            #"{"address": "data.segment_source.legacy", "mode": "data", "type": "segment_source", "name": "legacy", "change": {"actions": ["read"], "before": null, "after": {"slug": "legacy"}, "after_unknown": {}}}"#
        let deposed =
            #"{"address": "segment_source.web", "mode": "managed", "type": "segment_source", "name": "web", "deposed": "00000001", "change": {"actions": ["delete"], "before": {"slug": "old"}, "after": null, "after_unknown": false}}"#
        let web = PlanFixture.change("segment_source.web", after: #"{"slug": "web", "enabled": true}"#)
        let loaded = PlanFixture.load(PlanFixture.plan([aws, data, deposed, web]))
        #expect(loaded.codes.isEmpty, "\(loaded.diagnostics.map(\.message))")
        #expect(loaded.only?.sources.map(\.id) == ["segment_source.web"])
    }

    @Test func aPlanWithoutSegmentResourcesIsAWarning() throws {
        let aws =
            #"{"address": "aws_s3_bucket.logs", "mode": "managed", "type": "aws_s3_bucket", "name": "logs", "change": {"actions": ["create"], "before": null, "after": {}, "after_unknown": {}}}"#
        let loaded = PlanFixture.load(PlanFixture.plan([aws]))
        #expect(loaded.codes == ["W1406"])
        #expect(loaded.only?.destinations.isEmpty == true)
    }

    @Test(arguments: [(#""errored": 1️⃣true"#, "marked errored"), (#""complete": 1️⃣false"#, "incomplete")])
    func anIncompletePlanIsAWarning(member: String, words: String) throws {
        let web = PlanFixture.change("segment_source.web", after: #"{"slug": "web", "enabled": true}"#)
        let marked = InventoryMarked(PlanFixture.plan([web], extra: member))
        let loaded = PlanFixture.load(marked.text)
        #expect(loaded.codes == ["W1407"])
        #expect(loaded.diagnostics.first?.message.contains(words) == true)
        #expect(loaded.diagnostics.first?.lineColumn == marked.at())
    }
}

/// `after_unknown`: a value Terraform knows only after apply is missing in the model, never
/// a default, so the policies that need it are indeterminate.
@Suite struct TerraformUnknownTests {
    @Test func unknownEnabledIsMissing() throws {
        let after = PlanFixture.destination(settings: #"{"apiRegion": "EU 🇪🇺"}"#).replacingOccurrences(
            of: #""enabled": true, "#, with: "")
        let change = PlanFixture.change("segment_destination.mixpanel", after: after, unknown: #"{"id": true, "enabled": true}"#)
        let d = try #require(PlanFixture.load(PlanFixture.plan([change])).only?.destinations.first)
        #expect(d.enabled == nil)
        #expect(d.endpoint.region == "eu")
    }

    @Test func unknownSettingsLeaveTheEndpointUnknownNotTheDefault() throws {
        // Mixpanel's default (no `apiRegion`) is its US endpoint: an unknown value must not read as that.
        let change = PlanFixture.change(
            "segment_destination.mixpanel", ["update"], after: PlanFixture.destination(), unknown: #"{"settings": true}"#)
        let d = try #require(PlanFixture.load(PlanFixture.plan([change])).only?.destinations.first)
        #expect(d.endpoint.region == nil)
        #expect(d.endpoint.evidence == "settings are known only after apply")
        #expect(d.catalogName == "Mixpanel (Actions)")
    }

    @Test func settingsNotGivenMeanTheIntegrationsDefault() throws {
        let change = PlanFixture.change("segment_destination.mixpanel", after: PlanFixture.destination(settings: "{}"))
        let d = try #require(PlanFixture.load(PlanFixture.plan([change])).only?.destinations.first)
        #expect(d.endpoint.region == "us")
    }

    @Test func wholeObjectUnknown() throws {
        let change = PlanFixture.change("segment_destination.mixpanel", after: "{}", unknown: "true")
        let d = try #require(PlanFixture.load(PlanFixture.plan([change])).only?.destinations.first)
        #expect(d.enabled == nil && d.name == nil && d.catalogName == nil && d.endpoint.region == nil)
        #expect(d.id == "segment_destination.mixpanel")
    }

    @Test func aListWithAnUnknownElementIsUnknown() throws {
        let after = #"{"slug": "web", "enabled": true, "write_keys": ["k1", null]}"#
        let change = PlanFixture.change("segment_source.web", after: after, unknown: #"{"write_keys": [false, true]}"#)
        let s = try #require(PlanFixture.load(PlanFixture.plan([change])).only?.sources.first)
        #expect(s.writeKeys == nil)
        #expect(s.slug == "web" && s.enabled == true)
    }

    @Test func unknownWarehouseSettingsLeaveItsRegionUnknown() throws {
        let after = #"{"enabled": true, "name": "EU warehouse", "metadata": {"id": "kwX50Df0hr"}}"#
        let change = PlanFixture.change("segment_warehouse.bq", after: after, unknown: #"{"id": true, "settings": true}"#)
        let w = try #require(PlanFixture.load(PlanFixture.plan([change])).only?.warehouses.first)
        #expect(w.region == nil && w.location == nil)
        #expect(w.regionEvidence == "settings are known only after apply")
        #expect(w.catalogName == "BigQuery")
        #expect(w.name == "EU warehouse")
    }
}

/// Who the workspace is: a `segment_workspace` data source, else its resources' `workspace_id`,
/// else the plan file.
@Suite struct TerraformWorkspaceTests {
    static let web = PlanFixture.change(
        "segment_source.web", ["no-op"], after: #"{"slug": "web", "enabled": true, "workspace_id": "WS123"}"#)

    @Test func fromTheWorkspaceDataSource() throws {
        let state =
            #""prior_state": {"values": {"root_module": {"child_modules": [{"resources": [{"address": "module.s.data.segment_workspace.this", "mode": "data", "type": "segment_workspace", "name": "this", "values": {"id": "WS999", "slug": "acme-eu", "name": "Acme EU"}}]}]}}}"#
        let w = try #require(PlanFixture.load(PlanFixture.plan([Self.web], extra: state)).only?.workspace)
        #expect(w.id == "WS999" && w.slug == "acme-eu" && w.name == "Acme EU")
        #expect(w.region == "eu-west" && w.apiHost == "https://eu1.api.segmentapis.com")
        #expect(w.dataSubjects == nil)
    }

    @Test func fromTheResourcesWorkspaceID() throws {
        let w = try #require(PlanFixture.load(PlanFixture.plan([Self.web]), path: "ci/eu-plan.json").only?.workspace)
        #expect(w.id == "WS123" && w.slug == "eu-plan" && w.name == nil)
    }

    @Test func fromThePlanFile() throws {
        let created = PlanFixture.change(
            "segment_source.web", after: #"{"slug": "web", "enabled": true}"#, unknown: #"{"workspace_id": true}"#)
        let w = try #require(PlanFixture.load(PlanFixture.plan([created]), path: "ci/eu-plan.json").only?.workspace)
        #expect(w.id == "ci/eu-plan.json" && w.slug == "eu-plan")
    }
}
