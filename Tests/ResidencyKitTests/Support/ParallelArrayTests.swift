import Synchronization
import Testing

@testable import ResidencyKit

@Suite struct ParallelArrayTests {
    @Test func concatenatesPartsInOrder() {
        let counts = [3, 0, 5, 1, 0, 64]
        let built = [String](concatenatingParts: counts) { part, out in
            for k in 0..<counts[part] { out.append("\(part).\(k)") }
        }
        let expected = counts.enumerated().flatMap { part, n in (0..<n).map { "\(part).\($0)" } }
        #expect(built == expected)
    }

    @Test func noParts() {
        #expect([Int](concatenatingParts: []) { _, _ in }.isEmpty)
    }

    /// Counts the instances alive, so that a moved element freed twice, or never, shows.
    /// (Atomic: parts are built on several threads.)
    final class Tally: Sendable {
        private let count = Atomic<Int>(0)
        var alive: Int { count.load(ordering: .relaxed) }
        func add(_ n: Int) { count.add(n, ordering: .relaxed) }
    }
    final class Counted: Sendable {
        let n: Int
        let tally: Tally
        init(_ n: Int, _ tally: Tally) {
            (self.n, self.tally) = (n, tally)
            tally.add(1)
        }
        deinit { tally.add(-1) }
    }

    @Test(arguments: [(0, 0), (0, 3), (4, 0), (5, 7), (1, 200)])
    func appendMovingIsAppendingAndEmptiesTheSource(had: Int, more: Int) {
        let tally = Tally()
        do {
            let placeholder = Counted(-1, tally)
            var all = (0..<had).map { Counted($0, tally) }
            var other = (had..<had + more).map { Counted($0, tally) }
            all.appendMoving(&other, placeholder: placeholder)
            #expect(all.map(\.n) == Array(0..<had + more))
            #expect(other.isEmpty)
            // Each element alive once, in `all`, and the placeholder: none freed or kept twice.
            #expect(tally.alive == had + more + 1)
        }
        #expect(tally.alive == 0)
    }

    /// (count, which are removed): the rest in order, each element alive once (none freed
    /// twice, none leaked), every removed one freed, and each visited where it was.
    static let removals: [(Int, [Int])] = [
        (0, []), (5, []), (5, [0, 1, 2, 3, 4]), (6, [0]), (6, [5]), (8, [1, 2, 5]), (9, [0, 2, 4, 6, 8]),
        (200, Array(stride(from: 3, to: 200, by: 7))),
    ]

    @Test(arguments: removals)
    func removeAllMovingKeepsTheRestInOrder(count: Int, removed: [Int]) {
        let tally = Tally()
        do {
            var all = (0..<count).map { Counted($0, tally) }
            all.removeAllMoving { i, element in
                #expect(element.pointee.n == i)
                return removed.contains(element.pointee.n)
            }
            let expected = (0..<count).filter { !removed.contains($0) }
            #expect(all.map(\.n) == expected)
            #expect(tally.alive == expected.count)
        }
        #expect(tally.alive == 0)
    }

    /// The same, for elements of several words (a reference, a heap text and a number), as a
    /// result is: each trades places whole.
    @Test(arguments: removals)
    func removeAllMovingMovesWideElementsWhole(count: Int, removed: [Int]) {
        struct Wide {
            var counted: Counted
            var text: String
            var n: Int
        }
        let tally = Tally()
        do {
            var all = (0..<count).map { Wide(counted: Counted($0, tally), text: "a text past the inline size \($0)", n: $0) }
            all.removeAllMoving { i, element in removed.contains(i) }
            let expected = (0..<count).filter { !removed.contains($0) }
            #expect(all.map(\.n) == expected)
            #expect(all.map(\.counted.n) == expected)
            #expect(all.map(\.text) == expected.map { "a text past the inline size \($0)" })
            #expect(tally.alive == expected.count)
        }
        #expect(tally.alive == 0)
    }

    /// (each part's count, the count expected, parts a wave): the parts in order, each element
    /// alive once, whether the array was made for them all, for fewer (the rest appended) or
    /// for more, and whatever the wave.
    static let buffered: [([Int], Int, Int)] = [
        ([3, 0, 5, 1, 0, 64], 73, 2),
        ([3, 0, 5, 1, 0, 64], 73, 32),
        ([3, 0, 5, 1, 0, 64], 9, 4),
        ([3, 0, 5, 1, 0, 64], 0, 1),
        ([3, 0, 5, 1, 0, 64], 500, 3),
        ([0, 0], 0, 32),
        ([], 0, 32),
        ([], 12, 32),
    ]

    @Test(arguments: buffered)
    func concatenatesBuffersInOrder(counts: [Int], expected: Int, wave: Int) {
        let tally = Tally()
        do {
            let built = [Counted](concatenatingBuffers: counts.count, expected: expected, wave: wave) { part in
                let buffer = PartBuffer<Counted>(capacity: counts[part])
                buffer.write { out in
                    for k in 0..<counts[part] { out.append(Counted(part * 1000 + k, tally)) }
                }
                return buffer
            }
            let want = counts.enumerated().flatMap { part, n in (0..<n).map { part * 1000 + $0 } }
            #expect(built.map(\.n) == want)
            // Moved or copied, each element is alive once, in `built`: none freed or kept twice.
            #expect(tally.alive == want.count)
        }
        #expect(tally.alive == 0)
    }

    /// A buffer let go unmoved (a part the array never takes) frees what was written in it.
    @Test func anUnmovedBufferFreesItsElements() {
        let tally = Tally()
        do {
            let buffer = PartBuffer<Counted>(capacity: 4)
            buffer.write { out in for k in 0..<3 { out.append(Counted(k, tally)) } }
            #expect(buffer.count == 3)
            #expect(tally.alive == 3)
        }
        #expect(tally.alive == 0)
    }
}
