import Testing

@testable import ResidencyKit

/// `TextInterner` hands back the `String` it made for the same bytes, keeps texts apart that
/// differ in their bytes only (NFC and NFD spellings, which `String.==` equates), keeps no
/// text that fits in a small string, and stops keeping new texts at its limit while still
/// answering every text with its own bytes.
@Suite struct TextInternerTests {
    static func text(_ interner: TextInterner, _ s: String) -> String {
        var s = s
        return s.withUTF8 { interner.text($0) }
    }

    /// (texts read in order, how many are kept afterwards)
    @Test(
        arguments: [
            (["harnessEndpointRegion", "harnessEndpointRegion", "harnessEndpointRegion"], 1),
            (["conversionTrackingI\u{E9}", "conversionTrackingIe\u{301}", "conversionTrackingI\u{E9}"], 2),
            (["apiKey", "endpoint", "fifteen-bytes-x", "apiKey"], 0),
            (["sixteen-bytes-xx", "fifteen-bytes-x", "sixteen-bytes-xx"], 1),
            (["", "Google Ads Conversions", "Google Ads Conversions atlas-pine", "Google Ads Conversions"], 2),
        ])
    func everyTextComesBackWithItsOwnBytes(_ texts: [String], _ kept: Int) {
        let interner = TextInterner()
        for t in texts {
            let got = Self.text(interner, t)
            #expect(Array(got.utf8) == Array(t.utf8), "\(t)")
        }
        #expect(interner.count == kept)
    }

    @Test func pastItsLimitNothingNewIsKeptAndEveryTextIsStillRight() {
        let interner = TextInterner(limit: 3)
        let texts = (0..<10).map { "a setting key number \($0)" }
        for t in texts + texts.reversed() {
            #expect(Self.text(interner, t) == t)
        }
        #expect(interner.count == 3)
    }
}
