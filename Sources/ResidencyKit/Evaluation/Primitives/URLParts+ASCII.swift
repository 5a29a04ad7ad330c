/// The split of `URLParts.init?(scalarsOf:)` for ASCII text, on its UTF-8 bytes: no array of
/// scalars, no `String` per piece, no property look-ups. Destination settings and SDK hosts
/// are read for every resource of an inventory, and the general path cost microseconds each.
///
/// Every step mirrors the general path (same order, same checks, ASCII only), so both give
/// the same parts; `URLPartsTests` compares them. Text with non-ASCII bytes or an IPv6
/// literal is left to the general path (`undecided`).
extension URLParts {
    enum ASCIISplit {
        case parts(URLParts)
        case invalid
        case undecided
    }

    static func splitASCII(_ text: String) -> ASCIISplit {
        var text = text
        return text.withUTF8 { all -> ASCIISplit in
            if all.contains(where: { $0 >= 0x80 }) { return .undecided }
            var lo = 0, hi = all.count
            while hi > lo, isSpace(all[hi - 1]) { hi -= 1 }
            while lo < hi, isSpace(all[lo]) { lo += 1 }
            guard lo < hi else { return .invalid }
            return split(UnsafeBufferPointer(rebasing: all[lo..<hi]))
        }
    }

    private static func split(_ s: UnsafeBufferPointer<UInt8>) -> ASCIISplit {
        let slash = UInt8(ascii: "/"), question = UInt8(ascii: "?"), hash = UInt8(ascii: "#")
        var index = 0
        var expectsAuthority = true
        var scheme: String?
        if let end = schemeEnd(s) {
            scheme = lowercased(s, 0..<end)
            index = end + 3
        } else if s.count >= 2, s[0] == slash, s[1] == slash {
            index = 2
        } else if s[0] == slash {
            expectsAuthority = false
        }
        let authorityEnd = (index..<s.count).first { s[$0] == slash || s[$0] == question || s[$0] == hash } ?? s.count
        let pathEnd = (authorityEnd..<s.count).first { s[$0] == question || s[$0] == hash } ?? s.count
        let path = String(decoding: UnsafeBufferPointer(rebasing: s[authorityEnd..<pathEnd]), as: UTF8.self)
        guard expectsAuthority else { return .parts(URLParts(scheme: scheme, host: nil, port: nil, path: path)) }

        var authorityStart = index
        if let at = (index..<authorityEnd).last(where: { s[$0] == UInt8(ascii: "@") }) { authorityStart = at + 1 }
        let authority = authorityStart..<authorityEnd
        // IPv6 literals, bracketed or not, go the general way (they are rare in exports).
        if authority.first.map({ s[$0] == UInt8(ascii: "[") }) ?? false { return .undecided }
        let colons = authority.filter { s[$0] == UInt8(ascii: ":") }
        if colons.count > 1 { return .undecided }
        var hostRange = authority
        var portRange: Range<Int>?
        if let colon = colons.first {
            hostRange = authorityStart..<colon
            portRange = (colon + 1)..<authorityEnd
        }
        guard let port = parsePort(s, portRange), let host = normalizedHost(s, hostRange) else { return .invalid }
        return .parts(URLParts(scheme: scheme, host: host, port: port, path: path))
    }

    /// White_Space among ASCII: tab, line feed, vertical tab, form feed, carriage return, space.
    @inline(__always)
    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (0x09...0x0D).contains(b) }

    @inline(__always)
    private static func isLetter(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) }

    @inline(__always)
    private static func isDigit(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) }

    private static func schemeEnd(_ s: UnsafeBufferPointer<UInt8>) -> Int? {
        guard isLetter(s[0]) else { return nil }
        var index = 1
        while index < s.count, s[index] != UInt8(ascii: ":") {
            let b = s[index]
            guard isLetter(b) || isDigit(b) || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
            else { return nil }
            index += 1
        }
        guard index + 2 < s.count, s[index + 1] == UInt8(ascii: "/"), s[index + 2] == UInt8(ascii: "/") else { return nil }
        return index
    }

    /// `.some(nil)` when there is no port; nil when the port is empty, not decimal, or too large.
    private static func parsePort(_ s: UnsafeBufferPointer<UInt8>, _ range: Range<Int>?) -> Int?? {
        guard let range else { return .some(nil) }
        guard !range.isEmpty, range.count <= 5 else { return nil }
        var value = 0
        for i in range {
            guard isDigit(s[i]) else { return nil }
            value = value * 10 + Int(s[i] - 0x30)
        }
        return value <= 65535 ? .some(value) : nil
    }

    private static func normalizedHost(_ s: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String? {
        var host = range
        if let last = host.last, s[last] == UInt8(ascii: ".") { host = host.dropLast() }
        guard let first = host.first, s[first] != UInt8(ascii: ".") else { return nil }
        var previousDot = false
        for i in host {
            let b = s[i]
            if isSpace(b) || b < 0x20 || b == 0x7F || isForbiddenInHost(b) { return nil }
            // `..` anywhere: an empty label.
            let dot = b == UInt8(ascii: ".")
            if dot && previousDot { return nil }
            previousDot = dot
        }
        return lowercased(s, host)
    }

    /// The ASCII members of `forbiddenInHost`.
    private static func isForbiddenInHost(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "^"),
            UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: "@"), UInt8(ascii: "%"), UInt8(ascii: ","):
            true
        default: false
        }
    }

    private static func lowercased(_ s: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(unsafeUninitializedCapacity: range.count) { out in
            for (k, i) in range.enumerated() { out[k] = isLetter(s[i]) ? s[i] | 0x20 : s[i] }
            return range.count
        }
    }
}
