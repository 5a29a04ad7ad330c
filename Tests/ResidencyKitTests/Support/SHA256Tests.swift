import Foundation
import Testing

@testable import ResidencyKit

@Suite struct SHA256Tests {
    /// NIST FIPS 180-4 examples and lengths around the 55/56/64-byte padding boundaries.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (String(repeating: "a", count: 64), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        (String(repeating: "a", count: 1000), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"),
    ])
    func matchesKnownDigests(input: String, digest: String) {
        #expect(SHA256.hex(Array(input.utf8)) == digest)
    }

    @Test func incrementalEqualsOneShot() {
        let data = Array((0..<1000).map { UInt8($0 % 251) })
        var h = SHA256()
        h.update(Array(data[0..<7]))
        h.update(Array(data[7..<130]))
        h.update(Array(data[130...]))
        let hex = h.finalize().map { String(format: "%02x", $0) }.joined()
        #expect(hex == SHA256.hex(data))
    }
}
