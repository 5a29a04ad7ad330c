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
}
