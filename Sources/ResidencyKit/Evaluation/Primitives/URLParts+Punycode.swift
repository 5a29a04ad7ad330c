/// Punycode (RFC 3492), the encoding of IDNA's `xn--` labels: the label's ASCII characters,
/// a `-`, then the positions and values of the others as variable-length base-36 numbers.
enum Punycode {
    private static let base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700
    private static let initialBias = 72, initialN: UInt32 = 0x80

    /// The encoding of a label's code points (without `xn--`), or nil on overflow.
    static func encode(_ input: [UInt32]) -> String? {
        var output: [UInt8] = input.filter { $0 < 0x80 }.map { UInt8($0) }
        let basicCount = output.count
        var handled = basicCount
        if basicCount > 0 { output.append(UInt8(ascii: "-")) }
        var n = initialN, delta = 0, bias = initialBias
        while handled < input.count {
            guard let m = input.filter({ $0 >= n }).min() else { break }
            let (product, overflow) = Int(m - n).multipliedReportingOverflow(by: handled + 1)
            guard !overflow, delta <= Int(Int32.max) - product else { return nil }
            delta += product
            n = m
            for c in input {
                if c < n {
                    delta += 1
                    guard delta <= Int(Int32.max) else { return nil }
                }
                guard c == n else { continue }
                var q = delta
                var k = base
                while true {
                    let t = threshold(k, bias)
                    if q < t { break }
                    output.append(digit(t + (q - t) % (base - t)))
                    q = (q - t) / (base - t)
                    k += base
                }
                output.append(digit(q))
                bias = adapt(delta, handled + 1, first: handled == basicCount)
                delta = 0
                handled += 1
            }
            delta += 1
            n += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The code points of an encoded label (without `xn--`), or nil when it is not valid
    /// Punycode: a bad digit, an overflow, or an encoded basic code point.
    static func decode(_ input: [UInt8]) -> [UInt32]? {
        var output: [UInt32] = []
        var rest = input[...]
        // RFC 3492's decoder: basic code points run to the last `-`; a `-` in front is not a
        // separator but a (bad) digit.
        if let dash = input.lastIndex(of: UInt8(ascii: "-")), dash > 0 {
            for b in input[..<dash] {
                guard b < 0x80 else { return nil }
                output.append(UInt32(b))
            }
            rest = input[(dash + 1)...]
        }
        var n = initialN, i = 0, bias = initialBias
        var index = rest.startIndex
        while index < rest.endIndex {
            let oldI = i
            var w = 1
            var k = base
            while true {
                guard index < rest.endIndex, let d = digitValue(rest[index]) else { return nil }
                index += 1
                let (scaled, o1) = d.multipliedReportingOverflow(by: w)
                guard !o1, i <= Int(Int32.max) - scaled else { return nil }
                i += scaled
                let t = threshold(k, bias)
                if d < t { break }
                let (nextW, o2) = w.multipliedReportingOverflow(by: base - t)
                guard !o2, nextW <= Int(Int32.max) else { return nil }
                w = nextW
                k += base
            }
            let count = output.count + 1
            bias = adapt(i - oldI, count, first: oldI == 0)
            guard Int(n) + i / count <= 0x10FFFF else { return nil }
            n += UInt32(i / count)
            i %= count
            // Encoded code points are never ASCII, and never surrogates.
            guard n >= 0x80, !(0xD800...0xDFFF).contains(n) else { return nil }
            output.insert(n, at: i)
            i += 1
        }
        return output
    }

    private static func threshold(_ k: Int, _ bias: Int) -> Int {
        k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
    }

    private static func digit(_ d: Int) -> UInt8 {
        d < 26 ? UInt8(ascii: "a") + UInt8(d) : UInt8(ascii: "0") + UInt8(d - 26)
    }

    private static func digitValue(_ b: UInt8) -> Int? {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): Int(b - UInt8(ascii: "a"))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): Int(b - UInt8(ascii: "A"))
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(b - UInt8(ascii: "0")) + 26
        default: nil
        }
    }

    private static func adapt(_ delta: Int, _ count: Int, first: Bool) -> Int {
        var delta = first ? delta / damp : delta / 2
        delta += delta / count
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (((base - tMin + 1) * delta) / (delta + skew))
    }
}
