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

    /// `text(s, limit:)`, appended to a page's bytes. A string that is the same once clipped,
    /// made visible and escaped (the usual case) is copied as it is.
    static func appendText(_ s: String, limit: Int, to out: inout [UInt8]) {
        if !appendUnchanged(s, limit: limit, quotes: false, to: &out) {
            out.append(contentsOf: text(s, limit: limit).utf8)
        }
    }

    /// `attribute(s)`, appended to a page's bytes.
    static func appendAttribute(_ s: String, to out: inout [UInt8]) {
        if !appendUnchanged(s, limit: clipLimit, quotes: true, to: &out) {
            out.append(contentsOf: attribute(s).utf8)
        }
    }

    /// Appends `s` when clipping, `visible` and `escape` would leave it as it is: no more bytes
    /// than `limit` (so no more characters), no byte `escape` replaces, no ASCII control,
    /// and (only when there are bytes past ASCII, whose scalars are then decoded) no scalar
    /// `visible` replaces. One pass over the string's own bytes, copied from there: text
    /// with an arrow or a flag in it ("YES: EU → US") went through all three, each a scan
    /// and a copy, 2,400 instructions a string.
    static func appendUnchanged(_ s: String, limit: Int, quotes: Bool, to out: inout [UInt8]) -> Bool {
        let appended = s.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard bytes.count <= limit else { return false }
            // The ASCII bytes below 64 that stop the copy, as bits: the controls, `&`, `<`
            // and `>`, and in an attribute `"` and `'`. A test of a bit where there were up to
            // eight compares a byte (414 instructions a string, 686,000 strings a night).
            let text: UInt64 = 0xFFFF_FFFF | 1 << 0x26 | 1 << 0x3C | 1 << 0x3E
            let stops = quotes ? text | 1 << 0x22 | 1 << 0x27 : text
            var ascii = true
            for b in bytes {
                if b < 64 {
                    if stops >> b & 1 != 0 { return false }
                } else if b >= 0x7F {
                    // DEL is a control; anything above is past ASCII.
                    if b == 0x7F { return false }
                    ascii = false
                }
            }
            if !ascii, s.unicodeScalars.contains(where: needsReplacing) { return false }
            out.append(contentsOf: bytes)
            return true
        }
        return appended ?? false
    }

    /// Read from the string's own buffer (each part of an anchor): `utf8.allSatisfy`, stepping
    /// through the view's indices, was 6% of an `--html-dir` when every string was tested so.
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
        // The usual case, every byte kept and the id short, is the parts joined with `-` as
        // they are, copied once into a string of that length: `joined(separator:)` cost
        // 3,700 instructions for a finding's five parts, and a report links every finding.
        var length = parts.count - 1
        var kept = true
        for part in parts {
            length += part.utf8.count
            kept = kept && everyByte(of: part, isAnchorByte)
        }
        if kept, !parts.isEmpty, length < 120, let id = joinedInPlace(parts, length: length) { return id }
        let joined = parts.joined(separator: "-")
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

    /// `parts.joined(separator: "-")`, `length` bytes long, or nil where a part's bytes
    /// cannot be read in place.
    private static func joinedInPlace(_ parts: [String], length: Int) -> String? {
        var complete = true
        let id = String(unsafeUninitializedCapacity: length) { buffer in
            var at = 0
            for (i, part) in parts.enumerated() {
                if i > 0 {
                    buffer[at] = UInt8(ascii: "-")
                    at += 1
                }
                let copied = part.utf8.withContiguousStorageIfAvailable { bytes in
                    _ = UnsafeMutableBufferPointer(rebasing: buffer[at..<at + bytes.count]).initialize(from: bytes)
                    return bytes.count
                }
                guard let copied else {
                    complete = false
                    return 0
                }
                at += copied
            }
            return at
        }
        return complete ? id : nil
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
