/// A token of application code: what `residency scan` reads instead of lines, so that a
/// setting in a comment or inside a string is never taken for code, and code inside a
/// string's interpolation makes that string's value unknown rather than literal.
struct CodeToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable { case identifier, string, number, punctuation }
    var kind: Kind
    /// An identifier or punctuation as written; a string's value with its escapes decoded
    /// (interpolations kept as written).
    var text: String
    /// A string that interpolates code (`${host}`, `\(host)`, `#{host}`, an f-string): its
    /// value is not a constant.
    var interpolated = false
    /// Byte offsets into the file.
    var start: Int
    var end: Int

    func isPunctuation(_ p: String) -> Bool { kind == .punctuation && text == p }
    func isIdentifier(_ name: String) -> Bool { kind == .identifier && text == name }
}

/// Splits a file into `CodeToken`s by the rules of its `CodeLanguage`. Markup files (HTML,
/// templates) are read for their `<script>` elements only. A string or comment that never
/// ends is a `Failure` at its start: the file is named, not guessed at.
struct CodeTokenizer {
    struct Failure: Error, Sendable, Hashable {
        var message: String
        var offset: Int
    }

    let bytes: [UInt8]
    let language: CodeLanguage
    /// JSX may stand where an operand is expected (`.jsx`, `.tsx` and JavaScript files, where
    /// React and React Native code writes it; not TypeScript's `.ts`, where `<T>` is a type).
    var jsx = false
    private var i = 0
    private var end = 0
    private var tokens: [CodeToken] = []

    init(bytes: [UInt8], language: CodeLanguage) {
        self.bytes = bytes
        self.language = language
    }

    /// The tokens of the whole file, or of its script elements when `markup`.
    static func tokens(
        _ bytes: [UInt8], _ language: CodeLanguage, markup: Bool = false, jsx: Bool = false
    ) -> Result<[CodeToken], Failure> {
        var tokenizer = CodeTokenizer(bytes: bytes, language: language)
        tokenizer.jsx = jsx && language.family == .javascript
        do {
            if markup {
                for range in scriptRanges(bytes) { try tokenizer.run(range) }
            } else {
                try tokenizer.run(0..<bytes.count)
            }
            return .success(tokenizer.tokens)
        } catch {
            return .failure(error)
        }
    }

    /// The tokens of one range of a file (the code a string of it holds).
    static func tokens(_ bytes: [UInt8], _ language: CodeLanguage, in range: Range<Int>) -> Result<[CodeToken], Failure> {
        var tokenizer = CodeTokenizer(bytes: bytes, language: language)
        do {
            try tokenizer.run(range)
            return .success(tokenizer.tokens)
        } catch {
            return .failure(error)
        }
    }

    private mutating func run(_ range: Range<Int>) throws(Failure) {
        i = range.lowerBound
        end = range.upperBound
        while i < end { try step() }
    }

    /// One token, comment or space from `i`.
    private mutating func step() throws(Failure) {
        let c = bytes[i]
        if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C { i += 1; return }
        if try skipComment() { return }
        if c == 0x22 || c == 0x27 { try string(from: i, prefix: ""); return }
        if c == 0x60 { try backtick(); return }
        if isIdentifierStart(c) { try identifierOrPrefixedString(); return }
        if c >= 0x30 && c <= 0x39 { number(); return }
        if c == 0x2F, language.family == .javascript, regexMayStart() { try regex(); return }
        if c == 0x3C, jsxMayStart() { try jsxElement(); return }
        if c == 0x40 || c == 0x24, language.family == .csharp, try csharpString() { return }
        if c == 0x23, language.family == .swift, rawSwiftString() { return }
        punctuation()
    }

    // MARK: comments

