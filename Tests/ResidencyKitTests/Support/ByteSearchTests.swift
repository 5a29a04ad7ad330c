import Testing

@testable import ResidencyKit

/// The byte search every file of a scan goes through before it is tokenised.
@Suite struct ByteSearchTests {
    @Test(arguments: [
        ("import Segment", "Segment", true),
        ("Segment", "Segment", true),
        ("Segmen", "Segment", false),
        ("SSegmentt", "Segment", true),
        ("aaab", "aab", true),
        ("abab", "abb", false),
        ("", "x", false),
        ("x", "", true),
        ("", "", true),
        ("analytics-next", "t", true),
        ("end with needle: xyz", "xyz", true),
    ])
    func findsTheBytes(haystack: String, needle: String, found: Bool) {
        #expect(Array(haystack.utf8).containsBytes(needle.utf8) == found)
    }
}
