/// The endpoint table: for each integration (by catalog slug), which setting decides where
/// its data goes in each connection mode, the values or hosts its code knows, and where that
/// code is. docs/inventory.md ("Destination endpoints") prints this table with its sources.
/// Anything an integration's public code does not show is left unknown, and said so there.
extension EndpointRules {
    typealias T = Target

    /// Braze's clusters as its integrations list them (US-01…08 `iad-0N`, US-09/10, EU-01/02
    /// under `.braze.eu`, AU-01, ID-01, JP-01).
    static func brazeHosts(_ prefix: String, clusters: [String]) -> [HostPattern] {
        clusters.map { c -> HostPattern in
            switch c {
            case "fra-01", "fra-02": HostPattern(host: "\(prefix).\(c).braze.eu", region: "eu")
            case "au-01": HostPattern(host: "\(prefix).\(c).braze.com", region: "au")
            case "id-01": HostPattern(host: "\(prefix).\(c).braze.com", region: "id")
            case "jp-01": HostPattern(host: "\(prefix).\(c).braze.com", region: "jp")
            default: HostPattern(host: "\(prefix).\(c).braze.com", region: "us")
            }
        }
    }
    static let brazeUS = (1...8).map { "iad-0\($0)" } + ["us-09", "us-10"]
    static let brazeAll = brazeUS + ["fra-01", "fra-02", "au-01", "id-01", "jp-01"]

