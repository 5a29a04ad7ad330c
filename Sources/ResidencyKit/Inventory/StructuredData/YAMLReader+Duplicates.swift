/// A duplicate key in YAML is an error (as in JSON, E0616) pointed at the repeat, noting the
/// first. libyaml, through Yams, reports only the first occurrence: the repeat is found from
/// there in the text, only on this error path, so reading a valid file costs nothing more.
extension YAMLReader {
    /// The offset of the repeat of the key written at `first`, in the same mapping: the next
    /// key at the same indentation of a block mapping (before the mapping ends), or the next
    /// member at the same depth of a flow mapping (`{id: a, id: b}`). Nil when it cannot be
    /// told from the text; the error then points at the first occurrence.
    static func repeatOfKey(at first: Int, in bytes: [UInt8]) -> Int? {
        guard first >= 0, first < bytes.count, let key = keyText(at: first, in: bytes) else { return nil }
        var lineStart = first
        while lineStart > 0, bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
        var before = first
        while before > lineStart, bytes[before - 1] == UInt8(ascii: " ") { before -= 1 }
        if before > lineStart, bytes[before - 1] == UInt8(ascii: "{") || bytes[before - 1] == UInt8(ascii: ",") {
            return flowRepeat(of: key.text, after: key.end, in: bytes)
        }
        return blockRepeat(of: key.text, column: first - lineStart, after: first, in: bytes)
    }

    /// The key written at `start` (quotes removed) and where its text ends.
    private static func keyText(at start: Int, in bytes: [UInt8]) -> (text: [UInt8], end: Int)? {
        let quote = bytes[start]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            var i = start + 1
            while i < bytes.count, bytes[i] != quote {
                if quote == UInt8(ascii: "\""), bytes[i] == UInt8(ascii: "\\") { i += 1 }
                i += 1
            }
            guard i < bytes.count else { return nil }
            return (Array(bytes[(start + 1)..<i]), i + 1)
        }
        var i = start
        while i < bytes.count, bytes[i] != UInt8(ascii: "\n") {
            if bytes[i] == UInt8(ascii: ":"),
                i + 1 == bytes.count || [UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(bytes[i + 1])
            {
                break
            }
            if bytes[i] == UInt8(ascii: ","), i > start { break }
            i += 1
        }
        var end = i
        while end > start, bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
        return end > start ? (Array(bytes[start..<end]), end) : nil
    }

    /// Whether the key written at `at` is `key`.
    private static func isKey(_ key: [UInt8], at: Int, in bytes: [UInt8]) -> Bool {
        keyText(at: at, in: bytes)?.text == key
    }

    private static func blockRepeat(of key: [UInt8], column: Int, after first: Int, in bytes: [UInt8]) -> Int? {
        var i = first
        while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { i += 1 }
        while i < bytes.count {
            let lineStart = i + 1
            var j = lineStart
            while j < bytes.count, bytes[j] == UInt8(ascii: " ") { j += 1 }
            var end = j
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            defer { i = end }
            // Blank lines and comments say nothing about where the mapping ends.
            if j >= bytes.count || bytes[j] == UInt8(ascii: "\n") || bytes[j] == UInt8(ascii: "\r")
                || bytes[j] == UInt8(ascii: "#")
            {
                continue
            }
            let indent = j - lineStart
            if indent < column { return nil }
            if indent == column, isKey(key, at: j, in: bytes) { return j }
        }
        return nil
    }

    private static func flowRepeat(of key: [UInt8], after start: Int, in bytes: [UInt8]) -> Int? {
        var depth = 0
        var i = start
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                i += 1
                while i < bytes.count, bytes[i] != b {
                    if b == UInt8(ascii: "\""), bytes[i] == UInt8(ascii: "\\") { i += 1 }
                    i += 1
                }
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 { return nil }
                depth -= 1
            case UInt8(ascii: ",") where depth == 0:
                var k = i + 1
                while k < bytes.count, [UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(bytes[k]) {
                    k += 1
                }
                if k < bytes.count, isKey(key, at: k, in: bytes) { return k }
            default: break
            }
            i += 1
        }
        return nil
    }
}
