import Foundation
import Testing

@testable import ResidencyKit

@Suite struct ParsingErrorTests {
    /// One case per parser diagnostic (and the interesting variants): the marker shows
    /// where the error must point.
    @Test(arguments: [
        ("1️⃣polcy X \"t\" {}", "E0020"),
        ("let x = 1\n1️⃣}", "E0020"),
        ("let 1️⃣= 3", "E0021"),
        ("policy X \"t\" {\n  severity\n  1️⃣rationale \"r\"\n}", "E0021"),
        ("let a = b.1️⃣(c)", "E0021"),
        ("let a = every 1️⃣in xs: x", "E0021"),
        ("permit X \"t\" { permits 1️⃣}", "E0021"),
        ("let 1️⃣in = 3", "E0022"),
        ("let a = b.1️⃣count", "E0022"),
        ("policy X \"t\" { for destination 1️⃣every }", "E0022"),
        ("param p: 1️⃣= 3", "E0023"),
        ("param p: list<1️⃣>", "E0023"),
        ("let x 1️⃣3", "E0024"),
        ("let x = f(a 1️⃣b)", "E0024"),
        ("let x = [a 1️⃣b]", "E0024"),
        ("let x = (a 1️⃣b)", "E0024"),
        ("let x = a not 1️⃣b", "E0024"),
        ("let x = every v 1️⃣of xs: v", "E0024"),
        ("let x = every v in xs 1️⃣v", "E0024"),
        ("let x = count 1️⃣x", "E0024"),
        ("let x = count(v in xs 1️⃣v)", "E0024"),
        ("param p 1️⃣string", "E0024"),
        ("param p: list<int 1️⃣", "E0024"),
        ("define f 1️⃣= 1", "E0024"),
        ("define f(a: int 1️⃣b: int) = 1", "E0024"),
        ("policy X \"t\" 1️⃣severity error }", "E0024"),
        ("policy X \"t\" { references 1️⃣\"a\" }", "E0024"),
        ("policy X \"t\" { references [\"a\" 1️⃣\"b\"] }", "E0024"),
        ("policy X \"t\" {\n  require d.x == 1️⃣message \"m\"\n}", "E0025"),
        ("let x = 1️⃣)", "E0025"),
        ("let x = a == 1️⃣every v in xs: v", "E0025"),
        ("let x = a and 1️⃣or", "E0025"),
        ("let x = a ==\n1️⃣policy P \"t\" {}", "E0025"),
        ("policy X 1️⃣{ }", "E0026"),
        ("import 1️⃣x", "E0026"),
        ("policy X \"t\" { rationale 1️⃣42 }", "E0026"),
        ("policy X \"t\" { message 1️⃣d.name }", "E0026"),
        ("policy X \"t\" { references [\"a\", 1️⃣b] }", "E0026"),
        ("policy RES-001 \"t\" 1️⃣{\n  severity error\n", "E0027"),
        ("policy A \"t\" {\n  severity error\n1️⃣let x = 1", "E0027"),
        ("policy A \"t\" {\n  1️⃣sevrity error\n}", "E0028"),
        ("policy A \"t\" {\n  require a 1️⃣b c\n}", "E0028"),
        ("permit A \"t\" { 1️⃣42 }", "E0028"),
        ("policy A \"t\" { 1️⃣basis \"x\" }", "E0029"),
        ("permit A \"t\" { 1️⃣require x }", "E0029"),
        ("permit A \"t\" { 1️⃣severity error }", "E0029"),
        ("policy A \"t\" {\n  require a\n  1️⃣require b\n}", "E0030"),
        ("policy A \"t\" { rationale \"x 1️⃣{y}\" }", "E0031"),
        ("policy A \"1️⃣{t}\" { }", "E0031"),
        ("let s = \"a1️⃣{b}\"", "E0031"),
        ("import \"1️⃣{x}.policy\"", "E0031"),
        ("policy A \"t\" { references [\"1️⃣{x}\"] }", "E0031"),
        ("policy A \"t\" { message \"{f(\"1️⃣{x}\")}\" }", "E0031"),
        ("policy A \"t\" { message \"{a 1️⃣b}\" }", "E0032"),
        ("policy A \"t\" { message \"{a 1️⃣)}\" }", "E0032"),
        ("let x = a == b 1️⃣== c", "E0033"),
        ("let x = a < b 1️⃣not in c", "E0033"),
        ("policy A \"t\" { for 1️⃣where x }", "E0037"),
        ("policy A \"t\" { for destination 1️⃣}", "E0037"),
        ("policy A \"t\" { expect 1️⃣all }", "E0038"),
        ("policy A \"t\" { message \"1️⃣{}\" }", "E0039"),
        ("permit A \"t\" { basis \"x 1️⃣{ } y\" }", "E0039"),
    ])
    func singleError(_ source: String, _ code: String) {
        expectDiagnostics(source, [code])
    }

