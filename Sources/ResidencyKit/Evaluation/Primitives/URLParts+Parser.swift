/// The general reading, over Unicode scalars: the WHATWG basic URL parser's states with no base
/// URL, plus the conventions documented on `URLParts`. It is the definition the ASCII fast path
/// (URLParts+ASCII.swift) follows; spec state names are quoted where a step implements one.
extension URLParts {
    /// Where the text's parts begin.
    enum Start: Equatable {
        /// A path with no host (one leading slash).
        case path
        /// An authority from `index`, after the scheme if there is one; `defaultPort` is the
        /// port a written one equal to is dropped.
        case authority(scheme: String?, special: Bool, defaultPort: Int?, index: Int)
        /// A `file:` URL, which names no endpoint.
        case refused
    }

    init?(scalarsOf text: String) {
        // Leading and trailing C0 controls and spaces are stripped; tabs and newlines are
        // removed everywhere, so `ho\tst` is `host`.
        let all = Array(text.unicodeScalars)
        let end = (all.lastIndex { $0.value > 0x20 } ?? -1) + 1
        let start = all.firstIndex { $0.value > 0x20 } ?? end
        let s = all[start..<end].filter { !Self.isTabOrNewline($0.value) }
        guard !s.isEmpty else { return nil }

        var authorityEnd = 0
        var special = true
        switch Self.start(s.map(\.value)) {
        case .refused:
            return nil
        case .path:
            self.init(scheme: nil, host: nil)
        case .authority(let scheme, let isSpecial, let defaultPort, let index):
            special = isSpecial
            // "authority state": the authority ends at the first `/`, `?`, `#` (or `\` in a
            // special URL), whatever `@` follow; the last `@` before that ends the userinfo.
            authorityEnd = s[index...].firstIndex { Self.endsAuthority($0.value, special: special) } ?? s.count
            var hostStart = index
            var userinfo: String?
            if let at = s[index..<authorityEnd].lastIndex(of: "@") {
                userinfo = Self.string(s[index..<at])
                hostStart = at + 1
            }
            // "host state": a `:` outside brackets starts the port.
            var inBrackets = false
            var hostEnd = authorityEnd
            for i in hostStart..<authorityEnd {
                let c = s[i]
                if c == ":" && !inBrackets {
                    hostEnd = i
                    break
                }
                if c == "[" { inBrackets = true } else if c == "]" { inBrackets = false }
            }
            // An empty host fails for special URLs; a non-special URL's empty host names nothing.
            guard hostEnd > hostStart, let hostname = Self.parseHost(s[hostStart..<hostEnd]), hostname != "."
            else { return nil }
            guard let port = Self.port(s[min(hostEnd + 1, authorityEnd)..<authorityEnd].map(\.value), default: defaultPort)
            else { return nil }
            self.init(scheme: scheme, host: nil, port: port, userinfo: userinfo)
            self.hostname = hostname
        }

        let pathEnd = s[authorityEnd...].firstIndex { $0 == "?" || $0 == "#" } ?? s.count
        path = Self.resolvedPath(s[authorityEnd..<pathEnd], special: special)
        if pathEnd < s.count {
            let hash = s[pathEnd...].firstIndex(of: "#") ?? s.count
            if s[pathEnd] == "?" { query = Self.string(s[(pathEnd + 1)..<hash]) }
            if hash < s.count { fragment = Self.string(s[(hash + 1)...]) }
        }
    }

    // MARK: - Steps shared with the ASCII path (on code point values)

    @inline(__always)
    static func isTabOrNewline(_ c: UInt32) -> Bool { c == 0x09 || c == 0x0A || c == 0x0D }

    @inline(__always)
    static func isSlash(_ c: UInt32) -> Bool { c == 0x2F || c == 0x5C }

    @inline(__always)
    static func endsAuthority(_ c: UInt32, special: Bool) -> Bool {
        c == 0x2F || c == 0x3F || c == 0x23 || (special && c == 0x5C)
    }

    @inline(__always)
    static func isASCIIAlpha(_ c: UInt32) -> Bool { (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) }

    @inline(__always)
    static func isASCIIDigit(_ c: UInt32) -> Bool { (0x30...0x39).contains(c) }

