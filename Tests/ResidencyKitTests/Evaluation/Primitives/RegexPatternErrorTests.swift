import Testing

@testable import ResidencyKit

/// A pattern that must be rejected, with where the error points and part of what it says.
struct RegexRejection: Sendable, CustomTestStringConvertible {
    let pattern: String
    let offset: Int
    let length: Int
    let fragment: String

    init(_ pattern: String, _ offset: Int, _ length: Int, _ fragment: String) {
        self.pattern = pattern
        self.offset = offset
        self.length = length
        self.fragment = fragment
    }

    var testDescription: String { "/\(pattern)/ rejected at \(offset)+\(length)" }
}

@Suite struct PrimitivesRegexErrorTests {
    static let rejections: [RegexRejection] = [
        // Constructs that need backtracking.
        RegexRejection(
            #"(a)\1"#, 3, 2,
            #"backreferences (\1) are not supported: patterns use the RE2 subset, which guarantees linear-time matching"#),
        // `\12` is octal (LF), as in RE2; `\1` not followed by an octal digit is a backreference.
        RegexRejection(#"\18"#, 0, 3, #"backreferences (\18)"#),
        RegexRejection(#"\8"#, 0, 2, #"backreferences (\8)"#),
        RegexRejection("\u{E9}\\1", 2, 2, "backreferences"),
        RegexRejection("\u{1F1EA}\u{1F1FA}(a)\\1", 11, 2, "backreferences"),
        RegexRejection(#"(?<n>a)\k<n>"#, 7, 5, #"backreferences (\k<n>)"#),
        RegexRejection(#"(a)\g1"#, 3, 3, #"backreferences (\g1)"#),
        RegexRejection(#"(a)\g{-1}"#, 3, 6, "backreferences"),
        RegexRejection(#"(?P<n>a)(?P=n)"#, 8, 4, "named backreference `(?P=` is not supported"),
        RegexRejection(#"a(?=b)"#, 1, 3, "lookahead `(?=` is not supported: patterns use the RE2 subset"),
        RegexRejection(#"a(?!b)"#, 1, 3, "negative lookahead `(?!` is not supported"),
        RegexRejection(#"(?<=a)b"#, 0, 4, "lookbehind `(?<=` is not supported"),
        RegexRejection(#"(?<!a)b"#, 0, 4, "negative lookbehind `(?<!` is not supported"),
        RegexRejection(#"(?>a+)b"#, 0, 3, "atomic group `(?>` is not supported"),
        RegexRejection(#"(?(1)a|b)"#, 0, 3, "conditional `(?(` is not supported"),
        RegexRejection(#"(?R)"#, 0, 3, "recursion `(?R` is not supported"),
        RegexRejection(#"(a)(?1)"#, 3, 3, "recursion"),
        RegexRejection(#"(a)(?-1)"#, 3, 3, "recursion"),
        RegexRejection(#"(?&name)"#, 0, 3, "recursion"),
        RegexRejection(#"(?P>name)"#, 0, 4, "recursion `(?P>`"),
        RegexRejection(#"(?|a)"#, 0, 3, "branch reset group"),
        RegexRejection(#"a*+"#, 1, 2, "possessive quantifier `*+` is not supported"),
        RegexRejection(#"a++"#, 1, 2, "possessive quantifier `++`"),
        RegexRejection(#"a?+"#, 1, 2, "possessive quantifier `?+`"),
        RegexRejection(#"a{2}+"#, 1, 4, "possessive quantifier `{2}+`"),
        // Malformed repetition.
        RegexRejection(#"a**"#, 1, 2, "nested repetition `**` is not supported"),
        RegexRejection(#"a*?*"#, 1, 3, "nested repetition `*?*`"),
        RegexRejection(#"a{2}{3}"#, 1, 6, "nested repetition `{2}{3}`"),
        RegexRejection(#"*a"#, 0, 1, "nothing to repeat before `*`"),
        RegexRejection(#"a|*"#, 2, 1, "nothing to repeat before `*`"),
        RegexRejection(#"(+)"#, 1, 1, "nothing to repeat before `+`"),
        RegexRejection(#"{2}"#, 0, 3, "nothing to repeat before `{2}`"),
        RegexRejection(#"(?i)*"#, 4, 1, "nothing to repeat before `*`"),
        RegexRejection(#"a{5000}"#, 1, 6, "repetition count 5000 exceeds the limit of 1000"),
        RegexRejection(#"a{2,1001}"#, 1, 8, "repetition count 1001 exceeds the limit of 1000"),
        RegexRejection(#"a{1001,}"#, 1, 7, "repetition count 1001 exceeds the limit of 1000"),
        RegexRejection(#"a{99999999999}"#, 1, 13, "exceeds the limit of 1000"),
        RegexRejection(#"a{3,2}"#, 1, 5, "invalid repetition range `{3,2}`"),
        // Groups.
        RegexRejection(#"(abc"#, 0, 1, "unclosed group: expected `)`"),
        RegexRejection(#"a(b(c)"#, 1, 1, "unclosed group: expected `)`"),
        RegexRejection(#"(?"#, 0, 1, "unclosed group"),
        RegexRejection(#"(?i"#, 0, 1, "unclosed group"),
        RegexRejection(#"(?:a"#, 0, 1, "unclosed group"),
        RegexRejection(#"abc)"#, 3, 1, "unmatched `)`"),
        RegexRejection(#"(?x)a"#, 2, 1, "unknown flag `x`"),
        RegexRejection(#"(?)"#, 0, 3, "missing flags"),
        RegexRejection(#"(?i-)"#, 0, 5, "missing flags"),
        RegexRejection(#"(?i--s)"#, 4, 1, "only one `-`"),
        RegexRejection(#"(?P<>a)"#, 0, 5, "empty group name"),
        RegexRejection(#"(?P<a-b>x)"#, 5, 1, "invalid character `-` in group name"),
        RegexRejection(#"(?P<a>x)(?P<a>y)"#, 12, 1, "duplicate group name `a`"),
        RegexRejection(#"(?P<abc"#, 0, 7, "unclosed group name"),
        RegexRejection(#"(?P"#, 0, 3, "unknown group syntax"),
        RegexRejection(#"(?'n'a)"#, 0, 3, "unknown group syntax"),
        RegexRejection(#"(?#note)"#, 0, 3, "comment group"),
        // Classes.
        RegexRejection(#"[abc"#, 0, 1, "unclosed character class: expected `]`"),
        RegexRejection(#"[]"#, 0, 1, "unclosed character class"),
        RegexRejection(#"[^]"#, 0, 1, "unclosed character class"),
        RegexRejection(#"x[z-a]"#, 2, 3, "invalid character class range z-a"),
        RegexRejection(#"[a-\d]"#, 1, 4, "invalid character class range"),
        RegexRejection(#"[[:foo:]]"#, 1, 7, "unknown POSIX class `[:foo:]`"),
        RegexRejection(#"[\b]"#, 1, 2, "cannot be used inside a character class"),
        RegexRejection(#"[\Qa\E]"#, 1, 2, "cannot be used inside a character class"),
        // Escapes.
        RegexRejection(#"\"#, 0, 1, "trailing backslash"),
        RegexRejection(#"ab\"#, 2, 1, "trailing backslash"),
        RegexRejection(#"\Z"#, 0, 2, #"`\Z` is not supported: use `\z`"#),
        RegexRejection(#"\G"#, 0, 2, #"`\G` is not supported"#),
        RegexRejection(#"\y"#, 0, 2, #"unknown escape `\y`"#),
        RegexRejection(#"\e"#, 0, 2, #"unknown escape `\e`"#),
        RegexRejection(#"\k"#, 0, 2, #"unknown escape `\k`"#),
        RegexRejection("\\\u{E9}", 0, 3, "unknown escape"),
        RegexRejection(#"\p{Greeek}"#, 0, 10, "unknown Unicode class `\\p{Greeek}`"),
        RegexRejection(#"\p{Greeek}"#, 0, 10, "did you mean `Greek`?"),
        RegexRejection(#"\pX"#, 0, 3, "unknown Unicode class"),
        RegexRejection(#"\p{Greek"#, 0, 8, "unclosed Unicode class"),
        RegexRejection(#"\p"#, 0, 2, "needs a class name"),
        RegexRejection(#"\C"#, 0, 2, "any byte"),
        RegexRejection(#"\x4"#, 0, 3, "invalid hexadecimal escape"),
        RegexRejection(#"\xZZ"#, 0, 3, "invalid hexadecimal escape"),
        RegexRejection(#"\x{}"#, 0, 4, "invalid hexadecimal escape"),
        RegexRejection(#"\x{110000}"#, 0, 10, "is not a Unicode scalar value"),
        RegexRejection(#"\x{D800}"#, 0, 8, "is not a Unicode scalar value"),
    ]

    @Test("Primitives: regex rejections point at the construct and explain it", arguments: rejections)
    func rejected(_ row: RegexRejection) throws {
        let error = try #require(throws: RegexPatternError.self) {
            _ = try RegexPattern(row.pattern)
        }
        #expect(error.offset == row.offset)
        #expect(error.length == row.length)
        #expect(error.message.contains(row.fragment), "\(error.message)")
    }

    static let accepted: [String] = [
        #"(?P<name>a)"#, #"(?<name>a)"#, #"(?i)a"#, #"(?i:a)"#, #"(?im-s:a)"#, #"(?U)a+"#, #"(?smiU)."#,
        #"a{1000}"#, #"a{0,1000}"#, #"a{1000,}"#, #"[[:alpha:][:digit:]]"#, #"[\x{0}-\x{10FFFF}]"#,
        #"(?:)"#, #"()"#, #"a||b"#, #"\A\z"#, #"[\]]"#, #"[\[]"#, #"\ "#, #"\Q\E"#, #"\Qunterminated"#,
        #"(?:a{1000}){9}"#, #"[^\x{0}-\x{10FFFF}]"#, #"\/\-\.\,\:\;\<\>\=\!\@\#\%\&\~\`\'\""#,
    ]

    @Test("Primitives: regex accepts the RE2 syntax it documents", arguments: accepted)
    func accepts(_ pattern: String) {
        #expect(throws: Never.self) { _ = try RegexPattern(pattern) }
    }

    @Test("Primitives: regex pattern length limit is 4096 bytes")
    func lengthLimit() throws {
        _ = try RegexPattern(String(repeating: "a", count: RegexPattern.maxPatternLength))
        let error = try #require(throws: RegexPatternError.self) {
            _ = try RegexPattern(String(repeating: "a", count: RegexPattern.maxPatternLength + 3))
        }
        #expect(error.offset == 4096)
        #expect(error.length == 3)
        #expect(error.message == "pattern is 4099 bytes long, exceeding the limit of 4096 bytes")
    }

    @Test("Primitives: regex group nesting limit")
    func nestingLimit() throws {
        func nested(_ depth: Int) -> String {
            String(repeating: "(", count: depth) + "a" + String(repeating: ")", count: depth)
        }
        let ok = try RegexPattern(nested(RegexPattern.maxNestingDepth))
        #expect(ok.matches("a"))
        let error = try #require(throws: RegexPatternError.self) {
            _ = try RegexPattern(nested(RegexPattern.maxNestingDepth + 1))
        }
        #expect(error.offset == RegexPattern.maxNestingDepth)
        #expect(error.message.contains("nested more than 100 deep"))
    }

    @Test("Primitives: regex program size limit counts expanded repetitions")
    func programSizeLimit() throws {
        let outer = try #require(throws: RegexPatternError.self) {
            _ = try RegexPattern(#"(a{1000}){1000}"#)
        }
        #expect(outer.offset == 9)
        #expect(outer.length == 6)
        #expect(outer.message.contains("exceeding the limit of 10000"))

        let whole = try #require(throws: RegexPatternError.self) {
            _ = try RegexPattern(#"(?:a{1000}){10}"#)
        }
        #expect(whole.offset == 0)
        #expect(whole.length == 15)
        #expect(whole.message.contains("expands to 10001 instructions"))
    }
}
