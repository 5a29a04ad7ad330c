/// Exact arithmetic on decimal number text (`-12.50e3`), which `Double` cannot give: whether
/// a number is an integer must not depend on binary rounding, or `9007199254740993` and
/// `1.00000000000000001` would both pass as integers they are not.
enum DecimalText {
    /// The value of `-?digits` with at most 18 digits (so it cannot overflow), or `nil` for
    /// anything else. `-0` is refused so that its sign survives as a `Double`.
    static func smallInteger(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0
        let negative = !text.isEmpty && text[0] == UInt8(ascii: "-")
        if negative { i = 1 }
        let digits = text.count - i
        guard digits >= 1 && digits <= 18 else { return nil }
        var value: Int64 = 0
        while i < text.count {
            let d = text[i] &- UInt8(ascii: "0")
            guard d < 10 else { return nil }
            value = value &* 10 &+ Int64(d)
            i += 1
        }
        if negative && value == 0 { return nil }
        return negative ? -value : value
    }

    /// The exact integer value of decimal text such as `3`, `3.0`, `-4.2e1` or `1E+2`, or
    /// `nil` when the text is not a decimal number, has a non-zero fraction, or does not fit
    /// in `Int`.
    static func exactInteger(_ t: UnsafeBufferPointer<UInt8>) -> Int? {
        let zero = UInt8(ascii: "0")
        var i = 0
        var negative = false
        if i < t.count && (t[i] == UInt8(ascii: "-") || t[i] == UInt8(ascii: "+")) {
            negative = t[i] == UInt8(ascii: "-")
            i += 1
        }
        let intStart = i
        while i < t.count && t[i] &- zero < 10 { i += 1 }
        let intLength = i - intStart
        var fracStart = i, fracLength = 0
        if i < t.count && t[i] == UInt8(ascii: ".") {
            i += 1
            fracStart = i
            while i < t.count && t[i] &- zero < 10 { i += 1 }
            fracLength = i - fracStart
        }
        guard intLength + fracLength > 0 else { return nil }
        var exponent = 0
        if i < t.count && (t[i] == UInt8(ascii: "e") || t[i] == UInt8(ascii: "E")) {
            i += 1
            var expNegative = false
            if i < t.count && (t[i] == UInt8(ascii: "-") || t[i] == UInt8(ascii: "+")) {
                expNegative = t[i] == UInt8(ascii: "-")
                i += 1
            }
            let expStart = i
            while i < t.count && t[i] &- zero < 10 {
                // Saturate: any exponent this large already rules out a fitting integer.
                exponent = min(exponent * 10 + Int(t[i] &- zero), 1_000_000)
                i += 1
            }
            guard i > expStart else { return nil }
            if expNegative { exponent = -exponent }
        }
        guard i == t.count else { return nil }

        // Digit k of the mantissa (integer digits, then fraction digits) has weight
        // 10^(intLength - 1 - k + exponent).
        let total = intLength + fracLength
        func digit(_ k: Int) -> UInt8 {
            (k < intLength ? t[intStart + k] : t[fracStart + k - intLength]) &- zero
        }
        var first = 0
        while first < total && digit(first) == 0 { first += 1 }
        if first == total { return 0 }
        var last = total - 1
        while digit(last) == 0 { last -= 1 }
        let scale = intLength - 1 - last + exponent
        guard scale >= 0, last - first + 1 + scale <= 19 else { return nil }
        var magnitude: UInt64 = 0
        for k in first...last { magnitude = magnitude * 10 + UInt64(digit(k)) }
        for _ in 0..<scale {
            let (product, overflow) = magnitude.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            magnitude = product
        }
        if negative {
            return magnitude <= UInt64(Int.max) + 1 ? Int(truncatingIfNeeded: 0 &- magnitude) : nil
        }
        return magnitude <= UInt64(Int.max) ? Int(magnitude) : nil
    }
}
