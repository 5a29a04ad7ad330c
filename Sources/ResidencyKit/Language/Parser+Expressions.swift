/// Expressions, one function per precedence level of the grammar (lowest first):
/// `or`, `and`, `not`/quantifiers, comparison, `+ -`, `* /`, `??`, postfix (`.f`, `.f(…)`),
/// primary.
extension Parser.State {
    /// An expression with the height of its tree, which bounds how deep later recursive
    /// passes over it go (see `Diagnostic.maxExpressionHeight`).
    struct Node {
        var expr: Expr
        var height: Int
        var start: Int { expr.range.start.offset }
        var end: Int { expr.range.end.offset }
    }

    /// `expr = or_expr`
    mutating func parseExpression() -> Node { parseOr() }

    private mutating func parseOr() -> Node {
        var lhs = parseAnd()
        while atWord("or") {
            advance()
            lhs = binary(.or, lhs, parseAnd())
        }
        return lhs
    }

    private mutating func parseAnd() -> Node {
        var lhs = parseNot()
        while atWord("and") {
            advance()
            lhs = binary(.and, lhs, parseNot())
        }
        return lhs
    }

    /// `not_expr = "not" not_expr | quantified | comparison`
    private mutating func parseNot() -> Node {
        if atWord("not") {
            guard enterNesting() else { return invalidNode() }
            defer { nesting -= 1 }
            let keyword = advance()
            let operand = parseNot()
            return make(.unary(.not, operand.expr), keyword.start, operand.end, [operand])
        }
        if atWord("every") { return parseQuantified(.every) }
        if atWord("some") { return parseQuantified(.some) }
        return parseComparison()
    }

    /// `quantified = ( "every" | "some" ) IDENT "in" coalesce ":" expr`
    private mutating func parseQuantified(_ quantifier: Expr.Quantifier) -> Node {
        let keyword = advance()
        enterQuantifier(keyword)
        defer { quantifiers -= 1 }
        let variable = parseBoundVariable(after: "`\(keyword.text)`", example: "\(keyword.text) w in d.warehouses: w.enabled")
        expectIn(after: "`\(keyword.text) \(variable.name)`")
        let domain = parseCoalesce()
        expect(
            .colon,
            .expectedToken(
                "`:`", "after `\(keyword.text) \(variable.name) in …`", found: describe(current),
                at: range(of: current), help: "the condition follows a colon: `every w in ws: w.enabled`"))
        guard enterNesting() else { return invalidNode() }
        defer { nesting -= 1 }
        let body = parseExpression()
        return make(
            .quantified(quantifier, variable: variable, domain: domain.expr, body: body.expr),
            keyword.start, body.end, [domain, body])
    }

    /// `comparison = sum [ compare_op sum ]`
    private mutating func parseComparison() -> Node {
        let lhs = parseSum()
        if atWord("not"), !(peek().kind == .identifier && peek().text == "in") {
            // After an operand, `not` can only begin `not in`.
            let not = advance()
            fail(
                .expectedToken(
                    "`in`", "after `not`", found: describe(current), at: range(of: current),
                    help: "write `x not in xs`, or `not (…)` to negate a condition"))
            return make(.invalid, lhs.start, not.end, [])
        }
        if at(.assign) {
            // `=` where `==` was meant: said once, then read as `==` so that the rest of the
            // policy is checked rather than lost to one typo.
            emit(.assignInCondition(at: range(of: current)))
            advance()
            return binary(.equal, lhs, parseSum())
        }
        guard let (op, length) = compareOperator() else { return lhs }
        for _ in 0..<length { advance() }
        let rhs = parseSum()
        let result = binary(op, lhs, rhs)
        // Comparisons do not chain. Report the second operator once and read the rest of
        // the chain, so that the parser stays in step and reports nothing more.
        var reported = false
        while let (_, extra) = compareOperator() {
            let start = current.start
            for _ in 0..<extra { advance() }
            if !reported { emit(.chainedComparison(at: range(start, previousEnd))) }
            reported = true
            _ = parseSum()
        }
        return result
    }

    /// The comparison operator at the current token and how many tokens it spans.
    private func compareOperator() -> (Expr.BinaryOperator, Int)? {
        switch current.kind {
        case .eq: return (.equal, 1)
        case .ne: return (.notEqual, 1)
        case .lt: return (.less, 1)
        case .le: return (.lessEqual, 1)
        case .gt: return (.greater, 1)
        case .ge: return (.greaterEqual, 1)
        case .identifier where current.text == "in": return (.in, 1)
        case .identifier where current.text == "not" && peek().kind == .identifier && peek().text == "in": return (.notIn, 2)
        default: return nil
        }
    }

    /// `sum = product { ( "+" | "-" ) product }`
    private mutating func parseSum() -> Node {
        parseLeftAssociative([.plus: .add, .minus: .subtract]) { $0.parseProduct() }
    }

    /// `product = coalesce { ( "*" | "/" ) coalesce }`
    private mutating func parseProduct() -> Node {
        parseLeftAssociative([.star: .multiply, .slash: .divide]) { $0.parseCoalesce() }
    }

