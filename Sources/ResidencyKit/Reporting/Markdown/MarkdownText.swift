/// The one place where strings from a result document become GitHub-flavoured Markdown.
///
/// Names in exports are user-controlled, and a Markdown summary ends up in a PR comment,
/// where text can do more than look wrong: `[x](https://…)` makes a link, and so does a bare
/// `https://…`, `www.…` or e-mail address (GitHub's autolinks), `<img …>` markup, `@team`
/// notifies a team, `owner/repo#1` leaves a back-reference on another repository's issue,
/// and a `|` ends a table cell. So every such string is made inert here, after
/// `Neutralise` has made its hidden characters visible.
enum MarkdownText {
    /// The most characters of a name in a cell; a message gets `messageLimit`.
    static let nameLimit = 120
    static let messageLimit = 500

    /// Shown between characters that would otherwise make a link or a mention: a word
    /// joiner, which takes no room.
    static let joiner: Unicode.Scalar = "\u{2060}"

    /// Text for a paragraph or a table cell: cut at `limit` Unicode scalars; controls, line
    /// breaks, bidirectional overrides and other invisible characters as visible escapes
    /// (`Neutralise.visible`); Markdown punctuation backslash-escaped and `&`, `<`, `>` as
    /// entities; a word joiner (U+2060) after `@` and `#` so no mention or issue reference is
    /// made, and inside `://` and `www.` so no autolink is. `lineStart` when the text begins a
    /// line or list item, where `-`, `+`, `=` or `1.` would start a block.
    static func escape(_ s: String, limit: Int = 4096, lineStart: Bool = false) -> String {
        let scalars = Array(Neutralise.visible(Neutralise.clip(s, limit: limit)).unicodeScalars)
        var out = ""
        out.reserveCapacity(scalars.count + 8)
        var atStart = lineStart
        // `1. ` or `1) ` at the start would begin an ordered list inside a list item.
        let digits = lineStart ? scalars.prefix { ("0"..."9").contains($0) }.count : 0
        for (index, u) in scalars.enumerated() {
            if index == digits, digits > 0, u == "." || u == ")" {
                out += "\\"
                out.unicodeScalars.append(u)
                atStart = false
                continue
            }
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            // `$` starts math on GitHub; `(`, `!` and `{` are inert once `[` is escaped.
            case "\\", "`", "*", "_", "[", "]", "|", "~", "$":
                out += "\\"
                out.unicodeScalars.append(u)
            case "@", "#":
                out.unicodeScalars.append(u)
                out.unicodeScalars.append(joiner)
            case ":" where index + 2 < scalars.count && scalars[index + 1] == "/" && scalars[index + 2] == "/":
                // `https://…` (any scheme) is an autolink; with a joiner after the colon it is text.
                out.unicodeScalars.append(u)
                out.unicodeScalars.append(joiner)
            case _ where (u == "w" || u == "W") && startsWWW(scalars, index):
                out.unicodeScalars.append(u)
                out.unicodeScalars.append(joiner)
            case "-", "+", "=":
                // Only where they would start a block: a list item or a heading's underline.
                if atStart { out += "\\" }
                out.unicodeScalars.append(u)
            default: out.unicodeScalars.append(u)
            }
            atStart = false
        }
        return out
    }

    /// Whether `www.` (in any case) starts at `index`: an autolink without a scheme.
    private static func startsWWW(_ scalars: [Unicode.Scalar], _ index: Int) -> Bool {
        guard index + 3 < scalars.count, scalars[index + 3] == "." else { return false }
        return scalars[index..<(index + 3)].allSatisfy { $0 == "w" || $0 == "W" }
    }

    /// Text the tool itself writes (a path, a command) as a code span: a fence longer than
    /// any run of backticks inside, `|` escaped for tables, hidden characters and line breaks
    /// as visible escapes. (Nothing in a code span is a link, a mention or markup.)
    static func code(_ s: String) -> String {
        let text = Neutralise.visible(Neutralise.clip(s, limit: 300))
        var longest = 0, run = 0
        for c in text.unicodeScalars {
            run = c == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let padded = text.hasPrefix("`") || text.hasSuffix("`") ? " \(text) " : text
        return fence + padded.replacingOccurrences(of: "|", with: "\\|") + fence
    }

    /// Characters as the size limits of GitHub count them (Unicode scalars).
    static func length(_ s: String) -> Int { s.unicodeScalars.count }

    /// `65,000`: thousands grouped with commas whatever the locale.
    static func thousands(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return out
    }
}
