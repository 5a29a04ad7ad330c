import Testing

@testable import ResidencyKit

@Suite struct PrimitivesCIDRTests {
    static let strictValid: [(String, String)] = [
        ("3.251.148.96/29", "3.251.148.96/29"),
        ("10.0.0.0/8", "10.0.0.0/8"),
        ("0.0.0.0/0", "0.0.0.0/0"),
        ("1.2.3.4/32", "1.2.3.4/32"),
        ("1.2.3.4", "1.2.3.4/32"),
        ("192.168.0.0/16", "192.168.0.0/16"),
        ("2001:db8::/32", "2001:db8::/32"),
        ("2001:DB8:0::/48", "2001:db8::/48"),
        ("2001:0db8:0000:0000:0000:0000:0000:0000/64", "2001:db8::/64"),
        ("::/0", "::/0"),
        ("::1", "::1/128"),
        ("fe80::/10", "fe80::/10"),
        ("2001:db8::1/128", "2001:db8::1/128"),
        ("::ffff:10.0.0.0/104", "::ffff:10.0.0.0/104"),
    ]

    @Test("Primitives: CIDR parses and prints canonically", arguments: strictValid)
    func canonical(_ text: String, _ expected: String) throws {
        let cidr = try CIDR(parsing: text)
        #expect(cidr.description == expected)
        #expect(try CIDR(parsing: expected) == cidr)
    }

    static let lenient: [(String, String)] = [
        ("3.251.148.97/29", "3.251.148.96/29"),
        ("10.1.2.3/8", "10.0.0.0/8"),
        ("1.2.3.4/0", "0.0.0.0/0"),
        ("255.255.255.255/1", "128.0.0.0/1"),
        ("2001:db8::1/32", "2001:db8::/32"),
        ("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff/65", "2001:db8:ffff:ffff:8000::/65"),
        ("3.251.148.96/29", "3.251.148.96/29"),
    ]

    @Test("Primitives: non-strict CIDR parsing masks host bits", arguments: lenient)
    func masksHostBits(_ text: String, _ expected: String) throws {
        #expect(try CIDR(parsing: text, strict: false).description == expected)
    }

    static let invalid: [(String, String)] = [
        ("", "empty CIDR"),
        ("3.251.148.97/29", "host bits are set: 3.251.148.97/29 — did you mean 3.251.148.96/29?"),
        ("2001:db8::1/32", "host bits are set: 2001:db8::1/32 — did you mean 2001:db8::/32?"),
        ("10.0.0.0/33", "prefix length 33 is out of range 0–32 for IPv4"),
        ("::/129", "prefix length 129 is out of range 0–128 for IPv6"),
        ("10.0.0.0/1000", "prefix length 1000 is out of range 0–32 for IPv4"),
        ("10.0.0.0/99999999999999999999", "out of range 0–32"),
        ("10.0.0.0/", "missing prefix length after `/`"),
        ("10.0.0.0/abc", "prefix length `abc` is not a number"),
        ("10.0.0.0/-1", "prefix length `-1` is not a number"),
        ("10.0.0.0/ 8", "is not a number"),
        ("10.0.0.0/8/9", "prefix length `8/9` is not a number"),
        ("10.0.0.0/08", "prefix length `08` has a leading zero: write 8"),
        ("0.0.0.0/00", "has a leading zero: write 0"),
        ("10.0.0.256/8", "octet 256 is out of range 0–255"),
        ("10.0.0/8", "`10.0.0` is not a valid IPv4 address: it has 3 parts, not 4"),
        ("010.0.0.0/8", "octet `010` has a leading zero"),
        ("10..0.0/8", "an octet is empty"),
        ("2001:db8::g/32", "`2001:db8::g` is not a valid IPv6 address"),
        ("example.com/8", "`example.com` is not an IPv4 or IPv6 address"),
        ("/8", "the address is empty"),
        (" 10.0.0.0/8", "is not an IPv4 or IPv6 address"),
    ]

    @Test("Primitives: CIDR errors say what is wrong", arguments: invalid)
    func rejects(_ text: String, _ fragment: String) throws {
        let error = try #require(throws: CIDRError.self) { _ = try CIDR(parsing: text) }
        #expect(error.message.contains(fragment), "\(error.message)")
    }

    @Test("Primitives: the host-bits error is the only one non-strict mode forgives")
    func nonStrictStillValidates() {
        #expect(throws: CIDRError.self) { _ = try CIDR(parsing: "10.0.0.0/33", strict: false) }
        #expect(throws: CIDRError.self) { _ = try CIDR(parsing: "10.0.0.256/8", strict: false) }
    }

