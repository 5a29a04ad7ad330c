import Foundation
import Testing

@testable import ResidencyKit

@Suite struct StructuredDataJSONErrorTests {
    /// Input → line and column of the error, and a fragment of its message.
    static let invalidDocuments: [(String, Int, Int, String)] = [
        ("", 1, 1, "the file is empty"),
        ("  \n\t ", 1, 1, "the file is empty"),
        ("\u{FEFF}", 1, 1, "the file is empty"),
        // Structure.
        ("{\"a\":1]", 1, 7, "expected `,` or `}` after an object member, found `]`"),
        ("[1}", 1, 3, "expected `,` or `]` after an array element, found `}`"),
        ("{\"a\":1 \"b\":2}", 1, 8, "expected `,` or `}` after an object member, found `\"`"),
        ("[1 2]", 1, 4, "expected `,` or `]` after an array element, found `2`"),
        ("[true false]", 1, 7, "found `false`"),
        ("{\"a\":1,}", 1, 7, "trailing comma before `}` is not allowed in JSON"),
        ("[1,2,]", 1, 5, "trailing comma before `]` is not allowed in JSON"),
        ("{\n  \"a\": 1,\n  \"b\": [1, 2,\n  ]\n}", 3, 13, "trailing comma before `]`"),
        ("[1,,2]", 1, 4, "expected a JSON value, found `,`"),
        ("{\"a\":}", 1, 6, "expected a JSON value, found `}`"),
        ("{a:1}", 1, 2, "expected an object key in double quotes, found `a`"),
        ("{1:1}", 1, 2, "expected an object key in double quotes, found `1`"),
        ("{'a':1}", 1, 2, "object keys in JSON must be in double quotes"),
        ("{\"a\" 1}", 1, 6, "expected `:` after an object key, found `1`"),
        ("{\"a\"=1}", 1, 5, "expected `:` after an object key, found `=`"),
        ("['a']", 1, 2, "strings in JSON must be in double quotes"),
        ("[1] x", 1, 5, "unexpected `x` after the JSON value"),
        ("{} {}", 1, 4, "unexpected `{` after the JSON value (a JSON file holds one value"),
        ("0x1F", 1, 2, "unexpected `x1F` after the JSON value"),
        // End of file inside a value.
        ("[", 1, 2, "unexpected end of file, expected a JSON value"),
        ("{\"a\":1", 1, 7, "unexpected end of file, expected `,` or `}` after an object member"),
        ("[1,\n2", 2, 2, "unexpected end of file, expected `,` or `]` after an array element"),
        ("{\"a\"", 1, 5, "unexpected end of file, expected `:` after an object key"),
        ("{", 1, 2, "unexpected end of file, expected an object key in double quotes"),
        // Comments and other habits from JavaScript, YAML and Python.
        ("// note\n{}", 1, 1, "comments are not allowed in JSON"),
        ("{\"a\":1 /* c */}", 1, 8, "comments are not allowed in JSON"),
        ("[1] // done", 1, 5, "comments are not allowed in JSON"),
        ("[NaN]", 1, 2, "`NaN` is not allowed in JSON"),
        ("[Infinity]", 1, 2, "`Infinity` is not allowed in JSON"),
        ("[-Infinity]", 1, 2, "`-Infinity` is not allowed in JSON"),
        ("[true, True]", 1, 8, "`True` is not a JSON value: JSON literals are lowercase (`true`)"),
        ("[NULL]", 1, 2, "literals are lowercase (`null`)"),
        ("[undefined]", 1, 2, "expected a JSON value, found `undefined`"),
        ("[tru]", 1, 2, "expected a JSON value, found `tru`"),
        ("nul", 1, 1, "expected a JSON value, found `nul`"),
        ("[é]", 1, 2, "expected a JSON value, found `é`"),
        ("[\u{A0}1]", 1, 2, "expected a JSON value, found U+00A0"),
        ("[`x`]", 1, 2, "found a backtick"),
        // Numbers.
        ("[01]", 1, 2, "leading zeros are not allowed in JSON numbers"),
        ("-012", 1, 2, "leading zeros are not allowed"),
        ("[-]", 1, 3, "expected a digit after `-`, found `]`"),
        ("-", 1, 2, "unexpected end of file, expected a digit after `-`"),
        ("[1.]", 1, 4, "expected a digit after the decimal point, found `]`"),
        ("[1.e5]", 1, 4, "expected a digit after the decimal point, found `e5`"),
        ("[1e]", 1, 4, "expected a digit in the exponent, found `]`"),
        ("[1e+]", 1, 5, "expected a digit in the exponent"),
        ("[+1]", 1, 2, "a leading `+` is not allowed in JSON numbers"),
        ("[.5]", 1, 2, "a JSON number must start with a digit: write `0.5`"),
        // Strings.
        ("[\"abc", 1, 2, "unterminated string"),
        ("[\"abc\\", 1, 2, "unterminated string"),
        ("[\"a\tb\"]", 1, 4, "unescaped control character U+0009 in a string: write it as `\\t`"),
        ("[\"a\nb\"]", 1, 4, "unescaped line break U+000A in a string: write it as `\\n` (or is a closing `\"` missing?)"),
        ("[\"a\u{1}\"]", 1, 4, "U+0001 in a string: write it as `\\u0001`"),
        (#"["a\x"]"#, 1, 4, "invalid escape `\\x` in a string"),
        (#"["\'"]"#, 1, 3, "invalid escape `\\'` in a string"),
        (#"["\u12G4"]"#, 1, 3, "invalid escape `\\u12G`: `\\u` must be followed by four hex digits"),
        (#"["\u12"]"#, 1, 3, "invalid escape `\\u12`"),
        (#"["\ud83d"]"#, 1, 3, "lone surrogate `\\ud83d`: a high surrogate escape must be followed by a low surrogate escape"),
        (#"["\ud83d\u0041"]"#, 1, 3, "lone surrogate `\\ud83d`"),
        (#"["x\ude00"]"#, 1, 4, "lone surrogate `\\ude00`: a low surrogate escape must follow a high surrogate escape"),
        ("[\"🇪🇺\\q\"]", 1, 5, "invalid escape `\\q`"),
        ("{\"a\\\n\":1}", 1, 4, "invalid escape `\\` followed by U+000A"),
        // A UTF-8 byte order mark is skipped, but positions still count it.
        ("\u{FEFF}[1,]", 1, 4, "trailing comma before `]`"),
    ]

    @Test("StructuredData: invalid JSON is reported at the offending position", arguments: invalidDocuments)
    func invalid(_ input: String, _ line: Int, _ column: Int, _ fragment: String) throws {
        try check(SourceFile(path: "bad.json", text: input), line, column, fragment)
    }

    /// Bytes that are not UTF-8 → column of the first offending byte and message fragment.
    static let nonUTF8Documents: [([UInt8], Int, String)] = [
        (Array("[\"a".utf8) + [0xFF] + Array("\"]".utf8), 4, "invalid UTF-8: byte 0xFF is not a valid character"),
        (Array("[\"".utf8) + [0xC0, 0xAF] + Array("\"]".utf8), 3, "byte 0xC0"),  // overlong `/`
        (Array("[\"".utf8) + [0xE0, 0x80, 0xAF] + Array("\"]".utf8), 3, "bytes 0xE0 0x80"),  // overlong
        (Array("[\"".utf8) + [0xED, 0xA0, 0x80] + Array("\"]".utf8), 3, "bytes 0xED 0xA0"),  // UTF-16 surrogate
        (Array("[\"".utf8) + [0xF4, 0x90, 0x80, 0x80] + Array("\"]".utf8), 3, "bytes 0xF4 0x90"),  // > U+10FFFF
        (Array("[\"".utf8) + [0xE2, 0x82] + Array("\"]".utf8), 3, "bytes 0xE2 0x82 0x22"),  // truncated
        (Array("[\"".utf8) + [0x80] + Array("\"]".utf8), 3, "byte 0x80"),  // stray continuation
        (Array("[\"ok\\n".utf8) + [0xFE] + Array("\"]".utf8), 7, "byte 0xFE"),  // after an escape
        (Array("[".utf8) + [0xFF] + Array("]".utf8), 2, "invalid UTF-8: byte 0xFF"),  // outside a string
        (Array("[1]".utf8) + [0xC3], 4, "byte 0xC3"),  // truncated at the end
        (Array("[\"abc\u{0}\"]".utf8), 6, "U+0000 in a string"),
    ]

    @Test("StructuredData: invalid UTF-8 and raw NUL bytes are errors", arguments: nonUTF8Documents)
    func invalidUTF8(_ bytes: [UInt8], _ column: Int, _ fragment: String) throws {
        try check(SourceFile(path: "bad.json", bytes: bytes), 1, column, fragment)
    }

    private func check(
        _ file: SourceFile, _ line: Int, _ column: Int, _ fragment: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        guard case .failure(let error) = JSONReader.parse(file) else {
            Issue.record("expected an error containing \"\(fragment)\"", sourceLocation: sourceLocation)
            return
        }
        let location = file.location(of: error.offset)
        #expect(error.message.contains(fragment), "message: \(error.message)", sourceLocation: sourceLocation)
        #expect(
            "\(location.line):\(location.column)" == "\(line):\(column)", "message: \(error.message)",
            sourceLocation: sourceLocation)
        #expect(error.offset + error.length <= file.bytes.count, sourceLocation: sourceLocation)
    }

    @Test("StructuredData: the error becomes diagnostic E0601 at the offending bytes")
    func diagnostic() throws {
        let file = SourceFile(path: "exports/ws.json", text: "{\n  \"a\": 1]\n}")
        let error = try #require(JSONReader.parse(file).failure)
        #expect(
            error
                == JSONSyntaxError(
                    offset: 10, length: 1,
                    message: "expected `,` or `}` after an object member, found `]`"))
        let diagnostic = error.diagnostic(in: file)
        #expect(diagnostic.code == "E0601" && diagnostic.severity == .error)
        #expect(diagnostic.message == "invalid JSON: expected `,` or `}` after an object member, found `]`")
        let range = try #require(diagnostic.range)
        #expect(range.file == "exports/ws.json")
        #expect(range.start.line == 2 && range.start.column == 9 && range.end.column == 10)
    }

    @Test("StructuredData: nesting is limited to 512 levels without recursion")
    func depth() throws {
        let limit = JSONReader.maximumDepth
        let deepest = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        #expect(try parseJSON(deepest).root.kind == .array)
        let objects = String(repeating: "{\"a\":", count: limit) + "1" + String(repeating: "}", count: limit)
        #expect(try parseJSON(objects).root.kind == .object)

        // The 513th container is the error: a byte offset, not a crash or a stack overflow.
        let cases = [
            (String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1), limit),
            (String(repeating: "[", count: 100_000), limit),
            (String(repeating: "{\"k\":[", count: 50_000), 6 * (limit / 2)),
        ]
        for (input, offset) in cases {
            let error = try #require(JSONReader.parse(input).failure)
            #expect(error.message == "nesting deeper than 512 objects and arrays is not supported")
            #expect(error.offset == offset)
        }
    }
}

extension Result {
    /// The error of a failed result.
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

/// A file in UTF-16 or UTF-32 (an export saved by a Windows editor, a PowerShell redirect) is
/// named as such, with how to convert it, rather than failing at its first zero byte.
@Suite struct StructuredDataJSONWideEncodingTests {
    static func encoded(_ text: String, _ encoding: String.Encoding, bom: [UInt8] = []) -> [UInt8] {
        bom + Array(text.data(using: encoding)!)
    }

    static let cases: [(String, [UInt8], String?)] = [
        ("UTF-16LE with a mark", encoded("{\"a\": 1}", .utf16LittleEndian, bom: [0xFF, 0xFE]), "UTF-16LE"),
        ("UTF-16BE with a mark", encoded("{\"a\": 1}", .utf16BigEndian, bom: [0xFE, 0xFF]), "UTF-16BE"),
        ("UTF-16LE", encoded("{\"a\": 1}", .utf16LittleEndian), "UTF-16LE"),
        ("UTF-16BE", encoded("[1]", .utf16BigEndian), "UTF-16BE"),
        ("UTF-32LE", encoded("{\"a\": 1}", .utf32LittleEndian), "UTF-32LE"),
        ("UTF-32BE with a mark", encoded("{}", .utf32BigEndian, bom: [0, 0, 0xFE, 0xFF]), "UTF-32BE"),
        // UTF-8 that is simply wrong keeps its own message.
        ("UTF-8", Array("{\"a\" 1}".utf8), nil),
    ]

    @Test(arguments: cases)
    func wideEncodingsAreNamed(name: String, bytes: [UInt8], encoding: String?) throws {
        guard case .failure(let error) = JSONReader.parse(SourceFile(path: "x.json", bytes: bytes)) else {
            Issue.record("\(name) was accepted")
            return
        }
        if let encoding {
            #expect(error.offset == 0)
            #expect(error.message.hasPrefix("the file is \(encoding), not UTF-8"), "\(error.message)")
            #expect(error.message.contains("iconv -f \(encoding) -t UTF-8"))
        } else {
            #expect(!error.message.contains("not UTF-8"), "\(error.message)")
        }
    }
}
