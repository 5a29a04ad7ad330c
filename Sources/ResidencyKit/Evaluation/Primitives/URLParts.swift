// Hand-written rather than built on Foundation: `URL` and `URLComponents` follow RFC 3986, not
// the WHATWG URL Standard that browsers and HTTP clients follow (`\` as `/`, the last `@` of the
// authority, IPv4 hosts in hex or octal, IDNA), and they read a scheme-less
// `events.eu1.segmentapis.com/v1` as a path and `localhost:8080` as the scheme `localhost`.
// A residency rule must see the host the client will connect to, not a plausible-looking one,
// and no package on the project's mirror implements the WHATWG parser.

/// The parts of an endpoint string from an SDK configuration or a destination setting, read
/// as the WHATWG URL Standard's basic URL parser (https://url.spec.whatwg.org/) reads it, so
/// the host is the one a browser or HTTP client connects to: `https://a.example\@b.eu` is
/// `a.example`, `http://0x7f.1/` is `127.0.0.1`, `https://Ｅｕ。example` is `eu.example`.
///
/// Conventions beyond the standard, for text as users write it:
/// - **No scheme.** Text without `scheme://` is read as if it began with `https://` (the mobile
///   SDKs build `"https://" + apiHost + "/b"`): `events.eu1.segmentapis.com/v1` and
///   `localhost:8080` have hosts; `scheme` stays nil. The special schemes' short forms
///   `https:example.com` and `https:/example.com` are read as WHATWG reads them.
/// - **A path alone.** Text starting with one `/` (or `\`) is a path with no host; `//host/p`
///   has a host.
/// - **Other schemes.** `postgres://…`, `git+ssh://…` are split as WHATWG splits non-special
///   URLs (`\` is no separator, no default port), but the host is read like a special URL's
///   (lower-cased, IDNA, IPv4 numbers) rather than kept opaque: their clients resolve it the
///   same way. `file:` URLs name no endpoint and give nil.
/// - **Non-ASCII hosts.** UTS #46 is applied for what Unicode properties can decide: full-width
///   forms and ideographic full stops map to ASCII, ignored code points are dropped, upper case
///   is lowered, valid code points are Punycode-encoded (`bücher` is `xn--bcher-kva`). A host
///   needing any other mapping, or holding a right-to-left script, fails closed (nil) rather
///   than being guessed (URLParts+IDNA.swift).
///
/// Nil whenever the WHATWG parser fails, and for a host that is empty or only `.`.
struct URLParts: Sendable, Hashable {
    /// The scheme, lowercased (`https`), or nil when the text has no scheme (see above).
    var scheme: String?
    /// The host exactly as WHATWG serialises it: a lower-case ASCII domain keeping any trailing
    /// dot (`api.eu.amplitude.com.`), a dotted-quad IPv4 address, or an IPv6 address in brackets
    /// in its compressed form (`[2001:db8::1]`); nil for a bare path such as `/v1/track`.
    var hostname: String?
    /// The explicit port, or nil when none is written or it is the scheme's default (80 for
    /// http and ws, 443 for https and wss, 21 for ftp; 443 for text without a scheme).
    var port: Int?
    /// The path starting with `/`, with `\` read as `/` (special schemes) and `.` and `..`
    /// segments resolved (`/v1/../b` is `/b`), or "" when nothing follows the host. Unlike
    /// WHATWG's `pathname` it is not percent-encoded and is "" rather than "/" when empty.
    package var path: String
    /// The user information before the last `@` of the authority, as written; nil without `@`.
    var userinfo: String?
    /// The text after `?`, as written; nil without `?`.
    var query: String?
    /// The text after `#`, as written; nil without `#`.
    var fragment: String?

    /// The host for comparisons: `hostname` without the brackets of an IPv6 literal and
    /// without a trailing dot (`api.eu.amplitude.com.` and `api.eu.amplitude.com` name the same
    /// host, so a vendor-host comparison must not tell them apart); nil only for a bare path.
    /// Setting it sets `hostname`, bracketing an IPv6 literal.
    var host: String? {
        get {
            guard let hostname else { return nil }
            // Byte checks: `hasPrefix` and `hasSuffix` compare Unicode-correctly and cost more.
            if hostname.utf8.first == UInt8(ascii: "[") { return String(hostname.dropFirst().dropLast()) }
            return hostname.utf8.last == UInt8(ascii: ".") ? String(hostname.dropLast()) : hostname
        }
        set { hostname = newValue.map { $0.contains(":") ? "[\($0)]" : $0 } }
    }

    /// Whether the host is an IPv4 or IPv6 address rather than a domain.
    var hostIsIP: Bool {
        guard let host else { return false }
        return hostname?.utf8.first == UInt8(ascii: "[") || IPAddress(host)?.family == .v4
    }

    /// Creates parts directly, for tests and for callers that build endpoints themselves; an
    /// IPv6 `host` is bracketed in `hostname`.
    init(
        scheme: String? = nil, host: String?, port: Int? = nil, path: String = "",
        userinfo: String? = nil, query: String? = nil, fragment: String? = nil
    ) {
        self.init(
            scheme: scheme, hostname: host.map { $0.contains(":") ? "[\($0)]" : $0 }, port: port, path: path,
            userinfo: userinfo, query: query, fragment: fragment)
    }

    /// Creates parts from a host as WHATWG serialises it.
    init(
        scheme: String?, hostname: String?, port: Int?, path: String, userinfo: String?, query: String?,
        fragment: String?
    ) {
        self.scheme = scheme
        self.hostname = hostname
        self.port = port
        self.path = path
        self.userinfo = userinfo
        self.query = query
        self.fragment = fragment
    }

    /// Reads an endpoint string as described above; nil when it has no endpoint to read.
    init?(_ text: String) {
        // Nearly every endpoint in an export is plain ASCII with an ordinary host: split its
        // bytes directly (URLParts+ASCII.swift), and take the general path for the rest.
        switch Self.splitASCII(text) {
        case .parts(let parts): self = parts
        case .invalid: return nil
        case .undecided: self.init(scalarsOf: text)
        }
    }

    // MARK: - Shared by both paths

    /// The default port of text without a scheme, which is read as `https://`. (The special
    /// schemes' own are in `schemeName`, URLParts+Parser.swift.)
    static let schemelessDefaultPort = 443
}