    private mutating func skipComment() throws(Failure) -> Bool {
        for marker in language.lineComments where has(marker) {
            while i < end, bytes[i] != 0x0A { i += 1 }
            return true
        }
        if language.blockComments, has("/*") {
            let start = i
            var depth = 0
            while i < end {
                if has("/*") {
                    depth = language.nestedBlockComments || depth == 0 ? depth + 1 : depth
                    i += 2
                } else if has("*/") {
                    depth -= 1
                    i += 2
                    if depth == 0 { return true }
                } else {
                    i += 1
                }
            }
            throw Failure(message: "a block comment that never ends", offset: start)
        }
        // Ruby's `=begin` … `=end`, each at the start of a line.
        if language.family == .ruby, has("=begin"), i == 0 || bytes[i - 1] == 0x0A {
            let start = i
            while i < end {
                while i < end, bytes[i] != 0x0A { i += 1 }
                i += 1
                if has("=end") {
                    while i < end, bytes[i] != 0x0A { i += 1 }
                    return true
                }
            }
            throw Failure(message: "an =begin comment without its =end", offset: start)
        }
        return false
    }

    // MARK: strings

    /// A quoted string whose quote is at `i`, after any prefix (which `start` includes).
    private mutating func string(from start: Int, prefix: String) throws(Failure) {
        let raw = prefix.contains("r") || prefix.contains("R") || prefix.contains("@")
        let formatted = prefix.lowercased().contains("f") || prefix.contains("$")
        let quote = bytes[i]
        let triple = language.tripleQuotes && i + 2 < end && bytes[i + 1] == quote && bytes[i + 2] == quote
        i += triple ? 3 : 1
        var value: [UInt8] = []
        var interpolated = false
        while true {
            guard i < end else { throw Failure(message: "a string that never ends", offset: start) }
            let c = bytes[i]
            if c == quote {
                if triple {
                    if i + 2 < end, bytes[i + 1] == quote, bytes[i + 2] == quote { i += 3; break }
                } else if prefix.contains("@"), i + 1 < end, bytes[i + 1] == quote {
                    value.append(quote)  // C#'s verbatim "" is one quote
                    i += 2
                    continue
                } else {
                    i += 1
                    break
                }
            }
            if c == 0x0A, !triple, !prefix.contains("@"), language.family != .ruby, language.family != .php {
                throw Failure(message: "a string that never ends on its line", offset: start)
            }
            if c == 0x5C, !raw, i + 1 < end {
                if language.interpolations.contains("\\("), bytes[i + 1] == 0x28, quote == 0x22 {
                    let from = i
                    i += 1
                    try skipBalanced()
                    value += bytes[from..<i]
                    interpolated = true
                    continue
                }
                value += Self.unescape(bytes[i + 1])
                i += 2
                continue
            }
            if !raw || formatted, quote == 0x22 || formatted || language.family == .dart,
                let opened = interpolation(formatted: formatted)
            {
                let from = i
                i += opened
                if bytes[i - 1] == 0x7B || bytes[i - 1] == 0x28 {
                    i -= 1
                    try skipBalanced()
                } else {
                    while i < end, isIdentifierPart(bytes[i]) { i += 1 }
                }
                value += bytes[from..<i]
                interpolated = true
                continue
            }
            value.append(c)
            i += 1
        }
        append(.string, String(decoding: value, as: UTF8.self), from: start, interpolated: interpolated)
    }

    /// How many bytes open an interpolation at `i`, or nil.
    private func interpolation(formatted: Bool) -> Int? {
        for opener in language.interpolations where has(opener) { return opener.utf8.count }
        if language.dollarNames, bytes[i] == 0x24, i + 1 < end, isIdentifierStart(bytes[i + 1]), bytes[i + 1] != 0x24 { return 1 }
        if formatted, bytes[i] == 0x7B {
            if i + 1 < end, bytes[i + 1] == 0x7B { return nil }
            return 1
        }
        return nil
    }

