/// Collects every declaration: policy and permit ids (unique in the whole bundle), params
/// (unique in the whole bundle, since `--param NAME=VALUE` names them), lets and defines
/// (unique in their file), and builds each file's scope from its own and imported names.
extension Checker {
    static func collectDeclarations(_ ctx: CheckContext) {
        var paramFirst: [String: SourceRange] = [:]
        var factFirst: [String: SourceRange] = [:]
        var idFirst: [String: SourceRange] = [:]
        // Policies and permits share one id space: reports, permits and waivers name them.
        func claim(_ id: Identifier) -> Bool {
            // The run adds RES-010 and RES-013 itself: a pack's own policy of that id would share
            // their results in reports and let a waiver clear an incomplete workspace.
            if AuditRun.builtInPolicyIDs.contains(id.name) {
                ctx.report(.builtInPolicyID(id.name, at: id.range))
                return false
            }
            if let first = idFirst[id.name] {
                ctx.report(.duplicateDeclaration("policy id", id.name, at: id.range, first: first))
                return false
            }
            idFirst[id.name] = id.range
            return true
        }
        for (f, file) in ctx.sources.syntax.enumerated() {
            for decl in file.declarations {
                switch decl {
                case .importFile:
                    break
                case .record(let r):
                    if let first = ctx.recordDecls[r.name.name] {
                        ctx.report(.duplicateDeclaration("record", r.name.name, at: r.name.range, first: first.decl.name.range))
                    } else if typeNames[r.name.name] != nil || ["list", "map"].contains(r.name.name) {
                        ctx.report(.builtInName(r.name.name, "a built-in type", at: r.name.range))
                    } else {
                        ctx.recordDecls[r.name.name] = (r, f)
                    }
                case .fact(let d):
                    if let first = factFirst[d.name.name] {
                        ctx.report(.duplicateDeclaration("fact", d.name.name, at: d.name.range, first: first))
                    } else if Schema.record(.facts).field(d.name.name) != nil {
                        ctx.report(
                            .builtInName(
                                d.name.name, "a built-in fact", at: d.name.range,
                                help: "`facts.\(d.name.name)` is always there; declare only the organisation's own facts"))
                    } else {
                        factFirst[d.name.name] = d.name.range
                        ctx.bundle.facts.append(CheckedFact(decl: d, file: f, type: .error))
                    }
                case .param(let p):
                    if let first = paramFirst[p.name.name] {
                        ctx.report(.duplicateDeclaration("param", p.name.name, at: p.name.range, first: first))
                        continue
                    }
                    paramFirst[p.name.name] = p.name.range
                    declare(ctx, f, p.name, .param(ctx.bundle.params.count))
                    ctx.bundle.params.append(CheckedParam(decl: p, file: f, type: .error))
                case .constant(let l):
                    declare(ctx, f, l.name, .constant(ctx.bundle.constants.count))
                    ctx.bundle.constants.append(CheckedLet(decl: l, file: f, type: .error))
                case .define(let d):
                    declare(ctx, f, d.name, .define(ctx.bundle.defines.count))
                    ctx.bundle.defines.append(CheckedDefine(decl: d, file: f, parameterTypes: [], resultType: .error))
                case .policy(let p):
                    guard claim(p.id) else { continue }
                    ctx.ids[p.id.name] = (false, ctx.bundle.policies.count)
                    ctx.bundle.policies.append(CheckedPolicy(decl: p, file: f, kind: .destination, severity: .error, permits: []))
                case .permit(let p):
                    guard claim(p.id) else { continue }
                    ctx.ids[p.id.name] = (true, ctx.bundle.permits.count)
                    ctx.bundle.permits.append(CheckedPermit(decl: p, file: f, kind: .destination, targets: []))
                }
            }
        }
        ctx.constantState = Array(repeating: .notVisited, count: ctx.bundle.constants.count)
        ctx.defineState = Array(repeating: .notVisited, count: ctx.bundle.defines.count)
    }

    private static func declare(_ ctx: CheckContext, _ file: Int, _ name: Identifier, _ symbol: Symbol) {
        if let (_, first) = ctx.own[file][name.name] {
            ctx.report(.duplicateDeclaration("declaration", name.name, at: name.range, first: first))
            return
        }
        if Token.reserved.contains(name.name) || Namespace(rawValue: name.name) != nil {
            ctx.report(.builtInName(name.name, "a built-in name", at: name.range))
            return
        }
        ctx.own[file][name.name] = (symbol, name.range)
    }

    static func buildScopes(_ ctx: CheckContext) {
        for f in ctx.sources.files.indices {
            var scope: [String: Symbol] = [:]
            var where_: [String: SourceRange] = [:]
            for (name, (symbol, range)) in ctx.own[f] {
                scope[name] = symbol
                where_[name] = range
            }
            for (k, g) in ctx.sources.imports[f].enumerated() where g != f {
                for (name, (symbol, range)) in ctx.own[g].sorted(by: { $0.key < $1.key }) {
                    if let existing = scope[name] {
                        if existing != symbol, let other = where_[name] {
                            ctx.report(
                                .conflictingImport(name, at: ctx.sources.importRanges[f][k], other: other)
                                    .noting("imported from here", at: range))
                        }
                        continue
                    }
                    scope[name] = symbol
                    where_[name] = range
                }
            }
            ctx.scopes.append(scope)
        }
    }
}
