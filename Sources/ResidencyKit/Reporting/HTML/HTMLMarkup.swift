/// The one place where strings from a result document become markup.
///
/// Names in exports are user-controlled, so every string a report shows passes through here
/// (HTMLWriter's `text`, `name` and attributes call nothing else): it is clipped, made
/// visible and escaped completely, for element content or for a double-quoted attribute
/// value, so that no name can end an element or an attribute, hide or reverse the text
/// around it, or read as an entity (`&lt;b&gt;` stays those characters). Kept apart from
/// the writer so that the rules are in one short file that tests can reach directly.
enum HTMLMarkup {
    /// The most characters of one string a report shows; the JSON document has the rest.
    static let clipLimit = 4096
    /// For names where they label something (headings, captions, the register's cells).
    static let nameLimit = 300

    /// For element content.
    static func text(_ s: String, limit: Int = clipLimit) -> String {
        escape(visible(clip(s, limit: limit)), quotes: false)
    }

    /// For a double-quoted attribute value.
    static func attribute(_ s: String) -> String {
        escape(visible(clip(s, limit: clipLimit)), quotes: true)
    }

    /// `text(s, limit:)`, appended to a page's bytes. A string within the limit of printable
    /// ASCII with nothing to escape, the usual case, is copied as it is.
    static func appendText(_ s: String, limit: Int, to out: inout [UInt8]) {
        if s.utf8.count <= limit, isPlain(s, quotes: false) {
            out.append(contentsOf: s.utf8)
        } else {
            out.append(contentsOf: text(s, limit: limit).utf8)
        }
    }

    /// `attribute(s)`, appended to a page's bytes.
    static func appendAttribute(_ s: String, to out: inout [UInt8]) {
        if s.utf8.count <= clipLimit, isPlain(s, quotes: true) {
            out.append(contentsOf: s.utf8)
        } else {
            out.append(contentsOf: attribute(s).utf8)
        }
    }

    /// Printable ASCII, with nothing that `escape` replaces.
    private static func isPlain(_ s: String, quotes: Bool) -> Bool {
        everyByte(of: s) { b in
            (0x20..<0x7F).contains(b) && b != 0x26 && b != 0x3C && b != 0x3E && !(quotes && (b == 0x22 || b == 0x27))
        }
    }

    /// Read from the string's own buffer: asked of every string a report writes, where
    /// `utf8.allSatisfy` stepping through the view's indices was 6% of an `--html-dir`.
    private static func everyByte(of s: String, _ test: (UInt8) -> Bool) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { bytes in
            for b in bytes where !test(b) { return false }
            return true
        } ?? s.utf8.allSatisfy(test)
    }

    /// The string, cut at `limit` characters with a note saying how much was left out.
    static func clip(_ s: String, limit: Int) -> String {
        // No more bytes than the limit means no more characters: nothing to count.
        if s.utf8.count <= limit { return s }
        guard let cut = s.index(s.startIndex, offsetBy: limit, limitedBy: s.endIndex), cut != s.endIndex else { return s }
        let rest = s[cut...].count
        return String(s[..<cut]) + " … [\(rest) more characters: the full text is in the JSON result document]"
    }

    /// Makes visible what would otherwise hide, reorder or corrupt text: C0 and C1 controls
    /// (tab, line feed and carriage return aside) become their Control Pictures or U+FFFD,
    /// noncharacters become U+FFFD, and bidirectional overrides and isolates are named
    /// (`[U+202E]`) rather than obeyed, so a name cannot reverse the text after it.
    static func visible(_ s: String) -> String {
        // Printable ASCII, the usual case, read as bytes.
        if s.utf8.allSatisfy({ (0x20..<0x7F).contains($0) }) { return s }
        guard s.unicodeScalars.contains(where: needsReplacing) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            let v = u.value
            if !needsReplacing(u) {
                out.append(u)
            } else if v < 0x20 {
                out.append(Unicode.Scalar(0x2400 + v)!)
            } else if v == 0x7F {
                out.append(Unicode.Scalar(0x2421)!)
            } else if isBidiControl(v) {
                out.append(contentsOf: "[U+\(String(v, radix: 16, uppercase: true))]".unicodeScalars)
            } else {
                out.append(Unicode.Scalar(0xFFFD)!)
            }
        }
        return String(out)
    }

    private static func needsReplacing(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0x20 { return v != 0x09 && v != 0x0A && v != 0x0D }
        if v < 0x7F { return false }
        return v <= 0x9F || isBidiControl(v) || (0xFDD0...0xFDEF).contains(v) || v & 0xFFFE == 0xFFFE
    }

    private static func isBidiControl(_ v: UInt32) -> Bool {
        (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    private static func escape(_ s: String, quotes: Bool) -> String {
        guard s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || quotes && ($0 == 0x22 || $0 == 0x27) }) else {
            return s
        }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            case "'" where quotes: out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A stable fragment id from its parts: `[A-Za-z0-9_-]` kept, anything else replaced by
    /// `_`; when anything was replaced (or the id would be long), a short digest of the parts
    /// is appended, so distinct resources never share an anchor.
    static func anchor(_ parts: [String]) -> String {
        let joined = parts.joined(separator: "-")
        // The usual case, every byte kept and the id short, is the joined parts as they are.
        if joined.utf8.count < 120, everyByte(of: joined, isAnchorByte) { return joined }
        var id = ""
        var changed = false
        for c in joined.unicodeScalars {
            if c.isASCII && isAnchorByte(UInt8(c.value)) {
                id.unicodeScalars.append(c)
            } else {
                id += "_"
                changed = true
            }
            if id.utf8.count >= 120 {
                changed = true
                break
            }
        }
        guard changed else { return id }
        let digest = SHA256.hex(Array(parts.joined(separator: "\u{1F}").utf8)).prefix(10)
        return "\(id)-\(digest)"
    }

    /// ASCII letters and digits, `-` and `_`, by value: Unicode properties are slow to look up.
    private static func isAnchorByte(_ b: UInt8) -> Bool {
        (0x61...0x7A).contains(b) || (0x41...0x5A).contains(b) || (0x30...0x39).contains(b) || b == 0x2D || b == 0x5F
    }

    static func policyAnchor(_ id: String) -> String { anchor(["policy", id]) }

    static func findingAnchor(_ f: Finding) -> String {
        anchor(["finding", f.policy, f.workspace, f.resourceKind, f.resourceId])
    }

    static func workspaceAnchor(_ slug: String) -> String { anchor(["workspace", slug]) }

    /// `1 fail`, `2 fails` style counting, with an explicit plural (the Markdown summary
    /// counts with it too).
    static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) \(n == 1 ? singular : plural ?? singular + "s")"
    }
}
