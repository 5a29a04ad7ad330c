/// Traversal helpers over expressions. Depth is bounded by the parser's nesting limit,
/// so recursion here cannot be driven arbitrarily deep by input.
extension Expr {
    /// The direct sub-expressions, in source order.
    var children: [Expr] {
        switch kind {
        case .bool, .integer, .string, .date, .regex, .name, .invalid: []
        case .list(let items): items
        case .member(let base, _): [base]
        case .index(let base, let key): [base, key]
        case .call(let receiver, _, let args): (receiver.map { [$0] } ?? []) + args
        case .unary(_, let e): [e]
        case .binary(_, let l, let r): [l, r]
        case .quantified(_, _, let domain, let body): [domain, body]
        case .count(_, let domain, let condition): [domain] + (condition.map { [$0] } ?? [])
        }
    }

    /// Calls `visit` on this expression and every expression below it, pre-order.
    func walk(_ visit: (Expr) -> Void) {
        visit(self)
        for child in children { child.walk(visit) }
    }
}

extension Template {
    /// The interpolated expressions.
    var expressions: [Expr] {
        parts.compactMap { if case .expression(let e) = $0 { e } else { nil } }
    }
}
