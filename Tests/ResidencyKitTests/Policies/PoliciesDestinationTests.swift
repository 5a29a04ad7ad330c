import Testing

@testable import ResidencyKit

private typealias F = PackFixtures

private let euEndpoint = Endpoint(region: "eu", host: "api-eu.mixpanel.com")
private let usEndpoint = Endpoint(region: "us", host: "api.mixpanel.com")

@Suite struct PoliciesRES001Tests {
    static let cases: [PackCase] = [
        PackCase("EU workspace, EU endpoint", .pass, F.destination(endpoint: euEndpoint)),
        PackCase(
            "EU workspace, US endpoint, vendor without a transfer basis", .fail,
            F.destination(
                name: "Slack alerts", catalogName: "Slack", vendor: "Slack",
                endpoint: Endpoint(region: "us", host: "hooks.slack.com"))),
        PackCase(
            "EU workspace, Australian endpoint", .fail, F.destination(vendor: "Mixpanel AU", endpoint: Endpoint(region: "au"))),
        PackCase(
            "endpoint region not resolved", .indeterminate,
            F.destination(catalogName: "Webhooks (Actions)", vendor: "Twilio Segment", endpoint: Endpoint())),
        PackCase("enabled flag unknown", .indeterminate, F.destination(endpoint: usEndpoint, enabled: nil)),
        PackCase("workspace region unknown", .indeterminate, F.destination(in: nil, endpoint: usEndpoint)),
        PackCase("disabled destination", .notApplicable, F.destination(endpoint: usEndpoint, enabled: false)),
        PackCase("US workspace", .notApplicable, F.destination(in: F.us, endpoint: usEndpoint)),
    ]

    @Test(arguments: cases)
    func outcome(_ c: PackCase) throws {
        #expect(try c.finding("RES-001").outcome == c.expected)
    }

    @Test func coversEveryOutcome() {
        #expect(Set(Self.cases.map(\.expected)).isSuperset(of: F.everyOutcome))
    }

    @Test func failureNamesTheRecipientAndTheEndpoint() throws {
        let f = try Self.cases.named("EU workspace, US endpoint, vendor without a transfer basis").finding("RES-001")
        #expect(f.severity == .error)
        #expect(
            f.message
                == "Slack alerts (Slack) in EU workspace acme-eu sends personal data to Slack through its us endpoint hooks.slack.com"
        )
        #expect(
            f.remediation
                == "Switch Slack alerts to Slack's EU endpoint or disable it in this workspace; if the transfer is intended, "
                + "record its legal basis (for example the vendor's DPF certification in the facts file).")
    }

    @Test func indeterminateSaysWhatIsUnknown() throws {
        let f = try Self.cases.named("endpoint region not resolved").finding("RES-001")
        #expect(f.reason == "`d.endpoint.region` is unknown in the inventory")
    }
}

/// RES-002 is a permit: it shows in the outcome of RES-001 for the same destination.
@Suite struct PoliciesRES002Tests {
    private static func mixpanelUS(dataSubjects: [String]? = ["EU"]) -> WorkspaceModel {
        F.destination(dataSubjects: dataSubjects, endpoint: usEndpoint)
    }

    static let cases: [PackCase] = [
        PackCase("DPF-certified vendor, US endpoint, after the decision", .permitted, mixpanelUS()),
        PackCase("on the day of the adequacy decision", .permitted, mixpanelUS(), auditDate: F.day("2023-07-10")),
        PackCase("the day before the adequacy decision", .fail, mixpanelUS(), auditDate: F.day("2023-07-09")),
        PackCase("Swiss data subjects", .fail, mixpanelUS(dataSubjects: ["EU", "CH"])),
        PackCase(
            "Swiss data subjects with a Swiss adequacy decision", .permitted, mixpanelUS(dataSubjects: ["EU", "CH"]),
            params: ["swiss_adequacy": "true"]),
        PackCase("vendor not DPF-certified", .fail, mixpanelUS(), facts: Facts(dpfCertified: ["Amplitude"])),
        PackCase("the DPF covers US transfers only", .fail, F.destination(endpoint: Endpoint(region: "in"))),
        PackCase("data subjects not declared", .indeterminate, mixpanelUS(dataSubjects: nil)),
        PackCase("vendor unknown", .indeterminate, F.destination(vendor: nil, endpoint: usEndpoint)),
    ]

    @Test(arguments: cases)
    func outcomeOfRES001(_ c: PackCase) throws {
        let f = try c.finding("RES-001")
        #expect(f.outcome == c.expected)
        #expect((f.permit == "RES-002") == (c.expected == .permitted))
    }

