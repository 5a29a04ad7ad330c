/// Typing of calls and operators.
extension Typer {
    /// A field the schema says is never missing, read from a record that is itself never
    /// missing (`d.id`, `d.workspace.slug`; not `d.source.id`, whose source may be missing).
    private func neverMissing(_ e: Expr) -> Bool {
        switch e.kind {
        case .name: return ctx.bundle.name(e) == .subject || { if case .bound? = ctx.bundle.name(e) { true } else { false } }()
        case .member(let base, let field):
            guard case .record(let kind) = ctx.bundle.type(of: base), let spec = Schema.record(kind).field(field.name),
                !spec.optional
            else { return false }
            return neverMissing(base)
        default: return false
        }
    }

    /// Whether a call's receiver is the `catalog` namespace (`catalog.destination(n)`).
    static func isCatalogLookUp(_ receiver: Expr?) -> Bool {
        if let receiver, case .name("catalog") = receiver.kind { return true }
        return false
    }

    mutating func call(_ e: Expr, _ receiver: Expr?, _ fn: Identifier, _ args: [Expr]) -> ValueType {
        let key = ObjectIdentifier(e)
        // `catalog.destination(name)`: a look-up, unless `catalog` is a local variable.
        if Self.isCatalogLookUp(receiver), !locals.contains(where: { $0.name == "catalog" }) {
            let tables: [String: RecordKind] = [
                "destination": .catalogDestination, "source": .catalogSource, "warehouse": .catalogWarehouse,
            ]
            guard let kind = tables[fn.name] else {
                ctx.report(.unknownFunction("catalog.\(fn.name)", at: fn.range, candidates: tables.keys.map { "catalog.\($0)" }))
                for a in args { type(a) }
                return .error
            }
            guard args.count == 1 else {
                ctx.report(
                    .wrongArity(
                        "catalog.\(fn.name)", expected: 1, found: args.count,
                        signature: "catalog.\(fn.name)(name: string) -> \(kind.typeName)", at: e.range))
                for a in args { type(a) }
                return .error
            }
            expect(.string, args[0], "catalog.\(fn.name) needs a name")
            ctx.bundle.calls[key] = .catalog(kind)
            return .record(kind)
        }
        // A define is called as `f(x, y)` or, like a built-in, as `x.f(y)`.
        if case .define(let j)? = ctx.scopes[file][fn.name], !locals.contains(where: { $0.name == fn.name }) {
            let args = (receiver.map { [$0] } ?? []) + args
            ctx.usedDefines.insert(j)
            let define = Checker.typeDefine(ctx, j)
            ctx.bundle.calls[key] = .define(j)
            if args.count != define.parameterTypes.count {
                ctx.report(
                    .wrongArity(
                        fn.name, expected: define.parameterTypes.count, found: args.count,
                        signature: signature(of: define), at: e.range))
                for a in args { type(a) }
                return define.resultType
            }
            for (a, want) in zip(args, define.parameterTypes) {
                let got = type(a)
                if !want.accepts(got) {
                    ctx.report(
                        .argumentType(fn.name, "expected \(want), found \(got)", signature: signature(of: define), at: a.range))
                }
            }
            return define.resultType
        }
        let all = (receiver.map { [$0] } ?? []) + args
        guard let builtin = Builtin.all[fn.name] else {
            for a in all { type(a) }
            if locals.contains(where: { $0.name == fn.name }) || ctx.scopes[file][fn.name] != nil {
                ctx.report(.notCallable(fn.name, at: fn.range))
            } else {
                let defines = ctx.scopes[file].compactMap { k, v in if case .define = v { k } else { nil } }
                ctx.report(.unknownFunction(fn.name, at: fn.range, candidates: Builtin.all.keys.sorted() + defines.sorted()))
            }
            return .error
        }
        let types = all.map { type($0) }
        ctx.bundle.calls[key] = .builtin(fn.name)
        if fn.name == "exists", all.count == 1, neverMissing(all[0]) {
            let file = ctx.sources.files[self.file]
            let text = String(decoding: file.bytes[all[0].range.start.offset..<all[0].range.end.offset], as: UTF8.self)
            ctx.report(.existsNeverMissing(text, at: all[0].range))
        }
        guard all.count == builtin.arity else {
            ctx.report(.wrongArity(fn.name, expected: builtin.arity, found: all.count, signature: builtin.signature, at: e.range))
            return .error
        }
        switch builtin.typing(types) {
        case .failure(let err):
            ctx.report(
                .argumentType(
                    fn.name, err.message, signature: builtin.signature, at: err.argument.map { all[$0].range } ?? e.range))
            return .error
        case .success(let result):
            if fn.name == "cidr", case .string(let text) = all[0].kind {
                do {
                    ctx.bundle.literals[key] = .cidr(try CIDR(parsing: text, strict: true))
                } catch {
                    ctx.report(.invalidCIDR(error.message, at: all[0].range))
                }
            }
            return result
        }
    }

