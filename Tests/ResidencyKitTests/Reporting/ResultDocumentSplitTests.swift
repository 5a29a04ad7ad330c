import Foundation
import Testing

@testable import ResidencyKit

/// A document laid out as `check` writes it is parsed a record at a time
/// (`ResultDocument+Split.swift`); it must read exactly as the same document parsed whole, and
/// its mistakes must be refused at the same places.
@Suite struct ResultDocumentSplitTests {
    static func example() throws -> String {
        try String(contentsOf: repositoryRoot.appendingPathComponent("reports/example-results.json"), encoding: .utf8)
    }

    /// The same document parsed whole: its records moved onto lines of their own layout, which
    /// the split does not take.
    static func whole(_ text: String) -> String {
        text.replacingOccurrences(of: "\n    {\"id\"", with: "\n     {\"id\"")
    }

    static func reading(_ text: String) -> ResultDocument.Reading {
        ResultDocument.read(SourceFile(path: "results.json", text: text))
    }

    @Test func theExampleIsSplitAndReadsAsParsedWhole() throws {
        let text = try Self.example()
        let file = SourceFile(path: "results.json", text: text)
        let parsed = try ResultDocument.parse(file).get()
        #expect(parsed.records?.count == 2)
        #expect(try ResultDocument.parse(SourceFile(path: "results.json", text: Self.whole(text))).get().records == nil)
        let split = try #require(Self.reading(text).document)
        let whole = try #require(Self.reading(Self.whole(text)).document)
        #expect(split.json() == whole.json())
        #expect(split.json() == Array(text.utf8))
    }

    /// A schema 2 document whose workspaces stand on lines of their own is read as schema 2
    /// reads them (its workspaces are objects of the tree, not records to split out).
    @Test func aSchema2DocumentLaidOutInLinesIsReadWhole() throws {
        let text = ResultDocumentReadErrorTests.valid.replacingOccurrences(
            of: #" "workspaces": [{"id": "ws1", "slug": "acme-eu", "sources": [],"#,
            with: "  \"workspaces\": [\n    {\"id\": \"ws1\", \"slug\": \"acme-eu\", \"sources\": [],")
            .replacingOccurrences(of: #""warehouses": []}],"#, with: "\"warehouses\": []}\n  ],")
            .replacingOccurrences(of: #"\"sources\": \[\],\n +\"destinations\""#, with: #""sources": [], "destinations""#, options: .regularExpression)
        let file = SourceFile(path: "results.json", text: text)
        #expect(RecordLayout.of(file.bytes) != nil, "the layout the split takes")
        #expect(try ResultDocument.parse(file).get().records == nil)
        let reading = Self.reading(text)
        let doc = try #require(reading.document, "\(reading.diagnostics.map(\.message))")
        #expect(doc.workspaces.map(\.slug) == ["acme-eu"])
    }

    /// A record's diagnostics point into the file, not into the record read on its own.
    @Test func aRecordsMistakeIsPlacedInTheFile() throws {
        let edited = try Self.example().replacingFirst(#""slug": "acme-us""#, with: #""slug": "acme-eu""#)
        let d = try #require(Self.reading(edited).diagnostics.first)
        #expect(d.code == "E1511")
        let lines = edited.split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.hasPrefix(#"    {"id": "Xy7P"#) })
        let column = try #require(lines[line].range(of: #""acme-eu""#)).lowerBound.utf16Offset(in: lines[line]) + 1
        #expect(d.range.map { "\($0.start.line):\($0.start.column)" } == "\(line + 1):\(column)")
    }

    /// (what, text replaced in the example, its replacement): refused with the diagnostics of
    /// the same document parsed whole (code, message, line and column).
    static let mistakes: [(String, String, String)] = [
        ("a syntax error in a record", #""strings": ["#, #""strings": [["#),
        ("a syntax error after the records", #""notices": ["#, #""notices": [,"#),
        ("two records with one slug", #""slug": "acme-us""#, #""slug": "acme-eu""#),
        ("a number naming nothing", #""results": [{"policy": "RES-007""#, #""results": [{"policy": "RES-007", "pass": [99]"#),
        ("two records on one line", "},\n    {\"id\": \"Xy7P", "}, {\"id\": \"Xy7P"),
    ]

    @Test(arguments: mistakes)
    func mistakesAreRefusedWhereAWholeParseRefusesThem(what: String, find: String, replace: String) throws {
        let text = try Self.example()
        #expect(text.contains(find), "\(what)")
        let edited = text.replacingFirst(find, with: replace)
        let split = Self.reading(edited)
        let whole = Self.reading(Self.whole(edited))
        func said(_ r: ResultDocument.Reading) -> [String] {
            r.diagnostics.map { "\($0.code) \($0.message) \($0.range.map { "\($0.start.line):\($0.start.column)" } ?? "")" }
        }
        if what == "two records on one line" {
            // Valid JSON laid out otherwise: read as a whole, and the same.
            #expect(split.document.map { $0.json() } == whole.document.map { $0.json() }, "\(what): \(said(split))")
            return
        }
        #expect(split.document == nil, "\(what)")
        #expect(!split.diagnostics.isEmpty, "\(what)")
        // The whole parse sees the record one column further in; the split, none of that.
        #expect(said(split).map { $0.replacingOccurrences(of: #":\d+$"#, with: "", options: .regularExpression) }
            == said(whole).map { $0.replacingOccurrences(of: #":\d+$"#, with: "", options: .regularExpression) }, "\(what)")
    }
}

extension String {
    /// The text with the first `target` replaced.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let r = range(of: target) else { return self }
        return replacingCharacters(in: r, with: replacement)
    }
}
