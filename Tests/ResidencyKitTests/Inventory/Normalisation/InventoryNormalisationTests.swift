import Testing

@testable import ResidencyKit

/// The rows of the endpoint table (EndpointRules+Table.swift): every integration of the
/// design note with each of the messy values real exports carry, with region, host and the
/// exact evidence string. Each is resolved against its row of the bundled catalog (Segment's
/// catalog data), whose documented defaults apply to settings an export leaves out.
@Suite struct InventoryEndpointRulesTests {
    struct Row: Sendable, CustomTestStringConvertible {
        /// The bundled catalog row, by slug, name or previous name.
        var key: String
        var settings: [String: SettingValue]
        /// The connected source's platform; nil considers every connection mode.
        var platform: EndpointRules.SourcePlatform? = nil
        /// Connection modes instead of the catalog's, to test one mode's reading alone.
        var modes: Catalog.ConnectionModes? = nil
        var region: String?
        var host: String?
        var evidence: String
        var testDescription: String {
            "\(key) \(platform?.rawValue ?? "") \(settings.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: ","))"
        }
    }

    /// How the rules say that an absent setting takes Segment's documented default.
    static func byDefault(_ key: String, _ value: String) -> String {
        "settings.\(key) not set: Segment's catalog default \(value) applies; settings.\(key) = \(value)"
    }
    /// How the rules say that a value the integration's code does not know falls back.
    static func fallsBack(_ key: String, _ value: String, _ name: String, _ host: String) -> String {
        "settings.\(key) = \(value), which \(name)'s code does not know, so it falls back to \(host)"
    }

    static let webDeviceOnly = Catalog.ConnectionModes(device: [.web], cloud: [])