    /// Skips from an opening `(`, `{` or `[` at `i` past its match, over nested strings.
    private mutating func skipBalanced() throws(Failure) {
        let start = i
        var depth = 0
        while i < end {
            let c = bytes[i]
            switch c {
            case 0x28, 0x7B, 0x5B: depth += 1
            case 0x29, 0x7D, 0x5D:
                depth -= 1
                if depth == 0 { i += 1; return }
            case 0x22, 0x27, 0x60:
                i += 1
                while i < end, bytes[i] != c {
                    if bytes[i] == 0x5C { i += 1 }
                    i += 1
                }
            default: break
            }
            i += 1
        }
        throw Failure(message: "an interpolation that never ends", offset: start)
    }

    private static func unescape(_ c: UInt8) -> [UInt8] {
        switch c {
        case UInt8(ascii: "n"): [0x0A]
        case UInt8(ascii: "t"): [0x09]
        case UInt8(ascii: "r"): [0x0D]
        case UInt8(ascii: "0"): [0x00]
        default: [c]
        }
    }

    private mutating func backtick() throws(Failure) {
        let start = i
        switch language.backtick {
        case .none:
            punctuation()
        case .identifier:
            i += 1
            while i < end, bytes[i] != 0x60, bytes[i] != 0x0A { i += 1 }
            guard i < end, bytes[i] == 0x60 else { throw Failure(message: "a quoted name that never ends", offset: start) }
            i += 1
            append(.identifier, String(decoding: bytes[(start + 1)..<(i - 1)], as: UTF8.self), from: start)
        case .raw:
            i += 1
            while i < end, bytes[i] != 0x60 { i += 1 }
            guard i < end else { throw Failure(message: "a raw string that never ends", offset: start) }
            i += 1
            append(.string, String(decoding: bytes[(start + 1)..<(i - 1)], as: UTF8.self), from: start)
        case .template:
            i += 1
            var value: [UInt8] = []
            var interpolated = false
            while true {
                guard i < end else { throw Failure(message: "a template literal that never ends", offset: start) }
                let c = bytes[i]
                if c == 0x60 { i += 1; break }
                if c == 0x5C, i + 1 < end {
                    value += Self.unescape(bytes[i + 1])
                    i += 2
                } else if has("${") {
                    let from = i
                    i += 1
                    try skipBalanced()
                    value += bytes[from..<i]
                    interpolated = true
                } else {
                    value.append(c)
                    i += 1
                }
            }
            append(.string, String(decoding: value, as: UTF8.self), from: start, interpolated: interpolated)
        }
    }

    /// Swift's `#"…"#`: no escapes, no interpolation unless `\#(`.
    private mutating func rawSwiftString() -> Bool {
        var hashes = 0
        while i + hashes < end, bytes[i + hashes] == 0x23 { hashes += 1 }
        guard i + hashes < end, bytes[i + hashes] == 0x22 else { return false }
        let start = i
        let closing = [0x22] + [UInt8](repeating: 0x23, count: hashes)
        var j = i + hashes + 1
        while j + closing.count <= end, !bytes[j..<(j + closing.count)].elementsEqual(closing) { j += 1 }
        guard j + closing.count <= end else { return false }
        let text = String(decoding: bytes[(i + hashes + 1)..<j], as: UTF8.self)
        i = j + closing.count
        append(.string, text, from: start, interpolated: text.contains("\\" + String(repeating: "#", count: hashes) + "("))
        return true
    }

    // MARK: the rest

    /// C#'s `@"…"` (verbatim), `$"…"` (interpolated) and `$@"…"`.
    private mutating func csharpString() throws(Failure) -> Bool {
        let start = i
        var j = i
        while j < end, j - i < 2, bytes[j] == 0x40 || bytes[j] == 0x24 { j += 1 }
        guard j < end, bytes[j] == 0x22 else { return false }
        let prefix = String(decoding: bytes[i..<j], as: UTF8.self)
        i = j
        try string(from: start, prefix: prefix)
        return true
    }

