import Testing

@testable import ResidencyKit

/// A value written to make a URL look European (or just sloppy), and the host a browser or
/// HTTP client actually connects to; nil where the client would refuse the URL.
struct HostileURLCase: Sendable, CustomTestStringConvertible {
    let text: String
    let hostname: String?
    let path: String?

    init(_ text: String, _ hostname: String?, path: String? = nil) {
        self.text = text
        self.hostname = hostname
        self.path = path
    }

    var testDescription: String { text.debugDescription }
}

@Suite struct PrimitivesURLPartsHostileTests {
    static let cases: [HostileURLCase] = [
        // `\` is `/` in special URLs: the authority ends before the `@`.
        HostileURLCase(
            "https://api-iam.intercom.io\\@api-iam.eu.intercom.io", "api-iam.intercom.io", path: "/@api-iam.eu.intercom.io"),
        HostileURLCase("api-iam.intercom.io\\@api-iam.eu.intercom.io", "api-iam.intercom.io"),
        HostileURLCase("https://x\\@y", "x"),
        HostileURLCase("https:\\\\api.amplitude.com\\@api.eu.amplitude.com", "api.amplitude.com"),
        // …but not in other URLs, where the last `@` still ends the userinfo.
        HostileURLCase("postgres://a\\@db.example", "db.example"),
        // Several `@`: the last one before the path ends the userinfo.
        HostileURLCase("https://a@b@c/", "c"),
        HostileURLCase("https://api.eu.amplitude.com@api.amplitude.com/", "api.amplitude.com"),
        HostileURLCase("https://api.eu.amplitude.com:443@api.amplitude.com/", "api.amplitude.com"),
        HostileURLCase("https://api.amplitude.com/@api.eu.amplitude.com", "api.amplitude.com", path: "/@api.eu.amplitude.com"),
        HostileURLCase("https://api.amplitude.com?@api.eu.amplitude.com", "api.amplitude.com"),
        HostileURLCase("https://api.amplitude.com#@api.eu.amplitude.com", "api.amplitude.com"),
        // Tabs and newlines are removed anywhere, other controls refused.
        HostileURLCase("https://api.eu.\tamplitude.com", "api.eu.amplitude.com"),
        HostileURLCase("https://api.e\nu.amplitude.\rcom", "api.eu.amplitude.com"),
        HostileURLCase("https://api.eu\u{0}.amplitude.com", nil),
        HostileURLCase("https://api.eu\u{B}.amplitude.com", nil),
        // Percent-encoding in the host is decoded before anything else.
        HostileURLCase("https://api%2eeu%2Eamplitude.com/", "api.eu.amplitude.com"),
        HostileURLCase("https://api-iam%2eintercom%2eio", "api-iam.intercom.io"),
        HostileURLCase("https://%61pi.eu.amplitude.com", "api.eu.amplitude.com"),
        HostileURLCase("https://a%40b.example", nil),
        HostileURLCase("https://a%2fb.example", nil),
        HostileURLCase("https://a%zzb.example", nil),
        // Full-width and ideographic dots and letters map to ASCII.
        HostileURLCase("https://api-iam.eu\u{3002}intercom.io", "api-iam.eu.intercom.io"),
        HostileURLCase("https://api-iam.eu\u{FF0E}intercom.io", "api-iam.eu.intercom.io"),
        HostileURLCase("https://api-iam.eu\u{FF61}intercom.io", "api-iam.eu.intercom.io"),
        HostileURLCase("https://\u{FF21}\u{FF30}\u{FF29}.eu.amplitude.com", "api.eu.amplitude.com"),
        HostileURLCase("https://\u{FF25}\u{FF55}\u{3002}example", "eu.example"),
        HostileURLCase("https://api.eu.amplitude.com\u{FF0F}x", nil),
        // Ignored code points vanish; others that look like nothing fail.
        HostileURLCase("https://api.eu\u{200B}.amplitude.com", "api.eu.amplitude.com"),
        HostileURLCase("https://api.e\u{AD}u.amplitude.com", "api.eu.amplitude.com"),
        HostileURLCase("https://api.eu\u{200D}.amplitude.com", nil),
        HostileURLCase("https://api.eu\u{A0}.amplitude.com", nil),
        // A look-alike letter is a different host, in Punycode.
        HostileURLCase("https://\u{430}pi.eu.amplitude.com", "xn--pi-6kc.eu.amplitude.com"),
        HostileURLCase("https://xn--pi-6kc.eu.amplitude.com", "xn--pi-6kc.eu.amplitude.com"),
        HostileURLCase("https://xn--pokxncvks.eu.amplitude.com", nil),
        // Right-to-left scripts fail closed rather than being checked against the Bidi rule.
        HostileURLCase("https://\u{5D0}\u{5D1}.eu.example", nil),
        // IPv4 in every number form clients accept.
        HostileURLCase("http://0x7f.1/", "127.0.0.1"),
        HostileURLCase("http://2130706433/", "127.0.0.1"),
        HostileURLCase("http://0177.0.0.1/", "127.0.0.1"),
        HostileURLCase("http://127.1/", "127.0.0.1"),
        HostileURLCase("http://0x7F000001/", "127.0.0.1"),
        HostileURLCase("http://0x7f.0x0.0x0.0x1/", "127.0.0.1"),
        HostileURLCase("10.0.0.010", "10.0.0.8"),
        HostileURLCase("http://4294967296/", nil),
        HostileURLCase("http://1.2.3.256/", nil),
        HostileURLCase("http://0x100.0.0.1/", nil),
        HostileURLCase("http://1.2.3.4.5/", nil),
        HostileURLCase("http://api.eu.08/", nil),
        // A vendor's EU host as a prefix of someone else's: the host is the whole name.
        HostileURLCase("https://api-iam.eu.intercom.io.evil.com", "api-iam.eu.intercom.io.evil.com"),
        HostileURLCase("https://api-iam.eu.intercom.io.evil.com/v1", "api-iam.eu.intercom.io.evil.com"),
        // Case, and the special schemes' short forms.
        HostileURLCase("HTTPS://API-IAM.EU.INTERCOM.IO/", "api-iam.eu.intercom.io"),
        HostileURLCase("HtTpS:Api.Eu.Amplitude.Com", "api.eu.amplitude.com"),
        HostileURLCase("https:/api.eu.amplitude.com", "api.eu.amplitude.com"),
        HostileURLCase("https:////api.eu.amplitude.com", "api.eu.amplitude.com"),
        // A trailing dot stays in `hostname` only.
        HostileURLCase("https://api.eu.amplitude.com./", "api.eu.amplitude.com."),
        // Dot segments are resolved the way the client resolves them.
        HostileURLCase("https://h.example/v1/../b", "h.example", path: "/b"),
        HostileURLCase("https://h.example/v1/%2e%2E/b", "h.example", path: "/b"),
        HostileURLCase("https://h.example/v1/./b/.", "h.example", path: "/v1/b/"),
        HostileURLCase("events.eu1.segmentapis.com/v1/..\\b", "events.eu1.segmentapis.com", path: "/b"),
    ]

    @Test("Primitives: URLParts reads hostile endpoints as clients do", arguments: cases)
    func readsAsClientsDo(_ row: HostileURLCase) {
        let parts = URLParts(row.text)
        #expect(parts?.hostname == row.hostname)
        if let path = row.path { #expect(parts?.path == path) }
        #expect(parts == URLParts(scalarsOf: row.text))
    }

    @Test("Primitives: the host() built-in sees the client's host")
    func hostBuiltin() {
        #expect(URLParts("https://api-iam.intercom.io\\@api-iam.eu.intercom.io")?.host == "api-iam.intercom.io")
        #expect(URLParts("https://api.eu.amplitude.com.")?.host == "api.eu.amplitude.com")
    }
}
