/// SplitMix64: small, fast, and the same sequence on every platform, so a test that damages
/// its inputs at random (with a fixed seed) fails the same way every time.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<n` (0 when `n` is not positive).
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
}
