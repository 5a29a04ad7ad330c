import Foundation

/// A Segment region and its Public API host. A workspace lives in one region, and its token
/// works only against that region's host.
package enum SegmentRegion: String, CaseIterable, Sendable {
    case us, eu

    /// The Public API's base URL for this region (the same hosts the inventory loader infers
    /// a bundle's region from).
    package var apiHost: String {
        switch self {
        case .us: "https://" + BundleDecoder.usAPIHost
        case .eu: "https://" + BundleDecoder.euAPIHost
        }
    }

    /// The region a wrongly aimed token probably belongs to.
    var other: SegmentRegion { self == .us ? .eu : .us }
}

/// Where requests go and what the bundle records as `apiHost`.
///
/// `apiHost` is always the region's Public API host, so that the loader infers the region
/// from it. Requests go there too unless `--api-url` names a stand-in (a proxy in front of
/// that host, or a test server); the bundle then also records `apiURL`, so that a reader can
/// tell the two apart. Redirects are refused, so without a stand-in the host that answered
/// is `apiHost`.
package struct PublicAPIEndpoint: Sendable, Equatable {
    package var region: SegmentRegion
    /// The base URL requests are sent to, without a trailing slash.
    var baseURL: String
    /// Whether `baseURL` is a stand-in given with `--api-url`.
    var isOverride: Bool

    /// The region's own host, or `apiURL` when given: a plain base URL, https unless the host
    /// is this machine, with no credentials, query or fragment (they could leak into messages
    /// and files).
    package init(region: SegmentRegion, apiURL: String? = nil) throws(Diagnostic) {
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
    func url(_ path: String, query: [(String, String)] = []) -> String {
        var url = baseURL + path
        if !query.isEmpty {
            url += "?" + query.map { "\(PercentEncoding.encode($0.0))=\(PercentEncoding.encode($0.1))" }.joined(separator: "&")
        }
        return url
    }

}

/// The Public API token. It prints as `[token]` wherever it is interpolated by mistake, and
/// `redact` removes it from any text that came from elsewhere (a server's error message).
///
/// Not only the whole token is looked for: any `fragmentLength` characters of it in a row
/// are (its first half, its last ten characters …), since a piece of a token is most of
/// the work of guessing it, and a server or a proxy may cut it anywhere.
package struct APIToken: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    let secret: String
    private let pieces: TokenPieces

    /// Leading and trailing white space (a newline from `$(cat token-file)`) is not part of it.
    init(_ secret: String) {
        self.secret = secret.trimmingCharacters(in: .whitespacesAndNewlines)
        self.pieces = TokenPieces(Array(self.secret.utf8), length: Self.fragmentLength)
    }

    /// The fewest characters a token read from the environment may have.
    static let minimumLength = 12

    /// The fewest characters of the token in a row that count as the token: a token is
    /// random, so eight of its characters in a row are not found by chance, and fewer would
    /// garble ordinary words in messages.
    static let fragmentLength = 8

    /// The token in the environment variable `variable`: it must be set, and be one word of
    /// printable ASCII (anything else cannot go into an HTTP header as it is).
    package static func fromEnvironment(_ variable: String, _ environment: [String: String]) throws(Diagnostic) -> APIToken {
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
    package var description: String { "[token]" }
    package var debugDescription: String { "[token]" }

    /// The `Authorization` header's value.
    var bearer: String { "Bearer \(secret)" }

    /// `text` with the token, and every run of its characters that holds `fragmentLength` of
    /// them in a row, replaced by `[token]`.
    func redact(_ text: String) -> String {
        let bytes = Array(text.utf8)
        let hits = pieces.matches(in: bytes)
        guard !hits.isEmpty else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        for hit in hits {
            out += bytes[i..<hit.lowerBound]
            out += Array("[token]".utf8)
            i = hit.upperBound
        }
        out += bytes[i...]
        return String(decoding: out, as: UTF8.self)
    }

    /// Every text of a diagnostic redacted: its message, help, notes and the places it
    /// names (a URL with a cursor the server chose).
    func redact(_ d: Diagnostic) -> Diagnostic {
        var d = d
        d.message = redact(d.message)
        d.help = d.help.map(redact)
        if let file = d.range?.file { d.range?.file = redact(file) }
        d.notes = d.notes.map { note in
            var note = note
            note.message = redact(note.message)
            if let file = note.range?.file { note.range?.file = redact(file) }
            return note
        }
        return d
    }

    /// Whether `bytes` hold the token anywhere, or `fragmentLength` of its characters in a row.
    func occurs(in bytes: [UInt8]) -> Bool { pieces.first(in: bytes) != nil }
}

/// Every run of `length` bytes of a token (all of it when it is shorter), found in one pass
/// over a text: runs of eight bytes are eight-byte words, looked up in a small open-addressed
/// table, so a bundle of tens of megabytes is scanned at memory speed.
struct TokenPieces: Sendable {
    private let token: [UInt8]
    private let length: Int
    /// The words, 0 for an empty slot; `hasZero` when a word is itself 0 (eight NUL bytes).
    private let table: [UInt64]
    private let hasZero: Bool
    private let shift: UInt64

    init(_ token: [UInt8], length: Int) {
        self.token = token
        self.length = min(length, token.count)
        var words = Set<UInt64>()
        if self.length == 8 {
            for i in 0...(token.count - 8) { words.insert(Self.word(token, i)) }
        }
        var bits: UInt64 = 4
        while (1 << bits) < 4 * max(1, words.count) { bits += 1 }
        var table = [UInt64](repeating: 0, count: 1 << Int(bits))
        for w in words where w != 0 {
            var slot = Self.slot(w, 64 - bits, table.count)
            while table[slot] != 0 { slot = (slot + 1) & (table.count - 1) }
            table[slot] = w
        }
        self.table = table
        self.hasZero = words.contains(0)
        self.shift = 64 - bits
    }

    private static func word(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt64 {
        UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)
    }

    private static func word(_ bytes: [UInt8], _ i: Int) -> UInt64 {
        bytes.withUnsafeBufferPointer { word($0, i) }
    }

    private static func slot(_ w: UInt64, _ shift: UInt64, _ count: Int) -> Int {
        Int(truncatingIfNeeded: (w &* 0x9E37_79B9_7F4A_7C15) >> shift) & (count - 1)
    }

    private func contains(_ w: UInt64) -> Bool {
        if w == 0 { return hasZero }
        var slot = Self.slot(w, shift, table.count)
        while true {
            let t = table[slot]
            if t == w { return true }
            if t == 0 { return false }
            slot = (slot + 1) & (table.count - 1)
        }
    }

    /// Where the first piece starts, if any.
    func first(in bytes: [UInt8]) -> Int? {
        var found: Int?
        scan(bytes) { i in
            found = i
            return false
        }
        return found
    }

    /// The runs of `bytes` made of pieces of the token, overlapping pieces merged, in order.
    func matches(in bytes: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        scan(bytes) { i in
            if let last = out.last, i <= last.upperBound {
                out[out.count - 1] = last.lowerBound..<(i + length)
            } else {
                out.append(i..<(i + length))
            }
            return true
        }
        return out
    }

    /// Calls `found` with the start of each piece, in order, while it returns true.
    private func scan(_ bytes: [UInt8], _ found: (Int) -> Bool) {
        guard length > 0, bytes.count >= length else { return }
        bytes.withUnsafeBufferPointer { hay in
            if length == 8 {
                for i in 0...(hay.count - 8) where contains(Self.word(hay, i)) {
                    if !found(i) { return }
                }
                return
            }
            // A token shorter than a word: only the whole of it.
            token.withUnsafeBufferPointer { needle in
                for i in 0...(hay.count - length) where memcmp(hay.baseAddress! + i, needle.baseAddress!, length) == 0 {
                    if !found(i) { return }
                }
            }
        }
    }
}
