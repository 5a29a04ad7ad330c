import Testing

@testable import ResidencyKit

private typealias F = PackFixtures

private let euHost = "events.eu1.segmentapis.com"

/// A source in an EU workspace using `library` with the given settings.
private func sdkSource(
    _ catalogName: String?, _ sdk: SDKConfig?, in region: String? = F.eu, isCloudSource: Bool? = nil
) -> WorkspaceModel {
    F.source(in: region, catalogName: catalogName, sdk: sdk, isCloudSource: isCloudSource)
}

@Suite struct PoliciesRES004Tests {
    static let cases: [PackCase] = [
        // The SDK configuration summary, row by row.
        PackCase(
            "iOS (analytics-swift) apiHost", .pass,
            sdkSource("iOS", SDKConfig(library: "analytics-swift", apiHost: "events.eu1.segmentapis.com/v1"))),
        PackCase(
            "iOS (analytics-ios) apiHost", .pass,
            sdkSource("iOS", SDKConfig(library: "analytics-ios", apiHost: "events.eu1.segmentapis.com/v1"))),
        PackCase(
            "Android (analytics-kotlin) apiHost", .pass,
            sdkSource("Kotlin (Android)", SDKConfig(library: "analytics-kotlin", apiHost: "events.eu1.segmentapis.com/v1"))),
        PackCase(
            "Flutter apiHost", .pass,
            sdkSource("Flutter", SDKConfig(library: "analytics-flutter", apiHost: "events.eu1.segmentapis.com/v1"))),
        PackCase(
            "Xamarin apiHost", .pass,
            sdkSource("Xamarin", SDKConfig(library: "analytics-xamarin", apiHost: "events.eu1.segmentapis.com/v1"))),
        PackCase(
            "React Native proxy and useSegmentEndpoints", .pass,
            sdkSource(
                "React Native",
                SDKConfig(
                    library: "analytics-react-native", proxy: "https://events.eu1.segmentapis.com/v1", useSegmentEndpoints: true))
        ),
        PackCase(
            "Node.js host", .pass,
            sdkSource("Node.js", SDKConfig(library: "analytics-node", host: "https://events.eu1.segmentapis.com"))),
        PackCase(
            "Node.js host with a trailing slash", .pass,
            sdkSource("Node.js", SDKConfig(library: "analytics-node", host: "https://events.eu1.segmentapis.com/"))),
        PackCase(
            "Python host", .pass,
            sdkSource("Python", SDKConfig(library: "analytics-python", host: "https://events.eu1.segmentapis.com"))),
        PackCase(
            "Java host", .pass,
            sdkSource("Java", SDKConfig(library: "analytics-java", host: "https://events.eu1.segmentapis.com"))),
        PackCase(
            "Java builder endpoint", .pass,
            sdkSource("Java", SDKConfig(library: "analytics-java", endpoint: "https://events.eu1.segmentapis.com"))),
        PackCase(
            "C# host with /v1", .pass,
            sdkSource(".NET", SDKConfig(library: "analytics-csharp", host: "https://events.eu1.segmentapis.com/v1"))),
        PackCase(
            "C# SDK's own apiHost, no scheme", .pass,
            sdkSource(".NET", SDKConfig(library: "analytics-csharp", apiHost: "events.eu1.segmentapis.com/v1"))),
        PackCase(
            "custom HTTP requests", .pass,
            sdkSource("HTTP API", SDKConfig(library: "http-api", endpoint: "https://events.eu1.segmentapis.com/v1"))),
        PackCase("Analytics.js needs no configuration", .pass, sdkSource("Javascript", SDKConfig(library: "analytics.js"))),
        PackCase("Javascript source without a declared library", .pass, sdkSource("Javascript", nil)),

        // Wrong settings.
        PackCase(
            "iOS still on the US host", .fail,
            sdkSource("iOS", SDKConfig(library: "analytics-swift", apiHost: "api.segment.io/v1"))),
        PackCase(
            "apiHost with a trailing slash after /v1", .fail,
            sdkSource("iOS", SDKConfig(library: "analytics-swift", apiHost: "events.eu1.segmentapis.com/v1/"))),
        PackCase(
            "apiHost with a scheme", .fail,
            sdkSource("iOS", SDKConfig(library: "analytics-swift", apiHost: "https://events.eu1.segmentapis.com/v1"))),
        PackCase(
            "React Native without useSegmentEndpoints", .fail,
            sdkSource(
                "React Native",
                SDKConfig(
                    library: "analytics-react-native", proxy: "https://events.eu1.segmentapis.com/v1", useSegmentEndpoints: false)
            )),
        PackCase(
            "Node.js host with /v1", .fail,
            sdkSource("Node.js", SDKConfig(library: "analytics-node", host: "https://events.eu1.segmentapis.com/v1"))),
        PackCase(
            "C# host without /v1", .fail,
            sdkSource(".NET", SDKConfig(library: "analytics-csharp", host: "https://events.eu1.segmentapis.com"))),
        PackCase(
            "custom HTTP without /v1", .fail,
            sdkSource("HTTP API", SDKConfig(library: "http-api", endpoint: "https://events.eu1.segmentapis.com"))),
        PackCase(
            "a library Segment does not document", .fail,
            F.source(
                name: "Billing", catalogName: "Go",
                sdk: SDKConfig(library: "analytics-go", endpoint: "https://events.eu1.segmentapis.com"),
                ingestHost: euHost, ingestRegion: "eu")),
        PackCase(
            "declared library wins over the Javascript catalog name", .fail,
            sdkSource("Javascript", SDKConfig(library: "analytics-node", host: "https://api.segment.io"))),

        // Not enough to decide.
        PackCase("no library declared", .indeterminate, sdkSource("Node.js", nil)),
        PackCase(
            "SDK declared without its library", .indeterminate,
            sdkSource("Node.js", SDKConfig(host: "https://events.eu1.segmentapis.com"))),
        PackCase("apiHost not declared", .indeterminate, sdkSource("iOS", SDKConfig(library: "analytics-swift"))),
        PackCase(
            "React Native, useSegmentEndpoints not declared", .indeterminate,
            sdkSource(
                "React Native", SDKConfig(library: "analytics-react-native", proxy: "https://events.eu1.segmentapis.com/v1"))),
        PackCase("source the catalog does not list, no library", .indeterminate, sdkSource("iOS", nil)),
        PackCase(
            "workspace region unknown", .indeterminate,
            sdkSource("Node.js", SDKConfig(library: "analytics-node", host: "https://api.segment.io"), in: nil)),

        // Not applicable.
        PackCase("cloud source", .notApplicable, sdkSource("Amazon S3", nil)),
        PackCase("cloud source by the inventory's flag", .notApplicable, sdkSource("Zendesk", nil, isCloudSource: true)),
        PackCase(
            "US workspace", .notApplicable,
            sdkSource("iOS", SDKConfig(library: "analytics-swift", apiHost: "api.segment.io/v1"), in: F.us)),
    ]

