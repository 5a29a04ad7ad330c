import Testing

@testable import ResidencyKit

/// An endpoint string and the parts it must split into.
struct URLPartsCase: Sendable, CustomTestStringConvertible {
    let text: String
    let expected: URLParts

    init(_ text: String, _ scheme: String?, _ host: String?, _ port: Int?, _ path: String) {
        self.text = text
        self.expected = URLParts(scheme: scheme, host: host, port: port, path: path)
    }

    var testDescription: String { text.debugDescription }
}

@Suite struct PrimitivesURLPartsTests {
    static let valid: [URLPartsCase] = [
        // Endpoints as they appear in SDK configurations and destination settings.
        URLPartsCase("https://events.eu1.segmentapis.com/v1", "https", "events.eu1.segmentapis.com", nil, "/v1"),
        URLPartsCase("events.eu1.segmentapis.com/v1", nil, "events.eu1.segmentapis.com", nil, "/v1"),
        URLPartsCase("api.segment.io", nil, "api.segment.io", nil, ""),
        URLPartsCase("https://api.segment.io", "https", "api.segment.io", nil, ""),
        URLPartsCase("sdk.fra-01.braze.eu", nil, "sdk.fra-01.braze.eu", nil, ""),
        URLPartsCase("https://rest.fra-02.braze.eu/", "https", "rest.fra-02.braze.eu", nil, "/"),
        URLPartsCase("https://api-iam.eu.intercom.io", "https", "api-iam.eu.intercom.io", nil, ""),
        URLPartsCase("http://localhost:8080/x?y=1#z", "http", "localhost", 8080, "/x"),
        URLPartsCase("https://user:pw@host.example/p", "https", "host.example", nil, "/p"),
        URLPartsCase("[2001:db8::1]:443/v1", nil, "2001:db8::1", 443, "/v1"),
        URLPartsCase("HTTPS://Events.EU1.SegmentAPIs.com", "https", "events.eu1.segmentapis.com", nil, ""),
        // Whitespace, trailing dots, ports.
        URLPartsCase("  https://api.segment.io/v1  \n", "https", "api.segment.io", nil, "/v1"),
        URLPartsCase("\tapi.segment.io ", nil, "api.segment.io", nil, ""),
        URLPartsCase("api.segment.io.", nil, "api.segment.io", nil, ""),
        URLPartsCase("https://api.segment.io./v1", "https", "api.segment.io", nil, "/v1"),
        URLPartsCase("localhost:8080", nil, "localhost", 8080, ""),
        URLPartsCase("10.0.0.1:9000/metrics", nil, "10.0.0.1", 9000, "/metrics"),
        URLPartsCase("wss://stream.example:443", "wss", "stream.example", 443, ""),
        URLPartsCase("https://host.example:0", "https", "host.example", 0, ""),
        URLPartsCase("https://host.example:65535/", "https", "host.example", 65535, "/"),
        URLPartsCase("https://host.example:00080/", "https", "host.example", 80, "/"),
        // IPv6 literals.
        URLPartsCase("https://[2001:DB8::1]/", "https", "2001:db8::1", nil, "/"),
        URLPartsCase("[::1]", nil, "::1", nil, ""),
        URLPartsCase("http://[::ffff:1.2.3.4]:80", "http", "::ffff:1.2.3.4", 80, ""),
        URLPartsCase("2001:db8::1", nil, "2001:db8::1", nil, ""),
        // Schemes, userinfo, queries, fragments.
        URLPartsCase("git+ssh://git.example/repo.git", "git+ssh", "git.example", nil, "/repo.git"),
        URLPartsCase("//cdn.example.com/x.js", nil, "cdn.example.com", nil, "/x.js"),
        URLPartsCase("user@host.example", nil, "host.example", nil, ""),
        URLPartsCase("https://a@b@host.example", "https", "host.example", nil, ""),
        URLPartsCase("https://host.example?x=1", "https", "host.example", nil, ""),
        URLPartsCase("https://host.example#frag", "https", "host.example", nil, ""),
        URLPartsCase("host.example/a/b/c?q#f", nil, "host.example", nil, "/a/b/c"),
        URLPartsCase("host.example/a?next=https://other.example/", nil, "host.example", nil, "/a"),
        URLPartsCase("https://host.example/Case/Kept", "https", "host.example", nil, "/Case/Kept"),
        URLPartsCase("https://host.example/a path", "https", "host.example", nil, "/a path"),
        URLPartsCase("https://B\u{DC}CHER.example/", "https", "b\u{FC}cher.example", nil, "/"),
        URLPartsCase("https://xn--bcher-kva.example", "https", "xn--bcher-kva.example", nil, ""),
        URLPartsCase("my_host.internal", nil, "my_host.internal", nil, ""),
        // A bare path has no host.
        URLPartsCase("/v1/track", nil, nil, nil, "/v1/track"),
    ]

    @Test("Primitives: URLParts splits endpoint strings", arguments: valid)
    func parses(_ row: URLPartsCase) throws {
        let parts = try #require(URLParts(row.text))
        #expect(parts == row.expected)
    }

    static let invalid: [String] = [
        "", "   ", "\n\t", "https://", "https:///path", "http://:8080", "//", "?q=1", "#frag",
        "api.segment .io", "https://api segment.io/v1", "host.example:", "host.example:abc",
        "host.example:65536", "host.example:-1", "host.example:123456", "host.example:8 0",
        "[2001:db8::1", "[not-v6]:80", "[2001:db8::1]x", "[2001:db8::1]:", "[1.2.3.4]", "[fe80::1%25eth0]",
        "a:b:c", "https://host..example", "https://.example", "https://host\\evil", "https://ho<st",
        "https://@/", ".", "https://.", "https:", "https://host.example:99999",
    ]

    @Test("Primitives: URLParts rejects what cannot be an endpoint", arguments: invalid)
    func rejects(_ text: String) {
        #expect(URLParts(text) == nil)
    }

    /// The ASCII fast path must split exactly as the general one, including around every
    /// character that matters to it.
    @Test("Primitives: URLParts's ASCII path agrees with the general path")
    func asciiPathAgrees() {
        var texts = Self.valid.map(\.text) + Self.invalid
        let pieces = [
            "", "a", "A", ".", "..", ":", "::", "/", "//", "?", "#", "@", "[", "]", "%", " ", "\t", "\u{7F}",
            "\u{1}", "-", "+", "8080", "99999", "h.example", "HTTPS", "https://", "x:y",
        ]
        for a in pieces { for b in pieces { for c in ["", "h", "/p", ":1", "."] { texts.append(a + b + c) } } }
        for text in texts {
            #expect(URLParts(text) == URLParts(scalarsOf: text), "\(text.debugDescription)")
        }
        // The fast path's notion of white space is Unicode's, restricted to ASCII.
        let asciiSpace = (0..<128).filter { Unicode.Scalar(UInt8($0)).properties.isWhitespace }
        #expect(asciiSpace == [9, 10, 11, 12, 13, 32])
    }
}
