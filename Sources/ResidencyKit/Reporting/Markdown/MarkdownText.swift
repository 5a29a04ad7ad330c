/// The one place where strings from a result document become GitHub-flavoured Markdown.
///
/// Names in exports are user-controlled, and a Markdown summary ends up in a PR comment,
/// where text can do more than look wrong: `[x](https://…)` makes a link, `<img …>` markup,
/// `@team` notifies a team, `owner/repo#1` leaves a back-reference on another repository's
/// issue, and a `|` ends a table cell. So every such string is made inert here.
enum MarkdownText {
    /// The most characters of a name in a cell; a message gets `messageLimit`.
    static let nameLimit = 120
    static let messageLimit = 500

    /// Text for a paragraph or a table cell: cut at `limit` characters; controls, noncharacters
    /// and bidirectional overrides made visible (as in the HTML report); line breaks as spaces;
    /// Markdown punctuation backslash-escaped and `&`, `<`, `>` as entities; a word joiner
    /// (U+2060) after `@` and `#` so no mention or issue reference is made. `lineStart` when
    /// the text begins a line or list item, where `-`, `+`, `=` or `1.` would start a block.
    static func escape(_ s: String, limit: Int = 4096, lineStart: Bool = false) -> String {
        let cut = clip(s, limit: limit)
        var out = ""
        out.reserveCapacity(cut.utf8.count + 8)
        var atStart = lineStart
        // `1. ` or `1) ` at the start would begin an ordered list inside a list item.
        let digits = lineStart ? cut.unicodeScalars.prefix { ("0"..."9").contains($0) }.count : 0
        var index = 0
        for u in HTMLMarkup.visible(cut).unicodeScalars {
            defer { index += 1 }
            if index == digits, digits > 0, u == "." || u == ")" {
                out += "\\"
                out.unicodeScalars.append(u)
                atStart = false
                continue
            }
            switch u {
            case "\n", "\r", "\t": out += " "
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            // `$` starts math on GitHub; `(`, `!` and `{` are inert once `[` is escaped.
            case "\\", "`", "*", "_", "[", "]", "|", "~", "$":
                out += "\\"
                out.unicodeScalars.append(u)
            case "@", "#":
                out.unicodeScalars.append(u)
                out += "\u{2060}"
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

    /// Text the tool itself writes (a path, a command) as a code span: a fence longer than
    /// any run of backticks inside, `|` escaped for tables, line breaks as spaces.
    static func code(_ s: String) -> String {
        let text = String(
            HTMLMarkup.visible(clip(s, limit: 300)).map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 })
        var longest = 0, run = 0
        for c in text {
            run = c == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let padded = text.hasPrefix("`") || text.hasSuffix("`") ? " \(text) " : text
        return fence + padded.replacingOccurrences(of: "|", with: "\\|") + fence
    }

    /// The string cut at `limit` characters, with an ellipsis.
    static func clip(_ s: String, limit: Int) -> String {
        guard let end = s.index(s.startIndex, offsetBy: limit, limitedBy: s.endIndex), end != s.endIndex else { return s }
        return String(s[..<end]) + "…"
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
