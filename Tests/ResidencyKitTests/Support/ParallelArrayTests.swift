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
    final class Tally { var alive = 0 }
    final class Counted {
        let n: Int
        let tally: Tally
        init(_ n: Int, _ tally: Tally) {
            (self.n, self.tally) = (n, tally)
            tally.alive += 1
        }
        deinit { tally.alive -= 1 }
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
}
