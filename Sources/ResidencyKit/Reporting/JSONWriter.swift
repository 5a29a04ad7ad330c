/// A small streaming JSON writer: keys in the order written (so documents are
/// byte-identical run to run), two-space indentation, and escaping per RFC 8259. Hand-written
/// because reports of a nightly run hold a million results and Foundation's encoder is slow.
package struct JSONWriter {
    package private(set) var bytes: [UInt8] = []
    private var depth = 0
    /// Whether the current container has had a member yet (one flag per open container).
    private var hasMember: [Bool] = []
    private var afterKey = false
    /// Indented for people, or compact (no white space) for machines and large exports.
    private let pretty: Bool
    /// The depth at which an inline object was opened; nil outside one.
    private var inlineDepth: Int?

    package init(capacity: Int = 1 << 16, pretty: Bool = true) {
        self.pretty = pretty
        bytes.reserveCapacity(capacity)
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    package mutating func beginObject() { open(UInt8(ascii: "{")) }
    /// An object written on one line, whatever it contains.
    package mutating func beginObject(inline: Bool) {
        open(UInt8(ascii: "{"))
        if inline { inlineDepth = inlineDepth ?? depth }
    }
    package mutating func endObject() { close(UInt8(ascii: "}")) }
    package mutating func beginArray() { open(UInt8(ascii: "[")) }
    package mutating func endArray() { close(UInt8(ascii: "]")) }

    package mutating func key(_ k: String) {
        separate()
        writeString(k)
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(UInt8(ascii: " ")) }
        afterKey = true
    }

    mutating func string(_ s: String) {
        separate()
        writeString(s)
    }

    mutating func int(_ i: Int) {
        separate()
        bytes.append(contentsOf: String(i).utf8)
    }

    /// A number in JSON's shortest form: integers without a fraction (`3`, not `3.0`).
    mutating func number(_ d: Double) {
        separate()
        let text = d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
        bytes.append(contentsOf: text.utf8)
    }

    mutating func bool(_ b: Bool) {
        separate()
        bytes.append(contentsOf: (b ? "true" : "false").utf8)
    }

    package mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
    }

    /// `"key": "value"`, or nothing when the value is nil (absent keys, not nulls).
    package mutating func field(_ k: String, _ v: String?) {
        guard let v else { return }
        key(k)
        string(v)
    }

    package mutating func field(_ k: String, _ v: Int) {
        key(k)
        int(v)
    }

    package mutating func field(_ k: String, _ v: Bool) {
        key(k)
        bool(v)
    }

    package mutating func field(_ k: String, strings: [String]) {
        key(k)
        beginArray()
        for s in strings { string(s) }
        endArray()
    }

    /// A writer that goes on from here with no bytes of its own, for writing a list's
    /// elements in parallel parts: part `k` continues from where the list stands after the
    /// parts before it (`afterElements`: whether they wrote any), and `append` takes each
    /// back in order, so the bytes are those written in one go. Only between values, not
    /// after a key.
    func continuation(afterElements: Bool, capacity: Int) -> JSONWriter {
        precondition(!afterKey, "JSONWriter: a continuation after a key")
        var part = JSONWriter(capacity: capacity, pretty: pretty)
        (part.depth, part.hasMember, part.inlineDepth) = (depth, hasMember, inlineDepth)
        if afterElements, !part.hasMember.isEmpty { part.hasMember[part.hasMember.count - 1] = true }
        return part
    }

    /// Takes back the parts written by `continuation`s, in order (room for all of them made
    /// first: grown part by part, the bytes were copied again each time they doubled).
    mutating func append(_ parts: [JSONWriter]) {
        // With room for what follows them (the end of a log: its counts, a few kilobytes).
        bytes.reserveCapacity(bytes.count + parts.reduce(0) { $0 + $1.bytes.count } + (1 << 16))
        for part in parts {
            precondition(part.depth == depth && part.hasMember.count == hasMember.count, "JSONWriter: a part left open")
            bytes += part.bytes
            if part.hasMember.last == true { hasMember[hasMember.count - 1] = true }
        }
    }

    private mutating func open(_ c: UInt8) {
        separate()
        bytes.append(c)
        depth += 1
        hasMember.append(false)
    }

    private mutating func close(_ c: UInt8) {
        let had = hasMember.removeLast()
        if had { newline(closing: true) }
        depth -= 1
        if let d = inlineDepth, depth < d { inlineDepth = nil }
        bytes.append(c)
    }

    /// Writes the comma and line break (or, inside an inline object, the space) that go
    /// before a value or key.
    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        guard !hasMember.isEmpty else { return }
        let first = !hasMember[hasMember.count - 1]
        if !first { bytes.append(UInt8(ascii: ",")) }
        hasMember[hasMember.count - 1] = true
        if inlineDepth != nil {
            if !first && pretty { bytes.append(32) }
            return
        }
        newline()
    }

    private mutating func newline(closing: Bool = false) {
        guard pretty, inlineDepth == nil else { return }
        bytes.append(10)
        for _ in 0..<(closing ? depth - 1 : depth) { bytes.append(32); bytes.append(32) }
    }

    private mutating func writeString(_ s: String) {
        JSONBytes.appendString(s, to: &bytes)
    }
}

