/// Flags in effect at a point of the pattern. `(?i)` changes them for the rest of the
/// enclosing group, `(?i:…)` only inside its own group.
struct RegexFlags: Sendable, Equatable {
    var caseInsensitive = false
    var dotMatchesNewline = false
    var multiLine = false
    // Accepted for RE2 compatibility; a boolean match does not depend on greediness.
    var ungreedy = false
}

/// Zero-width conditions, evaluated from the scalars on either side of a position.
enum RegexAssertion: Sendable, Hashable {
    case beginText, endText, beginLine, endLine, wordBoundary, notWordBoundary

    @inline(__always)
    func holds(previous: Unicode.Scalar?, next: Unicode.Scalar?) -> Bool {
        switch self {
        case .beginText: return previous == nil
        case .endText: return next == nil
        case .beginLine: return previous == nil || previous == "\n"
        case .endLine: return next == nil || next == "\n"
        case .wordBoundary:
            return (previous?.isRegexWordScalar ?? false) != (next?.isRegexWordScalar ?? false)
        case .notWordBoundary:
            return (previous?.isRegexWordScalar ?? false) == (next?.isRegexWordScalar ?? false)
        }
    }
}

/// The parsed pattern. Groups leave no node of their own: captures are irrelevant to a boolean
/// match, and the tree shape already records their precedence.
indirect enum RegexNode: Sendable {
    case empty
    case literal(Unicode.Scalar)
    case anyScalar(matchesNewline: Bool)
    case characterClass(RegexClass)
    case assertion(RegexAssertion)
    case concatenation([RegexNode])
    case alternation([RegexNode])
    /// `source` is the quantifier's byte range, so a program-size error can point at it.
    case repetition(RegexNode, min: Int, max: Int?, source: Range<Int>)
}

/// The suffix every rejection of a backtracking-only construct carries, so users learn why.
let regexSubsetRationale = "patterns use the RE2 subset, which guarantees linear-time matching"

/// Recursive-descent parser over the pattern's scalars, keeping each scalar's UTF-8 offset
/// so errors can be reported in the byte positions diagnostics use.
struct RegexParser {
    let scalars: [Unicode.Scalar]
    let offsets: [Int]
    var position = 0
    var groupNames: Set<String> = []

    init(_ pattern: String) {
        var scalars: [Unicode.Scalar] = []
        var offsets: [Int] = []
        var offset = 0
        for scalar in pattern.unicodeScalars {
            scalars.append(scalar)
            offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        offsets.append(offset)
        self.scalars = scalars
        self.offsets = offsets
    }

    mutating func parse() throws(RegexPatternError) -> RegexNode {
        let tree = try parseAlternation(flags: RegexFlags(), depth: 0)
        if position < scalars.count {
            throw error(position, position + 1, "unmatched `)`: there is no open group to close")
        }
        return tree
    }

    // MARK: - Helpers

    func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        let index = position + ahead
        return index < scalars.count ? scalars[index] : nil
    }

