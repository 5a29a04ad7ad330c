/// Prints policy files in the one canonical layout that docs/formatting.md describes.
///
/// The layout is computed from the syntax tree, never from the author's spacing, so that
/// any two ways of writing a file print alike; what the tree does not hold is taken from
/// the source: comments, the blank lines between declarations and between clauses, the
/// parentheses the author wrote, where adjacent string literals are split, and each
/// literal's spelling (quotes and escapes), so that formatting can never change a value.
enum PolicyFormatter {
    /// Lines are wrapped to fit in this many columns where the syntax allows a break.
    static let lineWidth = 100

    /// The outcome of formatting one file.
    struct Output: Sendable {
        /// The canonical text; nil when the file cannot be formatted.
        var text: String?
        /// Why it cannot: syntax errors (as `lint` reports them), or text that is not UTF-8.
        package var diagnostics: [Diagnostic]
    }

    /// Formats one file. A file with syntax errors is left alone: its diagnostics are
    /// returned instead. The result is parsed again and compared with the input's tree and
    /// comments; a difference (a bug of the formatter) is reported rather than returned.
    static func format(_ file: SourceFile) -> Output {
        if let bad = invalidUTF8(file) { return Output(text: nil, diagnostics: [bad]) }
        let (syntax, diagnostics) = Parser.parse(file)
        guard !diagnostics.hasErrors else { return Output(text: nil, diagnostics: diagnostics) }
        var layout = Layout(file: file, comments: syntax.comments)
        let text = DocPrinter.render(layout.file(syntax), width: lineWidth)

        let (again, _) = Parser.parse(SourceFile(path: file.path, text: text))
        if SyntaxDump.dump(again) != SyntaxDump.dump(syntax) || again.comments.map(\.text) != syntax.comments.map(\.text) {
            return Output(text: nil, diagnostics: [.formattingChangedMeaning(file.path)])
        }
        return Output(text: text, diagnostics: [])
    }

    /// Formats text (from standard input or a test) as if it were the file at `path`.
    static func format(_ text: String, path: String = "<stdin>") -> Output {
        format(SourceFile(path: path, text: text))
    }

    /// Policy files are UTF-8; text that is not would not survive being printed again.
    private static func invalidUTF8(_ file: SourceFile) -> Diagnostic? {
        var decoder = UTF8()
        var iterator = file.bytes.makeIterator()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
            case .emptyInput:
                return nil
            case .error:
                return .notUTF8(at: file.range(offset, offset + 1))
            }
        }
    }
}

extension Diagnostic {
    /// The code of `formattingChangedMeaning`, an internal error rather than bad input.
    static let formattingChangedMeaningCode = DiagnosticCode.E1201

    /// E1201: the formatter's output does not parse to the input's tree (a bug of ours).
    static func formattingChangedMeaning(_ path: String) -> Diagnostic {
        .error(
            formattingChangedMeaningCode,
            "internal error: formatting \(path) would change its meaning or lose a comment; it was left unchanged",
            at: nil, help: "please report this with the file")
    }

    /// E1202: bytes that are not UTF-8 in a policy file.
    static func notUTF8(at range: SourceRange) -> Diagnostic {
        .error(.E1202, "the file is not UTF-8 text", at: range, help: "policy files are UTF-8; convert the file first")
    }
}

/// The state of laying out one file: its tokens (to find punctuation the tree does not
/// record, and to put comments back where they were) and the comments still to be written.
struct Layout {
    let source: SourceFile
    /// The file's tokens as the parser saw them, `eof` excluded.
    let tokens: [Token]
    let comments: [Comment]
    /// The first comment not yet written; comments are written in source order.
    var nextComment = 0
    /// Set while printing the expression of a `{…}` in a string: its tokens are inside a
    /// string token, so there is nothing to look up and no comment to place.
    var inInterpolation = false
    /// Whether the last token written has an end-of-line comment.
    var afterComment = false

    init(file: SourceFile, comments: [Comment]) {
        var lexer = Lexer(file: file)
        var tokens: [Token] = []
        while true {
            let token = lexer.next()
            if token.kind == .eof { break }
            tokens.append(token)
        }
        self.source = file
        self.tokens = tokens
        self.comments = comments
    }

