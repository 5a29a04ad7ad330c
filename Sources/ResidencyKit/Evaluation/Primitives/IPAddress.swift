/// An IPv4 or IPv6 address as a 128-bit value in two halves (an IPv4 address lives in the low
/// 32 bits), so prefix arithmetic is the same for both families. Addresses order IPv4 before
/// IPv6, then numerically.
///
/// Two 64-bit halves rather than `UInt128`: written when the package still supported macOS 13,
/// which has no `UInt128`; the halves compare and mask just as well.
struct IPAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The protocol an address belongs to.
    enum Family: Sendable, Hashable, Comparable, CustomStringConvertible {
        /// IPv4: 32-bit addresses in dotted-quad notation.
        case v4
        /// IPv6: 128-bit addresses in colon-separated hexadecimal notation.
        case v6

        /// The number of bits in an address of this family: 32 or 128.
        var bitWidth: Int { self == .v4 ? 32 : 128 }

        /// `IPv4` or `IPv6`, as used in messages.
        var description: String { self == .v4 ? "IPv4" : "IPv6" }
    }

    /// Whether this is an IPv4 or an IPv6 address.
    let family: Family
    /// The upper 64 bits of the 128-bit value; always 0 for IPv4.
    let high: UInt64
    /// The lower 64 bits of the 128-bit value; an IPv4 address is the low 32 of them.
    let low: UInt64

    /// An IPv4 address from its 32-bit value (`0x0A000001` is 10.0.0.1).
    init(ipv4 value: UInt32) {
        self.family = .v4
        self.high = 0
        self.low = UInt64(value)
    }

    /// An IPv6 address from the two halves of its 128-bit value.
    init(ipv6High high: UInt64, low: UInt64) {
        self.family = .v6
        self.high = high
        self.low = low
    }

    /// Parses a dotted-quad IPv4 address or an IPv6 address (full, `::`-compressed, or with a
    /// trailing dotted quad as in `::ffff:1.2.3.4`); nil for anything else.
    ///
    /// IPv4 is strict: exactly four decimal octets, each at most 255 and without leading zeros,
    /// because some resolvers read `010` as octal 8. Brackets, zone indices (`%eth0`) and
    /// surrounding whitespace are not accepted.
    init?(_ text: String) {
        let bytes = Array(text.utf8)
        if let value = Self.parseIPv4(bytes[...]) {
            self.init(ipv4: value)
        } else if let (high, low) = Self.parseIPv6(bytes) {
            self.init(ipv6High: high, low: low)
        } else {
            return nil
        }
    }

    /// For an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`), the IPv4 address it carries.
    var unmappedIPv4: IPAddress? {
        guard family == .v6, high == 0, low >> 32 == 0xFFFF else { return nil }
        return IPAddress(ipv4: UInt32(truncatingIfNeeded: low))
    }

    /// Dotted quad for IPv4; RFC 5952 canonical text for IPv6 (lowercase, no leading zeros,
    /// the longest run of two or more zero groups shortened to `::`, IPv4-mapped addresses
    /// ending in a dotted quad).
    var description: String {
        switch family {
        case .v4:
            return Self.dottedQuad(UInt32(truncatingIfNeeded: low))
        case .v6:
            if let mapped = unmappedIPv4 { return "::ffff:\(mapped)" }
            return Self.ipv6Text(groups)
        }
    }

    /// Orders by family (IPv4 first), then by numeric value.
    static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        (lhs.family, lhs.high, lhs.low) < (rhs.family, rhs.high, rhs.low)
    }

    // MARK: - Internals

    /// The eight 16-bit groups of an IPv6 address, most significant first.
    var groups: [UInt16] {
        (0..<8).map { index in
            let half = index < 4 ? high : low
            return UInt16(truncatingIfNeeded: half >> (16 * (3 - UInt64(index % 4))))
        }
    }

    static func dottedQuad(_ value: UInt32) -> String {
        "\(value >> 24).\((value >> 16) & 0xFF).\((value >> 8) & 0xFF).\(value & 0xFF)"
    }

    static func ipv6Text(_ groups: [UInt16]) -> String {
        // RFC 5952 §4.2: shorten the longest run of at least two zero groups, the first on a tie.
        var bestStart = -1
        var bestLength = 1
        var index = 0
        while index < 8 {
            guard groups[index] == 0 else {
                index += 1
                continue
            }
            let start = index
            while index < 8, groups[index] == 0 { index += 1 }
            if index - start > bestLength {
                bestStart = start
                bestLength = index - start
            }
        }
        func hex(_ range: Range<Int>) -> String {
            groups[range].map { String($0, radix: 16) }.joined(separator: ":")
        }
        guard bestStart >= 0 else { return hex(0..<8) }
        return hex(0..<bestStart) + "::" + hex((bestStart + bestLength)..<8)
    }

    static func parseIPv4(_ bytes: ArraySlice<UInt8>) -> UInt32? {
        var value: UInt32 = 0
        var parts = 0
        var octet: UInt32 = 0
        var digits = 0
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard digits > 0, parts < 3 else { return nil }
                value = value << 8 | octet
                parts += 1
                octet = 0
                digits = 0
            } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                // A zero followed by another digit is a leading zero.
                if digits == 1 && octet == 0 { return nil }
                octet = octet * 10 + UInt32(byte - UInt8(ascii: "0"))
                digits += 1
                guard octet <= 255 else { return nil }
            } else {
                return nil
            }
        }
        guard digits > 0, parts == 3 else { return nil }
        return value << 8 | octet
    }

    static func parseIPv6(_ bytes: [UInt8]) -> (UInt64, UInt64)? {
        let colon = UInt8(ascii: ":")
        var groups: [UInt16] = []
        groups.reserveCapacity(8)
        // Where `::` stands in for one or more zero groups, as an index into `groups`.
        var gap: Int? = nil
        var index = 0
        if bytes.starts(with: [colon, colon]) {
            gap = 0
            index = 2
        }
        while index < bytes.count {
            let start = index
            var value: UInt32 = 0
            while index < bytes.count, let digit = Unicode.Scalar(bytes[index]).primitiveHexDigit {
                guard index - start < 4 else { return nil }
                value = value << 4 | digit
                index += 1
            }
            guard index > start else { return nil }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                // A dotted quad may only end the address, standing for the last two groups.
                guard groups.count <= 6, let v4 = parseIPv4(bytes[start...]) else { return nil }
                groups.append(UInt16(truncatingIfNeeded: v4 >> 16))
                groups.append(UInt16(truncatingIfNeeded: v4))
                index = bytes.count
                break
            }
            groups.append(UInt16(value))
            guard groups.count <= 8 else { return nil }
            if index == bytes.count { break }
            guard bytes[index] == colon else { return nil }
            index += 1
            if index < bytes.count, bytes[index] == colon {
                guard gap == nil else { return nil }
                gap = groups.count
                index += 1
            } else if index == bytes.count {
                return nil
            }
        }
        if let gap {
            guard groups.count <= 7 else { return nil }
            groups.insert(contentsOf: repeatElement(0, count: 8 - groups.count), at: gap)
        } else if groups.count != 8 {
            return nil
        }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for group in groups[0..<4] { high = high << 16 | UInt64(group) }
        for group in groups[4..<8] { low = low << 16 | UInt64(group) }
        return (high, low)
    }

    /// Why `text` is not an address, for messages that should say more than "invalid".
    static func explainInvalid(_ text: String) -> String {
        let quoted = "`\(text)`"
        if text.isEmpty { return "the address is empty" }
        if text.contains(":") { return "\(quoted) is not a valid IPv6 address" }
        let isDottedDecimal = text.utf8.allSatisfy { $0 == UInt8(ascii: ".") || (48...57).contains($0) }
        guard isDottedDecimal, text.contains(".") else { return "\(quoted) is not an IPv4 or IPv6 address" }
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else {
            return "\(quoted) is not a valid IPv4 address: it has \(octets.count) parts, not 4"
        }
        for octet in octets {
            if octet.isEmpty { return "\(quoted) is not a valid IPv4 address: an octet is empty" }
            if octet.count > 1, octet.hasPrefix("0") {
                return
                    "\(quoted) is not a valid IPv4 address: octet `\(octet)` has a leading zero, which some tools read as octal"
            }
            if octet.count > 3 || Int(octet)! > 255 {
                return "\(quoted) is not a valid IPv4 address: octet \(octet) is out of range 0–255"
            }
        }
        return "\(quoted) is not a valid IPv4 address"
    }
}