    @Test func permittedFindingRecordsTheBasis() throws {
        let f = try Self.cases.named("DPF-certified vendor, US endpoint, after the decision").finding("RES-001")
        #expect(
            f.basis == "EU-US Data Privacy Framework, adequacy decision of 2023-07-10 (GDPR Art. 45); Mixpanel is DPF-certified")
        #expect(f.reason == "permitted by RES-002 (EU-US transfers under the Data Privacy Framework)")
        #expect(
            f.message
                == "Product analytics (Mixpanel (Actions)) in EU workspace acme-eu sends personal data to Mixpanel through its us endpoint api.mixpanel.com"
        )
    }

    @Test func swissAdequacyIsOffByDefault() throws {
        let bundle = try #require(Pack.checked.bundle)
        #expect(bundle.params.map(\.decl.name.name) == ["swiss_adequacy"])
        #expect(try Pack.program().params == [.bool(false)])
        #expect(try Pack.program(["swiss_adequacy": "true"]).params == [.bool(true)])
    }
}

@Suite struct PoliciesRES003Tests {
    static let cases: [PackCase] = [
        PackCase(
            "integration with an EU endpoint", .pass,
            F.destination(catalogName: "Amplitude (Actions)", vendor: "Amplitude", endpoint: euEndpoint)),
        PackCase(
            "integration without an EU endpoint", .fail,
            F.destination(name: "Ads conversions", catalogName: "Google Ads (Classic)", vendor: "Google", endpoint: usEndpoint)),
        PackCase(
            "disabled, still configured in the workspace", .fail,
            F.destination(catalogName: "Slack", vendor: "Slack", endpoint: usEndpoint, enabled: false)),
        PackCase("look-ups ignore case", .pass, F.destination(catalogName: "mixpanel (actions)", endpoint: euEndpoint)),
        PackCase(
            "integration the catalog does not list", .indeterminate,
            F.destination(catalogName: "Snazzy Analytics", endpoint: usEndpoint)),
        PackCase("catalog name unknown", .indeterminate, F.destination(catalogName: nil, endpoint: usEndpoint)),
        PackCase(
            "US workspace", .notApplicable,
            F.destination(in: F.us, catalogName: "Google Ads (Classic)", vendor: "Google", endpoint: usEndpoint)),
    ]

    @Test(arguments: cases)
    func outcome(_ c: PackCase) throws {
        #expect(try c.finding("RES-003").outcome == c.expected)
    }

    @Test func coversEveryOutcome() {
        #expect(Set(Self.cases.map(\.expected)).isSuperset(of: F.everyOutcome))
    }

    @Test func warningNamesTheIntegrationAndVendor() throws {
        let f = try Self.cases.named("integration without an EU endpoint").finding("RES-003")
        #expect(f.severity == .warning)
        #expect(
            f.message
                == "Ads conversions (Google Ads (Classic)) in EU workspace acme-eu: Segment lists no EU endpoint for "
                + "Google Ads (Classic), so Google receives this workspace's data outside the EU")
        #expect(
            f.remediation
                == "Prefer an integration Segment lists with an EU endpoint, ask Google whether it offers one, or record the transfer's legal basis."
        )
    }
}

@Suite struct PoliciesRES009Tests {
    static let cases: [PackCase] = [
        PackCase("offered in EU workspaces with an EU endpoint", .pass, F.destination(endpoint: euEndpoint)),
        PackCase(
            "offered in EU workspaces with its US endpoint only", .pass,
            F.destination(catalogName: "Google Ads (Classic)", vendor: "Google", endpoint: usEndpoint)),
        PackCase(
            "not offered in EU workspaces (user's catalog override)", .fail,
            F.destination(name: "Research repository", catalogName: "EnjoyHQ", vendor: "EnjoyHQ", endpoint: usEndpoint)),
        PackCase(
            "disabled but configured", .fail,
            F.destination(catalogName: "EnjoyHQ", vendor: "EnjoyHQ", endpoint: usEndpoint, enabled: false)),
        PackCase(
            "integration the catalog does not list", .indeterminate,
            F.destination(catalogName: "Snazzy Analytics", endpoint: usEndpoint)),
        PackCase(
            "workspace region unknown", .indeterminate, F.destination(in: nil, catalogName: "EnjoyHQ", endpoint: usEndpoint)),
        PackCase(
            "US workspace", .notApplicable,
            F.destination(in: F.us, catalogName: "EnjoyHQ", vendor: "EnjoyHQ", endpoint: usEndpoint)),
    ]

    @Test(arguments: cases)
    func outcome(_ c: PackCase) throws {
        #expect(try c.finding("RES-009").outcome == c.expected)
    }

    @Test func coversEveryOutcome() {
        #expect(Set(Self.cases.map(\.expected)).isSuperset(of: F.everyOutcome))
    }

    @Test func failureNamesTheIntegration() throws {
        let f = try Self.cases.named("not offered in EU workspaces (user's catalog override)").finding("RES-009")
        #expect(f.severity == .error)
        #expect(
            f.message
                == "Research repository (EnjoyHQ) in EU workspace acme-eu is not an integration Segment offers in EU workspaces")
        #expect(
            f.remediation
                == "Remove Research repository from this workspace, or confirm with Segment that EnjoyHQ is offered in EU "
                + "workspaces and record it in your own catalog file.")
    }
}
