/// The layout of expressions. One space around binary operators and after commas and
/// colons, none inside brackets. Only `and`/`or` chains, lists, argument lists,
/// quantifier bodies and `count` conditions break; comparisons, `??` and member access
/// never do.
extension Layout {
    /// How tightly an expression binds, loosest first (the grammar's precedence levels).
    enum Level: Int, Comparable {
        case or = 1, and, not, comparison, sum, product, coalesce, postfix, primary
        static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    static func level(_ e: Expr) -> Level {
        switch e.kind {
        case .binary(.or, _, _): .or
        case .binary(.and, _, _): .and
        case .unary, .quantified: .not
        case .binary(.coalesce, _, _): .coalesce
        case .binary(.add, _, _), .binary(.subtract, _, _): .sum
        case .binary(.multiply, _, _), .binary(.divide, _, _): .product
        case .binary: .comparison
        case .member, .call, .index: .postfix
        default: .primary
        }
    }

    /// Whether the author wrote parentheses around `e`. The tree drops them (a parenthesised
    /// node keeps its inner kind and covers the parentheses), so they are read back from the
    /// source: the node starts with `(` and its first sub-expression does not.
    func isParenthesized(_ e: Expr) -> Bool {
        let start = e.range.start.offset
        guard start < source.bytes.count, source.bytes[start] == UInt8(ascii: "(") else { return false }
        guard let first = e.children.first else { return true }
        return first.range.start.offset != start
    }

    /// An expression; an `and`/`or` chain in it continues on lines indented `chainIndent`
    /// more than the line it starts on.
    mutating func expression(_ e: Expr, chainIndent: Int = 2) -> Doc {
        isParenthesized(e) ? parenthesized(e) : bare(e, chainIndent: chainIndent)
    }

    /// An operand that binds at least as tightly as `level`: parenthesised when the author
    /// did so, or when it must be to be read back the same (never the case for a tree the
    /// parser built, but the printer does not rely on that).
    private mutating func operand(_ e: Expr, _ level: Level, beforeMore: Bool = false, chainIndent: Int = 2) -> Doc {
        if isParenthesized(e) { return parenthesized(e) }
        if Self.level(e) < level || (beforeMore && endsInQuantifier(e)) {
            return .concat(["(", .align(bare(e, chainIndent: 0)), ")"])
        }
        return bare(e, chainIndent: chainIndent)
    }

    /// A quantifier's body reaches as far right as it can: one that ends an operand with
    /// more after it would take that in.
    private func endsInQuantifier(_ e: Expr) -> Bool {
        if isParenthesized(e) { return false }
        switch e.kind {
        case .quantified: return true
        case .unary(_, let x): return endsInQuantifier(x)
        case .binary(.and, _, let r), .binary(.or, _, let r): return endsInQuantifier(r)
        default: return false
        }
    }

    /// `(e)`: a chain inside continues aligned with its first operand.
    private mutating func parenthesized(_ e: Expr) -> Doc {
        let open = punctuation("(", at: e.range.start.offset)
        let inner = bare(e, chainIndent: 0)
        return .concat([open, .align(.concat([inner, punctuation(")", at: e.range.end.offset - 1)]))])
    }

    private mutating func bare(_ e: Expr, chainIndent: Int) -> Doc {
        switch e.kind {
        case .bool(let b): return literal(e, b ? "true" : "false")
        case .integer(let n): return literal(e, String(n))
        case .string, .regex, .date, .invalid:
            let own = ownToken(e)
            return literal(e, raw(own.start, own.end))
        case .name(let n): return literal(e, n)
        case .list(let elements): return list(e, elements)
        case .member(let base, let field):
            return .concat([
                operand(base, .postfix), punctuation(".", after: base.range.end.offset), identifier(field),
            ])
        case .index(let base, let key):
            return .concat([
                operand(base, .postfix), punctuation("[", after: base.range.end.offset), expression(key),
                punctuation("]", after: key.range.end.offset),
            ])
        case .call(let receiver, let function, let arguments):
            var docs: [Doc] = []
            if let receiver {
                docs += [operand(receiver, .postfix), punctuation(".", after: receiver.range.end.offset)]
            }
            docs += [identifier(function), self.arguments(arguments, after: function)]
            return .concat(docs)
        case .unary(_, let x):
            return .concat([literal(e, "not"), " ", operand(x, .not)])
        case .binary(let op, _, _) where op == .and || op == .or:
            return chain(e, op, chainIndent: chainIndent)
        case .binary(let op, let l, let r):
            // Docs are built in source order: building one writes the comments before it.
            // Operands bind at least as tightly as the operator's level; the right one of a
            // left-associative `-`, `/` or `??` one level tighter still.
            let (leftLevel, rightLevel): (Level, Level) =
                switch op {
                case .coalesce: (.coalesce, .postfix)
                case .add, .subtract: (.sum, .product)
                case .multiply, .divide: (.product, .coalesce)
                default: (.sum, .sum)
                }
            let left = operand(l, leftLevel)
            let symbol: Doc
            if op == .notIn, !inInterpolation {
                let not = firstIndex(from: l.range.end.offset)
                symbol = .concat([token(not), " ", token(not + 1)])
            } else {
                symbol = punctuation(op.rawValue, after: l.range.end.offset)
            }
            return .concat([left, " ", symbol, " ", operand(r, rightLevel)])
        case .quantified(let quantifier, let variable, let domain, let body):
            return .group(
                .concat([
                    literal(e, quantifier.rawValue), " ", identifier(variable), " ",
                    punctuation("in", after: variable.range.end.offset), " ", operand(domain, .coalesce),
                    punctuation(":", after: domain.range.end.offset), .nest(2, .concat([.line, expression(body)])),
                ]))
        case .count(let variable, let domain, let condition):
            let keyword = ownToken(e)
            let head: Doc = .concat([literal(e, "count"), punctuation("(", after: keyword.end)])
            var inner: [Doc] = [
                identifier(variable), " ", punctuation("in", after: variable.range.end.offset), " ",
                operand(domain, .coalesce),
            ]
            if let condition {
                inner += [.line, punctuation("where", after: domain.range.end.offset), " ", expression(condition)]
            }
            let last = (condition ?? domain).range.end.offset
            return .group(
                .concat([
                    head, .align(.concat(inner)),
                    punctuation(")", after: last),
                ]))
        }
    }

