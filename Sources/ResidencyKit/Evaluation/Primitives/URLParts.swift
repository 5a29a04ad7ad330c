/// The parts of an endpoint string as users write them in SDK configurations and destination
/// settings: with or without a scheme, with or without a port or path.
///
/// Foundation's `URL` reads `events.eu1.segmentapis.com/v1` as a relative path with no host,
/// and `localhost:8080` as scheme `localhost`; policies need the host in both cases, so this
/// parser assumes an authority comes first unless the text starts with `/`. Query strings,
/// fragments and user information are dropped because no residency rule depends on them.
public struct URLParts: Sendable, Hashable {
    /// The scheme, lowercased (`https`), or nil when the text has no `scheme://` prefix.
    public var scheme: String?
    /// The host, lowercased, without port, without the brackets of an IPv6 literal and without
    /// a trailing dot; nil only for a bare path such as `/v1/track`.
    public var host: String?
    /// The explicit port, or nil when none is written (the scheme's default is not filled in).
    public var port: Int?
    /// The path as written, starting with `/`, or "" when there is none; never includes the
    /// query or fragment.
    public var path: String

    /// Creates parts directly, for tests and for callers that build endpoints themselves.
    public init(scheme: String? = nil, host: String?, port: Int? = nil, path: String = "") {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.path = path
    }

    /// Splits an endpoint string, trimming surrounding whitespace. Nil only for empty input
    /// and for text that cannot be an endpoint: whitespace or reserved characters in the host,
    /// an empty host after `scheme://`, a port that is not a number from 0 to 65535, or a
    /// malformed bracketed IPv6 address.
    public init?(_ text: String) {
        // Nearly every endpoint in an export is plain ASCII: split its bytes directly
        // (URLParts+ASCII.swift), and take the general path below only for the rest.
        switch Self.splitASCII(text) {
        case .parts(let parts): self = parts
        case .invalid: return nil
        case .undecided: self.init(scalarsOf: text)
        }
    }

    /// The general split, over Unicode scalars: the definition the ASCII path follows.
    init?(scalarsOf text: String) {
        var scalars = Array(text.unicodeScalars)
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        let leading = scalars.prefix { $0.properties.isWhitespace }.count
        scalars.removeFirst(leading)
        guard !scalars.isEmpty else { return nil }

        var index = 0
        var expectsAuthority = true
        if let schemeEnd = Self.schemeEnd(scalars) {
            scheme = Self.string(scalars[0..<schemeEnd]).lowercased()
            index = schemeEnd + 3
        } else if scalars.starts(with: ["/", "/"]) {
            // Network-path reference (`//host/path`): an authority with no scheme.
            index = 2
        } else if scalars[0] == "/" {
            expectsAuthority = false
        }

        let authorityEnd = scalars[index...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? scalars.count
        let pathEnd = scalars[authorityEnd...].firstIndex { $0 == "?" || $0 == "#" } ?? scalars.count
        path = Self.string(scalars[authorityEnd..<pathEnd])

        guard expectsAuthority else {
            host = nil
            port = nil
            return
        }
        var authority = scalars[index..<authorityEnd]
        // Pasted credentials often hold an unencoded `@` in the password; the last `@` is the
        // one that ends the userinfo.
        if let at = authority.lastIndex(of: "@") {
            authority = authority[(at + 1)...]
        }
        guard let (host, port) = Self.hostAndPort(authority) else { return nil }
        self.host = host
        self.port = port
    }

    // MARK: - Internals

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars)
        return result
    }

    /// The length of a leading `scheme` when followed by `://` (RFC 3986: a letter, then
    /// letters, digits, `+`, `-` or `.`).
    private static func schemeEnd(_ scalars: [Unicode.Scalar]) -> Int? {
        guard let first = scalars.first, isASCIILetter(first) else { return nil }
        var index = 1
        while index < scalars.count, scalars[index] != ":" {
            let scalar = scalars[index]
            guard isASCIILetter(scalar) || scalar.primitiveDecimalDigit != nil || scalar == "+" || scalar == "-" || scalar == "."
            else {
                return nil
            }
            index += 1
        }
        guard index + 2 < scalars.count, scalars[index + 1] == "/", scalars[index + 2] == "/" else { return nil }
        return index
    }

    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value)
    }

    private static func hostAndPort(_ authority: ArraySlice<Unicode.Scalar>) -> (String, Int?)? {
        var hostPart = authority
        var portPart: ArraySlice<Unicode.Scalar>? = nil
        if authority.first == "[" {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            let literal = string(authority[(authority.startIndex + 1)..<close])
            guard IPAddress(literal)?.family == .v6 else { return nil }
            let rest = authority[(close + 1)...]
            if let colon = rest.first {
                guard colon == ":" else { return nil }
                portPart = rest.dropFirst()
            }
            guard let port = parsePort(portPart) else { return nil }
            return (literal.lowercased(), port)
        }
        let colons = authority.filter { $0 == ":" }.count
        if colons == 1, let colon = authority.firstIndex(of: ":") {
            hostPart = authority[..<colon]
            portPart = authority[(colon + 1)...]
        } else if colons > 1 {
            // An unbracketed IPv6 literal is wrong in a URL but unambiguous without a port.
            let literal = string(authority)
            guard IPAddress(literal)?.family == .v6 else { return nil }
            return (literal.lowercased(), nil)
        }
        guard let port = parsePort(portPart), let host = normalizedHost(hostPart) else { return nil }
        return (host, port)
    }

    /// `.some(nil)` when there is no port; nil when the port is empty, not decimal, or too large.
    private static func parsePort(_ text: ArraySlice<Unicode.Scalar>?) -> Int?? {
        guard let text else { return .some(nil) }
        guard !text.isEmpty, text.count <= 5 else { return nil }
        var value = 0
        for scalar in text {
            guard let digit = scalar.primitiveDecimalDigit else { return nil }
            value = value * 10 + digit
        }
        return value <= 65535 ? .some(value) : nil
    }

    // Characters that cannot occur in a host name or would make the rest of the text ambiguous.
    private static let forbiddenInHost = Set<Unicode.Scalar>([
        "<", ">", "\"", "\\", "^", "`", "{", "|", "}", "[", "]", "@", "%", ",",
    ])

    private static func normalizedHost(_ scalars: ArraySlice<Unicode.Scalar>) -> String? {
        var host = scalars
        // A fully qualified name's trailing dot names the same host.
        if host.last == "." { host = host.dropLast() }
        guard !host.isEmpty, host.first != ".",
            !host.contains(where: { scalar in
                scalar.properties.isWhitespace || scalar.value < 0x20 || scalar.value == 0x7F
                    || forbiddenInHost.contains(scalar)
            })
        else { return nil }
        let text = string(host)
        guard !text.contains("..") else { return nil }
        return text.lowercased()
    }
}
