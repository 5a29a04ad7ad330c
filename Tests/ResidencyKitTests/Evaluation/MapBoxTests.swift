import Testing

@testable import ResidencyKit

/// `MapBox` (a `map` value: exports' settings, facts) looks keys up by binary search over
/// keys sorted by code point: every key is found, an absent one is not, the last of a
/// repeated key wins, and keys that are canonically equivalent but not the same code points
/// stay apart (the language compares strings by code points).
@Suite struct MapBoxTests {
    @Test func lookUpsFindEveryKeyAndOnlyThose() {
        let keys = ["apiRegion", "endpoint", "", "Z", "a", "é", "e\u{301}", "🇪🇺", "region", "regionX", "aa"]
        let box = MapBox(keys.enumerated().map { ($1, Value.int($0)) })
        #expect(box.count == keys.count)
        #expect(box.keys == keys.sorted { Text.less($0, $1) })
        for (i, k) in keys.enumerated() { #expect(box[k] == .int(i), "\(k)") }
        for absent in ["apiregion", "regio", "regionXY", "b", " ", "e"] { #expect(box[absent] == nil, "\(absent)") }
        #expect(box["é"] != box["e\u{301}"])
        #expect(MapBox([])["x"] == nil)
    }

    @Test func theLastOfARepeatedKeyWins() {
        let box = MapBox([("k", .int(1)), ("a", .int(0)), ("k", .int(2)), ("z", .int(9)), ("k", .int(3))])
        #expect(box.keys == ["a", "k", "z"])
        #expect(box["k"] == .int(3))
        #expect(box.values == [.int(0), .int(3), .int(9)])
    }
}