    // MARK: Tokens

    /// The index of the token that starts at `offset`.
    func index(at offset: Int) -> Int? {
        let i = firstIndex(from: offset)
        return i < tokens.count && tokens[i].start == offset ? i : nil
    }

    /// The index of the first token that starts at or after `offset` (`tokens.count` if none).
    func firstIndex(from offset: Int) -> Int {
        var lo = 0, hi = tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if tokens[mid].start < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The source text between two offsets.
    func raw(_ start: Int, _ end: Int) -> String {
        String(decoding: source.bytes[start..<max(start, end)], as: UTF8.self)
    }

    /// Token `i` printed as `text` (its own text by default), with the comments before it on
    /// lines of their own and the end-of-line comment after it.
    mutating func token(_ i: Int, as text: String? = nil) -> Doc {
        let before = commentsBefore(tokens[i].start)
        let text = text ?? tokens[i].text
        let after = commentAfter(i)
        // A closing bracket or comma stays on the line of the comment before it (the printer
        // writes it first), unless it has a comment of its own: one comment to a line.
        let ownLine = afterComment && after != nil && (text == ")" || text == "]" || text == ",")
        afterComment = after != nil
        return .concat([before, ownLine ? .freshLine : .empty, .text(text), after.map(Doc.lineSuffix) ?? .empty])
    }

    /// A token the layout leaves out (a trailing comma, doubled parentheses): its comments
    /// are still written.
    mutating func skip(_ i: Int) -> Doc {
        let before = commentsBefore(tokens[i].start)
        let after = commentAfter(i)
        afterComment = afterComment || after != nil
        return .concat([before, after.map(Doc.lineSuffix) ?? .empty])
    }

    /// The token spelled `text` at `offset` (looked up for its comments), or just the text
    /// where there is no such token (inside an interpolation, or `>=` split in `list<int>=`).
    mutating func punctuation(_ text: String, at offset: Int) -> Doc {
        guard !inInterpolation, let i = index(at: offset), tokens[i].text == text else { return .text(text) }
        return token(i)
    }

    /// The token spelled `text` that comes first after `offset`, as `punctuation`.
    mutating func punctuation(_ text: String, after offset: Int) -> Doc {
        guard !inInterpolation else { return .text(text) }
        let i = firstIndex(from: offset)
        guard i < tokens.count, tokens[i].text == text else { return .text(text) }
        return token(i)
    }

    // MARK: Comments

    /// Comments before `offset` not written yet, each on a line of its own.
    mutating func commentsBefore(_ offset: Int) -> Doc {
        var docs: [Doc] = []
        while nextComment < comments.count, comments[nextComment].start < offset {
            docs += [.freshLine, .text(comments[nextComment].text), .hardLine]
            nextComment += 1
            afterComment = false
        }
        return .concat(docs)
    }

    /// The comment at the end of token `i`'s line, when nothing but space lies between them.
    mutating func commentAfter(_ i: Int) -> String? {
        guard nextComment < comments.count else { return nil }
        let comment = comments[nextComment]
        let nextStart = i + 1 < tokens.count ? tokens[i + 1].start : Int.max
        guard comment.start >= tokens[i].end, comment.start < nextStart, !isOnOwnLine(comment) else { return nil }
        nextComment += 1
        return comment.text
    }

    /// A comment with nothing before it on its line (a byte order mark does not count).
    func isOnOwnLine(_ comment: Comment) -> Bool {
        var p = comment.start - 1
        while p >= 0 {
            switch source.bytes[p] {
            case UInt8(ascii: " "), 0x09, 0x0D: p -= 1
            case UInt8(ascii: "\n"): return true
            default: return p < 3 && source.bytes.starts(with: [0xEF, 0xBB, 0xBF])
            }
        }
        return true
    }

    /// Whether the author left an empty line just before `offset`.
    func blankLineBefore(_ offset: Int) -> Bool {
        var p = offset - 1
        var newlines = 0
        while p >= 0 {
            switch source.bytes[p] {
            case UInt8(ascii: " "), 0x09, 0x0D: break
            case UInt8(ascii: "\n"): newlines += 1
            default: return newlines >= 2
            }
            p -= 1
        }
        return false
    }
}
