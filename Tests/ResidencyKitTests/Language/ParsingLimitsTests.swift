import Testing

@testable import ResidencyKit

private func repeated(_ s: String, _ n: Int) -> String { String(repeating: s, count: n) }

/// The limits that keep the parser (and every later pass) off the end of the stack,
/// whatever the input.
@Suite struct ParsingLimitsTests {
    static let limit = Diagnostic.maxExpressionNesting

    @Test func nestingUpToTheLimitIsAllowed() {
        let n = Self.limit
        parseClean("let x = " + repeated("(", n) + "a" + repeated(")", n))
        parseClean("let x = " + repeated("not ", n) + "a == b")
        parseClean("let x = " + repeated("[", n) + "1" + repeated("]", n))
        parseClean("let x = " + repeated("f(", n) + "1" + repeated(")", n))
        parseClean("let x = " + repeated("a.f(", n) + "1" + repeated(")", n))
    }

    @Test func oneLevelMoreIsAnError() {
        let n = Self.limit
        let parens = expectDiagnostics("let x = " + repeated("(", n) + "1️⃣(a" + repeated(")", n + 1), ["E0034"])
        #expect(parens.first?.message == "expression is nested too deeply (the limit is 64 levels)")
        expectDiagnostics("let x = " + repeated("not ", n) + "1️⃣not a", ["E0034"])
        expectDiagnostics("let x = " + repeated("[", n) + "1️⃣[1" + repeated("]", n + 1), ["E0034"])
        expectDiagnostics("let x = " + repeated("f(", n) + "f1️⃣(1" + repeated(")", n + 1), ["E0034"])
        // Counts are nested levels too (and past four, too deeply nested quantifiers).
        expectDiagnostics(
            "let x = count(a in xs where count(b in a where count(c in b where count(d in c where 2️⃣count(e in d where "
                + repeated("(", n - 5) + "1️⃣(e))))))" + repeated(")", n - 5), ["E0034", "E0035"])
    }

    @Test func oneHundredThousandParenthesesGiveOneError() {
        expectDiagnostics(
            "let x = " + repeated("(", 64) + "1️⃣" + repeated("(", 100_000 - 64) + "a" + repeated(")", 100_000), ["E0034"])
        expectDiagnostics("let x = " + repeated("(", 64) + "1️⃣" + repeated("(", 100_000 - 64), ["E0034"])
    }

    @Test func oneHundredThousandNotsGiveOneError() {
        expectDiagnostics("let x = " + repeated("not ", 64) + "1️⃣" + repeated("not ", 100_000 - 64) + "a", ["E0034"])
    }

    @Test func theParserRecoversAfterTooDeepNesting() {
        let source =
            "policy A \"t\" {\n  require " + repeated("(", 64) + "1️⃣" + repeated("(", 100_000) + "x" + repeated(")", 100_064)
            + "\n  message \"m\"\n}\nlet y = 2️⃣)"
        let diagnostics = expectDiagnostics(source, ["E0034", "E0025"])
        #expect(diagnostics.count == 2)
    }

    @Test func quantifiersNestAtMostFourDeep() {
        parseClean("let x = every a in xs: some b in a: every c in b: some d in c: d")
        expectDiagnostics("let x = every a in xs: some b in a: every c in b: some d in c: 1️⃣every e in d: e", ["E0035"])
        expectDiagnostics(
            "let x = count(a in xs where count(b in a where count(c in b where count(d in c where 1️⃣count(e in d) > 0) > 0) > 0) > 0)",
            ["E0035"])
        // Only the first level past the limit is reported.
        expectDiagnostics(
            "let x = every a in xs: every b in a: every c in b: every d in c: 1️⃣every e in d: every f in e: f", ["E0035"])
        // Side by side is not nested.
        parseClean(
            "let x = (every a in xs: some b in a: every c in b: some d in c: d) and (every a in xs: some b in a: every c in b: some d in c: d)"
        )
    }

    @Test func longChainsAreBoundedToo() {
        expectDiagnostics("let x = 1️⃣a" + repeated(".b", 100_000), ["E0036"])
        expectDiagnostics("let x = 1️⃣a" + repeated(" or a", 300), ["E0036"])
        expectDiagnostics("let x = 1️⃣a" + repeated(" ?? a", 100_000), ["E0036"])
        parseClean("let x = a" + repeated(" or a", 200))
        parseClean("let x = [" + repeated("1, ", 100_000) + "]")
    }

    @Test func typesNestAtMost64Deep() {
        parseClean("param p: " + repeated("list<", 64) + "int" + repeated(">", 64))
        expectDiagnostics(
            "param p: " + repeated("list<", 64) + "1️⃣" + repeated("list<", 100_000) + "int" + repeated(">", 100_064), ["E0040"])
    }

    /// Random token soup: the parser must always terminate, and every diagnostic must
    /// point inside the file.
    @Test func randomInputTerminates() {
        let vocabulary = [
            "policy", "permit", "let", "param", "define", "import", "severity", "require", "where", "message", "for",
            "expect", "some", "every", "count", "not", "in", "and", "or", "x", "RES-1", "(", ")", "[", "]", "{", "}",
            ",", ":", ".", "=", "==", "<", ">", "??", "\"s\"", "\"{x}\"", "\"{\"", "1", "2025-01-01", "@", "list", "\n",
        ]
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<60 {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += vocabulary[Int((seed >> 33) % UInt64(vocabulary.count))] + " "
            }
            let file = SourceFile(path: "t", text: text)
            let (_, diagnostics) = Parser.parse(file)
            for d in diagnostics {
                let offset = d.range?.start.offset ?? -1
                #expect(offset >= 0 && offset <= file.bytes.count, "\(d.message) in \(text)")
            }
        }
    }
}
