/// A token of the policy language. Keywords are lexed as identifiers and recognised by
/// the parser from their text, so that clause names (`message`, `basis`, …) stay usable
/// as field names; only the expression words in `Token.reserved` can never be names.
struct Token: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case identifier
        /// `"…"`: `literal` holds the decoded parts (text and `{…}` interpolations).
        case string
        /// `re"…"`: `text` holds the pattern exactly as written between the quotes.
        case regex
        case integer
        /// `2025-04-03`, already validated as a real calendar date.
        case date
        case lbrace, rbrace, lparen, rparen, lbracket, rbracket
        case comma, colon, dot
        /// `=`
        case assign
        case eq, ne, lt, le, gt, ge
        /// `??`
        case coalesce
        /// `+ - * /`: integer and date arithmetic. A `-` inside a word joins a name
        /// (`RES-001`), so subtraction is written with spaces: `a - b`.
        case plus, minus, star, slash
        case eof
        /// Something the lexer could not read; a diagnostic has been emitted for it.
        case invalid
    }

    var kind: Kind
    /// Byte offsets into the source file, half-open.
    var start: Int
    var end: Int
    /// The token's source text; for `.regex`, the pattern; for `.string`, the raw text.
    var text: String
    /// For `.string` tokens: the decoded literal.
    var literal: StringLiteral?
    /// For `.integer`: the value; for `.date`: days since 1970-01-01.
    var number: Int = 0

    init(kind: Kind, start: Int, end: Int, text: String, literal: StringLiteral? = nil, number: Int = 0) {
        self.kind = kind
        self.start = start
        self.end = end
        self.text = text
        self.literal = literal
        self.number = number
    }

    /// Words that are operators in expressions and can never name anything.
    static let reserved: Set<String> = ["and", "or", "not", "in", "true", "false", "every", "some", "count"]
}

/// A decoded string literal: text with `{…}` interpolations kept as byte ranges of the
/// source file, so the parser can parse each one as an expression with true positions.
struct StringLiteral: Sendable, Hashable {
    enum Part: Sendable, Hashable {
        case text(String)
        /// Byte offsets of the expression between the braces (braces excluded).
        case interpolation(start: Int, end: Int)
    }

    var parts: [Part]

    init(parts: [Part]) { self.parts = parts }

    /// The text with interpolations left out (the value of a plain literal).
    var plainText: String {
        parts.map { if case .text(let t) = $0 { t } else { "" } }.joined()
    }
}

/// A `#` comment. Comments are trivia to the parser; the lexer keeps them in a side list so
/// that the formatter can re-attach them, without the parser or the evaluator paying for them.
struct Comment: Sendable, Hashable {
    /// Byte offsets of the comment, from its `#` to the end of its text (trailing white
    /// space excluded), half-open.
    var start: Int
    var end: Int
    /// The comment as written, `#` included.
    var text: String

    init(start: Int, end: Int, text: String) {
        self.start = start
        self.end = end
        self.text = text
    }
}
