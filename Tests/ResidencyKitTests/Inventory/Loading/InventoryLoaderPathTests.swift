import Foundation
import Testing

@testable import ResidencyKit

/// Every way an inventory reaches the loader: one bundle in JSON or YAML, several bundles in
/// one file, lists raw or as the Public API's response pages, the workspace raw or as `GET /`
/// returned it, folders of files. Whatever the shape, the model must be the same.
@Suite struct InventoryLoaderPathTests {
    // MARK: The shipped examples

    @Test func euExampleLoadsWithoutDiagnosticsIntoTheExpectedModel() throws {
        let loaded = InventoryFixture.load(InventoryFixture.text("examples/inventory/acme-eu.json"), path: "acme-eu.json")
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))")
        let model = try #require(loaded.only)
        #expect(model.workspace.id == "9aQ1Lj62S4bomZKLF4DPqW")
        #expect(model.workspace.slug == "acme-eu")
        #expect(model.workspace.name == "Acme EU")
        #expect(model.workspace.region == "eu-west")
        #expect(model.workspace.dataRegion == "eu")
        #expect(model.workspace.apiHost == "https://eu1.api.segmentapis.com")
        #expect(model.workspace.dataSubjects == ["EU"])

        #expect(
            model.sources.map(\.id) == [
                "qQEHquLrjRDN9j1ByrChyn", "rh5BDZp6QDHvXFCkibm4pR", "kR6b2ixxrhJCgu2Uo7A9Bm", "wF5x9cL3vN8bM2qT6yH1zD",
                "pL8kJ3hG6fD1sA9zX4cV7b",
            ])
        let android = model.sources[0]
        #expect(android.slug == "android-app")
        #expect(android.name == "Android app")
        #expect(android.enabled == true)
        #expect(android.catalogName == "Kotlin (Android)")
        #expect(android.catalogSlug == "kotlin-android")
        #expect(android.isCloudSource == false)
        #expect(android.categories == ["Mobile"])
        #expect(android.writeKeys == ["AbCdEfGhIjKlMnOpQrStUvWxYz012345"])
        #expect(android.labels == ["team:mobile"])
        var androidSDK = try #require(android.sdk)
        // Where the configuration is written: the `sdkConfigs` entry.
        #expect(androidSDK.origin?.file == "acme-eu.json")
        #expect(android.ingestOrigin == androidSDK.origin)
        androidSDK.origin = nil
        #expect(androidSDK == SDKConfig(library: "analytics-kotlin", apiHost: "events.eu1.segmentapis.com/v1"))
        #expect(android.ingestHost == "events.eu1.segmentapis.com")
        #expect(android.ingestRegion == "eu")
        // Changed with the SDK URL rules: the URL the SDK builds, and how (analytics-kotlin: https://{apiHost}/b).
        #expect(android.ingestURL == "https://events.eu1.segmentapis.com/v1/b")
        #expect(
            android.ingestEvidence
                == #"sdk.apiHost = "events.eu1.segmentapis.com/v1" → https://{apiHost}/b = https://events.eu1.segmentapis.com/v1/b"#
        )
        // The catalog's source type picks the connection modes of its destinations.
        #expect(model.sources.map(\.platform) == [.mobile, .server, .web, .mobile, .cloudSource])
        // Segment's catalog data offers every source but Looker (supportedRegions ["us"]) in EU workspaces.
        #expect(model.sources.map(\.integration.euWorkspace) == [true, true, true, true, false])
        #expect(model.sources.allSatisfy { $0.integration.decidedBy == "bundled catalog \(InventoryFixture.catalog.version)" })
        // React Native without useSegmentEndpoints posts to its proxy as is (SDKRules.reactNative).
        #expect(model.sources[3].ingestURL == "https://events.eu1.segmentapis.com/v1")
        // Analytics.js needs no declared SDK configuration: it follows the workspace.
        let website = model.sources[2]
        #expect(website.sdk == SDKConfig(library: "analytics.js"))
        #expect(website.ingestHost == "events.eu1.segmentapis.com")
        #expect(website.ingestRegion == "eu")
        #expect(website.ingestEvidence == "analytics.js takes its endpoint from the source's settings (the workspace's region)")
        #expect(website.ingestURL == "https://events.eu1.segmentapis.com/v1/b")
        // The catalog says Looker is a cloud source; nothing declares an SDK for it.
        let looker = model.sources[4]
        #expect(looker.isCloudSource == true)
        #expect(looker.sdk == nil)
        #expect(looker.ingestRegion == nil)

        #expect(
            model.destinations.map(\.catalogName) == [
                "Amplitude (Actions)", "Mixpanel (Actions)", "Braze Cloud Mode (Actions)", "Customer.io (Actions)",
                "Google Analytics 4 Cloud", "Intercom Web (Actions)", "FullStory", "Slack",
            ])
        let endpoints = model.destinations.map(\.endpoint)
        #expect(endpoints.map(\.region) == ["eu", "us", "eu", "us", "us", "eu", "us", "us"])
        #expect(
            endpoints.map(\.host) == [
                "api.eu.amplitude.com", "api.mixpanel.com", "rest.fra-01.braze.eu", "track.customer.io", nil,
                "api-iam.eu.intercom.io", "edge.fullstory.com", nil,
            ])
        #expect(
            endpoints.map(\.evidence) == [
                #"settings.endpoint = "europe""#, #"settings.apiRegion = "US 🇺🇸""#,
                #"settings.endpoint = "https://rest.fra-01.braze.eu""#, #"settings.accountRegion = "US 🇺🇸""#,
                // Changed with catalog precedence: the export's own regionEndpoints decide, and say so.
                #"Segment lists only a US endpoint for Google Analytics 4 Cloud (metadata.regionEndpoints = ["US"])"#,
                #"settings.apiBase = "https://api-iam.eu.intercom.io""#,
                // Changed with the endpoint table: FullStory's classic integration always sends
                // to fullstory.com (analytics.js-integrations integrations/fullstory; before: unknown).
                "FullStory's classic integration loads from and sends to fullstory.com whatever its settings "
                    + "(analytics.js-integrations sets _fs_host = 'fullstory.com')",
                #"Segment lists only a US endpoint for Slack (metadata.regionEndpoints = ["US"])"#,
            ])
        // The settings' places in the export: each setting's value, the export's own list for the catalog cases.
        let file = SourceFile(path: "acme-eu.json", text: InventoryFixture.text("examples/inventory/acme-eu.json"))
        func text(at origin: Origin?) -> String? {
            guard let origin else { return nil }
            let start = file.bytes.index(file.bytes.startIndex, offsetBy: origin.offset)
            return String(decoding: file.bytes[start...].prefix(9), as: UTF8.self)
        }
        #expect(endpoints.map { $0.origin?.file } == Array(repeating: "acme-eu.json", count: 6) + [nil, "acme-eu.json"])
        #expect(text(at: endpoints[0].origin)?.hasPrefix(#""europe""#) == true)
        #expect(text(at: endpoints[4].origin)?.hasPrefix(#"["US"]"#) == true)
        // A mode is named only where the integration's setting depends on it: these Actions
        // rows read one setting in any mode (EndpointRules+Table.swift), so none is assumed.
        #expect(endpoints[1].mode == nil)
        #expect(endpoints[6].mode == nil)
        // Where Segment offers each integration: here the export's own metadata decides.
        #expect(model.destinations.allSatisfy { $0.integration.decidedBy == "export metadata" })
        #expect(model.destinations.map(\.integration.euEndpoint) == [true, true, true, true, false, true, true, false])
        #expect(
            model.destinations.map(\.vendor) == [
                "Amplitude", "Mixpanel", "Braze", "Customer.io", "Google", "Intercom", "FullStory", "Slack",
            ])
        #expect(model.destinations.map(\.enabled) == [true, true, true, true, true, true, true, false])
        #expect(model.destinations[0].supportedRegions == ["us-west-2", "eu-west-1"])
        #expect(model.destinations[0].regionEndpoints == ["US", "EU"])
        #expect(model.destinations[0].catalogId == "5f7dd6d21ad74f3842b1fc47")
        // Links both ways.
        #expect(model.sourceOfDestination == [0, 2, 0, 1, 2, 2, 2, 1])

        #expect(model.warehouses.count == 2)
        let redshift = model.warehouses[0]
        #expect(redshift.name == "Analytics (Redshift, Dublin)")
        #expect(redshift.catalogName == "Redshift")
        #expect(redshift.location == "eu-west-1")
        #expect(redshift.region == "eu")
        #expect(redshift.allowlistedCidrs?.map(\.description) == ["10.20.0.0/16", "3.251.148.96/29"])
        let bigquery = model.warehouses[1]
        #expect(bigquery.location == "US")
        #expect(bigquery.region == "us")
        #expect(bigquery.regionEvidence == #"settings.location = "US""#)
        #expect(bigquery.allowlistedCidrs == nil)
    }

    @Test func usExampleYAMLInfersItsRegionFromApiHost() throws {
        let loaded = InventoryFixture.load(InventoryFixture.text("examples/inventory/acme-us.yaml"), path: "acme-us.yaml")
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))")
        let model = try #require(loaded.only)
        #expect(model.workspace.region == "us-west")
        #expect(model.workspace.dataSubjects == ["US", "CA"])
        #expect(model.sources.map(\.ingestRegion) == ["us", "eu"])
        #expect(model.sources[1].ingestURL == "https://events.eu1.segmentapis.com/v1/batch")
        #expect(
            model.sources[1].ingestEvidence
                == #"sdk.host = "https://events.eu1.segmentapis.com" → {host}/v1/batch = https://events.eu1.segmentapis.com/v1/batch"#
        )
        #expect(model.destinations.first?.endpoint.region == "us")
        #expect(model.warehouses.first?.location == "us-east-1")
        #expect(model.warehouses.first?.region == "us")
    }

    // MARK: JSON and YAML give the same model

    static let jsonBundle = #"""
        {
          "exportVersion": 1,
          "apiHost": "https://eu1.api.segmentapis.com",
          "workspace": {"id": "ws-eu", "slug": "acme", "name": "Acme"},
          "dataSubjects": ["EU", "NO", "CH"],
          "sources": [
            {"id": "src-1", "slug": "ios", "enabled": true, "writeKeys": ["wk"], "labels": [{"key": "team", "value": "apps"}],
             "metadata": {"slug": "ios", "name": "Node.js", "categories": ["Server"]}}
          ],
          "destinations": [
            {"id": "dst-1", "name": "Mixpanel EU", "enabled": false, "sourceId": "src-1",
             "settings": {"apiRegion": "EU 🇪🇺", "token": "••••1234"},
             "metadata": {"id": "m1", "slug": "actions-mixpanel", "name": "Mixpanel (Actions)", "supportedRegions": ["eu-west-1"]}}
          ],
          "warehouses": [
            {"id": "wh-1", "enabled": true, "settings": {"name": "BQ", "location": "EU"},
             "metadata": {"slug": "bigquery", "name": "BigQuery"}}
          ],
          "sdkConfigs": [{"sourceId": "src-1", "library": "analytics-node", "host": "https://events.eu1.segmentapis.com"}],
          "warehouseAccess": [{"warehouseId": "wh-1", "allowlistedCidrs": ["3.251.148.96/29"]}]
        }
        """#

    static let yamlBundle = #"""
        # The same bundle, as a user would write it by hand.
        exportVersion: 1
        apiHost: https://eu1.api.segmentapis.com
        workspace:
          id: ws-eu
          slug: acme
          name: Acme
        dataSubjects: [EU, NO, CH]
        sources:
          - id: src-1
            slug: ios
            enabled: true
            writeKeys: [wk]
            labels:
              - {key: team, value: apps}
            metadata: {slug: ios, name: Node.js, categories: [Server]}
        destinations:
          - id: dst-1
            name: Mixpanel EU
            enabled: false
            sourceId: src-1
            settings:
              apiRegion: "EU 🇪🇺"
              token: "••••1234"
            metadata:
              id: m1
              slug: actions-mixpanel
              name: Mixpanel (Actions)
              supportedRegions: [eu-west-1]
        warehouses:
          - id: wh-1
            enabled: true
            settings: {name: BQ, location: EU}
            metadata: {slug: bigquery, name: BigQuery}
        sdkConfigs:
          - {sourceId: src-1, library: analytics-node, host: "https://events.eu1.segmentapis.com"}
        warehouseAccess:
          - warehouseId: wh-1
            allowlistedCidrs: [3.251.148.96/29]
        """#

    @Test func jsonAndYAMLBundlesGiveTheSameModel() throws {
        let json = InventoryFixture.load(Self.jsonBundle, path: "a.json")
        let yaml = InventoryFixture.load(Self.yamlBundle, path: "a.yaml")
        #expect(json.diagnostics.isEmpty, "\(json.diagnostics.map(\.message))")
        #expect(yaml.diagnostics.isEmpty, "\(yaml.diagnostics.map(\.message))")
        let j = try #require(json.only), y = try #require(yaml.only)
        #expect(InventoryModelSummary(j) == InventoryModelSummary(y))
        // And the values themselves.
        #expect(j.workspace.region == "eu-west")
        #expect(j.workspace.dataSubjects == ["EU", "NO", "CH"])
        #expect(j.sources[0].labels == ["team:apps"])
        #expect(j.sources[0].ingestRegion == "eu")
        #expect(j.destinations[0].enabled == false)
        let endpoint = j.destinations[0].endpoint
        #expect(endpoint.region == "eu")
        #expect(endpoint.host == "api-eu.mixpanel.com")
        #expect(endpoint.evidence == #"settings.apiRegion = "EU 🇪🇺""#)
        #expect(endpoint.mode == nil)
        #expect(endpoint.origin?.file == "a.json")
        #expect(y.destinations[0].endpoint.origin?.file == "a.yaml")
        #expect(j.warehouses[0].region == "eu")
        #expect(j.warehouses[0].allowlistedCidrs?.map(\.description) == ["3.251.148.96/29"])
        // Origins point into each file at the workspace object.
        let wsOffset = Self.jsonBundle.utf8.distance(
            from: Self.jsonBundle.startIndex, to: Self.jsonBundle.range(of: #"{"id": "ws-eu""#)!.lowerBound)
        #expect(j.workspace.origin == Origin(file: "a.json", offset: wsOffset))
        #expect(y.workspace.origin?.file == "a.yaml")
    }

    @Test(arguments: [".yaml", ".yml", ".YAML"])
    func yamlIsChosenByExtension(ext: String) throws {
        let loaded = InventoryFixture.load(
            "workspace: {id: w, slug: s}\nsources: []\ndestinations: []\nwarehouses: []\nregion: eu-west\n", path: "bundle" + ext)
        #expect(loaded.diagnostics.isEmpty)
        #expect(loaded.only?.workspace.region == "eu-west")
    }

    @Test func otherExtensionsAreReadAsJSON() {
        let loaded = InventoryFixture.load(
            "workspace: {id: w, slug: s}\nsources: []\ndestinations: []\nwarehouses: []\n", path: "bundle.txt")
        #expect(loaded.codes == ["E0601"])
        #expect(loaded.workspaces.isEmpty)
    }

    // MARK: YAML scalars follow the core schema

    @Test func yamlScalarsAreTypedByTheCoreSchema() throws {
        let yaml = """
            workspace: {id: w, slug: s, name: "123"}
            region: eu-west
            dataSubjects: [EU, NO]
            sources:
              - id: "007"
                slug: 1e3x
                enabled: True
                writeKeys: [NO, "true", yes, on, off, "null", "1"]
              - id: src-2
                enabled: FALSE
                writeKeys: ['single', "double"]
            destinations: []
            warehouses: []
            """
        let loaded = InventoryFixture.load(yaml, path: "s.yaml")
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))")
        let model = try #require(loaded.only)
        // `NO` (Norway) stays a string, as do YAML 1.1 booleans and anything quoted. (Changed with
        // issue 11: `dataSubjects` are places now, read through the table of countries, so the
        // other scalars are checked in a list of plain strings.)
        #expect(model.workspace.dataSubjects == ["EU", "NO"])
        #expect(model.sources[0].writeKeys == ["NO", "true", "yes", "on", "off", "null", "1"])
        #expect(model.workspace.name == "123")
        #expect(model.sources[0].id == "007")
        #expect(model.sources[0].slug == "1e3x")
        #expect(model.sources[0].enabled == true)
        #expect(model.sources[1].enabled == false)
        #expect(model.sources[1].writeKeys == ["single", "double"])
    }

    @Test func yamlNumbersAndNullsAreNotStrings() {
        let yaml = """
            workspace: {id: w, slug: s}
            dataSubjects: [EU, 12, ~, null]
            sources: []
            destinations: []
            warehouses: []
            """
        let loaded = InventoryFixture.load(yaml, path: "n.yaml")
        #expect(loaded.codes == ["E0602", "E0602", "E0602"])
        #expect(
            loaded.diagnostics.map(\.message) == [
                "`dataSubjects[1]` must be a string, found a number",
                "`dataSubjects[2]` must be a string, found null",
                "`dataSubjects[3]` must be a string, found null",
            ])
        #expect(loaded.only?.workspace.dataSubjects == ["EU"])
    }

    @Test func yamlAnchorsAndAliasesAreResolved() throws {
        let yaml = """
            workspace: {id: w, slug: s}
            dataSubjects: &eu [EU, CH]
            sources:
              - id: src-1
                writeKeys: *eu
            destinations: []
            warehouses: []
            """
        let loaded = InventoryFixture.load(yaml, path: "a.yaml")
        #expect(loaded.diagnostics.isEmpty)
        let model = try #require(loaded.only)
        #expect(model.workspace.dataSubjects == ["EU", "CH"])
        #expect(model.sources[0].writeKeys == ["EU", "CH"])
    }

    // MARK: Several workspaces in one file

    @Test func workspacesListGivesEveryBundleInFileOrder() throws {
        let text = """
            {"workspaces": [
              {"workspace": {"id": "w2", "slug": "second"}, "region": "us-west", "sources": [], "destinations": [], "warehouses": []},
              {"exportVersion": 1, "workspace": {"data": {"workspace": {"id": "w1", "slug": "first"}}}, "region": "eu-west",
               "sources": [{"id": "s"}], "destinations": [], "warehouses": []}
            ]}
            """
        let loaded = InventoryFixture.load(text)
        #expect(loaded.diagnostics.isEmpty)
        #expect(loaded.workspaces.map(\.workspace.id) == ["w2", "w1"])
        #expect(loaded.workspaces.map(\.workspace.region) == ["us-west", "eu-west"])
        #expect(loaded.workspaces.map(\.sources.count) == [0, 1])
    }

    @Test func emptyWorkspacesListLoadsNothingAndSaysNothing() {
        let loaded = InventoryFixture.load(#"{"workspaces": []}"#)
        #expect(loaded.workspaces.isEmpty)
        #expect(loaded.diagnostics.isEmpty)
    }

    // MARK: Lists: raw, one API page, several API pages

    static let sourceA = #"{"id": "s-a", "slug": "a", "enabled": true}"#
    static let sourceB = #"{"id": "s-b", "slug": "b", "enabled": false}"#

    @Test(arguments: [
        ("raw list", "[\(sourceA), \(sourceB)]"),
        (
            "one API page",
            #"{"data": {"sources": [\#(sourceA), \#(sourceB)], "pagination": {"current": "MA==", "next": null, "previous": null, "totalEntries": 2}}}"#
        ),
        ("one API page without pagination", #"{"data": {"sources": [\#(sourceA), \#(sourceB)]}}"#),
        (
            "a list of pages",
            #"[{"data": {"sources": [\#(sourceA)]}, "pagination": {"current": "MA=="}}, {"data": {"sources": [\#(sourceB)]}, "pagination": {"current": "MQ==", "next": null}}]"#
        ),
        ("pages and raw items mixed", #"[{"data": {"sources": [\#(sourceA)]}}, \#(sourceB)]"#),
        ("an empty page and a full one", #"[{"data": {"sources": []}}, {"data": {"sources": [\#(sourceA), \#(sourceB)]}}]"#),
    ])
    func listShapesGiveTheSameSources(shape: String, sources: String) throws {
        let loaded = InventoryFixture.load(InventoryFixture.bundle(#""sources": \#(sources)"#))
        #expect(loaded.diagnostics.isEmpty, "\(shape): \(loaded.diagnostics.map(\.message))")
        let model = try #require(loaded.only)
        #expect(model.sources.map(\.id) == ["s-a", "s-b"], "\(shape)")
        #expect(model.sources.map(\.enabled) == [true, false], "\(shape)")
    }

    @Test(arguments: ["destinations", "warehouses"])
    func envelopesWorkForEveryResourceList(key: String) throws {
        let item = key == "destinations" ? #"{"id": "x1", "sourceId": "s"}"# : #"{"id": "x1"}"#
        let text = InventoryFixture.bundle(
            #""sources": [{"id": "s"}], "\#(key)": {"data": {"\#(key)": [\#(item)], "pagination": {"next": null}}}"#)
        let loaded = InventoryFixture.load(text)
        #expect(loaded.diagnostics.isEmpty)
        let model = try #require(loaded.only)
        #expect(key == "destinations" ? model.destinations.map(\.id) == ["x1"] : model.warehouses.map(\.id) == ["x1"])
    }

    /// Changed with issue 11: `null` where a list belongs is an error (E0618), since tools
    /// disagree on whether it means "none" or "not exported"; `[]` is empty. Changed since: an
    /// absent list is not known to be empty (W0609, IncompleteInventoryTests).
    @Test func emptyListsAreEmptyNullIsAnErrorAbsentIsIncomplete() throws {
        let loaded = InventoryFixture.load(InventoryFixture.bundle(#""destinations": []"#))
        #expect(loaded.diagnostics.isEmpty)
        let model = try #require(loaded.only)
        #expect(model.sources.isEmpty && model.destinations.isEmpty && model.warehouses.isEmpty)
        #expect(model.workspace.incomplete.isEmpty)
        #expect(InventoryFixture.load(InventoryFixture.bundle(#""sources": null"#)).codes == ["E0618"])
        let absent = InventoryFixture.load(#"{"workspace": {"id": "ws1", "slug": "one"}, "sources": [], "warehouses": []}"#)
        #expect(absent.codes == ["W0609"])
        #expect(absent.only?.workspace.incomplete.count == 1)
    }

    // MARK: The workspace raw or as GET / returned it

    @Test(arguments: [
        #"{"id": "ws-9", "slug": "nine", "name": "Nine"}"#,
        #"{"data": {"workspace": {"id": "ws-9", "slug": "nine", "name": "Nine"}}}"#,
    ])
    func workspaceRawOrEnveloped(workspace: String) throws {
        let loaded = InventoryFixture.load(InventoryFixture.bundle(#""region": "us-west""#, workspace: workspace))
        #expect(loaded.diagnostics.isEmpty)
        let ws = try #require(loaded.only).workspace
        #expect(ws.id == "ws-9")
        #expect(ws.slug == "nine")
        #expect(ws.name == "Nine")
        #expect(ws.region == "us-west")
        // The origin is the workspace object itself, inside the envelope when there is one.
        let text = InventoryFixture.bundle(#""region": "us-west""#, workspace: workspace)
        let offset = text.utf8.distance(from: text.startIndex, to: text.range(of: #"{"id""#)!.lowerBound)
        #expect(ws.origin == Origin(file: "inv.json", offset: offset))
    }

    @Test func workspaceWithoutNameIsNamedBySlug() throws {
        let model = try #require(InventoryFixture.load(InventoryFixture.bundle()).only)
        #expect(model.workspace.name == nil)
        #expect(model.name(of: .workspace, 0) == "one")
        #expect(model.workspace.region == nil)
        #expect(model.workspace.dataSubjects == nil)
    }

    @Test func sourceSlugDefaultsToItsId() throws {
        let model = try #require(InventoryFixture.load(InventoryFixture.bundle(#""sources": [{"id": "only-id"}]"#)).only)
        #expect(model.sources[0].slug == "only-id")
        #expect(model.sources[0].enabled == nil)
        #expect(model.sources[0].writeKeys == nil)
    }

    @Test func labelsBecomeKeyColonValue() throws {
        let text = InventoryFixture.bundle(
            #""sources": [{"id": "s", "labels": [{"key": "env", "value": "prod"}, {"key": "team"}, {"value": "orphan"}, "x"]}]"#)
        let model = try #require(InventoryFixture.load(text).only)
        #expect(model.sources[0].labels == ["env:prod", "team:"])
    }

    // MARK: Files and folders

    @Test func folderIsReadRecursivelyInSortedOrder() throws {
        let root = try InventoryFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try InventoryFixture.write(
            #"{"workspace": {"id": "w-b", "slug": "b"}, "sources": [], "destinations": [], "warehouses": []}"#,
            to: root + "/b.json")
        try InventoryFixture.write(
            "workspace: {id: w-a, slug: a}\nsources: []\ndestinations: []\nwarehouses: []\n", to: root + "/a.yaml")
        try InventoryFixture.write(
            "workspace: {id: w-c, slug: c}\nsources: []\ndestinations: []\nwarehouses: []\n", to: root + "/sub/c.yml")
        try InventoryFixture.write(
            #"{"workspaces": [{"workspace": {"id": "w-d1", "slug": "d1"}, "sources": [], "destinations": [], "warehouses": []}, {"workspace": {"id": "w-d2", "slug": "d2"}, "sources": [], "destinations": [], "warehouses": []}]}"#,
            to: root + "/d.JSON")
        try InventoryFixture.write("not an inventory", to: root + "/notes.txt")
        try InventoryFixture.write("", to: root + "/README")

        let loaded = InventoryLoader.load(paths: [root], catalog: InventoryFixture.catalog)
        // Changed with fail-closed folders: the two files not read are listed (W1701).
        #expect(loaded.codes == ["W1701"], "\(loaded.diagnostics.map(\.message))")
        #expect(loaded.notRead == [root + "/README", root + "/notes.txt"])
        #expect(loaded.files.map(\.path) == [root + "/a.yaml", root + "/b.json", root + "/d.JSON", root + "/sub/c.yml"])
        #expect(loaded.workspaces.map(\.workspace.id) == ["w-a", "w-b", "w-d1", "w-d2", "w-c"])
        #expect(loaded.digests == loaded.files.map { SHA256.hex($0.bytes) })
        #expect(loaded.digests.allSatisfy { $0.count == 64 })
    }

    @Test func filesAndFoldersTogetherKeepTheGivenOrder() throws {
        let root = try InventoryFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try InventoryFixture.write(
            #"{"workspace": {"id": "w-z", "slug": "z"}, "sources": [], "destinations": [], "warehouses": []}"#,
            to: root + "/z.json")
        try InventoryFixture.write(
            #"{"workspace": {"id": "w-a", "slug": "a"}, "sources": [], "destinations": [], "warehouses": []}"#,
            to: root + "/dir/a.json")
        let loaded = InventoryLoader.load(paths: [root + "/z.json", root + "/dir"], catalog: InventoryFixture.catalog)
        #expect(loaded.diagnostics.isEmpty)
        #expect(loaded.workspaces.map(\.workspace.id) == ["w-z", "w-a"])
    }

    @Test func inMemoryFilesRecordTheirDigests() {
        let text = InventoryFixture.bundle()
        let loaded = InventoryFixture.load([("x.json", text), ("y.json", "[")])
        #expect(loaded.files.map(\.path) == ["x.json", "y.json"])
        #expect(loaded.digests == [SHA256.hex(Array(text.utf8)), SHA256.hex(Array("[".utf8))])
        #expect(loaded.codes == ["E0601"])
        #expect(loaded.workspaces.count == 1)
    }

    @Test func examplesFolderLoadsBothWorkspaces() {
        let loaded = InventoryLoader.load(
            paths: [InventoryFixture.repoPath("examples/inventory")], catalog: InventoryFixture.catalog)
        #expect(loaded.diagnostics.isEmpty)
        #expect(loaded.workspaces.map(\.workspace.slug) == ["acme-eu", "acme-us"])
    }

    @Test func manyFilesLoadInPathOrderWhateverTheParallelism() {
        let files = (0..<40).map { i in
            (
                String(format: "f%02d.json", i),
                #"{"workspace": {"id": "w\#(i)", "slug": "s\#(i)"}, "sources": [{"id": "a"}, {"id": "b"}], "destinations": [], "warehouses": []}"#
            )
        }
        let loaded = InventoryFixture.load(files)
        #expect(loaded.diagnostics.isEmpty)
        #expect(loaded.workspaces.map(\.workspace.id) == (0..<40).map { "w\($0)" })
    }
}

/// A model without origins, for comparing what two inputs produced.
struct InventoryModelSummary: Equatable {
    var workspace: Workspace
    var sources: [Source]
    var destinations: [Destination]
    var warehouses: [Warehouse]

    /// The model without places in its input file (they differ between a JSON and a YAML
    /// spelling of the same bundle): resource origins, and those of settings and lists read
    /// from the file.
    init(_ m: WorkspaceModel) {
        workspace = m.workspace
        workspace.origin = nil
        sources = m.sources.map {
            var s = $0
            s.origin = nil
            s.sdk?.origin = nil
            s.ingestOrigin = nil
            s.integration = Self.withoutFilePlaces(s.integration)
            return s
        }
        destinations = m.destinations.map {
            var d = $0
            d.origin = nil
            d.endpoint.origin = nil
            d.integration = Self.withoutFilePlaces(d.integration)
            return d
        }
        warehouses = m.warehouses.map {
            var w = $0
            w.origin = nil
            w.regionOrigin = nil
            w.integration = Self.withoutFilePlaces(w.integration)
            return w
        }
    }

    /// Places in the inventory file; a catalog row's place (the same catalog file) stays.
    static func withoutFilePlaces(_ f: IntegrationFacts) -> IntegrationFacts {
        var f = f
        if f.regionsSource?.decider == .exportMetadata { f.regionsSource?.origin = nil }
        if f.endpointsSource?.decider == .exportMetadata { f.endpointsSource?.origin = nil }
        return f
    }
}

/// A source whose catalog name or slug is Analytics.js's, in any case, needs no declared SDK
/// configuration (`BundleDecoder.resolveIngest`): names compared byte by byte without case,
/// as `lowercased()` compared them, and nothing else taken for them.
@Suite struct AnalyticsJSNameTests {
    static let names: [(String?, String?, Bool)] = [
        ("Javascript", nil, true), ("JAVASCRIPT", nil, true), ("javascript", nil, true), (nil, "analytics.js", true),
        ("Analytics.JS", nil, true), (nil, "JavaScript-Website", true), ("Kotlin (Android)", "javascript", true),
        ("Javascript ", nil, false), ("Javascripts", nil, false), ("Javascrip", nil, false), ("J\u{0430}vascript", nil, false),
        ("analytics-js", nil, false), ("", "", false), (nil, nil, false), ("javascript\u{0301}", nil, false),
    ]

    @Test(arguments: names)
    func analyticsJSIsKnownByItsNamesInAnyCase(catalogName: String?, catalogSlug: String?, isAnalyticsJS: Bool) {
        var sources = [Source(id: "s", slug: "s", catalogName: catalogName, catalogSlug: catalogSlug)]
        BundleDecoder.resolveIngest(&sources, workspaceRegion: "eu")
        #expect((sources[0].sdk?.library == "analytics.js") == isAnalyticsJS)
    }
}
