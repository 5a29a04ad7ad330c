/// The named values a file declares at statement level (`let apiHost = "…"`, `const HOST =
/// '…'`, `val X = …`, `static final String X = …`, `X = '…'`, `X := "…"`, `define('X', '…')`),
/// so that a setting written as a name is followed to its value, in the same file first and
/// then in the other files of the same language under the scanned folder.
struct CodeConstants: Sendable {
    /// Where one name is given a value: the file and the tokens of the value.
    struct Definition: Sendable {
        var file: CodeFile
        var value: Range<Int>
        /// Outside every brace: a name another file may use bare. A `static` member of a type
        /// (`enum EU { static let apiHost = … }`) is used through its type's name.
        var topLevel = true
    }

    private(set) var byName: [String: [Range<Int>]] = [:]
    /// The definitions another file can name: at the top of the file (outside every brace),
    /// or declared `static` or `const` (`static final String X`, `const val X` in an `object`,
    /// `static let x`). A value given inside a function or to an instance's field is that
    /// function's or instance's, never another file's constant of the same name.
    private(set) var shared: [String: [Range<Int>]] = [:]
    /// The shared definitions that are outside every brace (`Definition.topLevel`).
    private(set) var topLevel: Set<Int> = []
    /// The names the file imports (`CodeFile.imported`), where a language names its imports:
    /// read once per file, not for every name a setting is followed through.
    let imported: Set<String>

    init(_ file: CodeFile) {
        let tokens = file.tokens
        imported = [.javascript, .python, .go].contains(file.language.family) ? file.imported : []
        // Open brackets, so that `name = value` inside a call (Kotlin's and Python's named
        // arguments) is not taken for a declaration.
        var open: [String] = []
        var statementStart = 0
        for (k, t) in tokens.enumerated() {
            guard t.kind == .punctuation else { continue }
            switch t.text {
            case "(", "[", "{":
                open.append(t.text)
                if t.text == "{" { statementStart = k + 1 }
            case ")", "]", "}":
                _ = open.popLast()
                if t.text == "}" { statementStart = k + 1 }
            case ";": statementStart = k + 1
            case "=", ":=":
                guard open.last != "(", open.last != "[", let name = Self.name(before: k, file) else { continue }
                let end = Self.expressionEnd(from: k + 1, file)
                guard k + 1 < end else { continue }
                byName[name, default: []].append((k + 1)..<end)
                let line = file.source.line(of: tokens[k].start)
                let declaration = tokens[max(statementStart, 0)..<k].contains {
                    $0.kind == .identifier && ($0.text == "static" || $0.text == "const")
                        && file.source.line(of: $0.start) == line
                }
                if !open.contains("{") || declaration { shared[name, default: []].append((k + 1)..<end) }
                if !open.contains("{") { topLevel.insert(k + 1) }
            default: break
            }
        }
        if file.language.family == .javascript { destructureEnvironment(file) }
        // PHP's define('NAME', value).
        if file.language.family == .php {
            for k in file.calls("define") {
                let args = file.arguments(k + 1)
                if args.count >= 2, let name = file.token(args[0].value.lowerBound), name.kind == .string {
                    byName[name.text, default: []].append(args[1].value)
                    shared[name.text, default: []].append(args[1].value)
                }
            }
        }
    }

    /// Names destructured from the environment (`const { SEGMENT_KEY = "…", HOST: host } =
    /// process.env`, the Next.js examples' idiom): each name's variable and the tokens of its
    /// default, if it has one.
    private(set) var fromEnvironment: [String: (variable: String, fallback: Range<Int>?)] = [:]

    private mutating func destructureEnvironment(_ file: CodeFile) {
        let tokens = file.tokens
        // react-native-dotenv's `import { SEGMENT_KEY } from '@env'` (or 'react-native-dotenv').
        for k in tokens.indices where tokens[k].kind == .string && ["@env", "react-native-dotenv"].contains(tokens[k].text) {
            guard file.token(k - 1)?.isIdentifier("from") == true, file.token(k - 2)?.isPunctuation("}") == true else { continue }
            var j = k - 3
            while j >= 0, !tokens[j].isPunctuation("{") {
                if tokens[j].kind == .identifier, tokens[j].text != "as" {
                    // `{ A as b }`: the local name b reads A.
                    if file.token(j - 1)?.isIdentifier("as") == true, let original = file.token(j - 2) {
                        fromEnvironment[tokens[j].text] = (original.text, nil)
                    } else if file.token(j + 1)?.isIdentifier("as") != true {
                        fromEnvironment[tokens[j].text] = (tokens[j].text, nil)
                    }
                }
                j -= 1
            }
        }
        for k in tokens.indices where tokens[k].isPunctuation("{") {
            let close = file.close(k)
            guard close + 3 < tokens.count, tokens[close + 1].isPunctuation("=") else { continue }
            let source = (close + 2..<min(tokens.count, close + 7)).map { tokens[$0].text }.joined()
            guard source.hasPrefix("process.env") || source.hasPrefix("import.meta.env") else { continue }
            let afterEnv = source.hasPrefix("process.env") ? close + 5 : close + 7
            if afterEnv < tokens.count, tokens[afterEnv].isPunctuation(".") || tokens[afterEnv].isPunctuation("[") { continue }
            for entry in file.arguments(k) {
                guard let variable = entry.label, let first = file.token(entry.value.lowerBound) else { continue }
                let separator = file.token(entry.value.lowerBound - 1)
                if entry.value.count == 1, first.kind == .identifier, first.text == variable {
                    fromEnvironment[variable] = (variable, nil)  // `{ KEY }`
                } else if separator?.isPunctuation("=") == true {
                    fromEnvironment[variable] = (variable, entry.value)  // `{ KEY = "…" }`
                } else if separator?.isPunctuation(":") == true, first.kind == .identifier {
                    // `{ KEY: key }` or `{ KEY: key = "…" }`
                    let fallback =
                        entry.value.count > 2 && tokens[entry.value.lowerBound + 1].isPunctuation("=")
                        ? (entry.value.lowerBound + 2)..<entry.value.upperBound : nil
                    fromEnvironment[first.text] = (variable, fallback)
                }
            }
        }
    }

    /// The declared name left of the `=` at `k`: `name =`, `name: Type =`, `name: Type? =`. The
    /// annotation is on the declaration's line: a `:` that ends the line before (Python's
    /// `def f(self) -> None:`) is not one, and the name is the one before the `=`.
    private static func name(before k: Int, _ file: CodeFile) -> String? {
        let tokens = file.tokens
        func at(_ j: Int) -> CodeToken? { j >= 0 ? tokens[j] : nil }
        guard let last = at(k - 1) else { return nil }
        if last.kind == .identifier {
            if let colon = at(k - 2), colon.isPunctuation(":"), let name = at(k - 3), name.kind == .identifier,
                !lineBreak(between: colon, last, file)
            {
                return name.text
            }
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