    static let table: [Rule] = [
        .setting(
            ["actions-amplitude"], "endpoint",
            .choices(
                ["north_america": T("us", "api2.amplitude.com"), "europe": T("eu", "api.eu.amplitude.com")],
                exact: true, otherwise: T("us", "api2.amplitude.com")),
            source: "segmentio/action-destinations packages/destination-actions/src/destinations/amplitude/regional-endpoints.ts"),
        Rule(
            slugs: ["amplitude"],
            decision: .modes([
                (
                    .cloud,
                    .settings([
                        SettingReading(
                            setting: "endpoint",
                            reading: .choices(
                                [
                                    "": T("us", "api2.amplitude.com"), "north_america": T("us", "api2.amplitude.com"),
                                    "europe": T("eu", "api.eu.amplitude.com"),
                                ], exact: true))
                    ])
                ),
                (
                    .device(.web),
                    .fixed(
                        T("us", "api2.amplitude.com"),
                        because: "in device mode the endpoint setting does not apply (\"Cloud-mode Only\", Segment's catalog): "
                            + "analytics.js-integrations passes no endpoint to Amplitude's SDK, which sends to its US default")
                ),
            ]),
            source:
                "Segment's catalog (amplitude regionSettings.endpoint: \"Cloud-mode Only\"); segmentio/analytics.js-integrations "
                + "integrations/amplitude/lib/index.js"),
        .setting(
            ["actions-mixpanel"], "apiRegion",
            .choices(
                [
                    "US 🇺🇸": T("us", "api.mixpanel.com"), "EU 🇪🇺": T("eu", "api-eu.mixpanel.com"),
                    "IN 🇮🇳": T("in", "api-in.mixpanel.com"),
                ], exact: true, otherwise: T("us", "api.mixpanel.com")),
            source: "segmentio/action-destinations packages/destination-actions/src/destinations/mixpanel/common/utils.ts"),
        Rule(
            slugs: ["mixpanel"],
            decision: .modes([
                (
                    .device(.mobile),
                    // The iOS integrations read the setting, the Android ones do not: which one
                    // a mobile source runs is not in the export.
                    .unknown(
                        because: "in device mode on mobile the app's own Mixpanel setup decides: the Android integrations "
                            + "(analytics-kotlin-mixpanel, analytics-android-integration-mixpanel) do not read "
                            + "enableEuropeanUnionEndpoint and call MixpanelAPI.getInstance(context, token), whose default is "
                            + "Mixpanel's US endpoint unless the app configures another")
                ),
                (
                    .any,
                    .settings([
                        SettingReading(
                            setting: "enableEuropeanUnionEndpoint",
                            reading: .flag(whenTrue: T("eu", "api-eu.mixpanel.com"), whenFalse: T("us", "api.mixpanel.com")))
                    ])
                ),
            ]),
            source: "segmentio/analytics.js-integrations integrations/mixpanel/lib/index.js; "
                + "segment-integrations/analytics-ios-integration-mixpanel SEGMixpanelIntegration.m; Android: "
                + "segment-integrations/analytics-kotlin-mixpanel MixpanelDestination.kt and "
                + "analytics-android-integration-mixpanel MixpanelIntegration.java (the setting is not read)"),
        .setting(
            ["actions-braze-cloud"], "endpoint", .hosts(brazeHosts("rest", clusters: brazeAll)),
            source: "segmentio/action-destinations packages/destination-actions/src/destinations/braze/index.ts"),
        .setting(
            ["actions-braze-web"], "endpoint", .hosts(brazeHosts("sdk", clusters: brazeAll)),
            source: "segmentio/action-destinations packages/browser-destinations/destinations/braze/src/index.ts"),
        .setting(
            ["actions-braze-cohorts"], "endpoint", .hosts(brazeHosts("rest", clusters: brazeAll)),
            source: "segmentio/action-destinations packages/destination-actions/src/destinations/braze-cohorts/index.ts"),
        Rule(
            slugs: ["braze"],
            decision: .modes([
                (
                    .device(.web),
                    .settings([
                        SettingReading(
                            setting: "customEndpoint", reading: .hosts(brazeHosts("sdk", clusters: brazeAll)), overrideOnly: true,
                            httpsAdded: true),
                        SettingReading(
                            setting: "datacenter",
                            reading: .choices(
                                [
                                    "us": T("us", "sdk.iad-01.braze.com"), "us02": T("us", "sdk.iad-02.braze.com"),
                                    "us03": T("us", "sdk.iad-03.braze.com"), "eu": T("eu", "sdk.fra-01.braze.eu"),
                                ], exact: true)),
                    ])
                ),
                (
                    .device(.mobile),
                    .settings([SettingReading(setting: "customEndpoint", reading: .hosts(brazeHosts("sdk", clusters: brazeAll)))])
                ),
                (
                    .cloud,
                    .settings([
                        SettingReading(
                            setting: "restCustomEndpoint", reading: .hosts(brazeHosts("rest", clusters: brazeAll)),
                            overrideOnly: true),
                        SettingReading(
                            setting: "datacenter",
                            reading: .choices(
                                [
                                    "us": T("us", "rest.iad-01.braze.com"), "us02": T("us", "rest.iad-02.braze.com"),
                                    "us03": T("us", "rest.iad-03.braze.com"), "eu": T("eu", "rest.fra-01.braze.eu"),
                                ], exact: true)),
                    ])
                ),
            ]),
            source:
                "segmentio/analytics.js-integrations integrations/appboy/lib/appboyUtil.js (web); braze-inc/braze-segment-kotlin, "
                + "braze-inc/braze-segment-swift (mobile: customEndpoint only); Segment's catalog (cloud)"),
        .setting(
            ["actions-customerio"], "accountRegion",
            .choices(
                ["EU 🇪🇺": T("eu", "track-eu.customer.io"), "US 🇺🇸": T("us", "track.customer.io")], exact: true,
                otherwise: T("us", "track.customer.io")),
            source: "segmentio/action-destinations packages/destination-actions/src/destinations/customerio/utils.ts"),
        .setting(
            ["customer-io"], "datacenter",
            .choices(
                ["eu": T("eu", "track-eu.customer.io"), "us": T("us", "track.customer.io"), "": T("us", "track.customer.io")],
                exact: true),
            source: "segmentio/analytics.js-integrations integrations/customerio/lib/index.js (`datacenter === 'eu'`)"),
        Rule(
            slugs: ["hubspot"],
            decision: .modes([
                (
                    .device(.web),
                    .settings([
                        SettingReading(
                            setting: "enableEuropeanDataCenter",
                            reading: .flag(
                                whenTrue: T("eu", "js-eu1.hs-analytics.net"), whenFalse: T("us", "js.hs-analytics.net")))
                    ])
                ),
                (
                    // "This only applies to mobile and server sources" (Segment's catalog): a web
                    // source's cloud mode is left to the catalog, which lists both endpoints.
                    .cloudFrom([.mobile, .server]),
                    .settings([
                        SettingReading(
                            setting: "enableEuDataCenterMobile",
                            reading: .flag(whenTrue: T("eu", "track-eu1.hubspot.com"), whenFalse: T("us", "track.hubspot.com")))
                    ])
                ),
            ]),
            source: "segmentio/analytics.js-integrations integrations/hubspot/lib/index.js (web); Segment's catalog "
                + "(hubspot regionSettings.enableEuDataCenterMobile: \"mobile and server sources\")"),
        .setting(
            ["actions-hubspot-web"], "enableEuropeanDataCenter",
            .flag(whenTrue: T("eu", "js-eu1.hs-scripts.com"), whenFalse: T("us", "js.hs-scripts.com")),
            source: "segmentio/action-destinations packages/browser-destinations/destinations/hubspot-web/src/index.ts"),
        Rule(
            slugs: ["intercom"],
            decision: .modes([
                (
                    .device(.web),
                    .settings([
                        SettingReading(
                            setting: "apiBase",
                            reading: .hosts(
                                [
                                    HostPattern(host: "api-iam.intercom.io", region: "us"),
                                    HostPattern(host: "api-iam.eu.intercom.io", region: "eu"),
                                    HostPattern(host: "api-iam.au.intercom.io", region: "au"),
                                ], blank: T("us", "api-iam.intercom.io")))
                    ])
                )
            ]),
            source: "Segment's catalog (intercom regionSettings.apiBase: \"ensure your Messenger is pointing to your Regional "
                + "workspace\": the web Messenger only); other modes follow the catalog's endpoints"),
        .setting(
            ["actions-intercom-web"], "apiBase",
            .hosts([
                HostPattern(host: "api-iam.intercom.io", region: "us"),
                HostPattern(host: "api-iam.eu.intercom.io", region: "eu"),
                HostPattern(host: "api-iam.au.intercom.io", region: "au"),
            ]),
            source: "segmentio/action-destinations packages/browser-destinations/destinations/intercom/src/index.ts"),
        .setting(
            ["actions-intercom-cloud"], "endpoint",
            .choices(
                [
                    "north_america": T("us", "api.intercom.io"), "europe": T("eu", "api.eu.intercom.io"),
                    "australia": T("au", "api.au.intercom.io"),
                ], exact: true, otherwise: T("us", "api.intercom.io")),
            source: "segmentio/action-destinations packages/destination-actions/src/destinations/intercom/regional-endpoints.ts"),
        .setting(
            ["actions-moengage"], "region",
            .choices(
                [
                    "DC_01": T("us", "api-01.moengage.com"), "DC_02": T("eu", "api-02.moengage.com"),
                    "DC_03": T("in", "api-03.moengage.com"), "DC_04": T("us", "api-04.moengage.com"),
                    "DC_05": T("sg", "api-05.moengage.com"), "DC_06": T("id", "api-06.moengage.com"),
                ], exact: true, otherwise: T("us", "api-01.moengage.com")),
            source: "segmentio/action-destinations packages/destination-actions/src/destinations/moengage/regional-endpoints.ts; "
                + "MoEngage's data centre table (DC-01, DC-04 US; DC-02 EU; DC-03 India; DC-05 Singapore; DC-06 Indonesia)"),
        .setting(
            ["new-relic"], "region",
            .choices(
                [
                    "": T("us", "insights-collector.newrelic.com"), "us": T("us", "insights-collector.newrelic.com"),
                    "eu": T("eu", "insights-collector.eu01.nr-data.net"),
                ], exact: true),
            source: "Segment's catalog (new-relic regionSettings.region); New Relic's US and EU collector hosts"),
        .setting(
            ["actions-iterable"], "dataCenterLocation",
            .choices(
                ["united_states": T("us", "api.iterable.com"), "europe": T("eu", "api.eu.iterable.com")], exact: true,
                otherwise: T("us", "api.iterable.com")),
            source: "segmentio/action-destinations packages/destination-actions/src/destinations/iterable/utils.ts"),
        Rule(
            slugs: ["aws-s3", "data-lakes"],
            decision: .modes([
                (
                    .any,
                    .settings([
                        SettingReading(setting: "awsRegion", reading: .awsRegion, overrideOnly: true),
                        SettingReading(setting: "region", reading: .awsRegion),
                    ])
                )
            ]),
            source: "Segment's catalog (aws-s3 and data-lakes regionSettings.awsRegion); segment-docs "
                + "src/connections/storage/catalog/aws-s3/index.md (`region` in its Public API example)"),
        .setting(
            ["actions-dynamic-yield-audiences"], "sectionId",
            .firstCharacter([
                "9": T("eu", "cdp-extensions-api.euc1.dynamicyield.com"),
                "8": T("us", "cdp-extensions-api.use1.dynamicyield.com"),
            ]),
            source:
                "segmentio/action-destinations packages/destination-actions/src/destinations/dynamic-yield-audiences/helpers.ts"),
        Rule(
            slugs: ["fullstory"],
            decision: .modes([
                (
                    .any,
                    .fixed(
                        T("us", "edge.fullstory.com"),
                        because: "FullStory's classic integration loads from and sends to fullstory.com whatever its settings "
                            + "(analytics.js-integrations sets _fs_host = 'fullstory.com')")
                )
            ]),
            source: "segmentio/analytics.js-integrations integrations/fullstory/lib/index.js"),
        Rule(
            slugs: ["actions-segment"],
            decision: .workspaceRegion(evidence: "Segment Connections hands events to Segment's own pipeline"),
            source: "segmentio/action-destinations packages/destination-actions/src/destinations/segment/sendTrack/index.ts"),
        Rule(
            slugs: ["repeater"],
            decision: .workspaceRegion(
                evidence: "Repeater re-sends events to sources of the same region (its endpoint setting is deprecated: "
                    + "\"Data can now only be sent to Sources within the same region\")",
                // "Existing destinations configured to send from a US region workspace to an EU
                // source or vice versa will remain functional" (the same catalog text).
                unless: "endpoint"),
            source: "Segment's catalog (repeater regionSettings.endpoint)"),
    ]
}

extension EndpointRules.Rule {
    /// A row whose integrations read one setting, whatever the connection mode.
    static func setting(_ slugs: [String], _ setting: String, _ reading: EndpointRules.Reading, source: String) -> Self {
        Self(
            slugs: slugs,
            decision: .modes([(.any, .settings([EndpointRules.SettingReading(setting: setting, reading: reading)]))]),
            source: source)
    }
}
