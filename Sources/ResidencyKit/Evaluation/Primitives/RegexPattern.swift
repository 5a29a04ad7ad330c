/// A regular expression in the RE2 subset, compiled once and matched in time linear in the
/// length of the input.
///
/// Policies run on untrusted inventory data, so a pattern must never be able to stall an
/// evaluation: constructs that need backtracking (backreferences, lookaround, atomic groups,
/// possessive quantifiers, recursion, conditionals) are rejected when the pattern is compiled,
/// and matching simulates the automaton over all threads at once (a Pike VM without captures).
/// Matching works on Unicode scalars, so `.` matches one scalar and a flag emoji such as 🇪🇺
/// is two of them.
///
/// Hand-written because nothing at hand promises linear time: Swift's `Regex` and
/// `NSRegularExpression` backtrack (`^(a|a)*$` takes seconds on 24 `a`s and a `b`), their
/// syntax differs from RE2's in places (RegexDifferentialTests.swift lists them), and no
/// package on the project's mirror wraps RE2.
///
/// Limits, all checked at construction:
/// - the pattern is at most ``maxPatternLength`` UTF-8 bytes;
/// - every repetition count in `{n}`, `{n,}` and `{n,m}` is at most ``maxRepetitionCount``;
/// - groups nest at most ``maxNestingDepth`` deep;
/// - the compiled program, with counted repetitions expanded, has at most
///   ``maxProgramSize`` instructions.
///
/// `\d`, `\w`, `\s`, `\b` and the POSIX classes are ASCII-only, as in RE2; `(?i)` compares
/// scalars through their simple lowercase and uppercase mappings.
struct RegexPattern: Sendable, Hashable, CustomStringConvertible {
    /// The longest accepted pattern, in UTF-8 bytes.
    static let maxPatternLength = 4096
    /// The largest count accepted in `{n}`, `{n,}` and `{n,m}`.
    static let maxRepetitionCount = 1000
    /// The most instructions a compiled pattern may have; bounds both memory and the
    /// per-character cost of matching.
    static let maxProgramSize = 10_000
    /// The deepest accepted group nesting; keeps parsing and compiling off the stack limit.
    static let maxNestingDepth = 100

    /// The pattern as written.
    let pattern: String
    let program: RegexProgram

    /// Compiles `pattern`, or throws an error that locates the first unsupported or malformed
    /// construct.
    init(_ pattern: String) throws(RegexPatternError) {
        let byteCount = pattern.utf8.count
        if byteCount > Self.maxPatternLength {
            throw RegexPatternError(
                offset: Self.maxPatternLength,
                length: byteCount - Self.maxPatternLength,
                message: "pattern is \(byteCount) bytes long, exceeding the limit of \(Self.maxPatternLength) bytes")
        }
        var parser = RegexParser(pattern)
        let tree = try parser.parse()
        self.pattern = pattern
        self.program = try RegexCompiler.compile(tree, patternByteCount: byteCount)
    }

    /// Whether the pattern matches anywhere in `text` (RE2's `PartialMatch`, Go's `MatchString`).
    func matches(_ text: String) -> Bool {
        program.run(text, anchored: false)
    }

    /// Whether the pattern matches all of `text`, as if written `\A(?:pattern)\z`.
    func matchesWhole(_ text: String) -> Bool {
        program.run(text, anchored: true)
    }

    /// The pattern as written.
    var description: String { pattern }

    // The program is a pure function of the pattern, so the pattern alone decides equality.
    /// Two patterns are equal when they were written identically.
    static func == (lhs: RegexPattern, rhs: RegexPattern) -> Bool {
        lhs.pattern == rhs.pattern
    }

    /// Hashes the pattern text.
    func hash(into hasher: inout Hasher) {
        hasher.combine(pattern)
    }
}

/// Why a pattern was rejected, and where: `offset` and `length` are UTF-8 byte positions within
/// the pattern, so a diagnostic can underline the offending construct inside a policy file.
struct RegexPatternError: Error, Sendable, Hashable, CustomStringConvertible {
    /// UTF-8 byte offset within the pattern where the problem starts.
    var offset: Int
    /// Length in UTF-8 bytes of the offending construct (at least 1 unless the pattern is empty).
    var length: Int
    /// A user-facing sentence: what was found and what is allowed instead.
    var message: String

    /// Creates an error at a byte range of the pattern.
    init(offset: Int, length: Int, message: String) {
        self.offset = offset
        self.length = length
        self.message = message
    }

    /// The message, for logs and test failures.
    var description: String { message }
}
