/// Gives every expression a type and resolves every name and call, recording both in the
/// bundle's side tables. Lets and defines are typed on first use (and so in dependency
/// order); a let that depends on itself is an error.
extension Checker {
    static func checkTypes(_ ctx: CheckContext) {
        // Records and facts first: expressions read them.
        for name in ctx.recordDecls.keys.sorted() { _ = resolveRecord(ctx, name) }
        for i in ctx.bundle.facts.indices {
            let type = resolveType(ctx, ctx.bundle.facts[i].decl.type)
            if !type.isFactType {
                ctx.report(
                    .typeMismatch(
                        "a fact cannot be a \(type): facts are bools, ints, strings, dates, cidrs, records and lists and maps of them",
                        at: ctx.bundle.facts[i].decl.type.range))
            }
            ctx.bundle.facts[i].type = type
        }
        for i in ctx.bundle.params.indices { typeParam(ctx, i) }
        for i in ctx.bundle.constants.indices { _ = typeConstant(ctx, i) }
        for i in ctx.bundle.defines.indices { _ = typeDefine(ctx, i) }
        for i in ctx.bundle.policies.indices {
            let p = ctx.bundle.policies[i].decl
            let templates = [p.message, p.remediation].compactMap { $0 }
            if let kind = typeBlock(ctx, ctx.bundle.policies[i].file, p.subject, [p.condition, p.requirement], templates) {
                ctx.bundle.policies[i].kind = kind
            }
        }
        for i in ctx.bundle.permits.indices {
            let p = ctx.bundle.permits[i].decl
            if let kind = typeBlock(ctx, ctx.bundle.permits[i].file, p.subject, [p.condition], [p.basis].compactMap { $0 }) {
                ctx.bundle.permits[i].kind = kind
            }
        }
    }

    /// Types one policy or permit: its conditions must be bools, its templates may
    /// interpolate anything. Returns the kind it ranges over, when known.
    private static func typeBlock(
        _ ctx: CheckContext, _ file: Int, _ subject: Subject?, _ conditions: [Expr?], _ templates: [Template]
    ) -> RecordKind? {
        var typer = Typer(ctx: ctx, file: file)
        let kind = bindSubject(&typer, subject)
        for (n, c) in conditions.enumerated() {
            guard let c else { continue }
            typer.expect(.bool, c, n == 0 ? "`where` needs a condition" : "`require` needs a condition")
        }
        typer.inTemplate = true
        for t in templates { for e in t.expressions { typer.type(e) } }
        return kind
    }

    /// Binds the `for` variable; an unknown kind is reported by the structure pass, and the
    /// variable is still bound (to an erroneous type) so that its uses add no errors of their own.
    private static func bindSubject(_ typer: inout Typer, _ subject: Subject?) -> RecordKind? {
        guard let subject else { return nil }
        guard let kind = RecordKind.resourceKinds[subject.kind.name] else {
            typer.locals.append(.init(name: subject.variable.name, resolution: .subject, type: .error))
            return nil
        }
        typer.locals.append(.init(name: subject.variable.name, resolution: .subject, type: .record(kind)))
        return kind
    }

    static func typeParam(_ ctx: CheckContext, _ i: Int) {
        let p = ctx.bundle.params[i]
        let type = resolveType(ctx, p.decl.type)
        ctx.bundle.params[i].type = type
        switch type {
        case .bool, .int, .string, .date, .cidr, .list(.string), .error: break
        default: ctx.report(.unsupportedParamType(type, at: p.decl.type.range))
        }
        guard let value = p.decl.defaultValue else { return }
        var typer = Typer(ctx: ctx, file: p.file)
        typer.expect(type, value, "the default of param `\(p.decl.name.name)`")
        if !isLiteral(value) { ctx.report(.nonConstantParamDefault(p.decl.name.name, at: value.range)) }
    }

    private static func isLiteral(_ e: Expr) -> Bool {
        switch e.kind {
        case .bool, .integer, .string, .date: true
        case .list(let items): items.allSatisfy(isLiteral)
        case .call(nil, let f, let args): f.name == "cidr" && args.count == 1 && isLiteral(args[0])
        default: false
        }
    }

