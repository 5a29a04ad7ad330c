import Crypto

/// SHA-256 of the inputs a report records, in the project's spelling: lower-case hex, or the
/// 32 raw bytes for a base64 form such as a CSP source hash. The rounds are swift-crypto's
/// (BoringSSL on Linux, CryptoKit on Apple platforms), which use the CPU's SHA instructions on
/// x86 and ARM and are reviewed by many more people than a copy of our own would be.
struct SHA256: Sendable {
    private var hasher = Crypto.SHA256()

    init() {}

    /// The 32-byte digest of some bytes.
    static func digest(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var h = SHA256()
        h.update(bytes)
        return h.finalize()
    }

    /// The hex digest of some bytes.
    static func hex(_ bytes: some Collection<UInt8>) -> String {
        var h = SHA256()
        h.update(bytes)
        return h.finalizeHex()
    }

    /// Adds bytes to the digest; `[UInt8]` and slices of it are hashed in place.
    package mutating func update(_ bytes: some Collection<UInt8>) {
        if bytes.withContiguousStorageIfAvailable({ hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }) == nil {
            Array(bytes).withUnsafeBytes { hasher.update(bufferPointer: $0) }
        }
    }

    /// The digest of everything updated so far.
    mutating func finalize() -> [UInt8] { Array(hasher.finalize()) }

    /// The digest of everything updated so far, in lower-case hex.
    mutating func finalizeHex() -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in finalize() {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
