import Foundation
import Testing

@testable import ResidencyKit

/// `residency catalog generate` from a Public API answer (what `residency export
/// --catalog-output` writes): the shape of `GET /catalog/destinations`, connection modes as
/// segment-docs derives them, rows without regions left out, and broken inputs refused.
@Suite struct CatalogGeneratorTests {
    static let supplement = SourceFile(
        path: "page.json",
        text: #"""
            {"supplementVersion": "t", "sourceDocument": "test page", "vendors": {"actions-acme": "Acme"},
             "warehouseIds": {}, "cidrRequiredFor": []}
            """#)

    /// `DestinationMetadataV1` items as the Public API gives them (public-api-sdk-typescript
    /// model/destinationMetadataV1.ts): components, supportedPlatforms, options, regions.
    static let answer = SourceFile(
        path: "live.json",
        text: #"""
            {"destinationsCatalog": [
              {"id": "a1", "name": "Acme (Actions)", "slug": "actions-acme", "previousNames": ["Acme (Actions)", "Acme Old"],
               "status": "PUBLIC", "supportedRegions": ["us-west-2", "eu-west-1"], "regionEndpoints": ["US", "EU"],
               "components": [{"type": "SERVER", "code": "x"}],
               "supportedPlatforms": {"browser": true, "server": true, "mobile": false},
               "supportedFeatures": {"browserUnbundling": false},
               "options": [{"name": "apiKey", "type": "string", "required": true},
                           {"name": "dataRegion", "type": "select", "required": false, "defaultValue": "us"}]},
              {"id": "b2", "name": "Bravo", "slug": "bravo", "previousNames": [],
               "supportedRegions": ["us-west-2"], "regionEndpoints": ["US"],
               "components": [{"type": "BROWSER", "code": "y"}, {"type": "IOS", "code": "z"}],
               "supportedPlatforms": {"browser": true, "server": false, "mobile": true},
               "supportedFeatures": {"browserUnbundling": true}, "options": []},
              {"id": "c3", "name": "Charlie", "slug": "charlie", "options": []}
            ]}
            """#)

    @Test func generatesFromAPublicAPIAnswer() throws {
        let generated = CatalogGenerator.generate(data: [Self.answer], supplement: Self.supplement, version: "2026-12-05")
        let bytes = try #require(generated.bytes, "\(generated.diagnostics.map(\.message))")
        #expect(generated.counts[.destinations] == 2)
        // A row without regions is left out, and said so (W0703), never guessed.
        #expect(generated.diagnostics.map(\.code) == ["W0703"])
        #expect(generated.derivedVendors == ["Bravo"])
        let loaded = CatalogLoader.load(files: [SourceFile(path: "gen.json", bytes: bytes)], bundled: "gen.json")
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))")
        let c = loaded.catalog
        let acme = try #require(c.find(.destinations, id: "a1", slug: nil, name: nil)).row
        let row = c.destinations[Int(acme)]
        #expect(row.vendor == "Acme")
        #expect(row.previousNames == ["Acme Old"])
        #expect(row.euEndpoint && row.usEndpoint)
        // A SERVER component: cloud mode on mobile, and on web and server as the platforms say.
        #expect(row.connectionModes == .init(device: [], cloud: [.web, .mobile, .server]))
        // Only options about regions, endpoints or hosts are kept, with their defaults.
        #expect(row.regionSettings == [.init(name: "dataRegion", type: "select", defaultValue: .string("us"))])
        let bravo = c.destinations[Int(try #require(c.destination(named: "bravo")))]
        #expect(!bravo.euWorkspace)
        #expect(bravo.connectionModes == .init(device: [.web, .mobile], cloud: [.web]))
        #expect(c.find(.destinations, id: nil, slug: nil, name: "acme old")?.match == .previousName)
    }

    @Test func generatingTwiceGivesTheSameBytes() throws {
        let a = CatalogGenerator.generate(data: [Self.answer], supplement: Self.supplement, version: "v").bytes
        let b = CatalogGenerator.generate(data: [Self.answer], supplement: Self.supplement, version: "v").bytes
        #expect(a != nil && a == b)
    }

    @Test(arguments: [
        ("not catalog data", #"{"something": []}"#, "E0709"),
        ("a region Segment does not use", #"{"destinationsCatalog": [{"name": "X", "supportedRegions": ["mars-1"], "regionEndpoints": ["US"]}]}"#, "E0705"),
        ("endpoints missing", #"{"destinationsCatalog": [{"name": "X", "supportedRegions": ["us-west-2"]}]}"#, "E0704"),
        ("not JSON", #"{"destinationsCatalog": ["#, "E0601"),
    ])
    func refusesBrokenInputs(what: String, text: String, code: String) {
        let generated = CatalogGenerator.generate(
            data: [SourceFile(path: "bad.json", text: text)], supplement: Self.supplement, version: "v")
        #expect(generated.bytes == nil, "\(what)")
        #expect(generated.diagnostics.contains { $0.code == code }, "\(what): \(generated.diagnostics.map(\.code))")
    }

    @Test func refusesAnUnknownSupplementKey() throws {
        let page = SourceFile(path: "page.json", text: #"{"sourceDocument": "p", "vendor": {}}"#)
        let generated = CatalogGenerator.generate(data: [Self.answer], supplement: page, version: "v")
        #expect(generated.bytes == nil)
        let d = try #require(generated.diagnostics.first { $0.code == "E0703" })
        #expect(d.help == "did you mean `vendors`?")
        #expect(d.range?.start.line == 1)
    }
}
