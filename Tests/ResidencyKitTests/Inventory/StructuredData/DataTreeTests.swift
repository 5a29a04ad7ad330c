import Testing

@testable import ResidencyKit

@Suite struct StructuredDataDuplicateKeyTests {
    @Test("StructuredData: duplicate keys are reported with both positions; look-up takes the first")
    func duplicates() throws {
        let text = #"{"a":1,"b":2,"a":3}"#
        let root = try parseJSON(text).root
        #expect(root.count == 3)
        #expect(root["a"]?.int == 1)
        #expect(root.keys == ["a", "b", "a"])
        let dups = root.duplicateKeys
        #expect(dups.count == 1)
        #expect(dups.first?.key == "a" && dups.first?.firstStart == 1 && dups.first?.secondStart == 13)
    }

    /// A member looked up by its key's bytes: among keys of the same length, escaped keys
    /// (kept decoded in the string table), the empty key, UTF-8 keys and repeats (the first).
    static let lookUps: [(key: String, expected: Int?)] = [
        ("name", 2), ("slug", 1), ("id", 3), ("", 4), ("settings", 5), ("metadata", 6), ("é", 7), ("e\u{301}", 8),
        ("nam", nil), ("names", nil), ("Name", nil), ("zz", nil), ("meta", nil),
    ]

    @Test("StructuredData: a member is found by its key's bytes", arguments: lookUps)
    func lookUp(_ key: String, _ expected: Int?) throws {
        let text = #"{"slug":1,"n\u0061me":2,"id":3,"":4,"settings":5,"metadata":6,"é":7,"e\u0301":8,"id":9}"#
        let root = try parseJSON(text).root
        #expect(root[key]?.int == expected, "\(key.debugDescription)")
        let empty = try parseJSON("{}").root
        #expect(empty[key] == nil)
    }

