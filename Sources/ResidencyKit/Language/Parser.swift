/// Parses policy files into `FileSyntax`, following the grammar in docs/language.md.
///
/// The parser is recursive descent with panic-mode recovery: after a syntax error it stops
/// reporting until it has resynchronised at the next clause keyword or `}` (inside a block)
/// or declaration keyword (at top level), so that every independent mistake in a file is
/// reported once and no mistake produces a cascade.
enum Parser {
    /// Parses a whole file. The tree is always returned, with `.invalid` placeholders
    /// where the input could not be read; the diagnostics are sorted by position.
    static func parse(_ file: SourceFile) -> (FileSyntax, [Diagnostic]) {
        var state = State(file: file, locator: Locator(file), lexer: Lexer(file: file), inInterpolation: false)
        let declarations = state.parseFile()
        let syntax = FileSyntax(path: file.path, declarations: declarations, comments: state.comments)
        return (syntax, state.diagnostics.sortedForOutput())
    }

    /// Words that begin a declaration; at top level they end the previous one.
    static let declarationKeywords: Set<String> = ["import", "param", "let", "define", "policy", "permit", "record", "fact"]

    /// Words that begin a clause; inside a block they end the previous clause, so they can
    /// never be a bare name there (after a `.` they are ordinary field names).
    static let clauseKeywords: Set<String> = [
        "severity", "rationale", "references", "for", "where", "require",
        "message", "remediation", "expect", "permits", "basis",
    ]

    /// The state of one parse: the tokens of a file (or of one interpolation) and the
    /// diagnostics and recovery status so far.
    struct State {
        let file: SourceFile
        let locator: Locator
        var tokens: [Token]
        var index = 0
        var diagnostics: [Diagnostic]
        /// The comments of the tokens' text (see `Lexer.comments`).
        let comments: [Comment]
        /// Set by an error, cleared at the next synchronisation point; while set, further
        /// errors are consequences of the first and are not reported.
        var panicking = false
        /// Current expression nesting (see `Diagnostic.maxExpressionNesting`).
        var nesting = 0
        /// Current quantifier nesting (see `Diagnostic.maxQuantifierNesting`).
        var quantifiers = 0
        /// Identifiers that end an expression or a list of names here rather than being
        /// read as names: declaration keywords, plus clause keywords inside a block.
        var stopWords: Set<String> = Parser.declarationKeywords
        /// True when parsing one `{…}` of a template; its end is "the end of the interpolation".
        let inInterpolation: Bool

        init(file: SourceFile, locator: Locator, lexer: Lexer, inInterpolation: Bool) {
            var lexer = lexer
            var tokens: [Token] = []
            while true {
                let token = lexer.next()
                tokens.append(token)
                if token.kind == .eof { break }
            }
            self.file = file
            self.locator = locator
            self.tokens = tokens
            self.diagnostics = lexer.diagnostics
            self.comments = lexer.comments
            self.inInterpolation = inInterpolation
        }

        // MARK: Tokens

        var current: Token { tokens[index] }

        /// The token `n` after the current one (the `.eof` token at the end).
        func peek(_ n: Int = 1) -> Token { tokens[min(index + n, tokens.count - 1)] }

        var previous: Token? { index > 0 ? tokens[index - 1] : nil }

        /// Where the last consumed token ends: the end of a node that stopped early.
        var previousEnd: Int { previous?.end ?? current.start }

        @discardableResult
        mutating func advance() -> Token {
            let token = tokens[index]
            if index < tokens.count - 1 { index += 1 }
            return token
        }

        func at(_ kind: Token.Kind) -> Bool { current.kind == kind }

        func atWord(_ word: String) -> Bool { current.kind == .identifier && current.text == word }

        /// True when the current token is a keyword that begins something else here.
        var atStopWord: Bool {
            current.kind == .identifier && stopWords.contains(current.text) && previous?.kind != .dot
        }

