import Testing

@testable import ResidencyKit

/// Parses `let x = <source>` and prints the value.
private func expression(_ source: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
    let file = parseClean("let x = " + source, sourceLocation: sourceLocation)
    guard file.declarations.count == 1, case .constant(let decl) = file.declarations[0] else { return "<no let>" }
    return SExpr.print(decl.value)
}

@Suite struct ParsingExpressionTests {
    @Test(arguments: [
        // Literals and names.
        ("true", "true"),
        // Arithmetic: `*` `/` over `+` `-`, left to right, below comparisons, above `??`.
        ("1 + 2 * 3", "(+ 1 (* 2 3))"),
        ("10 - 2 - 3", "(- (- 10 2) 3)"),
        ("a * b / c", "(/ (* a b) c)"),
        ("a + b == c - d", "(== (+ a b) (- c d))"),
        ("a ?? 1 + 2", "(+ (?? a 1) 2)"),
        ("a-b - c", "(- a-b c)"),
        ("audit.date + days(30)", "(+ (. audit date) (call days 30))"),
        // Indexing binds like `.`.
        (#"d.settings["apiRegion"]"#, #"([] (. d settings) "apiRegion")"#),
        (#"m["a"]["b"].x"#, #"(. ([] ([] m "a") "b") x)"#),
        (#"l[0] == m[k + 1]"#, #"(== ([] l 0) ([] m (+ k 1)))"#),
        ("false", "false"),
        ("42", "42"),
        ("2025-04-03", "(date 2025-04-03)"),
        ("\"eu\"", "\"eu\""),
        ("\"a\\\"b{{c}}\"", "\"a\\\"b{c}\""),
        ("re\"^eu-\\d+$\"", "(re \"^eu-\\\\d+$\")"),
        ("d", "d"),
        ("RES-001", "RES-001"),
        ("[]", "[]"),
        ("[1, 2, 3,]", "[1 2 3]"),
        ("[[1], [\"a\", b]]", "[[1] [\"a\" b]]"),
        // Postfix: members and calls.
        ("a.b.c", "(. (. a b) c)"),
        ("d.message", "(. d message)"),
        ("s.endsWith(\"/v1\")", "(call .endsWith s \"/v1\")"),
        ("f()", "(call f)"),
        ("f(a, b,)", "(call f a b)"),
        ("a.f().g", "(. (call .f a) g)"),
        ("a.f(b.g(c)).h(1)", "(call .h (call .f a (call .g b c)) 1)"),
        ("(a).b", "(. a b)"),
        // `??` binds tighter than comparisons and is left-associative.
        ("a ?? b ?? c", "(?? (?? a b) c)"),
        ("a.b ?? \"x\"", "(?? (. a b) \"x\")"),
        ("a ?? b == c ?? d", "(== (?? a b) (?? c d))"),
        // Every comparison operator.
        ("a == b", "(== a b)"),
        ("a != b", "(!= a b)"),
        ("a < b", "(< a b)"),
        ("a <= b", "(<= a b)"),
        ("a > b", "(> a b)"),
        ("a >= b", "(>= a b)"),
        ("a in [1, 2]", "(in a [1 2])"),
        ("a not in b", "(not-in a b)"),
        ("d.x >= 2025-01-01", "(>= (. d x) (date 2025-01-01))"),
        // not / and / or.
        ("not a", "(not a)"),
        ("not not a", "(not (not a))"),
        ("not a == b", "(not (== a b))"),
        ("not a not in b", "(not (not-in a b))"),
        ("not a and b", "(and (not a) b)"),
        ("a and b and c", "(and (and a b) c)"),
        ("a or b or c", "(or (or a b) c)"),
        ("a or b and c", "(or a (and b c))"),
        ("a and b or c", "(or (and a b) c)"),
        ("a and not b or c", "(or (and a (not b)) c)"),
        ("(a or b) and c", "(and (or a b) c)"),
        ("a == 1 or b != 2 and c in d", "(or (== a 1) (and (!= b 2) (in c d)))"),
        // Quantifiers: the body extends as far right as it can.
        (
            "every w in d.ws: w.enabled and w.loc == \"eu\"",
            "(every w (. d ws) (and (. w enabled) (== (. w loc) \"eu\")))"
        ),
        ("(every w in ws: w.a) and b", "(and (every w ws (. w a)) b)"),
        ("some x in xs ?? []: x", "(some x (?? xs []) x)"),
        ("a or not every x in xs: x", "(or a (not (every x xs x)))"),
        ("every x in xs: some y in x.ys: y == x", "(every x xs (some y (. x ys) (== y x)))"),
        ("count(x in xs)", "(count x xs)"),
        ("count(x in d.xs where x.a and x.b) > 2", "(> (count x (. d xs) (and (. x a) (. x b))) 2)"),
        ("f(every x in xs: x, b)", "(call f (every x xs x) b)"),
    ])
    func precedence(_ source: String, _ expected: String) {
        #expect(expression(source) == expected)
    }

    @Test func rangesCoverExactlyTheSourceText() throws {
        let text = "let x = (a or b) and s.endsWith(\"/v1\") and not every w in d.ws: w.ok"
        let file = parseClean(text)
        guard case .constant(let decl) = try #require(file.declarations.first) else { Issue.record("not a let"); return }
        #expect(slice(text, decl.range) == text)
        #expect(slice(text, decl.value.range) == "(a or b) and s.endsWith(\"/v1\") and not every w in d.ws: w.ok")
        guard case .binary(.and, let lhs, let negation) = decl.value.kind,
            case .binary(.and, let parenthesised, let call) = lhs.kind,
            case .call(let receiver?, let function, let arguments) = call.kind,
            case .unary(.not, let every) = negation.kind,
            case .quantified(_, let variable, let domain, let body) = every.kind
        else { Issue.record("unexpected shape \(SExpr.print(decl.value))"); return }
        #expect(slice(text, parenthesised.range) == "(a or b)")
        #expect(slice(text, call.range) == "s.endsWith(\"/v1\")")
        #expect(slice(text, receiver.range) == "s")
        #expect(slice(text, function.range) == "endsWith")
        #expect(slice(text, arguments[0].range) == "\"/v1\"")
        #expect(slice(text, negation.range) == "not every w in d.ws: w.ok")
        #expect(slice(text, every.range) == "every w in d.ws: w.ok")
        #expect(slice(text, variable.range) == "w")
        #expect(slice(text, domain.range) == "d.ws")
        #expect(slice(text, body.range) == "w.ok")
    }

    @Test func rangesOfListsCountsAndComparisons() throws {
        let text = "let x = count(v in [1, 2] where v >= 1) != 0"
        let file = parseClean(text)
        guard case .constant(let decl) = try #require(file.declarations.first),
            case .binary(.notEqual, let count, let zero) = decl.value.kind,
            case .count(_, let domain, let condition?) = count.kind
        else { Issue.record("unexpected shape"); return }
        #expect(slice(text, count.range) == "count(v in [1, 2] where v >= 1)")
        #expect(slice(text, domain.range) == "[1, 2]")
        #expect(slice(text, condition.range) == "v >= 1")
        #expect(slice(text, zero.range) == "0")
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let text = "let x = \"üü\" ?? y"
        let file = parseClean(text)
        guard case .constant(let decl) = try #require(file.declarations.first),
            case .binary(_, _, let rhs) = decl.value.kind
        else { Issue.record("unexpected shape"); return }
        #expect(rhs.range.start.column == 17)
        #expect(rhs.range.start.offset == 18)
    }
}
