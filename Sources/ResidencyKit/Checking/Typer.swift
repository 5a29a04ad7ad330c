/// Types one expression tree in a scope: the file's declarations plus the variables bound
/// around it (the policy's subject, quantifier variables, define parameters).
struct Typer {
    struct Local {
        var name: String
        var resolution: NameResolution
        var type: ValueType
    }

    let ctx: CheckContext
    let file: Int
    var locals: [Local] = []
    /// Set while typing a message's, remediation's or basis's `{…}`: an unknown name there
    /// is often text that meant literal braces.
    var inTemplate = false

    init(ctx: CheckContext, file: Int) {
        self.ctx = ctx
        self.file = file
    }

    /// Types `e` and reports when it is not of the wanted type.
    mutating func expect(_ wanted: ValueType, _ e: Expr, _ what: String) {
        let got = type(e)
        if !wanted.accepts(got) {
            ctx.report(.typeMismatch("\(what) of type \(wanted), found \(got)", at: e.range))
        } else if case .enumeration(let en) = wanted {
            checkEnumLiteral(en, e)
        }
    }

    @discardableResult
    mutating func type(_ e: Expr) -> ValueType {
        let t = infer(e)
        ctx.bundle.types[ObjectIdentifier(e)] = t
        return t
    }

    private mutating func infer(_ e: Expr) -> ValueType {
        switch e.kind {
        case .invalid: return .error
        case .bool: return .bool
        case .integer: return .int
        case .string: return .string
        case .date: return .date
        case .regex(let pattern): return regexLiteral(pattern, e)
        case .list(let items): return listLiteral(items)
        case .name(let n): return name(n, e)
        case .member(let base, let field): return member(base, field)
        case .index(let base, let key): return index(base, key)
        case .call(let receiver, let fn, let args): return call(e, receiver, fn, args)
        case .unary(.not, let operand):
            expect(.bool, operand, "`not` needs a condition")
            return .bool
        case .binary(let op, let l, let r): return binary(op, l, r, e)
        case .quantified(_, let variable, let domain, let body):
            let element = domainElement(domain)
            bind(variable, ObjectIdentifier(e), element)
            expect(.bool, body, "the body of a quantifier must be a condition")
            locals.removeLast()
            return .bool
        case .count(let variable, let domain, let condition):
            let element = domainElement(domain)
            bind(variable, ObjectIdentifier(e), element)
            if let condition { expect(.bool, condition, "`where` in count needs a condition") }
            locals.removeLast()
            return .int
        }
    }

    private mutating func bind(_ variable: Identifier, _ binder: ObjectIdentifier, _ type: ValueType) {
        if locals.contains(where: { $0.name == variable.name }) {
            ctx.report(.shadowing(variable.name, at: variable.range))
        }
        locals.append(Local(name: variable.name, resolution: .bound(binder), type: type))
    }

    private mutating func domainElement(_ domain: Expr) -> ValueType {
        switch type(domain) {
        case .list(let element): return element
        case .error: return .error
        // A JSON value that turns out not to be a list is missing: the quantifier is unknown.
        case .json: return .json
        case let other:
            ctx.report(.typeMismatch("a quantifier ranges over a list, found \(other)", at: domain.range))
            return .error
        }
    }

    private func regexLiteral(_ pattern: String, _ e: Expr) -> ValueType {
        do {
            let regex = try RegexPattern(pattern)
            ctx.bundle.literals[ObjectIdentifier(e)] = .regex(RegexBox(regex))
        } catch {
            // Point inside the literal: `re"` is three bytes before the pattern.
            let file = ctx.sources.files[self.file]
            let start = e.range.start.offset + 3 + error.offset
            ctx.report(.invalidRegex(error.message, at: file.range(start, start + max(1, error.length))))
        }
        return .regex
    }

    private mutating func listLiteral(_ items: [Expr]) -> ValueType {
        var element = ValueType.anything
        for item in items {
            let t = type(item)
            if let joined = element.join(t) {
                element = joined
            } else {
                ctx.report(.typeMismatch("list elements must have one type: found \(t) after \(element)", at: item.range))
                element = .error
            }
        }
        return .list(element)
    }

    private func visibleNames() -> [String] {
        locals.map(\.name) + ctx.scopes[file].keys.sorted() + Namespace.allCases.map(\.rawValue)
    }

