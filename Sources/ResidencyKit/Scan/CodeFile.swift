/// One tokenised file of application code, with what the SDK patterns ask of it: where a
/// bracket closes, the arguments of a call or the entries of an object literal (with their
/// labels, however the language writes them), and the calls chained after one.
struct CodeFile: Sendable {
    let source: SourceFile
    let language: CodeLanguage
    let tokens: [CodeToken]
    /// For each opening bracket token, the index of its closing one (or `tokens.count`).
    private let closing: [Int: Int]

    init(source: SourceFile, language: CodeLanguage, tokens: [CodeToken]) {
        self.source = source
        self.language = language
        self.tokens = tokens
        var closing: [Int: Int] = [:]
        var open: [Int] = []
        for (k, t) in tokens.enumerated() where t.kind == .punctuation {
            switch t.text {
            case "(", "[", "{": open.append(k)
            case ")", "]", "}": if let o = open.popLast() { closing[o] = k }
            default: break
            }
        }
        for o in open { closing[o] = tokens.count }
        self.closing = closing
    }

    var path: String { source.path }

    /// The index of the bracket closing the one at `k`.
    func close(_ k: Int) -> Int { closing[k] ?? tokens.count }

    func token(_ k: Int) -> CodeToken? { k >= 0 && k < tokens.count ? tokens[k] : nil }

    /// `file:line:col` of a token.
    func location(_ k: Int) -> SourceRange {
        guard !tokens.isEmpty else { return source.range(0, 0) }
        let t = tokens[max(0, min(k, tokens.count - 1))]
        return source.range(t.start, t.end)
    }

    /// The code of tokens `range` as written (for an expression shown as unknown).
    func text(_ range: Range<Int>) -> String {
        guard let first = range.first, range.upperBound - 1 < tokens.count, first < tokens.count else { return "" }
        let bytes = source.bytes[tokens[first].start..<tokens[range.upperBound - 1].end]
        let text = String(decoding: bytes, as: UTF8.self)
        return text.count > 120 ? String(text.prefix(117)) + "…" : text
    }

    /// One argument of a call, or one entry of an object, dictionary or struct literal.
    struct Argument: Sendable, Hashable {
        /// `writeKey:`, `apiHost =`, `'Segment.io':`, `"host" =>`, `:host =>`; nil when positional.
        var label: String?
        /// The tokens of its value.
        var value: Range<Int>
    }

    /// The arguments between the bracket at `open` and its match, split at top-level commas.
    func arguments(_ open: Int) -> [Argument] {
        let end = close(open)
        var out: [Argument] = []
        var start = open + 1
        var k = open + 1
        while k <= end {
            if k == end || tokens[k].isPunctuation(",") {
                if start < k { out.append(argument(start..<k)) }
                start = k + 1
                k += 1
                continue
            }
            if ["(", "[", "{"].contains(tokens[k].text), tokens[k].kind == .punctuation { k = close(k) }
            k += 1
        }
        return out
    }

    /// An argument's label, if it has one, and its value; JavaScript's shorthand `{ writeKey }`
    /// is labelled by its name.
    private func argument(_ r: Range<Int>) -> Argument {
        let t = tokens[r.lowerBound]
        var k = r.lowerBound
        var label: String?
        // Ruby's `:host => …`
        if t.isPunctuation(":"), let name = token(k + 1), name.kind == .identifier, token(k + 2)?.isPunctuation("=>") == true {
            return Argument(label: name.text, value: (k + 3)..<r.upperBound)
        }
        if t.kind == .identifier || (t.kind == .string && !t.interpolated), let sep = token(k + 1), sep.kind == .punctuation,
            [":", "=", "=>"].contains(sep.text), k + 2 <= r.upperBound
        {
            label = t.text
            k += 2
        }
        if label == nil, r.count == 1, t.kind == .identifier, language.family == .javascript {
            return Argument(label: t.text, value: r)
        }
        return Argument(label: label, value: k..<r.upperBound)
    }

    /// The labelled value among `arguments` (the first with that label), or the positional one at `position`.
    func value(_ args: [Argument], _ label: String, position: Int? = nil) -> Argument? {
        if let a = args.first(where: { $0.label == label }) { return a }
        guard let position else { return nil }
        let positional = args.filter { $0.label == nil }
        return position < positional.count ? positional[position] : nil
    }

    /// The calls chained after the closing bracket at `k`: `.apiHost("…").cdnHost("…")` gives
    /// `[("apiHost", open paren), ("cdnHost", open paren)]`.
    func chain(after k: Int) -> [(name: String, open: Int)] {
        var out: [(String, Int)] = []
        var k = k + 1
        while let dot = token(k), dot.isPunctuation(".") || dot.isPunctuation("?.") || dot.isPunctuation("->"),
            let name = token(k + 1), name.kind == .identifier, let paren = token(k + 2), paren.isPunctuation("(")
        {
            out.append((name.text, k + 2))
            k = close(k + 2) + 1
        }
        return out
    }

    /// Indices of identifier tokens named `name` followed by `(`.
    func calls(_ name: String) -> [Int] {
        tokens.indices.filter { tokens[$0].isIdentifier(name) && token($0 + 1)?.isPunctuation("(") == true }
    }

    /// Whether the dotted or `::`-separated path `parts` ends at token `k` (`Analytics.Builder`
    /// ending at `Builder`).
    func path(_ parts: [String], endsAt k: Int) -> Bool {
        var k = k
        for (n, part) in parts.reversed().enumerated() {
            guard tokens.indices.contains(k), tokens[k].isIdentifier(part) else { return false }
            if n == parts.count - 1 { return true }
            guard let sep = token(k - 1), sep.isPunctuation(".") || sep.isPunctuation("::") || sep.isPunctuation("\\") else {
                return false
            }
            k -= 2
        }
        return true
    }

    /// Whether the file's bytes contain `s`: an import or a package name, cheaply.
    func mentions(_ s: String) -> Bool { source.bytes.containsBytes(s.utf8) }
}
