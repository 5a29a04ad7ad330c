/// Turns the UTF-8 bytes of a policy file, or a slice of them, into tokens.
///
/// Positions are always byte offsets into the whole file, also when only a slice is lexed:
/// the parser lexes each `{…}` interpolation of a template in place, and diagnostics about
/// it must point into the file. The lexer never stops at a problem: it records a
/// diagnostic, produces the best token it can, and goes on.
struct Lexer: Sendable {
    private let file: SourceFile
    private let end: Int
    private var position: Int
    /// Problems found so far, in the order they were found.
    package private(set) var diagnostics: [Diagnostic] = []
    /// The `#` comments passed over so far, in source order. The parser never looks at them;
    /// they are kept for the formatter, which must put every one back.
    private(set) var comments: [Comment] = []

    /// A lexer over `file.bytes[start..<end]`; the whole file by default.
    init(file: SourceFile, start: Int = 0, end: Int? = nil) {
        let limit = min(max(end ?? file.bytes.count, 0), file.bytes.count)
        var first = min(max(start, 0), limit)
        // Editors on Windows like to write a byte order mark; it is not part of the text.
        if first == 0, limit >= 3, file.bytes[0] == 0xEF, file.bytes[1] == 0xBB, file.bytes[2] == 0xBF {
            first = 3
        }
        self.file = file
        self.end = limit
        self.position = first
    }

    /// The next token; `.eof` (repeatedly) once the input is used up.
    mutating func next() -> Token {
        skipTrivia()
        let start = position
        guard start < end else { return Token(kind: .eof, start: end, end: end, text: "") }
        let c = file.bytes[start]
        if Self.isIdentifierStart(c) { return identifierOrRegex() }
        if Self.isDigit(c) { return numberOrDate() }
        switch c {
        case Byte.quote: return string()
        case Byte.lbrace: return punctuation(.lbrace, 1)
        case Byte.rbrace: return punctuation(.rbrace, 1)
        case Byte.lparen: return punctuation(.lparen, 1)
        case Byte.rparen: return punctuation(.rparen, 1)
        case Byte.lbracket: return punctuation(.lbracket, 1)
        case Byte.rbracket: return punctuation(.rbracket, 1)
        case Byte.comma: return punctuation(.comma, 1)
        case Byte.colon: return punctuation(.colon, 1)
        case Byte.dot: return punctuation(.dot, 1)
        case Byte.equals: return byte(start + 1) == Byte.equals ? punctuation(.eq, 2) : punctuation(.assign, 1)
        case Byte.less: return byte(start + 1) == Byte.equals ? punctuation(.le, 2) : punctuation(.lt, 1)
        case Byte.greater: return byte(start + 1) == Byte.equals ? punctuation(.ge, 2) : punctuation(.gt, 1)
        case Byte.bang where byte(start + 1) == Byte.equals: return punctuation(.ne, 2)
        case Byte.question where byte(start + 1) == Byte.question: return punctuation(.coalesce, 2)
        case Byte.plus: return punctuation(.plus, 1)
        case Byte.minus: return punctuation(.minus, 1)
        case Byte.star: return punctuation(.star, 1)
        case Byte.slash: return punctuation(.slash, 1)
        default: return invalidRun()
        }
    }

    // MARK: - Tokens

    private mutating func punctuation(_ kind: Token.Kind, _ length: Int) -> Token {
        let start = position
        position += length
        return Token(kind: kind, start: start, end: position, text: text(start, position))
    }

    private mutating func identifierOrRegex() -> Token {
        let start = position
        let wordEnd = scanWord(from: start)
        // `re"…"` is one token; `re` followed by anything else is an ordinary name.
        if wordEnd - start == 2, file.bytes[start] == Byte.r, file.bytes[start + 1] == Byte.e, byte(wordEnd) == Byte.quote {
            return regex(start: start, quote: wordEnd)
        }
        position = wordEnd
        return Token(kind: .identifier, start: start, end: wordEnd, text: text(start, wordEnd))
    }

