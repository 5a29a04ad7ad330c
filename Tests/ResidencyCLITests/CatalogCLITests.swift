import Foundation
import Testing

/// `residency catalog check|generate` as users run them.
@Suite struct CatalogCLITests {
    @Test func checksTheBundledCatalog() throws {
        let r = try residency(["catalog", "check", "policies/catalog/segment-regional.json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stdout.contains(
                "catalog 2025-11-06: 503 destinations (484 offered in EU workspaces, 26 with an EU endpoint), 125 sources (62 in EU workspaces), 11 warehouses"
            ))
    }

    @Test func aBrokenCatalogExitsTwoWithItsPlace() throws {
        let dir = try temporaryFolder([
            "bad.json": """
            {"formatVersion": 2, "catalogVersion": "x",
             "destinations": [{"name": "A", "supportedRegion": ["us-west-2"], "regionEndpoints": ["US"]}]}
            """
        ])
        let r = try residency(["catalog", "check", dir.appendingPathComponent("bad.json").path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("bad.json:2:33: error[E0703]: unknown key `supportedRegion` in a destination row"))
        #expect(r.stderr.contains("did you mean `supportedRegions`?"))
    }

    @Test func regeneratesTheBundledCatalogByteForByte() throws {
        let dir = try temporaryFolder([:])
        let out = dir.appendingPathComponent("catalog.json").path
        let r = try residency([
            "catalog", "generate", "--from", "policies/catalog/inputs/segment-public-catalog-2025-11-06.json",
            "--catalog-version", "2025-11-06", "--output", out,
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("503 destinations, 125 sources, 11 warehouses"))
        let made = try Data(contentsOf: URL(fileURLWithPath: out))
        let bundled = try Data(contentsOf: repositoryRoot.appendingPathComponent("policies/catalog/segment-regional.json"))
        #expect(made == bundled)
    }

    @Test func generateWithoutInputIsAUsageError() throws {
        let r = try residency(["catalog", "generate", "--output", "/tmp/x.json"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--from"))
    }
}
