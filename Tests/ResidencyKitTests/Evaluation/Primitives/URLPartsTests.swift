import Testing

@testable import ResidencyKit

/// An endpoint string and the scheme, host, port and path it must give.
struct URLPartsCase: Sendable, CustomTestStringConvertible {
    let text: String
    let scheme: String?
    let host: String?
    let port: Int?
    let path: String

    init(_ text: String, _ scheme: String?, _ host: String?, _ port: Int?, _ path: String) {
        self.text = text
        self.scheme = scheme
        self.host = host
        self.port = port
        self.path = path
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
        // Scheme-less text is read as `https://`, whose default port 443 is dropped.
        URLPartsCase("[2001:db8::1]:443/v1", nil, "2001:db8::1", nil, "/v1"),
        URLPartsCase("HTTPS://Events.EU1.SegmentAPIs.com", "https", "events.eu1.segmentapis.com", nil, ""),
        // Whitespace, trailing dots, ports.
        URLPartsCase("  https://api.segment.io/v1  \n", "https", "api.segment.io", nil, "/v1"),
        URLPartsCase("\tapi.segment.io ", nil, "api.segment.io", nil, ""),
        URLPartsCase("api.segment.io.", nil, "api.segment.io", nil, ""),
        URLPartsCase("https://api.segment.io./v1", "https", "api.segment.io", nil, "/v1"),
        URLPartsCase("localhost:8080", nil, "localhost", 8080, ""),
        URLPartsCase("10.0.0.1:9000/metrics", nil, "10.0.0.1", 9000, "/metrics"),
        URLPartsCase("wss://stream.example:443", "wss", "stream.example", nil, ""),
        URLPartsCase("wss://stream.example:8443", "wss", "stream.example", 8443, ""),
        URLPartsCase("https://host.example:0", "https", "host.example", 0, ""),
        URLPartsCase("https://host.example:65535/", "https", "host.example", 65535, "/"),
        URLPartsCase("https://host.example:00080/", "https", "host.example", 80, "/"),
        // WHATWG ignores an empty port.
        URLPartsCase("host.example:", nil, "host.example", nil, ""),
        URLPartsCase("[2001:db8::1]:", nil, "2001:db8::1", nil, ""),
        // IPv6 literals, in WHATWG's compressed form (a mapped IPv4 address in hex too).
        URLPartsCase("https://[2001:DB8::1]/", "https", "2001:db8::1", nil, "/"),
        URLPartsCase("[::1]", nil, "::1", nil, ""),
        URLPartsCase("http://[::ffff:1.2.3.4]:80", "http", "::ffff:102:304", nil, ""),
        URLPartsCase("http://[2001:db8:0:0:1:0:0:1]", "http", "2001:db8::1:0:0:1", nil, ""),
        // Schemes, userinfo, queries, fragments.
        URLPartsCase("git+ssh://git.example/repo.git", "git+ssh", "git.example", nil, "/repo.git"),
        URLPartsCase("postgres://user:p@ss@DB.example:5432/x", "postgres", "db.example", 5432, "/x"),
        URLPartsCase("//cdn.example.com/x.js", nil, "cdn.example.com", nil, "/x.js"),
        URLPartsCase("user@host.example", nil, "host.example", nil, ""),
        URLPartsCase("https://a@b@host.example", "https", "host.example", nil, ""),
        URLPartsCase("https://host.example?x=1", "https", "host.example", nil, ""),
        URLPartsCase("https://host.example#frag", "https", "host.example", nil, ""),
        URLPartsCase("host.example/a/b/c?q#f", nil, "host.example", nil, "/a/b/c"),
        URLPartsCase("host.example/a?next=https://other.example/", nil, "host.example", nil, "/a"),
        URLPartsCase("https://host.example/Case/Kept", "https", "host.example", nil, "/Case/Kept"),
        URLPartsCase("https://host.example/a path", "https", "host.example", nil, "/a path"),
        URLPartsCase("my_host.internal", nil, "my_host.internal", nil, ""),
        // Non-ASCII hosts go through IDNA to Punycode.
        URLPartsCase("https://B\u{DC}CHER.example/", "https", "xn--bcher-kva.example", nil, "/"),
        URLPartsCase("https://xn--bcher-kva.example", "https", "xn--bcher-kva.example", nil, ""),
        // WHATWG accepts empty labels, reads `\` as `/` and skips any run of slashes after `https:`.
        URLPartsCase("https://host..example", "https", "host..example", nil, ""),
        URLPartsCase("https://.example", "https", ".example", nil, ""),
        URLPartsCase("https://host\\evil", "https", "host", nil, "/evil"),
        URLPartsCase("https:///path", "https", "path", nil, ""),
        // A bare path has no host; its dot segments are resolved too.
        URLPartsCase("/v1/track", nil, nil, nil, "/v1/track"),
        URLPartsCase("/v1/../track?x", nil, nil, nil, "/track"),
        URLPartsCase("/", nil, nil, nil, "/"),
    ]

    @Test("Primitives: URLParts splits endpoint strings", arguments: valid)
    func parses(_ row: URLPartsCase) throws {
        let parts = try #require(URLParts(row.text))
        #expect(parts.scheme == row.scheme)
        #expect(parts.host == row.host)
        #expect(parts.port == row.port)
        #expect(parts.path == row.path)
    }

