import Foundation
import Testing

@testable import ResidencyKit

/// Bytes that are not UTF-8 are a located error, as in JSON, not U+FFFD read on; and no
/// value's range lies past the end of the file. The first case is the input fuzz-yaml found
/// (Fuzz/corpus/yaml/invalid-utf8-after-key.yaml): a value's end past the file's.
@Suite struct YAMLReaderEncodingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var offset: Int
        var message: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "stray 0xFF bytes after a key (found by fuzz-yaml)",
            bytes: Array("(Ac   approvedBy:`dpo@acme.exampl-\n  ".utf8) + Array(repeating: 0xFF, count: 12),
            offset: 37, message: "invalid UTF-8: byte 0xFF is not a valid character (YAML files must be UTF-8)"),
        Case(
            name: "a Latin-1 é in a value", bytes: Array("name: caf".utf8) + [0xE9] + Array("\n".utf8), offset: 9,
            message: "invalid UTF-8: byte 0xE9 is not a valid character (YAML files must be UTF-8)"),
        Case(
            name: "a UTF-16 byte order mark", bytes: [0xFF, 0xFE, 0x61, 0x00], offset: 0,
            message: "invalid UTF-8: byte 0xFF is not a valid character (YAML files must be UTF-8)"),
        Case(
            name: "a truncated three-byte character", bytes: Array("k: ".utf8) + [0xE2, 0x82], offset: 3,
            message: "invalid UTF-8: bytes 0xE2 0x82 are not a valid character (YAML files must be UTF-8)"),
    ]

    @Test(arguments: cases)
    func invalidUTF8IsALocatedError(_ c: Case) {
        let file = SourceFile(path: "bad.yaml", bytes: c.bytes)
        guard case .failure(let error) = YAMLReader.parse(file) else {
            Issue.record("parsed bytes that are not UTF-8")
            return
        }
        #expect(error.offset == c.offset)
        #expect(error.message == c.message)
        let d = error.diagnostic(in: file)
        #expect(d.range.map { $0.end.offset <= c.bytes.count } ?? false)
    }

    /// `\L` is two bytes written and three read (U+2028): a scalar's end, estimated from its
    /// value, stays inside the file.
    @Test func escapesLongerThanTheirTextStayInsideTheFile() throws {
        let text = #"k: "\L\L\L\L""#
        let file = SourceFile(path: "esc.yaml", text: text)
        let root = try YAMLReader.parse(file).get().root
        let value = try #require(root["k"])
        #expect(value.string == String(repeating: "\u{2028}", count: 4))
        #expect(value.start == 3 && value.end <= file.bytes.count)
    }
}

/// libyaml ends a line at a lone CR, NEL, LS and PS too, and counts a byte order mark as a
/// column; values keep their place whichever is used. The CR case is the second input
/// fuzz-yaml found (a comment ending in a lone CR put later values past the file's end).
@Suite struct YAMLReaderLineBreakTests {
    @Test(arguments: [
        ("LF", "\n"), ("CR LF", "\r\n"), ("lone CR", "\r"), ("NEL", "\u{85}"), ("LS", "\u{2028}"), ("PS", "\u{2029}"),
    ])
    func valuesKeepTheirPlace(_ name: String, _ br: String) throws {
        let text = "# a comment\(br)a: x\(br)list:\(br)  - é\(br)b: yz"
        let file = SourceFile(path: "br.yaml", text: text)
        let root = try YAMLReader.parse(file).get().root
        let bytes = Array(text.utf8)
        func at(_ needle: String) -> Int {
            let n = Array(needle.utf8)
            return (0...(bytes.count - n.count)).first { Array(bytes[$0..<$0 + n.count]) == n }!
        }
        #expect(root["a"]?.string == "x" && root["a"]?.start == at(": x") + 2, "\(name)")
        #expect(root["list"]?[0]?.string == "é" && root["list"]?[0]?.start == at("é"), "\(name)")
        #expect(root["b"]?.string == "yz" && root["b"]?.start == at("yz") && root["b"]?.end == bytes.count, "\(name)")
    }

    @Test func aByteOrderMarkDoesNotShiftValues() throws {
        let file = SourceFile(path: "bom.yaml", bytes: [0xEF, 0xBB, 0xBF] + Array("a: x\n".utf8))
        let root = try YAMLReader.parse(file).get().root
        #expect(root["a"]?.start == 6)
        #expect(root.members.first?.keyStart == 3)
    }

    /// Fuzz/corpus/yaml/lone-cr-comment.yaml, as fuzz-yaml saved it.
    @Test func theInputFuzzYAMLFound() throws {
        let bytes = try #require(Data(base64Encoded: "IyBXaGFBdCBvbmx5IHRoZSBvcmdhbmxsbGxsbGxsbGxsbGxsbGxsbGxsbGxsbGxsbGxsbGxsbGxsbGxsbGxsbGxsbGxsbGxsbGxsbGxsbGxsbGxsbGxsbGxsbGxsbGxsbGxsbGxsbGxsbGxsbGxsbGxsDSMgVGhlIFVTIHdvcmtzcGFjZSBvZiB0aGUgZXhhbXBsZSBsbGxsbGxsbGxsbGxsaXNhdGlvbiBrbm93czogaXRzIHZlbmRvcnMnIHRjdXJyZW50OgojIGh0dHBzOi8vd3d3LmRhdGFwcml2YWN5ZnJhbWV3b3JrLmdvdWJTcG90LCBTbGFja10KIyBodHRwczovL3d3dy5kYXRhcHJpdmFjeWYpCmJjclZlbmRvcnM6IFtdCg=="))
        let file = SourceFile(path: "lone-cr-comment.yaml", bytes: Array(bytes))
        switch YAMLReader.parse(file) {
        case .success(let tree): #expect(tree.root.end <= file.bytes.count)
        case .failure(let error): #expect(error.diagnostic(in: file).range.map { $0.end.offset <= file.bytes.count } ?? false)
        }
    }
}
