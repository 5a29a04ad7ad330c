import Testing

@testable import ResidencyKit

/// `settings` as the provider takes them, a JSON document inside a JSON string: read by the
/// export bundles' rules, and a broken one reported at its place inside the string.
@Suite struct TerraformSettingsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// The whole `settings` member's value as it appears in the plan (JSON text).
        var settings: String
        var region: String?
        var codes: [String] = []
        var message: String? = nil
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "EU region label with emoji", settings: PlanFixture.quote(#"{"apiRegion":"EU 🇪🇺"}"#), region: "eu"),
        Case(name: "US region label", settings: PlanFixture.quote(#"{"apiRegion":"US 🇺🇸","projectToken":"t"}"#), region: "us"),
        Case(
            name: "emoji escaped as \\u surrogate pairs", settings: #""{\"apiRegion\":\"EU \ud83c\uddea\ud83c\uddfa\"}""#,
            region: "eu"),
        Case(name: "no settings key: the integration's default", settings: PlanFixture.quote("{}"), region: "us"),
        Case(name: "null settings", settings: "null", region: "us"),
        Case(
            name: "invalid JSON inside the string", settings: #""{\"apiRegion\": 1️⃣EU}""#, region: nil, codes: ["E1401"],
            message: "`settings` of segment_destination.mixpanel is not valid JSON: expected a JSON value, found `EU`"),
        Case(
            name: "invalid JSON after escapes", settings: #""{\"name\": \"\u00e9t\u00e9\", \"\ud83d\ude00\": 1, 1️⃣x}""#,
            region: nil, codes: ["E1401"]),
        Case(
            name: "invalid JSON: cut short", settings: #""{\"apiRegion\": \"EU\"1️⃣""#, region: nil, codes: ["E1401"]),
        Case(
            name: "settings as an object, not a string", settings: #"1️⃣{"apiRegion": "EU"}"#, region: nil, codes: ["E0602"],
            message: "`segment_destination.mixpanel.settings` must be a JSON string, found an object"),
        Case(
            name: "a JSON array in the string", settings: #"1️⃣"[1, 2]""#, region: nil, codes: ["E0602"],
            message: "`segment_destination.mixpanel.settings` must be a JSON object, found an array"),
    ]

    @Test(arguments: cases)
    func settings(_ c: Case) throws {
        let after = PlanFixture.destination().dropLast() + #", "settings": \#(c.settings)}"#
        let marked = InventoryMarked(PlanFixture.plan([PlanFixture.change("segment_destination.mixpanel", after: String(after))]))
        let loaded = PlanFixture.load(marked.text)
        #expect(loaded.codes == c.codes, "\(loaded.diagnostics.map(\.message))")
        if let message = c.message { #expect(loaded.diagnostics.first?.message == message) }
        if marked.positions["1️⃣"] != nil { #expect(loaded.diagnostics.first?.lineColumn == marked.at()) }
        if c.codes.isEmpty {
            let d = try #require(loaded.only?.destinations.first)
            #expect(d.endpoint.region == c.region)
        }
    }

    @Test func warehouseSettingsGoThroughTheWarehouseRules() throws {
        let settings = PlanFixture.quote(#"{"hostname":"acme.cxz7mja8ukuc.eu-west-1.redshift.amazonaws.com","port":"5439"}"#)
        let after = #"{"enabled": true, "metadata": {"id": "aea3c55dsz"}, "settings": \#(settings)}"#
        let w = try #require(
            PlanFixture.load(PlanFixture.plan([PlanFixture.change("segment_warehouse.redshift", after: after)])).only?.warehouses
                .first)
        #expect(w.region == "eu" && w.location == "eu-west-1" && w.catalogName == "Redshift")
        #expect(w.allowlistedCidrs == nil)
    }

    /// A Profiles Sync warehouse (segmentio/terraform-provider-segment
    /// docs/resources/profiles_warehouse.md: `space_id`, `metadata_id`, `settings`) receives a
    /// space's profiles: a warehouse, its region from its settings. It was left out of the plan.
    @Test func aProfilesWarehouseIsAWarehouse() throws {
        let settings = PlanFixture.quote(#"{"hostname":"acme.cxz7mja8ukuc.us-east-1.redshift.amazonaws.com","port":"5439"}"#)
        let after = #"{"enabled": true, "space_id": "spa_1", "metadata_id": "aea3c55dsz", "settings": \#(settings)}"#
        let unknownKind = #"{"enabled": true, "space_id": "spa_1", "metadata_id": "nope", "settings": "{}"}"#
        let loaded = PlanFixture.load(
            PlanFixture.plan([
                PlanFixture.change("segment_profiles_warehouse.profiles", after: after),
                PlanFixture.change("segment_profiles_warehouse.other", after: unknownKind),
            ]))
        let w = try #require(loaded.only?.warehouses.first)
        #expect(w.id == "segment_profiles_warehouse.profiles")
        #expect(w.region == "us" && w.location == "us-east-1" && w.catalogName == "Redshift")
        #expect(loaded.only?.warehouses.count == 2)
        #expect(loaded.diagnostics.map(\.code) == ["W1405"], "\(loaded.diagnostics.map(\.message))")
    }

    @Test func aSourcesBrokenSettingsAreReportedToo() throws {
        let after = #"{"slug": "web", "enabled": true, "metadata": {"id": "IqDTy1TpoU"}, "settings": "{1️⃣,}"}"#
        let marked = InventoryMarked(PlanFixture.plan([PlanFixture.change("segment_source.web", after: after)]))
        let loaded = PlanFixture.load(marked.text)
        #expect(loaded.codes == ["E1401"])
        #expect(loaded.diagnostics.first?.lineColumn == marked.at())
    }
}

/// A planned create knows only `metadata.id`: the integration is found by its catalog id.
@Suite struct TerraformCatalogTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var metadata: String
        var catalogName: String?
        var vendor: String?
        var codes: [String] = []
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "actions id", metadata: #""id": "5f7dd78fe27ce7ff2b8bfa37""#, catalogName: "Customer.io (Actions)",
            vendor: "Customer.io"),
        Case(
            name: "browser actions id", metadata: #""id": "62d9daff84a6bf190da9f592""#, catalogName: "Intercom Web (Actions)",
            vendor: "Intercom"),
        Case(name: "classic id", metadata: #""id": "54521fd725e721e32a72eec1""#, catalogName: "HubSpot", vendor: "HubSpot"),
        Case(
            name: "unknown id", metadata: #""id": 1️⃣"0123456789abcdef01234567""#, catalogName: nil, vendor: nil, codes: ["W1405"]),
        Case(
            name: "known name wins (an existing resource)",
            metadata: #""id": "0123456789abcdef01234567", "name": "Mixpanel (Actions)", "slug": "actions-mixpanel""#,
            catalogName: "Mixpanel (Actions)", vendor: "Mixpanel"),
        Case(
            name: "a name the catalog lacks", metadata: #""id": "x", "name": 1️⃣"Mixpanl (Actions)""#,
            catalogName: "Mixpanl (Actions)", vendor: nil, codes: ["W0601"]),
        Case(name: "metadata id unknown", metadata: "", catalogName: nil, vendor: nil),
    ]

    @Test(arguments: cases)
    func lookUp(_ c: Case) throws {
        let unknown = c.metadata.isEmpty ? #"{"id": true, "metadata": {"id": true}}"# : #"{"id": true}"#
        let change = PlanFixture.change(
            "segment_destination.d", after: PlanFixture.destination(settings: "{}", metadata: c.metadata), unknown: unknown)
        let marked = InventoryMarked(PlanFixture.plan([change]))
        let loaded = PlanFixture.load(marked.text)
        #expect(loaded.codes == c.codes, "\(loaded.diagnostics.map(\.message))")
        if marked.positions["1️⃣"] != nil { #expect(loaded.diagnostics.first?.lineColumn == marked.at()) }
        let d = try #require(loaded.only?.destinations.first)
        #expect(d.catalogName == c.catalogName)
        #expect(d.vendor == c.vendor)
    }

    @Test func unknownIDWarningNamesTheAddress() throws {
        let change = PlanFixture.change("segment_destination.d", after: PlanFixture.destination(metadata: #""id": "nope""#))
        let loaded = PlanFixture.load(PlanFixture.plan([change]))
        #expect(
            loaded.diagnostics.first?.message
                == "segment_destination.d is a destination with catalog id \"nope\", which residency cannot name; checks "
                + "that need its integration are indeterminate")
    }

    /// The catalog ids residency used to keep in its own table (CatalogIDs, removed: ids now
    /// come from the catalog, which Segment's data gives them), each checked against a public
    /// source then. The bundled catalog must still find each by its id, as the row it named.
    static let publiclyKnownIDs: [(Catalog.Table, String, String)] = [
        // segmentio/action-destinations: packages/destination-actions/src/destinations/index.ts
        (.destinations, "5f7dd6d21ad74f3842b1fc47", "Amplitude (Actions)"),
        (.destinations, "615c7438d93d9b61b1e9e192", "Mixpanel (Actions)"),
        (.destinations, "60f9d0d048950c356be2e4da", "Braze Cloud Mode (Actions)"),
        (.destinations, "63872c01c0c112b9b4d75412", "Braze Cohorts"),
        (.destinations, "5f7dd78fe27ce7ff2b8bfa37", "Customer.io (Actions)"),
        (.destinations, "645babd9362d97b777391325", "Iterable (Actions)"),
        (.destinations, "62ded0cf5753c743883ca0f3", "Intercom Cloud Mode (Actions)"),
        (.destinations, "632b1116e0cb83902f3fd717", "HubSpot Cloud Mode (Actions)"),
        (.destinations, "60ad61f9ff47a16b8fb7b5d9", "Google Analytics 4 Cloud"),
        (.destinations, "62d9aa9899b06480f83e8a66", "Fullstory Cloud Mode (Actions)"),
        (.destinations, "5f7dd8e302173ff732db5cc4", "Slack (Actions)"),
        (.destinations, "614a3c7d791c91c41bae7599", "Webhooks (Actions)"),
        // segmentio/action-destinations: packages/browser-destinations (its destination index)
        (.destinations, "60fb01aec459242d3b6f20c1", "Braze Web Device Mode (Actions)"),
        (.destinations, "62d9daff84a6bf190da9f592", "Intercom Web (Actions)"),
        (.destinations, "631a1c2bfdce36a23f0a14ec", "HubSpot Web (Actions)"),
        (.destinations, "6141153ee7500f15d3838703", "Fullstory (Actions)"),
        (.destinations, "63ed446fe60a1b56c5e6f130", "Google Analytics 4 Web"),
        (.destinations, "652d4cf5e00c0147e6eaf5e7", "Jimo (Actions)"),
        // segmentio/segment-docs: the `id:` of each classic destination's catalog page
        (.destinations, "54521fd525e721e32a72ee91", "Amplitude"),
        (.destinations, "54521fd525e721e32a72eea8", "Customer.io"),
        (.destinations, "54521fd725e721e32a72eec1", "HubSpot"),
        (.destinations, "54521fd725e721e32a72eec6", "Intercom"),
        (.destinations, "56748689e954a874ca44ccfb", "Slack"),
        // segmentio/segment-docs: the `id:` of each library's page
        (.sources, "IqDTy1TpoU", "Javascript"),
        (.sources, "B0X0QmvMny", "React Native"),
        (.sources, "9EMcTqiKok", "Kotlin (Android)"),
        (.sources, "yMu7LRR59b", "Kotlin"),
        (.sources, "XRksQPCr7X", "Python"),
        // Segment's Public API and Config API examples; `terraform import` output
        (.warehouses, "55d3d3aea3c", "Postgres"),
        (.warehouses, "aea3c55dsz", "Redshift"),
        (.warehouses, "kwX50Df0hr", "BigQuery"),
        (.warehouses, "CCIl4HLQPz", "Snowflake"),
    ]

    /// Every publicly known id finds its row in the bundled catalog, by id (not by a name).
    @Test func everyKnownIDNamesACatalogRow() {
        let catalog = InventoryFixture.catalog
        for (table, id, name) in Self.publiclyKnownIDs {
            let found = catalog.find(table, id: id, slug: nil, name: nil)
            #expect(found?.match == .id, "\(id) \(name)")
            #expect(found.map { catalog.rows(table)[Int($0.row)].name } == name, "\(id) \(name)")
        }
    }

    /// A planned create of each finds it by its id alone.
    @Test func plannedCreateFindsEveryKnownIDInTheCatalog() throws {
        for (table, id, name) in Self.publiclyKnownIDs {
            let (type, after): (String, String) =
                switch table {
                case .destinations: ("segment_destination.d", PlanFixture.destination(settings: "{}", metadata: #""id": "\#(id)""#))
                case .sources: ("segment_source.s", #"{"slug": "s", "enabled": true, "metadata": {"id": "\#(id)"}}"#)
                case .warehouses: ("segment_warehouse.w", #"{"enabled": true, "metadata": {"id": "\#(id)"}}"#)
                }
            let loaded = PlanFixture.load(PlanFixture.plan([PlanFixture.change(type, after: after)]))
            #expect(loaded.codes.isEmpty, "\(id): \(loaded.diagnostics.map(\.message))")
            let model = try #require(loaded.only)
            let catalogName =
                switch table {
                case .destinations: model.destinations.first?.catalogName
                case .sources: model.sources.first?.catalogName
                case .warehouses: model.warehouses.first?.catalogName
                }
            #expect(catalogName == name, "\(id)")
        }
    }

    /// Segment's data has no warehouse ids: docs/catalog.md names the four the supplement
    /// adds, and where each comes from.
    @Test func warehouseIDsAreDocumented() {
        let doc = InventoryFixture.text("docs/catalog.md")
        for id in ["55d3d3aea3c", "aea3c55dsz", "kwX50Df0hr", "CCIl4HLQPz"] {
            #expect(doc.contains("`\(id)`"), "\(id) is not in docs/catalog.md")
        }
    }
}

/// What is a plan, and Terraform output that is not one.
@Suite struct TerraformNotAPlanTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var codes: [String]
        var workspaces: Int
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "an export bundle stays a bundle", text: InventoryFixture.bundle(), codes: [], workspaces: 1),
        Case(
            // Still read as a bundle, whose unknown top-level keys are errors since issue 11.
            name: "a bundle with a stray format_version stays a bundle",
            text: InventoryFixture.bundle(#""format_version": "1.0", "resource_changes": []"#), codes: ["E0617", "E0617"],
            workspaces: 1),
        Case(
            name: "state as terraform show -json prints it",
            text: #"1️⃣{"format_version": "1.0", "terraform_version": "1.9.8", "values": {"root_module": {}}}"#,
            codes: ["E1403"], workspaces: 0),
        Case(
            name: "a raw terraform.tfstate",
            text: #"1️⃣{"version": 4, "terraform_version": "1.9.8", "serial": 3, "resources": []}"#,
            codes: ["E1403"], workspaces: 0),
        Case(
            name: "a future plan format", text: #"{"format_version": 1️⃣"2.0", "resource_changes": []}"#, codes: ["E1402"],
            workspaces: 0),
        Case(
            name: "resource_changes of the wrong type",
            text: #"{"format_version": "1.2", "resource_changes": 1️⃣{}, "configuration": {}}"#,
            codes: ["E0602", "W1401"], workspaces: 1),
        Case(name: "neither a bundle nor a plan", text: #"1️⃣{"format_version": "1.2"}"#, codes: ["E0609"], workspaces: 0),
    ]

    @Test(arguments: cases)
    func detect(_ c: Case) throws {
        let marked = InventoryMarked(c.text)
        let loaded = PlanFixture.load(marked.text)
        #expect(loaded.codes == c.codes, "\(loaded.diagnostics.map(\.message))")
        #expect(loaded.workspaces.count == c.workspaces)
        if marked.positions["1️⃣"] != nil { #expect(loaded.diagnostics.first?.lineColumn == marked.at()) }
    }
}

/// Destinations are linked to their sources by address, also when the source is created in
/// the same plan and its id is known only after apply.
@Suite struct TerraformLinkTests {
    @Test func knownSourceIDIsTheSourcesAddress() throws {
        let web = PlanFixture.change("segment_source.web", ["no-op"], after: #"{"id": "src1", "slug": "web", "enabled": true}"#)
        let d = PlanFixture.change("segment_destination.d", after: PlanFixture.destination(settings: "{}", sourceID: "src1"))
        let model = try #require(PlanFixture.load(PlanFixture.plan([web, d])).only)
        #expect(model.destinations[0].sourceId == "segment_source.web")
        #expect(model.sourceOfDestination == [0])
    }

    @Test func sourceOutsideThePlanKeepsItsID() throws {
        let d = PlanFixture.change("segment_destination.d", after: PlanFixture.destination(settings: "{}", sourceID: "elsewhere"))
        let model = try #require(PlanFixture.load(PlanFixture.plan([d])).only)
        #expect(model.destinations[0].sourceId == "elsewhere")
        #expect(model.sourceOfDestination == [-1])
    }

    @Test(arguments: [
        (
            "segment_source.shop", "segment_destination.d",
            #"{"resources": [{"address": "segment_destination.d", "expressions": {"source_id": {"references": ["segment_source.shop.id", "segment_source.shop"]}}}]}"#,
            "segment_source.shop"
        ),
        (
            "module.eu.segment_source.shop", "module.eu.segment_destination.d",
            #"{"module_calls": {"eu": {"module": {"resources": [{"address": "segment_destination.d", "expressions": {"source_id": {"references": ["segment_source.shop.id"]}}}]}}}}"#,
            "module.eu.segment_source.shop"
        ),
        (
            "segment_source.shop[\"eu\"]", "segment_destination.d[0]",
            #"{"resources": [{"address": "segment_destination.d", "expressions": {"source_id": {"references": ["segment_source.shop[\"eu\"].id"]}}}]}"#,
            "segment_source.shop[\"eu\"]"
        ),
        (
            "segment_source.shop", "segment_destination.d",
            #"{"resources": [{"address": "segment_destination.d", "expressions": {"source_id": {"references": ["var.source_id"]}}}]}"#,
            ""
        ),
    ])
    func unknownSourceIDFromTheConfiguration(source: String, destination: String, root: String, expected: String) throws {
        let shop = PlanFixture.change(source, after: #"{"slug": "shop", "enabled": true}"#, unknown: #"{"id": true}"#)
        let d = PlanFixture.change(
            destination, after: PlanFixture.destination(settings: "{}", sourceID: nil),
            unknown: #"{"id": true, "source_id": true}"#)
        let loaded = PlanFixture.load(PlanFixture.plan([shop, d], rootModule: root))
        // A source the plan does not say is a warning at the destination: it is in no
        // source's `destinations`, so a policy over them does not see it.
        #expect(loaded.codes == (expected.isEmpty ? ["W1409"] : []), "\(loaded.diagnostics.map(\.message))")
        let model = try #require(loaded.only)
        #expect(model.destinations.first?.sourceId == expected)
        #expect(model.sources.map(\.id) == [source])
    }

    @Test(arguments: [
        ("segment_source.web", "segment_source.web"),
        ("segment_source.web[0]", "segment_source.web"),
        (#"module.a["x"].segment_source.web["k]"]"#, "module.a.segment_source.web"),
        (#"segment_source.web["a\"]b"]"#, "segment_source.web"),
    ])
    func addressWithoutKeys(address: String, expected: String) {
        #expect(SourceLinks.withoutKeys(address) == expected)
    }
}
