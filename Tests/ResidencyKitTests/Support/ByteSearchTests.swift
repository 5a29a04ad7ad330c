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

    /// Where the bytes are, in a slice that does not start at 0 (the file's offsets), against
    /// the standard library's generic search over the same slice.
    @Test(arguments: [
        ("xx import Segment", 3, "Segment"),
        ("xxSSegmentt", 2, "Segment"),
        ("aaaab", 1, "aab"),
        ("ab abab", 3, "abb"),
        ("  \"workspaces\": [", 1, "\"workspaces\": ["),
        ("aaa", 3, "a"),
        ("needle", 0, "needle"),
        ("needle", 2, ""),
    ])
    func findsWhereTheBytesAreInASlice(text: String, from: Int, needle: String) {
        let slice = Array(text.utf8)[from...]
        let want = needle.isEmpty ? from..<from : slice.firstRange(of: Array(needle.utf8))
        #expect(slice.firstRange(ofBytes: Array(needle.utf8)) == want)
    }
}