    static let invalid: [String] = [
        "", "   ", "\n\t", "https://", "http://:8080", "//", "?q=1", "#frag",
        "api.segment .io", "https://api segment.io/v1", "host.example:abc",
        "host.example:65536", "host.example:-1", "host.example:123456", "host.example:8 0",
        "[2001:db8::1", "[not-v6]:80", "[2001:db8::1]x", "[1.2.3.4]", "[fe80::1%25eth0]",
        "a:b:c", "https://ho<st", "https://@/", ".", "https://.", "https:", "https://host.example:99999",
        // Scheme-less text is read as `https://` + text, so an unbracketed IPv6 address is a
        // host `2001` with a bad port, as a client building that URL would find.
        "2001:db8::1",
        // A file names no endpoint.
        "file:///etc/passwd", "file://host/share", "FILE:c:/x",
        // A non-special URL's empty host.
        "postgres:///db", "git+ssh://:22/x",
    ]

    @Test("Primitives: URLParts rejects what cannot be an endpoint", arguments: invalid)
    func rejects(_ text: String) {
        #expect(URLParts(text) == nil)
    }

    @Test("Primitives: URLParts keeps userinfo, query and fragment as written")
    func otherParts() throws {
        let p = try #require(URLParts("http://u:p@h.example:81/x/../y?q=1&r#f?g"))
        #expect(p.userinfo == "u:p")
        #expect(p.query == "q=1&r")
        #expect(p.fragment == "f?g")
        #expect(p.path == "/y")
        let q = try #require(URLParts("https://h.example#f?not-a-query"))
        #expect(q.query == nil)
        #expect(q.fragment == "f?not-a-query")
        #expect(URLParts("h.example")?.userinfo == nil)
        #expect(URLParts("@h.example")?.userinfo == "")
    }

    @Test("Primitives: URLParts's host drops the trailing dot and brackets that hostname keeps")
    func hostAndHostname() throws {
        let dotted = try #require(URLParts("https://api.eu.amplitude.com./2/httpapi"))
        #expect(dotted.hostname == "api.eu.amplitude.com.")
        #expect(dotted.host == "api.eu.amplitude.com")
        let v6 = try #require(URLParts("http://[0:0::1]:8080"))
        #expect(v6.hostname == "[::1]")
        #expect(v6.host == "::1")
        #expect(v6.hostIsIP)
        #expect(URLParts("http://0x7f.1")?.hostIsIP == true)
        #expect(URLParts("https://api.segment.io")?.hostIsIP == false)
        // Only one trailing dot is the root's.
        #expect(URLParts("http://h.example..")?.host == "h.example.")
        var built = URLParts(host: "2001:db8::1")
        #expect(built.hostname == "[2001:db8::1]")
        built.host = "h.example"
        #expect(built.hostname == "h.example")
    }

    /// The ASCII fast path must split exactly as the general one, including around every
    /// character that matters to either.
    @Test("Primitives: URLParts's ASCII path agrees with the general path")
    func asciiPathAgrees() {
        var texts = Self.valid.map(\.text) + Self.invalid + PrimitivesURLPartsHostileTests.cases.map(\.text)
        let pieces = [
            "", "a", "A", ".", "..", ":", "::", "/", "//", "\\", "?", "#", "@", "[", "]", "%", "%2e", "%41", " ",
            "\t", "\n", "\u{7F}", "\u{1}", "-", "+", "0", "0x7f", "1", "8080", "99999", "h.example", "xn--",
            "xn--bcher-kva", "HTTPS", "https://", "https:", "http:\\\\", "ws://", "ftp:", "file:", "sc://", "x:y",
            "[::1]", "\u{3002}", "\u{FC}",
        ]
        for a in pieces {
            for b in pieces {
                for c in ["", "h", "/p", ":1", ".", "/..", "\\q", "@z", "?q", "#f"] { texts.append(a + b + c) }
            }
        }
        // And short strings over the characters that matter, from a fixed seed.
        let alphabet = Array("aAxX0179.:/\\?#@[]%- \t+sfhtpw".unicodeScalars)
        let prefixes = ["", "https://", "http:", "x://"]
        var state: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<20_000 {
            var text = prefixes[next(prefixes.count)]
            for _ in 0..<next(14) { text.unicodeScalars.append(alphabet[next(alphabet.count)]) }
            texts.append(text)
        }
        for text in texts {
            #expect(URLParts(text) == URLParts(scalarsOf: text), "\(text.debugDescription)")
        }
        // The fast path must decide the shapes exports are made of, or it is no fast path.
        for common in [
            "https://api.segment.io/v1", "events.eu1.segmentapis.com/v1", "localhost:8080", "https://u:p@h.example:8443/x?y#z",
            "/v1/track", "HTTPS://Rest.FRA-01.braze.eu/", "postgres://db.example:5432/x", "https://api.segment.io.",
        ] {
            guard case .parts = URLParts.splitASCII(common) else {
                Issue.record("the ASCII path does not decide \(common)")
                continue
            }
        }
        // Both paths strip exactly the C0 controls and space at either end, nothing else.
        #expect(URLParts("\u{1}\u{1F} h.example \u{0}")?.host == "h.example")
        #expect(URLParts("\u{A0}h.example") == nil)
    }
}
