import Testing

@testable import ResidencyKit

/// Keys met in runs get dense numbers in order of first appearance, the same number whenever
/// they come back, whether in the same run or after others.
@Suite struct RunNumberingTests {
    @Test(arguments: [
        ("", "", ""),
        ("a a a", "0 0 0", "a"),
        ("a b a", "0 1 0", "a b"),
        ("b b a a b c c a", "0 0 1 1 0 2 2 1", "b a c"),
        // The empty key is a key like any other, also as the first.
        (" x", "0 1", " x"),
    ])
    func numbersKeysInOrderOfFirstAppearance(keys: String, want: String, order: String) {
        var numbering = RunNumbering()
        var said: [String] = []
        var firsts: [String] = []
        for key in keys.isEmpty ? [] : keys.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            let (n, isNew) = numbering.number(key)
            said.append(String(n))
            if isNew { firsts.append(key) }
        }
        #expect(said.joined(separator: " ") == want)
        #expect(numbering.keys == firsts)
        #expect(firsts.joined(separator: " ") == order)
        for (n, key) in numbering.keys.enumerated() { #expect(numbering.known(key) == n) }
        #expect(numbering.known("never") == nil)
    }
}
