/// The named values a file declares at statement level (`let apiHost = "…"`, `const HOST =
/// '…'`, `val X = …`, `static final String X = …`, `X = '…'`, `X := "…"`, `define('X', '…')`),
/// so that a setting written as a name is followed to its value, in the same file first and
/// then in the other files of the same language under the scanned folder.
struct CodeConstants: Sendable {
    /// Where one name is given a value: the file and the tokens of the value.
    struct Definition: Sendable {
        var file: CodeFile
        var value: Range<Int>
    }

    private(set) var byName: [String: [Range<Int>]] = [:]

    init(_ file: CodeFile) {
        let tokens = file.tokens
        // Open brackets, so that `name = value` inside a call (Kotlin's and Python's named
        // arguments) is not taken for a declaration.
        var open: [String] = []
        for (k, t) in tokens.enumerated() {
            guard t.kind == .punctuation else { continue }
            switch t.text {
            case "(", "[", "{": open.append(t.text)
            case ")", "]", "}": _ = open.popLast()
            case "=", ":=":
                guard open.last != "(", open.last != "[", let name = Self.name(before: k, tokens) else { continue }
                let end = Self.expressionEnd(from: k + 1, file)
                if k + 1 < end { byName[name, default: []].append((k + 1)..<end) }
            default: break
            }
        }
        // PHP's define('NAME', value).
        if file.language.family == .php {
            for k in file.calls("define") {
                let args = file.arguments(k + 1)
                if args.count >= 2, let name = file.token(args[0].value.lowerBound), name.kind == .string {
                    byName[name.text, default: []].append(args[1].value)
                }
            }
        }
    }

    /// The declared name left of the `=` at `k`: `name =`, `name: Type =`, `name: Type? =`.
    private static func name(before k: Int, _ tokens: [CodeToken]) -> String? {
        func at(_ j: Int) -> CodeToken? { j >= 0 ? tokens[j] : nil }
        guard let last = at(k - 1) else { return nil }
        if last.kind == .identifier {
            if at(k - 2)?.isPunctuation(":") == true, let name = at(k - 3), name.kind == .identifier { return name.text }
            if let before = at(k - 2), before.kind == .punctuation, [".", "?.", "->", "::"].contains(before.text) { return nil }
            return last.text
        }
        if last.isPunctuation("?"), at(k - 2)?.kind == .identifier, at(k - 3)?.isPunctuation(":") == true,
            let name = at(k - 4), name.kind == .identifier
        {
            return name.text
        }
        return nil
    }

    /// Where the expression starting at `k` ends: a `;` or `,` or closing bracket at its own
    /// level, or a line break not followed or preceded by an operator that continues it.
    static func expressionEnd(from k: Int, _ file: CodeFile) -> Int {
        let tokens = file.tokens
        var j = k
        while j < tokens.count, j - k < 64 {
            let t = tokens[j]
            if t.kind == .punctuation {
                if [";", ",", ")", "]", "}"].contains(t.text) { return j }
                if ["(", "[", "{"].contains(t.text) {
                    j = file.close(j) + 1
                    continue
                }
            }
            if j > k, lineBreak(between: tokens[j - 1], t, file), !continues(tokens[j - 1]), !continues(t) { return j }
            j += 1
        }
        return min(j, tokens.count)
    }

    private static func continues(_ t: CodeToken) -> Bool {
        t.kind == .punctuation && ["+", ".", "??", "||", "?", ":", "?.", "->"].contains(t.text)
    }

    private static func lineBreak(between a: CodeToken, _ b: CodeToken, _ file: CodeFile) -> Bool {
        a.end < b.start && file.source.bytes[a.end..<b.start].contains(0x0A)
    }
}
