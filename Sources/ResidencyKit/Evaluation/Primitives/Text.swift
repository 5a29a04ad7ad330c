import Foundation

// One unit of text for the whole language: the Unicode scalar (code point), with no
// normalisation. Swift's `String` compares by grapheme clusters under canonical equivalence
// (`"e\u{301}" == "é"`, `"a\r\n".hasSuffix("\n")` is false), while RE2 — and so `matches` —
// works on code points, as do the engines users compare us with (Rego and CEL compare strings
// by their bytes or code points). Values in an export are bytes someone configured; two
// spellings that a renderer draws alike are still two different settings, and a residency
// rule must not call them equal. So every string operation of the language goes through
// here, and none through `String`'s own `==`, `<`, `count`, `hasPrefix` or `contains`.
//
// UTF-8 is self-synchronising, so on valid UTF-8 (every Swift string) comparing bytes is
// comparing code points: equal bytes are equal scalars, byte order is code point order, and
// a byte-wise prefix, suffix or substring starts and ends on scalar boundaries.

/// The language's string semantics, on Unicode scalars.
enum Text {
    /// Equality of code point sequences. Built on `String.==`, whose fast paths (one
    /// storage, small strings, a memcmp of two NFC strings) make it the cheapest comparison
    /// there is, and which differs from ours only where canonically equivalent spellings
    /// differ in their bytes: those differ in length (`é` and `e\u{301}`, the Kelvin sign and
    /// `K`), or both contain non-ASCII (combining marks in another order).
    @inline(__always)
    static func same(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count, a == b else { return false }
        return isASCII(a) || a.utf8.elementsEqual(b.utf8)
    }

    /// Whether two texts have the same bytes, by `memcmp`: for long texts compared as keys
    /// (a derivation, a name), where `same`'s ASCII scan after `String.==` would read both
    /// texts again byte by byte. The same answer as `same`.
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        var (x, y) = (a, b)
        return x.withUTF8 { p in y.withUTF8 { q in memoryEqual(p, q) } }
    }

    /// `same(s, ascii)` for a text known to be ASCII (a literal checked once at compile time):
    /// a string canonically equivalent to ASCII text with as many bytes is that text.
    @inline(__always)
    static func sameAsASCII(_ s: String, _ ascii: String) -> Bool {
        s.utf8.count == ascii.utf8.count && s == ascii
    }

    @inline(__always)
    static func isASCII(_ s: String) -> Bool {
        // Eight bytes at a time: `same` asks this of every equal pair of texts, and evidence
        // and derivations run to a hundred bytes.
        var s = s
        return s.withUTF8 { isASCII(bytes: $0) }
    }

    @inline(__always)
    static func isASCII(bytes b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = b.baseAddress else { return true }
        let raw = UnsafeRawPointer(p)
        var i = 0
        while i + 8 <= b.count {
            if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            i += 8
        }
        while i < b.count {
            if b[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }

    /// Code point order (the order of the UTF-8 bytes).
    static func less(_ a: String, _ b: String) -> Bool {
        // UTF-8's byte order is code point order, so `memcmp` over the shorter length, then
        // the lengths, decide; a settings map sorts its keys with this for every destination.
        var (a, b) = (a, b)
        return a.withUTF8 { x in b.withUTF8 { y in order(x, y) < 0 } }
    }

    /// How two texts' UTF-8 bytes compare in code point order: negative, zero or positive.
    static func order(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Int {
        let n = min(x.count, y.count)
        if n > 0, let p = x.baseAddress, let q = y.baseAddress {
            let c = memcmp(p, q, n)
            if c != 0 { return Int(c) }
        }
        return x.count - y.count
    }

    /// The number of code points.
    static func length(_ s: String) -> Int { s.unicodeScalars.count }

    static func hasPrefix(_ s: String, _ p: String) -> Bool {
        let x = s.utf8, y = p.utf8
        return y.count <= x.count && x.prefix(y.count).elementsEqual(y)
    }

    static func hasSuffix(_ s: String, _ p: String) -> Bool {
        let x = s.utf8, y = p.utf8
        return y.count <= x.count && x.suffix(y.count).elementsEqual(y)
    }

    /// Whether `part` occurs in `s`; the empty string occurs in every string, `""` included.
    static func contains(_ s: String, _ part: String) -> Bool {
        var text = s, sought = part
        // Over the strings' own UTF-8 storage: no copy into arrays for each evaluation.
        return text.withUTF8 { x in
            sought.withUTF8 { y in
                guard let first = y.first else { return true }
                guard y.count <= x.count else { return false }
                var i = 0
                while i <= x.count - y.count {
                    if x[i] == first, UnsafeBufferPointer(rebasing: x[i..<(i + y.count)]).elementsEqual(y) { return true }
                    i += 1
                }
                return false
            }
        }
    }

    static func trimPrefix(_ s: String, _ p: String) -> String {
        hasPrefix(s, p) ? String(decoding: s.utf8.dropFirst(p.utf8.count), as: UTF8.self) : s
    }

    static func trimSuffix(_ s: String, _ p: String) -> String {
        hasSuffix(s, p) ? String(decoding: s.utf8.dropLast(p.utf8.count), as: UTF8.self) : s
    }

    /// Without leading and trailing code points of the Unicode `White_Space` property: space,
    /// tab, CR, LF (so a CRLF goes), NEL, NBSP, the ideographic space and the rest.
    static func trim(_ s: String) -> String {
        let scalars = s.unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        var out = ""
        out.unicodeScalars.append(contentsOf: scalars[start...end])
        return out
    }

    /// Unicode's full default lower-casing (`toLowercase`, Unicode §3.13), including the one
    /// context-dependent rule it has: a capital sigma that ends a word becomes final sigma
    /// `ς`, elsewhere `σ`. Full mappings may change the length: `İ` is `i̇`.
    static func lower(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s.lowercased() }
        let scalars = Array(s.unicodeScalars)
        var out = ""
        for (i, u) in scalars.enumerated() {
            if u == "\u{03A3}" {
                out.unicodeScalars.append(isFinalSigma(scalars, at: i) ? "\u{03C2}" : "\u{03C3}")
            } else {
                out += u.properties.lowercaseMapping
            }
        }
        return out
    }

    /// Unicode's full default upper-casing: `ß` is `SS`, `ŉ` is `ʼN`.
    static func upper(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s.uppercased() }
        var out = ""
        for u in s.unicodeScalars { out += u.properties.uppercaseMapping }
        return out
    }

    /// Unicode's `Final_Sigma` condition: a cased letter comes before (skipping case-ignorable
    /// code points) and none comes after.
    private static func isFinalSigma(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        func cased(in range: some Sequence<Int>) -> Bool {
            for k in range {
                let p = s[k].properties
                if p.isCaseIgnorable { continue }
                return p.isCased
            }
            return false
        }
        return cased(in: stride(from: i - 1, through: 0, by: -1)) && !cased(in: (i + 1)..<s.count)
    }
}