        /// Consumes a token of `kind`, or reports `diagnostic` and consumes nothing.
        @discardableResult
        mutating func expect(_ kind: Token.Kind, _ diagnostic: Diagnostic) -> Token? {
            if at(kind) { return advance() }
            fail(diagnostic)
            return nil
        }

        // MARK: Positions and descriptions

        func range(_ start: Int, _ end: Int) -> SourceRange { locator.range(start, end) }

        func range(of token: Token) -> SourceRange { locator.range(token.start, token.end) }

        /// A token as the user would name it in "found …".
        func describe(_ token: Token) -> String {
            switch token.kind {
            case .eof: inInterpolation ? "the end of the interpolation" : "end of file"
            case .string: "a string"
            case .regex: "a regular expression"
            default: "`\(token.text)`"
            }
        }

        // MARK: Reporting and recovery

        /// Reports a syntax error and enters panic mode. Suppressed while already panicking,
        /// and when it points at an `.invalid` token (the lexer has reported that one).
        mutating func fail(_ diagnostic: Diagnostic) {
            defer { panicking = true }
            guard !panicking else { return }
            if current.kind == .invalid, diagnostic.range?.start.offset == current.start { return }
            diagnostics.append(diagnostic)
        }

        /// Reports an error that leaves the parser in step (a duplicate clause, a reserved
        /// word used as a name): parsing goes on normally.
        mutating func emit(_ diagnostic: Diagnostic) {
            if !panicking { diagnostics.append(diagnostic) }
        }

        /// Skips to the next token that can begin something again: a stop word, or `}` when
        /// `inBlock`; then reports errors again.
        mutating func synchronize(inBlock: Bool) {
            while !at(.eof) {
                if inBlock && at(.rbrace) { break }
                if atStopWord { break }
                advance()
            }
            panicking = false
        }

        /// Reports a reserved word used as a name; the name is kept so parsing stays in step.
        mutating func checkNotReserved(_ token: Token) {
            if Token.reserved.contains(token.text) { emit(.reservedWord(token.text, at: range(of: token))) }
        }

        /// Reads a name (an identifier that is not a stop word here), or reports what was
        /// expected and returns an empty name.
        mutating func expectName(_ what: String, after: String, example: String? = nil) -> Identifier {
            let token = current
            if token.kind == .identifier, !atStopWord {
                advance()
                checkNotReserved(token)
                return Identifier(token.text, range(of: token))
            }
            fail(.expectedName(what, after: after, found: describe(token), at: range(of: token), example: example))
            return Identifier("", range(previousEnd, previousEnd))
        }
    }
}

/// Byte offsets to line and column, like `SourceFile.location(of:)`, but in constant time
/// on ASCII text: the parser makes a range for every node, and on a long line the general
/// computation (decoding the line up to the offset) would make parsing quadratic.
struct Locator: Sendable {
    let file: SourceFile
    /// For each line, the offset of its first non-ASCII byte (or of its end).
    private let asciiUntil: [Int]

    init(_ file: SourceFile) {
        var until: [Int] = []
        until.reserveCapacity(file.lineStarts.count)
        for (i, start) in file.lineStarts.enumerated() {
            let lineEnd = i + 1 < file.lineStarts.count ? file.lineStarts[i + 1] : file.bytes.count
            var p = start
            while p < lineEnd, file.bytes[p] < 0x80 { p += 1 }
            until.append(p)
        }
        self.file = file
        self.asciiUntil = until
    }

    func location(of offset: Int) -> SourceLocation {
        let offset = max(0, min(offset, file.bytes.count))
        let lo = file.line(of: offset) - 1
        // Within one line, an ASCII prefix has one character per byte.
        guard offset <= asciiUntil[lo] else { return file.location(of: offset) }
        return SourceLocation(line: lo + 1, column: offset - file.lineStarts[lo] + 1, offset: offset)
    }

    func range(_ start: Int, _ end: Int) -> SourceRange {
        SourceRange(file: file.path, start: location(of: start), end: location(of: max(start, end)))
    }
}
