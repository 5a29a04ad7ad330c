/// Defines must not call themselves, directly or through other defines: that is what keeps
/// every policy terminating and lets defines be inlined at compile time.
extension Checker {
    static func checkDefineRecursion(_ ctx: CheckContext) {
        let defines = ctx.bundle.defines
        ctx.defineCalls = defines.map { d in
            var callees: [Int] = []
            d.decl.body.walk { e in
                if case .call(nil, let fn, _) = e.kind, case .define(let j)? = ctx.scopes[d.file][fn.name] {
                    if !callees.contains(j) { callees.append(j) }
                }
            }
            return callees
        }
        // Depth-first search with an explicit path so the message can name the whole cycle.
        var state = [UInt8](repeating: 0, count: defines.count)
        var path: [Int] = []
        func visit(_ i: Int) {
            state[i] = 1
            path.append(i)
            for j in ctx.defineCalls[i] {
                if state[j] == 1 {
                    let cycle = path[path.lastIndex(of: j)!...] + [j]
                    if !ctx.recursiveDefines.contains(j) {
                        ctx.report(.recursiveDefine(cycle.map { defines[$0].decl.name.name }, at: defines[j].decl.name.range))
                    }
                    for k in cycle { ctx.recursiveDefines.insert(k) }
                } else if state[j] == 0 {
                    visit(j)
                }
            }
            path.removeLast()
            state[i] = 2
        }
        for i in defines.indices where state[i] == 0 { visit(i) }
    }
}
