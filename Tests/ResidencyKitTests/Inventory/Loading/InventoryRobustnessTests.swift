import Testing

@testable import ResidencyKit

/// Randomly damaged copies of the example inventories (a fixed seed, so failures reproduce):
/// the loader must never crash, and must either load or say why, every diagnostic inside the file.
@Suite struct InventoryRobustnessTests {
    typealias Generator = SplitMix64

    /// Flips a bit, inserts a byte (often a JSON-significant one) or deletes a byte, 1–4 times.
    static func mutate(_ original: [UInt8], _ g: inout Generator) -> [UInt8] {
        var bytes = original
        let significant = Array("{}[]\",:\\ \n0-tfn🇪".utf8)
        for _ in 0..<(1 + g.below(4)) {
            let i = g.below(bytes.count)
            switch g.below(4) {
            case 0: bytes[i] ^= UInt8(1 << g.below(8))
            case 1: bytes.insert(UInt8(truncatingIfNeeded: g.next()), at: i)
            case 2: bytes.insert(significant[g.below(significant.count)], at: i)
            default: if !bytes.isEmpty { bytes.remove(at: i) }
            }
        }
        return bytes
    }

    static func check(_ path: String, _ bytes: [UInt8]) -> [String] {
        let file = SourceFile(path: path, bytes: bytes)
        let loaded = InventoryLoader.load(files: [file], catalog: InventoryFixture.catalog)
        var problems: [String] = []
        if loaded.workspaces.isEmpty && loaded.diagnostics.isEmpty { problems.append("nothing loaded and nothing said") }
        if loaded.workspaces.count > 1 { problems.append("\(loaded.workspaces.count) workspaces from one bundle") }
        for d in loaded.diagnostics {
            guard let r = d.range else {
                problems.append("\(d.code) without a range")
                continue
            }
            for (what, l) in [("start", r.start), ("end", r.end)] {
                if r.file != path { problems.append("\(d.code) in \(r.file)") }
                if l.offset < 0 || l.offset > bytes.count {
                    problems.append("\(d.code) \(what) offset \(l.offset) of \(bytes.count)")
                }
                if l.line < 1 || l.line > file.lineStarts.count { problems.append("\(d.code) \(what) line \(l.line)") }
                if l.column < 1 { problems.append("\(d.code) \(what) column \(l.column)") }
                if l != file.location(of: l.offset) { problems.append("\(d.code) \(what) \(l) is not where its offset is") }
            }
            if r.start.offset > r.end.offset { problems.append("\(d.code) runs backwards") }
            for n in d.notes {
                if let nr = n.range, nr.end.offset > bytes.count { problems.append("\(d.code) note past the end") }
            }
        }
        for w in loaded.workspaces {
            let origins =
                [w.workspace.origin] + w.sources.map(\.origin) + w.destinations.map(\.origin) + w.warehouses.map(\.origin)
            for o in origins.compactMap({ $0 }) where o.offset < 0 || o.offset >= bytes.count || o.file != path {
                problems.append("origin \(o) outside the file")
            }
        }
        return problems
    }

    @Test(arguments: [
        ("examples/inventory/acme-eu.json", "acme-eu.json", UInt64(20261128)),
        ("examples/inventory/acme-us.yaml", "acme-us.yaml", 42),
    ])
    func mutatedExamplesNeverCrash(example: String, path: String, seed: UInt64) {
        let original = Array(InventoryFixture.text(example).utf8)
        #expect(original.count > 1000)
        #expect(Self.check(path, original).isEmpty)
        var g = Generator(state: seed)
        var outcomes = (loaded: 0, refused: 0)
        var failures: [String] = []
        for round in 0..<(path.hasSuffix(".json") ? 400 : 200) {
            let bytes = Self.mutate(original, &g)
            let problems = Self.check(path, bytes)
            if !problems.isEmpty { failures.append("round \(round): \(problems)") }
            let loaded = InventoryLoader.load(files: [SourceFile(path: path, bytes: bytes)], catalog: InventoryFixture.catalog)
            if loaded.workspaces.isEmpty { outcomes.refused += 1 } else { outcomes.loaded += 1 }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
        // Both outcomes happen, or the mutations are not testing much.
        #expect(outcomes.loaded > 10)
        #expect(outcomes.refused > 10)
    }

    @Test func truncatedAtEveryLengthNeverCrashes() {
        let original = Array(
            InventoryFixture.bundle(#""region": "eu-west", "sources": [{"id": "s", "labels": [{"key": "a", "value": "🇪🇺"}]}]"#)
                .utf8)
        var failures: [String] = []
        for n in 0...original.count {
            let problems = Self.check("t.json", Array(original[0..<n]))
            if !problems.isEmpty { failures.append("\(n): \(problems)") }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test func hostileShapesAreReportedNotFatal() {
        let inputs: [(String, String)] = [
            ("deep.json", String(repeating: "[", count: 600) + String(repeating: "]", count: 600)),
            (
                "deep-ok.json",
                #"{"workspace": {"id": "a", "slug": "b"}, "x": "# + String(repeating: "[", count: 400)
                    + String(repeating: "]", count: 400) + "}"
            ),
            ("nul.json", "{\"workspace\": {\"id\": \"a\u{0}\", \"slug\": \"b\"}}"),
            ("bom.json", "\u{FEFF}" + InventoryFixture.bundle()),
            ("crlf.yaml", "workspace:\r\n  id: a\r\n  slug: b\r\nregion: mars\r\n"),
            ("cr.yaml", "workspace: {id: a, slug: b}\rregion: mars\r"),
            ("deep.yaml", String(repeating: "[", count: 300) + String(repeating: "]", count: 300)),
            ("tabs.yaml", "\t\t\t"),
            ("binary.json", String(decoding: (0..<256).map { UInt8($0) }, as: UTF8.self)),
            ("huge-number.json", #"{"exportVersion": 1e999, "workspace": {"id": "a", "slug": "b"}}"#),
            ("neg-number.yaml", "exportVersion: -1\nworkspace: {id: a, slug: b}\n"),
        ]
        for (path, text) in inputs {
            #expect(Self.check(path, Array(text.utf8)).isEmpty, "\(path)")
        }
    }

    @Test func invalidUTF8IsReportedAtTheByte() throws {
        var bytes = Array(InventoryFixture.bundle(#""region": "eu-west""#).utf8)
        let i = bytes.firstIndex(of: UInt8(ascii: "w"))!
        bytes[i] = 0xFF
        let loaded = InventoryLoader.load(files: [SourceFile(path: "u.json", bytes: bytes)], catalog: InventoryFixture.catalog)
        #expect(loaded.codes == ["E0601"])
        let d = try #require(loaded.diagnostics.first)
        #expect(d.message.contains("invalid UTF-8: byte 0xFF is not a valid character"))
        #expect(d.range?.start.offset == i)
    }
}
