@testable import ResidencyKit

/// Random patterns in the syntax RegexPattern and Swift's `Regex` share, and subjects for them,
/// from a seeded SplitMix64 so every run tries the same cases.
struct RegexGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    /// SplitMix64: small, fast, and the same sequence on every platform.
    mutating func next(_ n: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(n))
    }

    mutating func chance(_ percent: Int) -> Bool { next(100) < percent }
    mutating func pick<T>(_ options: [T]) -> T { options[next(options.count)] }

    /// Literals as written in a pattern (in or out of a class) and the scalar each stands for.
    /// No `\r`, `\v` or U+2028 (see `differences`); no raw `[` `]` `^` `{` `}`; `-` only
    /// escaped, since Swift rejects `[\d-z]`.
    static let literals: [(written: String, scalar: Unicode.Scalar)] = [
        ("a", "a"), ("a", "a"), ("b", "b"), ("b", "b"), ("A", "A"), ("1", "1"), ("_", "_"), (" ", " "),
        ("é", "é"), ("😀", "😀"), (#"\."#, "."), (#"\-"#, "-"), (#"\n"#, "\n"),
    ]
    /// What subjects are made of: the literals' scalars, plus a combining accent and the two
    /// halves of a flag, which a character-based matcher would treat differently.
    static let alphabet: [Unicode.Scalar] = [
        "a", "a", "a", "b", "b", "A", "B", "1", "7", "_", " ", "\n", ".", "-", "é", "É", "\u{301}", "😀", "\u{1F1EA}",
        "\u{1F1FA}",
    ]

    mutating func pattern() -> GeneratedRegex {
        var flags = ""
        if chance(10) { flags = pick(["(?i)", "(?s)", "(?m)", "(?is)"]) }
        let body = alternation(depth: 3)
        return flags.isEmpty ? body : .concat([.flags(flags), body])
    }

    mutating func alternation(depth: Int) -> GeneratedRegex {
        chance(20) ? .alternation((0..<(2 + next(2))).map { _ in concatenation(depth: depth) }) : concatenation(depth: depth)
    }

    mutating func concatenation(depth: Int) -> GeneratedRegex {
        .concat((0..<next(5)).map { _ in piece(depth: depth) })
    }

    mutating func piece(depth: Int) -> GeneratedRegex {
        let atom = self.atom(depth: depth)
        // Swift refuses to repeat an assertion or a flag group; RE2 allows the first.
        guard atom.isRepeatable, chance(30) else { return atom }
        let (min, max): (Int, Int?) = pick([(0, nil), (1, nil), (0, 1), (2, 2), (0, 2), (1, 3), (2, nil)])
        return .repetition(atom, min: min, max: max, lazy: chance(20))
    }

    mutating func atom(depth: Int) -> GeneratedRegex {
        switch next(100) {
        case 0..<45: return .literal(pick(Self.literals))
        case 45..<53: return .dot
        case 53..<63: return .perl(pick(["d", "w", "s", "D", "W", "S"]))
        case 63..<76: return characterClass()
        case 76..<88 where depth > 0:
            return .group(alternation(depth: depth - 1), opening: pick(["(", "(?:", "(?i:", "(?-i:"]))
        // No `\b` or `\B`: Swift's simple word boundary misses digits (see `differences`).
        case 76..<94: return .assertion(pick(["^", "$", #"\A"#, #"\z"#]))
        case 94..<97: return .flags(pick(["(?i)", "(?-i)", "(?s)", "(?m)"]))
        default: return .literal(pick(Self.literals))
        }
    }

    /// A bracketed class of literals, ranges and Perl classes.
    mutating func characterClass() -> GeneratedRegex {
        var items: [GeneratedRegex.ClassItem] = []
        for _ in 0..<(1 + next(3)) {
            switch next(10) {
            case 0..<5: items.append(.literal(pick(Self.literals)))
            case 5..<8:
                let (low, high) = pick(
                    [("a", "b"), ("a", "z"), ("A", "Z"), ("0", "9"), ("b", "é"), ("A", "a")] as [(Unicode.Scalar, Unicode.Scalar)]
                )
                items.append(.range(low, high))
            default: items.append(.perl(pick(["d", "w", "s", "D", "W", "S"])))
            }
        }
        return .characterClass(items, negated: chance(30))
    }

    /// A string the pattern probably matches whole: literals as written, one member of a
    /// class, a repetition's count drawn from its bounds. Flags and assertions are ignored,
    /// so some samples miss, which is fine.
    mutating func sample(_ node: GeneratedRegex) -> String {
        var out = String.UnicodeScalarView()
        sample(node, into: &out)
        return String(out)
    }

    private mutating func sample(_ node: GeneratedRegex, into out: inout String.UnicodeScalarView) {
        switch node {
        case .literal(let l): out.append(l.scalar)
        case .dot, .perl, .characterClass:
            let members = Self.alphabet.filter { node.contains($0) }
            out.append(members.isEmpty ? pick(Self.alphabet) : pick(members))
        case .assertion, .flags: break
        case .group(let inner, _): sample(inner, into: &out)
        case .concat(let items): for item in items { sample(item, into: &out) }
        case .alternation(let options): sample(pick(options), into: &out)
        case .repetition(let inner, let min, let max, _):
            for _ in 0..<(min + next((max ?? min + 3) - min + 1)) { sample(inner, into: &out) }
        }
    }

    /// The subject with one scalar inserted, removed or replaced: near misses.
    mutating func mutate(_ subject: String) -> String {
        var scalars = Array(subject.unicodeScalars)
        let i = next(scalars.count + 1)
        switch next(3) {
        case 0: scalars.insert(pick(Self.alphabet), at: i)
        case 1 where i < scalars.count: scalars.remove(at: i)
        default: if i < scalars.count { scalars[i] = pick(Self.alphabet) } else { scalars.append(pick(Self.alphabet)) }
        }
        return String(String.UnicodeScalarView(scalars))
    }

    mutating func randomSubject() -> String {
        String(String.UnicodeScalarView((0..<next(8)).map { _ in pick(Self.alphabet) }))
    }
}

/// A generated pattern, kept as a tree so subjects can be drawn from it.
indirect enum GeneratedRegex {
    enum ClassItem {
        case literal((written: String, scalar: Unicode.Scalar))
        case range(Unicode.Scalar, Unicode.Scalar)
        case perl(Character)
    }

    case literal((written: String, scalar: Unicode.Scalar))
    case dot
    case perl(Character)
    case characterClass([ClassItem], negated: Bool)
    case assertion(String)
    case flags(String)
    case group(GeneratedRegex, opening: String)
    case concat([GeneratedRegex])
    case alternation([GeneratedRegex])
    case repetition(GeneratedRegex, min: Int, max: Int?, lazy: Bool)

    /// The pattern as written for RegexPattern, or for Swift's `Regex`: the same text, except
    /// that `\w` and `\W` are spelt out as the ASCII classes they are, since Swift's own
    /// miss `_` and digits before some non-ASCII scalars (see `differences`).
    func rendered(forSwift: Bool) -> String {
        func perl(_ c: Character, inClass: Bool) -> String {
            guard forSwift, c == "w" || c == "W" else { return "\\\(c)" }
            if c == "W" { return "[^0-9A-Za-z_]" }
            return inClass ? "0-9A-Za-z_" : "[0-9A-Za-z_]"
        }
        switch self {
        case .literal(let l): return l.written
        case .dot: return "."
        case .perl(let c): return perl(c, inClass: false)
        case .characterClass(let items, let negated):
            let body = items.map { item -> String in
                switch item {
                case .literal(let l): return l.written
                case .range(let low, let high): return "\(low)-\(high)"
                case .perl(let c): return perl(c, inClass: true)
                }
            }
            return "[" + (negated ? "^" : "") + body.joined() + "]"
        case .assertion(let text), .flags(let text): return text
        case .group(let inner, let opening): return opening + inner.rendered(forSwift: forSwift) + ")"
        case .concat(let items): return items.map { $0.rendered(forSwift: forSwift) }.joined()
        case .alternation(let options): return options.map { $0.rendered(forSwift: forSwift) }.joined(separator: "|")
        case .repetition(let inner, let min, let max, let lazy):
            let count: String =
                switch (min, max) {
                case (0, nil): "*"
                case (1, nil): "+"
                case (0, 1?): "?"
                case (_, nil): "{\(min),}"
                case (_, let max?) where max == min: "{\(min)}"
                case (_, let max?): "{\(min),\(max)}"
                }
            return inner.rendered(forSwift: forSwift) + count + (lazy ? "?" : "")
        }
    }

    /// Whether an atom may take a quantifier in both syntaxes.
    var isRepeatable: Bool {
        switch self {
        case .assertion, .flags: false
        default: true
        }
    }

    /// Whether a one-scalar atom matches `s`, case-sensitively, for drawing samples; RE2's
    /// ASCII classes.
    func contains(_ s: Unicode.Scalar) -> Bool {
        switch self {
        case .literal(let l): return l.scalar == s
        case .dot: return s != "\n"
        case .perl(let c): return Self.perl(c, s)
        case .characterClass(let items, let negated):
            let hit = items.contains { item in
                switch item {
                case .literal(let l): l.scalar == s
                case .range(let low, let high): (low.value...high.value).contains(s.value)
                case .perl(let c): Self.perl(c, s)
                }
            }
            return hit != negated
        default: return false
        }
    }

    static func perl(_ c: Character, _ s: Unicode.Scalar) -> Bool {
        let hit: Bool =
            switch c.lowercased() {
            case "d": ("0"..."9").contains(s)
            case "w": s.isRegexWordScalar
            default: [" ", "\t", "\n", "\r", "\u{0C}"].contains(s)
            }
        return c.isUppercase ? !hit : hit
    }
}
