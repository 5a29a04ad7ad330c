/// The one definition of the characters that cannot be shown as they are when text that
/// someone else wrote (names, ids, settings and messages from an inventory, a server's
/// answer, a saved document) reaches a reader, and of how they are shown instead.
///
/// Such text can do more than look odd: an ESC starts a terminal escape sequence (colours,
/// cursor moves, a cleared line), a CR or LF starts a new line in a CI log (a forged
/// `verdict: compliant`), a bidirectional override or isolate reverses the text after it,
/// and zero-width and other format characters make two different names look alike. Each is
/// shown as a visible escape instead — `\x1b`, `\n`, `\u{202E}`, `\u{200B}` — and text is
/// cut at a length (in Unicode scalars: one `Character` can hold any number of them).
///
/// Each medium neutralises in one place, built on this: the terminal and logs with
/// `terminal(_:limit:)`, Markdown in `MarkdownText`, SARIF in `SARIFReport.text`, JUnit in
/// `XMLText.value`. The JSON result document keeps every value whole.
package enum Neutralise {
    /// The most scalars of a name, an id or an evidence value shown on a line.
    package static let nameLimit = 120
    /// The most scalars of a message shown on a line.
    static let textLimit = 500

    /// For a terminal or a CI log: hidden characters and line breaks as visible escapes, so
    /// the value stays on its line and emits nothing but text, cut at `limit` scalars with `…`.
    package static func terminal(_ s: String, limit: Int = textLimit) -> String {
        visible(clip(s, limit: limit))
    }

    /// Every hidden character (`isHidden`) as its escape. `keepTabs` leaves tabs as they are
    /// (a quoted source line, whose caret line repeats its tabs); `keepLineFeeds` line feeds
    /// (prose the tool composes of several lines, where each value was neutralised first).
    package static func visible(_ s: String, keepTabs: Bool = false, keepLineFeeds: Bool = false) -> String {
        // Printable ASCII, the usual case, is returned as it is without looking at scalars.
        let printable = s.utf8.withContiguousStorageIfAvailable { isPrintableASCII($0) }
        if printable ?? Array(s.utf8).withUnsafeBufferPointer({ isPrintableASCII($0) }) { return s }
        // Text with a line break, a control or a letter past ASCII (a SARIF message of several
        // lines, a clipped one ending in `…`): byte by byte, each scalar past ASCII decoded only
        // to ask whether it is hidden (appending scalars one at a time took 3% of rendering a
        // night's SARIF, some 60,000 instructions for a long message).
        if let shown = s.utf8.withContiguousStorageIfAvailable({ visibleUTF8($0, keepTabs, keepLineFeeds) }) {
            return shown
        }
        return visibleByScalars(s, keepTabs: keepTabs, keepLineFeeds: keepLineFeeds)
    }

    /// Whether every byte is printable ASCII (0x20 to 0x7E), eight bytes at a time
    /// (`WordScan`): every name and message of a night's JUnit folder is asked this.
    static func isPrintableASCII(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        // A byte of 0x80 or above has its own high bit set.
        WordScan.all(b, flags: { WordScan.below($0, 0x20) | ($0 & WordScan.high) | WordScan.equal($0, 0x7F) }) {
            $0 >= 0x20 && $0 < 0x7F
        }
    }

    /// `visible` of a string's UTF-8 bytes (valid, as every `String`'s are). Each hidden scalar
    /// as `escape` spells it: `\n`, `\r`, `\t`, `\x` and two lowercase hex digits for the other
    /// ASCII controls, `\u{…}` past ASCII; every other scalar's bytes as they are.
    private static func visibleUTF8(_ bytes: UnsafeBufferPointer<UInt8>, _ keepTabs: Bool, _ keepLineFeeds: Bool) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                if (b >= 0x20 && b != 0x7F) || (keepTabs && b == 0x09) || (keepLineFeeds && b == 0x0A) {
                    out.append(b)
                    continue
                }
                out.append(UInt8(ascii: "\\"))
                switch b {
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                default: out += [UInt8(ascii: "x"), JSONBytes.hexDigit(b >> 4), JSONBytes.hexDigit(b & 0xF)]
                }
                continue
            }
            let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
            var value = UInt32(b) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
            if let u = Unicode.Scalar(value), isHidden(u) {
                var escaped = ""
                escape(u, into: &escaped)
                out += escaped.utf8
            } else {
                out += bytes[i..<(i + length)]
            }
            i += length
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `visible` by its definition, one scalar at a time (`isHidden`, `escape`).
    static func visibleByScalars(_ s: String, keepTabs: Bool = false, keepLineFeeds: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        for u in s.unicodeScalars {
            if isHidden(u), !(keepTabs && u == "\t"), !(keepLineFeeds && u == "\n") {
                escape(u, into: &out)
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// Whether a scalar is shown as an escape: C0 and C1 controls and DEL (tab, line feed and
    /// carriage return included), format characters (bidirectional marks, overrides and
    /// isolates, zero-width spaces and joiners, the byte-order mark, tags), line and paragraph
    /// separators, noncharacters, and the blank fillers that pass for letters.
    static func isHidden(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0xA0 { return v < 0x20 || v >= 0x7F }
        switch v {
        // Hangul fillers and the combining grapheme joiner: invisible, yet letters or marks.
        case 0x115F, 0x1160, 0x3164, 0xFFA0, 0x034F, 0x17B4, 0x17B5: return true
        default: break
        }
        switch u.properties.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator, .control, .surrogate: return true
        default: return u.properties.isNoncharacterCodePoint
        }
    }

    /// `\n`, `\r`, `\t`; `\x1b` for other ASCII controls; `\u{202E}` for the rest.
    static func escape(_ u: Unicode.Scalar, into out: inout String) {
        switch u {
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            let hex = String(u.value, radix: 16, uppercase: u.value >= 0x80)
            if u.value < 0x80 {
                out += "\\x" + (hex.count < 2 ? "0" : "") + hex
            } else {
                out += "\\u{" + hex + "}"
            }
        }
    }

    /// How many columns a scalar takes once neutralised (its escape's length, or 1).
    static func width(_ u: Unicode.Scalar, keepTabs: Bool = false) -> Int {
        guard isHidden(u), !(keepTabs && u == "\t") else { return 1 }
        var escaped = ""
        escape(u, into: &escaped)
        return escaped.utf8.count
    }

    /// The text cut at `limit` Unicode scalars, with `…` when anything was left out.
    static func clip(_ s: String, limit: Int) -> String {
        // A string of no more bytes than the limit has no more scalars either.
        let scalars = s.unicodeScalars
        guard s.utf8.count > limit,
            let cut = scalars.index(scalars.startIndex, offsetBy: max(0, limit), limitedBy: scalars.endIndex),
            cut != scalars.endIndex
        else { return s }
        return String(scalars[..<cut]) + "…"
    }

    /// The text cut to about `limit` scalars by leaving out its middle (` … `), for messages
    /// that quote a long value and end with what was expected.
    static func clipMiddle(_ s: String, limit: Int) -> String {
        let scalars = s.unicodeScalars
        guard s.utf8.count > limit, scalars.count > limit else { return s }
        let head = limit * 3 / 4, tail = limit - head
        let headEnd = scalars.index(scalars.startIndex, offsetBy: head)
        let tailStart = scalars.index(scalars.endIndex, offsetBy: -tail)
        return String(scalars[..<headEnd]) + " … " + String(scalars[tailStart...])
    }
}