    @Test(arguments: cases)
    func outcome(_ c: PackCase) throws {
        #expect(try c.finding("RES-004").outcome == c.expected)
    }

    @Test func coversEveryOutcome() {
        #expect(Set(Self.cases.map(\.expected)).isSuperset(of: F.everyOutcome))
    }

    @Test func failureOfAMisconfiguredSDK() throws {
        let f = try PackCase(
            "", .fail,
            F.source(
                name: "iOS app", catalogName: "iOS", sdk: SDKConfig(library: "analytics-swift", apiHost: "api.segment.io/v1"),
                ingestHost: "api.segment.io", ingestRegion: "us")
        ).finding("RES-004")
        #expect(f.severity == .error)
        #expect(
            f.message
                == "iOS app (iOS) in EU workspace acme-eu uses library analytics-swift, which is not one Segment documents for "
                + "EU workspaces or is not set to the EU endpoint https://events.eu1.segmentapis.com/v1 as documented "
                + "(its events go to api.segment.io)")
        #expect(
            f.remediation
                == #"Set the SDK's endpoint as Segment documents: apiHost "events.eu1.segmentapis.com/v1" (iOS, Android, "#
                + #"Flutter, Xamarin); proxy "https://events.eu1.segmentapis.com/v1" and useSegmentEndpoints true (React "#
                + #"Native); host "https://events.eu1.segmentapis.com" (Node.js, Python, Java); host "#
                + #""https://events.eu1.segmentapis.com/v1" (C#); https://events.eu1.segmentapis.com/v1 (custom HTTP). "#
                + "For another library, confirm its EU endpoint with Segment and record a waiver.")
    }

    @Test func failureOfAnUndocumentedLibrary() throws {
        let f = try Self.cases.named("a library Segment does not document").finding("RES-004")
        #expect(
            f.message
                == "Billing (Go) in EU workspace acme-eu uses library analytics-go, which is not one Segment documents for "
                + "EU workspaces or is not set to the EU endpoint https://events.eu1.segmentapis.com/v1 as documented "
                + "(its events go to events.eu1.segmentapis.com)")
    }

    @Test func undeclaredLibraryIsNamedAsTheUnknownValue() throws {
        let f = try Self.cases.named("no library declared").finding("RES-004")
        #expect(f.reason == "`s.library` is unknown in the inventory")
    }
}