    /// Where the parts begin: after a scheme WHATWG would read, or at the start of scheme-less
    /// text read as if it began with `https://`.
    static func start<C: RandomAccessCollection>(_ s: C) -> Start where C.Element: UnsignedInteger, C.Index == Int {
        let first = UInt32(s[s.startIndex])
        if isSlash(first) {
            // As relative to an `https:` base: `/p` keeps the base's host (so has none here),
            // `//h` names one.
            guard s.count > 1, isSlash(UInt32(s[s.startIndex + 1])) else { return .path }
            return .authority(
                scheme: nil, special: true, defaultPort: schemelessDefaultPort, index: afterSlashes(s, from: s.startIndex))
        }
        // "scheme start state" and "scheme state": a letter, then letters, digits, `+`, `-`, `.`, then `:`.
        if isASCIIAlpha(first) {
            var i = s.startIndex + 1
            while i < s.endIndex, isSchemeCharacter(UInt32(s[i])) { i += 1 }
            if i < s.endIndex, s[i] == 0x3A {
                let (scheme, defaultPort) = schemeName(s[s.startIndex..<i])
                if scheme == "file" { return .refused }
                // "special authority slashes state" and "special authority ignore slashes
                // state": any run of `/` and `\`, even none, precedes the authority.
                if let defaultPort {
                    return .authority(
                        scheme: scheme, special: true, defaultPort: defaultPort, index: afterSlashes(s, from: i + 1))
                }
                // A non-special scheme has an authority only after `//`; `localhost:8080` and
                // `host:443/x` are scheme-less text.
                if s.endIndex - i > 2, s[i + 1] == 0x2F, s[i + 2] == 0x2F {
                    return .authority(scheme: scheme, special: false, defaultPort: nil, index: i + 3)
                }
            }
        }
        return .authority(scheme: nil, special: true, defaultPort: schemelessDefaultPort, index: s.startIndex)
    }

    /// The scheme lower-cased, and its default port when it is special. The special schemes
    /// are matched on their bytes: every endpoint has one, and this runs for each.
    private static func schemeName<C: Collection>(_ name: C) -> (String, Int?) where C.Element: UnsignedInteger {
        // Every scheme character is ASCII and keeps its value under `| 0x20` unless it is an
        // upper-case letter, which that lowers.
        var key: UInt64 = 0
        if name.count <= 5 {
            for c in name { key = key << 8 | UInt64(UInt8(truncatingIfNeeded: c) | 0x20) }
        }
        switch key {
        case 0x68_74_74_70_73: return ("https", 443)
        case 0x68_74_74_70: return ("http", 80)
        case 0x77_73_73: return ("wss", 443)
        case 0x77_73: return ("ws", 80)
        case 0x66_74_70: return ("ftp", 21)
        default: return (String(decoding: name.map { UInt8(truncatingIfNeeded: $0) | 0x20 }, as: UTF8.self), nil)
        }
    }

    @inline(__always)
    private static func isSchemeCharacter(_ c: UInt32) -> Bool {
        isASCIIAlpha(c) || isASCIIDigit(c) || c == 0x2B || c == 0x2D || c == 0x2E
    }

    private static func afterSlashes<C: RandomAccessCollection>(_ s: C, from start: Int) -> Int
    where C.Element: UnsignedInteger, C.Index == Int {
        var i = start
        while i < s.endIndex, isSlash(UInt32(s[i])) { i += 1 }
        return i
    }

    /// "port state" on the text after the host's `:` (empty when there is none): digits only,
    /// at most 65535, the scheme's default dropped. `.some(nil)` for no port, nil for failure.
    static func port<C: Collection>(_ digits: C, default defaultPort: Int?) -> Int?? where C.Element: UnsignedInteger {
        guard !digits.isEmpty else { return .some(nil) }
        var value = 0
        for d in digits {
            guard isASCIIDigit(UInt32(d)) else { return nil }
            // Leading zeros are allowed (`:00080` is 80); the value, not the length, is bounded.
            value = value * 10 + Int(d) - 0x30
            guard value <= 65535 else { return nil }
        }
        return .some(value == defaultPort ? nil : value)
    }

    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars)
        return result
    }
}
