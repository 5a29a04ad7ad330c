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
    /// The texts' bytes and their numbers (`ByteTable`), with how often each was used.
    private let texts = ByteTable(minimumCapacity: 32)
    private var uses: [Int] = []

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
        let (n, inserted) = texts.insert(text)
        if inserted { uses.append(1) } else { uses[n] += 1 }
        return n
    }

    /// The number of the text with these bytes if the table holds it, without counting a use.
    func find(bytes text: UnsafeBufferPointer<UInt8>) -> Int? { texts.find(text) }

    /// Calls `body` with the UTF-8 bytes of text `n`.
    func withBytes<R>(of n: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { texts.withBytes(of: n, body) }

    /// Text `n` as a `String`.
    func string(_ n: Int) -> String { withBytes(of: n) { String(decoding: $0, as: UTF8.self) } }

    /// For each text in order of first use, its final number: most used first, ties in order
    /// of first use (so the numbering is the same on every run).
    ///
    /// A counting sort by uses: texts are placed in order of first use into the slots their
    /// count leaves them, which is the order a stable sort by falling count gives. Sorted
    /// through a comparing closure, the texts were 1.2% of `check`'s instructions over the
    /// harness's bundles; counted, they take a few passes over two arrays. A table whose
    /// most used text is used far more often than it has texts (a counting array that would
    /// outgrow the table) is sorted by one packed key instead, to the same order.
    func ranks() -> (order: [Int], rank: [Int]) {
        let n = uses.count
        var order = [Int](repeating: 0, count: n)
        var rank = [Int](repeating: 0, count: n)
        let most = uses.max() ?? 0
        if most <= 4 * n + 64 {
            // slot[u]: the first place of the texts used u times, the most used first.
            var slot = [Int](repeating: 0, count: most + 2)
            for u in uses { slot[u] += 1 }
            var at = 0
            for u in stride(from: most, through: 0, by: -1) {
                let c = slot[u]
                slot[u] = at
                at += c
            }
            for (i, u) in uses.enumerated() {
                rank[i] = slot[u]
                slot[u] += 1
            }
            for i in 0..<n { order[rank[i]] = i }
        } else {
            // More uses first (each count taken from the most), then first use: no two keys equal.
            var keys = uses.enumerated().map { i, u in UInt64(most - u) << 32 | UInt64(i) }
            keys.sort()
            for (r, key) in keys.enumerated() {
                let i = Int(key & 0xFFFF_FFFF)
                order[r] = i
                rank[i] = r
            }
        }
        return (order, rank)
    }
}
