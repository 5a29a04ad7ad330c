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

    /// The language's `==` of two maps is three-valued key by key, as lists' is element by
    /// element: two missing values are never equal (a settings value the model cannot hold, a
    /// fraction or `null`, is missing). Before, `{"a": missing} == {"a": missing}` was true, so
    /// `d.settings["cfg"] == d.settings["cfg2"]` passed on two different settings.
    @Test(
        arguments: [
            ([("a", Value.missing)], [("a", Value.missing)], Tri.unknown),
            ([("a", .string("us")), ("r", .missing)], [("a", .string("us")), ("r", .missing)], .unknown),
            ([("a", .string("us")), ("r", .missing)], [("a", .string("eu")), ("r", .missing)], .no),
            ([("a", .string("us"))], [("a", .string("us"))], .yes),
            ([("a", .string("us"))], [("b", .string("us"))], .no),
            ([("a", .string("us"))], [("a", .string("us")), ("b", .missing)], .no),
            ([("é", .int(1))], [("e\u{301}", .int(1))], .no),
        ] as [([(String, Value)], [(String, Value)], Tri)])
    func mapsAreEqualKeyByKey(_ a: [(String, Value)], _ b: [(String, Value)], _ expected: Tri) {
        let (x, y) = (
            Value.map(MapBox(a.map { (key: $0.0, value: $0.1) })), Value.map(MapBox(b.map { (key: $0.0, value: $0.1) }))
        )
        #expect(Value.equal(x, y) == expected)
        #expect(Value.equal(.list([x]), .list([y])) == expected, "inside a list too")
        #expect(Value.member(x, [y]) == expected, "and `in`")
    }
}

/// `==` and `in` of values of two kinds (only settings values can be): undecided, as with a
/// missing value, never false (which made `!=` and `not in` true).
@Suite struct ValueKindTests {
    @Test(
        arguments: [
            (Value.int(5), Value.string("us"), Tri.unknown), (.string("true"), .bool(true), .unknown),
            (.int(5), .int(5), .yes), (.string("a"), .string("b"), .no), (.list([.int(1)]), .list([.string("1")]), .unknown),
            (.list([.int(1), .int(2)]), .list([.string("1")]), .no),
        ])
    func equalityOfTwoKindsIsUndecided(_ a: Value, _ b: Value, _ expected: Tri) {
        #expect(Value.equal(a, b) == expected)
        #expect(Value.equal(b, a) == expected)
    }

    @Test(
        arguments: [
            (Value.int(5), [Value.string("us"), .string("eu")], Tri.unknown), (.string("us"), [.int(5), .string("us")], .yes),
            (.string("x"), [.int(5), .string("us")], .unknown), (.string("x"), [.string("us")], .no),
        ])
    func membershipWithAnElementOfAnotherKindIsUndecided(_ x: Value, _ items: [Value], _ expected: Tri) {
        #expect(Value.member(x, items) == expected)
    }
}

/// `Text.less` orders by code points through `memcmp` over the UTF-8 bytes; it must agree with
/// comparing the code points one by one, for prefixes, empty texts and every byte length.
@Test func textLessIsCodePointOrder() {
    let texts = ["", "a", "ab", "abc", "b", "B", "é", "e\u{301}", "€", "😀", "\u{7F}", "\u{80}", "a\u{0}", "\u{FFFF}", "𐀀", "zz"]
    for a in texts {
        for b in texts {
            let scalars = a.unicodeScalars.map(\.value).lexicographicallyPrecedes(b.unicodeScalars.map(\.value))
            #expect(Text.less(a, b) == scalars, "\(a.debugDescription) < \(b.debugDescription)")
        }
    }
}

/// `Text.isASCII` (eight bytes at a time) and `Text.sameBytes` (`memcmp`) against their
/// definitions, for texts of every length around a word with the non-ASCII byte anywhere.
@Test func textByteChecksMatchTheirDefinitions() {
    var texts: [String] = [""]
    for length in 1...20 {
        let plain = String(repeating: "a", count: length)
        texts.append(plain)
        for k in 0..<length {
            var scalars = Array(plain.unicodeScalars)
            scalars[k] = "é"
            texts.append(String(String.UnicodeScalarView(scalars)))
        }
    }
    texts += ["caf\u{E9}", "cafe\u{301}", "😀", "Kelvin \u{212A}", "Kelvin K"]
    for a in texts {
        #expect(Text.isASCII(a) == a.utf8.allSatisfy { $0 < 0x80 }, "\(a.debugDescription)")
        for b in texts.prefix(40) + texts.suffix(5) {
            #expect(Text.sameBytes(a, b) == a.utf8.elementsEqual(b.utf8), "\(a.debugDescription) \(b.debugDescription)")
            #expect(Text.same(a, b) == Text.sameBytes(a, b))
        }
    }
}

/// `Text.concat` and `Text.quotedList` (one buffer each) against `+` and the joined map they
/// replace, byte for byte, with empty, small, long and non-ASCII parts (a combining mark
/// after a part that ends in a letter stays two scalars: bytes, not characters, are joined).
@Test(arguments: [
    ["", ""], ["a", ""], ["", "b"], ["settings.", "region", " = ", "\"eu\""],
    ["bundled catalog 2025-11-06", ": ", "Amplitude (Actions)", " vendor \"", "Amplitude", "\""],
    ["cafe", "\u{301}", "😀", "", "Kelvin \u{212A}", String(repeating: "long text ", count: 40)],
])
func concatenatedTextsAreTheirPartsJoined(parts: [String]) {
    var padded = parts + Array(repeating: "", count: 6 - parts.count)
    padded = Array(padded.prefix(6))
    let joined = Text.concat(padded[0], padded[1], padded[2], padded[3], padded[4], padded[5])
    #expect(Array(joined.utf8) == Array(parts.joined().utf8))
    let quoted = Text.quotedList(parts)
    #expect(Array(quoted.utf8) == Array(("[" + parts.map { "\"\($0)\"" }.joined(separator: ", ") + "]").utf8))
    #expect(Text.quotedList([]) == "[]")
}
