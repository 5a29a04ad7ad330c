import Testing

@testable import ResidencyKit

/// The words the HTML report spells regions in.
@Suite struct HTMLWordsTests {
    /// What `regionCode(ofWorkspace:)` gave when it lowercased the whole text and cut it by
    /// `Character`: the byte-by-byte reading of ASCII must agree with it everywhere.
    static func byCharacter(_ region: String?) -> String? {
        guard let r = region?.lowercased(), !r.isEmpty else { return nil }
        return String(r.prefix { $0 != "-" && $0 != "_" && $0 != " " })
    }

    @Test(arguments: [
        nil, "", "eu-west", "EU-WEST", "us_west", "Us East", "eu", "-eu", "eu-", "AU-southeast-2", "eu\r\n-x", "ünited-x",
        "eu-ü", "İstanbul-1", "ÉU-west", "eu west", "\u{301}eu-west", "ca\u{301}-1",
    ])
    func aWorkspaceRegionsCodeIsItsFirstWordLowercased(region: String?) {
        #expect(HTMLWords.regionCode(ofWorkspace: region) == Self.byCharacter(region), "\(String(describing: region))")
    }

    @Test func theUsualRegionsReadAsTheirCodes() {
        #expect(HTMLWords.regionCode(ofWorkspace: "eu-west") == "eu")
        #expect(HTMLWords.regionCode(ofWorkspace: "US-WEST") == "us")
        #expect(HTMLWords.region(HTMLWords.regionCode(ofWorkspace: "eu-west")) == "EU")
    }
}
