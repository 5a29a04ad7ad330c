/// The byte-level JSON parser behind `JSONReader`.
///
/// One loop with an explicit stack of open containers (`DataTreeBuilder.frames`) rather than
/// recursion, so nesting depth is bounded by `JSONReader.maximumDepth` and not by the thread's
/// stack. Reads go through a raw pointer with manual bounds checks: the parser is the hot
/// path of every inventory load and must stay well above 150 MB/s.
struct JSONParser {
    let p: UnsafePointer<UInt8>
    let n: Int
    var pos = 0
    /// Reused buffer for decoding strings with escapes.
    var scratch: [UInt8] = []

    init(base: UnsafePointer<UInt8>, count: Int) {
        self.p = base
        self.n = count
    }

    /// The byte at `i`, or 0 past the end; 0 is never valid where this is used, so the end of
    /// input falls into the same error path as any other unexpected byte.
    @inline(__always)
    func byte(_ i: Int) -> UInt8 { i < n ? p[i] : 0 }

    @inline(__always)
    mutating func skipWhitespace() {
        while pos < n {
            let c = p[pos]
            // One compare rejects every non-whitespace byte except the few below 0x21.
            if c > 0x20 || (c != 0x20 && c != 0x0A && c != 0x0D && c != 0x09) { return }
            pos &+= 1
        }
    }