    static func typeConstant(_ ctx: CheckContext, _ i: Int) -> ValueType {
        switch ctx.constantState[i] {
        case .done: return ctx.bundle.constants[i].type
        case .inProgress:
            ctx.report(.cyclicLet(ctx.bundle.constants[i].decl.name.name, at: ctx.bundle.constants[i].decl.name.range))
            return .error
        case .notVisited: break
        }
        ctx.constantState[i] = .inProgress
        let c = ctx.bundle.constants[i]
        var typer = Typer(ctx: ctx, file: c.file)
        var type = typer.type(c.decl.value)
        if let syntax = c.decl.type {
            let declared = resolveType(ctx, syntax)
            if !declared.accepts(type) {
                ctx.report(
                    .typeMismatch(
                        "let `\(c.decl.name.name)` is declared \(declared) but its value is \(type)",
                        at: c.decl.value.range))
            }
            type = declared
        }
        ctx.bundle.constants[i].type = type
        ctx.constantState[i] = .done
        return type
    }

    static func typeDefine(_ ctx: CheckContext, _ i: Int) -> CheckedDefine {
        if ctx.defineState[i] != .notVisited { return ctx.bundle.defines[i] }
        ctx.defineState[i] = .inProgress
        let d = ctx.bundle.defines[i]
        let paramTypes = d.decl.parameters.map { resolveType(ctx, $0.type) }
        let declared = d.decl.returnType.map { resolveType(ctx, $0) }
        ctx.bundle.defines[i].parameterTypes = paramTypes
        ctx.bundle.defines[i].resultType = declared ?? .error
        // A recursive define, or one heading an over-long chain, was reported already; its
        // body is not followed, so typing never descends further than the chain limit.
        if ctx.recursiveDefines.contains(i) {
            ctx.defineState[i] = .done
            return ctx.bundle.defines[i]
        }
        var typer = Typer(ctx: ctx, file: d.file)
        for (k, p) in d.decl.parameters.enumerated() {
            if typer.locals.contains(where: { $0.name == p.name.name }) {
                ctx.report(
                    .duplicateDeclaration(
                        "parameter", p.name.name, at: p.name.range,
                        first: d.decl.parameters.first { $0.name.name == p.name.name }!.name.range))
            }
            typer.locals.append(.init(name: p.name.name, resolution: .defineParameter(define: i, index: k), type: paramTypes[k]))
        }
        let body = typer.type(d.decl.body)
        if let declared, !declared.accepts(body) {
            ctx.report(
                .typeMismatch(
                    "define `\(d.decl.name.name)` is declared to return \(declared) but its body is \(body)",
                    at: d.decl.body.range))
        }
        ctx.bundle.defines[i].resultType = declared ?? body
        ctx.defineState[i] = .done
        return ctx.bundle.defines[i]
    }

    /// Type names users can write in params, lets and defines.
    static let typeNames: [String: ValueType] = {
        var names: [String: ValueType] = [
            "bool": .bool, "int": .int, "string": .string, "date": .date, "cidr": .cidr, "regex": .regex,
        ]
        for kind in RecordKind.allCases { names[kind.typeName] = .record(kind) }
        return names
    }()

    static func resolveType(_ ctx: CheckContext, _ syntax: TypeSyntax) -> ValueType {
        switch syntax {
        case .list(let element, _): return .list(resolveType(ctx, element))
        case .map(let element, _): return .map(resolveType(ctx, element))
        case .named(let id):
            if let t = typeNames[id.name] { return t }
            if ctx.recordDecls[id.name] != nil {
                guard ctx.recordState[id.name] != .inProgress else {
                    ctx.report(.recordContainsItself(id.name, at: id.range))
                    return .error
                }
                return resolveRecord(ctx, id.name)
            }
            ctx.report(
                .unknownType(
                    id.name, at: id.range, candidates: typeNames.keys.sorted() + ctx.recordDecls.keys.sorted() + ["list", "map"]))
            return .error
        }
    }

    /// A declared record's type, its fields resolved once.
    static func resolveRecord(_ ctx: CheckContext, _ name: String) -> ValueType {
        if let done = ctx.bundle.records[name] { return .userRecord(done) }
        guard let (decl, _) = ctx.recordDecls[name] else { return .error }
        ctx.recordState[name] = .inProgress
        var fields: [UserRecordType.Field] = []
        var seen: [String: SourceRange] = [:]
        for field in decl.fields {
            if let first = seen[field.name.name] {
                ctx.report(.duplicateDeclaration("field", field.name.name, at: field.name.range, first: first))
                continue
            }
            seen[field.name.name] = field.name.range
            fields.append(.init(name: field.name.name, type: resolveType(ctx, field.type)))
        }
        let record = UserRecordType(name: name, fields: fields)
        ctx.bundle.records[name] = record
        ctx.recordState[name] = .done
        return .userRecord(record)
    }
}
