import CSHA256

/// SHA-256 (FIPS 180-4), for the input digests that reports record. Small enough to own:
/// it saves the project a heavyweight cryptography dependency that only this would use.
/// Blocks are compressed with the CPU's SHA instructions where it has them (the CSHA256
/// target), else with the portable rounds below; both give the same digests.
public struct SHA256: Sendable {
    private var state: [UInt32] = [
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]
    private var pending: [UInt8] = []
    private var length: UInt64 = 0
    /// Whether blocks go to the CPU's SHA instructions (tests turn it off to check the
    /// portable rounds on machines that have them).
    var usesHardware = SHA256.hardware

    public init() {}

    /// The 32-byte digest of some bytes (for base64 forms such as a CSP source hash).
    public static func digest(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var h = SHA256()
        h.update(Array(bytes))
        return h.finalize()
    }

    /// The hex digest of some bytes.
    public static func hex(_ bytes: some Collection<UInt8>) -> String {
        var h = SHA256()
        h.update(Array(bytes))
        return h.finalizeHex()
    }

    /// The digest of everything updated so far, in lower-case hex.
    public mutating func finalizeHex() -> String {
        finalize().map { b in
            let s = String(b, radix: 16)
            return s.count == 1 ? "0" + s : s
        }.joined()
    }

    public mutating func update(_ bytes: [UInt8]) {
        length &+= UInt64(bytes.count)
        bytes.withUnsafeBufferPointer { input in
            var offset = 0
            if !pending.isEmpty {
                let take = min(64 - pending.count, input.count)
                pending += input[0..<take]
                offset = take
                guard pending.count == 64 else { return }
                pending.withUnsafeBufferPointer { blocks($0.baseAddress!, count: 1) }
                pending.removeAll(keepingCapacity: true)
            }
            let whole = (input.count - offset) / 64
            if whole > 0 {
                blocks(input.baseAddress! + offset, count: whole)
                offset += 64 * whole
            }
            pending += input[offset...]
        }
    }

    public mutating func finalize() -> [UInt8] {
        let bitLength = length &* 8
        var tail = pending + [0x80]
        while tail.count % 64 != 56 { tail.append(0) }
        for i in (0..<8).reversed() { tail.append(UInt8(truncatingIfNeeded: bitLength >> (UInt64(i) * 8))) }
        pending.removeAll()
        tail.withUnsafeBufferPointer { p in blocks(p.baseAddress!, count: p.count / 64) }
        return state.flatMap { w in (0..<4).reversed().map { UInt8(truncatingIfNeeded: w >> (UInt32($0) * 8)) } }
    }

    /// Whether the CPU has SHA instructions; checked once.
    static let hardware = residency_sha256_hardware_available() == 1

    /// `count` consecutive 64-byte blocks.
    private mutating func blocks(_ start: UnsafePointer<UInt8>, count: Int) {
        if usesHardware {
            state.withUnsafeMutableBufferPointer { residency_sha256_hardware_blocks($0.baseAddress!, start, count) }
        } else {
            // The C target's table: one copy of the constants for both implementations.
            withUnsafeBytes(of: residency_sha256_round_constants) { raw in
                let k = raw.assumingMemoryBound(to: UInt32.self)
                for i in 0..<count { block(start + 64 * i, k) }
            }
        }
    }

    /// One 64-byte block in portable Swift. The message schedule lives on the stack: hashing
    /// tens of megabytes of inventories must not allocate per block.
    private mutating func block(_ chunk: UnsafePointer<UInt8>, _ k: UnsafeBufferPointer<UInt32>) {
        var (a, b, c, d, e, f, g, h) = (state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7])
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            for i in 0..<16 {
                w[i] =
                    UInt32(chunk[4 * i]) << 24 | UInt32(chunk[4 * i + 1]) << 16 | UInt32(chunk[4 * i + 2]) << 8
                    | UInt32(chunk[4 * i + 3])
            }
            for i in 16..<64 {
                let s0 = w[i - 15].rotatedRight(7) ^ w[i - 15].rotatedRight(18) ^ (w[i - 15] >> 3)
                let s1 = w[i - 2].rotatedRight(17) ^ w[i - 2].rotatedRight(19) ^ (w[i - 2] >> 10)
                w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
            }
            for i in 0..<64 {
                let s1 = e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)
                let ch = (e & f) ^ (~e & g)
                let t1 = h &+ s1 &+ ch &+ k[i] &+ w[i]
                let s0 = a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)
                let maj = (a & b) ^ (a & c) ^ (b & c)
                let t2 = s0 &+ maj
                (h, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
            }
        }
        state[0] &+= a; state[1] &+= b; state[2] &+= c; state[3] &+= d
        state[4] &+= e; state[5] &+= f; state[6] &+= g; state[7] &+= h
    }
}

extension UInt32 {
    fileprivate func rotatedRight(_ n: UInt32) -> UInt32 { (self >> n) | (self << (32 - n)) }
}