    static let addressContainment: [(String, String, Bool)] =
        [
            ("3.251.148.96/29", "3.251.148.95", false),
            ("3.251.148.96/29", "3.251.148.104", false),
            ("3.251.148.96/29", "3.251.149.96", false),
            ("0.0.0.0/0", "255.255.255.255", true),
            ("0.0.0.0/0", "::1", false),
            ("::/0", "1.2.3.4", false),
            ("::/0", "::ffff:1.2.3.4", true),
            ("10.0.0.0/8", "10.255.255.255", true),
            ("10.0.0.0/8", "11.0.0.0", false),
            ("10.0.0.0/8", "9.255.255.255", false),
            ("1.2.3.4/32", "1.2.3.4", true),
            ("1.2.3.4/32", "1.2.3.5", false),
            ("128.0.0.0/1", "127.255.255.255", false),
            ("128.0.0.0/1", "128.0.0.0", true),
            ("2001:db8::/32", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", true),
            ("2001:db8::/32", "2001:db9::", false),
            ("2001:db8::/64", "2001:db8::ffff", true),
            ("2001:db8::/64", "2001:db8:0:1::", false),
            ("2001:db8::/65", "2001:db8::8000:0:0:0", false),
            ("2001:db8::/65", "2001:db8::7fff:0:0:0", true),
            ("::1/128", "::1", true),
            ("::1/128", "::2", false),
            ("fe80::/10", "febf::1", true),
            ("fe80::/10", "fec0::1", false),
            ("2001:db8::/127", "2001:db8::1", true),
            ("2001:db8::/127", "2001:db8::2", false),
        ] + (96...103).map { ("3.251.148.96/29", "3.251.148.\($0)", true) }

    @Test("Primitives: CIDR contains addresses", arguments: addressContainment)
    func containsAddress(_ cidr: String, _ address: String, _ expected: Bool) throws {
        let block = try CIDR(parsing: cidr)
        let ip = try #require(IPAddress(address))
        #expect(block.contains(ip) == expected)
    }

    static let blockContainment: [(String, String, Bool)] = [
        ("10.0.0.0/8", "10.1.0.0/16", true),
        ("10.1.0.0/16", "10.0.0.0/8", false),
        ("10.0.0.0/8", "10.0.0.0/8", true),
        ("10.0.0.0/8", "11.0.0.0/16", false),
        ("0.0.0.0/0", "::/0", false),
        ("::/0", "0.0.0.0/0", false),
        ("0.0.0.0/0", "255.255.255.255/32", true),
        ("3.251.148.96/29", "3.251.148.100/30", true),
        ("3.251.148.96/29", "3.251.148.104/30", false),
        ("3.251.148.96/29", "3.251.148.96/28", false),
        ("2001:db8::/32", "2001:db8:1::/48", true),
        ("2001:db8::/48", "2001:db8::/32", false),
        ("2001:db8::/32", "2001:db9::/48", false),
    ]

    @Test("Primitives: CIDR contains subnets", arguments: blockContainment)
    func containsBlock(_ outer: String, _ inner: String, _ expected: Bool) throws {
        #expect(try CIDR(parsing: outer).contains(CIDR(parsing: inner)) == expected)
    }

    static let lastAddresses: [(String, String)] = [
        ("3.251.148.96/29", "3.251.148.103"),
        ("10.0.0.0/8", "10.255.255.255"),
        ("1.2.3.4/32", "1.2.3.4"),
        ("0.0.0.0/0", "255.255.255.255"),
        ("::/0", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
        ("2001:db8::/32", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"),
        ("2001:db8::/96", "2001:db8::ffff:ffff"),
    ]

    @Test("Primitives: CIDR last address", arguments: lastAddresses)
    func lastAddress(_ cidr: String, _ last: String) throws {
        #expect(try CIDR(parsing: cidr).lastAddress.description == last)
    }

    @Test("Primitives: CIDR from an address and a prefix length")
    func masking() throws {
        let address = try #require(IPAddress("3.251.148.97"))
        let block = try CIDR(masking: address, prefixLength: 29)
        #expect(block.description == "3.251.148.96/29")
        #expect(block.network == IPAddress("3.251.148.96"))
        #expect(block.prefixLength == 29)
        let error = try #require(throws: CIDRError.self) { _ = try CIDR(masking: address, prefixLength: 33) }
        #expect(error.message == "prefix length 33 is out of range 0–32 for IPv4")
        #expect(throws: CIDRError.self) { _ = try CIDR(masking: address, prefixLength: -1) }
    }

    @Test("Primitives: CIDRs order by network, then prefix length; equal blocks are equal")
    func ordering() throws {
        let texts = ["10.0.0.0/16", "::/0", "10.0.0.0/8", "9.0.0.0/8", "2001:db8::/32"]
        let sorted = try texts.map { try CIDR(parsing: $0) }.sorted().map(\.description)
        #expect(sorted == ["9.0.0.0/8", "10.0.0.0/8", "10.0.0.0/16", "::/0", "2001:db8::/32"])
        let a = try CIDR(parsing: "10.1.2.3/8", strict: false)
        let b = try CIDR(parsing: "10.0.0.0/8")
        #expect(a == b)
        #expect(Set([a, b]).count == 1)
    }
}
