import Testing

@testable import ResidencyKit

/// RegexPattern against Swift's `Regex` on the syntax both read the same way: generated
/// patterns and subjects, and a table of cases worth naming, must get the same answer from
/// `matches`/`contains` and from `matchesWhole`/`wholeMatch`.
///
/// Swift's side is configured to RE2's documented semantics where Swift offers the switch:
/// scalars rather than characters (RegexPattern matches scalars, so `.` is one scalar), ASCII
/// `\d \w \s`, and `\b` from `\w` rather than Unicode word breaks. Where Swift has no switch,
/// or its own matching is wrong (`\w` and `\b` under scalar semantics), the generator spells
/// the construct differently for Swift or leaves it out, and `differences` lists the case.
@Suite struct PrimitivesRegexDifferentialTests {
    static func swiftRegex(_ pattern: String) throws -> Regex<AnyRegexOutput> {
        try Regex(pattern).matchingSemantics(.unicodeScalar).asciiOnlyCharacterClasses().wordBoundaryKind(.simple)
    }

    /// (pattern, subject, matches anywhere, matches whole), answered alike by both engines.
    static let agreed: [(String, String, Bool, Bool)] = [
        ("", "", true, true),
        ("", "a", true, false),
        ("a|", "b", true, false),
        ("(|a)+", "", true, true),
        ("()", "", true, true),
        ("^(a|ab)(c|bcd)(d*)$", "abcd", true, true),
        ("(?:a{2,3}){2}", "aaaaa", true, true),
        ("a{0}", "b", true, false),
        ("a{1,2}?b", "aab", true, true),
        ("a*?", "aaa", true, true),
        ("(a*)*", "b", true, false),
        ("(a*)+$", "b", true, false),
        ("x*", "😀", true, false),
        // `$` is the end of the text, not also before a final line feed (RE2, unlike Perl).
        ("^$", "\n", false, false),
        ("a$", "a\n", false, false),
        ("(?m)a$", "a\nb", true, false),
        ("(?m)^b", "a\nb", true, false),
        (".", "\n", false, false),
        ("(?s).", "\n", true, true),
        ("[^a]", "\n", true, true),
        // Scalars, not characters: a flag is two, and nothing is normalised.
        ("^.$", "😀", true, true),
        ("^.$", "🇪🇺", false, false),
        ("^..$", "🇪🇺", true, true),
        ("^.$", "e\u{301}", false, false),
        ("e", "e\u{301}", true, false),
        ("\u{301}", "e\u{301}", true, false),
        ("^é$", "e\u{301}", false, false),
        // ASCII classes and word boundaries.
        (#"\w"#, "é", false, false),
        (#"\d"#, "٣", false, false),
        (#"\s"#, "\u{A0}", false, false),
        (#"\W"#, "é", true, true),
        (#"\bé"#, "é", false, false),
        (#"a\b"#, "aé", true, false),
        (#"\B"#, "", true, true),
        (#"\b"#, "", false, false),
        // Case folding of the shared alphabet.
        ("(?i)é", "É", true, true),
        ("(?i)[a-c]", "B", true, true),
        ("(?i)[^a]", "A", false, false),
        ("a(?i)b|c", "C", true, true),
        ("(?i:a)b", "AB", false, false),
        // Escapes both read alike.
        (#"[\-a]+"#, "-a", true, true),
        (#"\x41"#, "A", true, true),
        (#"\x{E9}"#, "é", true, true),
        (#"\Qa.b\E"#, "a.b", true, true),
        (#"\Qa.b\E"#, "axb", false, false),
        (#"\p{Greek}"#, "α", true, true),
    ]

    @Test("Primitives: RegexPattern and Swift's Regex agree on the named cases", arguments: agreed)
    func namedCase(_ pattern: String, _ subject: String, _ anywhere: Bool, _ whole: Bool) throws {
        let ours = try RegexPattern(pattern)
        let swift = try Self.swiftRegex(pattern)
        #expect(ours.matches(subject) == anywhere)
        #expect(ours.matchesWhole(subject) == whole)
        #expect(subject.contains(swift) == anywhere)
        #expect((subject.wholeMatch(of: swift) != nil) == whole)
    }

    /// Where the two differ, RegexPattern follows RE2 (its documented semantics: a policy's
    /// pattern means what it means in Go and RE2). (pattern, subject, RegexPattern's answer to
    /// a whole match, Swift's answer or nil where Swift rejects the pattern, why.) The
    /// generator leaves each of these constructs out.
    static let differences: [(String, String, Bool, Bool?, String)] = [
        (".", "\r", true, false, "RE2's `.` excludes only \\n; Swift's every line break (\\r \\v \\f U+0085 U+2028…)"),
        (".", "\u{2028}", true, false, "the same"),
        ("(?sm)a$..", "a\r\n", false, true, "RE2's lines end at \\n only; Swift's at \\r too"),
        (#"\s"#, "\u{0B}", false, true, "RE2's \\s leaves out \\v; Swift's ASCII \\s has it"),
        ("[[:alpha:]]", "é", false, true, "RE2's POSIX classes are ASCII; Swift's stay Unicode under asciiOnlyCharacterClasses"),
        (#"(?i)\W"#, "\u{212A}", false, true, "RE2 folds a class before negating it, and the Kelvin sign folds to k"),
        ("a{,2}", "aa", false, true, "RE2 reads `{,n}` as text; Swift as {0,n}"),
        // Swift bugs (toolchain 6.3.1) under scalar semantics, so the generator spells `\w` and
        // `\W` as explicit classes for Swift and leaves `\b` and `\B` out.
        (#"\b1"#, "1", true, false, "Swift's simple word boundary does not count digits as word characters"),
        (#"a\B1"#, "a1", true, false, "the same"),
        (#"\w😀"#, "_😀", true, false, "Swift's \\w misses `_` and digits before an emoji, a flag half or a combining mark"),
        (#"\w\x{301}"#, "1\u{301}", true, false, "the same"),
        (#"\W😀"#, "1😀", false, true, "the same, negated"),
        ("[a[b]]", "[]", true, false, "RE2's `[` in a class is a literal; Swift nests classes"),
        ("[]a]", "]", true, nil, "RE2 takes `]` first in a class as a literal; Swift rejects it"),
        (#"[\d-z]"#, "-", true, nil, "RE2 takes `-` after a class escape as a literal; Swift rejects it"),
        ("^*a", "a", true, nil, "RE2 repeats an assertion; Swift rejects it"),
        (#"\101"#, "A", true, nil, "RE2's octal escape; Swift reads a backreference"),
        (#"\pL"#, "é", true, nil, "RE2's one-letter Unicode class; Swift wants braces"),
    ]

    @Test("Primitives: where Swift's Regex differs, RegexPattern gives RE2's answer", arguments: differences)
    func knownDifference(_ pattern: String, _ subject: String, _ ours: Bool, _ swift: Bool?, _ why: String) throws {
        #expect(try RegexPattern(pattern).matchesWhole(subject) == ours, "\(why)")
        guard let swift else {
            #expect(throws: (any Error).self, "Swift now reads /\(pattern)/: \(why)") { _ = try Self.swiftRegex(pattern) }
            return
        }
        #expect(try (subject.wholeMatch(of: Self.swiftRegex(pattern)) != nil) == swift, "Swift now agrees: \(why)")
    }

    /// A few thousand generated patterns, each tried on generated subjects: some drawn from
    /// the pattern (so whole matches are common), some of them mutated, some random.
    @Test("Primitives: RegexPattern and Swift's Regex agree on generated patterns", arguments: [1, 2, 3, 4] as [UInt64])
    func generated(seed: UInt64) throws {
        var g = RegexGenerator(seed: seed)
        var disagreements: [String] = []
        var (pairs, found, whole) = (0, 0, 0)
        for _ in 0..<1000 {
            let node = g.pattern()
            let pattern = node.rendered(forSwift: false)
            let ours: RegexPattern
            let swift: Regex<AnyRegexOutput>
            do {
                ours = try RegexPattern(pattern)
                swift = try Self.swiftRegex(node.rendered(forSwift: true))
            } catch {
                disagreements.append("/\(pattern)/ rejected: \(error)")
                continue
            }
            var subjects = (0..<3).map { _ in g.sample(node) }
            subjects.append(g.mutate(subjects[0]))
            subjects += (0..<3).map { _ in g.randomSubject() }
            for subject in subjects {
                pairs += 1
                let (a, b) = (ours.matches(subject), subject.contains(swift))
                let (c, d) = (ours.matchesWhole(subject), subject.wholeMatch(of: swift) != nil)
                if a { found += 1 }
                if c { whole += 1 }
                if a != b || c != d {
                    disagreements.append(
                        "/\(pattern)/ on \(subject.debugDescription): RegexPattern \(a)/\(c), Swift \(b)/\(d) (anywhere/whole)")
                }
            }
        }
        #expect(
            disagreements.isEmpty, "\(disagreements.count) disagreements:\n\(disagreements.prefix(30).joined(separator: "\n"))")
        // A generator that only produced misses (or only hits) would agree trivially.
        #expect(found > pairs / 4 && found < pairs * 9 / 10, "\(found) of \(pairs) match somewhere")
        #expect(whole > pairs / 10, "\(whole) of \(pairs) match whole")
    }
}
