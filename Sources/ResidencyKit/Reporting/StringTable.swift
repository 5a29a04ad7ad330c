/// Texts of one workspace record, each once, with how often each is used. Texts are first
/// numbered in order of first use; the record renumbers them most used first (`ranks`), so the
/// texts every result repeats (a policy's own words, a region, a host) take one or two digits.
///
/// Texts are keyed by their UTF-8 bytes, not by `String` equality (canonical equivalence): two
/// spellings of one text stay two, each written as it was given
/// (`twoSpellingsOfOneTextKeepTheirBytes`).
///
/// A night's records number some 2.5 million texts (every piece of every message, every id
/// and name), nearly all met before. Through a `[String: Int]` that was a tenth of `check`'s
/// CPU time: SipHash over each text, a `String` per key, and its retain and release. Here the
/// texts' bytes are kept one after another in one array and found through an open-addressing
/// table of their numbers, so a text met before costs one hash of its bytes and one compare.
///
/// A class: the record's encoder is a struct whose mutating helpers are called from
/// closures, and a table held by value was copied on the way.
final class StringTable {
    /// Every text's bytes, one after another: text `n` is `bytes[starts[n]..<starts[n + 1]]`.
    private var bytes: [UInt8] = []
    private var starts: [Int] = [0]
    private var uses: [Int] = []
    private var hashes: [UInt64] = []
    /// Open addressing with linear probing: a text's number plus one, 0 for an empty slot.
    /// Never more than half full.
    private var slots = [Int32](repeating: 0, count: 64)
    /// Mixed into every hash (`ByteHash.processSeed` says why); numbers follow first use.
    private let seed = ByteHash.processSeed

    /// How many different texts the table holds.
    var count: Int { uses.count }

    func number(_ s: String) -> Int { number(s, 0..<s.utf8.count) }

    /// The number of the text at UTF-8 offsets `range` of `s` (a piece of a message).
    func number(_ s: String, _ range: Range<Int>) -> Int {
        if let n = s.utf8.withContiguousStorageIfAvailable({ number(bytes: UnsafeBufferPointer(rebasing: $0[range])) }) {
            return n
        }
        return Array(s.utf8)[range].withUnsafeBufferPointer { number(bytes: $0) }
    }

    /// The number of the text with these UTF-8 bytes, counting a use.
    func number(bytes text: UnsafeBufferPointer<UInt8>) -> Int {
        let h = hash(text)
        let (found, slot) = probe(text, h)
        if let n = found {
            uses[n] += 1
            return n
        }
        let n = uses.count
        slots[slot] = Int32(n + 1)
        bytes.append(contentsOf: text)
        starts.append(bytes.count)
        uses.append(1)
        hashes.append(h)
        if 2 * uses.count > slots.count { grow() }
        return n
    }

    /// The number of the text with these bytes if the table holds it, without counting a use.
    func find(bytes text: UnsafeBufferPointer<UInt8>) -> Int? { probe(text, hash(text)).found }

    /// The text's number, or the empty slot where it would go.
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

    /// Calls `body` with the UTF-8 bytes of text `n`.
    func withBytes<R>(of n: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[starts[n]..<starts[n + 1]])) }
    }

    /// Text `n` as a `String`.
    func string(_ n: Int) -> String { withBytes(of: n) { String(decoding: $0, as: UTF8.self) } }

    /// For each text in order of first use, its final number: most used first, ties in order
    /// of first use (so the numbering is the same on every run).
    func ranks() -> (order: [Int], rank: [Int]) {
        let order = uses.indices.sorted { uses[$0] != uses[$1] ? uses[$0] > uses[$1] : $0 < $1 }
        var rank = [Int](repeating: 0, count: uses.count)
        for (r, i) in order.enumerated() { rank[i] = r }
        return (order, rank)
    }

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

    private func hash(_ text: UnsafeBufferPointer<UInt8>) -> UInt64 { ByteHash.hash(text, seed: seed) }
}