    mutating func parse(into out: inout DataTreeBuilder) throws(JSONSyntaxError) {
        if pos == 0 && n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF { pos = 3 }
        skipWhitespace()
        if pos >= n { throw JSONSyntaxError(offset: 0, length: 0, message: "the file is empty") }

        // Whether the innermost open container is an array, whose values must be registered
        // as elements (object values are registered with their key).
        var inArray = false
        value: while true {
            if inArray { out.openElements.append(UInt32(truncatingIfNeeded: out.nodes.count)) }
            let start = pos
            let c = byte(pos)
            switch c {
            case UInt8(ascii: "\""):
                let (lo, hi) = try scanString(into: &out)
                out.nodes.append(
                    DataTree.Node(
                        tag: hi == DataTree.Member.tableMarker ? .tableString : .rawString,
                        start: UInt32(truncatingIfNeeded: start), end: UInt32(truncatingIfNeeded: pos), a: lo, b: hi))
            case UInt8(ascii: "1")...UInt8(ascii: "9"):
                // A plain integer of a few digits (most numbers: a result document's lists of
                // numbers hold millions) is read here; anything longer, or followed by a
                // fraction or an exponent, by `scanNumber` from its start again.
                var q = pos &+ 1, value = UInt64(c &- UInt8(ascii: "0"))
                while q < n, case let d = p[q] &- UInt8(ascii: "0"), d < 10 {
                    value = value &* 10 &+ UInt64(d)
                    q &+= 1
                }
                let next = q < n ? p[q] : 0
                if q &- pos <= 18 && next != UInt8(ascii: ".") && next | 0x20 != UInt8(ascii: "e") {
                    pos = q
                    out.nodes.append(
                        DataTree.Node(
                            tag: .int, start: UInt32(truncatingIfNeeded: start), end: UInt32(truncatingIfNeeded: q),
                            a: UInt32(truncatingIfNeeded: value), b: UInt32(truncatingIfNeeded: value >> 32)))
                } else {
                    out.nodes.append(try scanNumber())
                }
            case UInt8(ascii: "0"), UInt8(ascii: "-"):
                out.nodes.append(try scanNumber())
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isObject = c == UInt8(ascii: "{")
                if out.frames.count >= JSONReader.maximumDepth {
                    throw JSONSyntaxError(
                        offset: pos, length: 1,
                        message:
                            "nesting deeper than \(JSONReader.maximumDepth) objects and arrays is not supported")
                }
                let index = UInt32(truncatingIfNeeded: out.nodes.count)
                out.nodes.append(
                    DataTree.Node(
                        tag: isObject ? .object : .array,
                        start: UInt32(truncatingIfNeeded: start), end: 0))
                out.openContainer(node: index, isObject: isObject)
                pos &+= 1
                skipWhitespace()
                if byte(pos) == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    pos &+= 1
                    out.close(end: UInt32(truncatingIfNeeded: pos))
                } else {
                    inArray = !isObject
                    if isObject { try memberKey(into: &out) }
                    continue value
                }
            case UInt8(ascii: "t"):
                try literal("true", 0x65_75_72_74)
                out.nodes.append(
                    DataTree.Node(tag: .trueValue, start: UInt32(truncatingIfNeeded: start), end: UInt32(truncatingIfNeeded: pos))
                )
            case UInt8(ascii: "f"):
                try literal("false", 0x73_6C_61_66)
                out.nodes.append(
                    DataTree.Node(
                        tag: .falseValue, start: UInt32(truncatingIfNeeded: start), end: UInt32(truncatingIfNeeded: pos)))
            case UInt8(ascii: "n"):
                try literal("null", 0x6C_6C_75_6E)
                out.nodes.append(
                    DataTree.Node(tag: .null, start: UInt32(truncatingIfNeeded: start), end: UInt32(truncatingIfNeeded: pos)))
            default:
                throw valueError(at: pos)
            }

            // A value is complete: read separators and closing brackets until the next value.
            while let top = out.frames.last {
                skipWhitespace()
                let c = byte(pos)
                if c == UInt8(ascii: ",") {
                    let comma = pos
                    pos &+= 1
                    skipWhitespace()
                    let closer = top.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                    if byte(pos) == closer {
                        throw JSONSyntaxError(
                            offset: comma, length: 1,
                            message:
                                "trailing comma before `\(Character(Unicode.Scalar(closer)))` is not allowed in JSON")
                    }
                    inArray = !top.isObject
                    if top.isObject { try memberKey(into: &out) }
                    continue value
                }
                if c == (top.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    pos &+= 1
                    out.close(end: UInt32(truncatingIfNeeded: pos))
                    continue
                }
                throw top.isObject
                    ? unexpected(at: pos, "expected `,` or `}` after an object member")
                    : unexpected(at: pos, "expected `,` or `]` after an array element")
            }
            break
        }
        skipWhitespace()
        if pos < n { throw trailingError(at: pos) }
    }

    /// Reads `"key"` and `:` and leaves `pos` at the value, which becomes the member's value.
    @inline(__always)
    mutating func memberKey(into out: inout DataTreeBuilder) throws(JSONSyntaxError) {
        let keyStart = pos
        guard byte(pos) == UInt8(ascii: "\"") else { throw keyError(at: pos) }
        let (lo, hi) = try scanString(into: &out)
        out.openMembers.append(
            DataTree.Member(
                keyStart: UInt32(truncatingIfNeeded: keyStart), keyLo: lo, keyHi: hi,
                value: UInt32(truncatingIfNeeded: out.nodes.count)))
        skipWhitespace()
        guard byte(pos) == UInt8(ascii: ":") else {
            throw unexpected(at: pos, "expected `:` after an object key")
        }
        pos &+= 1
        skipWhitespace()
    }

    /// Consumes `word` (whose first four bytes, little-endian, are `prefix`) at `pos`.
    @inline(__always)
    mutating func literal(_ word: StaticString, _ prefix: UInt32) throws(JSONSyntaxError) {
        let length = word.utf8CodeUnitCount
        if n - pos >= length, UnsafeRawPointer(p + pos).loadUnaligned(as: UInt32.self) == UInt32(littleEndian: prefix),
            length == 4 || p[pos + 4] == UInt8(ascii: "e")
        {
            pos &+= length
            return
        }
        throw valueError(at: pos)
    }

    /// Reads a number per RFC 8259. Integers of up to 18 digits are stored as values (most
    /// numbers in exports); anything else keeps its text, read exactly on access.
    @inline(__always)
    mutating func scanNumber() throws(JSONSyntaxError) -> DataTree.Node {
        let start = pos
        let zero = UInt8(ascii: "0")
        let negative = p[pos] == UInt8(ascii: "-")
        if negative { pos &+= 1 }
        let digitsStart = pos
        var value: Int64 = 0
        let first = byte(pos)
        if first == zero {
            pos &+= 1
            if byte(pos) &- zero < 10 {
                throw JSONSyntaxError(
                    offset: digitsStart, length: 1,
                    message:
                        "leading zeros are not allowed in JSON numbers")
            }
        } else if first &- zero < 10 {
            while pos < n {
                let d = p[pos] &- zero
                if d >= 10 { break }
                value = value &* 10 &+ Int64(d)
                pos &+= 1
            }
        } else {
            throw numberError(at: pos, after: start)
        }
        let digitCount = pos - digitsStart
        var isInteger = true
        if byte(pos) == UInt8(ascii: ".") {
            pos &+= 1
            guard byte(pos) &- zero < 10 else {
                throw unexpected(at: pos, "expected a digit after the decimal point")
            }
            while pos < n && p[pos] &- zero < 10 { pos &+= 1 }
            isInteger = false
        }
        let e = byte(pos)
        if e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            pos &+= 1
            let sign = byte(pos)
            if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { pos &+= 1 }
            guard byte(pos) &- zero < 10 else {
                throw unexpected(at: pos, "expected a digit in the exponent")
            }
            while pos < n && p[pos] &- zero < 10 { pos &+= 1 }
            isInteger = false
        }
        let s = UInt32(truncatingIfNeeded: start), e32 = UInt32(truncatingIfNeeded: pos)
        // 18 digits cannot overflow Int64; `-0` keeps its text so `double` stays -0.0.
        if isInteger && digitCount <= 18 && !(negative && value == 0) {
            let bits = UInt64(bitPattern: negative ? -value : value)
            return DataTree.Node(
                tag: .int, start: s, end: e32,
                a: UInt32(truncatingIfNeeded: bits), b: UInt32(truncatingIfNeeded: bits >> 32))
        }
        return DataTree.Node(tag: .rawNumber, start: s, end: e32)
    }
}
