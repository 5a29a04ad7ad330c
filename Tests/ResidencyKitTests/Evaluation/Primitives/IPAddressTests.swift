import Testing

@testable import ResidencyKit

@Suite struct PrimitivesIPAddressTests {
    static let validIPv4: [(String, UInt32)] = [
        ("0.0.0.0", 0),
        ("255.255.255.255", 0xFFFF_FFFF),
        ("10.0.0.1", 0x0A00_0001),
        ("3.251.148.97", 0x03FB_9461),
        ("192.168.1.1", 0xC0A8_0101),
        ("1.20.100.200", 0x0114_64C8),
    ]

    @Test("Primitives: IPv4 addresses parse and print unchanged", arguments: validIPv4)
    func ipv4(_ text: String, _ value: UInt32) throws {
        let address = try #require(IPAddress(text))
        #expect(address.family == .v4)
        #expect(address == IPAddress(ipv4: value))
        #expect(address.description == text)
    }

    static let invalid: [String] = [
        "", " ", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.256", "1.2.3.1000", "01.2.3.4", "1.2.3.04", "1.2.3.00",
        "1..2.3", "1.2.3.", ".1.2.3", "1.2.3.4 ", " 1.2.3.4", "a.b.c.d", "1.2.3.-1", "+1.2.3.4",
        "1.2.3.4/8", "0x1.2.3.4", "1234.1.1.1", "\u{661}.\u{662}.\u{663}.\u{664}", "1.2.3.4\n",
        ":", ":::", "1:::2", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::", "::g",
        "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "::1.2.3", "::1.2.3.256", "::01.2.3.4", "1.2.3.4::",
        "::ffff:1.2.3.4:1", "[::1]", "fe80::1%eth0", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:", "1:2:3:4:5:6:7:1.2.3.4",
        "1:2:3:4:5:6::1.2.3.4", "::1 ", "localhost", "example.com",
    ]

    @Test("Primitives: malformed addresses are rejected", arguments: invalid)
    func rejects(_ text: String) {
        #expect(IPAddress(text) == nil)
    }

    static let ipv6Canonical: [(String, String)] = [
        ("::", "::"),
        ("::1", "::1"),
        ("1::", "1::"),
        ("0:0:0:0:0:0:0:0", "::"),
        ("0:0:0:0:0:0:0:1", "::1"),
        ("1:0:0:0:0:0:0:0", "1::"),
        ("2001:db8::1", "2001:db8::1"),
        ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
        ("2001:DB8::1", "2001:db8::1"),
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
        ("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"),
        ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
        ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"),
        ("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"),
        ("::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8"),
        ("::1:2:3:4:5:6:7", "0:1:2:3:4:5:6:7"),
        ("a:b:c:d:e:f:0:0", "a:b:c:d:e:f::"),
        ("fe80::1:2", "fe80::1:2"),
        ("FE80:0000::00AB", "fe80::ab"),
        ("::ffff:1.2.3.4", "::ffff:1.2.3.4"),
        ("::FFFF:102:304", "::ffff:1.2.3.4"),
        ("64:ff9b::1.2.3.4", "64:ff9b::102:304"),
        ("1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304"),
        ("::1.2.3.4", "::102:304"),
        ("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
    ]

    @Test("Primitives: IPv6 addresses print in RFC 5952 form", arguments: ipv6Canonical)
    func ipv6(_ text: String, _ canonical: String) throws {
        let address = try #require(IPAddress(text))
        #expect(address.family == .v6)
        #expect(address.description == canonical)
        #expect(IPAddress(canonical) == address)
    }

    @Test("Primitives: IPv6 value halves")
    func halves() throws {
        let address = try #require(IPAddress("2001:db8::ff00:42:8329"))
        #expect(address.high == 0x2001_0DB8_0000_0000)
        #expect(address.low == 0x0000_FF00_0042_8329)
        #expect(IPAddress(ipv6High: address.high, low: address.low) == address)
    }

    @Test("Primitives: IPv4-mapped IPv6 addresses stay IPv6 but expose the IPv4 address")
    func mapped() throws {
        let mapped = try #require(IPAddress("::ffff:3.251.148.97"))
        let plain = try #require(IPAddress("3.251.148.97"))
        #expect(mapped != plain)
        #expect(mapped.unmappedIPv4 == plain)
        #expect(plain.unmappedIPv4 == nil)
        #expect(IPAddress("::1")?.unmappedIPv4 == nil)
    }

    @Test("Primitives: addresses order IPv4 first, then numerically")
    func ordering() throws {
        let texts = ["::1", "10.0.0.2", "2001:db8::", "9.255.255.255", "10.0.0.1", "::", "255.255.255.255", "::ffff:0.0.0.1"]
        let sorted = texts.compactMap(IPAddress.init).sorted().map(\.description)
        #expect(
            sorted == ["9.255.255.255", "10.0.0.1", "10.0.0.2", "255.255.255.255", "::", "::1", "::ffff:0.0.0.1", "2001:db8::"])
        #expect(IPAddress.Family.v4.bitWidth == 32)
        #expect(IPAddress.Family.v6.bitWidth == 128)
    }
}
