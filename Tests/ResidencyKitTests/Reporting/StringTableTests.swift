import Testing

@testable import ResidencyKit

/// The workspace record's text table (`StringTable`): texts numbered by first use and keyed by
/// their bytes, whatever the hash does. Its numbers decide the document's bytes, so they must
/// not depend on the table's hash seed or on how often it has grown.
@Suite struct StringTableTests {
    @Test func numbersFollowFirstUseAndCountUses() {
        let table = StringTable()
        #expect(table.number("eu") == 0)
        #expect(table.number("us") == 1)
        #expect(table.number("eu") == 0)
        #expect(table.number("") == 2)
        #expect(table.number("") == 2)
        #expect(table.count == 3)
        // Most used first, ties in order of first use.
        let (order, rank) = table.ranks()
        #expect(order == [0, 2, 1])
        #expect(rank == [0, 2, 1])
        #expect(table.string(1) == "us")
    }

    /// The ranks against their definition (a stable sort by falling count), on tables that
    /// take the counting path (counts below the table's size) and the packed-key path (one
    /// text used far more often than the table has texts), with ties and a text used once.
    @Test(arguments: [(texts: 1, most: 1), (texts: 7, most: 3), (texts: 300, most: 40), (texts: 20, most: 5_000)])
    func ranksAreAStableSortByFallingUses(texts: Int, most: Int) {
        var generator = RegexGenerator(seed: UInt64(texts * 31 + most))
        let table = StringTable()
        var uses = [Int](repeating: 0, count: texts)
        for i in 0..<texts { _ = table.number("t\(i)") }
        for i in 0..<texts { uses[i] = 1 }
        // The last text the most used, the others a few uses each, many of them tied.
        for _ in 0..<(most - 1) { _ = table.number("t\(texts - 1)") }
        uses[texts - 1] = most
        for i in 0..<(texts - 1) {
            let extra = generator.next(4)
            for _ in 0..<extra { _ = table.number("t\(i)") }
            uses[i] += extra
        }
        let expected = uses.indices.sorted { uses[$0] != uses[$1] ? uses[$0] > uses[$1] : $0 < $1 }
        let (order, rank) = table.ranks()
        #expect(order == expected)
        #expect(order.indices.allSatisfy { rank[order[$0]] == $0 })
    }

    /// A piece of a longer text is the same text as that text on its own.
    @Test func aPieceIsTheTextItSpells() {
        let table = StringTable()
        let message = "Mixpanel sends to the US 🇺🇸"
        let mixpanel = table.number(message, 0..<8)
        #expect(table.number("Mixpanel") == mixpanel)
        let flag = table.number(message, 25..<message.utf8.count)
        #expect(table.string(flag) == "🇺🇸")
        #expect(table.number("🇺🇸") == flag)
    }

    /// Canonically equivalent spellings are equal Swift strings but two texts here.
    @Test func spellingsAreKeptApart() {
        let table = StringTable()
        let composed = table.number("caf\u{E9}")
        let decomposed = table.number("cafe\u{301}")
        #expect(composed != decomposed)
        #expect(table.string(decomposed).utf8.elementsEqual("cafe\u{301}".utf8))
    }

    /// Thousands of texts, some of every length around the hash's eight-byte words, each
    /// met twice: the table grows many times and still finds every one by its first number.
    @Test func growingKeepsEveryNumber() {
        let table = StringTable()
        let texts = (0..<5_000).map { i in String(repeating: "x", count: i % 19) + "\(i)" }
        let first = texts.map { table.number($0) }
        #expect(first == Array(0..<texts.count))
        #expect(texts.map { table.number($0) } == first)
        #expect(table.count == texts.count)
        #expect(texts.indices.allSatisfy { table.string($0) == texts[$0] })
    }

    /// A record's references resolved to final numbers (`RecordReferences.resolve`, which writes
    /// into room made at once) against the plain definition: every byte between references
    /// kept, each reference its rank in decimal; with ranks of one to seven digits (more than
    /// the five bytes a reference takes), references back to back, first and last.
    @Test(arguments: [10, 1_000, 2_000_000])
    func referencesResolveToTheirRanks(texts: Int) {
        // The regex tests' seeded SplitMix64, for its numbers only: a failure repeats.
        var generator = RegexGenerator(seed: UInt64(texts))
        let rank = (0..<texts).map { texts - 1 - $0 }
        var bytes: [UInt8] = []
        var expected: [UInt8] = [9]
        bytes.append(9)
        for k in 0..<500 {
            let n = k % 7 == 0 ? texts - 1 : generator.next(texts)
            bytes += [
                1, UInt8(truncatingIfNeeded: n), UInt8(truncatingIfNeeded: n >> 8), UInt8(truncatingIfNeeded: n >> 16),
                UInt8(truncatingIfNeeded: n >> 24),
            ]
            expected += Array(String(rank[n]).utf8)
            if k % 3 != 0 {
                let filler = Array("[\"x\", ".utf8.prefix(k % 5))
                bytes += filler
                expected += filler
            }
        }
        var out: [UInt8] = [42]
        RecordReferences.resolve(bytes, rank, into: &out)
        #expect(out == [42] + expected)
        var none: [UInt8] = []
        RecordReferences.resolve([], rank, into: &none)
        #expect(none.isEmpty)
    }
}