    /// Integers and dates share a start; the whole word is read first so that `2025-4-3` or
    /// `42abc` is one bad token with one diagnostic rather than a run of confusing ones.
    private mutating func numberOrDate() -> Token {
        let start = position
        let wordEnd = scanWord(from: start)
        position = wordEnd
        let word = text(start, wordEnd)
        let bytes = file.bytes[start..<wordEnd]
        // Only an error needs the line and column, which cost a scan of the line.
        var range: SourceRange { file.range(start, wordEnd) }
        if bytes.allSatisfy(Self.isDigit) {
            guard bytes.count <= 18, let value = Int(word) else {
                diagnostics.append(.integerTooLong(word, at: range))
                return Token(kind: .invalid, start: start, end: wordEnd, text: word)
            }
            return Token(kind: .integer, start: start, end: wordEnd, text: word, number: value)
        }
        if Self.hasDateShape(bytes) {
            if let day = Day(iso: word) {
                return Token(kind: .date, start: start, end: wordEnd, text: word, number: Int(day.daysSinceEpoch))
            }
            diagnostics.append(.impossibleDate(word, at: range, help: Self.whyNotADate(word)))
        } else if bytes.contains(Byte.minus) {
            diagnostics.append(.malformedDate(word, at: range))
        } else {
            diagnostics.append(.malformedNumber(word, at: range))
        }
        return Token(kind: .invalid, start: start, end: wordEnd, text: word)
    }

    private mutating func string() -> Token {
        let start = position
        var p = start + 1
        var parts: [StringLiteral.Part] = []
        var buffer: [UInt8] = []
        scan: while true {
            guard p < end, file.bytes[p] != Byte.newline else {
                diagnostics.append(.unterminatedString(at: file.range(start, p)))
                break scan
            }
            let c = file.bytes[p]
            switch c {
            case Byte.quote:
                p += 1
                break scan
            case Byte.backslash:
                p = escape(at: p, into: &buffer)
            case Byte.lbrace where byte(p + 1) == Byte.lbrace:
                buffer.append(Byte.lbrace)
                p += 2
            case Byte.lbrace:
                if let close = interpolationEnd(from: p + 1) {
                    Self.flush(&buffer, into: &parts)
                    parts.append(.interpolation(start: p + 1, end: close))
                    p = close + 1
                } else {
                    diagnostics.append(.unclosedInterpolation(at: file.range(p, p + 1)))
                    // Most likely the `}` was forgotten: end the string at the next quote
                    // on the line, so that one slip gives one error.
                    var q = p + 1
                    while q < end, file.bytes[q] != Byte.newline, file.bytes[q] != Byte.quote { q += 1 }
                    p = q < end && file.bytes[q] == Byte.quote ? q + 1 : q
                    break scan
                }
            case Byte.rbrace:
                if byte(p + 1) == Byte.rbrace {
                    p += 2
                } else {
                    diagnostics.append(.unmatchedClosingBrace(at: file.range(p, p + 1)))
                    p += 1
                }
                buffer.append(Byte.rbrace)
            default:
                buffer.append(c)
                p += 1
            }
        }
        Self.flush(&buffer, into: &parts)
        position = p
        return Token(kind: .string, start: start, end: p, text: text(start, p), literal: StringLiteral(parts: parts))
    }

    /// Decodes the escape starting at the backslash at `p`; returns the offset after it.
    private mutating func escape(at p: Int, into buffer: inout [UInt8]) -> Int {
        let next = byte(p + 1)
        switch next {
        case Byte.quote, Byte.backslash:
            buffer.append(next)
            return p + 2
        case Byte.n:
            buffer.append(Byte.newline)
            return p + 2
        case Byte.t:
            buffer.append(0x09)
            return p + 2
        case Byte.r:
            buffer.append(0x0D)
            return p + 2
        case Byte.u:
            return unicodeEscape(at: p, into: &buffer)
        case 0, Byte.newline:
            // A backslash at the end of the line: the string is unterminated, and that is
            // the error worth reporting.
            return p + 1
        default:
            let after = min(end, p + 1 + Self.scalarLength(next))
            let help: String? = next == Byte.lbrace || next == Byte.rbrace ? "write `{{` or `}}` for a literal brace" : nil
            diagnostics.append(.unknownEscape(text(p, after), at: file.range(p, after), help: help))
            buffer.append(contentsOf: file.bytes[(p + 1)..<after])
            return after
        }
    }

    private mutating func unicodeEscape(at p: Int, into buffer: inout [UInt8]) -> Int {
        var q = p + 2
        guard byte(q) == Byte.lbrace else {
            diagnostics.append(.invalidUnicodeEscape(text(p, q), at: file.range(p, q)))
            return q
        }
        q += 1
        var value: UInt32 = 0
        var digits = 0
        while q < end, let h = Self.hexValue(file.bytes[q]), digits <= 8 {
            value = value &* 16 &+ UInt32(h)
            digits += 1
            q += 1
        }
        let closed = byte(q) == Byte.rbrace
        let after = closed ? q + 1 : q
        guard closed, (1...8).contains(digits), let scalar = Unicode.Scalar(value) else {
            diagnostics.append(.invalidUnicodeEscape(text(p, after), at: file.range(p, after)))
            return after
        }
        buffer.append(contentsOf: String(Character(scalar)).utf8)
        return after
    }

