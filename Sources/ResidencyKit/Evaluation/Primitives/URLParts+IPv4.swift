/// WHATWG's IPv4 parser, which reads hosts as `inet_aton` does: one to four parts, each
/// decimal, `0x` hexadecimal or leading-`0` octal, the last filling the remaining bytes
/// (`0x7f.1` and `2130706433` are 127.0.0.1). `IPAddress` is strict dotted-quad on purpose;
/// this is for reading hosts as clients do, not for validating addresses users write.
extension URLParts {
    /// "ends in a number checker": whether the last label (after a trailing dot) is all
    /// digits or parses as an IPv4 number, in which case the host must be an IPv4 address.
    static func endsInANumber(_ domain: String) -> Bool {
        var parts = domain.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        if parts.last?.isEmpty == true {
            if parts.count == 1 { return false }
            parts.removeLast()
        }
        guard let last = parts.last else { return false }
        if !last.isEmpty && last.allSatisfy({ isASCIIDigit(UInt32($0)) }) { return true }
        return ipv4Number(last) != nil
    }

    /// "IPv4 parser": the address's 32-bit value, or nil for failure (too many parts, a part
    /// that is not a number, a value too large for the bytes it must fill).
    static func parseIPv4(_ domain: String) -> UInt32? {
        var parts = domain.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        if parts.last?.isEmpty == true, parts.count > 1 { parts.removeLast() }
        guard parts.count <= 4 else { return nil }
        var numbers: [UInt64] = []
        for part in parts {
            guard let n = ipv4Number(part) else { return nil }
            numbers.append(n)
        }
        guard let last = numbers.last, numbers.dropLast().allSatisfy({ $0 <= 255 }) else { return nil }
        // The last number fills the bytes the others leave: 4 bytes alone, 1 after three parts.
        guard last < UInt64(1) << (8 * (5 - numbers.count)) else { return nil }
        var value = last
        for (counter, n) in numbers.dropLast().enumerated() { value += n << (8 * (3 - counter)) }
        return UInt32(value)
    }

    /// "IPv4 number parser": `0x`/`0X` hexadecimal, leading-`0` octal, else decimal; `0x`
    /// alone is 0. Values saturate above 2^32, which every caller refuses.
    static func ipv4Number<C: Collection>(_ part: C) -> UInt64? where C.Element == UInt8 {
        var rest = Array(part)[...]
        guard !rest.isEmpty else { return nil }
        var radix: UInt64 = 10
        if rest.count >= 2, rest.first == UInt8(ascii: "0"), rest.dropFirst().first.map({ $0 | 0x20 }) == UInt8(ascii: "x") {
            radix = 16
            rest = rest.dropFirst(2)
        } else if rest.count >= 2, rest.first == UInt8(ascii: "0") {
            radix = 8
            rest = rest.dropFirst()
        }
        var value: UInt64 = 0
        for b in rest {
            guard let digit = hexValue(b).map(UInt64.init), digit < radix else { return nil }
            value = min(value * radix + digit, UInt64(1) << 33)
        }
        return value
    }
}