    private mutating func identifierOrPrefixedString() throws(Failure) {
        let start = i
        i += 1
        while i < end, isIdentifierPart(bytes[i]) { i += 1 }
        let word = String(decoding: bytes[start..<i], as: UTF8.self)
        // A string prefix glued to its quote: Python's r/b/f/u, Dart's r, C#'s $ and $@.
        if i < end, bytes[i] == 0x22 || bytes[i] == 0x27, i - start <= 2,
            Self.stringPrefixes[language.family]?.contains(word.lowercased()) == true
        {
            try string(from: start, prefix: word)
            return
        }
        append(.identifier, word, from: start)
    }

    private static let stringPrefixes: [CodeLanguage.Family: Set<String>] = [
        .python: ["r", "b", "u", "f", "rb", "br", "fr", "rf"], .dart: ["r"],
    ]

    private mutating func number() {
        let start = i
        while i < end,
            isIdentifierPart(bytes[i]) || (bytes[i] == 0x2E && i + 1 < end && bytes[i + 1] >= 0x30 && bytes[i + 1] <= 0x39)
        {
            i += 1
        }
        append(.number, String(decoding: bytes[start..<i], as: UTF8.self), from: start)
    }

    /// Whether a `/` starts a regular expression: where an operand is expected.
    private func regexMayStart() -> Bool {
        if i + 1 < end, bytes[i + 1] == 0x2F || bytes[i + 1] == 0x2A { return false }
        return operandExpected()
    }

    /// Whether the last token leaves an operand expected (not after a value or a closing bracket).
    private func operandExpected() -> Bool {
        guard let last = tokens.last else { return true }
        switch last.kind {
        case .number, .string: return false
        case .identifier:
            return ["return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw", "yield", "await"]
                .contains(last.text)
        case .punctuation: return ![")", "]"].contains(last.text)
        }
    }

    private mutating func regex() throws(Failure) {
        let start = i
        i += 1
        var inClass = false
        while i < end {
            let c = bytes[i]
            if c == 0x0A { throw Failure(message: "a regular expression that never ends on its line", offset: start) }
            if c == 0x5C { i += 2; continue }
            if c == 0x5B { inClass = true } else if c == 0x5D { inClass = false } else if c == 0x2F, !inClass { break }
            i += 1
        }
        i += 1
        while i < end, isIdentifierPart(bytes[i]) { i += 1 }
        append(.string, String(decoding: bytes[start..<min(i, end)], as: UTF8.self), from: start, interpolated: true)
    }

    private static let operators = [
        "===", "!==", "...", "=>", "->", "::", "?.", "??", "==", "!=", ":=", "<=", ">=", "&&", "||", "+=", "<<", ">>",
    ]

    private mutating func punctuation() {
        let start = i
        let op = Self.operators.first { has($0) }
        i += op?.utf8.count ?? 1
        append(.punctuation, op ?? String(decoding: bytes[start..<i], as: UTF8.self), from: start)
    }

    private func has(_ s: String) -> Bool {
        var j = i
        for b in s.utf8 {
            guard j < end, bytes[j] == b else { return false }
            j += 1
        }
        return true
    }

    private func isIdentifierStart(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c >= 0x80 || language.identifierStarts.utf8.contains(c)
    }

    private func isIdentifierPart(_ c: UInt8) -> Bool {
        isIdentifierStart(c) || (c >= 0x30 && c <= 0x39) || c == 0x5F
    }

    private mutating func append(_ kind: CodeToken.Kind, _ text: String, from start: Int, interpolated: Bool = false) {
        tokens.append(CodeToken(kind: kind, text: text, interpolated: interpolated, start: start, end: i))
    }

