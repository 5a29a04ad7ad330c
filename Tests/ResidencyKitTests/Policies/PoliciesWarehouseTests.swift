import Testing

@testable import ResidencyKit

private typealias F = PackFixtures

@Suite struct PoliciesRES006Tests {
    static let cases: [PackCase] = [
        PackCase("Redshift in the EU allowing Segment's range", .pass, F.warehouse()),
        PackCase(
            "Postgres allowing a broader range that contains it", .pass,
            F.warehouse(catalogName: "Postgres", cidrs: ["10.0.0.0/8", "3.251.148.0/24"])),
        PackCase("BigQuery needs no allow-list", .pass, F.warehouse(catalogName: "BigQuery", location: "EU", cidrs: nil)),
        PackCase("look-up by catalog name ignores case", .pass, F.warehouse(catalogName: "redshift")),
        PackCase(
            "Redshift outside the EU", .fail,
            F.warehouse(name: "Legacy Redshift", location: "us-east-1", warehouseRegion: "us", cidrs: ["3.251.148.96/29"])),
        PackCase(
            "BigQuery outside the EU", .fail,
            F.warehouse(catalogName: "BigQuery", location: "US", warehouseRegion: "us", cidrs: nil)),
        PackCase("Postgres not allowing Segment's range", .fail, F.warehouse(catalogName: "Postgres", cidrs: ["10.0.0.0/8"])),
        PackCase("a narrower range lets only part of Segment in", .fail, F.warehouse(cidrs: ["3.251.148.96/30"])),
        PackCase("an empty allow-list", .fail, F.warehouse(cidrs: [])),
        PackCase("allow-list not declared", .indeterminate, F.warehouse(cidrs: nil)),
        PackCase("location not resolved", .indeterminate, F.warehouse(location: "somewhere", warehouseRegion: nil)),
        PackCase("warehouse type the catalog does not list", .indeterminate, F.warehouse(catalogName: "Mystery DB", cidrs: nil)),
        PackCase("US workspace", .notApplicable, F.warehouse(in: F.us, location: "us-east-1", warehouseRegion: "us", cidrs: nil)),
    ]

    @Test(arguments: cases)
    func outcome(_ c: PackCase) throws {
        #expect(try c.finding("RES-006").outcome == c.expected)
    }

    @Test func coversEveryOutcome() {
        #expect(Set(Self.cases.map(\.expected)).isSuperset(of: F.everyOutcome))
    }

    @Test func failureShowsLocationAndAllowList() throws {
        let f = try Self.cases.named("Redshift outside the EU").finding("RES-006")
        #expect(f.severity == .error)
        #expect(
            f.message
                == "Warehouse Legacy Redshift (Redshift) of EU workspace acme-eu is in us-east-1 (region us) and allows "
                + "connections from 3.251.148.96/29; it must be in the EU and, for Redshift and Postgres, allow 3.251.148.96/29")
        #expect(
            f.remediation
                == "Keep the workspace's warehouse in an EU location and allow Segment's EU range 3.251.148.96/29 on its "
                + "Redshift or Postgres port.")
        let postgres = try Self.cases.named("Postgres not allowing Segment's range").finding("RES-006")
        #expect(
            postgres.message
                == "Warehouse Analytics DB (Postgres) of EU workspace acme-eu is in eu-west-1 (region eu) and allows "
                + "connections from 10.0.0.0/8; it must be in the EU and, for Redshift and Postgres, allow 3.251.148.96/29")
    }

    @Test func missingAllowListIsNamed() throws {
        let f = try Self.cases.named("allow-list not declared").finding("RES-006")
        #expect(f.reason == "`w.allowlistedCidrs` is unknown in the inventory")
    }
}
