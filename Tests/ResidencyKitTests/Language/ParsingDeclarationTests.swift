import Testing

@testable import ResidencyKit

private func declarations(_ source: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [String] {
    parseClean(source, sourceLocation: sourceLocation).declarations.map(SExpr.print)
}

@Suite struct ParsingDeclarationTests {
    @Test(arguments: [
        ("import \"helpers.policy\"", "(import \"helpers.policy\")"),
        ("param n: int", "(param n int)"),
        ("param regions: list<string> = [\"eu\", \"eea\"]", "(param regions (list string) [\"eu\" \"eea\"])"),
        ("param grid: list<list<int>>= []", "(param grid (list (list int)) [])"),
        ("let x = 1", "(let x _ 1)"),
        ("let euRegions: list<string> = [\"eu-west\"]", "(let euRegions (list string) [\"eu-west\"])"),
        ("let list = 1", "(let list _ 1)"),
        ("define g() = 1", "(define g () _ 1)"),
        (
            "define isEU(r: string, n: list<int>): bool = r.startsWith(\"eu\") and n != []",
            "(define isEU ((r string) (n (list int))) bool (and (call .startsWith r \"eu\") (!= n [])))"
        ),
        ("policy P \"t\" {}", "(policy P \"t\")"),
        (
            "policy P \"long \" \"title\" { severity warning expect some }",
            "(policy P \"long title\" (severity warning) (expect some))"
        ),
        ("policy P \"t\" { references [] }", "(policy P \"t\" (references))"),
        ("policy P \"t\" { references [\"a\", \"b\",] }", "(policy P \"t\" (references \"a\" \"b\"))"),
        ("policy P \"t\" { rationale \"one \" \"two\" }", "(policy P \"t\" (rationale \"one two\"))"),
        (
            "policy P \"t\" { for source s where s.x require s.y }",
            "(policy P \"t\" (for source s) (where (. s x)) (require (. s y)))"
        ),
        (
            "policy P \"t\" { message \"a {d.name}!\" \" and {{more}}\" remediation \"{x}{y}\" }",
            "(policy P \"t\" (message \"a \" {(. d name)} \"! and {more}\") (remediation {x} {y}))"
        ),
        (
            "policy P \"t\" { message \"{d.tags.contains(\"}}\")}\" }",
            "(policy P \"t\" (message {(call .contains (. d tags) \"}\")}))"
        ),
        (
            "policy P \"t\" { require d.message == \"x\" message \"m\" }",
            "(policy P \"t\" (require (== (. d message) \"x\")) (message \"m\"))"
        ),
        (
            "permit SCC \"Standard clauses\" { permits RES-001, RES-002 for destination d where d.scc basis \"SCC signed {d.sccDate}\" }",
            "(permit SCC \"Standard clauses\" (permits RES-001 RES-002) (for destination d) (where (. d scc)) (basis \"SCC signed \" {(. d sccDate)}))"
        ),
    ])
    func declaration(_ source: String, _ expected: String) {
        #expect(declarations(source) == [expected])
    }

    @Test func clausesEndWhereTheNextKeywordBegins() {
        let source = """
            policy P "t" {
              where d.a
                and d.b
              require d.c ?? false
              message "m"
            }
            """
        #expect(
            declarations(source) == [
                "(policy P \"t\" (where (and (. d a) (. d b))) (require (?? (. d c) false)) (message \"m\"))"
            ])
    }

    @Test func declarationKeywordsAreOrdinaryNamesElsewhere() {
        // Clause keywords are names outside blocks and fields after `.`.
        #expect(declarations("let where = message.basis") == ["(let where _ (. message basis))"])
    }

    @Test func interpolationPositionsAreTrue() throws {
        let text = "policy P \"t\" {\n  message \"x {d.name} y\"\n}"
        let file = parseClean(text)
        guard case .policy(let p) = try #require(file.declarations.first),
            let message = p.message,
            case .expression(let e) = message.parts[1]
        else { Issue.record("unexpected shape"); return }
        #expect(slice(text, e.range) == "d.name")
        #expect((e.range.start.line, e.range.start.column) == (2, 15))
        #expect(slice(text, message.range) == "\"x {d.name} y\"")
    }

    @Test func declarationRangesCoverTheirText() {
        let text = """
            import "a.policy"
            param p: list<string> = []
            let x: int = 1
            define f(a: int) = a
            policy RES-001 "t" {
              for destination d
              expect some
            }
            permit X "t" { permits RES-001 }
            """
        let file = parseClean(text)
        #expect(
            file.declarations.map { slice(text, $0.range) } == [
                "import \"a.policy\"",
                "param p: list<string> = []",
                "let x: int = 1",
                "define f(a: int) = a",
                "policy RES-001 \"t\" {\n  for destination d\n  expect some\n}",
                "permit X \"t\" { permits RES-001 }",
            ])
        guard case .param(let param) = file.declarations[1], case .policy(let policy) = file.declarations[4] else {
            Issue.record("unexpected shape")
            return
        }
        #expect(slice(text, param.type.range) == "list<string>")
        #expect(policy.subject.map { slice(text, $0.range) } == "for destination d")
        #expect(policy.expectSome.map { slice(text, $0) } == "expect some")
        #expect(slice(text, policy.title.range) == "\"t\"")
        #expect(slice(text, policy.id.range) == "RES-001")
    }
}
