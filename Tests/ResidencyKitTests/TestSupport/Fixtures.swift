import Testing

@testable import ResidencyKit

/// Small hand-made models that cover each case the standard policies care about.
enum Fixtures {
    /// Hand-made rows, spelt as Segment's catalog data spells them (CatalogSupport.swift).
    static let catalog = Catalog(
        version: "test", layers: [Catalog.Layer(path: "test-catalog.json", version: "test", isBundled: true)],
        destinations: [
            .destination("Amplitude (Actions)", vendor: "Amplitude", endpoints: ["US", "EU"]),
            .destination("Mixpanel (Actions)", vendor: "Mixpanel", endpoints: ["US", "EU"]),
            .destination("Google Ads (Classic)", vendor: "Google", endpoints: ["US"]),
            .destination("Slack", vendor: "Slack", eu: false, endpoints: ["US"]),
        ],
        sources: [.source("Node.js"), .source("Looker", eu: false)],
        warehouses: [.warehouse("Redshift")])

    static let facts = Facts(dpfCertified: ["Mixpanel", "Google"])

    static let auditDate = Day(iso: "2026-11-28")!

    /// An EU workspace: one compliant destination, one sending to the US (DPF vendor), one
    /// to the US (no transfer basis), one whose endpoint is unknown, one disabled.
    static func eu(dataSubjects: [String]? = ["EU"]) -> WorkspaceModel {
        WorkspaceModel(
            workspace: Workspace(
                id: "ws-eu", slug: "acme-eu", name: "Acme EU", region: "eu-west",
                apiHost: "https://eu1.api.segmentapis.com", dataSubjects: dataSubjects),
            sources: [
                Source(
                    id: "src-ios", slug: "ios", name: "iOS app", catalogName: "iOS", writeKeys: ["wk1"],
                    sdk: SDKConfig(library: "analytics-swift", apiHost: "events.eu1.segmentapis.com/v1"),
                    ingestHost: "events.eu1.segmentapis.com", ingestRegion: "eu"),
                Source(
                    id: "src-node", slug: "node", name: "Backend", catalogName: "Node.js",
                    sdk: SDKConfig(library: "analytics-node", host: "https://api.segment.io"),
                    ingestHost: "api.segment.io", ingestRegion: "us"),
                Source(id: "src-looker", slug: "looker", enabled: nil, catalogName: "Looker"),
            ],
            destinations: [
                Destination(
                    id: "dst-amp", name: "Amplitude EU", sourceId: "src-ios", catalogName: "Amplitude (Actions)",
                    vendor: "Amplitude",
                    endpoint: Endpoint(region: "eu", host: "api.eu.amplitude.com", evidence: #"settings.endpoint = "europe""#)),
                Destination(
                    id: "dst-mix", name: "Mixpanel", sourceId: "src-ios", catalogName: "Mixpanel (Actions)",
                    vendor: "Mixpanel",
                    endpoint: Endpoint(region: "us", host: "api.mixpanel.com", evidence: #"settings.apiRegion = "US 🇺🇸""#)),
                Destination(
                    id: "dst-slack", name: "Slack alerts", sourceId: "src-node", catalogName: "Slack", vendor: "Slack",
                    endpoint: Endpoint(region: "us", host: "hooks.slack.com")),
                Destination(id: "dst-unknown", name: "Webhook", sourceId: "src-node", catalogName: "Webhooks (Actions)"),
                Destination(
                    id: "dst-off", name: "Old Mixpanel", enabled: false, sourceId: "src-ios",
                    catalogName: "Mixpanel (Actions)", vendor: "Mixpanel", endpoint: Endpoint(region: "us")),
            ],
            warehouses: [
                Warehouse(
                    id: "wh-rs", name: "Redshift EU", catalogName: "Redshift", location: "eu-west-1", region: "eu",
                    allowlistedCidrs: [try! CIDR(parsing: "3.251.148.96/29")]),
                Warehouse(id: "wh-pg", name: "Postgres", catalogName: "Postgres", location: "us-east-1", region: "us"),
            ]
        ).resolvingIntegrations(in: catalog)
    }

    /// A US workspace, where EU-only policies do not apply.
    static func us() -> WorkspaceModel {
        WorkspaceModel(
            workspace: Workspace(id: "ws-us", slug: "acme-us", region: "us-west", dataSubjects: ["US"]),
            sources: [Source(id: "src-web", slug: "web", catalogName: "Javascript")],
            destinations: [
                Destination(
                    id: "dst-us-mix", name: "Mixpanel US", sourceId: "src-web", catalogName: "Mixpanel (Actions)",
                    vendor: "Mixpanel", endpoint: Endpoint(region: "us"))
            ]
        ).resolvingIntegrations(in: catalog)
    }

    /// A workspace whose region nobody declared.
    static func unknownRegion() -> WorkspaceModel {
        WorkspaceModel(
            workspace: Workspace(id: "ws-x", slug: "mystery"),
            destinations: [Destination(id: "dst-x", sourceId: "none", endpoint: Endpoint(region: "us"))])
    }
}

/// Runs policy text over models and returns findings keyed by "policy/resource".
struct Harness {
    var program: PolicyProgram
    var diagnostics: [Diagnostic]

    init(_ text: String, params: [String: String] = [:], file: String = "test.policy") throws {
        let checked = Audit.checkPolicies(texts: [(file, text)])
        let bundle = try #require(checked.bundle, "policy did not check: \(checked.diagnostics.map(\.message))")
        let (program, diags) = PolicyProgram.compile(bundle, overrides: params)
        self.program = try #require(program, "policy did not compile: \(diags.map(\.message))")
        self.diagnostics = checked.diagnostics + diags
    }

    func findings(_ models: [WorkspaceModel]) -> [Finding] {
        let evaluation = program.evaluate(models, catalog: Fixtures.catalog, facts: Fixtures.facts, auditDate: Fixtures.auditDate)
        return evaluation.workspaces.flatMap { w in
            let ctx = EvalContext(
                model: models[w.workspace], catalog: Fixtures.catalog, facts: Fixtures.facts,
                auditDate: Fixtures.auditDate, workspaces: models, workspaceIndex: w.workspace)
            return w.results.map { program.describe($0, in: ctx) }
        }
    }

    /// Outcome by resource id, for one-policy texts.
    func outcomes(_ models: [WorkspaceModel]) -> [String: Outcome] {
        Dictionary(findings(models).map { ($0.resourceId, $0.outcome) }, uniquingKeysWith: { a, _ in a })
    }
}