@Suite struct PoliciesRES005Tests {
    private static func sending(
        to host: String?, _ region: String?, in workspace: String? = F.eu, catalogName: String = "Node.js"
    )
        -> WorkspaceModel
    {
        F.source(in: workspace, catalogName: catalogName, ingestHost: host, ingestRegion: region)
    }

    static let cases: [PackCase] = [
        PackCase("EU workspace, EU endpoint", .pass, sending(to: euHost, "eu")),
        PackCase("US workspace, US endpoint", .pass, sending(to: "api.segment.io", "us", in: F.us)),
        PackCase("EU workspace, US endpoint", .fail, sending(to: "api.segment.io", "us")),
        PackCase("US write key sent to the EU endpoint", .fail, sending(to: euHost, "eu", in: F.us)),
        PackCase("on the first day of rejection", .fail, sending(to: "api.segment.io", "us"), auditDate: F.day("2025-04-03")),
        PackCase("cloud source with a resolved region", .fail, sending(to: "api.segment.io", "us", catalogName: "Amazon S3")),
        PackCase("ingest region not resolved", .indeterminate, sending(to: "segment.acme.example", nil)),
        PackCase("workspace region unknown", .indeterminate, sending(to: euHost, "eu", in: nil)),
        PackCase(
            "source the catalog does not list, region unknown", .indeterminate, sending(to: nil, nil, catalogName: "Mystery")),
        PackCase(
            "before Segment rejected wrong-region data", .notApplicable, sending(to: "api.segment.io", "us"),
            auditDate: F.day("2025-04-02")),
        PackCase("cloud source without an ingest region", .notApplicable, sending(to: nil, nil, catalogName: "Amazon S3")),
    ]

    @Test(arguments: cases)
    func outcome(_ c: PackCase) throws {
        #expect(try c.finding("RES-005").outcome == c.expected)
    }

    @Test func coversEveryOutcome() {
        #expect(Set(Self.cases.map(\.expected)).isSuperset(of: F.everyOutcome))
    }

    @Test func failureNamesBothRegions() throws {
        let f = try Self.cases.named("US write key sent to the EU endpoint").finding("RES-005")
        #expect(f.severity == .error)
        #expect(
            f.message
                == "Backend (Node.js) uses a write key of us-west workspace acme-us, which keeps data in region us, but sends "
                + "its events to events.eu1.segmentapis.com in region eu; Segment rejects such data since 2025-04-03")
        #expect(
            f.remediation
                == "Point Backend at the endpoint of its workspace's region (https://events.eu1.segmentapis.com/v1 for an EU "
                + "workspace, https://api.segment.io/v1 for a US one), or use a write key of a workspace in the region it sends to."
        )
    }
}