    @Test func messagesSayWhatWasExpectedAndFound() {
        let cases: [(String, String)] = [
            ("policy RES-001 \"t\" {\n  severity error\n", "expected `}` to close policy RES-001, found end of file"),
            ("policy X \"t\" {\n  require d.x == message \"m\"\n}", "expected an expression after `==`, found `message`"),
            (
                "policy X \"t\" { for where d.x }",
                "expected a resource kind and a variable after `for`, e.g. `for destination d`, found `where`"
            ),
            ("let x = a ==", "expected an expression after `==`, found end of file"),
            ("policy X \"t\" { message \"{a b}\" }", "expected the end of the interpolation, found `b`"),
            ("let x = (a b)", "expected `)` to close the `(` at 1:9, found `b`"),
            ("1️⃣polcy X", "expected a declaration (import, param, let, define, policy or permit), found `polcy`"),
            ("policy X \"t\" { require a\nrequire b }", "duplicate `require` clause in policy X"),
        ]
        for (source, message) in cases {
            let (_, diagnostics) = Parser.parse(SourceFile(path: "t", text: Marked(source).text))
            #expect(diagnostics.map(\.message) == [message], "for \(source)")
        }
    }

    @Test func helpsAndNotes() throws {
        let typo = expectDiagnostics("1️⃣polcy X \"t\" {}", ["E0020"])
        #expect(typo.first?.help == "did you mean `policy`?")

        let clause = expectDiagnostics("policy A \"t\" { 1️⃣mesage \"m\" }", ["E0028"])
        #expect(clause.first?.help == "did you mean `message`?")

        let interpolation = expectDiagnostics("let s = \"a1️⃣{b}\"", ["E0031"])
        #expect(
            interpolation.first?.help
                == "interpolation is only allowed in message, remediation and basis; write {{ for a literal brace")

        let text = "policy A \"t\" {\n  severity error\n  severity warning\n}"
        let (_, duplicates) = Parser.parse(SourceFile(path: "t", text: text))
        let duplicate = try #require(duplicates.first)
        #expect(duplicate.range?.start.line == 3)
        #expect(duplicate.notes.first?.message == "the first `severity` is here")
        #expect(duplicate.notes.first?.range?.start.line == 2)

        let (_, unclosed) = Parser.parse(SourceFile(path: "t", text: "policy A \"t\" {\n  expect some\n"))
        let eof = try #require(unclosed.first)
        #expect(eof.range?.start.column == 14)
        #expect(eof.notes.first?.message == "the file ends here")
        #expect(eof.notes.first?.range?.start.line == 3)
    }

    @Test func misplacedAndDuplicateClausesAreNotKept() throws {
        let text = "policy A \"t\" { require a require b basis \"x\" }"
        let (file, diagnostics) = Parser.parse(SourceFile(path: "t", text: text))
        #expect(diagnostics.map(\.code) == ["E0030", "E0029"])
        #expect(file.declarations.map(SExpr.print) == ["(policy A \"t\" (require a))"])
    }

    @Test func everyErrorInAFileIsReported() {
        let source = """
            policy A "t" {
              severity
              1️⃣rationale "ok"
              require d.x ==
              2️⃣message "fine"
            }
            3️⃣polcy B "t" {}
            let x = (a
            4️⃣permit C "t" {
              5️⃣require x
              basis "6️⃣{}"
              where 7️⃣@ and 8️⃣2026-02-30
            }
            let y = [1 9️⃣2]
            """
        expectDiagnostics(source, ["E0021", "E0025", "E0020", "E0024", "E0029", "E0039", "E0001", "E0009", "E0024"])
    }

    @Test func recoveryKeepsTheRestOfTheFile() {
        let source = """
            policy A "t" {
              where (((
              require d.ok
              message "m"
            }
            let z = 1
            """
        let (file, diagnostics) = Parser.parse(SourceFile(path: "t", text: source))
        #expect(diagnostics.map(\.code) == ["E0025"])
        #expect(
            file.declarations.map(SExpr.print) == [
                "(policy A \"t\" (where <invalid>) (require (. d ok)) (message \"m\"))",
                "(let z _ 1)",
            ])
    }

    @Test func missingPartsOfAHeaderStillParseTheBlock() {
        expectDiagnostics("policy 1️⃣\"t\" {\n  require 2️⃣}", ["E0021", "E0025"])
    }

    /// Every code in SyntaxDiagnostics.swift is unique and documented.
    @Test func codesAreUniqueAndDocumented() throws {
        let source = try String(
            contentsOf: repositoryRoot.appendingPathComponent("Sources/ResidencyKit/Language/SyntaxDiagnostics.swift"),
            encoding: .utf8)
        let docs = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
        let codes = source.matches(of: /\.(E\d{4})\b/).map { String($0.output.1) }
        #expect(codes.count >= 30)
        #expect(Set(codes).count == codes.count, "a code is used twice")
        for code in codes {
            #expect(docs.contains("| `\(code)` |"), "\(code) is not documented")
            #expect(code >= "E0001" && code <= "E0099")
        }
    }
}
