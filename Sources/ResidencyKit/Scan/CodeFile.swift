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
        /// An options argument that is not a literal written here (a variable, a call, a cast):
        /// it may set any setting, as a spread may (`SDKPatterns.options`).
        var opaque = false
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

    /// Ruby's arguments without parentheses after the call's name at `k` (`Segment::Analytics.new
    /// write_key: '…', host: '…'`): to the end of the line, or on to the next after a line that
    /// ends with `,`; a bracket's contents count as one value wherever its lines end.
    func bareArguments(after k: Int) -> [Argument] {
        var out: [Argument] = []
        var start = k + 1
        var j = k + 1
        var line = source.line(of: tokens[k].start)
        while j < tokens.count {
            let t = tokens[j]
            let at = source.line(of: t.start)
            if at != line {
                guard tokens[j - 1].isPunctuation(","), j > k + 1 else { break }
                line = at
            }
            if t.isIdentifier("do") || t.isPunctuation(";") { break }
            if t.isPunctuation(",") {
                if start < j { out.append(argument(start..<j)) }
                start = j + 1
                j += 1
                continue
            }
            if t.kind == .punctuation, ["(", "[", "{"].contains(t.text) {
                j = close(j)
                line = source.line(of: tokens[min(j, tokens.count - 1)].start)
            }
            j += 1
        }
        if start < min(j, tokens.count) { out.append(argument(start..<min(j, tokens.count))) }
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

    /// The labelled value among `arguments` (the first with that label), or the positional one
    /// at `position`. A spread (`...options`, `**options`) after it, or where it is not given,
    /// may set it: the spread is then its value, which the scan cannot tell (never the default).
    func value(_ args: [Argument], _ label: String, position: Int? = nil) -> Argument? {
        // The last spread that may set it: one whose keys are not known, or include it.
        let spread = args.last { isSpread($0) && spreadKeys($0)?.contains(label) != false }
        if let a = args.first(where: { $0.label == label }) {
            if let spread, spread.value.lowerBound > a.value.lowerBound { return spread }
            return a
        }
        if let position {
            let positional = args.filter { $0.label == nil && !isSpread($0) }
            if position < positional.count { return positional[position] }
        }
        return spread
    }

    /// The keys a spread may set, when it spreads object literals written in place:
    /// `...{ proxy }`, `...(useProxy ? { proxy, useSegmentEndpoints } : {})`,
    /// `...(useProxy && { proxy })`. Nil when they cannot be told (`...options`).
    func spreadKeys(_ a: Argument) -> Set<String>? {
        if a.opaque { return nil }
        var k = a.value.lowerBound
        while k < a.value.upperBound, tokens[k].kind == .punctuation, ["...", "*", "**"].contains(tokens[k].text) { k += 1 }
        return literalKeys(k..<a.value.upperBound)
    }

    /// The labels of the object literals an expression can be: a literal, in brackets, either
    /// branch of `? :`, the right of `&&`.
    private func literalKeys(_ r: Range<Int>) -> Set<String>? {
        guard !r.isEmpty else { return nil }
        if tokens[r.lowerBound].isPunctuation("("), close(r.lowerBound) == r.upperBound - 1 {
            return literalKeys((r.lowerBound + 1)..<(r.upperBound - 1))
        }
        var depth = 0
        var question: Int?
        var colon: Int?
        var and: Int?
        for k in r {
            let t = tokens[k]
            guard t.kind == .punctuation else { continue }
            if ["(", "[", "{"].contains(t.text) { depth += 1 } else if [")", "]", "}"].contains(t.text) { depth -= 1 }
            guard depth == 0 else { continue }
            if t.text == "?", question == nil { question = k } else if t.text == ":", question != nil, colon == nil { colon = k }
            if t.text == "&&" { and = k }
        }
        if let question, let colon {
            guard let yes = literalKeys((question + 1)..<colon), let no = literalKeys((colon + 1)..<r.upperBound) else {
                return nil
            }
            return yes.union(no)
        }
        if let and { return literalKeys((and + 1)..<r.upperBound) }
        guard tokens[r.lowerBound].isPunctuation("{"), close(r.lowerBound) == r.upperBound - 1 else { return nil }
        var keys: Set<String> = []
        for entry in arguments(r.lowerBound) {
            guard let label = entry.label, !isSpread(entry) else { return nil }
            keys.insert(label)
        }
        return keys
    }

    /// Whether an argument or entry spreads another's: `...options` (JavaScript, PHP),
    /// `*args` and `**options` (Python, Ruby).
    func isSpread(_ a: Argument) -> Bool {
        if a.opaque { return true }
        guard a.label == nil, let t = token(a.value.lowerBound), t.kind == .punctuation else { return false }
        switch language.family {
        case .javascript, .php: return t.text == "..."
        case .python, .ruby: return t.text == "*" || t.text == "**"
        default: return false
        }
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

extension CodeFile {
    /// Whether `name`, not defined in this file, may be another file's constant. In JavaScript
    /// and Python a name from another file is imported by name (`import { writeKey } from`,
    /// `const { writeKey } = require(…)`, `from config import WRITE_KEY`): one that is not is a
    /// parameter or a local (`function build(writeKey) { createClient({ writeKey }) }`), and
    /// a constant of the same name in another file is not its value. Other languages share
    /// names across a module or package without naming them.
    ///
    /// A path is another file's constant only as `Owner.NAME`: its owner imported (JavaScript,
    /// Python, Go's packages) or a type (a capital, as `SegmentConfig.EU_HOST`, `Config.euHost`).
    /// `self.cfg.WriteKey` and `widget.writeKey` are fields of a value, never constants elsewhere.
    /// `imported`: the file's `imported` names (computed once, with its constants).
    func mayTake(_ name: String, through root: String?, parts: Int, imported: Set<String>) -> Bool {
        guard let root else {
            switch language.family {
            case .javascript, .python: return imported.contains(name)
            default: return true
            }
        }
        guard parts == 2 else { return false }
        switch language.family {
        case .javascript, .python, .go: return imported.contains(root)
        default: return root.first?.isUppercase == true
        }
    }

    /// The names this file imports by name (JavaScript and Python), and Go's package names.
    var imported: Set<String> {
        var names: Set<String> = []
        var k = 0
        while k < tokens.count {
            defer { k += 1 }
            let t = tokens[k]
            if language.family == .javascript, t.isIdentifier("import"), token(k + 1)?.isPunctuation("(") != true {
                // `import a, { b, c as d } from '…'`: up to `from` or the module's string.
                var j = k + 1
                while j < tokens.count, !tokens[j].isIdentifier("from"), tokens[j].kind != .string, !tokens[j].isPunctuation(";")
                {
                    if tokens[j].kind == .identifier, !["as", "type"].contains(tokens[j].text) { names.insert(tokens[j].text) }
                    j += 1
                }
                k = j
            } else if language.family == .javascript, t.isIdentifier("require"), token(k + 1)?.isPunctuation("(") == true,
                token(k - 1)?.isPunctuation("=") == true
            {
                // `const { a, b } = require('…')` or `const a = require('…')`.
                var j = k - 2
                if token(j)?.isPunctuation("}") == true {
                    while j > 0, !tokens[j].isPunctuation("{") {
                        if tokens[j].kind == .identifier { names.insert(tokens[j].text) }
                        j -= 1
                    }
                } else if let single = token(j), single.kind == .identifier {
                    names.insert(single.text)
                }
            } else if language.family == .python, t.isIdentifier("import"),
                k == 0 || source.line(of: tokens[k - 1].start) != source.line(of: t.start)
            {
                // `import config, settings as s`: the modules, to the end of the line.
                let line = source.line(of: t.start)
                var j = k + 1
                while j < tokens.count, source.line(of: tokens[j].start) == line {
                    if tokens[j].kind == .identifier, tokens[j].text != "as" { names.insert(tokens[j].text) }
                    j += 1
                }
                k = j - 1
            } else if language.family == .go, t.isIdentifier("import") {
                // `import "github.com/x/config"`, `import c "…"`, or a bracketed list: each
                // package by its alias or the last part of its path.
                var j = k + 1
                let list = token(j)?.isPunctuation("(") == true
                if list { j += 1 }
                while j < tokens.count {
                    if list, tokens[j].isPunctuation(")") { break }
                    if tokens[j].kind == .string {
                        if let alias = token(j - 1), alias.kind == .identifier, alias.text != "import" {
                            names.insert(alias.text)
                        } else if let last = tokens[j].text.split(separator: "/").last {
                            names.insert(String(last))
                        }
                        if !list { break }
                    }
                    j += 1
                }
                k = j
            } else if language.family == .python, t.isIdentifier("from") {
                // `from config import A, B as C`: to the end of the line or the closing bracket.
                guard let at = (k..<min(tokens.count, k + 64)).first(where: { tokens[$0].isIdentifier("import") }) else {
                    continue
                }
                let line = source.line(of: tokens[at].start)
                var j = at + 1
                var bracket = false
                while j < tokens.count, bracket || source.line(of: tokens[j].start) == line {
                    if tokens[j].isPunctuation("(") { bracket = true } else if tokens[j].isPunctuation(")") { break }
                    if tokens[j].kind == .identifier, tokens[j].text != "as" { names.insert(tokens[j].text) }
                    j += 1
                }
                k = j - 1
            }
        }
        return names
    }
}
