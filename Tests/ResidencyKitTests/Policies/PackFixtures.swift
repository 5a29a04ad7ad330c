import Foundation
import Testing

@testable import ResidencyKit

/// The standard policy pack as shipped: every file under the repository's `policies/`.
enum Pack {
    /// `<repo>/policies`, found from this file (`Tests/ResidencyKitTests/Policies/…`).
    static let folder: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("policies").path

    /// The bundled catalog file, to check the fixture rows against.
    static let catalogFile: String = (folder as NSString).appendingPathComponent("catalog/segment-regional.json")

    /// The pack loaded and checked once for all tests.
    static let checked = Audit.checkPolicies(paths: [folder])

    /// The pack compiled with the given `--param` overrides.
    static func program(_ overrides: [String: String] = [:]) throws -> PolicyProgram {
        let bundle = try #require(checked.bundle, "the pack did not check: \(checked.diagnostics.map(\.message))")
        let (program, diagnostics) = PolicyProgram.compile(bundle, overrides: overrides)
        return try #require(program, "the pack did not compile: \(diagnostics.map(\.message))")
    }
}

/// Models, catalog rows and facts for the pack's tests. Every model holds the one resource a
/// case is about, with id `r`; catalog rows are spelled exactly as the bundled catalog has them.
enum PackFixtures {
    static let auditDate = Day(iso: "2026-11-28")!
    static let facts = Facts(dpfCertified: ["Mixpanel", "Google"])

    /// The four outcomes every policy's table must produce.
    static let everyOutcome: Set<Outcome> = [.pass, .fail, .indeterminate, .notApplicable]

    static func day(_ iso: String) -> Day { Day(iso: iso)! }

    static let eu = "eu-west"
    static let us = "us-west"

    // MARK: Catalog

    /// Destination rows, as in `policies/catalog/segment-regional.json`.
    static let destinationRows: [Catalog.DestinationEntry] = [
        .init(
            name: "Amplitude (Actions)", slugs: ["actions-amplitude"], usWorkspace: true, euWorkspace: true, euEndpoint: true,
            vendor: "Amplitude"),
        .init(
            name: "Mixpanel (Actions)", slugs: ["actions-mixpanel"], usWorkspace: true, euWorkspace: true, euEndpoint: true,
            vendor: "Mixpanel"),
        .init(name: "Google Ads (Classic)", usWorkspace: true, euWorkspace: true, euEndpoint: false, vendor: "Google"),
        .init(name: "Slack", usWorkspace: true, euWorkspace: true, euEndpoint: false, vendor: "Slack"),
        .init(name: "Webhooks (Actions)", usWorkspace: true, euWorkspace: true, euEndpoint: false, vendor: "Twilio Segment"),
    ]

    /// A row of the user's own catalog file, replacing the bundled one (docs/catalog.md, D2:
    /// EnjoyHQ sits above a nameless row, and the other reading of the copy makes it
    /// unavailable in EU workspaces).
    static let userOverrides: [Catalog.DestinationEntry] = [
        .init(name: "EnjoyHQ", usWorkspace: true, euWorkspace: false, euEndpoint: false, vendor: "EnjoyHQ")
    ]

    /// Source rows, as in the bundled catalog.
    static let sourceRows: [Catalog.SourceEntry] = [
        .init(name: "Javascript", usWorkspace: true, euWorkspace: true, cloud: false),
        .init(name: "Node.js", usWorkspace: true, euWorkspace: true, cloud: false),
        .init(name: "Python", usWorkspace: true, euWorkspace: true, cloud: false),
        .init(name: "Java", usWorkspace: true, euWorkspace: true, cloud: false),
        .init(name: ".NET", usWorkspace: true, euWorkspace: true, cloud: false),
        .init(name: "Go", usWorkspace: true, euWorkspace: true, cloud: false),
        .init(name: "HTTP API", usWorkspace: true, euWorkspace: true, cloud: false),
        .init(name: "React Native", usWorkspace: true, euWorkspace: true, cloud: false),
        .init(name: "Kotlin (Android)", usWorkspace: true, euWorkspace: true, cloud: false),
        .init(name: "Xamarin", usWorkspace: true, euWorkspace: true, cloud: false),
        .init(name: "Flutter", usWorkspace: true, euWorkspace: false, cloud: false),
        .init(name: "Amazon S3", usWorkspace: true, euWorkspace: true, cloud: true),
        .init(name: "Salesforce", usWorkspace: true, euWorkspace: false, cloud: true),
    ]

