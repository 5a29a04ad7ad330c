import Testing

@testable import ResidencyKit

/// `TextMap` replaces `[String: …]` on the decoder's hot paths (catalog look-ups, source ids,
/// duplicate ids), so it must answer exactly as a dictionary does, `String.==` (canonical
/// equivalence) included, whatever its byte hash does.
@Suite struct TextMapTests {
    /// Keys drawn from pieces chosen to meet every path: ASCII, the three singletons that are
    /// canonically ASCII (KELVIN SIGN, GREEK QUESTION MARK, GREEK VARIA), `é` composed and
    /// decomposed, a combining mark after ASCII, an emoji, and the empty text.
    @Test func aTextMapAnswersAsADictionaryDoes() {
        let pieces = ["K", "\u{212A}", ";", "\u{037E}", "`", "\u{1FEF}", "e", "\u{E9}", "e\u{301}", "\u{301}", "k", "🇪🇺", "ab"]
        // The regex tests' seeded SplitMix64, for its numbers only: a failure repeats.
        var rng = RegexGenerator(seed: 12)
        func key() -> String { (0..<rng.next(4)).map { _ in rng.pick(pieces) }.joined() }
        var map = TextMap<Int>()
        var dictionary: [String: Int] = [:]
        for i in 0..<3_000 {
            let k = key()
            let had = map.insertIfAbsent(k, i)
            #expect(had == dictionary[k], "inserting \(Array(k.unicodeScalars))")
            if dictionary[k] == nil { dictionary[k] = i }
        }
        #expect(map.count == dictionary.count)
        for _ in 0..<3_000 {
            let k = key()
            #expect(map[k] == dictionary[k], "looking up \(Array(k.unicodeScalars))")
        }
    }

    /// The canonically-ASCII singletons are the keys their ASCII forms are, in both directions;
    /// `é` is one key however it is composed, and never an ASCII one.
    @Test func canonicallyEqualTextsAreOneKey() {
        var map = TextMap<Int>()
        map.insertIfAbsent("\u{212A}elvin", 1)
        #expect(map["Kelvin"] == 1)
        map.insertIfAbsent("a;b", 2)
        #expect(map["a\u{037E}b"] == 2)
        map.insertIfAbsent("caf\u{E9}", 3)
        #expect(map["cafe\u{301}"] == 3)
        #expect(map["cafe"] == nil)
        #expect(map.insertIfAbsent("Kelvin", 4) == 1)
        // Keys are listed as first given, in order of first insertion.
        #expect(map.keys == ["\u{212A}elvin", "a;b", "caf\u{E9}"])
    }

    /// A copy is a value: inserting into one leaves the other as it was (the keys live in one
    /// object, copied on the first write to a shared one).
    @Test func aCopyIsAValue() {
        var a = TextMap<Int>()
        a.insertIfAbsent("src-1", 1)
        a.insertIfAbsent("caf\u{E9}", 2)
        var b = a
        b.insertIfAbsent("src-2", 3)
        b.insertIfAbsent("na\u{EF}ve", 4)
        #expect(a["src-2"] == nil && a["na\u{EF}ve"] == nil && a.count == 2)
        #expect(b["src-1"] == 1 && b["src-2"] == 3 && b["cafe\u{301}"] == 2 && b.count == 4)
        #expect(a.keys == ["src-1", "caf\u{E9}"])
    }

    /// Growth keeps every key and its first value, over more keys than the first table holds.
    @Test func growingKeepsEveryKey() {
        var map = TextMap<Int>(minimumCapacity: 2)
        for i in 0..<5_000 { #expect(map.insertIfAbsent("source-\(i)", i) == nil) }
        map.insertIfAbsent("", -1)
        map.insertIfAbsent("\u{E9}t\u{E9}", -2)
        for i in 0..<5_000 { #expect(map["source-\(i)"] == i) }
        #expect(map[""] == -1)
        #expect(map["e\u{301}te\u{301}"] == -2)
        #expect(map["source-5000"] == nil)
        #expect(map.count == 5_002)
    }
}
