import Testing

@testable import ResidencyKit

/// All tokens of `text` up to (not including) end of file, and the lexer's diagnostics.
private func lex(_ text: String, start: Int = 0, end: Int? = nil) -> ([Token], [Diagnostic]) {
    var lexer = Lexer(file: SourceFile(path: "t", text: text), start: start, end: end)
    var tokens: [Token] = []
    while true {
        let t = lexer.next()
        if t.kind == .eof { break }
        tokens.append(t)
    }
    return (tokens, lexer.diagnostics)
}

/// A token in a compact form: `id:x`, `int:42`, `date:2025-04-03`, `str:"a"{3-5}`, `re:…`,
/// `invalid:@`, and punctuation as written.
private func render(_ t: Token) -> String {
    switch t.kind {
    case .identifier: return "id:\(t.text)"
    case .integer: return "int:\(t.number)"
    case .date: return "date:\(Day(daysSinceEpoch: Int32(t.number)))"
    case .regex: return "re:\(t.text)"
    case .invalid: return "invalid:\(t.text)"
    case .string:
        return "str:"
            + (t.literal?.parts ?? []).map {
                switch $0 {
                case .text(let s): SyntaxDump.quote(s)
                case .interpolation(let s, let e): "{\(s)-\(e)}"
                }
            }.joined()
    default: return t.text
    }
}