    private mutating func name(_ n: String, _ e: Expr) -> ValueType {
        let key = ObjectIdentifier(e)
        if let local = locals.last(where: { $0.name == n }) {
            ctx.bundle.names[key] = local.resolution
            return local.type
        }
        switch ctx.scopes[file][n] {
        case .param(let i)?:
            ctx.bundle.names[key] = .param(i)
            return ctx.bundle.params[i].type
        case .constant(let i)?:
            ctx.bundle.names[key] = .constant(i)
            ctx.usedConstants.insert(i)
            return Checker.typeConstant(ctx, i)
        case .define?:
            ctx.report(.defineNotCalled(n, at: e.range))
            return .error
        case nil:
            break
        }
        if let ns = Namespace(rawValue: n) {
            ctx.bundle.names[key] = .namespace(ns)
            switch ns {
            case .facts: return .record(.facts)
            case .audit: return .record(.audit)
            case .workspaces: return .list(.record(.workspace))
            case .catalog:
                ctx.report(.namespaceMisuse(.catalog, at: e.range))
                return .error
            }
        }
        ctx.report(.unknownName(n, at: e.range, candidates: visibleNames(), help: unknownNameHelp(n)))
        return .error
    }

    /// What an unknown name most likely meant, beyond a near spelling: an enumeration value
    /// written without quotes, the variable of another policy, or text in braces.
    private func unknownNameHelp(_ n: String) -> String? {
        if let en = [EnumType.region, EnumType.workspaceRegion].first(where: { $0.values.contains(n) }) {
            return "`\(n)` is a \(en.name); write it as a string: \"\(n)\""
        }
        let here = locals.first { $0.resolution == .subject }
        for other in ctx.bundle.policies where other.file == file {
            guard let subject = other.decl.subject, subject.variable.name == n else { continue }
            let own = here.map { "; this one names its resource `\($0.name)`" } ?? ""
            return "`\(n)` is the variable of policy \(other.id) (`for \(subject.kind.name) \(n)`)\(own)"
        }
        let near = Suggestions.didYouMean(n, in: visibleNames())
        guard inTemplate else { return near }
        let braces = "to write a brace in the text, double it: `{{` and `}}`"
        return near.map { "\($0) Or, \(braces)" } ?? braces
    }

    /// `m["key"]` on a map (string key), `l[0]` on a list (int key), either on a JSON value.
    private mutating func index(_ base: Expr, _ key: Expr) -> ValueType {
        let baseType = type(base), keyType = type(key)
        switch baseType {
        case .error: return .error
        case .map(let element):
            expect(.string, key, "a map's key is a string")
            return element
        case .list(let element):
            if !ValueType.int.accepts(keyType) {
                ctx.report(.typeMismatch("a list's index is an int, found \(keyType)", at: key.range))
            }
            return element
        case .json:
            if !keyType.isStringLike, keyType != .int, keyType != .json, keyType != .error {
                ctx.report(.typeMismatch("a JSON value's key is a string or an int, found \(keyType)", at: key.range))
            }
            return .json
        default:
            ctx.report(
                .typeMismatch(
                    "cannot read `[…]` of \(baseType): `[…]` reads a map's entry or a list's element", at: base.range,
                    help: baseType.isRecordLike ? "read a record's field with `.`: `d.name`" : nil))
            return .error
        }
    }

    private mutating func member(_ base: Expr, _ field: Identifier) -> ValueType {
        let baseType = type(base)
        switch baseType {
        case .error: return .error
        case .record(let kind):
            let spec = Schema.record(kind)
            if let f = spec.field(field.name) { return f.type }
            // The organisation's own facts, declared with `fact`.
            if kind == .facts, let fact = ctx.bundle.fact(field.name) { return fact.type }
            let declared = kind == .facts ? ctx.bundle.facts.map(\.name) : []
            ctx.report(
                .unknownField(
                    field.name, on: kind.typeName, at: field.range, candidates: spec.fields.map(\.name) + declared,
                    help: kind == .facts && declared.isEmpty
                        ? "declare the organisation's own facts in a policy file: `fact \(field.name): list<string>`" : nil))
            return .error
        case .userRecord(let record):
            if let f = record.field(field.name) { return f.type }
            ctx.report(.unknownField(field.name, on: record.name, at: field.range, candidates: record.fields.map(\.name)))
            return .error
        default:
            ctx.report(.notARecord(field.name, type: baseType, at: field.range))
            return .error
        }
    }
}
