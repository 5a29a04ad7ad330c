extension JSONParser {
    /// Reads the string whose opening quote is at `pos` and leaves `pos` after its closing
    /// quote. Returns the content's byte range when it has no escapes (the usual case: no
    /// copy now, one `String` when a loader reads it), else the index of the decoded text in
    /// the tree's string table with `Member.tableMarker` as the second value.
    @inline(__always)
    mutating func scanString(into out: inout DataTreeBuilder) throws(JSONSyntaxError) -> (UInt32, UInt32) {
        let open = pos
        var i = pos &+ 1
        while true {
            // Eight bytes at a time while none is `"`, `\`, a control character or non-ASCII:
            // most strings in exports are short ASCII identifiers and names. The word that has
            // one is not read again byte by byte: the lowest byte flagged is the first such.
            while i &+ 8 <= n {
                let word = UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
                let flagged = Self.attention(word)
                if flagged != 0 {
                    i &+= flagged.trailingZeroBitCount &>> 3
                    break
                }
                i &+= 8
            }
            guard i < n else { throw unterminated(open) }
            let c = p[i]
            if c == UInt8(ascii: "\"") {
                pos = i &+ 1
                return (UInt32(truncatingIfNeeded: open &+ 1), UInt32(truncatingIfNeeded: i))
            }
            if c == UInt8(ascii: "\\") { return try decodeEscaped(open: open, from: i, into: &out) }
            if c < 0x20 { throw controlCharacter(at: i) }
            if c >= 0x80 { i = try validateUTF8(at: i) } else { i &+= 1 }
        }
    }

    /// The eight bytes (little-endian) with the high bit of each byte that is `"` (0x22), `\`
    /// (0x5C), below 0x20 or above 0x7F set, by the classic "has zero byte" bit trick on each
    /// condition; zero when none is. A borrow can flag a byte above one that is flagged
    /// rightly, never below it, so the lowest bit set is the first byte that needs attention
    /// (`attentionFlagsTheFirstByteThatNeedsIt` checks every byte value in every position).
    @inline(__always)
    static func attention(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        let quote = w ^ (ones &* 0x22)
        let slash = w ^ (ones &* 0x5C)
        let hasQuote = (quote &- ones) & ~quote & high
        let hasSlash = (slash &- ones) & ~slash & high
        let hasControl = (w &- ones &* 0x20) & ~w & high
        return hasQuote | hasSlash | hasControl | (w & high)
    }

    /// Decodes a string from its first backslash at `i` into the string table.
    mutating func decodeEscaped(
        open: Int, from start: Int, into out: inout DataTreeBuilder
    ) throws(JSONSyntaxError) -> (UInt32, UInt32) {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(start: p + open + 1, count: start - open - 1))
        var i = start
        while i < n {
            let c = p[i]
            if c == UInt8(ascii: "\"") {
                pos = i + 1
                out.strings.append(String(decoding: scratch, as: UTF8.self))
                return (UInt32(truncatingIfNeeded: out.strings.count - 1), DataTree.Member.tableMarker)
            }
            if c == UInt8(ascii: "\\") {
                i = try decodeEscape(at: i, open: open)
            } else if c < 0x20 {
                throw controlCharacter(at: i)
            } else if c >= 0x80 {
                let next = try validateUTF8(at: i)
                scratch.append(contentsOf: UnsafeBufferPointer(start: p + i, count: next - i))
                i = next
            } else {
                scratch.append(c)
                i += 1
            }
        }
        throw unterminated(open)
    }

    /// Appends the character of the escape at `i` to `scratch`; returns the offset after it.
    mutating func decodeEscape(at i: Int, open: Int) throws(JSONSyntaxError) -> Int {
        let e = byte(i + 1)
        let simple: UInt8
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): simple = e
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"):
            let unit = try hex4(at: i)
            var scalar: UInt32 = unit
            var length = 6
            if (0xD800..<0xDC00).contains(unit) {
                // A high surrogate must be followed by `\u` and a low one: together they are
                // one character beyond U+FFFF (an emoji, say).
                guard byte(i + 6) == UInt8(ascii: "\\"), byte(i + 7) == UInt8(ascii: "u"),
                    let low = try? hex4(at: i + 6), (0xDC00..<0xE000).contains(low)
                else {
                    throw JSONSyntaxError(
                        offset: i, length: 6,
                        message:
                            "lone surrogate `\(text(i, 6))`: a high surrogate escape must be followed by a low surrogate escape (`\\uDC00`–`\\uDFFF`)"
                    )
                }
                scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                length = 12
            } else if (0xDC00..<0xE000).contains(unit) {
                throw JSONSyntaxError(
                    offset: i, length: 6,
                    message:
                        "lone surrogate `\(text(i, 6))`: a low surrogate escape must follow a high surrogate escape (`\\uD800`–`\\uDBFF`)"
                )
            }
            scratch.append(contentsOf: Unicode.UTF8.encode(Unicode.Scalar(scalar)!)!)
            return i + length
        default:
            if i + 1 >= n { throw unterminated(open) }
            let shown =
                e > 0x20 && e < 0x7F
                ? "`\\\(text(i + 1, 1))`" : "`\\` followed by \(describe(at: i + 1)?.text ?? "a non-UTF-8 byte")"
            throw JSONSyntaxError(
                offset: i, length: 2,
                message:
                    "invalid escape \(shown) in a string: JSON allows only \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX")
        }
        scratch.append(simple)
        return i + 2
    }

    /// The four hex digits of the `\u` escape at `i`.
    func hex4(at i: Int) throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for k in 2..<6 {
            let c = byte(i + k)
            let digit: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
            default:
                // Show the bad character too when it is plain ASCII, which makes the typo obvious.
                let length = k + (c > 0x20 && c < 0x7F && c != UInt8(ascii: "\"") ? 1 : 0)
                throw JSONSyntaxError(
                    offset: i, length: length,
                    message:
                        "invalid escape `\(text(i, length))`: `\\u` must be followed by four hex digits")
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Checks the UTF-8 sequence whose lead byte (≥ 0x80) is at `i`; returns the offset after
    /// it. Strict per RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF.
    @inline(__always)
    func validateUTF8(at i: Int) throws(JSONSyntaxError) -> Int {
        let lead = p[i]
        // The allowed range of the second byte depends on the lead; later bytes are 80–BF.
        let length: Int, low: UInt8, high: UInt8
        switch lead {
        case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
        case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (length, low, high) = (3, 0x80, 0xBF)
        case 0xED: (length, low, high) = (3, 0x80, 0x9F)
        case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
        case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
        case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
        default: throw invalidUTF8(at: i, length: 1)
        }
        let second = byte(i + 1)
        guard i + 1 < n, second >= low, second <= high else { throw invalidUTF8(at: i, length: min(2, n - i)) }
        for k in 2..<length {
            guard i + k < n, p[i + k] & 0xC0 == 0x80 else { throw invalidUTF8(at: i, length: min(k + 1, n - i)) }
        }
        return i + length
    }

    /// The source text of `length` bytes at `i` (clipped to the file), for messages.
    func text(_ i: Int, _ length: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: p + i, count: max(0, min(length, n - i))), as: UTF8.self)
    }
}