/// Byte-level pieces of JSON text, shared by `JSONWriter` and the workspace-record encoder
/// (`ResultDocument+Compact.swift`).
enum JSONBytes {
    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// The lower-case hex digit of a value below 16.
    @inline(__always)
    static func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? 48 + v : 87 + v }

    /// `n` in decimal (its digits, after a `-` when it is negative) written at `to`; how many
    /// bytes (at most 20).
    static func writeDecimal(_ n: Int, _ to: UnsafeMutablePointer<UInt8>) -> Int {
        if n < 0 {
            to[0] = UInt8(ascii: "-")
            return 1 + writeDigits(n.magnitude, to + 1)
        }
        return writeDigits(UInt(n), to)
    }

    /// `n`'s decimal digits written at `to`; how many (at most 20).
    private static func writeDigits(_ n: UInt, _ to: UnsafeMutablePointer<UInt8>) -> Int {
        if n < 10 {
            to[0] = UInt8(truncatingIfNeeded: 48 + n)
            return 1
        }
        var count = 0
        var v = n
        while v > 0 {
            count += 1
            v /= 10
        }
        v = n
        for k in stride(from: count - 1, through: 0, by: -1) {
            to[k] = UInt8(truncatingIfNeeded: 48 + v % 10)
            v /= 10
        }
        return count
    }

    /// Whether a string's bytes hold anything JSON must escape: `"`, `\` or a control
    /// character. Eight bytes at a time ("has a zero byte" bit tricks, as the JSON reader
    /// scans strings), since most strings in a report need nothing.
    static func needsEscaping(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool { firstEscaped(utf8, from: 0) < utf8.count }

    /// The offset of the first byte at or after `from` that is escaped, or `utf8.count`.
    /// Bytes of 0x80 and above are UTF-8, never escaped: `below` leaves them unmarked.
    @inline(__always)
    static func firstEscaped(_ utf8: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        WordScan.first(
            utf8, from: from, flags: { WordScan.equal($0, 0x22) | WordScan.equal($0, 0x5C) | WordScan.below($0, 0x20) },
            { $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C })
    }

    /// Appends `s` as a quoted JSON string, escaped per RFC 8259.
    static func appendString(_ s: String, to bytes: inout [UInt8]) {
        var s = s
        s.withUTF8 { appendString(utf8: $0, to: &bytes) }
    }

    /// Appends the text with these UTF-8 bytes as a quoted JSON string.
    static func appendString(utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        defer { bytes.append(UInt8(ascii: "\"")) }
        // The bytes between two that need escaping are copied as one run, and the next one is
        // found eight bytes at a time: read byte by byte after the first, the texts with quotes
        // in them (the pieces of a message around a quoted value) cost 4 million instructions
        // more over the harness's first 100 bundles. Most texts need none: copied in one go.
        var run = 0
        while true {
            let i = firstEscaped(utf8, from: run)
            if run < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<i])) }
            guard i < utf8.count else { return }
            run = i + 1
            let b = utf8[i]
            switch b {
            case UInt8(ascii: "\""): bytes.append(92); bytes.append(b)
            case 92: bytes.append(92); bytes.append(92)
            case 10: bytes.append(92); bytes.append(UInt8(ascii: "n"))
            case 13: bytes.append(92); bytes.append(UInt8(ascii: "r"))
            case 9: bytes.append(92); bytes.append(UInt8(ascii: "t"))
            default: bytes.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hex[Int(b >> 4)], hex[Int(b & 15)]])
            }
        }
    }
}
