/// Error messages. Off the hot path: they run once, for the error that stops parsing, so
/// they spend effort on naming what was found and on recognising the usual non-JSON habits
/// (comments, single quotes, trailing commas, `NaN`, `True`) in words the user can act on.
extension JSONParser {
    /// What is at `i`, as shown in messages ("`]`", "`undefined`", "U+00A0", "the end of the
    /// file") and how many bytes that covers; `nil` when `i` starts invalid UTF-8.
    func describe(at i: Int) -> (text: String, length: Int)? {
        guard i < n else { return ("the end of the file", 0) }
        let c = p[i]
        if isWordByte(c) {
            // A whole word reads better than its first letter: "found `undefined`".
            var end = i + 1
            while end < n && end - i < 32 && isWordByte(p[end]) { end += 1 }
            return ("`\(text(i, end - i))`", end - i)
        }
        if c < 0x80 {
            if c == UInt8(ascii: "`") { return ("a backtick", 1) }
            return c > 0x20 && c < 0x7F ? ("`\(Character(Unicode.Scalar(c)))`", 1) : (Self.codePoint(UInt32(c)), 1)
        }
        guard let next = try? validateUTF8(at: i) else { return nil }
        let scalar = text(i, next - i).unicodeScalars.first!
        switch scalar.properties.generalCategory {
        case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .unassigned, .privateUse:
            return (Self.codePoint(scalar.value), next - i)
        default:
            return ("`\(scalar)`", next - i)
        }
    }

    /// `"<expected>, found <what is at i>"`, or a more specific message for comments and
    /// invalid UTF-8 at `i`.
    func unexpected(at i: Int, _ expected: String) -> JSONSyntaxError {
        if i >= n { return JSONSyntaxError(offset: i, length: 0, message: "unexpected end of file, \(expected)") }
        if let special = commentOrEncodingError(at: i) { return special }
        let (found, length) = describe(at: i)!
        return JSONSyntaxError(offset: i, length: length, message: "\(expected), found \(found)")
    }

    /// Text after the one top-level value.
    func trailingError(at i: Int) -> JSONSyntaxError {
        if let special = commentOrEncodingError(at: i) { return special }
        let (found, length) = describe(at: i)!
        let hint =
            p[i] == UInt8(ascii: "{") || p[i] == UInt8(ascii: "[")
            ? " (a JSON file holds one value; wrap several in an array)" : ""
        return JSONSyntaxError(offset: i, length: length, message: "unexpected \(found) after the JSON value\(hint)")
    }

    /// Where a value should start.
    func valueError(at i: Int) -> JSONSyntaxError {
        if i < n {
            let c = p[i]
            if c == UInt8(ascii: "'") {
                return JSONSyntaxError(offset: i, length: 1, message: "strings in JSON must be in double quotes, found `'`")
            }
            if c == UInt8(ascii: "+") {
                return JSONSyntaxError(offset: i, length: 1, message: "a leading `+` is not allowed in JSON numbers")
            }
            if c == UInt8(ascii: "."), byte(i + 1) &- UInt8(ascii: "0") < 10 {
                return JSONSyntaxError(
                    offset: i, length: 1,
                    message:
                        "a JSON number must start with a digit: write `0\(text(i, 2))`, not `\(text(i, 2))`")
            }
            if isWordByte(c), let (word, length) = describe(at: i) {
                let bare = text(i, length)
                if bare == "NaN" || bare == "Infinity" {
                    return JSONSyntaxError(
                        offset: i, length: length, message: "\(word) is not allowed in JSON, which has no NaN or infinity")
                }
                if ["true", "false", "null"].contains(bare.lowercased()) && bare != bare.lowercased() {
                    return JSONSyntaxError(
                        offset: i, length: length,
                        message:
                            "\(word) is not a JSON value: JSON literals are lowercase (`\(bare.lowercased())`)")
                }
            }
        }
        return unexpected(at: i, "expected a JSON value")
    }

    /// Where a `-` is not followed by a digit.
    func numberError(at i: Int, after minus: Int) -> JSONSyntaxError {
        if n - i >= 8 && text(i, 8) == "Infinity" {
            return JSONSyntaxError(
                offset: minus, length: 9, message: "`-Infinity` is not allowed in JSON, which has no NaN or infinity")
        }
        return unexpected(at: i, "expected a digit after `-`")
    }

    /// Where an object key should start.
    func keyError(at i: Int) -> JSONSyntaxError {
        if byte(i) == UInt8(ascii: "'") {
            return JSONSyntaxError(offset: i, length: 1, message: "object keys in JSON must be in double quotes, found `'`")
        }
        return unexpected(at: i, "expected an object key in double quotes")
    }

    func unterminated(_ open: Int) -> JSONSyntaxError {
        JSONSyntaxError(offset: open, length: 1, message: "unterminated string: no closing `\"` before the end of the file")
    }

    func controlCharacter(at i: Int) -> JSONSyntaxError {
        let c = p[i]
        let escape =
            switch c {
            case 0x0A: "\\n"
            case 0x0D: "\\r"
            case 0x09: "\\t"
            case 0x08: "\\b"
            case 0x0C: "\\f"
            default: "\\u00" + (c < 0x10 ? "0" : "") + String(c, radix: 16, uppercase: true)
            }
        let what = c == 0x0A || c == 0x0D ? "line break" : "control character"
        return JSONSyntaxError(
            offset: i, length: 1,
            message:
                "unescaped \(what) \(Self.codePoint(UInt32(c))) in a string: write it as `\(escape)` (or is a closing `\"` missing?)"
        )
    }

    func invalidUTF8(at i: Int, length: Int) -> JSONSyntaxError {
        let shown = (0..<max(1, length)).map { "0x" + String(p[i + $0], radix: 16, uppercase: true) }
        let what = shown.count == 1 ? "byte \(shown[0]) is" : "bytes \(shown.joined(separator: " ")) are"
        return JSONSyntaxError(
            offset: i, length: max(1, length), message: "invalid UTF-8: \(what) not a valid character (JSON files must be UTF-8)")
    }

    private func commentOrEncodingError(at i: Int) -> JSONSyntaxError? {
        guard i < n else { return nil }
        if p[i] == UInt8(ascii: "/") && (byte(i + 1) == UInt8(ascii: "/") || byte(i + 1) == UInt8(ascii: "*")) {
            return JSONSyntaxError(offset: i, length: 2, message: "comments are not allowed in JSON")
        }
        if p[i] >= 0x80 {
            do { _ = try validateUTF8(at: i) } catch { return error }
        }
        return nil
    }

    private func isWordByte(_ c: UInt8) -> Bool {
        (c | 0x20) &- UInt8(ascii: "a") < 26 || c &- UInt8(ascii: "0") < 10 || c == UInt8(ascii: "_")
    }

    static func codePoint(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
