import Testing

@testable import ResidencyKit

/// One row of a matching table: the pattern, the text, and the expected answer.
struct RegexCase: Sendable, CustomTestStringConvertible {
    let pattern: String
    let text: String
    let expected: Bool

    init(_ pattern: String, _ text: String, _ expected: Bool) {
        self.pattern = pattern
        self.text = text
        self.expected = expected
    }

    // Pathological inputs run to thousands of characters; keep test names readable.
    var testDescription: String {
        let shown =
            text.unicodeScalars.count > 40
            ? "\(String(String.UnicodeScalarView(text.unicodeScalars.prefix(20))).debugDescription)… (\(text.unicodeScalars.count) scalars)"
            : text.debugDescription
        return "/\(pattern)/ on \(shown) → \(expected)"
    }
}

@Suite struct PrimitivesRegexMatchingTests {
    static let partialCases: [RegexCase] = [
        // Case folding as RE2 does it (issue 12): by orbits (k K U+212A, s S U+017F, σ Σ ς),
        // a class folded before it is negated, and no Turkic dotless i.
        RegexCase(#"(?i)\w"#, "\u{212A}", true),
        RegexCase(#"(?i)\w"#, "\u{17F}", true),
        RegexCase(#"\w"#, "\u{212A}", false),
        RegexCase(#"(?i)\W"#, "\u{212A}", false),
        RegexCase(#"\W"#, "\u{212A}", true),
        RegexCase(#"(?i)[[:^alpha:]]"#, "\u{212A}", false),
        RegexCase(#"(?i)[[:^alpha:]]"#, "\u{17F}", false),
        RegexCase(#"[[:^alpha:]]"#, "\u{212A}", true),
        RegexCase(#"(?i)[^k]"#, "\u{212A}", false),
        RegexCase(#"(?i)k"#, "\u{212A}", true),
        RegexCase(#"(?i)\x{212A}"#, "k", true),
        RegexCase(#"(?i)S"#, "\u{17F}", true),
        RegexCase(#"(?i)σ"#, "ς", true),
        RegexCase(#"(?i)Σ"#, "ς", true),
        RegexCase(#"(?i)i"#, "ı", false),
        RegexCase(#"(?i)i"#, "İ", false),
        RegexCase(#"(?i)[a-z]"#, "\u{212A}", true),
        // Unicode classes: general categories and scripts, negated with \P or ^.
        RegexCase(#"^\pL$"#, "é", true),
        RegexCase(#"\pL"#, "1", false),
        RegexCase(#"\p{L}"#, "ж", true),
        RegexCase(#"\p{Lu}"#, "a", false),
        RegexCase(#"(?i)\p{Lu}"#, "a", true),
        RegexCase(#"\p{Greek}"#, "α", true),
        RegexCase(#"\p{Greek}"#, "a", false),
        RegexCase(#"\P{Greek}"#, "a", true),
        RegexCase(#"\p{^Greek}"#, "α", false),
        RegexCase(#"\P{^Greek}"#, "α", true),
        RegexCase(#"\PL"#, "1", true),
        RegexCase(#"[\p{Nd}x]"#, "٣", true),
        RegexCase(#"[^\p{Nd}]"#, "٣", false),
        RegexCase(#"\p{Han}"#, "漢", true),
        RegexCase(#"\p{Cyrillic}+"#, "Москва", true),
        RegexCase(#"\p{Any}"#, "\u{10FFFF}", true),
        RegexCase(#"\p{Zs}"#, "\u{3000}", true),
        // Octal escapes as RE2 reads them: \0, or \1–\7 and more octal digits, three at most.
        RegexCase(#"^\101$"#, "A", true),
        RegexCase(#"^\0$"#, "\u{0}", true),
        RegexCase(#"^\12$"#, "\n", true),
        RegexCase(#"^[\101-\103]$"#, "B", true),
        RegexCase(#"^\1234$"#, "S4", true),
        // Literals and the empty pattern.
        RegexCase(#"abc"#, "abc", true),
        RegexCase(#"abc"#, "xabcx", true),
        RegexCase(#"abc"#, "ab", false),
        RegexCase(#"abc"#, "ABC", false),
        RegexCase(#""#, "", true),
        RegexCase(#""#, "anything", true),
        // Dot.
        RegexCase(#"a.c"#, "abc", true),
        RegexCase(#"a.c"#, "a\nc", false),
        RegexCase(#"(?s)a.c"#, "a\nc", true),
        RegexCase(#"(?s:.)"#, "\n", true),
        RegexCase(#"(?s)(?-s)."#, "\n", false),
        RegexCase(#"a.c"#, "a\u{1F1EA}c", true),
        // Anchors.
        RegexCase(#"^abc"#, "abcd", true),
        RegexCase(#"^abc"#, "xabc", false),
        RegexCase(#"abc$"#, "xabc", true),
        RegexCase(#"abc$"#, "abcx", false),
        RegexCase(#"abc$"#, "abc\n", false),
        RegexCase(#"(?m)abc$"#, "abc\nx", true),
        RegexCase(#"(?m)^x"#, "abc\nx", true),
        RegexCase(#"^x"#, "abc\nx", false),
        RegexCase(#"\Aabc\z"#, "abc", true),
        RegexCase(#"\Aabc\z"#, "abc\n", false),
        RegexCase(#"(?m)\Ax"#, "a\nx", false),
        RegexCase(#"(?m)x\z"#, "x\na", false),
        RegexCase(#"^$"#, "", true),
        RegexCase(#"^$"#, "a", false),
        RegexCase(#"(?m)^$"#, "a\n\nb", true),
        RegexCase(#"(?m)^$"#, "a\nb", false),
        RegexCase(#"x^"#, "x", false),
        RegexCase(#"^a|b$"#, "xa", false),
        RegexCase(#"^a|b$"#, "xb", true),
        // Word boundaries (ASCII, as in RE2).
        RegexCase(#"\bfoo\b"#, "a foo b", true),
        RegexCase(#"\bfoo\b"#, "afoo", false),
        RegexCase(#"\bfoo\b"#, "foo", true),
        RegexCase(#"\bfoo\b"#, "foo_bar", false),
        RegexCase(#"\Bfoo"#, "afoo", true),
        RegexCase(#"\Bfoo"#, "foo", false),
        RegexCase(#"\b"#, "", false),
        RegexCase(#"\B"#, "", true),
        RegexCase("\\b\u{E9}", "\u{E9}", false),
        // Bracketed classes.
        RegexCase(#"[abc]"#, "xbx", true),
        RegexCase(#"[abc]"#, "xyz", false),
        RegexCase(#"[^abc]"#, "abc", false),
        RegexCase(#"[^abc]"#, "abcd", true),
        RegexCase(#"[^a]"#, "\n", true),
        RegexCase(#"^[a-z0-9-]+$"#, "eu-west-1", true),
        RegexCase(#"^[a-z0-9-]+$"#, "EU-west-1", false),
        RegexCase(#"^[^a-z0-9_]$"#, "A", true),
        RegexCase(#"^[^a-z0-9_]$"#, "_", false),
        RegexCase(#"[-.]"#, "a.b", true),
        RegexCase(#"[-.]"#, "a-b", true),
        RegexCase(#"[-.]"#, "ab", false),
        RegexCase(#"[a-]"#, "-", true),
        RegexCase(#"[]a]"#, "]", true),
        RegexCase(#"[^]a]"#, "]", false),
        RegexCase(#"[^]a]"#, "b", true),
        RegexCase(#"[a-c-e]"#, "-", true),
        RegexCase(#"[a-c-e]"#, "d", false),
        RegexCase(#"[\d-z]"#, "-", true),
        RegexCase(#"[[]"#, "[", true),
        RegexCase(#"[\]]"#, "]", true),
        RegexCase(#"[\d.]+"#, "v1.2", true),
        RegexCase(#"^[\d.]+$"#, "1.2a", false),
        RegexCase(#"^[\w-]+$"#, "api-iam_2", true),
        RegexCase(#"^[^\D]+$"#, "123", true),
        RegexCase(#"^[^\D]+$"#, "12a", false),
        RegexCase(#"^[\s\S]+$"#, "any\nthing", true),
        RegexCase(#"[[:alpha:]]+"#, "123abc", true),
        RegexCase(#"^[[:digit:]]+$"#, "123", true),
        RegexCase(#"^[[:^digit:]]+$"#, "abc", true),
        RegexCase(#"^[[:^digit:]]+$"#, "ab1", false),
        RegexCase(#"^[[:alpha:][:digit:]_]+$"#, "ab_1", true),
        RegexCase(#"[[:upper:]]"#, "abc", false),
        RegexCase(#"[[:punct:]]"#, "a.b", true),
        RegexCase(#"[[:space:]]"#, "a\u{0B}b", true),
        RegexCase(#"[\x41-\x43]"#, "B", true),
        RegexCase(#"[\x41-\x43]"#, "D", false),
        // Perl classes are ASCII-only, as in RE2.
        RegexCase(#"\d+"#, "abc123", true),
        RegexCase(#"^\d+$"#, "12a", false),
        RegexCase(#"\d"#, "\u{663}", false),
        RegexCase(#"\D"#, "123", false),
        RegexCase(#"\w+"#, "__", true),
        RegexCase(#"\W"#, "abc_1", false),
        RegexCase(#"\w"#, "\u{E9}", false),
        RegexCase(#"\s"#, "a b", true),
        RegexCase(#"\s"#, "a\u{0B}b", false),
        RegexCase(#"\S"#, " \t\n", false),
        // Escapes.
        RegexCase(#"a\.b"#, "a.b", true),
        RegexCase(#"a\.b"#, "axb", false),
        RegexCase(#"\\"#, "a\\b", true),
        RegexCase(#"\/v1"#, "/v1", true),
        RegexCase(#"a\-b"#, "a-b", true),
        RegexCase(#"\$\^\{\}\(\)\[\]\|\*\+\?"#, "$^{}()[]|*+?", true),
        RegexCase(#"\t\n\r\f\v\a"#, "\t\n\r\u{0C}\u{0B}\u{07}", true),
        RegexCase(#"\x41\x{42}"#, "AB", true),
        RegexCase(#"\x{1F1EA}"#, "EU \u{1F1EA}\u{1F1FA}", true),
        RegexCase(#"\Qa.b\E"#, "a.b", true),
        RegexCase(#"\Qa.b\E"#, "axb", false),
        RegexCase(#"\Qa.b"#, "a.b", true),
        RegexCase(#"^\Q*\E+$"#, "**", true),
        RegexCase(#"^\Q(?=\E$"#, "(?=", true),
        RegexCase(#"a\ b"#, "a b", true),
        // Braces that do not form a repetition are literal, as in RE2.
        RegexCase(#"a{"#, "a{", true),
        RegexCase(#"a{,3}"#, "a{,3}", true),
        RegexCase(#"a{x}"#, "a{x}", true),
        RegexCase(#"a{1"#, "a{1", true),
        RegexCase(#"}"#, "}", true),
        RegexCase(#"]"#, "]", true),
        // Unicode: matching is per scalar, and a flag is two scalars.
        RegexCase("\u{1F1EA}\u{1F1FA}", "EU \u{1F1EA}\u{1F1FA}", true),
        RegexCase(#"^EU ..$"#, "EU \u{1F1EA}\u{1F1FA}", true),
        RegexCase(#"^EU .$"#, "EU \u{1F1EA}\u{1F1FA}", false),
        RegexCase(#"^EU [\x{1F1E6}-\x{1F1FF}]{2}$"#, "EU \u{1F1EA}\u{1F1FA}", true),
        RegexCase("^[^ ]+ \u{1F1EA}\u{1F1FA}$", "EU \u{1F1EA}\u{1F1FA}", true),
        RegexCase("caf\u{E9}", "un caf\u{E9}", true),
        RegexCase(#"^caf.$"#, "caf\u{E9}", true),
        RegexCase(#"^caf.$"#, "cafe\u{301}", false),
        RegexCase(#"^caf..$"#, "cafe\u{301}", true),
        RegexCase("^[\u{E0}-\u{FF}]+$", "\u{E9}\u{E8}", true),
        RegexCase("\u{65E5}\u{672C}", "\u{65E5}\u{672C}\u{8A9E}", true),
        // Alternation.
        RegexCase(#"cat|dog"#, "hotdog", true),
        RegexCase(#"cat|dog"#, "cow", false),
        RegexCase(#"^(cat|dog)$"#, "cats", false),
        RegexCase(#"^(?:eu|us)-(?:west|central)-\d$"#, "eu-central-1", true),
        RegexCase(#"^(?:eu|us)-(?:west|central)-\d$"#, "ap-south-1", false),
        RegexCase(#"a|"#, "xyz", true),
        RegexCase(#"|"#, "", true),
        RegexCase(#"^(a|ab)(c|bcd)$"#, "abcd", true),
        RegexCase(#"^(?:a|b|c|d|e)+$"#, "abcde", true),
        RegexCase(#"^(?:a|b|c|d|e)+$"#, "abcdef", false),
        // Quantifiers.
        RegexCase(#"ab*c"#, "ac", true),
        RegexCase(#"ab+c"#, "ac", false),
        RegexCase(#"ab+c"#, "abbbc", true),
        RegexCase(#"ab?c"#, "abbc", false),
        RegexCase(#"^a{3}$"#, "aaa", true),
        RegexCase(#"^a{3}$"#, "aaaa", false),
        RegexCase(#"^a{3}$"#, "aa", false),
        RegexCase(#"^a{2,}$"#, "a", false),
        RegexCase(#"^a{2,}$"#, "aaaaa", true),
        RegexCase(#"^a{2,3}$"#, "aaaa", false),
        RegexCase(#"^a{2,3}$"#, "aa", true),
        RegexCase(#"^a{0}$"#, "", true),
        RegexCase(#"^a{0}$"#, "a", false),
        RegexCase(#"^a{0,0}b$"#, "b", true),
        RegexCase(#"^(ab){2}$"#, "abab", true),
        RegexCase(#"^(ab){2}$"#, "ab", false),
        RegexCase(#"^a{1000}$"#, String(repeating: "a", count: 1000), true),
        RegexCase(#"^a{1000}$"#, String(repeating: "a", count: 999), false),
        RegexCase(#"^\d{1,3}(?:\.\d{1,3}){3}$"#, "3.251.148.97", true),
        RegexCase(#"^\d{1,3}(?:\.\d{1,3}){3}$"#, "3.251.148", false),
        // Lazy forms behave like the greedy ones for a yes/no answer.
        RegexCase(#"^a*?$"#, "aaa", true),
        RegexCase(#"^a+?b$"#, "aab", true),
        RegexCase(#"^a??b$"#, "b", true),
        RegexCase(#"^a{2,3}?$"#, "aaa", true),
        RegexCase(#"(?U)^a+$"#, "aaa", true),
        // Nested quantifiers and empty loops.
        RegexCase(#"^(a+)+$"#, "aaaa", true),
        RegexCase(#"^(a*)*b$"#, "aaab", true),
        RegexCase(#"^(a|b)*c$"#, "ababc", true),
        RegexCase(#"^((ab)*c)+$"#, "abcc", true),
        RegexCase(#"^(?:(?:a|b)+c?){2}$"#, "abcab", true),
        RegexCase(#"^(x+x+)+y$"#, "xxxxxxxxxy", true),
        RegexCase(#"^(x+x+)+y$"#, "xxxxxxxxx", false),
        RegexCase(#"^(a*)*$"#, "", true),
        RegexCase(#"(a*)+"#, "b", true),
        RegexCase(#"^(a?){3}a{3}$"#, "aaa", true),
        RegexCase(#"^(|a)*b$"#, "aab", true),
        RegexCase(#"^(a|)+$"#, "aa", true),
        RegexCase(#"^(?:)*$"#, "", true),
        RegexCase(#"^(?:^)*a$"#, "a", true),
        // Hostnames, the common case.
        RegexCase(#"^[a-z0-9-]+(\.[a-z0-9-]+)*\.eu$"#, "sdk.fra-01.braze.eu", true),
        RegexCase(#"^[a-z0-9-]+(\.[a-z0-9-]+)*\.eu$"#, "sdk.fra-01.braze.com", false),
        RegexCase(#"\.eu\d?\."#, "events.eu1.segmentapis.com", true),
        RegexCase(#"\.eu\d?\."#, "events.us1.segmentapis.com", false),
        RegexCase(#"(^|\.)eu\."#, "eu.intercom.io", true),
        RegexCase(#"(^|\.)eu\."#, "api-iam.eu.intercom.io", true),
        RegexCase(#"(^|\.)eu\."#, "neu.intercom.io", false),
        // Case-insensitive matching.
        RegexCase(#"(?i)hello"#, "HeLLo world", true),
        RegexCase(#"hello"#, "HELLO", false),
        RegexCase(#"(?i)[a-c]+$"#, "xABC", true),
        RegexCase(#"(?i)[A-C]+$"#, "xabc", true),
        RegexCase(#"(?i)[^a]"#, "A", false),
        RegexCase(#"(?i)[^a]"#, "Ab", true),
        RegexCase(#"(?i)[[:upper:]]"#, "abc", true),
        RegexCase(#"(?i:ab)c"#, "ABc", true),
        RegexCase(#"(?i:ab)c"#, "ABC", false),
        RegexCase(#"a(?i)b"#, "aB", true),
        RegexCase(#"a(?i)b"#, "AB", false),
        RegexCase(#"(?i)a(?-i)b"#, "Ab", true),
        RegexCase(#"(?i)a(?-i)b"#, "AB", false),
        RegexCase(#"(?i)(?:a|B)+$"#, "AbBa", true),
        RegexCase(#"(?i)(x)|y"#, "Y", true),
        RegexCase(#"(?im)^eu$"#, "x\nEU\ny", true),
        RegexCase(#"(?i)EU"#, "eu-west-1", true),
        RegexCase("(?i)\u{E9}t\u{E9}", "\u{C9}T\u{C9}", true),
        RegexCase("(?i)\u{3C3}", "\u{3A3}", true),
        RegexCase("(?i)k", "\u{212A}", true),
        RegexCase("(?i)\u{212A}", "k", true),
        RegexCase("(?i)s", "\u{17F}", true),
        RegexCase("(?i)\u{1F1EA}", "\u{1F1EA}", true),
        RegexCase(#"(?i)\x41"#, "a", true),
        // Named and non-capturing groups.
        RegexCase(#"(?P<region>eu|us)-\d"#, "eu-1", true),
        RegexCase(#"(?<region>eu|us)-\d"#, "ap-1", false),
        RegexCase(#"(?:ab)+"#, "xababx", true),
    ]

    @Test("Primitives: regex search matches anywhere", arguments: partialCases)
    func partialMatch(_ row: RegexCase) throws {
        let regex = try RegexPattern(row.pattern)
        #expect(regex.matches(row.text) == row.expected)
    }

    static let wholeCases: [RegexCase] = [
        RegexCase(#"abc"#, "abc", true),
        RegexCase(#"abc"#, "xabc", false),
        RegexCase(#"abc"#, "abcx", false),
        RegexCase(#"a|ab"#, "ab", true),
        RegexCase(#"ab|a"#, "a", true),
        RegexCase(#"a*"#, "", true),
        RegexCase(#"a*"#, "aab", false),
        RegexCase(#""#, "", true),
        RegexCase(#""#, "a", false),
        RegexCase(#"[a-z]+\.example\.com"#, "api.example.com", true),
        RegexCase(#"[a-z]+\.example\.com"#, "api.example.com.evil.io", false),
        RegexCase(#"[a-z]+\.example\.com"#, "evil.io/api.example.com", false),
        RegexCase(#".*"#, "a\nb", false),
        RegexCase(#"(?s).*"#, "a\nb", true),
        RegexCase(#"eu-(west|central)-[0-9]"#, "eu-west-1", true),
        RegexCase(#"eu-(west|central)-[0-9]"#, "eu-west-12", false),
        RegexCase(#"(?i)EU"#, "eu", true),
        RegexCase(#"^a$"#, "a", true),
        RegexCase(#"a\b"#, "a", true),
        RegexCase(#"(?m)a$\n^b"#, "a\nb", true),
        RegexCase(#"EU .."#, "EU \u{1F1EA}\u{1F1FA}", true),
        RegexCase(#"(a|b)*abb"#, "babababb", true),
        RegexCase(#"(a|b)*abb"#, "bababab", false),
        RegexCase(#"x*"#, String(repeating: "x", count: 5000), true),
    ]

    @Test("Primitives: regex whole-text match is anchored at both ends", arguments: wholeCases)
    func wholeMatch(_ row: RegexCase) throws {
        let regex = try RegexPattern(row.pattern)
        #expect(regex.matchesWhole(row.text) == row.expected)
    }

    /// Patterns that would take exponential time in a backtracking engine; here they only
    /// have to finish (no timing assertion, to stay robust on a loaded machine).
    static let pathologicalCases: [RegexCase] = [
        RegexCase(#"(a*)*b"#, String(repeating: "a", count: 10_000), false),
        RegexCase(#"(a|a)*c"#, String(repeating: "a", count: 10_000), false),
        RegexCase(#"^(a+)+$"#, String(repeating: "a", count: 10_000) + "b", false),
        RegexCase(#"(x+x+)+y"#, String(repeating: "x", count: 10_000), false),
        RegexCase(#"^(a?){100}a{100}$"#, String(repeating: "a", count: 100), true),
        RegexCase(#"(.*a){20}"#, String(repeating: "a", count: 19) + String(repeating: "b", count: 5_000), false),
    ]

    @Test("Primitives: regex pathological patterns finish", arguments: pathologicalCases)
    func pathological(_ row: RegexCase) throws {
        let regex = try RegexPattern(row.pattern)
        #expect(regex.matches(row.text) == row.expected)
    }

    @Test("Primitives: regex equality, hashing and description follow the pattern text")
    func identity() throws {
        let first = try RegexPattern(#"^eu-\d$"#)
        let second = try RegexPattern(#"^eu-\d$"#)
        let other = try RegexPattern(#"^us-\d$"#)
        #expect(first == second)
        #expect(first != other)
        #expect(Set([first, second, other]).count == 2)
        #expect(first.description == #"^eu-\d$"#)
        #expect(first.pattern == #"^eu-\d$"#)
    }

    @Test("Primitives: one compiled regex is reusable across many inputs")
    func reuse() throws {
        let regex = try RegexPattern(#"(?i)^[a-z0-9-]+\.eu\d?\.[a-z]+\.(com|io)$"#)
        let hosts = ["events.eu1.segmentapis.com", "API.EU.example.io", "events.us1.segmentapis.com", "x.eu.y.net"]
        for _ in 0..<100 {
            #expect(hosts.map(regex.matches) == [true, true, false, false])
        }
    }
}