    /// One level of left-associative operators: operands read by `operand`, joined left to
    /// right by the operators the tokens in `operators` stand for.
    private mutating func parseLeftAssociative(
        _ operators: [Token.Kind: Expr.BinaryOperator], _ operand: (inout Self) -> Node
    ) -> Node {
        var lhs = operand(&self)
        while let op = operators[current.kind] {
            advance()
            lhs = binary(op, lhs, operand(&self))
        }
        return lhs
    }

    /// `coalesce = postfix { "??" postfix }`
    private mutating func parseCoalesce() -> Node {
        parseLeftAssociative([.coalesce: .coalesce]) { $0.parsePostfix() }
    }

    /// `postfix = primary { "." IDENT [ arguments ] | "[" expr "]" }`
    private mutating func parsePostfix() -> Node {
        var node = parsePrimary()
        while at(.dot) || at(.lbracket) {
            if at(.lbracket) {
                guard enterNesting() else { return invalidNode() }
                defer { nesting -= 1 }
                advance()
                let key = parseExpression()
                guard at(.rbracket) else {
                    fail(
                        .expectedToken(
                            "`]`", "after the key of `[…]`", found: describe(current), at: range(of: current),
                            help: "read a map's entry with `m[\"key\"]`, a list's element with `l[0]`"))
                    return make(.invalid, node.start, key.end, [])
                }
                let close = advance()
                node = make(.index(node.expr, key.expr), node.start, close.end, [node, key])
                continue
            }
            advance()
            let name = current
            guard name.kind == .identifier else {
                fail(.expectedName("a field or function name", after: "`.`", found: describe(name), at: range(of: name)))
                break
            }
            advance()
            checkNotReserved(name)
            let function = Identifier(name.text, range(of: name))
            if at(.lparen) {
                let (arguments, end) = parseArguments(of: name.text)
                node = make(
                    .call(receiver: node.expr, function: function, arguments: arguments.map(\.expr)),
                    node.start, end, [node] + arguments)
            } else {
                node = make(.member(node.expr, function), node.start, name.end, [node])
            }
        }
        return node
    }

    /// `arguments = "(" [ expr { "," expr } [ "," ] ] ")"`; returns the end of the `)`.
    private mutating func parseArguments(of function: String) -> ([Node], Int) {
        guard enterNesting() else { return ([], previousEnd) }
        defer { nesting -= 1 }
        advance()
        var arguments: [Node] = []
        while !at(.rparen) {
            arguments.append(parseExpression())
            guard at(.comma) else { break }
            advance()
        }
        guard at(.rparen) else {
            fail(.expectedToken("`,` or `)`", "in the call to `\(function)`", found: describe(current), at: range(of: current)))
            return (arguments, previousEnd)
        }
        return (arguments, advance().end)
    }

    /// `primary = literal | IDENT [ arguments ] | count(…) | "[" … "]" | "(" expr ")"`
    private mutating func parsePrimary() -> Node {
        let token = current
        switch token.kind {
        case .integer:
            advance()
            return make(.integer(token.number), token.start, token.end, [])
        case .date:
            advance()
            return make(.date(Day(daysSinceEpoch: Int32(truncatingIfNeeded: token.number))), token.start, token.end, [])
        case .string:
            return make(.string(textLiteral(advance()).value), token.start, token.end, [])
        case .regex:
            advance()
            return make(.regex(token.text), token.start, token.end, [])
        case .invalid:
            // The lexer has reported it; stand in for it and carry on.
            advance()
            return make(.invalid, token.start, token.end, [])
        case .lparen:
            return parseParenthesized()
        case .lbracket:
            return parseList()
        case .identifier where token.text == "true" || token.text == "false":
            advance()
            return make(.bool(token.text == "true"), token.start, token.end, [])
        case .identifier where token.text == "count":
            return parseCount()
        case .identifier where !Token.reserved.contains(token.text) && !atStopWord:
            advance()
            let name = Identifier(token.text, range(of: token))
            guard at(.lparen) else { return make(.name(token.text), token.start, token.end, []) }
            let (arguments, end) = parseArguments(of: token.text)
            return make(.call(receiver: nil, function: name, arguments: arguments.map(\.expr)), token.start, end, arguments)
        default:
            fail(
                .expectedExpression(
                    after: previousDescription, found: describe(token), at: range(of: token),
                    help: expressionHelp(token)))
            return invalidNode()
        }
    }

    /// `"(" expr ")"`: the node keeps the inner expression's kind but covers the
    /// parentheses, since they are part of its source text.
    private mutating func parseParenthesized() -> Node {
        guard enterNesting() else { return invalidNode() }
        defer { nesting -= 1 }
        let open = advance()
        let inner = parseExpression()
        let end: Int
        if at(.rparen) {
            end = advance().end
        } else {
            let place = locator.location(of: open.start)
            fail(
                .expectedToken(
                    "`)`", "to close the `(` at \(place.line):\(place.column)", found: describe(current),
                    at: range(of: current)))
            end = previousEnd
        }
        return Node(expr: Expr(inner.expr.kind, range(open.start, end)), height: inner.height)
    }