@Suite struct PoliciesRES007Tests {
    static let cases: [PackCase] = [
        PackCase("library source supported in EU workspaces", .pass, F.source(catalogName: "Node.js")),
        PackCase("cloud source supported in EU workspaces", .pass, F.source(catalogName: "Amazon S3")),
        PackCase("cloud source not supported in EU workspaces", .fail, F.source(name: "CRM", catalogName: "Salesforce")),
        PackCase("Flutter (sources table ✖️, docs/catalog.md D6)", .fail, F.source(catalogName: "Flutter")),
        PackCase("source the catalog does not list", .indeterminate, F.source(catalogName: "iOS")),
        PackCase("catalog name unknown", .indeterminate, F.source(catalogName: nil)),
        PackCase("US workspace", .notApplicable, F.source(in: F.us, catalogName: "Salesforce")),
    ]

    @Test(arguments: cases)
    func outcome(_ c: PackCase) throws {
        #expect(try c.finding("RES-007").outcome == c.expected)
    }

    @Test func coversEveryOutcome() {
        #expect(Set(Self.cases.map(\.expected)).isSuperset(of: F.everyOutcome))
    }

    @Test func failureNamesTheSource() throws {
        let f = try Self.cases.named("cloud source not supported in EU workspaces").finding("RES-007")
        #expect(f.severity == .error)
        #expect(f.message == "CRM (Salesforce) in EU workspace acme-eu is not a source Segment supports in EU workspaces")
        #expect(
            f.remediation
                == "Remove CRM from this workspace, or confirm with Segment that Salesforce is supported in EU workspaces and "
                + "record it in your own catalog file.")
    }
}

@Suite struct PoliciesRES008Tests {
    private static func sending(to host: String?, in workspace: String? = F.us, catalogName: String = "Node.js") -> WorkspaceModel
    {
        F.source(in: workspace, name: "Checkout", catalogName: catalogName, ingestHost: host)
    }

    static let cases: [PackCase] = [
        PackCase("US workspace on api.segment.io", .pass, sending(to: "api.segment.io")),
        PackCase("EU workspace on its own endpoint", .pass, sending(to: euHost, in: F.eu)),
        PackCase("EU workspace endpoint written as a URL", .pass, sending(to: "https://events.eu1.segmentapis.com/v1", in: F.eu)),
        PackCase("EU workspace on the US host (RES-005's concern)", .pass, sending(to: "api.segment.io", in: F.eu)),
        PackCase("the Public API host is not a tracking host", .pass, sending(to: "eu1.api.segmentapis.com")),
        PackCase("US workspace through the EU edge endpoint", .fail, sending(to: euHost)),
        PackCase("host written in capitals with a port", .fail, sending(to: "EVENTS.EU1.SEGMENTAPIS.COM:443")),
        PackCase("EU workspace through another regional host", .fail, sending(to: "events.au1.segmentapis.com", in: F.eu)),
        PackCase("cloud source with a regional host", .fail, sending(to: euHost, catalogName: "Amazon S3")),
        PackCase("ingest host not resolved", .indeterminate, sending(to: nil)),
        PackCase("workspace region unknown, EU host", .indeterminate, sending(to: euHost, in: nil)),
        PackCase("workspace region unknown, another regional host", .fail, sending(to: "events.au1.segmentapis.com", in: nil)),
        PackCase("cloud source without an ingest host", .notApplicable, sending(to: nil, catalogName: "Amazon S3")),
    ]

    @Test(arguments: cases)
    func outcome(_ c: PackCase) throws {
        #expect(try c.finding("RES-008").outcome == c.expected)
    }

    @Test func coversEveryOutcome() {
        #expect(Set(Self.cases.map(\.expected)).isSuperset(of: F.everyOutcome))
    }

    @Test func warningNamesTheEdgeEndpoint() throws {
        let f = try Self.cases.named("US workspace through the EU edge endpoint").finding("RES-008")
        #expect(f.severity == .warning)
        #expect(
            f.message
                == "Checkout (Node.js) in us-west workspace acme-us sends its events through the regional endpoint "
                + "events.eu1.segmentapis.com, a deprecated edge proxy: client IP addresses may be replaced by US-based ones")
        #expect(
            f.remediation
                == "From a US workspace send to api.segment.io, as Segment recommends; keep EU data in an EU workspace that "
                + "sends to events.eu1.segmentapis.com.")
    }
}
