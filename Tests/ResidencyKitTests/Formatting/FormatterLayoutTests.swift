import Testing

@testable import ResidencyKit

/// One rule of the canonical layout per case, input → output (docs/formatting.md).
@Suite struct FormatterLayoutTests {
    static let rules: [(rule: String, input: String, output: String)] = [
        (
            "one space around operators and after commas and colons, none inside brackets",
            "let x=f( a ,b )==[ 1,2 ]and not(y)\n",
            "let x = f(a, b) == [1, 2] and not (y)\n"
        ),
        (
            "text clauses padded to the longest text-clause keyword of the block; for, where, require one space",
            "permit P \"t\" {\n permits Q\n rationale \"r\"\n for destination d\n where true\n basis \"b\"\n}\n",
            "permit P \"t\" {\n  permits   Q\n  rationale \"r\"\n  for destination d\n  where true\n  basis     \"b\"\n}\n"
        ),
        (
            "continuation strings aligned under the first",
            "policy P \"t\" {\n message \"a\"\n \"b\"\n}\n",
            "policy P \"t\" {\n  message \"a\"\n          \"b\"\n}\n"
        ),
        (
            "end-of-line comments of consecutive lines share a column, two spaces after the longest line",
            "let a = 1 # one\nlet bbb = 2     # two\n\nlet c = 3     # three\n",
            "let a = 1    # one\nlet bbb = 2  # two\n\nlet c = 3  # three\n"
        ),
        (
            "a where that does not fit breaks before each and, indented under the clause",
            "policy P \"t\" {\n where aaaaaaaaaaaaaaaaaaaaaaaaaaaaa and bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb and ccccccccccccccccccccccccccccc\n}\n",
            "policy P \"t\" {\n  where aaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n    and bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n    and ccccccccccccccccccccccccccccc\n}\n"
        ),
        (
            "a declaration that does not fit continues on the next line, indented",
            "define usesServerHost(s: Source): bool = s.library in [\"analytics-node\", \"analytics-python\", \"analytics-java\"]\n",
            "define usesServerHost(s: Source): bool =\n  s.library in [\"analytics-node\", \"analytics-python\", \"analytics-java\"]\n"
        ),
        (
            "integers in decimal without leading zeros; a trailing comma dropped",
            "let n = [007, 0,]\n",
            "let n = [7, 0]\n"
        ),
        (
            "a block is set off by a blank line; other declarations keep the author's grouping",
            "let a = 1\nlet b = 2\npolicy P \"t\" {\n}\nlet c = 3\n\n\n\nlet d = 4\n",
            "let a = 1\nlet b = 2\n\npolicy P \"t\" {\n}\n\nlet c = 3\n\nlet d = 4\n"
        ),
    ]

    @Test(arguments: rules.indices)
    func rule(_ i: Int) throws {
        let (rule, input, output) = Self.rules[i]
        #expect(try FormatterSupport.format(input) == output, "\(rule)")
    }

    @Test func syntaxErrorsAreReportedNotFormatted() {
        let output = PolicyFormatter.format("let x = (1\nlet y = 2\n", path: "bad.policy")
        #expect(output.text == nil)
        let first = output.diagnostics.first
        #expect(first?.code == "E0024")
        #expect(first?.range.map { "\($0.file):\($0.start.line):\($0.start.column)" } == "bad.policy:2:1")
    }

    @Test func textThatIsNotUTF8IsNotFormatted() {
        let output = PolicyFormatter.format(SourceFile(path: "bad.policy", bytes: Array("let x = \"".utf8) + [0xFF, 0x22, 0x0A]))
        #expect(output.text == nil)
        #expect(output.diagnostics.map(\.code) == ["E1202"])
        #expect(output.diagnostics.first?.range?.start.column == 10)
    }
}
