import Testing

@testable import ResidencyKit

/// A two-rule pack and inventories for the tests of `residency test` itself.
enum TestPack {
    static let policyText = """
        param strict: bool = false

        policy T-1 "EU destinations use EU endpoints" {
          severity error
          for destination d
          where d.workspace.region == "eu-west" and d.enabled
          require d.endpoint.region == "eu" or strict
          message "{d.name} sends to {d.endpoint.region}"
        }

        permit T-2 "Certified vendors" {
          permits T-1
          for destination d
          where d.vendor in facts.dpfCertified
          basis "{d.vendor} is certified"
        }
        """

    static let bundle: CheckedBundle = {
        let checked = Audit.checkPolicies(texts: [("pack.policy", policyText)])
        guard let bundle = checked.bundle else { fatalError("test pack does not check: \(checked.diagnostics)") }
        return bundle
    }()

    /// Mixpanel (Actions) as Segment's catalog data has it (policies/catalog/segment-regional.json).
    static let catalog = Catalog(
        version: "test", layers: [Catalog.Layer(path: "test-catalog.json", version: "test", isBundled: true)],
        destinations: [
            .destination(
                "Mixpanel (Actions)", id: "615c7438d93d9b61b1e9e192", slug: "actions-mixpanel", vendor: "Mixpanel",
                endpoints: ["EU", "US"], modes: .init(device: [], cloud: [.server, .web]),
                regionSettings: [.init(name: "apiRegion", type: "select", defaultValue: .string("US 🇺🇸"))])
        ])

    /// An EU workspace with one Mixpanel destination `d1` on the given API region.
    static func inventory(region: String = "EU 🇪🇺", enabled: String = "true", indent: String = "      ") -> String {
        """
        apiHost: https://eu1.api.segmentapis.com
        workspace: {id: ws-eu, slug: acme-eu}
        sources: [{id: web, name: Website}]
        destinations:
          - {id: d1, name: Product analytics, enabled: \(enabled), sourceId: web, settings: {apiRegion: "\(region)"}, metadata: {slug: actions-mixpanel, name: Mixpanel (Actions)}}
        """.split(separator: "\n").map { indent + $0 }.joined(separator: "\n")
    }

    static func load(_ text: String, path: String = "pack.test.yaml") -> PolicyTestLoader.Loaded {
        PolicyTestLoader.load(
            SourceFile(path: path, text: text), bundle: bundle, catalog: catalog, defaultDate: Day(iso: "2026-11-28")!)
    }

    /// Loads and runs; the report, or the load diagnostics when the file has errors.
    static func run(_ text: String, coverage: Bool = false) -> (PolicyTestReport?, [Diagnostic]) {
        let loaded = load(text)
        guard let suite = loaded.suite else { return (nil, loaded.diagnostics) }
        return PolicyTestRunner.run([suite], bundle: bundle, coverage: coverage)
    }
}
