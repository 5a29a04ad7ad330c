/// Bounds the cost of every policy before it runs. With defines inlined, a policy's work per
/// resource is at most (expanded size) × n^(quantifier depth), n being the longest list it
/// ranges over; both factors are capped here so no policy can make a nightly run explode.
extension Checker {
    /// Deepest nesting of `every`/`some`/`count`, counting those inside called defines: the
    /// same limit the parser sets on nesting as written.
    static let quantifierDepthLimit = Diagnostic.maxQuantifierNesting
    /// Largest policy, in expression nodes once defines are inlined.
    static let expandedSizeLimit = 20_000

    static func checkCost(_ ctx: CheckContext) {
        var memo: [Int: (size: Int, depth: Int)] = [:]

        func measure(_ e: Expr) -> (size: Int, depth: Int) {
            var size = 1, depth = 0
            if case .call = e.kind, case .define(let j)? = ctx.bundle.call(e), !ctx.recursiveDefines.contains(j) {
                let body: (size: Int, depth: Int)
                if let m = memo[j] {
                    body = m
                } else {
                    body = measure(ctx.bundle.defines[j].decl.body)
                    memo[j] = body
                }
                size += body.size
                depth = body.depth
            }
            for child in e.children {
                let m = measure(child)
                size += m.size
                depth = max(depth, m.depth)
            }
            switch e.kind {
            case .quantified, .count: depth += 1
            default: break
            }
            return (min(size, Int.max / 4), depth)
        }

        func check(_ exprs: [Expr], _ at: SourceRange) {
            var size = 0, depth = 0
            for e in exprs {
                let m = measure(e)
                size += m.size
                depth = max(depth, m.depth)
            }
            if depth > quantifierDepthLimit { ctx.report(.quantifierDepth(limit: quantifierDepthLimit, at: at)) }
            if size > expandedSizeLimit { ctx.report(.programTooLarge(size, limit: expandedSizeLimit, at: at)) }
        }

        for p in ctx.bundle.policies {
            let d = p.decl
            let exprs =
                [d.condition, d.requirement].compactMap { $0 }
                + (d.message?.expressions ?? []) + (d.remediation?.expressions ?? [])
            check(exprs, d.id.range)
        }
        for p in ctx.bundle.permits {
            check([p.decl.condition].compactMap { $0 } + (p.decl.basis?.expressions ?? []), p.decl.id.range)
        }
    }
}
