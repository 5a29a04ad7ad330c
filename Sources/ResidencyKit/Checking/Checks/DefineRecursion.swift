/// Defines must not call themselves, directly or through other defines: that is what keeps
/// every policy terminating and lets defines be inlined at compile time.
extension Checker {
    static func checkDefineRecursion(_ ctx: CheckContext) {
        let defines = ctx.bundle.defines
        // The defines each define calls directly.
        let calls = defines.map { d in
            var callees: [Int] = []
            d.decl.body.walk { e in
                // `f(x)` and `x.f()` alike (but `catalog.destination(n)` is a look-up).
                if case .call(let receiver, let fn, _) = e.kind, !Typer.isCatalogLookUp(receiver),
                    case .define(let j)? = ctx.scopes[d.file][fn.name]
                {
                    if !callees.contains(j) { callees.append(j) }
                }
            }
            return callees
        }
        // Depth-first search with an explicit stack (a long chain of defines must not
        // overflow ours) and an explicit path, so a message can name the whole cycle.
        var state = [Visit](repeating: .notVisited, count: defines.count)
        var height = [Int](repeating: 1, count: defines.count)
        for root in defines.indices where state[root] == .notVisited {
            var stack: [(define: Int, next: Int)] = [(root, 0)]
            state[root] = .inProgress
            while let (i, next) = stack.last {
                let callees = calls[i]
                guard next < callees.count else {
                    stack.removeLast()
                    state[i] = .done
                    height[i] = 1 + (callees.filter { !ctx.recursiveDefines.contains($0) }.map { height[$0] }.max() ?? 0)
                    continue
                }
                stack[stack.count - 1].next += 1
                let j = callees[next]
                if state[j] == .inProgress {
                    let path = stack.map(\.define)
                    let cycle = path[path.lastIndex(of: j)!...] + [j]
                    if !ctx.recursiveDefines.contains(j) {
                        ctx.report(.recursiveDefine(cycle.map { defines[$0].decl.name.name }, at: defines[j].decl.name.range))
                    }
                    for k in cycle { ctx.recursiveDefines.insert(k) }
                } else if state[j] == .notVisited {
                    state[j] = .inProgress
                    stack.append((j, 0))
                }
            }
        }
        // Inlining follows call chains; bound their length so checking and compiling stay shallow.
        for i in defines.indices where height[i] > defineChainLimit && !ctx.recursiveDefines.contains(i) {
            if height[i] == defineChainLimit + 1 {
                ctx.report(
                    .defineChainTooLong(defines[i].decl.name.name, limit: defineChainLimit, at: defines[i].decl.name.range))
            }
            ctx.recursiveDefines.insert(i)
        }
    }

    /// The longest chain of defines calling defines.
    static let defineChainLimit = 32
}
