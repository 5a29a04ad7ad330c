import Testing

@testable import ResidencyKit

@Suite struct StructuredDataJSONValidTests {
    /// Input → canonical rendering and root kind.
    static let validDocuments: [(String, String, DataKind)] = [
        ("{}", "{}", .object),
        ("[]", "[]", .array),
        ("\"\"", "\"\"", .string),
        ("\"abc\"", "\"abc\"", .string),
        ("0", "0", .number),
        ("-0", "-0", .number),
        ("42", "42", .number),
        ("-17", "-17", .number),
        ("1.5", "1.5", .number),
        ("-1e-3", "-1e-3", .number),
        ("1E+2", "1E+2", .number),
        ("12345678901234567890", "12345678901234567890", .number),
        ("true", "true", .bool),
        ("false", "false", .bool),
        ("null", "null", .null),
        (" \n\t\r 7 \r\n\t ", "7", .number),
        ("\u{FEFF}{\"a\":1}", "{\"a\":1}", .object),
        ("[1,2,3]", "[1,2,3]", .array),
        ("[[[[]]]]", "[[[[]]]]", .array),
        ("{\"\":1}", "{\"\":1}", .object),
        ("{ \"a\" : [ 1 , { \"b\" : null } ] , \"c\" : \"d\" }", "{\"a\":[1,{\"b\":null}],\"c\":\"d\"}", .object),
        (#"["\"\\\/\b\f\n\r\t"]"#, "[\"\\\"\\\\/\\u0008\\u000c\\n\\u000d\\u0009\"]", .array),
        (#""\u0041\u00e9\u20AC""#, "\"Aé€\"", .string),
        (#""\ud83d\ude00""#, "\"😀\"", .string),
        (#""\uD83C\uDDEA\uD83C\uDDFA""#, "\"🇪🇺\"", .string),
        (#""\u0000""#, "\"\\u0000\"", .string),
        ("\"EU 🇪🇺\"", "\"EU 🇪🇺\"", .string),
        (
            "{\"a\":true,\"b\":false,\"c\":null,\"d\":[],\"e\":{}}", "{\"a\":true,\"b\":false,\"c\":null,\"d\":[],\"e\":{}}",
            .object
        ),
        ("{\"a\":1,\"a\":2}", "{\"a\":1,\"a\":2}", .object),
        ("[\"\u{7F}\"]", "[\"\u{7F}\"]", .array),
        ("[\"ünïcödé ✓ 𝄞\"]", "[\"ünïcödé ✓ 𝄞\"]", .array),
        ("{\"k\\\"ey\":\"v\"}", "{\"k\\\"ey\":\"v\"}", .object),
    ]

    @Test("StructuredData: valid JSON parses to the expected tree", arguments: validDocuments)
    func valid(_ input: String, _ expected: String, _ kind: DataKind) throws {
        let tree = try parseJSON(input)
        #expect(render(tree.root) == expected)
        #expect(tree.root.kind == kind)
        // The rendering is JSON again and parses to itself.
        #expect(render(try parseJSON(expected).root) == expected)
    }

    /// Number text → exact `int` (nil when not an integer that fits) and `double` (written as
    /// the exact binary value, e.g. 2^63 for 9223372036854775807).
    static let numberTexts: [(String, Int?, Double)] = [
        ("0", 0, 0), ("3", 3, 3), ("-3", -3, -3), ("3.0", 3, 3), ("3e0", 3, 3), ("3.5", nil, 3.5),
        ("0.1e1", 1, 1), ("10e-1", 1, 1), ("100e-2", 1, 1), ("1E+2", 100, 100), ("0e999", 0, 0),
        ("1e30", nil, 1e30), ("1e-400", nil, 0), ("1.00000000000000001", nil, 1),
        ("123456789012345678", 123_456_789_012_345_678, 123456789012345680),
        ("1234567890123456789", 1_234_567_890_123_456_789, 1234567890123456768),
        ("9223372036854775807", Int.max, 0x1p63),
        ("9223372036854775808", nil, 0x1p63),
        ("-9223372036854775808", Int.min, -0x1p63),
        ("-9223372036854775809", nil, -0x1p63),
        ("9007199254740993", 9_007_199_254_740_993, 9007199254740992),
        ("92233720368547758.07e2", Int.max, 0x1p63),
        ("-1.5e1", -15, -15), ("999999999999999999", 999_999_999_999_999_999, 1e18), ("12E3", 12_000, 12_000),
        ("7", 7, 7), ("40", 40, 40),
    ]

    @Test("StructuredData: numbers read exactly as Int and as Double", arguments: numberTexts)
    func number(_ text: String, _ int: Int?, _ double: Double) throws {
        let node = try parseJSON("[\(text)]").root[0]!
        #expect(node.kind == .number)
        #expect(node.int == int)
        #expect(node.double == double)
        #expect(node.numberText == text)
        #expect(node.string == nil && node.bool == nil && !node.isNull)
        // The same number as a whole document, its last digit the file's last byte, and as an
        // object's value before its closing brace.
        let whole = try parseJSON(text).root
        #expect(whole.int == int && whole.double == double && whole.numberText == text && whole.end == text.utf8.count)
        let member = try #require(try parseJSON("{\"n\":\(text)}").root["n"])
        #expect(member.int == int && member.numberText == text)
    }

    @Test("StructuredData: negative zero keeps its sign and huge numbers are infinite")
    func specialDoubles() throws {
        let tree = try parseJSON("[-0, -0.0, 1e400]")
        #expect(tree.root[0]!.double!.sign == .minus)
        #expect(tree.root[0]!.int == 0)
        #expect(tree.root[1]!.double!.sign == .minus)
        #expect(tree.root[2]!.double == .infinity)
        #expect(tree.root[2]!.int == nil)
    }

    @Test("StructuredData: accessors on each kind")
    func accessors() throws {
        let tree = try parseJSON(#"{"s":"x","n":2,"b":true,"z":null,"a":[1,"two",false],"o":{"k":"v","k2":1}}"#)
        let root = tree.root
        #expect(root.kind == .object && root.count == 6)
        #expect(root.keys == ["s", "n", "b", "z", "a", "o"])
        #expect(root.members.map(\.key) == root.keys)
        #expect(root.members.map(\.value.kind) == [.string, .number, .bool, .null, .array, .object])
        #expect(root["s"]?.string == "x" && root["s"]?.typeName == "a string")
        #expect(root["n"]?.int == 2 && root["n"]?.typeName == "a number")
        #expect(root["b"]?.bool == true && root["b"]?.typeName == "a boolean")
        #expect(root["z"]?.isNull == true && root["z"]?.typeName == "null")
        #expect(root["a"]?.typeName == "an array" && root.typeName == "an object")
        #expect(root["missing"] == nil)
        #expect(root.hasKey("o") && !root.hasKey("O"))
        let array = try #require(root["a"])
        #expect(array.count == 3 && array.elements.count == 3)
        #expect(array[1]?.string == "two" && array[2]?.bool == false)
        #expect(array[3] == nil && array[-1] == nil)
        #expect(array["k"] == nil && array.keys.isEmpty && array.members.isEmpty)
        #expect(root["o"]?.elements.isEmpty == true && root["o"]?[0] == nil)
        #expect(root["s"]?.count == 0 && root["s"]?.int == nil && root["s"]?.double == nil)
        #expect(root["o"]?["k2"]?.int == 1)
        // Handles compare by position: the same value reached twice has the same index.
        #expect(root["a"]?.index == root.members[4].value.index)
        #expect(tree.nodeCount == 12)
        #expect(tree.node(at: root["a"]!.index).count == 3)
    }

    @Test("StructuredData: values and keys carry their byte positions")
    func positions() throws {
        let text = """
            {
              "name": "EU 🇪🇺",
              "list": [1, true, "x"],
              "nested": {"n": null}
            }
            """
        let file = SourceFile(path: "p.json", text: text)
        let tree = try JSONReader.parse(file).get()
        let root = tree.root
        func at(_ offset: Int) -> String {
            let l = file.location(of: offset)
            return "\(l.line):\(l.column)"
        }
        #expect(at(root.start) == "1:1" && at(root.end) == "5:2")
        let name = root.members[0]
        #expect(at(name.keyStart) == "2:3")
        #expect(at(name.value.start) == "2:11" && at(name.value.end) == "2:18")
        let list = try #require(root["list"])
        #expect(at(list.start) == "3:11" && at(list.end) == "3:25")
        #expect(list.elements.map { at($0.start) } == ["3:12", "3:15", "3:21"])
        #expect(list.elements.map { at($0.end) } == ["3:13", "3:19", "3:24"])
        let null = try #require(root["nested"]?["n"])
        #expect(at(null.start) == "4:19" && at(null.end) == "4:23")
        #expect(file.range(null.start, null.end).start.line == 4)
    }

    @Test("StructuredData: unicode strings, keys and positions after multi-byte characters")
    func unicode() throws {
        let text = #"{"region":"EU 🇪🇺","emoji":"\ud83d\ude00","mixed":"a\u00e9🇪🇺\n","🔑":"ключ","after":1}"#
        let file = SourceFile(path: "u.json", text: text)
        let root = try JSONReader.parse(file).get().root
        #expect(root["region"]?.string == "EU 🇪🇺")
        #expect(root["emoji"]?.string == "😀")
        #expect(root["mixed"]?.string == "aé🇪🇺\n")
        #expect(root["🔑"]?.string == "ключ")
        #expect(root.keys.contains("🔑"))
        // Columns count Unicode scalars: the flag is two columns (two regional indicators)
        // although it is 8 bytes.
        let after = try #require(root["after"])
        let location = file.location(of: after.start)
        #expect(location.line == 1)
        #expect(location.column == String(text.prefix { $0 != "1" }).unicodeScalars.count + 1)
    }

    @Test("StructuredData: keys match byte for byte, escapes decoded")
    func keyMatching() throws {
        let root = try parseJSON(#"{"é":1,"e\u0301":2,"\u0061":3,"a\"b":4}"#).root
        #expect(root["é"]?.int == 1)  // precomposed
        #expect(root["e\u{301}"]?.int == 2)  // decomposed: a different JSON key
        #expect(root["a"]?.int == 3)
        #expect(root["a\"b"]?.int == 4)
        #expect(root.keys == ["é", "e\u{301}", "a", "a\"b"])
    }
}

@Suite struct JSONStringScanTests {
    static func needsAttention(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 || b >= 0x80
    }

    /// The string scanner jumps to the lowest byte `JSONParser.attention` flags in a word of
    /// eight: it must be the first byte that needs attention, whatever comes after it (a
    /// borrow of the bit trick may flag a later byte wrongly, never an earlier one). Every
    /// byte value in every position, behind plain ASCII, with seeded bytes after it.
    @Test func attentionFlagsTheFirstByteThatNeedsIt() {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt8 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: seed >> 56)
        }
        func plain() -> UInt8 {
            while true {
                let b = next()
                if !Self.needsAttention(b) { return b }
            }
        }
        var wrong: [String] = []
        for k in 0..<8 {
            for value in 0...255 {
                for _ in 0..<4 {
                    var bytes = (0..<8).map { _ in plain() }
                    bytes[k] = UInt8(value)
                    for j in k + 1..<8 { bytes[j] = next() }
                    let word = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
                    let flagged = JSONParser.attention(word)
                    let first = bytes.firstIndex(where: Self.needsAttention)
                    let found = flagged == 0 ? nil : flagged.trailingZeroBitCount >> 3
                    if found != first { wrong.append("\(bytes): \(String(describing: found)) for \(String(describing: first))") }
                }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
    }
}