    /// The offset of the `}` ending the interpolation whose expression starts at `from`, or
    /// nil when the line ends first. Strings inside the expression (`{d.tags.contains("}")}`)
    /// are skipped whole, so their braces and quotes do not end it.
    private func interpolationEnd(from: Int) -> Int? {
        var q = from
        while q < end {
            switch file.bytes[q] {
            case Byte.newline:
                return nil
            case Byte.rbrace:
                return q
            case Byte.quote:
                q += 1
                while q < end, file.bytes[q] != Byte.quote, file.bytes[q] != Byte.newline {
                    q += file.bytes[q] == Byte.backslash && q + 1 < end && file.bytes[q + 1] != Byte.newline ? 2 : 1
                }
                guard q < end, file.bytes[q] == Byte.quote else { return nil }
                q += 1
            default:
                q += 1
            }
        }
        return nil
    }

    /// `re"…"`: the pattern is kept verbatim; `\"` is the only escape, and any other
    /// backslash pair is kept as written (and cannot end the pattern), so `re"a\\"` works.
    private mutating func regex(start: Int, quote: Int) -> Token {
        var p = quote + 1
        var buffer: [UInt8] = []
        while true {
            guard p < end, file.bytes[p] != Byte.newline else {
                diagnostics.append(.unterminatedRegex(at: file.range(start, p)))
                break
            }
            let c = file.bytes[p]
            if c == Byte.quote {
                p += 1
                break
            }
            if c == Byte.backslash, p + 1 < end, file.bytes[p + 1] != Byte.newline {
                if file.bytes[p + 1] != Byte.quote { buffer.append(c) }
                buffer.append(file.bytes[p + 1])
                p += 2
            } else {
                buffer.append(c)
                p += 1
            }
        }
        position = p
        return Token(kind: .regex, start: start, end: p, text: String(decoding: buffer, as: UTF8.self))
    }

    /// A run of characters that start no token becomes one `.invalid` token and one
    /// diagnostic, so a pasted blob of garbage does not produce hundreds of errors.
    private mutating func invalidRun() -> Token {
        let start = position
        var q = start
        repeat {
            q = min(end, q + Self.scalarLength(file.bytes[q]))
        } while q < end && !startsToken(at: q)
        position = q
        let word = text(start, q)
        let help: String? =
            switch file.bytes[start] {
            case Byte.bang: "write `not` to negate a condition, and `!=` for “not equal”"
            case UInt8(ascii: "&"): "write `and` to combine conditions"
            case UInt8(ascii: "|"): "write `or` to combine conditions"
            case Byte.question: "write `??` to give a default value, e.g. `d.region ?? \"unknown\"`"
            case UInt8(ascii: "'"): "strings are written in double quotes"
            case UInt8(ascii: ";"): "clauses need no separator"
            default: nil
            }
        diagnostics.append(.unexpectedCharacters(word, at: file.range(start, q), help: help))
        return Token(kind: .invalid, start: start, end: q, text: word)
    }

    // MARK: - Scanning helpers

    private mutating func skipTrivia() {
        while position < end {
            let c = file.bytes[position]
            if c == Byte.space || c == 0x09 || c == Byte.newline || c == 0x0D {
                position += 1
            } else if c == Byte.hash {
                let start = position
                while position < end, file.bytes[position] != Byte.newline { position += 1 }
                // A `\r` of a CRLF line ending, and spaces before it, are not part of the text.
                var last = position
                while last > start, Self.isBlank(file.bytes[last - 1]) { last -= 1 }
                comments.append(Comment(start: start, end: last, text: text(start, last)))
            } else {
                return
            }
        }
    }

    /// The end of the identifier-like word starting at `from`: letters, digits, `_`, and a
    /// `-` that is followed by a letter or digit (`RES-001`, `2025-04-03`).
    private func scanWord(from: Int) -> Int {
        var q = from
        while q < end {
            let c = file.bytes[q]
            if Self.isIdentifierContinue(c) {
                q += 1
            } else if c == Byte.minus, q + 1 < end, Self.isLetter(file.bytes[q + 1]) || Self.isDigit(file.bytes[q + 1]) {
                q += 2
            } else {
                break
            }
        }
        return q
    }