    private func signature(of d: CheckedDefine) -> String {
        let params = zip(d.decl.parameters, d.parameterTypes).map { "\($0.name.name): \($1)" }
        return "\(d.decl.name.name)(\(params.joined(separator: ", "))) -> \(d.resultType)"
    }

    mutating func binary(_ op: Expr.BinaryOperator, _ l: Expr, _ r: Expr, _ e: Expr) -> ValueType {
        switch op {
        case .and, .or:
            expect(.bool, l, "`\(op.rawValue)` needs conditions on both sides")
            expect(.bool, r, "`\(op.rawValue)` needs conditions on both sides")
            return .bool
        case .equal, .notEqual:
            let lt = type(l), rt = type(r)
            if !lt.comparable(with: rt) {
                ctx.report(.typeMismatch("cannot compare \(lt) with \(rt)", at: e.range))
            }
            enumLiterals(lt, r)
            enumLiterals(rt, l)
            return .bool
        case .add, .subtract, .multiply, .divide:
            let result = arithmetic(op, type(l), type(r), e)
            // Literals only: `1 / 0` or an overflow is an error before the run. Anything
            // computed is missing at run time instead (Compiler.arithmetic).
            if case .integer(let a) = l.kind, case .integer(let b) = r.kind,
                Compiler.arithmetic(op, .int(a), .int(b)).isMissing
            {
                ctx.report(.constantArithmetic(op == .divide && b == 0 ? "division by zero" : "integer overflow", at: e.range))
            }
            return result
        case .less, .lessEqual, .greater, .greaterEqual:
            let lt = type(l), rt = type(r)
            let ordered: Bool =
                switch (lt, rt) {
                case (.error, _), (_, .error): true
                case (.int, .int), (.date, .date), (.duration, .duration): true
                case (.json, let t), (let t, .json): t == .int || t.isStringLike || t == .json
                case (let a, let b): a.isStringLike && b.isStringLike
                }
            if !ordered {
                let help = lt == .date || rt == .date ? "write dates as literals such as 2025-04-03" : nil
                ctx.report(.typeMismatch("cannot order \(lt) and \(rt) with `\(op.rawValue)`", at: e.range, help: help))
            } else if case .enumeration(let en) = lt {
                ctx.report(.orderedEnumeration(en, op.rawValue, at: e.range))
            } else if case .enumeration(let en) = rt {
                ctx.report(.orderedEnumeration(en, op.rawValue, at: e.range))
            }
            return .bool
        case .in, .notIn:
            let lt = type(l), rt = type(r)
            switch rt {
            case .error: break
            // A JSON value that turns out not to be a list makes the test unknown.
            case .json: break
            case .list(let element):
                if !element.comparable(with: lt) {
                    ctx.report(.typeMismatch("cannot look for a \(lt) in a \(rt)", at: e.range))
                }
                enumLiterals(element, r)
                enumLiterals(lt, r)
            default:
                ctx.report(
                    .typeMismatch(
                        "`\(op.rawValue)` needs a list on its right, found \(rt)", at: r.range,
                        help: rt.isStringLike ? "for text, use `contains(text, part)`" : nil))
            }
            return .bool
        case .coalesce:
            let lt = type(l), rt = type(r)
            // A region with a text fallback stays a closed set: `d.endpoint.region ?? "none"` is
            // a region or "none", so comparing it with a value it can never take (`"US"`) is
            // still E0107. Joined into plain text, `(… ?? "none") != "US"` held for every
            // destination, a US one too.
            if let fallback = Self.enumWithFallback(lt, r) ?? Self.enumWithFallback(rt, l) { return fallback }
            if let joined = lt.join(rt) { return joined }
            ctx.report(.typeMismatch("both sides of `??` must have one type: found \(lt) and \(rt)", at: e.range))
            return .error
        }
    }