    /// `"[" [ expr { "," expr } [ "," ] ] "]"`
    private mutating func parseList() -> Node {
        guard enterNesting() else { return invalidNode() }
        defer { nesting -= 1 }
        let open = advance()
        var elements: [Node] = []
        while !at(.rbracket) {
            elements.append(parseExpression())
            guard at(.comma) else { break }
            advance()
        }
        let end: Int
        if at(.rbracket) {
            end = advance().end
        } else {
            fail(.expectedToken("`,` or `]`", "in the list", found: describe(current), at: range(of: current)))
            end = previousEnd
        }
        return make(.list(elements.map(\.expr)), open.start, end, elements)
    }

    /// `"count" "(" IDENT "in" coalesce [ "where" expr ] ")"`
    private mutating func parseCount() -> Node {
        let keyword = advance()
        enterQuantifier(keyword)
        defer { quantifiers -= 1 }
        guard enterNesting() else { return invalidNode() }
        defer { nesting -= 1 }
        expect(
            .lparen,
            .expectedToken(
                "`(`", "after `count`", found: describe(current), at: range(of: current),
                help: "count is written `count(x in xs where …)`"))
        let variable = parseBoundVariable(after: "`count(`", example: "count(w in d.warehouses where w.enabled)")
        expectIn(after: "`count(\(variable.name)`")
        let domain = parseCoalesce()
        var condition: Node?
        if atWord("where") {
            advance()
            condition = parseExpression()
        }
        let end: Int
        if at(.rparen) {
            end = advance().end
        } else {
            fail(
                .expectedToken(
                    condition == nil ? "`where` or `)`" : "`)`", "to end `count(…)`", found: describe(current),
                    at: range(of: current)))
            end = previousEnd
        }
        return make(
            .count(variable: variable, domain: domain.expr, condition: condition?.expr),
            keyword.start, end, [domain] + (condition.map { [$0] } ?? []))
    }

    // MARK: - Helpers

    /// The variable of a quantifier or count. `in` right away means it was left out
    /// (`every in xs`), which deserves that message rather than a reserved-word error.
    private mutating func parseBoundVariable(after: String, example: String) -> Identifier {
        if atWord("in"), !(peek().kind == .identifier && peek().text == "in") {
            fail(
                .expectedName("a variable name", after: after, found: describe(current), at: range(of: current), example: example)
            )
            return Identifier("", range(previousEnd, previousEnd))
        }
        return expectName("a variable name", after: after, example: example)
    }

    private mutating func expectIn(after: String) {
        if atWord("in") {
            advance()
        } else {
            fail(.expectedToken("`in`", "after \(after)", found: describe(current), at: range(of: current)))
        }
    }

    /// Counts one level of nesting, or reports that the limit is reached. The check comes
    /// before the recursive call, so no input can take the parser deeper than the limit.
    private mutating func enterNesting() -> Bool {
        guard nesting < Diagnostic.maxExpressionNesting else {
            fail(.nestingTooDeep(at: range(of: current)))
            return false
        }
        nesting += 1
        return true
    }

    /// Counts one quantifier level; only the first level past the limit is reported, as
    /// deeper ones are inside it.
    private mutating func enterQuantifier(_ keyword: Token) {
        quantifiers += 1
        if quantifiers == Diagnostic.maxQuantifierNesting + 1 {
            emit(.quantifiersTooDeep(at: range(of: keyword)))
        }
    }

    private mutating func binary(_ op: Expr.BinaryOperator, _ lhs: Node, _ rhs: Node) -> Node {
        make(.binary(op, lhs.expr, rhs.expr), lhs.start, rhs.end, [lhs, rhs])
    }

    /// Builds a node over `start..<end`, enforcing the height limit.
    private mutating func make(_ kind: Expr.Kind, _ start: Int, _ end: Int, _ children: [Node]) -> Node {
        let height = 1 + (children.lazy.map(\.height).max() ?? 0)
        let whole = range(start, end)
        guard height <= Diagnostic.maxExpressionHeight else {
            fail(.expressionTooComplex(at: whole))
            return Node(expr: Expr(.invalid, whole), height: 1)
        }
        return Node(expr: Expr(kind, whole), height: height)
    }

    /// A placeholder for an expression that is missing; empty, where it should have begun.
    private func invalidNode() -> Node {
        Node(expr: Expr(.invalid, range(previousEnd, previousEnd)), height: 1)
    }

    /// "`==`" for "expected an expression after `==`"; nil at the start of an interpolation.
    private var previousDescription: String? {
        guard let previous, previous.kind != .string, previous.kind != .regex else { return nil }
        return "`\(previous.text)`"
    }

    private func expressionHelp(_ token: Token) -> String? {
        guard token.kind == .identifier else { return nil }
        switch token.text {
        case "every", "some": return "a quantifier cannot be an operand here; put it in parentheses: `(\(token.text) x in xs: …)`"
        case "not": return "put the negation in parentheses: `(not …)`"
        default: break
        }
        if atStopWord {
            return "`\(token.text)` begins the next \(Parser.clauseKeywords.contains(token.text) ? "clause" : "declaration")"
        }
        return nil
    }
}