    /// Document → (key, first offset, repeat offset) of each duplicate, in document order.
    static let duplicateDocuments: [(String, [String])] = [
        (#"{"a":1,"a":2,"a":3}"#, ["a@1/7", "a@1/13"]),
        (#"{"a":1,"\u0061":2}"#, ["a@1/7"]),  // the same key once unescaped
        (#"{"é":1,"e\u0301":2}"#, []),  // NFC and NFD differ in JSON
        (#"{"a":1,"A":2,"a ":3}"#, []),
        (#"{}"#, []),
        (#"[{"x":1}]"#, []),
    ]

    @Test("StructuredData: duplicate keys compare decoded bytes", arguments: duplicateDocuments)
    func duplicateCases(_ text: String, _ expected: [String]) throws {
        let dups = try parseJSON(text).root.duplicateKeys.map { "\($0.key)@\($0.firstStart)/\($0.secondStart)" }
        #expect(dups == expected)
        #expect(try parseJSON(text).duplicateKeys.map { "\($0.key)@\($0.firstStart)/\($0.secondStart)" } == expected)
    }

    @Test("StructuredData: duplicates in large objects and across the whole tree")
    func largeAndTreeWide() throws {
        var keys = (0..<40).map { "\"k\($0)\":\($0)" }
        keys.insert("\"k5\":\"again\"", at: 20)
        keys.append("\"k39\":null")
        let text = "[{\"x\":1,\"x\":2},{" + keys.joined(separator: ",") + "},{\"y\":{\"z\":1,\"z\":2}}]"
        let file = SourceFile(path: "d.json", text: text)
        let tree = try JSONReader.parse(file).get()
        let big = try #require(tree.root[1])
        #expect(big.count == 42 && big["k5"]?.int == 5 && big["k39"]?.int == 39)
        #expect(big.duplicateKeys.map(\.key) == ["k5", "k39"])
        let all = tree.duplicateKeys
        #expect(all.map(\.key) == ["x", "k5", "k39", "z"])
        for dup in all {
            // Both offsets point at the key's opening quote.
            #expect(file.bytes[dup.firstStart] == UInt8(ascii: "\"") && file.bytes[dup.secondStart] == UInt8(ascii: "\""))
            #expect(dup.firstStart < dup.secondStart)
        }
    }

    /// The tree-wide search skips an object when its keys' lengths and first and last eight
    /// bytes tell them apart (`DataTree.mayRepeat`): keys alike in all but the middle, alike
    /// in length, empty, escaped, or at the very end of a file must still be compared exactly.
    /// Checked against each object's own pairwise search over 2,000 seeded objects.
    @Test("StructuredData: the tree-wide search finds what each object's pairwise search finds")
    func treeWideAgreesWithPairwise() throws {
        let alike = [
            "", "a", "id", "ID", "abcdefgh", "abcdefgi", "abcdefghX", "abcdefgh_middle_12345678",
            "abcdefgh_MIDDLE_12345678", "abcdefgh_middle_12345679", "endpoint", "endpoint ", "\\u0061", "é", "e\\u0301",
        ]
        var seed: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        var objects: [String] = []
        for _ in 0..<2_000 {
            let keys = (0..<1 + next(8)).map { _ in "\"\(alike[next(alike.count)])\":\(next(9))" }
            objects.append("{" + keys.joined(separator: ",") + "}")
        }
        for text in ["[" + objects.joined(separator: ",") + "]", #"{"a":1,"a":2}"#, #"{"":1,"":{"":0,"":1}}"#] {
            let tree = try JSONReader.parse(SourceFile(path: "t.json", text: text)).get()
            var pairwise: [(key: String, firstStart: Int, secondStart: Int)] = []
            for i in 0..<tree.nodeCount where tree.node(at: i).kind == .object { pairwise += tree.node(at: i).duplicateKeys }
            let expected = pairwise.sorted { $0.secondStart < $1.secondStart }.map {
                "\($0.key)@\($0.firstStart)/\($0.secondStart)"
            }
            #expect(tree.duplicateKeys.map { "\($0.key)@\($0.firstStart)/\($0.secondStart)" } == expected)
            #expect(!expected.isEmpty)
        }
    }
}

@Suite struct StructuredDataBuilderTests {
    @Test("StructuredData: the builder produces the same tree as the JSON reader")
    func sameAsReader() throws {
        let text = #"{"a":[1,"x",true,null],"b":{"c":1.5},"d":false}"#
        var b = DataTreeBuilder()
        b.beginObject(start: 0)
        b.key("a", start: 1)
        b.beginArray(start: 5)
        b.number(text: "1", start: 6, end: 7)
        b.string("x", start: 8, end: 11)
        b.bool(true, start: 12, end: 16)
        b.null(start: 17, end: 21)
        b.end(end: 22)
        b.key("b", start: 23)
        b.beginObject(start: 27)
        b.key("c", start: 28)
        b.number(text: "1.5", start: 32, end: 35)
        b.end(end: 36)
        b.key("d", start: 37)
        b.bool(false, start: 41, end: 46)
        b.end(end: 47)
        let built = b.finish()
        let parsed = try parseJSON(text)
        #expect(render(built.root) == render(parsed.root))
        #expect(built.nodeCount == parsed.nodeCount)
        for i in 0..<parsed.nodeCount {
            let x = built.node(at: i), y = parsed.node(at: i)
            #expect(x.kind == y.kind && x.start == y.start && x.end == y.end, "node \(i)")
        }
        #expect(built.root.members.map(\.keyStart) == parsed.root.members.map(\.keyStart))
        #expect(built.root["b"]?["c"]?.double == 1.5)
    }

    @Test("StructuredData: builder numbers, scalars and an empty document")
    func builderValues() {
        var b = DataTreeBuilder()
        b.beginArray(start: 0)
        b.number(text: "12", start: 1, end: 3)
        b.number(text: "1e3", start: 4, end: 7)
        b.number(text: "12345678901234567890", start: 8, end: 28)
        b.integer(0x1F, start: 29, end: 33)
        b.double(.infinity, start: 34, end: 38)
        b.double(2.0, start: 39, end: 42)
        b.string("EU 🇪🇺", start: 43, end: 50)
        b.end(end: 51)
        let root = b.finish().root
        #expect(root.count == 7 && root.elements.allSatisfy { $0.kind == .number || $0.kind == .string })
        #expect(root[0]?.int == 12 && root[0]?.numberText == "12")
        #expect(root[1]?.int == 1000 && root[1]?.double == 1000 && root[1]?.numberText == "1e3")
        #expect(root[2]?.int == nil && root[2]?.double == 12345678901234567168)
        #expect(root[3]?.int == 31 && root[3]?.numberText == "31")
        #expect(root[4]?.double == .infinity && root[4]?.int == nil)
        #expect(root[5]?.int == 2)
        #expect(root[6]?.string == "EU 🇪🇺" && root[6]?.start == 43 && root[6]?.end == 50)
        #expect(root.end == 51)

        let empty = DataTreeBuilder().finish()
        #expect(empty.root.isNull && empty.root.start == 0 && empty.nodeCount == 1)
    }

    @Test("StructuredData: nested builder objects keep member order and duplicates")
    func builderNesting() {
        var b = DataTreeBuilder()
        b.beginObject(start: 0)
        for (i, key) in ["z", "y", "z"].enumerated() {
            b.key(key, start: 10 * i + 1)
            b.beginObject(start: 10 * i + 4)
            b.key("n", start: 10 * i + 5)
            b.integer(i, start: 10 * i + 8, end: 10 * i + 9)
            b.end(end: 10 * i + 10)
        }
        b.end(end: 31)
        let tree = b.finish()
        #expect(tree.root.keys == ["z", "y", "z"])
        #expect(tree.root["z"]?["n"]?.int == 0 && tree.root["y"]?["n"]?.int == 1)
        #expect(tree.root.members[2].value["n"]?.int == 2)
        #expect(tree.duplicateKeys.map { "\($0.key)@\($0.firstStart)/\($0.secondStart)" } == ["z@1/21"])
    }
}

@Suite struct StructuredDataMapTests {
    /// The map of an object as `MapBox(entries)` defines it (sorted by code point, the last
    /// of a repeated key written), built from the members' strings: what the reader's own
    /// construction, from the stored bytes, must equal.
    static func reference(_ n: DataNode) -> Value {
        switch n.kind {
        case .object: .map(MapBox(n.members.map { ($0.key, reference($0.value)) }))
        case .array: .list(n.elements.map(reference))
        default: n.languageValue
        }
    }

    /// Keys that sort, repeat and compare in every way that matters: prefixes of each other,
    /// the empty key, non-ASCII ones (NFC and NFD apart), and escaped spellings of the same
    /// key, which the reader keeps in its table of strings rather than as bytes of the input.
    static let keys = [
        #""a""#, #""ab""#, #""b""#, #""""#, #""\u0061""#, #""é""#, #""e\u0301""#, #""\u00e9""#, #""Z""#, #""a\nb""#,
        #""ü""#, #""K""#, #""\u212a""#,
        // Longer than a small string, so an interner keeps them: NFC, NFD and escaped apart.
        #""conversionTrackingId""#, "\"conversionTrackingI\u{E9}\"", "\"conversionTrackingIe\u{301}\"",
        #""conversionTrackingI\u00e9""#,
    ]

    static func object(_ rng: inout SplitMix64, depth: Int) -> String {
        // Mostly a handful of members, sometimes more than are sorted by insertion.
        let count = rng.below(5) == 0 ? rng.below(30) : rng.below(9)
        let members = (0..<count).map { i -> String in
            let key = keys[rng.below(keys.count)]
            let value =
                depth < 2 && rng.below(4) == 0
                ? object(&rng, depth: depth + 1)
                : ["\(i)", "\"v\(i)\"", "\"value \(i % 3) long enough to be kept\""][rng.below(3)]
            return "\(key):\(value)"
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    /// A value with its maps' keys as bytes: `==` on strings would equate NFC and NFD keys.
    static func spelled(_ v: Value) -> String {
        switch v {
        case .map(let m): "{" + zip(m.keys, m.values).map { "\(Array($0.utf8)):\(spelled($1))" }.joined(separator: ",") + "}"
        case .list(let l): "[" + l.map(spelled).joined(separator: ",") + "]"
        default: "\(v)"
        }
    }

    @Test("StructuredData: an object's map is the map of its members, whatever their order and repeats")
    func anObjectsMapIsTheMapOfItsMembers() throws {
        var rng = SplitMix64(state: 14)
        // One interner across every object, as one file's settings share one.
        let texts = TextInterner()
        for _ in 0..<2_000 {
            let text = Self.object(&rng, depth: 0)
            let root = try parseJSON(text).root
            let expected = Self.spelled(Self.reference(root))
            #expect(Self.spelled(root.languageValue) == expected, "\(text)")
            #expect(Self.spelled(root.languageValue(interning: texts)) == expected, "interned: \(text)")
        }
        #expect(texts.count > 0, "the long keys and values were kept")
    }

    @Test("StructuredData: a repeated key keeps its last value")
    func aRepeatedKeyKeepsItsLastValue() throws {
        let root = try parseJSON(#"{"b":1,"a":2,"b":3,"\u0062":4}"#).root
        guard case .map(let map) = root.languageValue else { return #expect(Bool(false)) }
        #expect(map.keys == ["a", "b"])
        #expect(map["b"] == .int(4))
    }
}
