/// The reading of `URLParts.init?(scalarsOf:)` for ASCII text with an ordinary host, on its
/// UTF-8 bytes: no array of scalars, no percent-decoding, no IDNA. Destination settings and
/// SDK hosts are read for every resource of an inventory, and the general path costs
/// microseconds each.
///
/// Every step mirrors the general path (same order, same checks), so both give the same parts;
/// `URLPartsTests` compares them. Text the fast path does not fully decide is `undecided` and
/// goes the general way: non-ASCII bytes, a tab or newline inside, a `[`, `]` or `%` in the
/// host, an `xn--` label, a last label starting with a digit (it may be an IPv4 number), and a
/// path holding `\` or a segment starting with `.` or `%` (it may be a dot segment).
extension URLParts {
    enum ASCIISplit {
        case parts(URLParts)
        case invalid
        case undecided
    }

    static func splitASCII(_ text: String) -> ASCIISplit {
        var text = text
        // The closure returns nothing and sets `result`: returning the enum through
        // `withUTF8`'s generic result copies the parts through value witnesses.
        var result = ASCIISplit.undecided
        text.withUTF8 { all in
            // Leading and trailing C0 controls and spaces are stripped, as by the general path.
            var lo = 0, hi = all.count
            while hi > lo, all[hi - 1] <= 0x20 { hi -= 1 }
            while lo < hi, all[lo] <= 0x20 { lo += 1 }
            guard lo < hi else {
                result = .invalid
                return
            }
            let s = UnsafeBufferPointer(rebasing: all[lo..<hi])
            if s.contains(where: { $0 >= 0x80 || isTabOrNewline(UInt32($0)) }) { return }
            result = split(s)
        }
        return result
    }

    private static func split(_ s: UnsafeBufferPointer<UInt8>) -> ASCIISplit {
        var scheme: String?, hostname: String?, port: Int?, userinfo: String?
        var authorityEnd = 0
        switch start(s) {
        case .refused:
            return .invalid
        case .path:
            break
        case .authority(let name, let special, let defaultPort, let index):
            scheme = name
            authorityEnd = index
            while authorityEnd < s.count, !endsAuthority(UInt32(s[authorityEnd]), special: special) { authorityEnd += 1 }
            var hostStart = index
            if let at = (index..<authorityEnd).last(where: { s[$0] == UInt8(ascii: "@") }) {
                userinfo = string(s, index..<at)
                hostStart = at + 1
            }
            var hostEnd = authorityEnd
            for i in hostStart..<authorityEnd {
                let b = s[i]
                if b == UInt8(ascii: ":") {
                    hostEnd = i
                    break
                }
                // Brackets (IPv6, and the host state's bracket tracking) and percent-decoding
                // are the general path's.
                if b == UInt8(ascii: "[") || b == UInt8(ascii: "]") || b == UInt8(ascii: "%") { return .undecided }
            }
            switch domain(s, hostStart..<hostEnd) {
            case .some(.some(let name)): hostname = name
            case .some(.none): return .invalid
            case .none: return .undecided
            }
            guard let written = Self.port(s[min(hostEnd + 1, authorityEnd)..<authorityEnd], default: defaultPort) else {
                return .invalid
            }
            port = written
        }

        let pathEnd = (authorityEnd..<s.count).first { s[$0] == UInt8(ascii: "?") || s[$0] == UInt8(ascii: "#") } ?? s.count
        // Without `\` and without a segment that could be `.` or `..`, the path is its text.
        for i in authorityEnd..<pathEnd {
            if s[i] == UInt8(ascii: "\\") { return .undecided }
            if s[i] == UInt8(ascii: "/"), i + 1 < pathEnd, s[i + 1] == UInt8(ascii: ".") || s[i + 1] == UInt8(ascii: "%") {
                return .undecided
            }
        }
        var query: String?, fragment: String?
        if pathEnd < s.count {
            let hash = (pathEnd..<s.count).first { s[$0] == UInt8(ascii: "#") } ?? s.count
            if s[pathEnd] == UInt8(ascii: "?") { query = string(s, (pathEnd + 1)..<hash) }
            if hash < s.count { fragment = string(s, (hash + 1)..<s.count) }
        }
        return .parts(
            URLParts(
                scheme: scheme, hostname: hostname, port: port, path: string(s, authorityEnd..<pathEnd), userinfo: userinfo,
                query: query, fragment: fragment))
    }

    /// The host of `parseHost` for ASCII without `%` or brackets: lower-cased, forbidden code
    /// points refused (`.some(nil)`); `xn--` labels and possible IPv4 numbers are left to the
    /// general path (nil).
    private static func domain(_ s: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String?? {
        guard !range.isEmpty else { return .some(nil) }
        var labelStart = range.lowerBound
        var previousLabel = range.lowerBound..<range.lowerBound
        for i in range {
            let b = s[i]
            if isForbiddenDomainByte(b) { return .some(nil) }
            if b == UInt8(ascii: ".") {
                previousLabel = labelStart..<i
                labelStart = i + 1
            } else if i - labelStart == 3, isXNPrefix(s, labelStart) {
                return nil
            }
        }
        // "ends in a number checker": a trailing dot's empty label does not count, and a
        // number starts with a digit.
        var lastLabel = labelStart..<range.upperBound
        if lastLabel.isEmpty { lastLabel = previousLabel }
        if let first = lastLabel.first, isASCIIDigit(UInt32(s[first])) { return nil }
        // A host of only `.` names nothing (see `URLParts`).
        if range.count == 1, s[range.lowerBound] == UInt8(ascii: ".") { return .some(nil) }
        return .some(lowercased(s, range))
    }

    /// Whether the four bytes from `start` are `xn--`, ASCII case-insensitively.
    @inline(__always)
    private static func isXNPrefix(_ s: UnsafeBufferPointer<UInt8>, _ start: Int) -> Bool {
        s[start] | 0x20 == UInt8(ascii: "x") && s[start + 1] | 0x20 == UInt8(ascii: "n") && s[start + 2] == UInt8(ascii: "-")
            && s[start + 3] == UInt8(ascii: "-")
    }

    private static func string(_ s: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: s[range]), as: UTF8.self)
    }

    private static func lowercased(_ s: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(unsafeUninitializedCapacity: range.count) { out in
            for (k, i) in range.enumerated() { out[k] = isASCIIAlpha(UInt32(s[i])) ? s[i] | 0x20 : s[i] }
            return range.count
        }
    }
}
