import Foundation
import Testing

@testable import ResidencyKit

/// One case of `Fixtures/url/urltestdata-special.json` (Web Platform Tests' urltestdata.json;
/// the folder's README says which cases and under which licence).
struct WPTURLCase: Decodable, Sendable, CustomTestStringConvertible {
    let input: String
    let base: String?
    let hostname: String?
    let port: String?
    let pathname: String?
    let failure: Bool?
    /// Why URLParts deliberately fails where WHATWG does not.
    let residencyFailure: String?

    var testDescription: String { input.debugDescription }
}

@Suite struct PrimitivesURLPartsWPTTests {
    static let cases: [WPTURLCase] = {
        struct Fixture: Decodable { let cases: [WPTURLCase] }
        let url = fixturesFolder.appendingPathComponent("url/urltestdata-special.json")
        guard let data = try? Data(contentsOf: url), let fixture = try? JSONDecoder().decode(Fixture.self, from: data) else {
            return []
        }
        return fixture.cases
    }()

    @Test("Primitives: the WPT fixture loads")
    func fixtureLoads() {
        #expect(Self.cases.count > 300)
    }

    /// Every case gives WHATWG's host, port and path, or fails where WHATWG fails. The base URL
    /// is ignored: the fixture holds only cases that do not depend on it.
    @Test("Primitives: URLParts reads WPT's special-scheme URLs as WHATWG does", arguments: cases)
    func matchesWHATWG(_ row: WPTURLCase) throws {
        let parts = URLParts(row.input)
        // The fast path, where it decides, must agree with the general path.
        #expect(parts == URLParts(scalarsOf: row.input))
        if row.failure == true || row.residencyFailure != nil {
            #expect(parts == nil)
            return
        }
        let p = try #require(parts)
        #expect(p.hostname == row.hostname)
        #expect((p.port.map(String.init) ?? "") == row.port)
        // WHATWG's pathname of a special URL with nothing after the host is "/"; URLParts's is "".
        #expect((p.path.isEmpty ? "/" : p.path) == row.pathname)
    }
}
