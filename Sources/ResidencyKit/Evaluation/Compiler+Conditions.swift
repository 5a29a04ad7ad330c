/// Conditions compile to three-valued code: `and`/`or` short-circuit as in Kleene logic
/// (`false and unknown` is false), comparisons with a missing operand are unknown, and
/// quantifiers are unknown only when no element decides them.
extension Compiler {
    mutating func bool(_ e: Expr) -> BoolCode {
        if let constant = fold(e) {
            let t = Tri.from(constant)
            guard traced else { return { _ in t } }
            // Traced all the same, so that test coverage sees a condition that is constant
            // for this run's params (`not swiss_adequacy`) and `explain` shows its value.
            let node = recordNode(e)
            return { f in
                f.trace?.append((node, t.value))
                return t
            }
        }
        let code = boolUntraced(e)
        guard traced else { return code }
        let node = recordNode(e)
        return { f in
            let t = code(f)
            f.trace?.append((node, t.value))
            return t
        }
    }

    private mutating func boolUntraced(_ e: Expr) -> BoolCode {
        switch e.kind {
        case .unary(.not, let operand):
            let c = bool(operand)
            return { f in
                switch c(f) {
                case .yes: .no
                case .no: .yes
                case .unknown: .unknown
                }
            }
        case .binary(.and, let l, let r):
            let a = bool(l), b = bool(r)
            return { f in
                let x = a(f)
                if x == .no { return .no }
                let y = b(f)
                if y == .no { return .no }
                return x == .yes && y == .yes ? .yes : .unknown
            }
        case .binary(.or, let l, let r):
            let a = bool(l), b = bool(r)
            return { f in
                let x = a(f)
                if x == .yes { return .yes }
                let y = b(f)
                if y == .yes { return .yes }
                return x == .no && y == .no ? .no : .unknown
            }
        case .binary(let op, let l, let r) where op == .equal || op == .notEqual:
            let negate = op == .notEqual
            let a = value(l)
            if let constant = fold(r) {
                if case .string(let text) = constant {
                    // Strings and enumerations against a literal: compare the text directly.
                    return { f in
                        switch a(f) {
                        case .string(let s): return Tri((s == text) != negate)
                        case .missing: return .unknown
                        default: return Tri(negate)
                        }
                    }
                }
                return { f in
                    let x = a(f)
                    if x.isMissing { return .unknown }
                    return Tri((x == constant) != negate)
                }
            }
            let b = value(r)
            return { f in
                let x = a(f), y = b(f)
                if x.isMissing || y.isMissing { return .unknown }
                return Tri((x == y) != negate)
            }
        case .binary(let op, let l, let r) where op == .in || op == .notIn:
            let negate = op == .notIn
            let a = value(l)
            if let constant = fold(r), case .list(let items) = constant {
                // Short constant lists (the usual `in ["eu", "us"]`) are scanned: comparing a
                // few values is cheaper than hashing one.
                if items.count <= 16 {
                    return { f in
                        let x = a(f)
                        if x.isMissing { return .unknown }
                        return Tri(items.contains(x) != negate)
                    }
                }
                let set = Set(items)
                return { f in
                    let x = a(f)
                    if x.isMissing { return .unknown }
                    return Tri(set.contains(x) != negate)
                }
            }
            let b = value(r)
            return { f in
                let x = a(f)
                guard !x.isMissing, case .list(let items) = b(f) else { return .unknown }
                return Tri(items.contains(x) != negate)
            }
        case .binary(let op, let l, let r) where [.less, .lessEqual, .greater, .greaterEqual].contains(op):
            let a = value(l), b = value(r)
            return { f in
                guard let order = Compiler.order(a(f), b(f)) else { return .unknown }
                return switch op {
                case .less: Tri(order < 0)
                case .lessEqual: Tri(order <= 0)
                case .greater: Tri(order > 0)
                default: Tri(order >= 0)
                }
            }
        case .quantified(let q, _, let domain, let body):
            let d = value(domain)
            let slot = bindSlot(e)
            let b = bool(body)
            let decisive: Tri = q == .every ? .no : .yes
            return { f in
                guard case .list(let items) = d(f) else { return .unknown }
                var unknown = false
                for item in items {
                    f.slots[slot] = item
                    let t = b(f)
                    if t == decisive { return decisive }
                    if t == .unknown { unknown = true }
                }
                return unknown ? .unknown : (decisive == .no ? .yes : .no)
            }
        default:
            let v = value(e)
            return { f in Tri.from(v(f)) }
        }
    }

    /// -1, 0 or 1 for ordered values of one type; nil when either is missing.
    static func order(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.int(let x), .int(let y)): x < y ? -1 : (x == y ? 0 : 1)
        case (.date(let x), .date(let y)): x < y ? -1 : (x == y ? 0 : 1)
        case (.string(let x), .string(let y)): x < y ? -1 : (x == y ? 0 : 1)
        default: nil
        }
    }

    // MARK: Constant folding

    /// The value of an expression that does not depend on the resource, the workspace or the
    /// run (literals, params, lets built from them, built-ins over those); nil otherwise.
    mutating func fold(_ e: Expr) -> Value? {
        if foldingDisabled { return nil }
        if case .name = e.kind, traced { return nil }  // keep params visible in explanations
        guard isStatic(e) else { return nil }
        switch e.kind {
        case .bool, .integer, .string, .date, .regex: return literalValue(e)
        default: break
        }
        var inner = Compiler(bundle: bundle, params: params, traced: false)
        inner.foldingDisabled = true
        let code = inner.value(e)
        return code(Frame(ctx: .empty, slotCount: inner.slotCount))
    }

    private func isStatic(_ e: Expr) -> Bool {
        switch e.kind {
        case .bool, .integer, .string, .date, .regex: return true
        case .invalid, .quantified, .count: return false
        case .name:
            switch bundle.name(e) {
            case .param?: return true
            case .constant(let i)?: return isStatic(bundle.constants[i].decl.value)
            default: return false
            }
        case .call:
            if bundle.literal(e) != nil { return true }
            guard case .builtin? = bundle.call(e) else { return false }
            return e.children.allSatisfy(isStatic)
        case .list, .member, .unary, .binary:
            return e.children.allSatisfy(isStatic)
        }
    }
}
