#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Array where Element == UInt8 {
    /// Whether `needle` occurs in these bytes: an import, a package or a name looked for in a
    /// file of code before anything is tokenised, and again while its values are read.
    func containsBytes(_ needle: some Collection<UInt8>) -> Bool {
        self[...].firstRange(ofBytes: Array(needle)) != nil
    }
}

extension ArraySlice where Element == UInt8 {
    /// Where `needle` first occurs in these bytes (indices of the slice's base), if it does.
    /// Each candidate found by `memchr`, compared by `memcmp`: the standard library's generic
    /// `firstRange(of:)` instantiated its searcher's metadata on every call, a third of the time
    /// of a 100,000-file scan, and took 40 ms to find where a result document's records start.
    func firstRange(ofBytes needle: [UInt8]) -> Range<Int>? {
        guard !needle.isEmpty else { return startIndex..<startIndex }
        guard count >= needle.count else { return nil }
        return withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { nb in
                let base = h.baseAddress!, last = h.count - nb.count
                var i = 0
                while i <= last {
                    guard let found = memchr(base + i, Int32(nb[0]), last - i + 1) else { return nil }
                    let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + at, nb.baseAddress!, nb.count) == 0 {
                        return (startIndex + at)..<(startIndex + at + nb.count)
                    }
                    i = at + 1
                }
                return nil
            }
        }
    }
}

/// Tests of bytes eight at a time ("has a zero byte" bit tricks), for the scans that ask of
/// every string of a report whether it holds anything to escape or remove: most hold nothing,
/// and a byte-wise loop over each was a twentieth of writing a night's JUnit folder.
enum WordScan {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let high: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte of `w` equal to `byte`, and perhaps of bytes above one: a
    /// borrow runs upward, so the answer is exact only about whether there is any.
    @inline(__always)
    static func equal(_ w: UInt64, _ byte: UInt8) -> UInt64 {
        let x = w ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & high
    }

    /// The same for bytes below `bound` (at most 0x80).
    @inline(__always)
    static func below(_ w: UInt64, _ bound: UInt8) -> UInt64 { (w &- ones &* UInt64(bound)) & ~w & high }

    /// Whether every byte passes `byteIsFine`. `flags` marks the bytes of a word that may fail
    /// it (every one that does, perhaps others); only a word with a mark is looked at byte by
    /// byte, and the tail past the last whole word always is.
    @inline(__always)
    static func all(
        _ b: UnsafeBufferPointer<UInt8>, flags: (UInt64) -> UInt64, _ byteIsFine: (UInt8) -> Bool
    ) -> Bool { first(b, from: 0, flags: flags, byteIsFine) == b.count }

    /// The offset of the first byte at or after `from` that fails `byteIsFine`, or `b.count`
    /// when none does; `flags` as for `all`.
    @inline(__always)
    static func first(
        _ b: UnsafeBufferPointer<UInt8>, from: Int, flags: (UInt64) -> UInt64, _ byteIsFine: (UInt8) -> Bool
    ) -> Int {
        guard let p = b.baseAddress else { return b.count }
        var i = from
        while i + 8 <= b.count {
            if flags(UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))) != 0 {
                for k in i..<(i + 8) where !byteIsFine(p[k]) { return k }
            }
            i += 8
        }
        while i < b.count {
            if !byteIsFine(p[i]) { return i }
            i += 1
        }
        return b.count
    }
}