@Suite struct ParsingLexerTests {
    @Test(arguments: [
        ("policy RES-001 \"EU\" {", ["id:policy", "id:RES-001", "str:\"EU\"", "{"]),
        ("a-b a- b -c RES-001-x _x1", ["id:a-b", "id:a", "-", "id:b", "-", "id:c", "id:RES-001-x", "id:_x1"]),
        ("0 42 007 123456789012345678", ["int:0", "int:42", "int:7", "int:123456789012345678"]),
        ("2025-04-03 2000-02-29 1970-01-01", ["date:2025-04-03", "date:2000-02-29", "date:1970-01-01"]),
        (
            "{ } ( ) [ ] , : . = == != < <= > >= ??",
            ["{", "}", "(", ")", "[", "]", ",", ":", ".", "=", "==", "!=", "<", "<=", ">", ">=", "??"]
        ),
        ("a==b!=c<=d>=e??f", ["id:a", "==", "id:b", "!=", "id:c", "<=", "id:d", ">=", "id:e", "??", "id:f"]),
        ("a # comment == b \"x\nc#d", ["id:a", "id:c"]),
        (
            "and or not in true false every some count",
            ["id:and", "id:or", "id:not", "id:in", "id:true", "id:false", "id:every", "id:some", "id:count"]
        ),
        ("d.message.where", ["id:d", ".", "id:message", ".", "id:where"]),
        (#""a\"b\\c\nd\te\r""#, [#"str:"a\"b\\c\nd\te\r""#]),
        (#""\u{1F1EA}\u{41}é""#, ["str:\"🇪Aé\""]),
        ("\"{{x}} }}{{\"", ["str:\"{x} }{\""]),
        ("\"\"", ["str:"]),
        ("\"a{b}c\"", ["str:\"a\"{3-4}\"c\""]),
        ("\"{d.name}\"", ["str:{2-8}"]),
        ("\"{f(\"x}\")}!\"", ["str:{2-9}\"!\""]),
        ("re\"^eu-[a-z]+\\d$\"", ["re:^eu-[a-z]+\\d$"]),
        ("re\"a\\\"b\" re\"a\\\\\"", ["re:a\"b", "re:a\\\\"]),
        ("re x re \"x\" rex", ["id:re", "id:x", "id:re", "str:\"x\"", "id:rex"]),
        ("\u{FEFF}a", ["id:a"]),
    ])
    func tokens(_ source: String, _ expected: [String]) {
        let (tokens, diagnostics) = lex(source)
        #expect(tokens.map(render) == expected)
        // Invalid tokens come with a diagnostic; everything else must lex cleanly.
        let invalid = expected.filter { $0.hasPrefix("invalid:") }.count
        #expect(diagnostics.count == invalid, "\(diagnostics.map(\.message))")
    }

    @Test func positionsAreByteOffsets() {
        let source = "  ab\n  \"é\" 12"
        let (tokens, _) = lex(source)
        #expect(tokens.map(\.start) == [2, 7, 12])
        #expect(tokens.map(\.end) == [4, 11, 14])
        #expect(tokens[1].text == "\"é\"")
        let file = SourceFile(path: "t", text: source)
        let location = file.location(of: tokens[2].start)
        #expect((location.line, location.column) == (2, 7))
    }

    @Test func datesCarryDaysSinceEpoch() throws {
        let (tokens, _) = lex("1970-01-02 2025-04-03")
        #expect(tokens[0].number == 1)
        #expect(tokens[1].number == Int(try #require(Day(iso: "2025-04-03")).daysSinceEpoch))
    }

    @Test func subRangeKeepsTruePositions() {
        let source = "message \"{d.name} x\""
        let (tokens, diagnostics) = lex(source, start: 10, end: 16)
        #expect(tokens.map(render) == ["id:d", ".", "id:name"])
        #expect(tokens.map(\.start) == [10, 11, 12])
        #expect(diagnostics.isEmpty)
        #expect(lex(source, start: 10, end: 10).0.isEmpty)
    }

    @Test func eofRepeats() {
        var lexer = Lexer(file: SourceFile(path: "t", text: "x"))
        _ = lexer.next()
        #expect(lexer.next().kind == .eof)
        let again = lexer.next()
        #expect(again.kind == .eof && again.start == 1 && again.end == 1)
    }

    @Test(arguments: [
        ("x 1️⃣@ y", "E0001", "unexpected character `@`"),
        ("x 1️⃣&& y", "E0001", "unexpected characters `&&`"),
        ("x 1️⃣! y", "E0001", "unexpected character `!`"),
        ("1️⃣\"abc", "E0002", "unterminated string"),
        ("1️⃣\"abc\nx", "E0002", "unterminated string"),
        ("\"a1️⃣\\qb\"", "E0003", "unknown escape sequence `\\q` in string"),
        ("\"a1️⃣\\{b\"", "E0003", "unknown escape sequence `\\{` in string"),
        ("\"1️⃣\\u{110000}\"", "E0004", "invalid Unicode escape `\\u{110000}`"),
        ("\"1️⃣\\u{}\"", "E0004", "invalid Unicode escape `\\u{}`"),
        ("\"1️⃣\\u41\"", "E0004", "invalid Unicode escape `\\u`"),
        ("\"a1️⃣}b\"", "E0005", "unmatched `}` in string"),
        ("\"a1️⃣{b\" x", "E0006", "unclosed `{` in string"),
        ("1️⃣1234567890123456789", "E0007", "integer `1234567890123456789` is too long"),
        ("1️⃣2025-4-3", "E0008", "`2025-4-3` is not a date"),
        ("1️⃣2026-02-30", "E0009", "`2026-02-30` is not a real calendar date"),
        ("1️⃣2025-13-01", "E0009", "`2025-13-01` is not a real calendar date"),
        ("1️⃣re\"abc", "E0010", "unterminated regular expression"),
        ("1️⃣42abc", "E0011", "`42abc` is not a number"),
    ])
    func errors(_ source: String, _ code: String, _ message: String) throws {
        let marked = Marked(source)
        let (_, diagnostics) = lex(marked.text)
        try #require(diagnostics.count == 1, "\(diagnostics.map(\.message))")
        let d = diagnostics[0]
        let place = try #require(marked.markers[1])
        #expect(d.code == code)
        #expect(d.message == message)
        #expect(d.range?.start.line == place.line && d.range?.start.column == place.column)
    }

    @Test func errorsDoNotStopLexing() {
        let (tokens, diagnostics) = lex("a @ \"x\\qy\" 2026-02-30 b \"open")
        #expect(tokens.map(render) == ["id:a", "invalid:@", "str:\"xqy\"", "invalid:2026-02-30", "id:b", "str:\"open\""])
        #expect(diagnostics.map(\.code) == ["E0001", "E0003", "E0009", "E0002"])
    }

    @Test func impossibleDatesExplainWhy() {
        #expect(lex("2026-02-30").1.first?.help == "February 2026 has 28 days")
        #expect(lex("2024-02-30").1.first?.help == "February 2024 has 29 days")
        #expect(lex("2025-13-01").1.first?.help == "months run from 01 to 12")
        #expect(lex("2025-04-00").1.first?.help == "days of the month start at 01")
    }

    @Test func unclosedInterpolationEndsStringAtNextQuote() {
        let (tokens, diagnostics) = lex("\"a{b\" c")
        #expect(tokens.map(render) == ["str:\"a\"", "id:c"])
        #expect(diagnostics.map(\.code) == ["E0006"])
    }
}
