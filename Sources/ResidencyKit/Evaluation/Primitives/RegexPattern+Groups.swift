extension RegexParser {
    mutating func parseGroup(flags: RegexFlags, depth: Int) throws(RegexPatternError) -> Atom {
        let open = position
        position += 1
        var inner = flags
        if peek() == "?" {
            position += 1
            switch try parseGroupPrefix(open: open, flags: flags) {
            case .flagsOnly(let newFlags): return .flags(newFlags)
            case .group(let groupFlags): inner = groupFlags
            }
        }
        if depth >= RegexPattern.maxNestingDepth {
            throw error(open, open + 1, "groups are nested more than \(RegexPattern.maxNestingDepth) deep")
        }
        let body = try parseAlternation(flags: inner, depth: depth + 1)
        guard peek() == ")" else {
            throw error(open, open + 1, "unclosed group: expected `)`")
        }
        position += 1
        return .node(body)
    }

    enum GroupPrefix {
        case flagsOnly(RegexFlags)
        case group(RegexFlags)
    }

    /// Everything after `(?`: non-capturing and named groups, flags, and the Perl and PCRE
    /// extensions that cannot be matched without backtracking, each with its own explanation.
    mutating func parseGroupPrefix(open: Int, flags: RegexFlags) throws(RegexPatternError) -> GroupPrefix {
        guard let next = peek() else {
            throw error(open, open + 1, "unclosed group: expected `)`")
        }
        func unsupported(_ length: Int, _ what: String) -> RegexPatternError {
            error(open, open + length, "\(what) `\(text(open..<open + length))` is not supported: \(regexSubsetRationale)")
        }
        switch next {
        case ":":
            position += 1
            return .group(flags)
        case "P":
            switch peek(1) {
            case "<":
                position += 2
                try parseGroupName(open: open)
                return .group(flags)
            case "=": throw unsupported(4, "named backreference")
            case ">": throw unsupported(4, "recursion")
            default:
                throw error(
                    open, open + 3, "unknown group syntax `\(text(open..<open + 3))`: named groups are written `(?P<name>…)`")
            }
        case "<":
            if peek(1) == "=" { throw unsupported(4, "lookbehind") }
            if peek(1) == "!" { throw unsupported(4, "negative lookbehind") }
            position += 1
            try parseGroupName(open: open)
            return .group(flags)
        case "=": throw unsupported(3, "lookahead")
        case "!": throw unsupported(3, "negative lookahead")
        case ">": throw unsupported(3, "atomic group")
        case "(": throw unsupported(3, "conditional")
        case "R", "&", "+", "0"..."9": throw unsupported(3, "recursion")
        case "-" where peek(1)?.primitiveDecimalDigit != nil: throw unsupported(3, "recursion")
        case "|": throw unsupported(3, "branch reset group")
        case "#":
            throw error(open, open + 3, "comment group `(?#` is not supported: put comments in the policy file instead")
        case "'":
            throw error(open, open + 3, "unknown group syntax `(?'`: named groups are written `(?P<name>…)`")
        default:
            return try parseFlags(open: open, flags: flags)
        }
    }

    mutating func parseFlags(open: Int, flags: RegexFlags) throws(RegexPatternError) -> GroupPrefix {
        var result = flags
        var negating = false
        var sawFlag = false
        var sawFlagAfterMinus = false
        while true {
            guard let scalar = peek() else {
                throw error(open, open + 1, "unclosed group: expected `)`")
            }
            switch scalar {
            case "i", "m", "s", "U":
                let value = !negating
                switch scalar {
                case "i": result.caseInsensitive = value
                case "m": result.multiLine = value
                case "s": result.dotMatchesNewline = value
                default: result.ungreedy = value
                }
                sawFlag = true
                if negating { sawFlagAfterMinus = true }
                position += 1
            case "-":
                if negating {
                    throw error(position, position + 1, "flags may contain only one `-`, as in `(?i-s)`")
                }
                negating = true
                position += 1
            case ")", ":":
                if !sawFlag || (negating && !sawFlagAfterMinus) {
                    throw error(
                        open, position + 1,
                        "missing flags in `\(text(open..<position + 1))`: write flags such as `(?i)` or `(?i-s:…)`")
                }
                position += 1
                return scalar == ")" ? .flagsOnly(result) : .group(result)
            default:
                throw error(
                    position, position + 1,
                    "unknown flag `\(scalar)` in `(?…)`: allowed flags are i (case-insensitive), m (multi-line), s (dot matches newline) and U (ungreedy)"
                )
            }
        }
    }

    /// Names are checked (RE2 rejects malformed and duplicate names) but otherwise unused.
    mutating func parseGroupName(open: Int) throws(RegexPatternError) {
        let start = position
        while let scalar = peek(), scalar != ">" {
            guard scalar.isRegexWordScalar else {
                if scalar == ")" { break }
                throw error(
                    position, position + 1, "invalid character `\(scalar)` in group name: names use letters, digits and `_`")
            }
            position += 1
        }
        guard peek() == ">" else {
            throw error(open, position, "unclosed group name: expected `>`")
        }
        let name = text(start..<position)
        if name.isEmpty {
            throw error(open, position + 1, "empty group name: write `(?P<name>…)`")
        }
        if !groupNames.insert(name).inserted {
            throw error(start, position, "duplicate group name `\(name)`")
        }
        position += 1
    }
}
