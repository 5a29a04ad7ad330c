/// "Did you mean …?" support: every "unknown X" diagnostic offers the closest known names.
enum Suggestions {
    /// Candidates within a small edit distance of `input`, closest first, ties alphabetical.
    static func closest(to input: String, in candidates: some Sequence<String>, limit: Int = 1) -> [String] {
        let lowered = input.lowercased()
        let threshold = max(1, lowered.count / 3 + 1)
        var scored: [(String, Int)] = []
        for candidate in candidates where candidate != input {
            let d = distance(lowered, candidate.lowercased())
            if d <= threshold { scored.append((candidate, d)) }
        }
        scored.sort { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        return scored.prefix(limit).map(\.0)
    }

    /// The `help:` text for an unknown name, or nil when nothing is close.
    static func didYouMean(_ input: String, in candidates: some Sequence<String>) -> String? {
        guard let best = closest(to: input, in: candidates).first else { return nil }
        return "did you mean `\(best)`?"
    }

    /// The `help:` text for an unknown value (an enumeration's word), quoted as values are.
    static func didYouMean(value input: String, in candidates: some Sequence<String>) -> String? {
        closest(to: input, in: candidates).first.map { "did you mean \"\($0)\"?" }
    }

    /// Optimal string alignment distance (Levenshtein plus adjacent transpositions).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev2 = [Int](repeating: 0, count: b.count + 1)
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    cur[j] = Swift.min(cur[j], prev2[j - 2] + 1)
                }
            }
            (prev2, prev, cur) = (prev, cur, prev2)
        }
        return prev[b.count]
    }
}
