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

    private static let k: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    public init() {}

    /// The 32-byte digest of some bytes (for base64 forms such as a CSP source hash).
    public static func digest(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var h = SHA256()
        h.update(Array(bytes))
        return h.finalize()
    }

    /// The hex digest of some bytes.
    public static func hex(_ bytes: some Collection<UInt8>) -> String {
        digest(bytes).map { b in
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
            for i in 0..<count { block(start + 64 * i) }
        }
    }

    /// One 64-byte block in portable Swift. The message schedule lives on the stack: hashing
    /// tens of megabytes of inventories must not allocate per block.
    private mutating func block(_ chunk: UnsafePointer<UInt8>) {
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
            SHA256.k.withUnsafeBufferPointer { k in
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
        }
        state[0] &+= a; state[1] &+= b; state[2] &+= c; state[3] &+= d
        state[4] &+= e; state[5] &+= f; state[6] &+= g; state[7] &+= h
    }
}

extension UInt32 {
    fileprivate func rotatedRight(_ n: UInt32) -> UInt32 { (self >> n) | (self << (32 - n)) }
}