    /// `+ - * /` on ints; a date plus or minus a duration (`days(30)`); the days between two
    /// dates (`a - b`, an int); durations added and subtracted.
    private func arithmetic(_ op: Expr.BinaryOperator, _ lt: ValueType, _ rt: ValueType, _ e: Expr) -> ValueType {
        switch (op, lt, rt) {
        case (_, .error, _), (_, _, .error): return .error
        case (_, .int, .int): return .int
        case (.add, .date, .duration), (.add, .duration, .date), (.subtract, .date, .duration): return .date
        case (.subtract, .date, .date): return .int
        case (.add, .duration, .duration), (.subtract, .duration, .duration): return .duration
        default:
            let help: String? =
                if lt == .date || rt == .date {
                    "add or subtract days with `days(n)`: `audit.date + days(30)`; `a - b` of two dates is the days between them"
                } else if lt.isStringLike || rt.isStringLike {
                    "there is no string arithmetic; build text in a message with `{…}`"
                } else { nil }
            ctx.report(.typeMismatch("cannot apply `\(op.rawValue)` to \(lt) and \(rt)", at: e.range, help: help))
            return .error
        }
    }

    /// An enumeration with a string literal as its other side (`??`): the enumeration, with the
    /// literal among its values if it is not already.
    static func enumWithFallback(_ t: ValueType, _ other: Expr) -> ValueType? {
        guard case .enumeration(let en) = t, case .string(let s) = other.kind else { return nil }
        if en.values.contains(s) { return t }
        return .enumeration(EnumType(name: "\(en.name) or \"\(s)\"", values: en.values + [s]))
    }

    /// String literals compared with an enumeration must be among its values.
    private func enumLiterals(_ type: ValueType, _ e: Expr) {
        guard case .enumeration(let en) = type else { return }
        checkEnumLiteral(en, e)
    }

    func checkEnumLiteral(_ en: EnumType, _ e: Expr) {
        checkEnumLiteral(en, e, file: file, depth: 0)
    }

    /// Also through the names whose values are known before the run: a `let` is checked at its
    /// literal (`let forbidden = "US"`), a `param` at its default, and a param or fact is marked
    /// so that its value given at the run (`--param`, the facts file) is checked there. Before,
    /// only a literal written in the comparison was: `d.endpoint.region != forbidden` held for
    /// every destination, a US one too.
    private func checkEnumLiteral(_ en: EnumType, _ e: Expr, file: Int, depth: Int) {
        guard depth < 16 else { return }
        switch e.kind {
        case .string(let s) where !en.values.contains(s):
            ctx.report(.unknownEnumValue(s, en, at: e.range))
        case .list(let items):
            for item in items { checkEnumLiteral(en, item, file: file, depth: depth) }
        case .name(let n) where depth == 0 ? locals.allSatisfy({ $0.name != n }) : true:
            switch ctx.scopes[file][n] {
            case .constant(let i)?:
                let c = ctx.bundle.constants[i]
                checkEnumLiteral(en, c.decl.value, file: c.file, depth: depth + 1)
            case .param(let i)?:
                ctx.bundle.params[i].comparedWith = en
                if let d = ctx.bundle.params[i].decl.defaultValue {
                    checkEnumLiteral(en, d, file: ctx.bundle.params[i].file, depth: depth + 1)
                }
            default: break
            }
        case .member(let base, let field):
            guard case .name("facts") = base.kind, depth == 0 ? locals.allSatisfy({ $0.name != "facts" }) : true,
                let i = ctx.bundle.facts.firstIndex(where: { $0.name == field.name })
            else { break }
            ctx.bundle.facts[i].comparedWith = en
        default:
            break
        }
    }
}
