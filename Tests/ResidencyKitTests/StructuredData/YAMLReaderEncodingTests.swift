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