extension Text {
    /// `a + b + c + …` in one allocation, the bytes of each part copied once. Interpolating
    /// or appending a few short texts costs several hundred instructions a part (a capacity
    /// check and growth each time); evidence and derivation texts are built for every
    /// failing result of a night, so the ones built most often are built this way.
    static func concat(
        _ a: String, _ b: String, _ c: String = "", _ d: String = "", _ e: String = "", _ f: String = ""
    ) -> String {
        let count = a.utf8.count + b.utf8.count + c.utf8.count + d.utf8.count + e.utf8.count + f.utf8.count
        return String(unsafeUninitializedCapacity: count) { buffer in
            var at = 0
            func put(_ part: String) {
                var part = part
                part.withUTF8 { bytes in
                    guard let from = bytes.baseAddress, let to = buffer.baseAddress else { return }
                    (to + at).update(from: from, count: bytes.count)
                    at += bytes.count
                }
            }
            put(a)
            put(b)
            put(c)
            put(d)
            put(e)
            put(f)
            return at
        }
    }
}

extension Text {
    /// `["eu-west-1", "us-west-2"]`: a list of texts as evidence quotes it, each in double
    /// quotes as it is (no escaping), in one buffer rather than a string per element.
    static func quotedList(_ values: [String]) -> String {
        var count = 2
        for v in values { count += v.utf8.count + 2 }
        count += max(0, values.count - 1) * 2
        return String(unsafeUninitializedCapacity: count) { buffer in
            guard let to = buffer.baseAddress else { return 0 }
            var at = 0
            func byte(_ b: UInt8) {
                to[at] = b
                at += 1
            }
            byte(UInt8(ascii: "["))
            for (k, v) in values.enumerated() {
                if k > 0 {
                    byte(UInt8(ascii: ","))
                    byte(UInt8(ascii: " "))
                }
                byte(UInt8(ascii: "\""))
                var v = v
                v.withUTF8 { bytes in
                    guard let from = bytes.baseAddress else { return }
                    (to + at).update(from: from, count: bytes.count)
                    at += bytes.count
                }
                byte(UInt8(ascii: "\""))
            }
            byte(UInt8(ascii: "]"))
            return at
        }
    }
}

extension Text {
    /// The UTF-8 bytes of `s` appended to `out`, copied from its storage.
    @inline(__always)
    static func append(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { out.append(contentsOf: $0) }
    }
}
