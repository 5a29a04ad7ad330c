import Testing

@testable import ResidencyKit

@Suite struct StructuredDataLargeDocumentTests {
    /// One destination per line, shaped like a Segment export, so line numbers are predictable.
    static func destination(_ i: Int) -> String {
        let region = i % 2 == 0 ? "EU 🇪🇺" : "US"
        return #"{"id":"dst-\#(i)","name":"Destination \#(i) \"prod\"","enabled":\#(i % 3 != 0),"sourceId":"src-\#(i % 97)","#
            + #""settings":{"apiRegion":"\#(region)","endpoint":"europe","batchSize":\#(i * 7)},"#
            + #""metadata":{"id":"meta-\#(i)","slug":"actions-mixpanel","name":"Mixpanel (Actions)","#
            + #""supportedRegions":["us-west-2","eu-west-1"],"regionEndpoints":["US","EU"],"ratio":\#(Double(i) / 8),"owner":null}}"#
    }

    @Test("StructuredData: a 5 MB export parses and every destination reads back")
    func largeDocument() throws {
        let count = 16_000
        var text = "{\"data\":{\"destinations\":[\n"
        text.reserveCapacity(count * 360)
        for i in 0..<count {
            text += "  " + Self.destination(i) + (i + 1 < count ? ",\n" : "\n")
        }
        text += "]},\"pagination\":{\"next\":null,\"totalEntries\":\(count)}}\n"
        let file = SourceFile(path: "big.json", text: text)
        #expect(file.bytes.count > 5_000_000)

        let tree = try JSONReader.parse(file).get()
        let destinations = try #require(tree.root["data"]?["destinations"])
        #expect(destinations.count == count)
        #expect(tree.root["pagination"]?["totalEntries"]?.int == count)
        #expect(tree.duplicateKeys.isEmpty)
        for (i, d) in destinations.elements.enumerated() {
            guard d["id"]?.string == "dst-\(i)" else {
                Issue.record("destination \(i) has id \(d["id"]?.string ?? "nil")")
                break
            }
        }
        for i in [0, 1, 7_777, count - 1] {
            let d = destinations.elements[i]
            #expect(d.count == 6)
            #expect(d["name"]?.string == "Destination \(i) \"prod\"")
            #expect(d["enabled"]?.bool == (i % 3 != 0))
            #expect(d["settings"]?["apiRegion"]?.string == (i % 2 == 0 ? "EU 🇪🇺" : "US"))
            #expect(d["settings"]?["batchSize"]?.int == i * 7)
            #expect(d["metadata"]?["ratio"]?.double == Double(i) / 8)
            #expect(d["metadata"]?["supportedRegions"]?.elements.compactMap(\.string) == ["us-west-2", "eu-west-1"])
            #expect(d["metadata"]?["owner"]?.isNull == true)
            // Destination i is on line i + 2, after two spaces of indentation.
            let start = file.location(of: d.start)
            #expect(start.line == i + 2 && start.column == 3)
            let end = file.location(of: d.end)
            #expect(end.line == i + 2 && end.column == Self.destination(i).unicodeScalars.count + 3)
            let slug = try #require(d["metadata"]?["slug"])
            #expect(
                String(
                    String.UnicodeScalarView(
                        file.lineText(i + 2).unicodeScalars.dropFirst(file.location(of: slug.start).column - 1))
                ).hasPrefix("\"actions-mixpanel\""))
        }
    }

    @Test("StructuredData: an error deep in a large document points at its line")
    func errorInLargeDocument() throws {
        var lines = (0..<5_000).map { "  " + Self.destination($0) + "," }
        lines[4_321] = "  {\"id\":\"dst-4321\",\"enabled\":tru},"
        let text = "[\n" + lines.joined(separator: "\n") + "\n  null\n]"
        let file = SourceFile(path: "big.json", text: text)
        let error = try #require(JSONReader.parse(file).failure)
        let location = file.location(of: error.offset)
        #expect(location.line == 4_323 && location.column == 30)
        #expect(error.message == "expected a JSON value, found `tru`")
    }

    @Test("StructuredData: long strings, long escapes and strings across the 8-byte fast path")
    func longStrings() throws {
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1_000, 100_000] {
            let plain = String(repeating: "abcdefgh", count: length / 8 + 1).prefix(length)
            let unicode = String(repeating: "é🇪🇺x", count: length / 3 + 1)
            let escaped = String(repeating: #"\"\\\n\u00e9\ud83d\ude00"#, count: length / 16 + 1)
            let root = try parseJSON("[\"\(plain)\",\"\(unicode)\",\"\(escaped)\"]").root
            #expect(root[0]?.string == String(plain))
            #expect(root[1]?.string == unicode)
            #expect(root[2]?.string == String(repeating: "\"\\\né😀", count: length / 16 + 1))
            // A special byte at each position of an 8-byte block is still seen.
            for k in 0..<min(length, 17) {
                var bytes = Array(plain.utf8)
                bytes[k] = 0x01
                let error = try #require(
                    JSONReader.parse(SourceFile(path: "x", bytes: Array("[\"".utf8) + bytes + Array("\"]".utf8))).failure)
                #expect(error.offset == k + 2)
            }
        }
    }

    /// The builder's lists start with room for one value per `valuesEvery` bytes (and 256 open
    /// entries, 64 open containers) and grow as they fill (`TreeBuffer`): every value, key and
    /// element is still where it was put after each list grew many times over, and moved
    /// whole when its container closed.
    @Test("StructuredData: a tree whose every list outgrows its first room reads back whole", arguments: [1, 4, 12, 100_000])
    func listsThatGrow(valuesEvery: Int) throws {
        let numbers = (0..<3_000).map { "\($0 * 7 - 500)" }.joined(separator: ",")
        let members = (0..<600).map { #""k\#($0)":[\#($0),"v\#($0)",{"n":\#($0)}]"# }.joined(separator: ",")
        let depth = 300
        let nested = String(repeating: "[", count: depth) + "42" + String(repeating: ",[]]", count: depth)
        let text = "{\"numbers\":[\(numbers)],\"members\":{\(members)},\"nested\":\(nested),\"last\":true}"
        let bytes = Array(text.utf8)
        let tree = try JSONReader.parse(bytes, range: 0..<bytes.count, valuesEvery: valuesEvery).get()
        let root = tree.root
        #expect(root.keys == ["numbers", "members", "nested", "last"])
        let list = try #require(root["numbers"])
        #expect(list.count == 3_000)
        var read: [Int?] = []
        list.forEachElementInt { _, value in read.append(value) }
        #expect(read == (0..<3_000).map { $0 * 7 - 500 })
        let object = try #require(root["members"])
        #expect(object.keys == (0..<600).map { "k\($0)" })
        for i in [0, 1, 255, 256, 257, 599] {
            let entry = try #require(object["k\(i)"])
            #expect(entry[0]?.int == i && entry[1]?.string == "v\(i)" && entry[2]?["n"]?.int == i)
        }
        var node = try #require(root["nested"])
        for level in 0..<depth {
            #expect(node.count == 2, "level \(level)")
            #expect(node[1]?.count == 0, "level \(level)")
            guard let inner = node[0] else { break }
            node = inner
        }
        #expect(node.int == 42)
        #expect(root["last"]?.bool == true)
        #expect(tree.nodeCount == 1 + 1 + 3_000 + 1 + 600 * 5 + 2 * depth + 1 + 1)
    }
}
