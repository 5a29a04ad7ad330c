import Foundation
import Testing

@testable import ResidencyKit

/// Issue 10, point 9: the facts file's legal bases, its vendor names checked against the
/// catalog, and a run without a facts file saying so.
@Suite struct FactsLegalBasisTests {
    static let catalog = CatalogLoader.load(paths: [Pack.catalogFile]).catalog

    @Test(arguments: [
        // A typo: the closest vendor.
        ("dpfCertified: [Mixpanl]", "`Mixpanl` in `dpfCertified` is not the vendor of any integration", "did you mean `Mixpanel`?"),
        // Another spelling of a catalog vendor: policies compare exactly.
        ("sccVendors: [hubspot]", "`hubspot` in `sccVendors`", "the catalog spells it `HubSpot`"),
        // A parent company no integration names.
        ("bcrVendors: [Meta Platforms]", "`Meta Platforms` in `bcrVendors`", "vendors are matched exactly as the catalog names them"),
    ])
    func aVendorNoIntegrationHasIsAWarningAtItsPlace(line: String, message: String, help: String) throws {
        let file = SourceFile(path: "facts.yaml", text: "# the organisation's facts\n\(line)\n")
        let (_, diagnostics) = FactsLoader.load(file, catalog: Self.catalog)
        let d = try #require(diagnostics.first, "\(line)")
        #expect(diagnostics.count == 1)
        #expect(d.code == "W0702")
        #expect(d.severity == .warning)
        #expect(d.message.contains(message))
        #expect(d.help?.contains(help) == true, "\(d.help ?? "")")
        #expect(d.range?.start.line == 2)
    }

    @Test func theExampleFactsNameOnlyCatalogVendors() {
        // Read against the standard pack's declarations (its `vendors`), as `check` reads it.
        let (_, _, diagnostics) = FactsLoader.load(
            path: Pack.folder + "/../examples/facts.yaml", catalog: Self.catalog, declared: Pack.checked.bundle?.facts ?? [])
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
    }

    @Test func aRunWithoutAFactsFileSaysNoLegalBasisWasGiven() throws {
        var options = AuditRun.Options()
        options.policies = [Pack.folder]
        options.inventories = [Pack.folder + "/../examples/inventory/acme-eu.json"]
        options.clock = { Date(timeIntervalSince1970: 1_764_547_200) }
        let without = try #require(AuditRun.run(options).document)
        let notice = try #require(without.notices.first { $0.code == "no-facts" })
        #expect(notice.message.contains("No facts file was given"))
        #expect(notice.message.contains("--facts"))
        // The transfers that need a legal basis are undecided, and say why in words.
        let mixpanel = try #require(without.results.first { $0.policy == "RES-001" && $0.resourceId == "62a1f3e4b5c6d7e8f9a0b1c2" })
        #expect(mixpanel.outcome == .indeterminate)
        #expect(
            mixpanel.reason?.contains(
                "the list of vendors certified under the Data Privacy Framework is not given in the organisation's facts file")
                == true, "\(mixpanel.reason ?? "")")
        options.facts = Pack.folder + "/../examples/facts.yaml"
        let with = try #require(AuditRun.run(options).document)
        #expect(!with.notices.contains { $0.code == "no-facts" })
    }
}