    /// The byte ranges of the `<script>` elements' content in markup, outside `<!-- -->`.
    static func scriptRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var i = 0
        func matches(_ s: String, at j: Int) -> Bool {
            var k = j
            for b in s.utf8 {
                guard k < bytes.count, bytes[k] | 0x20 == b | 0x20 else { return false }
                k += 1
            }
            return true
        }
        func find(_ s: String, from j: Int) -> Int? {
            var k = j
            while k < bytes.count {
                if matches(s, at: k) { return k }
                k += 1
            }
            return nil
        }
        while i < bytes.count {
            if matches("<!--", at: i) {
                i = (find("-->", from: i + 4) ?? bytes.count) + 3
            } else if matches("<script", at: i) {
                guard let open = find(">", from: i) else { break }
                let close = find("</script", from: open + 1) ?? bytes.count
                ranges.append((open + 1)..<close)
                i = close + 1
            } else {
                i += 1
            }
        }
        return ranges
    }
}

// MARK: JSX

extension CodeTokenizer {
    /// Whether a `<` at `i` opens a JSX element: where an operand is expected, before a tag name
    /// or the `>` of a fragment.
    fileprivate func jsxMayStart() -> Bool {
        guard jsx, i + 1 < end, bytes[i + 1] == 0x3E || isIdentifierStart(bytes[i + 1]) else { return false }
        return operandExpected()
    }

    /// A JSX element from its `<` to its closing tag (or `/>`): the code in its braces (attribute
    /// values, children) is tokenised as code and its quoted attribute values are strings; its tags
    /// and text are not code. TypeScript's generic arrow `<T,>(…) =>` is left as punctuation.
    fileprivate mutating func jsxElement() throws(Failure) {
        let start = i
        i += 1
        while i < end, isIdentifierPart(bytes[i]) || bytes[i] == 0x2E || bytes[i] == 0x3A || bytes[i] == 0x2D { i += 1 }
        skipSpace()
        if i < end, bytes[i] == 0x2C || has("extends ") {
            i = start
            punctuation()
            return
        }
        // Attributes, up to `>` or `/>`.
        while true {
            skipSpace()
            guard i < end else { throw Failure(message: "a JSX element that never ends", offset: start) }
            let c = bytes[i]
            if c == 0x2F, i + 1 < end, bytes[i + 1] == 0x3E {
                i += 2
                return
            }
            if c == 0x3E {
                i += 1
                break
            }
            if c == 0x7B {
                try jsxExpression()
            } else if c == 0x22 || c == 0x27 {
                try jsxAttributeString()
            } else if c == 0x3C {
                try jsxElement()
            } else {
                i += 1
            }
        }
        // Children: text, code in braces, elements, up to the closing tag.
        while true {
            guard i < end else { throw Failure(message: "a JSX element that is never closed", offset: start) }
            let c = bytes[i]
            if c == 0x7B {
                try jsxExpression()
            } else if c == 0x3C, i + 1 < end, bytes[i + 1] == 0x2F {
                while i < end, bytes[i] != 0x3E { i += 1 }
                guard i < end else { throw Failure(message: "a JSX closing tag that never ends", offset: start) }
                i += 1
                return
            } else if c == 0x3C {
                try jsxElement()
            } else {
                i += 1
            }
        }
    }

    /// The code between a JSX `{` at `i` and its `}`.
    private mutating func jsxExpression() throws(Failure) {
        let start = i
        i += 1
        var depth = 0
        while i < end {
            let c = bytes[i]
            if c == 0x7D {
                if depth == 0 {
                    i += 1
                    return
                }
                depth -= 1
            } else if c == 0x7B {
                depth += 1
            }
            try step()
        }
        throw Failure(message: "a JSX expression that never ends", offset: start)
    }

    /// A quoted JSX attribute value: no escapes, and it may span lines.
    private mutating func jsxAttributeString() throws(Failure) {
        let start = i
        let quote = bytes[i]
        i += 1
        while i < end, bytes[i] != quote { i += 1 }
        guard i < end else { throw Failure(message: "a JSX attribute value that never ends", offset: start) }
        i += 1
        append(.string, String(decoding: bytes[(start + 1)..<(i - 1)], as: UTF8.self), from: start)
    }

    private mutating func skipSpace() {
        while i < end, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
    }
}
