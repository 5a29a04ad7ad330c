import Foundation

/// A Segment region and its Public API host. A workspace lives in one region, and its token
/// works only against that region's host.
public enum SegmentRegion: String, CaseIterable, Sendable {
    case us, eu

    /// The Public API's base URL for this region (the same hosts the inventory loader infers
    /// a bundle's region from).
    public var apiHost: String {
        switch self {
        case .us: "https://" + BundleDecoder.usAPIHost
        case .eu: "https://" + BundleDecoder.euAPIHost
        }
    }

    /// The region a wrongly aimed token probably belongs to.
    public var other: SegmentRegion { self == .us ? .eu : .us }
}

/// Where requests go and what the bundle records as `apiHost`.
///
/// `apiHost` is always the region's Public API host, so that the loader infers the region
/// from it. Requests go there too unless `--api-url` names a stand-in (a proxy in front of
/// that host, or a test server); the bundle then also records `apiURL`, so that a reader can
/// tell the two apart. Redirects are refused, so without a stand-in the host that answered
/// is `apiHost`.
public struct PublicAPIEndpoint: Sendable, Equatable {
    public var region: SegmentRegion
    /// The base URL requests are sent to, without a trailing slash.
    public var baseURL: String
    /// Whether `baseURL` is a stand-in given with `--api-url`.
    public var isOverride: Bool

    /// The region's own host, or `apiURL` when given: a plain base URL, https unless the host
    /// is this machine, with no credentials, query or fragment (they could leak into messages
    /// and files).
    public init(region: SegmentRegion, apiURL: String? = nil) throws(Diagnostic) {
        self.region = region
        guard let apiURL else {
            baseURL = region.apiHost
            isOverride = false
            return
        }
        guard let parts = URLComponents(string: apiURL), let scheme = parts.scheme?.lowercased(),
            scheme == "http" || scheme == "https"
        else { throw .invalidAPIURL(apiURL, "is not an http:// or https:// URL") }
        guard let host = parts.host, !host.isEmpty else { throw .invalidAPIURL(apiURL, "has no host") }
        // Credentials are refused without echoing them: the URL is not shown.
        guard parts.user == nil, parts.password == nil else {
            throw .invalidAPIURL("(not shown)", "holds credentials; the token is read from the environment only")
        }
        guard parts.query == nil, parts.fragment == nil else { throw .invalidAPIURL(apiURL, "has a query or fragment") }
        // The token must not cross a network in clear text; a test server on this machine may.
        guard scheme == "https" || ["127.0.0.1", "::1", "[::1]", "localhost"].contains(host.lowercased()) else {
            throw .invalidAPIURL(apiURL, "would send the token unencrypted; use https:// (http:// is for this machine only)")
        }
        var base = apiURL
        while base.hasSuffix("/") { base.removeLast() }
        baseURL = base
        isOverride = true
    }

    /// The URL of `path` (`/`, `/sources`) with a query, every value percent-encoded (cursors
    /// are base64, whose `+`, `/` and `=` must not reach the server as they are).
    public func url(_ path: String, query: [(String, String)] = []) -> String {
        var url = baseURL + path
        if !query.isEmpty {
            url += "?" + query.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        }
        return url
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters.
    static func encode(_ s: String) -> String {
        var out = ""
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out += "%"
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 15)])
            }
        }
        return out
    }
}

/// The Public API token. It prints as `[token]` wherever it is interpolated by mistake, and
/// `redact` removes it from any text that came from elsewhere (a server's error message).
public struct APIToken: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    let secret: String

    /// Leading and trailing white space (a newline from `$(cat token-file)`) is not part of it.
    public init(_ secret: String) {
        self.secret = secret.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The fewest characters a token read from the environment may have.
    public static let minimumLength = 12

    /// The token in the environment variable `variable`: it must be set, and be one word of
    /// printable ASCII (anything else cannot go into an HTTP header as it is).
    public static func fromEnvironment(_ variable: String, _ environment: [String: String]) throws(Diagnostic) -> APIToken {
        guard let value = environment[variable] else { throw .missingToken(variable, problem: "is not set") }
        let token = APIToken(value)
        guard !token.secret.isEmpty else { throw .missingToken(variable, problem: "is empty") }
        guard token.secret.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw .missingToken(variable, problem: "holds spaces or characters a token cannot have")
        }
        // Public API tokens are dozens of characters. A few would be found inside ordinary
        // words, and blotting them out of messages would garble them.
        guard token.secret.utf8.count >= minimumLength else {
            throw .missingToken(variable, problem: "is too short to be a Public API token")
        }
        return token
    }
    public var description: String { "[token]" }
    public var debugDescription: String { "[token]" }

    /// The `Authorization` header's value.
    var bearer: String { "Bearer \(secret)" }

    /// `text` with every occurrence of the token replaced by `[token]`.
    public func redact(_ text: String) -> String {
        secret.isEmpty ? text : text.replacingOccurrences(of: secret, with: "[token]")
    }

    /// Whether `bytes` hold the token anywhere.
    public func occurs(in bytes: [UInt8]) -> Bool {
        let needle = Array(secret.utf8)
        guard !needle.isEmpty, bytes.count >= needle.count else { return false }
        return bytes.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { n in
                var from = 0
                while from + n.count <= hay.count, let hit = memchr(hay.baseAddress! + from, Int32(n[0]), hay.count - from) {
                    let i = hay.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if i + n.count > hay.count { return false }
                    if memcmp(hay.baseAddress! + i, n.baseAddress!, n.count) == 0 { return true }
                    from = i + 1
                }
                return false
            }
        }
    }
}