    private func startsToken(at q: Int) -> Bool {
        let c = file.bytes[q]
        if Self.isIdentifierStart(c) || Self.isDigit(c) { return true }
        switch c {
        case Byte.space, 0x09, Byte.newline, 0x0D, Byte.quote, Byte.hash,
            Byte.lbrace, Byte.rbrace, Byte.lparen, Byte.rparen, Byte.lbracket, Byte.rbracket,
            Byte.comma, Byte.colon, Byte.dot, Byte.equals, Byte.less, Byte.greater, Byte.plus, Byte.minus, Byte.star,
            Byte.slash:
            return true
        case Byte.bang: return byte(q + 1) == Byte.equals
        case Byte.question: return byte(q + 1) == Byte.question
        default: return false
        }
    }

    /// The byte at `i`, or 0 past the end of the slice (0 matches nothing we look for).
    private func byte(_ i: Int) -> UInt8 { i < end ? file.bytes[i] : 0 }

    private func text(_ start: Int, _ end: Int) -> String {
        String(decoding: file.bytes[start..<end], as: UTF8.self)
    }

    private static func flush(_ buffer: inout [UInt8], into parts: inout [StringLiteral.Part]) {
        guard !buffer.isEmpty else { return }
        parts.append(.text(String(decoding: buffer, as: UTF8.self)))
        buffer.removeAll(keepingCapacity: true)
    }

    private static func hasDateShape(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count == 10 else { return false }
        for (i, c) in zip(0..., bytes) {
            let ok = i == 4 || i == 7 ? c == Byte.minus : isDigit(c)
            if !ok { return false }
        }
        return true
    }

    /// Help for a date of the right shape that is not a real day.
    private static func whyNotADate(_ word: String) -> String {
        let fields = word.split(separator: "-").compactMap { Int($0) }
        guard fields.count == 3 else { return "dates are written YYYY-MM-DD" }
        let (year, month, day) = (fields[0], fields[1], fields[2])
        if year == 0 { return "years run from 0001 to 9999" }
        guard (1...12).contains(month) else { return "months run from 01 to 12" }
        if day == 0 { return "days of the month start at 01" }
        let names = [
            "January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December",
        ]
        return "\(names[month - 1]) \(year) has \(Day.daysInMonth(year: year, month: month)) days"
    }

    private static func isBlank(_ c: UInt8) -> Bool { c == Byte.space || c == 0x09 || c == 0x0D }
    private static func isLetter(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }
    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    private static func isIdentifierStart(_ c: UInt8) -> Bool { isLetter(c) || c == Byte.underscore }
    private static func isIdentifierContinue(_ c: UInt8) -> Bool { isIdentifierStart(c) || isDigit(c) }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x41...0x46: c - 0x41 + 10
        case 0x61...0x66: c - 0x61 + 10
        default: nil
        }
    }

    /// Length of the UTF-8 sequence a lead byte starts (1 for stray continuation bytes),
    /// so that diagnostics quote whole characters.
    private static func scalarLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...0xF7: 4
        case 0xE0...0xEF: 3
        case 0xC0...0xDF: 2
        default: 1
        }
    }
}

/// ASCII bytes the lexer looks for, named for readability.
private enum Byte {
    static let newline = UInt8(ascii: "\n")
    static let space = UInt8(ascii: " ")
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let hash = UInt8(ascii: "#")
    static let lbrace = UInt8(ascii: "{")
    static let rbrace = UInt8(ascii: "}")
    static let lparen = UInt8(ascii: "(")
    static let rparen = UInt8(ascii: ")")
    static let lbracket = UInt8(ascii: "[")
    static let rbracket = UInt8(ascii: "]")
    static let comma = UInt8(ascii: ",")
    static let colon = UInt8(ascii: ":")
    static let dot = UInt8(ascii: ".")
    static let equals = UInt8(ascii: "=")
    static let less = UInt8(ascii: "<")
    static let greater = UInt8(ascii: ">")
    static let bang = UInt8(ascii: "!")
    static let question = UInt8(ascii: "?")
    static let minus = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+")
    static let star = UInt8(ascii: "*")
    static let slash = UInt8(ascii: "/")
    static let underscore = UInt8(ascii: "_")
    static let n = UInt8(ascii: "n")
    static let t = UInt8(ascii: "t")
    static let r = UInt8(ascii: "r")
    static let u = UInt8(ascii: "u")
    static let e = UInt8(ascii: "e")
}
