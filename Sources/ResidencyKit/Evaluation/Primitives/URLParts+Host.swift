/// WHATWG's "host parser" for special URLs: an IPv6 literal in brackets, or a domain that is
/// percent-decoded, mapped to ASCII (URLParts+IDNA.swift), checked for forbidden code points
/// and read as an IPv4 address when its last label is a number. `%2e` is a dot and `0x7f.1` is
/// 127.0.0.1 to a client, so they must be to a policy too.
extension URLParts {
    /// The host as WHATWG serialises it, or nil where WHATWG fails.
    static func parseHost(_ input: ArraySlice<Unicode.Scalar>) -> String? {
        if input.first == "[" {
            guard input.count >= 2, input.last == "]", let pieces = parseIPv6(input.dropFirst().dropLast()) else {
                return nil
            }
            return "[\(IPAddress.ipv6Text(pieces))]"
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(input.count)
        for scalar in input { bytes.append(contentsOf: UTF8.encode(scalar)!) }
        // "UTF-8 decode without BOM" replaces invalid sequences with U+FFFD, which IDNA refuses.
        let domain = String(decoding: percentDecoded(bytes), as: UTF8.self)
        guard let ascii = domainToASCII(Array(domain.unicodeScalars)) else { return nil }
        return finishDomain(ascii)
    }

    /// The steps after "domain to ASCII": forbidden code points fail, a domain ending in a
    /// number must be an IPv4 address. Shared with the ASCII path.
    static func finishDomain(_ ascii: String) -> String? {
        guard !ascii.utf8.contains(where: isForbiddenDomainByte) else { return nil }
        guard endsInANumber(ascii) else { return ascii }
        return parseIPv4(ascii).map(IPAddress.dottedQuad)
    }

    /// `%XX` with two hex digits becomes the byte; any other `%` stays as it is.
    static func percentDecoded(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(UInt8(ascii: "%")) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count, let high = hexValue(bytes[i + 1]),
                let low = hexValue(bytes[i + 2])
            {
                out.append(high << 4 | low)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return out
    }

    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// A "forbidden domain code point": C0 controls, space, `#`, `%`, `/`, `:`, `<`, `>`, `?`,
    /// `@`, `[`, `\`, `]`, `^`, `|` and DEL. (`"`, `{`, `,` and the like are allowed.)
    @inline(__always)
    static func isForbiddenDomainByte(_ b: UInt8) -> Bool {
        switch b {
        case 0x00...0x20, 0x7F, UInt8(ascii: "#"), UInt8(ascii: "%"), UInt8(ascii: "/"), UInt8(ascii: ":"),
            UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "?"), UInt8(ascii: "@"), UInt8(ascii: "["),
            UInt8(ascii: "\\"), UInt8(ascii: "]"), UInt8(ascii: "^"), UInt8(ascii: "|"):
            true
        default: false
        }
    }
}
