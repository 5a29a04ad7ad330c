/// A 64-bit hash of UTF-8 bytes, eight at a time (a multiply and a shift per word, with
/// splitmix64's constants): the texts hashed on the hot paths are ids, names, slugs and
/// pieces of messages, mostly under 64 bytes, where SipHash's setup and finalisation cost
/// more than the bytes themselves.
enum ByteHash {
    /// Mixed into every hash, so that texts chosen to collide in one process's tables (an
    /// inventory written to slow the run down) do not in another's. Nothing that is written
    /// depends on it: tables number their texts by first use.
    static let processSeed = UInt64.random(in: 0...UInt64.max)

    static func hash(_ text: UnsafeBufferPointer<UInt8>, seed: UInt64) -> UInt64 {
        var h = seed ^ (UInt64(text.count) &* 0x9E37_79B9_7F4A_7C15)
        guard let p = text.baseAddress else { return mix(h) }
        let raw = UnsafeRawPointer(p)
        var i = 0
        while i + 8 <= text.count {
            h = mix(h ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            i += 8
        }
        if i < text.count {
            var tail: UInt64 = 0
            if text.count >= 8 {
                // The last eight bytes, overlapping the word before: one load, not a loop.
                tail = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: text.count - 8, as: UInt64.self))
            } else {
                var shift: UInt64 = 0
                while i < text.count {
                    tail |= UInt64(p[i]) << shift
                    shift += 8
                    i += 1
                }
            }
            h = mix(h ^ tail)
        }
        return mix(h)
    }

    @inline(__always)
    private static func mix(_ x: UInt64) -> UInt64 {
        var z = x &* 0xBF58_476D_1CE4_E5B9
        z ^= z >> 31
        z = z &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 29)
    }
}

/// Texts numbered in order of first insertion, keyed by their UTF-8 bytes: the bytes kept one
/// after another in one array and found through an open-addressing table of their numbers, so
/// a text met before costs one hash of its bytes (`ByteHash`) and one `memcmp`. The record
/// writer's text table (`StringTable`) and `TextMap` are both built on it.
///
/// A class: held as a struct in a class's property, it was copied (a retain of each of its
/// arrays) for every look-up, since the property could change during the call.
final class ByteTable {
    /// Every text's bytes, one after another: text `n` is `bytes[starts[n]..<starts[n + 1]]`.
    private var bytes: [UInt8] = []
    private var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    /// Open addressing with linear probing: a text's number plus one, 0 for an empty slot.
    /// Never more than half full.
    private var slots: [Int32]

    init(minimumCapacity: Int = 0) {
        var size = 16
        while size < 2 * minimumCapacity { size *= 2 }
        slots = [Int32](repeating: 0, count: size)
        hashes.reserveCapacity(minimumCapacity)
        starts.reserveCapacity(minimumCapacity + 1)
    }

    /// How many different texts the table holds.
    var count: Int { hashes.count }

    /// A table of its own with the same texts and numbers.
    func copy() -> ByteTable {
        let c = ByteTable()
        (c.bytes, c.starts, c.hashes, c.slots) = (bytes, starts, hashes, slots)
        return c
    }

    /// The number of the text with these bytes, if the table holds it.
    @inline(__always)
    func find(_ text: UnsafeBufferPointer<UInt8>) -> Int? { probe(text, ByteHash.hash(text, seed: ByteHash.processSeed)).found }

    /// The number of the text with these bytes, and whether it was added (numbered `count`).
    @inline(__always)
    func insert(_ text: UnsafeBufferPointer<UInt8>) -> (number: Int, inserted: Bool) {
        let h = ByteHash.hash(text, seed: ByteHash.processSeed)
        let (found, slot) = probe(text, h)
        if let n = found { return (n, false) }
        let n = hashes.count
        slots[slot] = Int32(n + 1)
        bytes.append(contentsOf: text)
        starts.append(bytes.count)
        hashes.append(h)
        if 2 * hashes.count > slots.count { grow() }
        return (n, true)
    }

    /// Calls `body` with the UTF-8 bytes of text `n`.
    func withBytes<R>(of n: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[starts[n]..<starts[n + 1]])) }
    }

    /// The text's number, or the empty slot where it would go.
    @inline(__always)
    private func probe(_ text: UnsafeBufferPointer<UInt8>, _ h: UInt64) -> (found: Int?, slot: Int) {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let slot = slots[i]
            if slot == 0 { return (nil, i) }
            let n = Int(slot) - 1
            if hashes[n] == h && holds(n, text) { return (n, i) }
            i = (i + 1) & mask
        }
    }

    @inline(__always)
    private func holds(_ n: Int, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let lo = starts[n], hi = starts[n + 1]
        guard hi - lo == text.count else { return false }
        if text.isEmpty { return true }
        return bytes.withUnsafeBufferPointer { memoryEqual(UnsafeBufferPointer(rebasing: $0[lo..<hi]), text) }
    }

    private func grow() {
        var bigger = [Int32](repeating: 0, count: slots.count * 2)
        let mask = bigger.count - 1
        for (n, h) in hashes.enumerated() {
            var i = Int(truncatingIfNeeded: h) & mask
            while bigger[i] != 0 { i = (i + 1) & mask }
            bigger[i] = Int32(n + 1)
        }
        slots = bigger
    }
}