    /// `a and b and c`: flat when it fits, otherwise one operand per line, each after its
    /// operator. Only the left spine is flattened: `a and (b and c)` keeps its parentheses.
    private mutating func chain(_ e: Expr, _ op: Expr.BinaryOperator, chainIndent: Int) -> Doc {
        var operands: [Expr] = []
        var node = e
        while case .binary(let o, let l, let r) = node.kind, o == op, node === e || !isParenthesized(node) {
            operands.append(r)
            node = l
        }
        operands.append(node)
        operands.reverse()
        let level: Level = op == .or ? .and : .not
        // A chain inside the first operand would continue where this one does; one step more.
        let first = operand(operands[0], level, beforeMore: true, chainIndent: chainIndent + 2)
        var rest: [Doc] = []
        for k in 1..<operands.count {
            let symbol = punctuation(op.rawValue, after: operands[k - 1].range.end.offset)
            rest += [.line, symbol, " ", operand(operands[k], level, beforeMore: k < operands.count - 1)]
        }
        return .group(.concat([first, .nest(chainIndent, .concat(rest))]))
    }

    /// `(a, b)`: on one line when it fits, otherwise one argument per line after `(`.
    private mutating func arguments(_ arguments: [Expr], after function: Identifier) -> Doc {
        let open = punctuation("(", after: function.range.end.offset)
        let items = separated(arguments)
        let last = arguments.last?.range.end.offset ?? function.range.end.offset + 1
        return .group(.concat([open, .align(.concat([.join(items, .line), closing(")", after: last)]))]))
    }

    /// `[a, b]`: on one line when it fits, otherwise as many elements on a line as fit,
    /// further lines aligned after `[`.
    private mutating func list(_ e: Expr, _ elements: [Expr]) -> Doc {
        let bracket = ownToken(e)
        let open = punctuation("[", at: bracket.start)
        let items = separated(elements)
        let last = elements.last?.range.end.offset ?? bracket.end
        return .concat([open, .align(.concat([.fill(fillParts(items)[...]), closing("]", after: last)]))])
    }

    /// Each expression followed by its comma, the last without one.
    private mutating func separated(_ elements: [Expr]) -> [Doc] {
        var items: [Doc] = []
        for (k, element) in elements.enumerated() {
            let doc = expression(element)
            items.append(k < elements.count - 1 ? .concat([doc, punctuation(",", after: element.range.end.offset)]) : doc)
        }
        return items
    }

    /// Contents with a line between each two, as `Doc.fill` takes them.
    func fillParts(_ items: [Doc]) -> [Doc] {
        var parts: [Doc] = []
        for (k, item) in items.enumerated() {
            if k > 0 { parts.append(.line) }
            parts.append(item)
        }
        return parts
    }

    /// The token an expression of one token (or a `not`, quantifier, `count` or list)
    /// begins with, inside any parentheses around it.
    private func ownToken(_ e: Expr) -> Token {
        var lexer = Lexer(file: source, start: e.range.start.offset, end: e.range.end.offset)
        var token = lexer.next()
        while token.kind == .lparen { token = lexer.next() }
        return token
    }

    /// The first token of `e` (see `ownToken`), printed as `text`.
    private mutating func literal(_ e: Expr, _ text: String) -> Doc {
        let own = ownToken(e)
        guard !inInterpolation, let i = index(at: own.start) else { return .text(text) }
        return token(i, as: text)
    }

    private mutating func identifier(_ id: Identifier) -> Doc {
        punctuation(id.name, at: id.range.start.offset)
    }

    /// The expression of a `{…}` interpolation, on one line.
    mutating func interpolation(_ e: Expr) -> String {
        let saved = inInterpolation
        inInterpolation = true
        defer { inInterpolation = saved }
        return DocPrinter.flat(expression(e))
    }
}
