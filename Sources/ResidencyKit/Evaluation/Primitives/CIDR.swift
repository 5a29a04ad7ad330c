// Hand-written rather than a library: Foundation has no IP network type and neither has any
// package on the project's mirror (SwiftNIO's `SocketAddress` reads an address for a socket,
// with no prefix), while policies need IPv4 and IPv6 blocks that contain addresses and other
// blocks, and an error, not a silent mask, when an allowlist entry has host bits set.

/// An IPv4 or IPv6 network in CIDR notation, such as `3.251.148.96/29` or `2001:db8::/32`.
///
/// The network address never has host bits set, so two blocks that cover the same addresses
/// are equal and print the same. Blocks order by network address (IPv4 first), then by
/// prefix length, wider first.
package struct CIDR: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The first address of the block; its host bits are always zero.
    let network: IPAddress
    /// How many leading bits are fixed: 0–32 for IPv4, 0–128 for IPv6.
    let prefixLength: Int

    /// Parses `address/prefix`, or a bare address meaning a single host (/32 or /128).
    ///
    /// With `strict` (the default) an address with host bits set is an error that suggests the
    /// intended network, because `10.0.0.5/24` usually means the author misjudged the range;
    /// without it the host bits are cleared.
    init(parsing text: String, strict: Bool = true) throws(CIDRError) {
        guard !text.isEmpty else {
            throw CIDRError(
                message: "empty CIDR: expected an address with an optional prefix length, such as 10.0.0.0/8 or 2001:db8::/32")
        }
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let addressText = String(parts[0])
        guard let address = IPAddress(addressText) else {
            throw CIDRError(message: IPAddress.explainInvalid(addressText))
        }
        let width = address.family.bitWidth
        var prefix = width
        if parts.count == 2 {
            prefix = try Self.parsePrefixLength(parts[1], family: address.family)
        }
        let masked = Self.mask(address, prefixLength: prefix)
        if strict && masked != address {
            throw CIDRError(message: "host bits are set: \(address)/\(prefix) — did you mean \(masked)/\(prefix)?")
        }
        self.network = masked
        self.prefixLength = prefix
    }

    /// The block of the given length that contains `address`, with host bits cleared; throws
    /// only when the prefix length is out of range for the address family.
    init(masking address: IPAddress, prefixLength: Int) throws(CIDRError) {
        let width = address.family.bitWidth
        guard (0...width).contains(prefixLength) else {
            throw CIDRError(message: "prefix length \(prefixLength) is out of range 0–\(width) for \(address.family)")
        }
        self.network = Self.mask(address, prefixLength: prefixLength)
        self.prefixLength = prefixLength
    }

    /// Whether `ip` lies in the block; an address of the other family never does.
    func contains(_ ip: IPAddress) -> Bool {
        ip.family == network.family && Self.mask(ip, prefixLength: prefixLength) == network
    }

    /// Whether every address of `other` lies in this block (a block contains itself); blocks
    /// of different families never contain each other.
    func contains(_ other: CIDR) -> Bool {
        other.prefixLength >= prefixLength && contains(other.network)
    }

    /// The last address of the block (the IPv4 broadcast address for prefixes below /31).
    var lastAddress: IPAddress {
        let (highMask, lowMask) = Self.masks(bits: Self.bitsIn128(network.family, prefixLength))
        let high = network.high | ~highMask
        let low = network.low | ~lowMask
        switch network.family {
        case .v4: return IPAddress(ipv4: UInt32(truncatingIfNeeded: low))
        case .v6: return IPAddress(ipv6High: high, low: low)
        }
    }

    /// `network/prefixLength` with the network in canonical form: `3.251.148.96/29`, `2001:db8::/32`.
    package var description: String { "\(network)/\(prefixLength)" }

    /// Orders by network address, then by prefix length.
    package static func < (lhs: CIDR, rhs: CIDR) -> Bool {
        (lhs.network, lhs.prefixLength) < (rhs.network, rhs.prefixLength)
    }

    // MARK: - Internals

    private static func parsePrefixLength(_ text: Substring, family: IPAddress.Family) throws(CIDRError) -> Int {
        let width = family.bitWidth
        guard !text.isEmpty else {
            throw CIDRError(message: "missing prefix length after `/`: expected a number from 0 to \(width)")
        }
        guard text.utf8.allSatisfy({ (48...57).contains($0) }) else {
            throw CIDRError(message: "prefix length `\(text)` is not a number: expected 0 to \(width)")
        }
        // Go's netip rejects `/08` too; a leading zero is more likely a typo than intent.
        if text.count > 1 && text.hasPrefix("0") {
            let digits = text.drop { $0 == "0" }
            throw CIDRError(message: "prefix length `\(text)` has a leading zero: write \(digits.isEmpty ? "0" : digits)")
        }
        guard text.count <= 3, let value = Int(text), value <= width else {
            throw CIDRError(message: "prefix length \(text) is out of range 0–\(width) for \(family)")
        }
        return value
    }

    /// Prefix length measured in the 128-bit space, where an IPv4 address occupies the low 32 bits.
    private static func bitsIn128(_ family: IPAddress.Family, _ prefixLength: Int) -> Int {
        family == .v4 ? 96 + prefixLength : prefixLength
    }

    /// The masks for the high and low halves that keep the first `bits` of 128.
    private static func masks(bits: Int) -> (UInt64, UInt64) {
        let high: UInt64 = bits >= 64 ? .max : (bits == 0 ? 0 : .max << UInt64(64 - bits))
        let low: UInt64 = bits <= 64 ? 0 : (bits == 128 ? .max : .max << UInt64(128 - bits))
        return (high, low)
    }

    static func mask(_ address: IPAddress, prefixLength: Int) -> IPAddress {
        let (highMask, lowMask) = masks(bits: bitsIn128(address.family, prefixLength))
        switch address.family {
        case .v4: return IPAddress(ipv4: UInt32(truncatingIfNeeded: address.low & lowMask))
        case .v6: return IPAddress(ipv6High: address.high & highMask, low: address.low & lowMask)
        }
    }
}

/// Why a CIDR string was rejected, as a sentence that names the fix where there is one.
struct CIDRError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A user-facing explanation, such as "prefix length 33 is out of range 0–32 for IPv4".
    var message: String

    /// Creates an error with a user-facing message.
    init(message: String) {
        self.message = message
    }

    /// The message, for logs and test failures.
    var description: String { message }
}
