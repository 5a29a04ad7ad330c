import Testing

@testable import ResidencyKit

/// A file written on Windows ends its values' lines with CRLF, and `"\r\n"` is one Swift
/// `Character`, equal to neither `"\r"` nor `"\n"`: every place that trims takes CR, LF and
/// CRLF (and Unicode's other white space) alike, so Windows and Unix files read the same.
@Suite struct CRLFTests {
    static let endings = ["\r\n", "\n", "\r", " \r\n\t", "\u{A0}", "\u{3000}\r\n"]

    /// JSON text for a string value ending with `ending`.
    static func json(_ value: String, _ ending: String) -> String {
        let escaped = ending.unicodeScalars.map { u -> String in
            switch u {
            case "\r": "\\r"
            case "\n": "\\n"
            case "\t": "\\t"
            default: u.value < 0x80 ? String(u) : String(format: "\\u%04X", u.value)
            }
        }.joined()
        return "\"\(value)\(escaped)\""
    }

    @Test(arguments: endings)
    func aDeclaredRegion(ending: String) throws {
        let loaded = InventoryFixture.load(InventoryFixture.bundle(#""region": "# + Self.json("eu-west", ending)))
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))")
        #expect(loaded.workspaces.first?.workspace.region == "eu-west")
    }

    @Test(arguments: endings)
    func aDeclaredCIDR(ending: String) throws {
        let members =
            #""warehouses": [{"id": "w"}], "warehouseAccess": [{"warehouseId": "w", "allowlistedCidrs": ["#
            + Self.json("10.0.0.0/8", ending) + "]}]"
        let loaded = InventoryFixture.load(InventoryFixture.bundle(members))
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))")
        let cidrs = try #require(loaded.workspaces.first?.warehouses.first?.allowlistedCidrs)
        #expect(cidrs.map(\.description) == ["10.0.0.0/8"])
    }

    @Test(arguments: endings)
    func aCatalogKey(ending: String) throws {
        #expect(Catalog.key("Mixpanel (Actions)" + ending) == "mixpanel (actions)")
        let catalog = InventoryFixture.catalog
        let row = try #require(catalog.destination(named: "Mixpanel (Actions)"))
        #expect(catalog.destination(named: "Mixpanel (Actions)" + ending) == row)
        #expect(catalog.destination(named: ending + "actions-mixpanel" + ending) == row)
    }

    @Test(arguments: endings)
    func theTrimBuiltin(ending: String) throws {
        let policy = """
            policy T-1 "t" {
              severity error
              for destination d
              require trim(d.name) == "Slack"
              message "m"
            }

            """
        let members =
            #""sources": [{"id": "s"}], "destinations": [{"id": "d", "sourceId": "s", "name": "#
            + Self.json("Slack", ending) + "}]"
        let loaded = InventoryFixture.load(InventoryFixture.bundle(members))
        #expect(loaded.diagnostics.filter { $0.severity == .error }.isEmpty, "\(loaded.diagnostics.map(\.message))")
        #expect(try Harness(policy).outcomes(loaded.workspaces) == ["d": .pass])
    }

    @Test(arguments: endings)
    func aListParam(ending: String) throws {
        #expect(ParamValues.parse("eu" + ending + ",us" + ending, as: .list(.string)) == .list([.string("eu"), .string("us")]))
    }
}