    static let rows: [Row] = [
        // actions-amplitude: `endpoint` north_america | europe, compared exactly as its code does
        // (regional-endpoints.ts: `endpoints[region] ?? endpoints.north_america`).
        Row(
            key: "actions-amplitude", settings: ["endpoint": .string("north_america")], region: "us",
            host: "api2.amplitude.com", evidence: #"settings.endpoint = "north_america""#),
        Row(
            key: "actions-amplitude", settings: ["endpoint": .string("europe")], region: "eu", host: "api.eu.amplitude.com",
            evidence: #"settings.endpoint = "europe""#),
        // Changed with the table: blank, unknown and differently cased values are not values
        // the code knows, so it falls back to North America (before: "" and "   " read `us`
        // as a blank, "atlantis" was unknown, "Europe" read `eu` case-insensitively).
        Row(
            key: "actions-amplitude", settings: ["endpoint": .string("")], region: "us", host: "api2.amplitude.com",
            evidence: fallsBack("endpoint", #""""#, "Amplitude (Actions)", "api2.amplitude.com")),
        Row(
            key: "actions-amplitude", settings: ["endpoint": .string("   ")], region: "us", host: "api2.amplitude.com",
            evidence: fallsBack("endpoint", #""   ""#, "Amplitude (Actions)", "api2.amplitude.com")),
        Row(
            key: "actions-amplitude", settings: ["endpoint": .string("atlantis")], region: "us", host: "api2.amplitude.com",
            evidence: fallsBack("endpoint", #""atlantis""#, "Amplitude (Actions)", "api2.amplitude.com")),
        Row(
            key: "actions-amplitude", settings: ["endpoint": .string("Europe")], region: "us", host: "api2.amplitude.com",
            evidence: fallsBack("endpoint", #""Europe""#, "Amplitude (Actions)", "api2.amplitude.com")),
        // Absent: Segment's catalog data: actions-amplitude regionSettings endpoint default "north_america".
        Row(
            key: "actions-amplitude", settings: [:], region: "us", host: "api2.amplitude.com",
            evidence: byDefault("endpoint", #""north_america""#)),
        // The row is found by name and by a differently spelt slug too.
        Row(
            key: "Amplitude (Actions)", settings: ["endpoint": .string("europe")], region: "eu", host: "api.eu.amplitude.com",
            evidence: #"settings.endpoint = "europe""#),
        Row(
            key: "ACTIONS-AMPLITUDE ", settings: ["endpoint": .string("europe")], region: "eu", host: "api.eu.amplitude.com",
            evidence: #"settings.endpoint = "europe""#),
        // amplitude (classic), cloud mode (a server source): "" is the default, the US.
        Row(
            key: "amplitude", settings: ["endpoint": .string("")], platform: .server, region: "us", host: "api2.amplitude.com",
            evidence: #"settings.endpoint = """#),
        Row(
            key: "amplitude", settings: ["endpoint": .string("europe")], platform: .server, region: "eu",
            host: "api.eu.amplitude.com", evidence: #"settings.endpoint = "europe""#),
        Row(
            key: "amplitude", settings: [:], platform: .server, region: "us", host: "api2.amplitude.com",
            evidence: byDefault("endpoint", #""""#)),
        // actions-mixpanel: `apiRegion` with the flag emoji as part of the value.
        Row(
            key: "actions-mixpanel", settings: ["apiRegion": .string("US 🇺🇸")], region: "us", host: "api.mixpanel.com",
            evidence: #"settings.apiRegion = "US 🇺🇸""#),
        Row(
            key: "actions-mixpanel", settings: ["apiRegion": .string("EU 🇪🇺")], region: "eu", host: "api-eu.mixpanel.com",
            evidence: #"settings.apiRegion = "EU 🇪🇺""#),
        Row(
            key: "actions-mixpanel", settings: ["apiRegion": .string("IN 🇮🇳")], region: "in", host: "api-in.mixpanel.com",
            evidence: #"settings.apiRegion = "IN 🇮🇳""#),
        // Changed with the table: Mixpanel's code (common/utils.ts getApiServerUrl) sends any
        // other value to api.mixpanel.com (before: unknown).
        Row(
            key: "actions-mixpanel", settings: ["apiRegion": .string("Moon 🌕")], region: "us", host: "api.mixpanel.com",
            evidence: fallsBack("apiRegion", #""Moon 🌕""#, "Mixpanel (Actions)", "api.mixpanel.com")),
        Row(
            key: "actions-mixpanel", settings: ["apiRegion": .string("")], region: "us", host: "api.mixpanel.com",
            evidence: fallsBack("apiRegion", #""""#, "Mixpanel (Actions)", "api.mixpanel.com")),
        // A value of the wrong type is not one the code compares: unknown.
        // (A server source, so one mode: see modesUnknownForTheSameReasonAreNotSaidToDiffer.)
        Row(
            key: "actions-mixpanel", settings: ["apiRegion": .bool(true)], platform: .server, region: nil, host: nil,
            evidence: "settings.apiRegion = true, which names no region"),
        // Segment's catalog data: actions-mixpanel regionSettings apiRegion default "US 🇺🇸".
        Row(
            key: "actions-mixpanel", settings: [:], region: "us", host: "api.mixpanel.com",
            evidence: byDefault("apiRegion", #""US 🇺🇸""#)),
        // mixpanel (classic): a boolean switch in every mode a website or server runs, web device
        // mode and cloud mode alike.
        Row(
            key: "mixpanel", settings: ["enableEuropeanUnionEndpoint": .bool(true)], platform: .web, region: "eu",
            host: "api-eu.mixpanel.com", evidence: "settings.enableEuropeanUnionEndpoint = true"),
        Row(
            key: "mixpanel", settings: ["enableEuropeanUnionEndpoint": .bool(false)], platform: .web, region: "us",
            host: "api.mixpanel.com", evidence: "settings.enableEuropeanUnionEndpoint = false"),
        // Segment's catalog data: mixpanel regionSettings enableEuropeanUnionEndpoint default false.
        Row(
            key: "mixpanel", settings: [:], platform: .server, region: "us", host: "api.mixpanel.com",
            evidence: byDefault("enableEuropeanUnionEndpoint", "false")),
        // Not on a mobile source: the Android integrations never read the switch
        // (analytics-kotlin-mixpanel MixpanelDestination.kt, analytics-android-integration-mixpanel
        // MixpanelIntegration.java: MixpanelAPI.getInstance(context, token)), so device mode there
        // is the app's own setup, and with cloud mode possible too, the export cannot say.
        Row(
            key: "mixpanel", settings: ["enableEuropeanUnionEndpoint": .bool(true)], platform: .mobile, region: nil, host: nil,
            evidence: "Mixpanel (Legacy) can run in device mode (mobile) or cloud mode for this source, and they differ "
                + "(device mode (mobile): in device mode on mobile the app's own Mixpanel setup decides: the Android "
                + "integrations (analytics-kotlin-mixpanel, analytics-android-integration-mixpanel) do not read "
                + "enableEuropeanUnionEndpoint and call MixpanelAPI.getInstance(context, token), whose default is Mixpanel's "
                + "US endpoint unless the app configures another → unknown; cloud mode: settings.enableEuropeanUnionEndpoint "
                + "= true → EU); the export does not say which mode is used"),
        // Text where Segment stores a boolean: analytics.js reads "false" as on, the Swift
        // plugins (`as? Bool`) read "true" as off. Not a guess either way.
        Row(
            key: "mixpanel", settings: ["enableEuropeanUnionEndpoint": .string("true")], platform: .server, region: nil,
            host: nil, evidence: #"settings.enableEuropeanUnionEndpoint = "true", which is text, not true or false"#),
        Row(
            key: "mixpanel", settings: ["enableEuropeanUnionEndpoint": .string("yes")], platform: .server, region: nil,
            host: nil, evidence: #"settings.enableEuropeanUnionEndpoint = "yes", which is text, not true or false"#),
        Row(
            key: "mixpanel", settings: ["enableEuropeanUnionEndpoint": .number(1)], platform: .server, region: nil, host: nil,
            evidence: "settings.enableEuropeanUnionEndpoint = 1, which names no region"),
        // By its catalog name and by its previous name (Segment's data: previousNames ["Mixpanel"]).
        Row(
            key: "Mixpanel (Legacy)", settings: ["enableEuropeanUnionEndpoint": .bool(true)], platform: .web, region: "eu",
            host: "api-eu.mixpanel.com", evidence: "settings.enableEuropeanUnionEndpoint = true"),
        Row(
            key: "Mixpanel", settings: ["enableEuropeanUnionEndpoint": .bool(true)], platform: .web, region: "eu",
            host: "api-eu.mixpanel.com", evidence: "settings.enableEuropeanUnionEndpoint = true"),
        // actions-braze-cloud: REST cluster URLs (a server source: one cloud mode).
        Row(
            key: "actions-braze-cloud", settings: ["endpoint": .string("https://rest.fra-01.braze.eu")], platform: .server,
            region: "eu", host: "rest.fra-01.braze.eu", evidence: #"settings.endpoint = "https://rest.fra-01.braze.eu""#),
        Row(
            key: "actions-braze-cloud", settings: ["endpoint": .string("https://rest.fra-02.braze.eu")], platform: .server,
            region: "eu", host: "rest.fra-02.braze.eu", evidence: #"settings.endpoint = "https://rest.fra-02.braze.eu""#),
        Row(
            key: "actions-braze-cloud", settings: ["endpoint": .string("https://rest.iad-01.braze.com")], platform: .server,
            region: "us", host: "rest.iad-01.braze.com", evidence: #"settings.endpoint = "https://rest.iad-01.braze.com""#),
        Row(
            key: "actions-braze-cloud", settings: ["endpoint": .string("https://rest.iad-08.braze.com/")], platform: .server,
            region: "us", host: "rest.iad-08.braze.com", evidence: #"settings.endpoint = "https://rest.iad-08.braze.com/""#),
        Row(
            key: "actions-braze-cloud", settings: ["endpoint": .string("https://rest.au-01.braze.com")], platform: .server,
            region: "au", host: "rest.au-01.braze.com", evidence: #"settings.endpoint = "https://rest.au-01.braze.com""#),
        // Segment's catalog data: actions-braze-cloud regionSettings endpoint is required, so an
        // export without it is not what Segment holds: unknown, not the default.
        Row(
            key: "actions-braze-cloud", settings: [:], platform: .server, region: nil, host: nil,
            evidence: "settings.endpoint is not set, though Segment's catalog marks it required"),
        Row(
            key: "actions-braze-cloud", settings: ["endpoint": .string("https://braze.example.com")], platform: .server,
            region: nil, host: "braze.example.com",
            evidence:
                #"settings.endpoint = "https://braze.example.com": host braze.example.com is not one Braze Cloud Mode (Actions) documents for a region"#
        ),
        Row(
            key: "actions-braze-cloud", settings: ["endpoint": .string("not a url")], platform: .server, region: nil, host: nil,
            evidence: #"settings.endpoint = "not a url", which is not a URL or host"#),
        // actions-braze-web: SDK hosts without a scheme.
        Row(
            key: "actions-braze-web", settings: ["endpoint": .string("sdk.fra-01.braze.eu")], region: "eu",
            host: "sdk.fra-01.braze.eu", evidence: #"settings.endpoint = "sdk.fra-01.braze.eu""#),
        Row(
            key: "actions-braze-web", settings: ["endpoint": .string("sdk.fra-02.braze.eu")], region: "eu",
            host: "sdk.fra-02.braze.eu", evidence: #"settings.endpoint = "sdk.fra-02.braze.eu""#),
        Row(
            key: "actions-braze-web", settings: ["endpoint": .string("sdk.iad-03.braze.com")], region: "us",
            host: "sdk.iad-03.braze.com", evidence: #"settings.endpoint = "sdk.iad-03.braze.com""#),
        Row(
            key: "actions-braze-web", settings: [:], region: nil, host: nil,
            evidence: "settings.endpoint is not set, though Segment's catalog marks it required"),
        // actions-customerio: `accountRegion` with emoji.
        Row(
            key: "actions-customerio", settings: ["accountRegion": .string("US 🇺🇸")], region: "us", host: "track.customer.io",
            evidence: #"settings.accountRegion = "US 🇺🇸""#),
        Row(
            key: "actions-customerio", settings: ["accountRegion": .string("EU 🇪🇺")], region: "eu",
            host: "track-eu.customer.io", evidence: #"settings.accountRegion = "EU 🇪🇺""#),
        Row(
            key: "actions-customerio", settings: [:], region: "us", host: "track.customer.io",
            evidence: byDefault("accountRegion", #""US 🇺🇸""#)),
        // actions-iterable: `dataCenterLocation`.
        Row(
            key: "actions-iterable", settings: ["dataCenterLocation": .string("united_states")], region: "us",
            host: "api.iterable.com", evidence: #"settings.dataCenterLocation = "united_states""#),
        Row(
            key: "actions-iterable", settings: ["dataCenterLocation": .string("europe")], region: "eu",
            host: "api.eu.iterable.com", evidence: #"settings.dataCenterLocation = "europe""#),
        Row(
            key: "actions-iterable", settings: [:], region: "us", host: "api.iterable.com",
            evidence: byDefault("dataCenterLocation", #""united_states""#)),
        // intercom: `apiBase` is the web Messenger's (device mode on the web), read alone here.
        Row(
            key: "intercom", settings: ["apiBase": .string("https://api-iam.intercom.io")], modes: webDeviceOnly, region: "us",
            host: "api-iam.intercom.io", evidence: #"settings.apiBase = "https://api-iam.intercom.io""#),
        // Changed with the table: only the Messenger's documented hosts (api-iam.*) are read;
        // api.intercom.io is not one of them (before: read `us` from the host's labels).
        Row(
            key: "intercom", settings: ["apiBase": .string("https://api.intercom.io")], modes: webDeviceOnly, region: nil,
            host: "api.intercom.io",
            evidence: #"settings.apiBase = "https://api.intercom.io": host api.intercom.io is not one Intercom documents for a region"#
        ),
        Row(
            key: "intercom", settings: ["apiBase": .string("https://api-iam.eu.intercom.io")], modes: webDeviceOnly,
            region: "eu", host: "api-iam.eu.intercom.io", evidence: #"settings.apiBase = "https://api-iam.eu.intercom.io""#),
        Row(
            key: "intercom", settings: ["apiBase": .string("https://api-iam.au.intercom.io")], modes: webDeviceOnly,
            region: "au", host: "api-iam.au.intercom.io", evidence: #"settings.apiBase = "https://api-iam.au.intercom.io""#),
        // Segment's catalog data: intercom regionSettings apiBase default "" (blank: the US Messenger).
        Row(
            key: "intercom", settings: [:], modes: webDeviceOnly, region: "us", host: "api-iam.intercom.io",
            evidence: byDefault("apiBase", #""""#)),
        Row(
            key: "actions-intercom-web", settings: ["apiBase": .string("https://api-iam.intercom.io")], region: "us",
            host: "api-iam.intercom.io", evidence: #"settings.apiBase = "https://api-iam.intercom.io""#),
        Row(
            key: "actions-intercom-web", settings: ["apiBase": .string("https://api-iam.eu.intercom.io")], region: "eu",
            host: "api-iam.eu.intercom.io", evidence: #"settings.apiBase = "https://api-iam.eu.intercom.io""#),
        Row(
            key: "actions-intercom-web", settings: ["apiBase": .string("https://api-iam.au.intercom.io")], region: "au",
            host: "api-iam.au.intercom.io", evidence: #"settings.apiBase = "https://api-iam.au.intercom.io""#),
        // Segment's catalog data: actions-intercom-web apiBase default "https://api-iam.intercom.io".
        Row(
            key: "actions-intercom-web", settings: [:], region: "us", host: "api-iam.intercom.io",
            evidence: byDefault("apiBase", #""https://api-iam.intercom.io""#)),
        // hubspot: web device mode reads enableEuropeanDataCenter…
        Row(
            key: "hubspot", settings: ["enableEuropeanDataCenter": .bool(true)], modes: webDeviceOnly, region: "eu",
            host: "js-eu1.hs-analytics.net", evidence: "settings.enableEuropeanDataCenter = true"),
        Row(
            key: "hubspot", settings: ["enableEuropeanDataCenter": .bool(false)], modes: webDeviceOnly, region: "us",
            host: "js.hs-analytics.net", evidence: "settings.enableEuropeanDataCenter = false"),
        Row(
            key: "hubspot", settings: [:], modes: webDeviceOnly, region: "us", host: "js.hs-analytics.net",
            evidence: byDefault("enableEuropeanDataCenter", "false")),
        Row(
            key: "HubSpot", settings: ["enableEuropeanDataCenter": .bool(true)], modes: webDeviceOnly, region: "eu",
            host: "js-eu1.hs-analytics.net", evidence: "settings.enableEuropeanDataCenter = true"),
        // …and cloud mode (mobile and server sources) enableEuDataCenterMobile, as Segment's
        // catalog describes it ("This only applies to mobile and server sources").
        Row(
            key: "hubspot", settings: ["enableEuDataCenterMobile": .bool(true)], platform: .server, region: "eu",
            host: "track-eu1.hubspot.com", evidence: "settings.enableEuDataCenterMobile = true"),
        Row(
            key: "hubspot", settings: ["enableEuropeanDataCenter": .bool(true)], platform: .server, region: "us",
            host: "track.hubspot.com", evidence: byDefault("enableEuDataCenterMobile", "false")),
        // Another integration's setting does not count.
        Row(
            key: "hubspot", settings: ["apiRegion": .string("EU 🇪🇺")], modes: webDeviceOnly, region: "us",
            host: "js.hs-analytics.net", evidence: byDefault("enableEuropeanDataCenter", "false")),
        // actions-moengage, new-relic, AWS S3: rows added with the table.
        Row(
            key: "actions-moengage", settings: ["region": .string("DC_02")], region: "eu", host: "api-02.moengage.com",
            evidence: #"settings.region = "DC_02""#),
        Row(
            key: "new-relic", settings: ["region": .string("eu")], region: "eu", host: "insights-collector.eu01.nr-data.net",
            evidence: #"settings.region = "eu""#),
        // Only the values the table documents: neither integration's code is public, so a value
        // that merely looks like one ("EU.", "Europe 🇪🇺") is not guessed to be it. (Changed: both
        // were read through the label words, and resolved EU.)
        Row(
            key: "new-relic", settings: ["region": .string("EU.")], region: nil, host: nil,
            evidence: #"settings.region = "EU.", which is not a value New Relic documents ("", "eu", "us")"#),
        Row(
            key: "amplitude", settings: ["endpoint": .string("Europe 🇪🇺")], platform: .server, region: nil, host: nil,
            evidence: #"settings.endpoint = "Europe 🇪🇺", which is not a value Amplitude documents ("", "europe", "north_america")"#),
        // Braze's web SDK puts https:// before a custom endpoint that does not start with http://
        // or https:// (analytics.js-integrations appboyUtil.getCustomEndpoint): `ftp://…` is a URL
        // whose host is "ftp", not Braze's EU cluster; a bare host is that host.
        Row(
            key: "braze", settings: ["customEndpoint": .string("ftp://sdk.fra-01.braze.eu")], modes: webDeviceOnly,
            region: nil, host: "ftp",
            evidence: #"settings.customEndpoint = "ftp://sdk.fra-01.braze.eu": host ftp is not one Braze documents for a region"#),
        Row(
            key: "braze", settings: ["customEndpoint": .string("sdk.fra-01.braze.eu")], modes: webDeviceOnly, region: "eu",
            host: "sdk.fra-01.braze.eu", evidence: #"settings.customEndpoint = "sdk.fra-01.braze.eu""#),
        Row(
            key: "aws-s3", settings: ["awsRegion": .string("eu-central-1")], region: "eu", host: nil,
            evidence: #"settings.awsRegion = "eu-central-1""#),
        // London is not in the EU (CloudRegions: eu-west-2 is `uk`).
        Row(
            key: "aws-s3", settings: ["awsRegion": .string("eu-west-2")], region: "uk", host: nil,
            evidence: #"settings.awsRegion = "eu-west-2""#),
        Row(
            key: "actions-dynamic-yield-audiences", settings: ["sectionId": .string("9876543")], region: "eu",
            host: "cdp-extensions-api.euc1.dynamicyield.com", evidence: #"settings.sectionId = "9876543""#),
    ]

    @Test(arguments: rows)
    func ruleReadsItsSetting(_ row: Row) throws {
        var entry = try #require(Resolve.bundled(row.key), "\(row.key) is not in the bundled catalog")
        if let modes = row.modes { entry.connectionModes = modes }
        let endpoint = Resolve.endpoint(entry, settings: row.settings, platform: row.platform)
        #expect(endpoint.region == row.region)
        #expect(endpoint.host == row.host)
        #expect(endpoint.evidence == row.evidence)
        // Settings given as values have no place in a file.
        #expect(endpoint.origin == nil)
    }

    /// An override (`awsRegion` before `region`, as `customEndpoint` before `datacenter`)
    /// decides only when it is set to text: unset (absent, null or blank) the next setting
    /// decides; set to anything else, where the data goes is unknown, never the next setting's
    /// EU. In a plan's update, an override the configuration leaves out may be set in Segment:
    /// unknown too.
    @Test(
        arguments: [
            (nil, EndpointRules.Absent.defaultApplies, "eu"),
            (SettingValue.null, .defaultApplies, "eu"),
            (.string("  "), .defaultApplies, "eu"),
            (.string("us-east-1"), .defaultApplies, "us"),
            (.other, .defaultApplies, nil),
            (.number(42), .defaultApplies, nil),
            (.bool(true), .defaultApplies, nil),
            (nil, .unmanaged, nil),
            (.string(""), .unmanaged, "eu"),
        ] as [(SettingValue?, EndpointRules.Absent, String?)])
    func anOverrideDecidesOnlyWhenSetToText(_ override: SettingValue?, _ absent: EndpointRules.Absent, _ region: String?)
        throws
    {
        var settings = ["region": SettingValue.string("eu-central-1")]
        settings["awsRegion"] = override
        let endpoint = Resolve.endpoint(Resolve.bundled("aws-s3"), settings: settings, absent: absent)
        #expect(endpoint.region == region, "\(endpoint.evidence)")
    }

    static let integrations = [
        "actions-amplitude", "amplitude", "actions-mixpanel", "mixpanel", "actions-braze-cloud", "actions-braze-web",
        "actions-braze-cohorts", "braze", "actions-customerio", "customer-io", "actions-iterable", "intercom",
        "actions-intercom-web", "actions-intercom-cloud", "hubspot", "actions-hubspot-web", "actions-moengage", "new-relic",
        "aws-s3", "data-lakes", "actions-dynamic-yield-audiences", "fullstory", "actions-segment", "repeater",
    ]

    /// Every integration of the table has a row, and every one is in the bundled catalog by
    /// its slug, which is what the table is keyed by.
    @Test(arguments: integrations)
    func everyTableIntegrationHasARowAndACatalogEntry(slug: String) throws {
        #expect(EndpointRules.hasRule(slug: slug))
        let c = InventoryFixture.catalog
        let found = try #require(c.find(.destinations, id: nil, slug: slug, name: nil))
        #expect(found.match == .slug)
        #expect(c.destinations[Int(found.row)].slug == slug)
    }

    /// And the table names no slug the catalog lacks.
    @Test func everyRowSlugIsInTheCatalog() {
        for rule in EndpointRules.table {
            for slug in rule.slugs {
                #expect(InventoryFixture.catalog.find(.destinations, id: nil, slug: slug, name: nil) != nil, "\(slug)")
            }
            #expect(!rule.source.isEmpty)
        }
    }

    @Test func noRowForOtherIntegrations() {
        #expect(!EndpointRules.hasRule(slug: "slack"))
        #expect(!EndpointRules.hasRule(slug: nil))
        // By slug only: a name is not a key of the table.
        #expect(!EndpointRules.hasRule(slug: "Mixpanel (Actions)"))
    }

    // MARK: Connection modes

    /// Where the modes a source can use disagree, the endpoint is unknown, and the evidence
    /// says what each mode would do.
    @Test func modesThatDisagreeAreUnknown() throws {
        // Segment's catalog data: amplitude connectionModes device [mobile, web], cloud
        // [mobile, server, web]; its endpoint setting is "Cloud-mode Only".
        let e = Resolve.endpoint("amplitude", settings: ["endpoint": .string("europe")], platform: .web)
        #expect(e.region == nil)
        #expect(e.host == nil)
        let evidence = try #require(e.evidence)
        #expect(evidence.hasPrefix("Amplitude can run in device mode (web) or cloud mode for this source, and they differ ("))
        #expect(evidence.contains(#"cloud mode: settings.endpoint = "europe" → EU"#))
        #expect(evidence.contains("device mode (web): in device mode the endpoint setting does not apply"))
        #expect(evidence.hasSuffix("); the export does not say which mode is used"))
    }

    /// A source the platform of which picks one mode decides with that mode alone.
    @Test func aServerSourceUsesCloudModeOnly() {
        let e = Resolve.endpoint("amplitude", settings: ["endpoint": .string("europe")], platform: .server)
        #expect(e.region == "eu")
        #expect(e.mode == "cloud mode")
        // A cloud source reaches destinations in cloud mode only, too.
        let cloudSource = Resolve.endpoint("amplitude", settings: ["endpoint": .string("europe")], platform: .cloudSource)
        #expect(cloudSource.region == "eu")
        #expect(cloudSource.mode == "cloud mode")
    }

    /// Segment's catalog data: hubspot reads enableEuropeanDataCenter on the web (device mode)
    /// and enableEuDataCenterMobile in cloud mode, which "only applies to mobile and server
    /// sources". A web source's cloud mode is read by neither, so it is the catalog's (both
    /// endpoints: unknown), and with both switches on a website is still undecided. (Changed:
    /// it was EU, reading the mobile switch for a website's cloud mode.)
    @Test func hubspotWebSourceIsNotDecidedByTheMobileSwitch() {
        let both = Resolve.endpoint(
            "hubspot", settings: ["enableEuropeanDataCenter": .bool(true), "enableEuDataCenterMobile": .bool(true)],
            platform: .web)
        #expect(both.region == nil)
        #expect(both.evidence?.contains("device mode (web): settings.enableEuropeanDataCenter = true → EU") == true)
        #expect(both.evidence?.contains("cloud mode: ") == true && both.evidence?.contains("cloud mode: settings.") == false)
        // From a server or a mobile source, cloud mode reads the mobile switch.
        let server = Resolve.endpoint("hubspot", settings: ["enableEuDataCenterMobile": .bool(true)], platform: .server)
        #expect(server.region == "eu")
        #expect(server.mode == "cloud mode")
        let one = Resolve.endpoint("hubspot", settings: ["enableEuropeanDataCenter": .bool(true)], platform: .web)
        #expect(one.region == nil)
        #expect(one.evidence?.contains("device mode (web): settings.enableEuropeanDataCenter = true → EU") == true)
    }

    /// Modes that agree are named once each: cloud mode on every platform is one mode.
    @Test func cloudOnlyDestinationNamesItsModeOnce() {
        // Segment's catalog data: mixpanel (classic) connectionModes device [mobile, web], cloud
        // [mobile, server, web]; from a website, its web device mode and cloud mode read one switch.
        let e = Resolve.endpoint("mixpanel", settings: ["enableEuropeanUnionEndpoint": .bool(true)], platform: .web)
        #expect(e.region == "eu")
        #expect(e.mode == "device mode (web) and cloud mode")
        // A row that reads one setting in any mode assumes none.
        #expect(Resolve.endpoint("actions-mixpanel", settings: ["apiRegion": .string("EU 🇪🇺")]).mode == nil)
    }

    /// Modes that agree that the endpoint is unknown, for the same reason, do not differ.
    @Test func modesUnknownForTheSameReasonAreNotSaidToDiffer() {
        // Segment's catalog data: actions-braze-cloud connectionModes cloud [mobile, server, web].
        let e = Resolve.endpoint("actions-braze-cloud", settings: [:])
        #expect(e.region == nil)
        #expect(e.evidence == "settings.endpoint is not set, though Segment's catalog marks it required")
    }

    // MARK: Fixed and workspace rows

    @Test func fullstoryClassicAlwaysSendsToTheUS() {
        // Segment's catalog data: fullstory connectionModes device [web] only.
        let e = Resolve.endpoint("fullstory", settings: ["org": .string("ACME-EU")])
        #expect(e.region == "us")
        #expect(e.host == "edge.fullstory.com")
        #expect(e.evidence?.hasPrefix("FullStory's classic integration loads from and sends to fullstory.com") == true)
    }

    @Test(arguments: [("eu", "events.eu1.segmentapis.com"), ("us", "api.segment.io")])
    func segmentsOwnDestinationsFollowTheWorkspace(region: String, host: String) {
        // Repeater in an EU workspace with its endpoint unset: the catalog's default is the US
        // endpoint (repeatersDeprecatedEndpointNamingAnotherRegionIsUnknown).
        for slug in ["actions-segment", "repeater"] where !(slug == "repeater" && region == "eu") {
            let e = Resolve.endpoint(slug, settings: [:], workspaceRegion: region)
            #expect(e.region == region, "\(slug)")
            #expect(e.host == host, "\(slug)")
            #expect(e.evidence?.hasSuffix(": the workspace's region, \(region.uppercased())") == true, "\(slug)")
        }
        let unknown = Resolve.endpoint("repeater", settings: [:], workspaceRegion: nil)
        #expect(unknown.region == nil)
        #expect(unknown.evidence?.hasSuffix("; the workspace's region is unknown") == true)
    }

    /// Repeater's deprecated `endpoint` setting: "Existing destinations configured to send from a
    /// US region workspace to an EU source or vice versa will remain functional" (Segment's
    /// catalog, repeater regionSettings.endpoint). One that names the other region may still
    /// send there, so the endpoint is unknown; before, it was the workspace's region whatever
    /// the setting said.
    @Test(
        arguments: [
            (SettingValue.string("https://api.segment.io"), "eu", nil as String?),
            (.string("https://events.eu1.segmentapis.com"), "eu", "eu"),
            (.string("https://events.eu1.segmentapis.com"), "us", nil),
            (.string("https://api.segment.io"), "us", "us"),
            // Unset (blank, null or absent), Segment's documented default applies, as for any
            // setting an export leaves out: the US endpoint, so an EU Repeater is unknown as when
            // it holds the default. (Changed: it was the workspace's region.)
            (.string(" "), "eu", nil), (.null, "eu", nil), (.string(" "), "us", "us"), (.null, "us", "us"),
            (.string("https://example.com"), "eu", nil), (.bool(true), "eu", nil),
        ])
    func repeatersDeprecatedEndpointNamingAnotherRegionIsUnknown(_ value: SettingValue, _ workspace: String, _ region: String?) {
        let e = Resolve.endpoint("repeater", settings: ["endpoint": value], workspaceRegion: workspace)
        #expect(e.region == region, "\(e)")
        let unset = value == .null || value == .string(" ")
        if region == nil && !unset { #expect(e.evidence?.hasPrefix("settings.endpoint = \(value)") == true, "\(e)") }
        if region == nil && unset {
            #expect(
                e.evidence?.hasPrefix(#"settings.endpoint is not set, and Segment's catalog default "https://api.segment.io" names the US endpoint"#)
                    == true, "\(e)")
        }
        // The catalog's default (the US endpoint) is said to be one: a newer destination may
        // hold it unchanged.
        #expect(
            e.evidence?.contains("Segment's catalog default")
                == ((value == .string("https://api.segment.io") || unset) && region == nil),
            "\(e)")
    }

    /// Left out of a plan's update, Repeater's `endpoint` is whatever Segment holds, which may
    /// name the other region: unknown, not the workspace's region.
    @Test func repeatersEndpointLeftOutOfAPlansUpdateIsUnknown() {
        let e = Resolve.endpoint("repeater", settings: [:], workspaceRegion: "eu", absent: .unmanaged)
        #expect(e.region == nil)
        #expect(e.evidence?.hasPrefix("settings.endpoint is not set in the Terraform configuration") == true, "\(e)")
        // Left out of a bundle, the catalog's default (the US endpoint) applies: unknown too,
        // with another reason; in a US workspace, the default is its own region.
        let bundle = Resolve.endpoint("repeater", settings: [:], workspaceRegion: "eu")
        #expect(bundle.region == nil)
        #expect(bundle.evidence?.hasPrefix("settings.endpoint is not set, and Segment's catalog default") == true, "\(bundle)")
        #expect(Resolve.endpoint("repeater", settings: [:], workspaceRegion: "us").region == "us")
    }

    /// Terraform manages only the settings its configuration sets: an absent one is unknown,
    /// not the default.
    @Test func unmanagedSettingIsUnknown() {
        let said =
            "settings.apiRegion is not set in the Terraform configuration, so its value in Segment is not in the plan "
            + "(Terraform manages only the settings it sets)"
        let server = Resolve.endpoint("actions-mixpanel", settings: [:], platform: .server, absent: .unmanaged)
        #expect(server.region == nil)
        #expect(server.evidence == said)
        // Any source: the same in both of actions-mixpanel's cloud modes.
        let any = Resolve.endpoint("actions-mixpanel", settings: [:], absent: .unmanaged)
        #expect(any.region == nil)
        #expect(any.evidence == said)
    }

    // MARK: The catalog fallback

    struct CatalogRow: Sendable, CustomTestStringConvertible {
        var catalogName: String
        var settings: [String: SettingValue]
        var platform: EndpointRules.SourcePlatform? = nil
        var region: String?
        var host: String?
        var evidence: String
        var testDescription: String { catalogName }
    }

    static func onlyUS(_ name: String) -> String {
        #"Segment lists only a US endpoint for \#(name) (bundled catalog \#(InventoryFixture.catalog.version): \#(name) regionEndpoints ["US"])"#
    }

    static let catalogRows: [CatalogRow] = [
        // No row, and the catalog lists only a US endpoint: the US, from the catalog.
        // Segment's catalog data: Google Analytics 4 Cloud regionEndpoints ["US"].
        CatalogRow(
            catalogName: "Google Analytics 4 Cloud", settings: [:], region: "us", host: nil,
            evidence: onlyUS("Google Analytics 4 Cloud")),
        CatalogRow(
            catalogName: "Slack", settings: ["incomingWebhookUrl": .string("https://hooks.slack.com/x")], region: "us",
            host: nil, evidence: onlyUS("Slack")),
        // No row, and the catalog lists both endpoints: unknown, saying so.
        // Segment's catalog data: AB Smartly regionEndpoints ["EU", "US"].
        CatalogRow(
            catalogName: "AB Smartly", settings: ["region": .string("eu")], region: nil, host: nil,
            evidence:
                #"AB Smartly has endpoints ["EU", "US"] (bundled catalog \#(InventoryFixture.catalog.version): AB Smartly regionEndpoints ["EU", "US"]) and no setting residency knows selects one"#
        ),
        // Only an EU endpoint: the EU. Segment's catalog data: Attio (Actions) regionEndpoints ["EU"].
        CatalogRow(
            catalogName: "Attio (Actions)", settings: [:], region: "eu", host: nil,
            evidence:
                #"Segment lists only an EU endpoint for Attio (Actions) (bundled catalog \#(InventoryFixture.catalog.version): Attio (Actions) regionEndpoints ["EU"])"#
        ),
        // Changed with the table: a value the integration's code does not know is what the code
        // does with it (Iterable falls back to its US host), no longer "the catalog's US endpoint".
        CatalogRow(
            catalogName: "Iterable (Actions)", settings: ["dataCenterLocation": .string("mars")], region: "us",
            host: "api.iterable.com",
            evidence: fallsBack("dataCenterLocation", #""mars""#, "Iterable (Actions)", "api.iterable.com")),
        // A mode the rule does not cover falls to the catalog: Intercom's cloud mode, where
        // Segment lists only a US endpoint (Segment's catalog data: intercom regionEndpoints ["US"]).
        CatalogRow(
            catalogName: "Intercom", settings: ["apiBase": .string("https://api-iam.eu.intercom.io")], platform: .server,
            region: "us", host: nil, evidence: onlyUS("Intercom")),
        // A row whose value cannot be read: unknown, with the row's evidence.
        CatalogRow(
            catalogName: "Mixpanel (Actions)", settings: ["apiRegion": .bool(false)], platform: .server, region: nil, host: nil,
            evidence: "settings.apiRegion = false, which names no region"),
        // A row that reads its value is used as is.
        CatalogRow(
            catalogName: "Mixpanel (Actions)", settings: ["apiRegion": .string("EU 🇪🇺")], region: "eu",
            host: "api-eu.mixpanel.com", evidence: #"settings.apiRegion = "EU 🇪🇺""#),
    ]

    @Test(arguments: catalogRows)
    func catalogFallback(_ row: CatalogRow) throws {
        let entry = try #require(Resolve.bundled(row.catalogName))
        let endpoint = Resolve.endpoint(entry, settings: row.settings, platform: row.platform)
        #expect(endpoint.region == row.region)
        #expect(endpoint.host == row.host)
        #expect(endpoint.evidence == row.evidence)
    }

    @Test func catalogFallbackWithAnInCodeCatalog() {
        #expect(
            Resolve.endpoint(.destination("Acme Pixel", endpoints: ["US"]), settings: [:])
                == Endpoint(
                    region: "us",
                    evidence: #"Segment lists only a US endpoint for Acme Pixel (bundled catalog \#(InventoryFixture.catalog.version): Acme Pixel regionEndpoints ["US"])"#
                ))
        // Both endpoints and no rule: unknown, never guessed.
        #expect(Resolve.endpoint(.destination("Acme Pixel", endpoints: ["US", "EU"]), settings: [:]).region == nil)
        // An endpoint residency does not know beside the EU one (an export's `["EU", "AP"]`) is
        // not "EU only": unknown, never EU.
        #expect(Resolve.endpoint(.destination("Acme Pixel", endpoints: ["EU", "AP"]), settings: [:]).region == nil)
        #expect(Resolve.endpoint(.destination("Acme Pixel", endpoints: ["AP"]), settings: [:]).region == nil)
        // Not in any catalog, and no regions from the export: unknown.
        #expect(
            Resolve.endpoint(nil, name: "Acme Pixel", settings: [:])
                == Endpoint(evidence: "Acme Pixel is not in the catalog and the export gives no regionEndpoints"))
    }

    /// The same resolution reached through the loader, with settings as an export carries them.
    @Test func loaderResolvesFromExportSettings() throws {
        let marked = InventoryMarked(
            InventoryFixture.bundle(
                #"""
                "sources": [{"id": "s", "metadata": {"name": "Javascript"}}],
                "destinations": [
                  {"id": "d1", "sourceId": "s", "metadata": {"slug": "actions-mixpanel", "name": "Mixpanel (Actions)"}, "settings": {"apiRegion": 1️⃣"IN 🇮🇳"}},
                  {"id": "d2", "sourceId": "s", "metadata": {"slug": "mixpanel", "name": "Mixpanel (Legacy)"}, "settings": {"enableEuropeanUnionEndpoint": true}},
                  {"id": "d3", "sourceId": "s", "metadata": {"slug": "actions-braze-web"}, "settings": {"endpoint": "sdk.fra-02.braze.eu"}},
                  {"id": "d4", "sourceId": "s", "metadata": {"slug": "hubspot", "name": "HubSpot"}, "settings": {"enableEuropeanDataCenter": "true"}},
                  {"id": "d5", "sourceId": "s", "metadata": {"slug": "actions-amplitude"}, "settings": {"endpoint": {"nested": true}}},
                  {"id": "d6", "sourceId": "s", "metadata": {"slug": "actions-amplitude"}, "settings": {"endpoint": null}},
                  {"id": "d7", "sourceId": "s", "metadata": {"name": "Google Ads (Classic)"}}
                ]
                """#))
        let loaded = InventoryFixture.load(marked.text)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))")
        let endpoints = try #require(loaded.only).destinations.map(\.endpoint)
        #expect(endpoints.map(\.region) == ["in", "eu", "eu", nil, nil, nil, "us"])
        #expect(
            endpoints.map(\.host) == [
                "api-in.mixpanel.com", "api-eu.mixpanel.com", "sdk.fra-02.braze.eu", nil, nil, nil, nil,
            ])
        #expect(endpoints[0].evidence == #"settings.apiRegion = "IN 🇮🇳""#)
        #expect(endpoints[1].evidence == "settings.enableEuropeanUnionEndpoint = true")
        #expect(endpoints[2].evidence == #"settings.endpoint = "sdk.fra-02.braze.eu""#)
        // Changed with connection modes: HubSpot from a website may run in web device mode or
        // cloud mode. Changed since: a switch written as text ("true") is not read as on, since
        // integrations read text differently (analytics.js as truthy, the Swift plugins not at
        // all). Segment's catalog data: hubspot device [web], cloud [mobile, server, web].
        #expect(
            endpoints[3].evidence?.contains(
                #"device mode (web): settings.enableEuropeanDataCenter = "true", which is text, not true or false"#) == true,
            "\(endpoints[3].evidence ?? "")")
        #expect(endpoints[4].evidence?.contains("settings.endpoint = (not a simple value), which names no region") == true)
        #expect(endpoints[5].evidence?.contains("settings.endpoint = null, which names no region") == true)
        #expect(endpoints[4].evidence == "settings.endpoint = (not a simple value), which names no region")
        #expect(endpoints[5].evidence == "settings.endpoint = null, which names no region")
        #expect(endpoints[6].evidence == Self.onlyUS("Google Ads (Classic)"))
        // The setting's place in the export, for the evidence chain.
        let file = SourceFile(path: "inv.json", text: marked.text)
        let origin = try #require(endpoints[0].origin)
        #expect(origin.file == "inv.json")
        let at = file.location(of: origin.offset)
        #expect("\(at.line):\(at.column)" == marked.at())
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
        ("European Union", "eu"), ("european_union", "eu"), ("eu1", "eu"), ("EEA", "eu"),
        ("north_america", "us"), ("North America", "us"), ("united_states", "us"), ("United States", "us"), ("USA", "us"),
        ("na", "us"), ("us", "us"), ("India", "in"), ("australia", "au"), ("AU", "au"), ("Canada", "ca"), ("japan", "jp"),
        ("  eu  ", "eu"), ("eu-west-1", "eu"), ("us-east-2", "us"), ("europe-west3", "eu"), ("westeurope", "eu"),
        // Jurisdictions, not clouds (RegionWords): the UK and Switzerland are not the EU.
        ("UK", "uk"), ("United Kingdom", "uk"), ("Switzerland", "ch"), ("eu-west-2", "uk"), ("eu-central-2", "ch"),
    ])
    func labelNamesARegion(label: String, region: String) {
        #expect(RegionWords.region(ofLabel: label) == region)
    }

    // Changed with the jurisdiction tables: "emea" (Europe, the Middle East and Africa) no
    // longer reads `eu`: it is not a jurisdiction, and most of it is outside the EU.
    @Test(arguments: ["", "🇪🇺", "mars", "Moon 🌕", "default", "global", "eur", "u s", "emea"])
    func labelNamesNoRegion(label: String) {
        #expect(RegionWords.region(ofLabel: label) == nil)
    }

    /// Segment's own hosts: its tracking hosts and Public API hosts.
    @Test(arguments: [
        ("api.segment.io", "us"), ("api.segmentapis.com", "us"), ("events.eu1.segmentapis.com", "eu"),
        ("eu1.api.segmentapis.com", "eu"),
    ])
    func hostNamesARegion(host: String, region: String) {
        #expect(RegionWords.region(ofHost: host) == region)
    }

    /// Host names are not case-sensitive; residency's own callers pass URLParts hosts, which
    /// are lower-cased, but `region(ofHost:)` is public.
    @Test func hostCaseDoesNotMatter() {
        #expect(RegionWords.region(ofHost: "API.SEGMENT.IO") == "us")
    }

    // Changed with the rework: `region(ofHost:)` knows only Segment's own tracking and Public
    // API hosts. Vendors' hosts are read by each integration's documented hosts
    // (EndpointRules+Table.swift; InventoryEndpointRulesTests), never from a label reading
    // `eu`, so before: braze.eu, api-iam.eu.intercom.io, api.eu.amplitude.com and
    // api.eu.iterable.com read `eu`, api-iam.au.intercom.io `au`, api.in.example.com `in`,
    // iad-NN Braze hosts `us`; and Segment's CDN hosts, which receive no events, read their region.
    @Test(arguments: [
        "example.com", "api-iam.intercom.io", "api2.amplitude.com", "localhost", "10.0.0.1", "segment.acme.in",
        "cdn.segment.com", "cdn.eu1.segmentapis.com", "rest.fra-01.braze.eu", "sdk.fra-02.braze.eu", "rest.iad-01.braze.com",
        "sdk.iad-07.braze.com", "api-iam.eu.intercom.io", "api-iam.au.intercom.io", "api.eu.amplitude.com",
        "api.eu.iterable.com", "api.in.example.com", "events.eu1.segmentapis.com.attacker.example", "eu.segment.io",
    ])
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
        // Changed with the jurisdiction tables (CloudRegions): these were unknown before.
        ("ap-southeast-1", "sg"), ("me-central-1", "ae"), ("sa-east-1", "br"), ("southamerica-east1", "br"),
        ("brazilsouth", "br"), ("uksouth", "uk"), ("eu-west-2", "uk"), ("europe-west2", "uk"), ("eu-central-2", "ch"),
        ("europe-west6", "ch"), ("switzerlandnorth", "ch"), ("norwayeast", "eu"), ("eu-north-1", "eu"),
    ])
    func cloudLocationNamesARegion(location: String, region: String) {
        #expect(RegionWords.cloudRegion(location) == region)
    }

    // Only names in the providers' lists: a prefix is not enough (before, `eu-…` and
    // `europe-…` read `eu` whatever followed).
    @Test(arguments: ["", "eu-west-9", "europe-west99", "eu-", "us-", "westeurope2", "mars-central-1", "eu-west"])
    func cloudLocationNamesNoRegion(location: String) {
        #expect(RegionWords.cloudRegion(location) == nil)
    }

    @Test func everyRegionWordNamesAKnownRegion() {
        for (word, region) in RegionWords.words {
            #expect(RegionWords.regions.contains(region), "\(word)")
            #expect(RegionWords.region(ofLabel: word) == region, "\(word)")
        }
        for table in [CloudRegions.aws, CloudRegions.gcp, CloudRegions.azure, CloudRegions.multiRegions] {
            for (name, region) in table { #expect(RegionWords.regions.contains(region), "\(name)") }
        }
        #expect(Set(RegionWords.regions).count == RegionWords.regions.count)
    }
}

@Suite struct InventorySDKRulesTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var sdk: SDKConfig
        var workspaceRegion: String? = nil
        var region: String?
        var host: String?
        var url: String?
        var evidence: String
        var testDescription: String { "\(sdk.library ?? "no library") \(url ?? "-")" }
    }

    static let eu = "events.eu1.segmentapis.com"
    static let euPath = "events.eu1.segmentapis.com/v1"
    static let euURL = "https://events.eu1.segmentapis.com/v1"
    static let euServer = "https://events.eu1.segmentapis.com"

    /// A row for a library that posts to `prefix{key}suffix` (SDKRules.concat).
    static func concat(
        _ lib: String, _ key: String, _ value: String?, prefix: String, suffix: String, default fallback: String,
        region: String?, host: String?, as shown: String? = nil
    ) -> Row {
        let sdk: SDKConfig
        switch key {
        case "apiHost": sdk = SDKConfig(library: lib, apiHost: value)
        case "host": sdk = SDKConfig(library: lib, host: value)
        default: sdk = SDKConfig(library: lib, endpoint: value)
        }
        let url = prefix + (value ?? fallback) + suffix
        let template = "\(prefix){\(shown ?? key)}\(suffix)"
        let said =
            value.map { #"sdk.\#(shown ?? key) = "\#($0)" → \#(template)"# }
            ?? #"sdk.\#(key) not set: the library's default "\#(fallback)" → \#(template)"#
        return Row(sdk: sdk, region: region, host: host, url: url, evidence: "\(said) = \(url)")
    }

    /// The mobile SDKs that post to `https://{apiHost}/b` (Swift, Kotlin, Flutter, Analytics-CSharp).
    static let slashB = ["analytics-swift", "analytics-kotlin", "analytics-flutter", "analytics-csharp"]

    static let rows: [Row] =
        slashB.flatMap { lib in
            [
                concat(lib, "apiHost", euPath, prefix: "https://", suffix: "/b", default: "api.segment.io/v1", region: "eu", host: eu),
                concat(
                    lib, "apiHost", "api.segment.io/v1", prefix: "https://", suffix: "/b", default: "api.segment.io/v1",
                    region: "us", host: "api.segment.io"),
                // (Analytics-CSharp's unset case: see aliasedSettingNotSetNamesItsOwnKey.)
                concat(lib, "apiHost", nil, prefix: "https://", suffix: "/b", default: "api.segment.io/v1", region: "us", host: "api.segment.io"),
                // A trailing slash is kept: the SDK posts to …/v1//b, on the EU host.
                concat(
                    lib, "apiHost", euPath + "/", prefix: "https://", suffix: "/b", default: "api.segment.io/v1", region: "eu",
                    host: eu),
            ]
        }
        + [
            // Another family's key does not count.
            Row(
                sdk: SDKConfig(library: "analytics-swift", host: euURL), region: "us", host: "api.segment.io",
                url: "https://api.segment.io/v1/b",
                evidence: #"sdk.apiHost not set: the library's default "api.segment.io/v1" → https://{apiHost}/b = https://api.segment.io/v1/b"#
            ),
            // Classic analytics-android: https://{apiHost}/import.
            concat("analytics-android", "apiHost", euPath, prefix: "https://", suffix: "/import", default: "api.segment.io/v1", region: "eu", host: eu),
            concat(
                "analytics-android", "apiHost", nil, prefix: "https://", suffix: "/import", default: "api.segment.io/v1",
                region: "us", host: "api.segment.io"),
            // Classic analytics-ios: the host with https:// ensured, plus /batch.
            Row(
                sdk: SDKConfig(library: "analytics-ios", apiHost: euPath), region: "eu", host: eu, url: euURL + "/batch",
                evidence: #"sdk.apiHost = "\#(euPath)" → {apiHost}/batch = \#(euURL)/batch"#),
            Row(
                sdk: SDKConfig(library: "analytics-ios", apiHost: euURL), region: "eu", host: eu, url: euURL + "/batch",
                evidence: #"sdk.apiHost = "\#(euURL)" → {apiHost}/batch = \#(euURL)/batch"#),
            Row(
                sdk: SDKConfig(library: "analytics-ios"), region: "us", host: "api.segment.io",
                url: "https://api.segment.io/v1/batch",
                evidence:
                    #"sdk.apiHost not set: the library's default "https://api.segment.io/v1" → {apiHost}/batch = https://api.segment.io/v1/batch"#
            ),
            // Xamarin: apiHost as Analytics-CSharp, or the classic Analytics.Xamarin's host.
            Row(
                sdk: SDKConfig(library: "analytics-xamarin", apiHost: euPath), region: "eu", host: eu, url: euURL + "/b",
                evidence: #"sdk.apiHost = "\#(euPath)" → https://{apiHost}/b (Analytics-CSharp) = \#(euURL)/b"#),
            Row(
                sdk: SDKConfig(library: "analytics-xamarin", host: euServer), region: "eu", host: eu, url: euServer + "/v1/import",
                evidence: #"sdk.host = "\#(euServer)" (classic Analytics.Xamarin) → {host}/v1/import = \#(euServer)/v1/import"#),
            Row(
                sdk: SDKConfig(library: "analytics-xamarin"), region: "us", host: "api.segment.io",
                url: "https://api.segment.io/v1/b",
                evidence:
                    #"sdk.apiHost not set: the library's default "api.segment.io/v1" → https://{apiHost}/b (Analytics-CSharp) = https://api.segment.io/v1/b"#
            ),
            // Node.js: `new URL("/v1/batch", host)` replaces a path in host.
            Row(
                sdk: SDKConfig(library: "analytics-node", host: euServer), region: "eu", host: eu, url: euServer + "/v1/batch",
                evidence: #"sdk.host = "\#(euServer)" → new URL("/v1/batch", host) = \#(euServer)/v1/batch"#),
            Row(
                sdk: SDKConfig(library: "analytics-node", host: euURL), region: "eu", host: eu, url: euServer + "/v1/batch",
                evidence: #"sdk.host = "\#(euURL)" → new URL("/v1/batch", host) = \#(euServer)/v1/batch"#),
            Row(
                sdk: SDKConfig(library: "analytics-node"), region: "us", host: "api.segment.io",
                url: "https://api.segment.io/v1/batch",
                evidence:
                    #"sdk.host not set: the library's default "https://api.segment.io" → new URL("/v1/batch", host) = https://api.segment.io/v1/batch"#
            ),
            // Python: trailing slash removed, then /v1/batch appended; a /v1 in host is doubled.
            Row(
                sdk: SDKConfig(library: "analytics-python", host: euServer + "/"), region: "eu", host: eu,
                url: euServer + "/v1/batch", evidence: #"sdk.host = "\#(euServer)/" → {host}/v1/batch = \#(euServer)/v1/batch"#),
            Row(
                sdk: SDKConfig(library: "analytics-python", host: euURL), region: "eu", host: eu, url: euURL + "/v1/batch",
                evidence: #"sdk.host = "\#(euURL)" → {host}/v1/batch = \#(euURL)/v1/batch"#),
            Row(
                sdk: SDKConfig(library: "analytics-python"), region: "us", host: "api.segment.io",
                url: "https://api.segment.io/v1/batch",
                evidence: #"sdk.host not set: the library's default "https://api.segment.io" → {host}/v1/batch = https://api.segment.io/v1/batch"#
            ),
            // Go: endpoint (or host) + /v1/batch.
            concat("analytics-go", "endpoint", euServer, prefix: "", suffix: "/v1/batch", default: "https://api.segment.io", region: "eu", host: eu),

            // Classic Analytics.NET: host + /v1/import.
            concat("analytics-dotnet", "host", euServer, prefix: "", suffix: "/v1/import", default: "https://api.segment.io", region: "eu", host: eu),
            // PHP: https://{host}/v1/batch with a bare host.
            concat("analytics-php", "host", eu, prefix: "https://", suffix: "/v1/batch", default: "api.segment.io", region: "eu", host: eu),
            // Ruby: https://{host}{path}.
            Row(
                sdk: SDKConfig(library: "analytics-ruby", host: eu), region: "eu", host: eu, url: euServer + "/v1/import",
                evidence: #"sdk.host = "\#(eu)" → https://{host}{path} = \#(euServer)/v1/import"#),
            // Its port is an option of its own (transport.rb: Net::HTTP.new(host, port)): a host
            // with one, or a URL, is taken whole as a host name, and nothing reaches the EU
            // endpoint it seems to name (it was EU).
            Row(
                sdk: SDKConfig(library: "analytics-ruby", host: eu + ":443"), region: nil, host: nil, url: nil,
                evidence:
                    #"host = "\#(eu):443", which Net::HTTP.new(host, port) takes whole as a host name, which is not a URL an HTTP client can post to"#
            ),
            // React Native: the proxy, plus /b only when useSegmentEndpoints is true (default false).
            Row(
                sdk: SDKConfig(library: "analytics-react-native", proxy: euURL, useSegmentEndpoints: true), region: "eu", host: eu,
                url: euURL + "/b", evidence: #"sdk.proxy = "\#(euURL)", useSegmentEndpoints = true → {proxy}/b = \#(euURL)/b"#),
            Row(
                sdk: SDKConfig(library: "analytics-react-native", proxy: euURL), region: "eu", host: eu, url: euURL,
                evidence: #"sdk.proxy = "\#(euURL)", useSegmentEndpoints not set (default false) → {proxy} as is = \#(euURL)"#),
            Row(
                sdk: SDKConfig(library: "analytics-react-native", proxy: "https://segment-proxy.acme.com/v1"), region: nil,
                host: "segment-proxy.acme.com", url: "https://segment-proxy.acme.com/v1",
                evidence:
                    #"sdk.proxy = "https://segment-proxy.acme.com/v1", useSegmentEndpoints not set (default false) → {proxy} as is = https://segment-proxy.acme.com/v1"#
            ),
            Row(
                sdk: SDKConfig(library: "analytics-react-native", useSegmentEndpoints: true), region: "us", host: "api.segment.io",
                url: "https://api.segment.io/v1/b",
                evidence: "sdk.proxy not set: the library's default https://api.segment.io/v1/b = https://api.segment.io/v1/b"),
            // analytics.js follows the workspace (its endpoint is in the source's settings).
            Row(
                sdk: SDKConfig(library: "analytics.js"), workspaceRegion: "eu-west", region: "eu", host: eu, url: euURL + "/b",
                evidence: "analytics.js takes its endpoint from the source's settings (the workspace's region)"),
            Row(
                sdk: SDKConfig(library: "analytics.js"), workspaceRegion: "us-west", region: "us", host: "api.segment.io",
                url: "https://api.segment.io/v1/b",
                evidence: "analytics.js takes its endpoint from the source's settings (the workspace's region)"),
            Row(
                sdk: SDKConfig(library: "analytics.js"), workspaceRegion: nil, region: nil, host: nil, url: nil,
                evidence: "analytics.js takes its endpoint from the source's settings (the workspace's region)"),
            // Changed with issue 16 (before: a declared apiHost was ignored): an apiHost in the load
            // options (`integrations['Segment.io'].apiHost`) overrides the source's settings
            // (segmentio/analytics-next packages/browser/src/lib/merged-options.ts), and batches
            // go to https://{apiHost}/b (packages/browser/src/plugins/segmentio/batched-dispatcher.ts).
            Row(
                sdk: SDKConfig(library: "analytics.js", apiHost: "api.segment.io/v1"), workspaceRegion: "eu-west", region: "us",
                host: "api.segment.io", url: "https://api.segment.io/v1/b",
                evidence:
                    "sdk.apiHost = \"api.segment.io/v1\" (integrations['Segment.io'].apiHost in code) → https://{apiHost}/b = https://api.segment.io/v1/b"),
            Row(sdk: SDKConfig(), region: nil, host: nil, url: nil, evidence: "the SDK configuration names no library"),
            Row(sdk: SDKConfig(apiHost: euPath), region: nil, host: nil, url: nil, evidence: "the SDK configuration names no library"),
            Row(
                sdk: SDKConfig(library: "cobol", apiHost: euPath), region: nil, host: nil, url: nil,
                evidence: #"library "cobol" is not one residency knows"#),
            Row(
                sdk: SDKConfig(library: "Analytics-Swift", apiHost: euPath), region: nil, host: nil, url: nil,
                evidence: #"library "Analytics-Swift" is not one residency knows"#),
            // A value that makes a URL with extra slashes: a browser or HTTP client skips them
            // (WHATWG), so "https:///v1/b" goes to the host "v1", which is no Segment host.
            Row(
                sdk: SDKConfig(library: "analytics-swift", apiHost: "/v1"), region: nil, host: "v1", url: "https:///v1/b",
                evidence: #"sdk.apiHost = "/v1" → https://{apiHost}/b = https:///v1/b"#),
            Row(
                sdk: SDKConfig(library: "analytics-swift", apiHost: ""), region: nil, host: "b", url: "https:///b",
                evidence: #"sdk.apiHost = "" → https://{apiHost}/b = https:///b"#),
            Row(
                sdk: SDKConfig(library: "analytics-kotlin", apiHost: "EVENTS.EU1.SEGMENTAPIS.COM:443/v1"), region: "eu", host: eu,
                url: "https://EVENTS.EU1.SEGMENTAPIS.COM:443/v1/b",
                evidence:
                    #"sdk.apiHost = "EVENTS.EU1.SEGMENTAPIS.COM:443/v1" → https://{apiHost}/b = https://EVENTS.EU1.SEGMENTAPIS.COM:443/v1/b"#
            ),
        ]

    @Test(arguments: rows.filter { !($0.sdk.library == "analytics-csharp" && $0.sdk.apiHost == nil) })
    func sdkResolves(_ row: Row) {
        let r = SDKRules.resolve(row.sdk, workspaceRegion: row.workspaceRegion)
        #expect(r == Resolution(region: row.region, host: row.host, url: row.url, evidence: row.evidence))
    }

    /// A library that reads its setting under two names (Analytics-CSharp `apiHost` or `host`,
    /// Go `endpoint` or `host`) posts to its default when neither is set; the evidence must
    /// name the library's own key.
    @Test(arguments: [
        ("analytics-csharp", "apiHost", "https://{apiHost}/b", "api.segment.io/v1", "https://api.segment.io/v1/b"),
        ("analytics-go", "endpoint", "{endpoint}/v1/batch", "https://api.segment.io", "https://api.segment.io/v1/batch"),
    ])
    func aliasedSettingNotSetNamesItsOwnKey(library: String, key: String, template: String, fallback: String, url: String) {
        let r = SDKRules.resolve(SDKConfig(library: library), workspaceRegion: nil)
        #expect(r.region == "us")
        #expect(r.host == "api.segment.io")
        #expect(r.url == url)
        #expect(r.evidence == #"sdk.\#(key) not set: the library's default "\#(fallback)" → \#(template) = \#(url)"#)
    }

    /// Analytics-Java: `HttpUrl.parse(endpoint + "/v1/import/")`, and the US default when the
    /// value has no scheme (it does not parse).
    @Test func javaBuildsItsURLAndFallsBackWithoutAScheme() {
        let eu = SDKRules.resolve(SDKConfig(library: "analytics-java", host: Self.euServer), workspaceRegion: nil)
        #expect(eu.url == Self.euServer + "/v1/import/")
        #expect(eu.region == "eu")
        let endpoint = SDKRules.resolve(SDKConfig(library: "analytics-java", endpoint: Self.euServer), workspaceRegion: nil)
        #expect(endpoint.url == Self.euServer + "/v1/import/")
        // `endpoint` wins over `host`.
        let both = SDKRules.resolve(
            SDKConfig(library: "analytics-java", host: "https://api.segment.io", endpoint: Self.euServer), workspaceRegion: nil)
        #expect(both.region == "eu")
        let bare = SDKRules.resolve(SDKConfig(library: "analytics-java", host: Self.eu), workspaceRegion: nil)
        #expect(bare.region == "us")
        #expect(bare.url == "https://api.segment.io/v1/import/")
        #expect(bare.evidence.contains("has no scheme, so the SDK's HttpUrl.parse fails and it falls back to https://api.segment.io/v1/import/"))
        let unset = SDKRules.resolve(SDKConfig(library: "analytics-java"), workspaceRegion: nil)
        #expect(unset.url == "https://api.segment.io/v1/import/")
        #expect(unset.region == "us")
    }

    /// Hand-written requests post where the user says; there is no default.
    @Test func httpAPIUsesTheDeclaredURL() {
        let track = SDKRules.resolve(
            SDKConfig(library: "http-api", endpoint: "https://events.eu1.segmentapis.com/v1/track"), workspaceRegion: nil)
        #expect(track.region == "eu")
        #expect(track.url == "https://events.eu1.segmentapis.com/v1/track")
        let us = SDKRules.resolve(SDKConfig(library: "http-api", endpoint: "https://api.segment.io/v1/batch"), workspaceRegion: nil)
        #expect(us.region == "us")
        let none = SDKRules.resolve(SDKConfig(library: "http-api"), workspaceRegion: nil)
        #expect(none.region == nil)
        #expect(none.url == nil)
        #expect(none.evidence.hasPrefix("sdk.endpoint not set: a hand-written request has no default"))
    }

    /// Segment's SDK configuration summary (the catalog's `sdks` table): each library's
    /// documented EU setting makes a URL on the EU host.
    @Test func documentedSettingsReachTheEUHost() throws {
        let tree = try JSONReader.parse(
            SourceFile(path: "c", text: InventoryFixture.text("policies/catalog/segment-regional.json"))
        ).get()
        let rows = try #require(tree.root["sdks"]?.elements)
        var checked = 0
        for row in rows {
            let settings = row["settings"]
            for library in row["libraries"]?.elements.compactMap(\.string) ?? [] where library != "analytics.js" {
                var sdk = SDKConfig(library: library)
                sdk.apiHost = settings?["apiHost"]?.string
                sdk.proxy = settings?["proxy"]?.string
                sdk.useSegmentEndpoints = settings?["useSegmentEndpoints"]?.bool
                sdk.host = settings?["host"]?.string
                sdk.endpoint = settings?["url"]?.string
                let r = SDKRules.resolve(sdk, workspaceRegion: "eu-west")
                if library == "analytics-csharp" {
                    // Segment's page gives C# `host: "https://events.eu1.segmentapis.com/v1"`;
                    // Analytics-CSharp reads `apiHost` and adds https:// itself, so that value
                    // (read as its apiHost) doubles the scheme: the URL shows it (SDKRules).
                    #expect(r.url == "https://https://events.eu1.segmentapis.com/v1/b", "\(library)")
                    #expect(r.region == nil, "\(library)")
                } else {
                    #expect(r.region == "eu", "\(library): \(r.evidence)")
                    #expect(r.host == Self.eu, "\(library)")
                }
                checked += 1
            }
        }
        #expect(checked == 12)
    }

    @Test func knownLibrariesAreSortedAndComplete() {
        #expect(
            SDKRules.knownLibraries == [
                "analytics-android", "analytics-csharp", "analytics-dotnet", "analytics-flutter", "analytics-go", "analytics-ios",
                "analytics-java", "analytics-kotlin", "analytics-node", "analytics-node-legacy", "analytics-php", "analytics-python",
                "analytics-react-native", "analytics-ruby", "analytics-swift", "analytics-xamarin", "analytics.js", "http-api",
            ])
    }

    /// Every library id the bundled catalog's `sdks` table names is one the rules know.
    /// Changed with the SDK URL rules: residency also knows libraries Segment's page does not
    /// list (Go, Ruby, PHP, classic Analytics.NET, the legacy analytics-node package), read from their own code.
    @Test func catalogSDKLibrariesAreKnown() throws {
        let tree = try #require(
            try? JSONReader.parse(SourceFile(path: "c", text: InventoryFixture.text("policies/catalog/segment-regional.json")))
                .get())
        let libraries = tree.root["sdks"]?.elements.flatMap { $0["libraries"]?.elements.compactMap(\.string) ?? [] } ?? []
        #expect(Set(libraries).isSubset(of: Set(SDKRules.knownLibraries)))
        #expect(
            Set(SDKRules.knownLibraries).subtracting(libraries)
                == ["analytics-dotnet", "analytics-go", "analytics-ruby", "analytics-php", "analytics-node-legacy"])
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

    /// analytics.js takes the workspace's region from the source's settings only in a browser:
    /// named for an Android source it is not what the app runs (analytics-kotlin, whose default
    /// is the US endpoint), so where the source sends is not known (it was the workspace's).
    @Test func analyticsJSNamedForAMobileSourceIsUnknown() throws {
        let text = InventoryFixture.bundle(
            #"""
            "apiHost": "https://eu1.api.segmentapis.com",
            "sources": [
              {"id": "android", "metadata": {"slug": "kotlin-android", "name": "Kotlin (Android)"}},
              {"id": "web", "metadata": {"slug": "javascript", "name": "Javascript"}}
            ],
            "sdkConfigs": [{"sourceId": "android", "library": "analytics.js"}, {"sourceId": "web", "library": "analytics.js"}]
            """#)
        let loaded = InventoryFixture.load(text)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))")
        let sources = try #require(loaded.only).sources
        #expect(sources[0].ingestRegion == nil)
        #expect(sources[0].ingestEvidence?.hasPrefix("the SDK configuration names analytics.js, a browser library, for a mobile source") == true)
        #expect(sources[1].ingestRegion == "eu")
        // With an EU `apiHost` given for it too: the app still does not run analytics.js, so the
        // host says nothing of where it sends (it was EU, while docs/inventory.md said unknown).
        let withHost = InventoryFixture.load(
            text.replacingOccurrences(
                of: #"{"sourceId": "android", "library": "analytics.js"}"#,
                with: #"{"sourceId": "android", "library": "analytics.js", "apiHost": "events.eu1.segmentapis.com/v1"}"#))
        let android = try #require(withHost.only).sources[0]
        #expect(android.ingestRegion == nil, "\(android.ingestEvidence ?? "")")
        #expect(android.ingestEvidence?.contains("a browser library, for a mobile source") == true)
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
        // Each configuration records where it is written (the `sdkConfigs` entry).
        var rn = try #require(sources[0].sdk)
        #expect(rn.origin?.file == "inv.json")
        #expect(sources[0].ingestOrigin == rn.origin)
        rn.origin = nil
        #expect(
            rn
                == SDKConfig(
                    library: "analytics-react-native", cdnHost: "cdn.example.com", proxy: "https://p.example.com",
                    cdnProxy: "https://c.example.com", useSegmentEndpoints: false))
        #expect(sources[0].ingestHost == "p.example.com")
        #expect(sources[0].ingestRegion == nil)
        #expect(sources[0].ingestURL == "https://p.example.com")
        // `url` is read as Java's `endpoint`.
        var java = try #require(sources[1].sdk)
        java.origin = nil
        #expect(java == SDKConfig(library: "analytics-java", path: "/v1/import", endpoint: "https://events.eu1.segmentapis.com"))
        #expect(sources[1].ingestRegion == "eu")
        #expect(sources[1].ingestURL == "https://events.eu1.segmentapis.com/v1/import/")
        // Changed with the SDK URL rules: the evidence shows how the URL is built.
        #expect(
            sources[1].ingestEvidence
                == #"sdk.endpoint = "https://events.eu1.segmentapis.com" → {endpoint}/v1/import/ = https://events.eu1.segmentapis.com/v1/import/"#)
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
        // Changed with the rework: a location is read from the providers' region lists only;
        // "Europe" is not a BigQuery location (before: read as a label, `eu`).
        Row(
            settings: ["location": .string("Europe")], location: "Europe", region: nil,
            evidence: #"settings.location = "Europe", which names no known region"#),
        // Jurisdictions: London is `uk`, not `eu` (CloudRegions.aws eu-west-2).
        Row(
            settings: ["region": .string("eu-west-2")], location: "eu-west-2", region: "uk",
            evidence: #"settings.region = "eu-west-2""#),
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
        // Changed with the rework: a location and a host that disagree leave the region unknown
        // and show both (before: the location won).
        Row(
            settings: ["location": .string("EU"), "hostname": .string("x.us-east-1.redshift.amazonaws.com")], location: "EU",
            region: nil,
            evidence:
                #"settings.location = "EU" (EU) disagrees with settings.hostname = "x.us-east-1.redshift.amazonaws.com" (US): which one the warehouse is in cannot be told"#
        ),
        // Every key is read: two location keys, or two host keys, that disagree leave the region
        // unknown too (before: the first key set won).
        Row(
            settings: ["location": .string("EU"), "region": .string("us-east-1")], location: "EU", region: nil,
            evidence:
                #"settings.location = "EU" (EU) disagrees with settings.region = "us-east-1" (US): which one the warehouse is in cannot be told"#
        ),
        Row(
            settings: ["hostname": .string("tunnel.corp.example"), "account": .string("xy12345.us-east-1"), "location": .string("EU")],
            location: "EU", region: nil,
            evidence:
                #"settings.location = "EU" (EU) disagrees with settings.account = "xy12345.us-east-1" (US): which one the warehouse is in cannot be told"#
        ),
        // A location no table knows beside a host that names a region: the location may name any
        // region, so the host's is not taken over it (before: the host decided, EU).
        Row(
            settings: ["region": .string("us-east-7"), "hostname": .string("c.abc.eu-west-1.redshift.amazonaws.com")],
            location: "us-east-7", region: nil,
            evidence:
                #"settings.region = "us-east-7" names no known region, beside settings.hostname = "c.abc.eu-west-1.redshift.amazonaws.com" (EU): which one the warehouse is in cannot be told"#
        ),
        // Where they agree, the location is shown.
        Row(
            settings: ["location": .string("eu-west-1"), "hostname": .string("x.c1.eu-west-1.redshift.amazonaws.com")],
            location: "eu-west-1", region: "eu", evidence: #"settings.location = "eu-west-1""#),
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
            evidence: #"settings.host = "db.internal.example.com", which is not a host whose provider writes its region in it"#),
        // Changed with the rework: a region label on another domain says nothing (before: `eu`).
        Row(
            settings: ["host": .string("db.eu-west-1.acme.example")], location: nil, region: nil,
            evidence: #"settings.host = "db.eu-west-1.acme.example", which is not a host whose provider writes its region in it"#),
        Row(
            settings: ["hostname": .string("wg.123456789012.eu-central-1.redshift-serverless.amazonaws.com")],
            location: "eu-central-1", region: "eu",
            evidence: #"settings.hostname = "wg.123456789012.eu-central-1.redshift-serverless.amazonaws.com""#),
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
        // A bare locator without its domain is not read.
        Row(
            settings: ["account": .string("xy12345")], location: nil, region: nil,
            evidence: #"settings.account = "xy12345", which is not a host whose provider writes its region in it"#),
        // Snowflake documents a locator without a region as AWS US West (Oregon).
        Row(
            settings: ["account": .string("xy12345.snowflakecomputing.com")], location: "us-west-2", region: "us",
            evidence: #"settings.account = "xy12345.snowflakecomputing.com""#),
        // An organisation-account name says nothing about where the account is.
        Row(
            settings: ["account": .string("acme-analytics.snowflakecomputing.com")], location: nil, region: nil,
            evidence:
                #"settings.account = "acme-analytics.snowflakecomputing.com", which is not a host whose provider writes its region in it"#
        ),
        // Snowflake's Azure and GCP regions.
        Row(
            settings: ["account": .string("xy12345.west-europe.azure")], location: "west-europe.azure", region: "eu",
            evidence: #"settings.account = "xy12345.west-europe.azure""#),
        Row(
            settings: ["account": .string("xy12345.europe-west4.gcp.snowflakecomputing.com")], location: "europe-west4.gcp",
            region: "eu", evidence: #"settings.account = "xy12345.europe-west4.gcp.snowflakecomputing.com""#),
        // Nothing.
        Row(settings: [:], location: nil, region: nil, evidence: "no location setting"),
        Row(
            settings: ["name": .string("EU warehouse"), "database": .string("eu-west-1")], location: nil, region: nil,
            evidence: "no location setting"),
        Row(
            settings: ["location": .number(1), "hostname": .bool(true)], location: nil, region: nil,
            evidence: "no location setting"),
        // A location that is not text beside a host that names a region: not the host's region
        // (before: the location was skipped, and the host decided, EU).
        Row(
            settings: ["location": .number(1), "hostname": .string("c.abc.eu-west-1.redshift.amazonaws.com")], location: nil,
            region: nil,
            evidence:
                #"settings.location = 1 names no known region, beside settings.hostname = "c.abc.eu-west-1.redshift.amazonaws.com" (EU): which one the warehouse is in cannot be told"#
        ),
        // A provider's host naming a region no table knows (AWS Taipei, ap-east-2) may be
        // anywhere: the location key beside it does not decide (it did: EU).
        Row(
            settings: ["hostname": .string("name.abc123.ap-east-2.redshift.amazonaws.com"), "location": .string("eu-west-1")],
            location: "eu-west-1", region: nil,
            evidence:
                #"settings.hostname = "name.abc123.ap-east-2.redshift.amazonaws.com" names the region `ap-east-2`, which residency's tables do not know: where the warehouse is cannot be told"#
        ),
        Row(
            settings: ["account": .string("xy12345.ap-east-2.snowflakecomputing.com"), "location": .string("eu-central-1")],
            location: "eu-central-1", region: nil,
            evidence:
                #"settings.account = "xy12345.ap-east-2.snowflakecomputing.com" names the region `ap-east-2`, which residency's tables do not know: where the warehouse is cannot be told"#
        ),
        // A value that names the provider's domain but is not a host (a JDBC URL) is not read
        // as saying nothing: it says us-east-1, which residency cannot read out of it.
        Row(
            settings: [
                "hostname": .string("jdbc:redshift://name.abc123.us-east-1.redshift.amazonaws.com:5439/dev"),
                "region": .string("eu-west-1"),
            ], location: "eu-west-1", region: nil,
            evidence:
                #"settings.hostname = "jdbc:redshift://name.abc123.us-east-1.redshift.amazonaws.com:5439/dev" names the provider's domain but does not read as a host: where the warehouse is cannot be told"#
        ),
        // Only an account key holds a Snowflake identifier without its domain: a Postgres
        // `hostname` of `warehouse.eu-central-1` is a private host that says nothing (it was EU).
        Row(
            settings: ["hostname": .string("warehouse.eu-central-1")], location: nil, region: nil,
            evidence: #"settings.hostname = "warehouse.eu-central-1", which is not a host whose provider writes its region in it"#),
        Row(
            settings: ["host": .string("pg.west-europe.azure")], location: nil, region: nil,
            evidence: #"settings.host = "pg.west-europe.azure", which is not a host whose provider writes its region in it"#),
        // An organisation-account URL with an underscore names no region (it was read as a
        // legacy locator in us-west-2).
        Row(
            settings: ["account": .string("myorg_myaccount.snowflakecomputing.com")], location: nil, region: nil,
            evidence:
                #"settings.account = "myorg_myaccount.snowflakecomputing.com", which is not a host whose provider writes its region in it"#
        ),
    ]

    @Test(arguments: rows)
    func warehouseResolves(_ row: Row) {
        let (location, r) = Resolve.warehouse(row.settings)
        #expect(location == row.location)
        #expect(r == Resolution(region: row.region, host: nil, evidence: row.evidence))
    }

    @Test(arguments: [
        // Changed with the jurisdiction tables: us-gov-west-1 is in the US (before: not read).
        ("eu-west-1", "eu"), ("us-gov-west-1", "us"), ("ca-central-1", "ca"), ("eu-west", nil), ("db-prod-x", nil),
        ("c1x2y3z4", nil), ("eu-west-2", "uk"), ("eu-central-2", "ch"),
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
                #"settings.account = "xy12345", which is not a host whose provider writes its region in it"#,
                "no location setting",
            ])
        // Where each setting is written, for the evidence chain.
        #expect(w[0].regionOrigin?.file == "inv.json")
        #expect(w[1].regionOrigin?.file == "inv.json")
        #expect(w[2].regionOrigin == nil)
        #expect(w.map(\.name) == ["PG", nil, nil])
        #expect(w.map(\.catalogName) == ["Postgres", "Snowflake", "Databricks"])
    }
}