    /// Warehouse rows, as in the bundled catalog.
    static let warehouseRows: [Catalog.DestinationEntry] = [
        .init(name: "BigQuery", slugs: ["bigquery"], usWorkspace: true, euWorkspace: true, euEndpoint: true, requiresCidr: false),
        .init(name: "Postgres", slugs: ["postgres"], usWorkspace: true, euWorkspace: true, euEndpoint: true, requiresCidr: true),
        .init(name: "Redshift", slugs: ["redshift"], usWorkspace: true, euWorkspace: true, euEndpoint: true, requiresCidr: true),
    ]

    static let catalog = Catalog(
        version: "pack-test", destinations: destinationRows + userOverrides, sources: sourceRows, warehouses: warehouseRows)

    // MARK: Models

    static func workspace(_ region: String?, dataSubjects: [String]? = ["EU"]) -> Workspace {
        let slug =
            switch region {
            case "eu-west": "acme-eu"
            case "us-west": "acme-us"
            default: "acme-unknown"
            }
        return Workspace(id: "ws-\(slug)", slug: slug, region: region, dataSubjects: dataSubjects)
    }

    /// A workspace holding one destination, `r`.
    static func destination(
        in region: String? = eu, dataSubjects: [String]? = ["EU"], name: String = "Product analytics",
        catalogName: String? = "Mixpanel (Actions)", vendor: String? = "Mixpanel", endpoint: Endpoint,
        enabled: Bool? = true
    ) -> WorkspaceModel {
        WorkspaceModel(
            workspace: workspace(region, dataSubjects: dataSubjects),
            destinations: [
                Destination(
                    id: "r", name: name, enabled: enabled, sourceId: "none", catalogName: catalogName, vendor: vendor,
                    endpoint: endpoint)
            ])
    }

    /// A workspace holding one source, `r`.
    static func source(
        in region: String? = eu, name: String = "Backend", catalogName: String? = "Node.js", sdk: SDKConfig? = nil,
        ingestHost: String? = nil, ingestRegion: String? = nil, isCloudSource: Bool? = nil
    ) -> WorkspaceModel {
        WorkspaceModel(
            workspace: workspace(region),
            sources: [
                Source(
                    id: "r", slug: "backend", name: name, catalogName: catalogName, isCloudSource: isCloudSource, sdk: sdk,
                    ingestHost: ingestHost, ingestRegion: ingestRegion)
            ])
    }

    /// A workspace holding one warehouse, `r`.
    static func warehouse(
        in region: String? = eu, name: String = "Analytics DB", catalogName: String? = "Redshift",
        location: String? = "eu-west-1", warehouseRegion: String? = "eu", cidrs: [String]? = ["3.251.148.96/29"]
    ) -> WorkspaceModel {
        WorkspaceModel(
            workspace: workspace(region),
            warehouses: [
                Warehouse(
                    id: "r", name: name, catalogName: catalogName, location: location, region: warehouseRegion,
                    allowlistedCidrs: cidrs.map { $0.map { try! CIDR(parsing: $0) } })
            ])
    }
}

/// One row of a policy's table: a model, the run's inputs, and the outcome for resource `r`.
struct PackCase: CustomTestStringConvertible, Sendable {
    var name: String
    var expected: Outcome
    var model: WorkspaceModel
    var auditDate: Day = PackFixtures.auditDate
    var facts: Facts = PackFixtures.facts
    var params: [String: String] = [:]
    var testDescription: String { "\(expected.rawValue): \(name)" }

    init(
        _ name: String, _ expected: Outcome, _ model: WorkspaceModel, auditDate: Day = PackFixtures.auditDate,
        facts: Facts = PackFixtures.facts, params: [String: String] = [:]
    ) {
        self.name = name
        self.expected = expected
        self.model = model
        self.auditDate = auditDate
        self.facts = facts
        self.params = params
    }

    /// The finding of `policy` for resource `r`.
    func finding(_ policy: String) throws -> Finding {
        let program = try Pack.program(params)
        let catalog = PackFixtures.catalog
        let evaluation = program.evaluate([model], catalog: catalog, facts: facts, auditDate: auditDate)
        let ctx = EvalContext(model: model, catalog: catalog, facts: facts, auditDate: auditDate)
        let findings = evaluation.workspaces.flatMap { w in w.results.map { program.describe($0, in: ctx) } }
        return try #require(findings.first { $0.policy == policy && $0.resourceId == "r" }, "no \(policy) finding for r")
    }
}

extension [PackCase] {
    /// The row of a table with this name.
    func named(_ name: String) throws -> PackCase {
        try #require(first { $0.name == name }, "no case named \(name)")
    }
}
