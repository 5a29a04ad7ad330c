extension RegexParser {
    /// What a backslash sequence stands for; which kinds are allowed depends on whether it
    /// appears inside brackets.
    enum Escape {
        case scalar(Unicode.Scalar)
        /// A class escape (`\d`, `\W`, `\pL`, `\P{Greek}`): its set, and whether it is negated,
        /// kept apart because `(?i)` folds the set before negating it.
        case group(RegexScalarSet, negated: Bool)
        case assertion(RegexAssertion)
        case quoted([Unicode.Scalar])
    }

    mutating func parseEscape(flags: RegexFlags) throws(RegexPatternError) -> Atom {
        switch try parseEscapeSequence(inClass: false) {
        case .scalar(let scalar):
            return .node(Self.literal(scalar, flags: flags))
        case .group(let set, let negated):
            let folded = RegexUnicode.group(set, negated: negated, flags: flags)
            return .node(.characterClass(RegexClass(set: folded, negated: false)))
        case .assertion(let assertion):
            return .node(.assertion(assertion))
        case .quoted(let scalars):
            return .literals(scalars.map { Self.literal($0, flags: flags) })
        }
    }

    /// Parses from the backslash; leaves `position` after the sequence.
    mutating func parseEscapeSequence(inClass: Bool) throws(RegexPatternError) -> Escape {
        let start = position
        position += 1
        guard let scalar = peek() else {
            throw error(start, start + 1, "trailing backslash at the end of the pattern: write `\\\\` for a literal backslash")
        }
        position += 1
        switch scalar {
        case "1"..."7" where peek().map(Self.isOctalDigit) == true, "0":
            // RE2's octal escapes: `\0`, or `\1`–`\7` followed by an octal digit, up to three
            // digits in all (`\101` is `A`). A lone `\1` would be a backreference.
            var value = scalar.value - 0x30
            for _ in 0..<2 {
                guard let next = peek(), Self.isOctalDigit(next) else { break }
                value = value * 8 + next.value - 0x30
                position += 1
            }
            return .scalar(Unicode.Scalar(value)!)
        case "1"..."9":
            while peek()?.primitiveDecimalDigit != nil { position += 1 }
            throw error(start, position, "backreferences (\(text(start..<position))) are not supported: \(regexSubsetRationale)")
        case "k", "g":
            if let close = closingDelimiter(peek()) {
                while let next = peek(), next != close, next != ")" { position += 1 }
                if peek() == close { position += 1 }
            } else if scalar == "g" {
                while peek() == "-" || peek()?.primitiveDecimalDigit != nil { position += 1 }
            } else {
                break
            }
            throw error(start, position, "backreferences (\(text(start..<position))) are not supported: \(regexSubsetRationale)")
        case "d", "D": return .group(.digits, negated: scalar == "D")
        case "w", "W": return .group(.word, negated: scalar == "W")
        case "s", "S": return .group(.space, negated: scalar == "S")
        case "t": return .scalar("\t")
        case "n": return .scalar("\n")
        case "r": return .scalar("\r")
        case "f": return .scalar("\u{0C}")
        case "v": return .scalar("\u{0B}")
        case "a": return .scalar("\u{07}")
        case "x": return .scalar(try parseHexEscape(start: start))
        case "p", "P":
            return try parseUnicodeClass(start: start, negated: scalar == "P")
        case "C":
            throw error(start, position, "`\\C` (any byte) is not supported: patterns match whole Unicode characters")
        case "A", "z", "b", "B", "Q":
            if inClass {
                throw error(start, position, "`\\\(scalar)` cannot be used inside a character class")
            }
            switch scalar {
            case "A": return .assertion(.beginText)
            case "z": return .assertion(.endText)
            case "b": return .assertion(.wordBoundary)
            case "B": return .assertion(.notWordBoundary)
            default: return .quoted(parseQuotedText())
            }
        case "Z":
            throw error(start, position, "`\\Z` is not supported: use `\\z` for the end of the text, or `$`")
        case "G":
            throw error(start, position, "`\\G` is not supported: use `\\A` for the start of the text, or `^`")
        default:
            if scalar.isASCII, scalar.value >= 0x20, scalar.value < 0x7F, !scalar.isRegexWordScalar {
                return .scalar(scalar)
            }
        }
        throw error(
            start, position,
            "unknown escape `\(text(start..<position))`: only punctuation may be escaped, besides \\d \\D \\w \\W \\s \\S \\b \\B \\A \\z \\t \\n \\r \\f \\v \\a \\xHH \\x{HHHH} and \\Q…\\E"
        )
    }

    private static func isOctalDigit(_ s: Unicode.Scalar) -> Bool { (0x30...0x37).contains(s.value) }

    /// `\pL`, `\p{Lu}`, `\p{Greek}`, `\p{^Greek}` (negated), `\PL`; `position` is just past
    /// the `p` or `P`.
    private mutating func parseUnicodeClass(start: Int, negated: Bool) throws(RegexPatternError) -> Escape {
        var name = ""
        var negated = negated
        if peek() == "{" {
            position += 1
            if peek() == "^" {
                negated.toggle()
                position += 1
            }
            while let next = peek(), next != "}" {
                name.unicodeScalars.append(next)
                position += 1
            }
            guard peek() == "}" else {
                throw error(start, position, "unclosed Unicode class `\(text(start..<position))`: expected `}`")
            }
            position += 1
        } else if let next = peek() {
            name.unicodeScalars.append(next)
            position += 1
        } else {
            throw error(start, position, "`\\p` needs a class name, such as `\\pL` or `\\p{Greek}`")
        }
        guard let set = RegexUnicode.named(name) else {
            let help = Suggestions.didYouMean(name, in: RegexUnicode.knownNames).map { ": \($0)" } ?? ""
            throw error(
                start, position,
                "unknown Unicode class `\(text(start..<position))`: use a general category (`L`, `Lu`, `Nd`, …), a script (`Greek`, `Latin`, …) or `Any`\(help)"
            )
        }
        return .group(set, negated: negated)
    }

    private func closingDelimiter(_ open: Unicode.Scalar?) -> Unicode.Scalar? {
        switch open {
        case "<": return ">"
        case "{": return "}"
        case "'": return "'"
        default: return nil
        }
    }

    /// `\Q…\E` quotes everything up to `\E` or the end of the pattern, as in RE2.
    private mutating func parseQuotedText() -> [Unicode.Scalar] {
        var quoted: [Unicode.Scalar] = []
        while let scalar = peek() {
            if scalar == "\\", peek(1) == "E" {
                position += 2
                break
            }
            quoted.append(scalar)
            position += 1
        }
        return quoted
    }

    /// `\xHH` (exactly two digits) or `\x{H…}`; `position` is just past the `x`.
    private mutating func parseHexEscape(start: Int) throws(RegexPatternError) -> Unicode.Scalar {
        let usage = "write `\\xHH` with two hexadecimal digits or `\\x{HHHH}`"
        var value: UInt32 = 0
        if peek() == "{" {
            position += 1
            var digits = 0
            while let digit = peek()?.primitiveHexDigit {
                value = min(value &* 16 &+ digit, 0x110000)
                digits += 1
                position += 1
            }
            guard digits > 0, peek() == "}" else {
                throw error(
                    start, position + (peek() == nil ? 0 : 1), "invalid hexadecimal escape `\(text(start..<position))`: \(usage)")
            }
            position += 1
        } else {
            for _ in 0..<2 {
                guard let digit = peek()?.primitiveHexDigit else {
                    throw error(
                        start, position + (peek() == nil ? 0 : 1),
                        "invalid hexadecimal escape `\(text(start..<position + 1))`: \(usage)")
                }
                value = value * 16 + digit
                position += 1
            }
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw error(
                start, position,
                "`\(text(start..<position))` is not a Unicode scalar value: use 0 to 10FFFF, excluding surrogates D800–DFFF")
        }
        return scalar
    }

    // MARK: - Bracketed classes

    mutating func parseClass(flags: RegexFlags) throws(RegexPatternError) -> RegexNode {
        let open = position
        position += 1
        var negated = false
        if peek() == "^" {
            negated = true
            position += 1
        }
        // What `(?i)` folds (literals, ranges, positive classes), and what is already final
        // (negated classes, folded before they were negated, as RE2 does).
        var set = RegexScalarSet()
        var negatedGroups = RegexScalarSet()
        // A `]` right after `[` or `[^` is a literal, as in RE2 and POSIX.
        var first = true
        while true {
            guard let scalar = peek() else {
                throw error(open, open + 1, "unclosed character class: expected `]`")
            }
            if scalar == "]" && !first {
                position += 1
                break
            }
            first = false
            var group: (set: RegexScalarSet, negated: Bool)?
            if scalar == "[", peek(1) == ":", let posix = try parsePosixClass() { group = posix }
            let itemStart = position
            let item = group == nil ? try parseClassItem() : nil
            if case .group(let s, let negated)? = item { group = (s, negated) }
            if let group {
                if group.negated {
                    negatedGroups.formUnion(RegexUnicode.group(group.set, negated: true, flags: flags))
                } else {
                    set.formUnion(group.set)
                }
                continue
            }
            guard case .scalar(let low)? = item else { continue }
            // `-` is literal when it ends the class or follows a class such as `\d`.
            guard peek() == "-", let after = peek(1), after != "]" else {
                set.insert(low.value...low.value)
                continue
            }
            position += 1
            let highStart = position
            let highItem = try parseClassItem()
            guard case .scalar(let high) = highItem else {
                throw error(
                    itemStart, position,
                    "invalid character class range: `\(text(highStart..<position))` is a class, not a single character")
            }
            guard low.value <= high.value else {
                throw error(
                    itemStart, position,
                    "invalid character class range \(text(itemStart..<position)): a range runs from low to high, as in a-z")
            }
            set.insert(low.value...high.value)
        }
        set.normalize()
        if flags.caseInsensitive { set = RegexUnicode.folded(set) }
        set.formUnion(negatedGroups)
        set.normalize()
        return .characterClass(RegexClass(set: set, negated: negated))
    }

    private mutating func parseClassItem() throws(RegexPatternError) -> Escape {
        let scalar = scalars[position]
        if scalar == "\\" {
            return try parseEscapeSequence(inClass: true)
        }
        position += 1
        return .scalar(scalar)
    }

    /// `[:name:]` or `[:^name:]`; nil when there is no closing `:]`, in which case the `[` is
    /// an ordinary literal.
    private mutating func parsePosixClass() throws(RegexPatternError) -> (set: RegexScalarSet, negated: Bool)? {
        let start = position
        var end = position + 2
        while end + 1 < scalars.count, !(scalars[end] == ":" && scalars[end + 1] == "]") {
            if scalars[end] == "]" { return nil }
            end += 1
        }
        guard end + 1 < scalars.count else { return nil }
        var name = text(start + 2..<end)
        let negated = name.hasPrefix("^")
        if negated { name.removeFirst() }
        guard let set = RegexScalarSet.posixClasses[name] else {
            throw error(
                start, end + 2,
                "unknown POSIX class `\(text(start..<end + 2))`: known classes are \(RegexScalarSet.posixClassNames)")
        }
        position = end + 2
        return (set, negated)
    }
}
