import Testing

@testable import ResidencyKit

/// The rows of the normalisation tables: every integration of the design note with each of
/// the messy values real exports carry, with region, host and the exact evidence string.
@Suite struct InventoryEndpointRulesTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var slug: String?
        var name: String? = nil
        var settings: [String: SettingValue]
        var region: String?
        var host: String?
        var evidence: String
        var testDescription: String {
            "\(slug ?? name ?? "-") \(settings.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: ","))"
        }
    }

    static let notSetUS = "(the integration's default is its US endpoint)"

    /// Rules alone (no catalog entry), so each row tests one reading of one setting.
    static let rows: [Row] = [
        // actions-amplitude: `endpoint` north_america | europe; blank and absent mean the US.
        Row(
            slug: "actions-amplitude", settings: ["endpoint": .string("north_america")], region: "us", host: "api2.amplitude.com",
            evidence: #"settings.endpoint = "north_america""#),
        Row(
            slug: "actions-amplitude", settings: ["endpoint": .string("europe")], region: "eu", host: "api.eu.amplitude.com",
            evidence: #"settings.endpoint = "europe""#),
        Row(
            slug: "actions-amplitude", settings: ["endpoint": .string("")], region: "us", host: "api2.amplitude.com",
            evidence: #"settings.endpoint = """#),
        Row(
            slug: "actions-amplitude", settings: ["endpoint": .string("   ")], region: "us", host: "api2.amplitude.com",
            evidence: #"settings.endpoint = "   ""#),
        Row(
            slug: "actions-amplitude", settings: [:], region: "us", host: "api2.amplitude.com",
            evidence: "settings.endpoint not set \(notSetUS)"),
        Row(
            slug: "actions-amplitude", settings: ["endpoint": .string("atlantis")], region: nil, host: nil,
            evidence: #"settings.endpoint = "atlantis", which names no known region"#),
        Row(
            slug: nil, name: "Amplitude (Actions)", settings: ["endpoint": .string("europe")], region: "eu",
            host: "api.eu.amplitude.com", evidence: #"settings.endpoint = "europe""#),
        Row(
            slug: "ACTIONS-AMPLITUDE ", settings: ["endpoint": .string("Europe")], region: "eu", host: "api.eu.amplitude.com",
            evidence: #"settings.endpoint = "Europe""#),
        // amplitude (classic): "" is the default, the US.
        Row(
            slug: "amplitude", settings: ["endpoint": .string("")], region: "us", host: "api2.amplitude.com",
            evidence: #"settings.endpoint = """#),
        Row(
            slug: "amplitude", settings: ["endpoint": .string("europe")], region: "eu", host: "api.eu.amplitude.com",
            evidence: #"settings.endpoint = "europe""#),
        Row(
            slug: "amplitude", settings: [:], region: "us", host: "api2.amplitude.com",
            evidence: "settings.endpoint not set \(notSetUS)"),
        // actions-mixpanel: `apiRegion` with the flag emoji as part of the value.
        Row(
            slug: "actions-mixpanel", settings: ["apiRegion": .string("US 🇺🇸")], region: "us", host: "api.mixpanel.com",
            evidence: #"settings.apiRegion = "US 🇺🇸""#),
        Row(
            slug: "actions-mixpanel", settings: ["apiRegion": .string("EU 🇪🇺")], region: "eu", host: "api-eu.mixpanel.com",
            evidence: #"settings.apiRegion = "EU 🇪🇺""#),
        Row(
            slug: "actions-mixpanel", settings: ["apiRegion": .string("IN 🇮🇳")], region: "in", host: "api-in.mixpanel.com",
            evidence: #"settings.apiRegion = "IN 🇮🇳""#),
        Row(
            slug: "actions-mixpanel", settings: ["apiRegion": .string("Moon 🌕")], region: nil, host: nil,
            evidence: #"settings.apiRegion = "Moon 🌕", which names no known region"#),
        Row(
            slug: "actions-mixpanel", settings: ["apiRegion": .string("")], region: nil, host: nil,
            evidence: #"settings.apiRegion = "", which names no known region"#),
        Row(
            slug: "actions-mixpanel", settings: ["apiRegion": .bool(true)], region: nil, host: nil,
            evidence: "settings.apiRegion = true, which names no known region"),
        Row(
            slug: "actions-mixpanel", settings: [:], region: "us", host: "api.mixpanel.com",
            evidence: "settings.apiRegion not set \(notSetUS)"),
        // mixpanel (classic): a boolean switch.
        Row(
            slug: "mixpanel", settings: ["enableEuropeanUnionEndpoint": .bool(true)], region: "eu", host: "api-eu.mixpanel.com",
            evidence: "settings.enableEuropeanUnionEndpoint = true"),
        Row(
            slug: "mixpanel", settings: ["enableEuropeanUnionEndpoint": .bool(false)], region: "us", host: "api.mixpanel.com",
            evidence: "settings.enableEuropeanUnionEndpoint = false"),
        Row(
            slug: "mixpanel", settings: [:], region: "us", host: "api.mixpanel.com",
            evidence: "settings.enableEuropeanUnionEndpoint not set \(notSetUS)"),
        Row(
            slug: "mixpanel", settings: ["enableEuropeanUnionEndpoint": .string("true")], region: "eu",
            host: "api-eu.mixpanel.com", evidence: #"settings.enableEuropeanUnionEndpoint = "true""#),
        Row(
            slug: "mixpanel", settings: ["enableEuropeanUnionEndpoint": .string("yes")], region: nil, host: nil,
            evidence: #"settings.enableEuropeanUnionEndpoint = "yes", which names no known region"#),
        Row(
            slug: "mixpanel", settings: ["enableEuropeanUnionEndpoint": .number(1)], region: nil, host: nil,
            evidence: "settings.enableEuropeanUnionEndpoint = 1, which names no known region"),
        Row(
            slug: nil, name: "Mixpanel (Legacy)", settings: ["enableEuropeanUnionEndpoint": .bool(true)], region: "eu",
            host: "api-eu.mixpanel.com", evidence: "settings.enableEuropeanUnionEndpoint = true"),
        // actions-braze-cloud: REST cluster URLs.
        Row(
            slug: "actions-braze-cloud", settings: ["endpoint": .string("https://rest.fra-01.braze.eu")], region: "eu",
            host: "rest.fra-01.braze.eu", evidence: #"settings.endpoint = "https://rest.fra-01.braze.eu""#),
        Row(
            slug: "actions-braze-cloud", settings: ["endpoint": .string("https://rest.fra-02.braze.eu")], region: "eu",
            host: "rest.fra-02.braze.eu", evidence: #"settings.endpoint = "https://rest.fra-02.braze.eu""#),
        Row(
            slug: "actions-braze-cloud", settings: ["endpoint": .string("https://rest.iad-01.braze.com")], region: "us",
            host: "rest.iad-01.braze.com", evidence: #"settings.endpoint = "https://rest.iad-01.braze.com""#),
        Row(
            slug: "actions-braze-cloud", settings: ["endpoint": .string("https://rest.iad-08.braze.com/")], region: "us",
            host: "rest.iad-08.braze.com", evidence: #"settings.endpoint = "https://rest.iad-08.braze.com/""#),
        Row(slug: "actions-braze-cloud", settings: [:], region: nil, host: nil, evidence: "settings.endpoint not set"),
        Row(
            slug: "actions-braze-cloud", settings: ["endpoint": .string("https://braze.example.com")], region: nil, host: nil,
            evidence: #"settings.endpoint = "https://braze.example.com", which names no known region"#),
        Row(
            slug: "actions-braze-cloud", settings: ["endpoint": .string("not a url")], region: nil, host: nil,
            evidence: #"settings.endpoint = "not a url", which names no known region"#),
        // actions-braze-web: SDK hosts without a scheme.
        Row(
            slug: "actions-braze-web", settings: ["endpoint": .string("sdk.fra-01.braze.eu")], region: "eu",
            host: "sdk.fra-01.braze.eu", evidence: #"settings.endpoint = "sdk.fra-01.braze.eu""#),
        Row(
            slug: "actions-braze-web", settings: ["endpoint": .string("sdk.fra-02.braze.eu")], region: "eu",
            host: "sdk.fra-02.braze.eu", evidence: #"settings.endpoint = "sdk.fra-02.braze.eu""#),
        Row(
            slug: "actions-braze-web", settings: ["endpoint": .string("sdk.iad-03.braze.com")], region: "us",
            host: "sdk.iad-03.braze.com", evidence: #"settings.endpoint = "sdk.iad-03.braze.com""#),
        Row(slug: "actions-braze-web", settings: [:], region: nil, host: nil, evidence: "settings.endpoint not set"),
        // actions-customerio: `accountRegion` with emoji.
        Row(
            slug: "actions-customerio", settings: ["accountRegion": .string("US 🇺🇸")], region: "us", host: "track.customer.io",
            evidence: #"settings.accountRegion = "US 🇺🇸""#),
        Row(
            slug: "actions-customerio", settings: ["accountRegion": .string("EU 🇪🇺")], region: "eu", host: "track-eu.customer.io",
            evidence: #"settings.accountRegion = "EU 🇪🇺""#),
        Row(
            slug: "actions-customerio", settings: [:], region: "us", host: "track.customer.io",
            evidence: "settings.accountRegion not set \(notSetUS)"),
        // actions-iterable: `dataCenterLocation`.
        Row(
            slug: "actions-iterable", settings: ["dataCenterLocation": .string("united_states")], region: "us",
            host: "api.iterable.com", evidence: #"settings.dataCenterLocation = "united_states""#),
        Row(
            slug: "actions-iterable", settings: ["dataCenterLocation": .string("europe")], region: "eu",
            host: "api.eu.iterable.com", evidence: #"settings.dataCenterLocation = "europe""#),
        Row(
            slug: "actions-iterable", settings: [:], region: "us", host: "api.iterable.com",
            evidence: "settings.dataCenterLocation not set \(notSetUS)"),
        // intercom and actions-intercom-web: `apiBase` hosts.
        Row(
            slug: "intercom", settings: ["apiBase": .string("https://api-iam.intercom.io")], region: "us",
            host: "api-iam.intercom.io", evidence: #"settings.apiBase = "https://api-iam.intercom.io""#),
        Row(
            slug: "intercom", settings: ["apiBase": .string("https://api.intercom.io")], region: "us",
            host: "api.intercom.io", evidence: #"settings.apiBase = "https://api.intercom.io""#),
        Row(
            slug: "intercom", settings: ["apiBase": .string("https://api-iam.eu.intercom.io")], region: "eu",
            host: "api-iam.eu.intercom.io", evidence: #"settings.apiBase = "https://api-iam.eu.intercom.io""#),
        Row(
            slug: "intercom", settings: ["apiBase": .string("https://api-iam.au.intercom.io")], region: "au",
            host: "api-iam.au.intercom.io", evidence: #"settings.apiBase = "https://api-iam.au.intercom.io""#),
        Row(slug: "intercom", settings: [:], region: "us", host: nil, evidence: "settings.apiBase not set \(notSetUS)"),
        Row(
            slug: "actions-intercom-web", settings: ["apiBase": .string("https://api-iam.intercom.io")], region: "us",
            host: "api-iam.intercom.io", evidence: #"settings.apiBase = "https://api-iam.intercom.io""#),
        Row(
            slug: "actions-intercom-web", settings: ["apiBase": .string("https://api-iam.eu.intercom.io")], region: "eu",
            host: "api-iam.eu.intercom.io", evidence: #"settings.apiBase = "https://api-iam.eu.intercom.io""#),
        Row(
            slug: "actions-intercom-web", settings: ["apiBase": .string("https://api-iam.au.intercom.io")], region: "au",
            host: "api-iam.au.intercom.io", evidence: #"settings.apiBase = "https://api-iam.au.intercom.io""#),
        Row(
            slug: "actions-intercom-web", settings: [:], region: "us", host: nil, evidence: "settings.apiBase not set \(notSetUS)"
        ),
        // hubspot: a boolean switch.
        Row(
            slug: "hubspot", settings: ["enableEuropeanDataCenter": .bool(true)], region: "eu", host: nil,
            evidence: "settings.enableEuropeanDataCenter = true"),
        Row(
            slug: "hubspot", settings: ["enableEuropeanDataCenter": .bool(false)], region: "us", host: nil,
            evidence: "settings.enableEuropeanDataCenter = false"),
        Row(
            slug: "hubspot", settings: [:], region: "us", host: nil,
            evidence: "settings.enableEuropeanDataCenter not set \(notSetUS)"),
        Row(
            slug: nil, name: "HubSpot", settings: ["enableEuropeanDataCenter": .bool(true)], region: "eu", host: nil,
            evidence: "settings.enableEuropeanDataCenter = true"),
        // An integration without a row, and no catalog: unknown, never guessed.
        Row(
            slug: "actions-google-analytics-4", settings: ["endpoint": .string("europe")], region: nil, host: nil,
            evidence: "no setting names the endpoint"),
        Row(slug: nil, name: nil, settings: [:], region: nil, host: nil, evidence: "no setting names the endpoint"),
        // Another integration's setting does not count.
        Row(
            slug: "hubspot", settings: ["apiRegion": .string("EU 🇪🇺")], region: "us", host: nil,
            evidence: "settings.enableEuropeanDataCenter not set \(notSetUS)"),
    ]

    @Test(arguments: rows)
    func ruleReadsItsSetting(_ row: Row) {
        let endpoint = EndpointRules.resolve(slug: row.slug, name: row.name, settings: row.settings, catalogEntry: nil)
        #expect(endpoint == Endpoint(region: row.region, host: row.host, evidence: row.evidence))
    }

    static let integrations = [
        "actions-amplitude", "amplitude", "actions-mixpanel", "mixpanel", "actions-braze-cloud", "actions-braze-web",
        "actions-customerio", "actions-iterable", "intercom", "actions-intercom-web", "hubspot",
    ]

    /// Every integration of the design note has a row, and every one is in the bundled catalog by its slug.
    @Test(arguments: integrations)
    func everyDesignNoteIntegrationHasARowAndACatalogEntry(slug: String) {
        #expect(EndpointRules.hasRule(slug: slug, name: nil))
        #expect(InventoryFixture.catalog.destination(named: slug) != nil)
        // And the catalog's name for it finds the same row.
        if let i = InventoryFixture.catalog.destination(named: slug) {
            let name = InventoryFixture.catalog.destinations[Int(i)].name
            #expect(EndpointRules.hasRule(slug: nil, name: name), "\(name)")
        }
    }

    @Test func noRowForOtherIntegrations() {
        #expect(!EndpointRules.hasRule(slug: "slack", name: "Slack"))
        #expect(!EndpointRules.hasRule(slug: nil, name: nil))
    }

    // MARK: The catalog fallback

    struct CatalogRow: Sendable, CustomTestStringConvertible {
        var catalogName: String
        var slug: String?
        var settings: [String: SettingValue]
        var region: String?
        var host: String?
        var evidence: String
        var testDescription: String { catalogName }
    }

    static let catalogRows: [CatalogRow] = [
        // No row, and the catalog says no EU endpoint: the US, from the catalog.
        CatalogRow(
            catalogName: "Google Analytics 4 Cloud", slug: "actions-google-analytics-4", settings: [:], region: "us",
            host: nil, evidence: "catalog: Google Analytics 4 Cloud offers no EU endpoint"),
        CatalogRow(
            catalogName: "Slack", settings: ["incomingWebhookUrl": .string("https://hooks.slack.com/x")], region: "us",
            host: nil, evidence: "catalog: Slack offers no EU endpoint"),
        // No row, and the catalog offers an EU endpoint: unknown.
        CatalogRow(
            catalogName: "FullStory", settings: ["org": .string("ACME-EU")], region: nil, host: nil,
            evidence: "no setting names the endpoint"),
        // A row whose value cannot be read, and no EU endpoint in the catalog: the US, from the catalog.
        CatalogRow(
            catalogName: "Iterable (Actions)", slug: "actions-iterable", settings: ["dataCenterLocation": .string("mars")],
            region: "us", host: nil, evidence: "catalog: Iterable (Actions) offers no EU endpoint"),
        CatalogRow(
            catalogName: "Intercom", slug: "intercom", settings: ["apiBase": .string("https://intercom.example.com")],
            region: "us", host: nil, evidence: "catalog: Intercom offers no EU endpoint"),
        // A row whose value cannot be read, with an EU endpoint in the catalog: unknown, with the row's evidence.
        CatalogRow(
            catalogName: "Mixpanel (Actions)", slug: "actions-mixpanel", settings: ["apiRegion": .string("Moon 🌕")],
            region: nil, host: nil, evidence: #"settings.apiRegion = "Moon 🌕", which names no known region"#),
        CatalogRow(
            catalogName: "Braze Cloud Mode (Actions)", slug: "actions-braze-cloud", settings: [:], region: nil, host: nil,
            evidence: "settings.endpoint not set"),
        // A row that reads its value is used as is.
        CatalogRow(
            catalogName: "Mixpanel (Actions)", slug: "actions-mixpanel", settings: ["apiRegion": .string("EU 🇪🇺")],
            region: "eu", host: "api-eu.mixpanel.com", evidence: #"settings.apiRegion = "EU 🇪🇺""#),
        CatalogRow(
            catalogName: "HubSpot", slug: "hubspot", settings: ["enableEuropeanDataCenter": .bool(true)], region: "eu",
            host: nil, evidence: "settings.enableEuropeanDataCenter = true"),
    ]

    @Test(arguments: catalogRows)
    func catalogFallback(_ row: CatalogRow) throws {
        let catalog = InventoryFixture.catalog
        let i = try #require(catalog.destination(named: row.catalogName))
        let entry = catalog.destinations[Int(i)]
        let endpoint = EndpointRules.resolve(slug: row.slug, name: row.catalogName, settings: row.settings, catalogEntry: entry)
        #expect(endpoint == Endpoint(region: row.region, host: row.host, evidence: row.evidence))
    }

    @Test func catalogFallbackWithAnInCodeCatalog() {
        let entry = Catalog.DestinationEntry(name: "Acme Pixel", usWorkspace: true, euWorkspace: true, euEndpoint: false)
        #expect(
            EndpointRules.resolve(slug: nil, name: "Acme Pixel", settings: [:], catalogEntry: entry)
                == Endpoint(region: "us", host: nil, evidence: "catalog: Acme Pixel offers no EU endpoint"))
        // Unknown EU support in the catalog is not "no EU endpoint".
        let unknown = Catalog.DestinationEntry(name: "Acme Pixel", euEndpoint: nil)
        #expect(
            EndpointRules.resolve(slug: nil, name: "Acme Pixel", settings: [:], catalogEntry: unknown)
                == Endpoint(region: nil, host: nil, evidence: "no setting names the endpoint"))
    }

    /// The same resolution reached through the loader, with settings as an export carries them.
    @Test func loaderResolvesFromExportSettings() throws {
        let text = InventoryFixture.bundle(
            #"""
            "sources": [{"id": "s"}],
            "destinations": [
              {"id": "d1", "sourceId": "s", "metadata": {"slug": "actions-mixpanel", "name": "Mixpanel (Actions)"}, "settings": {"apiRegion": "IN 🇮🇳"}},
              {"id": "d2", "sourceId": "s", "metadata": {"slug": "mixpanel", "name": "Mixpanel (Legacy)"}, "settings": {"enableEuropeanUnionEndpoint": true}},
              {"id": "d3", "sourceId": "s", "metadata": {"slug": "actions-braze-web"}, "settings": {"endpoint": "sdk.fra-02.braze.eu"}},
              {"id": "d4", "sourceId": "s", "metadata": {"slug": "hubspot", "name": "HubSpot"}, "settings": {"enableEuropeanDataCenter": "true"}},
              {"id": "d5", "sourceId": "s", "metadata": {"slug": "actions-amplitude"}, "settings": {"endpoint": {"nested": true}}},
              {"id": "d6", "sourceId": "s", "metadata": {"slug": "actions-amplitude"}, "settings": {"endpoint": null}},
              {"id": "d7", "sourceId": "s", "metadata": {"name": "Google Ads (Classic)"}}
            ]
            """#)
        let loaded = InventoryFixture.load(text)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))")
        let endpoints = try #require(loaded.only).destinations.map(\.endpoint)
        #expect(
            endpoints == [
                Endpoint(region: "in", host: "api-in.mixpanel.com", evidence: #"settings.apiRegion = "IN 🇮🇳""#),
                Endpoint(region: "eu", host: "api-eu.mixpanel.com", evidence: "settings.enableEuropeanUnionEndpoint = true"),
                Endpoint(region: "eu", host: "sdk.fra-02.braze.eu", evidence: #"settings.endpoint = "sdk.fra-02.braze.eu""#),
                Endpoint(region: "eu", host: nil, evidence: #"settings.enableEuropeanDataCenter = "true""#),
                Endpoint(
                    region: nil, host: nil, evidence: "settings.endpoint = (not a simple value), which names no known region"),
                Endpoint(
                    region: nil, host: nil, evidence: "settings.endpoint = (not a simple value), which names no known region"),
                Endpoint(region: "us", host: nil, evidence: "catalog: Google Ads (Classic) offers no EU endpoint"),
            ])
    }

    @Test(arguments: [
        (SettingValue.string("EU 🇪🇺"), #""EU 🇪🇺""#), (.string(""), #""""#), (.bool(true), "true"), (.bool(false), "false"),
        (.number(1), "1"), (.number(-3), "-3"), (.number(2.5), "2.5"), (.other, "(not a simple value)"),
    ])
    func settingValuesAreQuotedInEvidence(value: SettingValue, shown: String) {
        #expect(value.description == shown)
    }
}

@Suite struct InventoryRegionWordsTests {
    @Test(arguments: [
        ("EU 🇪🇺", "eu"), ("US 🇺🇸", "us"), ("IN 🇮🇳", "in"), ("europe", "eu"), ("Europe", "eu"), ("EUROPE", "eu"),
        ("European Union", "eu"), ("european_union", "eu"), ("eu1", "eu"), ("EEA", "eu"), ("emea", "eu"),
        ("north_america", "us"), ("North America", "us"), ("united_states", "us"), ("United States", "us"), ("USA", "us"),
        ("na", "us"), ("us", "us"), ("India", "in"), ("australia", "au"), ("AU", "au"), ("Canada", "ca"), ("japan", "jp"),
        ("  eu  ", "eu"), ("eu-west-1", "eu"), ("us-east-2", "us"), ("europe-west3", "eu"), ("westeurope", "eu"),
    ])
    func labelNamesARegion(label: String, region: String) {
        #expect(RegionWords.region(ofLabel: label) == region)
    }

    @Test(arguments: ["", "🇪🇺", "mars", "Moon 🌕", "default", "global", "eur", "u s"])
    func labelNamesNoRegion(label: String) {
        #expect(RegionWords.region(ofLabel: label) == nil)
    }

    @Test(arguments: [
        ("api.segment.io", "us"), ("API.SEGMENT.IO", "us"), ("cdn.segment.com", "us"), ("api.segmentapis.com", "us"),
        ("events.eu1.segmentapis.com", "eu"), ("eu1.api.segmentapis.com", "eu"), ("cdn.eu1.segmentapis.com", "eu"),
        ("rest.fra-01.braze.eu", "eu"), ("sdk.fra-02.braze.eu", "eu"), ("rest.iad-01.braze.com", "us"),
        ("sdk.iad-07.braze.com", "us"),
        ("api-iam.eu.intercom.io", "eu"), ("api-iam.au.intercom.io", "au"), ("api.eu.amplitude.com", "eu"),
        ("api.eu.iterable.com", "eu"), ("api.in.example.com", "in"),
    ])
    func hostNamesARegion(host: String, region: String) {
        #expect(RegionWords.region(ofHost: host) == region)
    }

    @Test(arguments: ["example.com", "api-iam.intercom.io", "api2.amplitude.com", "localhost", "10.0.0.1", "segment.acme.in"])
    func hostNamesNoRegion(host: String) {
        #expect(RegionWords.region(ofHost: host) == nil)
    }

    @Test(arguments: [
        ("eu-west-1", "eu"), ("eu-central-1", "eu"), ("us-east-1", "us"), ("us-west-2", "us"), ("ca-central-1", "ca"),
        ("ap-south-1", "in"), ("ap-southeast-2", "au"), ("ap-northeast-1", "jp"), ("europe-west3", "eu"), ("us-central1", "us"),
        ("northamerica-northeast1", "ca"), ("asia-south1", "in"), ("australia-southeast1", "au"), ("asia-northeast1", "jp"),
        ("westeurope", "eu"), ("northeurope", "eu"), ("francecentral", "eu"), ("germanywestcentral", "eu"),
        ("swedencentral", "eu"),
        ("eastus", "us"), ("eastus2", "us"), ("westus3", "us"), ("centralus", "us"), ("southcentralus", "us"), ("EU", "eu"),
        ("US", "us"),
    ])
    func cloudLocationNamesARegion(location: String, region: String) {
        #expect(RegionWords.cloudRegion(location) == region)
    }

    @Test(arguments: ["ap-southeast-1", "me-central-1", "sa-east-1", "southamerica-east1", "uksouth", "brazilsouth", ""])
    func cloudLocationNamesNoRegion(location: String) {
        #expect(RegionWords.cloudRegion(location) == nil)
    }

    @Test func everyRegionWordNamesAKnownRegion() {
        for (word, region) in RegionWords.words {
            #expect(RegionWords.regions.contains(region), "\(word)")
            #expect(RegionWords.region(ofLabel: word) == region, "\(word)")
        }
    }
}

@Suite struct InventorySDKRulesTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var sdk: SDKConfig
        var workspaceRegion: String? = nil
        var region: String?
        var host: String?
        var evidence: String
        var testDescription: String { "\(sdk.library ?? "no library") \(host ?? "-")" }
    }

    static let eu = "events.eu1.segmentapis.com"
    static let euPath = "events.eu1.segmentapis.com/v1"
    static let euURL = "https://events.eu1.segmentapis.com/v1"
    static let apiHostLibraries = [
        "analytics-swift", "analytics-ios", "analytics-kotlin", "analytics-android", "analytics-flutter", "analytics-xamarin",
    ]
    static let hostLibraries = ["analytics-node", "analytics-python", "analytics-java", "analytics-csharp"]

    static let rows: [Row] =
        apiHostLibraries.flatMap { lib in
            [
                Row(
                    sdk: SDKConfig(library: lib, apiHost: euPath), region: "eu", host: eu,
                    evidence: #"sdk.apiHost = "\#(euPath)""#),
                Row(
                    sdk: SDKConfig(library: lib, apiHost: "api.segment.io/v1"), region: "us", host: "api.segment.io",
                    evidence: #"sdk.apiHost = "api.segment.io/v1""#),
                Row(
                    sdk: SDKConfig(library: lib), region: "us", host: "api.segment.io",
                    evidence: "sdk.apiHost not set (the library's default is api.segment.io)"),
                // Another family's key does not count.
                Row(
                    sdk: SDKConfig(library: lib, host: euURL), region: "us", host: "api.segment.io",
                    evidence: "sdk.apiHost not set (the library's default is api.segment.io)"),
            ]
        }
        + hostLibraries.flatMap { lib in
            [
                Row(sdk: SDKConfig(library: lib, host: euURL), region: "eu", host: eu, evidence: #"sdk.host = "\#(euURL)""#),
                Row(
                    sdk: SDKConfig(library: lib, host: "https://api.segment.io"), region: "us", host: "api.segment.io",
                    evidence: #"sdk.host = "https://api.segment.io""#),
                Row(
                    sdk: SDKConfig(library: lib), region: "us", host: "api.segment.io",
                    evidence: "sdk.host not set (the library's default is api.segment.io)"),
                Row(
                    sdk: SDKConfig(library: lib, endpoint: "https://events.eu1.segmentapis.com"), region: "eu", host: eu,
                    evidence: #"sdk.endpoint = "https://events.eu1.segmentapis.com""#),
                // `host` wins over `endpoint`.
                Row(
                    sdk: SDKConfig(library: lib, host: "https://api.segment.io", endpoint: euURL), region: "us",
                    host: "api.segment.io", evidence: #"sdk.host = "https://api.segment.io""#),
            ]
        }
        + [
            Row(
                sdk: SDKConfig(library: "analytics-react-native", proxy: euURL), region: "eu", host: eu,
                evidence: #"sdk.proxy = "\#(euURL)""#),
            Row(
                sdk: SDKConfig(library: "analytics-react-native", proxy: "https://segment-proxy.acme.com/v1"), region: nil,
                host: "segment-proxy.acme.com", evidence: #"sdk.proxy = "https://segment-proxy.acme.com/v1""#),
            Row(
                sdk: SDKConfig(library: "analytics-react-native", useSegmentEndpoints: true), region: "us",
                host: "api.segment.io",
                evidence: "sdk.proxy not set (the library's default is api.segment.io)"),
            Row(
                sdk: SDKConfig(library: "analytics-react-native"), region: "us", host: "api.segment.io",
                evidence: "sdk.proxy not set (the library's default is api.segment.io)"),
            Row(
                sdk: SDKConfig(library: "http-api", endpoint: "https://events.eu1.segmentapis.com/v1/track"), region: "eu",
                host: eu,
                evidence: #"sdk.endpoint = "https://events.eu1.segmentapis.com/v1/track""#),
            Row(
                sdk: SDKConfig(library: "http-api", endpoint: "https://api.segment.io/v1/batch"), region: "us",
                host: "api.segment.io",
                evidence: #"sdk.endpoint = "https://api.segment.io/v1/batch""#),
            Row(sdk: SDKConfig(library: "http-api"), region: nil, host: nil, evidence: "sdk.endpoint not set"),
            Row(
                sdk: SDKConfig(library: "analytics.js"), workspaceRegion: "eu-west", region: "eu", host: eu,
                evidence: "analytics.js takes its endpoint from the source settings"),
            Row(
                sdk: SDKConfig(library: "analytics.js"), workspaceRegion: "us-west", region: "us", host: "api.segment.io",
                evidence: "analytics.js takes its endpoint from the source settings"),
            Row(
                sdk: SDKConfig(library: "analytics.js"), workspaceRegion: nil, region: nil, host: nil,
                evidence: "analytics.js takes its endpoint from the source settings"),
            // analytics.js ignores declared hosts: it follows the workspace.
            Row(
                sdk: SDKConfig(library: "analytics.js", apiHost: "api.segment.io/v1"), workspaceRegion: "eu-west", region: "eu",
                host: eu, evidence: "analytics.js takes its endpoint from the source settings"),
            Row(sdk: SDKConfig(), region: nil, host: nil, evidence: "the SDK configuration names no library"),
            Row(sdk: SDKConfig(apiHost: euPath), region: nil, host: nil, evidence: "the SDK configuration names no library"),
            Row(
                sdk: SDKConfig(library: "cobol", apiHost: euPath), region: nil, host: nil,
                evidence: #"library "cobol" is not one residency knows"#),
            Row(
                sdk: SDKConfig(library: "Analytics-Swift", apiHost: euPath), region: nil, host: nil,
                evidence: #"library "Analytics-Swift" is not one residency knows"#),
            Row(
                sdk: SDKConfig(library: "analytics-swift", apiHost: "/v1"), region: nil, host: nil,
                evidence: #"sdk.apiHost = "/v1", which is not a host"#),
            Row(
                sdk: SDKConfig(library: "analytics-swift", apiHost: ""), region: nil, host: nil,
                evidence: #"sdk.apiHost = "", which is not a host"#),
            Row(
                sdk: SDKConfig(library: "analytics-kotlin", apiHost: "EVENTS.EU1.SEGMENTAPIS.COM:443/v1"), region: "eu", host: eu,
                evidence: #"sdk.apiHost = "EVENTS.EU1.SEGMENTAPIS.COM:443/v1""#),
        ]

    @Test(arguments: rows)
    func sdkResolves(_ row: Row) {
        let r = SDKRules.resolve(row.sdk, workspaceRegion: row.workspaceRegion)
        #expect(r == Resolution(region: row.region, host: row.host, evidence: row.evidence))
    }

    @Test func knownLibrariesAreSortedAndComplete() {
        #expect(
            SDKRules.knownLibraries == [
                "analytics-android", "analytics-csharp", "analytics-flutter", "analytics-ios", "analytics-java",
                "analytics-kotlin",
                "analytics-node", "analytics-python", "analytics-react-native", "analytics-swift", "analytics-xamarin",
                "analytics.js",
                "http-api",
            ])
    }

    /// Every library id the bundled catalog's `sdks` table names is one the rules know, and back.
    @Test func catalogSDKLibrariesAreKnown() throws {
        let tree = try #require(
            try? JSONReader.parse(SourceFile(path: "c", text: InventoryFixture.text("policies/catalog/segment-regional.json")))
                .get())
        let libraries = tree.root["sdks"]?.elements.flatMap { $0["libraries"]?.elements.compactMap(\.string) ?? [] } ?? []
        #expect(Set(libraries) == Set(SDKRules.knownLibraries))
    }

    /// Through the loader: the workspace region reaches analytics.js, a declared config wins.
    @Test(arguments: [
        ("https://eu1.api.segmentapis.com", "eu", "events.eu1.segmentapis.com"),
        ("https://api.segmentapis.com", "us", "api.segment.io"),
    ])
    func analyticsJSFollowsTheWorkspace(apiHost: String, region: String, host: String) throws {
        let text = InventoryFixture.bundle(
            #"""
            "apiHost": "\#(apiHost)",
            "sources": [
              {"id": "web", "metadata": {"slug": "javascript", "name": "Javascript"}},
              {"id": "web2", "metadata": {"name": "Analytics.js"}},
              {"id": "app", "metadata": {"name": "Javascript"}}
            ],
            "sdkConfigs": [{"sourceId": "app", "library": "analytics-swift", "apiHost": "api.segment.io/v1"}]
            """#)
        let loaded = InventoryFixture.load(text)
        // "Analytics.js" is not a catalog source name (the catalog says Javascript).
        #expect(loaded.codes == ["W0601"])
        let sources = try #require(loaded.only).sources
        #expect(sources[0].sdk?.library == "analytics.js")
        #expect(sources[0].ingestRegion == region)
        #expect(sources[0].ingestHost == host)
        #expect(sources[1].ingestRegion == region)
        #expect(sources[2].sdk?.library == "analytics-swift")
        #expect(sources[2].ingestRegion == "us")
    }

    @Test func sdkConfigKeysAreReadFromTheBundle() throws {
        let text = InventoryFixture.bundle(
            #"""
            "sources": [{"id": "rn"}, {"id": "java"}],
            "sdkConfigs": [
              {"sourceId": "rn", "library": "analytics-react-native", "proxy": "https://p.example.com", "cdnProxy": "https://c.example.com", "useSegmentEndpoints": false, "cdnHost": "cdn.example.com"},
              {"sourceId": "java", "library": "analytics-java", "url": "https://events.eu1.segmentapis.com", "path": "/v1/import"}
            ]
            """#)
        let loaded = InventoryFixture.load(text)
        #expect(loaded.diagnostics.isEmpty)
        let sources = try #require(loaded.only).sources
        #expect(
            sources[0].sdk
                == SDKConfig(
                    library: "analytics-react-native", cdnHost: "cdn.example.com", proxy: "https://p.example.com",
                    cdnProxy: "https://c.example.com", useSegmentEndpoints: false))
        #expect(sources[0].ingestHost == "p.example.com")
        #expect(sources[0].ingestRegion == nil)
        // `url` is read as Java's `endpoint`.
        #expect(
            sources[1].sdk
                == SDKConfig(library: "analytics-java", path: "/v1/import", endpoint: "https://events.eu1.segmentapis.com"))
        #expect(sources[1].ingestRegion == "eu")
        #expect(sources[1].ingestEvidence == #"sdk.endpoint = "https://events.eu1.segmentapis.com""#)
    }
}

@Suite struct InventoryWarehouseRulesTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var settings: [String: SettingValue]
        var location: String?
        var region: String?
        var evidence: String
        var testDescription: String { settings.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: ",") }
    }

    static let rows: [Row] = [
        // BigQuery multi-regions and regions.
        Row(settings: ["location": .string("EU")], location: "EU", region: "eu", evidence: #"settings.location = "EU""#),
        Row(settings: ["location": .string("US")], location: "US", region: "us", evidence: #"settings.location = "US""#),
        Row(settings: ["location": .string("eu")], location: "eu", region: "eu", evidence: #"settings.location = "eu""#),
        Row(
            settings: ["location": .string("europe-west3")], location: "europe-west3", region: "eu",
            evidence: #"settings.location = "europe-west3""#),
        Row(
            settings: ["location": .string("us-central1")], location: "us-central1", region: "us",
            evidence: #"settings.location = "us-central1""#),
        Row(
            settings: ["location": .string("australia-southeast1")], location: "australia-southeast1", region: "au",
            evidence: #"settings.location = "australia-southeast1""#),
        Row(
            settings: ["location": .string("asia-northeast1")], location: "asia-northeast1", region: "jp",
            evidence: #"settings.location = "asia-northeast1""#),
        Row(
            settings: ["location": .string("northamerica-northeast1")], location: "northamerica-northeast1", region: "ca",
            evidence: #"settings.location = "northamerica-northeast1""#),
        Row(settings: ["location": .string(" EU ")], location: " EU ", region: "eu", evidence: #"settings.location = " EU ""#),
        Row(
            settings: ["location": .string("Europe")], location: "Europe", region: "eu",
            evidence: #"settings.location = "Europe""#),
        Row(
            settings: ["location": .string("mars")], location: "mars", region: nil,
            evidence: #"settings.location = "mars", which names no known region"#),
        Row(
            settings: ["region": .string("eu-central-1")], location: "eu-central-1", region: "eu",
            evidence: #"settings.region = "eu-central-1""#),
        Row(
            settings: ["dataset_location": .string("US")], location: "US", region: "us",
            evidence: #"settings.dataset_location = "US""#),
        Row(
            settings: ["datasetLocation": .string("EU")], location: "EU", region: "eu",
            evidence: #"settings.datasetLocation = "EU""#),
        // An explicit location wins over a host.
        Row(
            settings: ["location": .string("EU"), "hostname": .string("x.us-east-1.redshift.amazonaws.com")], location: "EU",
            region: "eu", evidence: #"settings.location = "EU""#),
        // An empty location is no location.
        Row(
            settings: ["location": .string(""), "hostname": .string("x.c1.eu-west-1.redshift.amazonaws.com")],
            location: "eu-west-1",
            region: "eu", evidence: #"settings.hostname = "x.c1.eu-west-1.redshift.amazonaws.com""#),
        // Redshift and Postgres host names carry the AWS region.
        Row(
            settings: ["hostname": .string("acme-analytics.c1x2y3z4.eu-west-1.redshift.amazonaws.com")], location: "eu-west-1",
            region: "eu", evidence: #"settings.hostname = "acme-analytics.c1x2y3z4.eu-west-1.redshift.amazonaws.com""#),
        Row(
            settings: ["hostname": .string("warehouse.abc123.us-east-1.redshift.amazonaws.com")], location: "us-east-1",
            region: "us", evidence: #"settings.hostname = "warehouse.abc123.us-east-1.redshift.amazonaws.com""#),
        Row(
            settings: ["host": .string("db.cluster-xyz.eu-central-1.rds.amazonaws.com")], location: "eu-central-1", region: "eu",
            evidence: #"settings.host = "db.cluster-xyz.eu-central-1.rds.amazonaws.com""#),
        Row(
            settings: ["host": .string("postgres://segment:pw@db.xyz.us-west-2.rds.amazonaws.com:5432/events")],
            location: "us-west-2",
            region: "us", evidence: #"settings.host = "postgres://segment:pw@db.xyz.us-west-2.rds.amazonaws.com:5432/events""#),
        Row(
            settings: ["hostname": .string("pg.abc.ap-southeast-2.rds.amazonaws.com")], location: "ap-southeast-2", region: "au",
            evidence: #"settings.hostname = "pg.abc.ap-southeast-2.rds.amazonaws.com""#),
        Row(
            settings: ["host": .string("db.internal.example.com")], location: nil, region: nil,
            evidence: #"settings.host = "db.internal.example.com", which names no region"#),
        // Snowflake account locators.
        Row(
            settings: ["account": .string("acme.us-east-1")], location: "us-east-1", region: "us",
            evidence: #"settings.account = "acme.us-east-1""#),
        Row(
            settings: ["account": .string("xy12345.eu-central-1")], location: "eu-central-1", region: "eu",
            evidence: #"settings.account = "xy12345.eu-central-1""#),
        Row(
            settings: ["account": .string("XY12345.EU-WEST-1.snowflakecomputing.com")], location: "eu-west-1", region: "eu",
            evidence: #"settings.account = "XY12345.EU-WEST-1.snowflakecomputing.com""#),
        Row(
            settings: ["accountId": .string("xy12345.ap-southeast-2")], location: "ap-southeast-2", region: "au",
            evidence: #"settings.accountId = "xy12345.ap-southeast-2""#),
        Row(
            settings: ["account": .string("xy12345")], location: nil, region: nil,
            evidence: #"settings.account = "xy12345", which names no region"#),
        // Nothing.
        Row(settings: [:], location: nil, region: nil, evidence: "no location setting"),
        Row(
            settings: ["name": .string("EU warehouse"), "database": .string("eu-west-1")], location: nil, region: nil,
            evidence: "no location setting"),
        Row(
            settings: ["location": .number(1), "hostname": .bool(true)], location: nil, region: nil,
            evidence: "no location setting"),
    ]

    @Test(arguments: rows)
    func warehouseResolves(_ row: Row) {
        let (location, r) = WarehouseRules.resolve(row.settings)
        #expect(location == row.location)
        #expect(r == Resolution(region: row.region, host: nil, evidence: row.evidence))
    }

    @Test(arguments: [
        ("eu-west-1", "eu"), ("us-gov-west-1", nil), ("ca-central-1", "ca"), ("eu-west", nil), ("db-prod-x", nil),
        ("c1x2y3z4", nil),
    ])
    func awsRegionLabels(label: String, region: String?) {
        #expect(WarehouseRules.awsRegion(label) == region)
    }

    @Test func loaderRecordsLocationRegionAndEvidence() throws {
        let text = InventoryFixture.bundle(
            #"""
            "warehouses": [
              {"id": "pg", "settings": {"name": "PG", "host": "db.abc.eu-central-1.rds.amazonaws.com"}, "metadata": {"slug": "postgres", "name": "Postgres"}},
              {"id": "sf", "settings": {"account": "xy12345"}, "metadata": {"name": "Snowflake"}},
              {"id": "none", "metadata": {"name": "Databricks"}}
            ]
            """#)
        let loaded = InventoryFixture.load(text)
        #expect(loaded.diagnostics.isEmpty)
        let w = try #require(loaded.only).warehouses
        #expect(w.map(\.location) == ["eu-central-1", nil, nil])
        #expect(w.map(\.region) == ["eu", nil, nil])
        #expect(
            w.map(\.regionEvidence) == [
                #"settings.host = "db.abc.eu-central-1.rds.amazonaws.com""#,
                #"settings.account = "xy12345", which names no region"#,
                "no location setting",
            ])
        #expect(w.map(\.name) == ["PG", nil, nil])
        #expect(w.map(\.catalogName) == ["Postgres", "Snowflake", "Databricks"])
    }
}