    func text(_ range: Range<Int>) -> String {
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars[range.clamped(to: 0..<scalars.count)])
        return result
    }

    /// An error spanning scalars `start..<end`, converted to byte offsets.
    func error(_ start: Int, _ end: Int, _ message: String) -> RegexPatternError {
        let from = offsets[min(start, scalars.count)]
        let to = offsets[min(max(end, start), scalars.count)]
        return RegexPatternError(offset: from, length: to - from, message: message)
    }

    // MARK: - Alternation, concatenation, repetition

    /// Parses up to an unmatched `)` or the end, without consuming the `)`.
    mutating func parseAlternation(flags initial: RegexFlags, depth: Int) throws(RegexPatternError) -> RegexNode {
        var flags = initial
        var alternatives: [RegexNode] = []
        var items: [RegexNode] = []
        // False where a quantifier has nothing to apply to: at the start, after `|`, after a
        // flag group, after an empty `\Q\E`.
        var canRepeat = false
        while let scalar = peek(), scalar != ")" {
            switch scalar {
            case "|":
                position += 1
                alternatives.append(Self.concatenation(items))
                items = []
                canRepeat = false
            case "*", "+", "?":
                try parseRepetition(items: &items, canRepeat: canRepeat)
                canRepeat = false
            case "{" where repetitionBounds(at: position) != nil:
                try parseRepetition(items: &items, canRepeat: canRepeat)
                canRepeat = false
            default:
                switch try parseAtom(flags: flags, depth: depth) {
                case .node(let node):
                    items.append(node)
                    canRepeat = true
                case .literals(let nodes):
                    items.append(contentsOf: nodes)
                    if !nodes.isEmpty { canRepeat = true }
                case .flags(let newFlags):
                    flags = newFlags
                    canRepeat = false
                }
            }
        }
        alternatives.append(Self.concatenation(items))
        return alternatives.count == 1 ? alternatives[0] : .alternation(alternatives)
    }

    static func concatenation(_ items: [RegexNode]) -> RegexNode {
        switch items.count {
        case 0: return .empty
        case 1: return items[0]
        default: return .concatenation(items)
        }
    }

    /// `{n}`, `{n,}` or `{n,m}` at `index`, or nil when the brace is a literal (RE2 treats
    /// `a{`, `a{x}` and `a{,3}` as plain text).
    func repetitionBounds(at index: Int) -> (min: Int, max: Int?, end: Int)? {
        guard index < scalars.count, scalars[index] == "{" else { return nil }
        var i = index + 1
        func number() -> Int? {
            let start = i
            var value = 0
            while i < scalars.count, let digit = scalars[i].primitiveDecimalDigit {
                // Saturate: the count only has to be known to exceed the limit.
                value = min(value * 10 + digit, 1_000_000)
                i += 1
            }
            return i > start ? value : nil
        }
        guard let low = number(), i < scalars.count else { return nil }
        if scalars[i] == "}" { return (low, low, i + 1) }
        guard scalars[i] == ",", i + 1 < scalars.count else { return nil }
        i += 1
        if scalars[i] == "}" { return (low, nil, i + 1) }
        guard let high = number(), i < scalars.count, scalars[i] == "}" else { return nil }
        return (low, high, i + 1)
    }

    /// The extent of a quantifier starting at `index` (including a lazy `?`), if there is one.
    func quantifierEnd(at index: Int) -> Int? {
        guard index < scalars.count else { return nil }
        switch scalars[index] {
        case "*", "+", "?": return index + 1
        case "{": return repetitionBounds(at: index)?.end
        default: return nil
        }
    }

    mutating func parseRepetition(items: inout [RegexNode], canRepeat: Bool) throws(RegexPatternError) {
        let start = position
        let min: Int
        let max: Int?
        var end: Int
        switch scalars[position] {
        case "*": (min, max, end) = (0, nil, position + 1)
        case "+": (min, max, end) = (1, nil, position + 1)
        case "?": (min, max, end) = (0, 1, position + 1)
        default:
            let bounds = repetitionBounds(at: position)!
            (min, max, end) = (bounds.min, bounds.max, bounds.end)
            let limit = RegexPattern.maxRepetitionCount
            if let tooLarge = [bounds.min, bounds.max ?? 0].first(where: { $0 > limit }) {
                let shown = tooLarge >= 1_000_000 ? "\(text(start..<end))" : "\(tooLarge)"
                throw error(start, end, "repetition count \(shown) exceeds the limit of \(limit)")
            }
            if let high = bounds.max, high < bounds.min {
                throw error(
                    start, end,
                    "invalid repetition range `\(text(start..<end))`: the minimum \(bounds.min) is larger than the maximum \(high)"
                )
            }
        }
        guard canRepeat, let operand = items.popLast() else {
            throw error(start, end, "nothing to repeat before `\(text(start..<end))`")
        }
        if peek(end - position) == "?" {
            end += 1
        } else if peek(end - position) == "+" {
            let written = text(start..<end + 1)
            throw error(
                start, end + 1,
                "possessive quantifier `\(written)` is not supported: \(regexSubsetRationale), so a plain `\(text(start..<end))` never backtracks anyway"
            )
        }
        if let secondEnd = quantifierEnd(at: end) {
            let written = text(start..<secondEnd)
            throw error(
                start, secondEnd,
                "nested repetition `\(written)` is not supported: put the repeated part in a group, as in `(?:a\(text(start..<end)))\(text(end..<secondEnd))`"
            )
        }
        position = end
        items.append(.repetition(operand, min: min, max: max, source: offsets[start]..<offsets[end]))
    }

    // MARK: - Atoms

    enum Atom {
        case node(RegexNode)
        /// `\Q…\E`: each literal stays separate so a following quantifier binds to the last one.
        case literals([RegexNode])
        /// A flag-only group such as `(?i)`.
        case flags(RegexFlags)
    }

    mutating func parseAtom(flags: RegexFlags, depth: Int) throws(RegexPatternError) -> Atom {
        let scalar = scalars[position]
        switch scalar {
        case "(":
            return try parseGroup(flags: flags, depth: depth)
        case "[":
            return .node(try parseClass(flags: flags))
        case ".":
            position += 1
            return .node(.anyScalar(matchesNewline: flags.dotMatchesNewline))
        case "^":
            position += 1
            return .node(.assertion(flags.multiLine ? .beginLine : .beginText))
        case "$":
            position += 1
            return .node(.assertion(flags.multiLine ? .endLine : .endText))
        case "\\":
            return try parseEscape(flags: flags)
        default:
            position += 1
            return .node(Self.literal(scalar, flags: flags))
        }
    }

    /// A literal; under `(?i)`, the class of its case-folding orbit (`k` is `[kK\x{212A}]`).
    static func literal(_ scalar: Unicode.Scalar, flags: RegexFlags) -> RegexNode {
        if flags.caseInsensitive, let orbit = RegexUnicode.orbit(scalar) {
            return .characterClass(RegexClass(set: orbit, negated: false))
        }
        return .literal(scalar)
    }
}
