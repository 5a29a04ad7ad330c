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
            // A constant operand that is missing (`scheme("host/v1")`, a let or param that did
            // not parse) folds to missing like any other: the comparison is unknown, never
            // decided against a value that is not there.
            if let constant = fold(r), !constant.containsMissing {
                if case .string(let text) = constant, Text.isASCII(text) {
                    // Strings and enumerations against an ASCII literal (nearly all of them):
                    // compare the text directly.
                    return recordingOperand(r) { f in
                        switch a(f) {
                        case .string(let s): return Tri(Text.sameAsASCII(s, text) != negate)
                        // Missing, or a settings value of another kind (`5 != "us"`): undecided.
                        default: return .unknown
                        }
                    }
                }
                if case .string(let text) = constant {
                    return recordingOperand(r) { f in
                        switch a(f) {
                        case .string(let s): return Tri(Text.same(s, text) != negate)
                        default: return .unknown
                        }
                    }
                }
                return recordingOperand(r) { f in Compiler.negated(Value.equal(a(f), constant), negate) }
            }
            let b = value(r)
            return { f in Compiler.negated(Value.equal(a(f), b(f)), negate) }
        case .binary(let op, let l, let r) where op == .in || op == .notIn:
            let negate = op == .notIn
            let a = value(l)
            if let constant = fold(r), case .list(let items) = constant, !constant.containsMissing {
                // Short constant lists (the usual `in ["eu", "us"]`) are scanned: comparing a
                // few values is cheaper than hashing one. (A list value as the operand may
                // hold missing elements, so it takes the three-valued path.)
                let texts = items.compactMap { if case .string(let t) = $0, Text.isASCII(t) { t } else { nil } }
                if items.count <= 16, texts.count == items.count {
                    // `x in ["eu", "us"]`: ASCII literals, compared as such.
                    return recordingOperand(r) { f in
                        switch a(f) {
                        case .string(let s): return Tri(texts.contains { Text.sameAsASCII(s, $0) } != negate)
                        case .missing: return .unknown
                        case let x: return Compiler.negated(Value.member(x, items), negate)
                        }
                    }
                }
                // Found is found; otherwise the three-valued look, in which an element of another
                // kind or a missing one leaves it undecided.
                if items.count <= 16 {
                    return recordingOperand(r) { f in
                        let x = a(f)
                        if !x.isMissing, items.contains(x) { return Tri(!negate) }
                        return Compiler.negated(Value.member(x, items), negate)
                    }
                }
                let set = Set(items)
                return recordingOperand(r) { f in
                    let x = a(f)
                    if !x.isMissing, set.contains(x) { return Tri(!negate) }
                    return Compiler.negated(Value.member(x, items), negate)
                }
            }
            let b = value(r)
            return { f in
                let x = a(f)
                guard case .list(let items) = b(f) else { return .unknown }
                return Compiler.negated(Value.member(x, items), negate)
            }
        case .binary(let op, let l, let r) where [.less, .lessEqual, .greater, .greaterEqual].contains(op):
            let a = value(l), b = value(r)
            return { f in
                guard let order = Value.order(a(f), b(f)) else { return .unknown }
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
                    f[slot: slot] = item
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

    /// `code`, which compares against the constant `operand`; traced, the operand's value is
    /// recorded first, as the general path would, so explanations show the let or param a
    /// value was compared with.
    private mutating func recordingOperand(_ operand: Expr, _ code: @escaping BoolCode) -> BoolCode {
        guard traced else { return code }
        let b = value(operand)
        return { f in
            _ = b(f)
            return code(f)
        }
    }

    /// `+ - * /` as the language defines them: exact integer arithmetic, where a result that
    /// does not fit (overflow), a division by zero or a date outside years 1–9999 is missing —
    /// never a wrapped or clamped number that a comparison would then decide on.
    static func arithmetic(_ op: Expr.BinaryOperator, _ x: Value, _ y: Value) -> Value {
        switch (op, x, y) {
        case (.add, .int(let a), .int(let b)): return checked(a.addingReportingOverflow(b)).map(Value.int) ?? .missing
        case (.subtract, .int(let a), .int(let b)):
            return checked(a.subtractingReportingOverflow(b)).map(Value.int) ?? .missing
        case (.multiply, .int(let a), .int(let b)):
            return checked(a.multipliedReportingOverflow(by: b)).map(Value.int) ?? .missing
        case (.divide, .int(let a), .int(let b)):
            guard b != 0 else { return .missing }
            return checked(a.dividedReportingOverflow(by: b)).map(Value.int) ?? .missing
        case (.add, .date(let d), .duration(let n)), (.add, .duration(let n), .date(let d)): return shifted(d, n)
        case (.subtract, .date(let d), .duration(let n)):
            guard let m = checked(0.subtractingReportingOverflow(n)) else { return .missing }
            return shifted(d, m)
        case (.subtract, .date(let a), .date(let b)): return .int(Int(a.daysSinceEpoch) - Int(b.daysSinceEpoch))
        case (.add, .duration(let a), .duration(let b)):
            return checked(a.addingReportingOverflow(b)).map(Value.duration) ?? .missing
        case (.subtract, .duration(let a), .duration(let b)):
            return checked(a.subtractingReportingOverflow(b)).map(Value.duration) ?? .missing
        default: return .missing
        }
    }

    private static func checked(_ r: (partialValue: Int, overflow: Bool)) -> Int? {
        r.overflow ? nil : r.partialValue
    }

    /// The date `n` days after `d`, when it is a date the language has (years 1–9999).
    private static func shifted(_ d: Day, _ n: Int) -> Value {
        let (sum, overflow) = Int(d.daysSinceEpoch).addingReportingOverflow(n)
        guard !overflow, Day.range.contains(sum) else { return .missing }
        return .date(Day(daysSinceEpoch: Int32(sum)))
    }

    /// `t`, or its negation for `!=` and `not in`; unknown stays unknown.
    @inline(__always)
    static func negated(_ t: Tri, _ negate: Bool) -> Tri {
        guard negate else { return t }
        switch t {
        case .yes: return .no
        case .no: return .yes
        case .unknown: return .unknown
        }
    }

    // MARK: Constant folding

    /// The value of an expression that does not depend on the resource, the workspace or the
    /// run (literals, params, lets built from them, built-ins over those); nil otherwise.
    mutating func fold(_ e: Expr) -> Value? {
        if foldingDisabled { return nil }
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
        case .list, .member, .index, .unary, .binary:
            return e.children.allSatisfy(isStatic)
        }
    }
}
