/// Turns checked expressions into closures, once, so evaluating a resource never walks the
/// syntax tree again. Static types pick the code: conditions compile to `BoolCode` (three
/// truth values, no boxing), comparisons against constants capture the constant, `in` over
/// a constant list becomes a set look-up, defines are inlined, and anything that does not
/// depend on the resource is folded to a constant at compile time.
struct Compiler {
    let bundle: CheckedBundle
    /// Values of the params after command-line overrides.
    let params: [Value]
    /// When true every node also records its value in the frame's trace (for `explain`).
    let traced: Bool
    private(set) var slotCount = 1
    /// The expressions traced nodes refer to, by node number.
    private(set) var tracedNodes: [Expr] = []
    /// Node numbers whose missing value is handled (`??`, `exists`), so never a reason.
    private(set) var guardedNodes = Set<Int32>()
    private var binderSlots: [ObjectIdentifier: Int] = [:]
    private var defineSlots: [Int: [Int]] = [:]
    private var guardDepth = 0
    /// Set on the throw-away compiler that evaluates a constant, which must not fold again.
    var foldingDisabled = false

    init(bundle: CheckedBundle, params: [Value], traced: Bool) {
        self.bundle = bundle
        self.params = params
        self.traced = traced
    }

    // MARK: Values

    /// The code of a value. Traced or not, the code is the same — folded where it folds,
    /// with the same operators — and tracing only records each node's value as it runs, so
    /// `check`, `explain` and `residency test` cannot disagree about an outcome.
    mutating func value(_ e: Expr) -> ValueCode {
        let code: ValueCode
        if let constant = fold(e) {
            code = { _ in constant }
        } else {
            code = valueUntraced(e)
        }
        guard traced else { return code }
        let node = recordNode(e)
        return { f in
            let v = code(f)
            f.trace?.append((node, v))
            return v
        }
    }

    mutating func recordNode(_ e: Expr) -> Int32 {
        let node = Int32(tracedNodes.count)
        tracedNodes.append(e)
        if guardDepth > 0 { guardedNodes.insert(node) }
        return node
    }

    private mutating func valueUntraced(_ e: Expr) -> ValueCode {
        switch e.kind {
        case .bool, .integer, .string, .date, .regex, .invalid:
            let v = literalValue(e)
            return { _ in v }
        case .list(let items):
            let codes = items.map { value($0) }
            return { f in .list(codes.map { $0(f) }) }
        case .name:
            return name(e)
        case .member(let base, let field):
            let baseType = bundle.type(of: base)
            if case .userRecord = baseType {
                // A facts record is a map at run time; an absent field is missing.
                let b = value(base), name = field.name
                return { f in
                    if case .map(let m) = b(f) { return m[name] ?? .missing }
                    return .missing
                }
            }
            if baseType == .record(.facts), Schema.record(.facts).field(field.name) == nil {
                // A declared fact: the facts file's value, or missing when it does not give one.
                let name = field.name
                return { f in f.ctx.facts.declared[name] ?? .missing }
            }
            guard case .record(let kind) = baseType, let spec = Schema.record(kind).field(field.name) else {
                return { _ in .missing }
            }
            let get = spec.get
            // The common case `d.field`: read the variable's slot directly, one call fewer.
            if !traced, let slot = slotOf(base) {
                return { f in
                    if case .ref(_, let i) = f[slot: slot] { return get(f.ctx, Int(i)) }
                    if case .foreign(_, let w, let i) = f[slot: slot] { return f.foreignRead(get, w, i) }
                    return .missing
                }
            }
            let b = value(base)
            // Traced, a derived field also records what it was derived from, under the index
            // its own trace entry is about to take.
            if traced, let provenance = spec.provenance {
                return { f in
                    let v = b(f)
                    if case .foreign(let kind, let w, let i) = v {
                        return f.tracedForeignRead(get, kind, w, i, provenance: provenance)
                    }
                    guard case .ref(_, let i) = v else { return .missing }
                    if let d = provenance(f.ctx, Int(i)), let k = f.trace?.count { f.derivations.record(d, at: k) }
                    return get(f.ctx, Int(i))
                }
            }
            if traced {
                return { f in
                    let v = b(f)
                    if case .ref(_, let i) = v { return get(f.ctx, Int(i)) }
                    if case .foreign(let kind, let w, let i) = v { return f.tracedForeignRead(get, kind, w, i) }
                    return .missing
                }
            }
            return { f in
                let v = b(f)
                if case .ref(_, let i) = v { return get(f.ctx, Int(i)) }
                if case .foreign(_, let w, let i) = v { return f.foreignRead(get, w, i) }
                return .missing
            }
        case .index(let base, let key):
            let b = value(base), k = value(key)
            return { f in Value.index(b(f), k(f)) }
        case .call(let receiver, _, let args):
            return call(e, (receiver.map { [$0] } ?? []) + args)
        case .binary(.coalesce, let l, let r):
            guardDepth += 1
            let a = value(l)
            guardDepth -= 1
            let b = value(r)
            return { f in
                let v = a(f)
                return v.isMissing ? b(f) : v
            }
        case .count(_, let domain, let condition):
            let d = value(domain)
            let slot = bindSlot(e)
            let c = condition.map { bool($0) }
            return { f in
                guard case .list(let items) = d(f) else { return .missing }
                var n = 0, unknown = false
                for item in items {
                    f[slot: slot] = item
                    switch c?(f) ?? .yes {
                    case .yes: n += 1
                    case .unknown: unknown = true
                    case .no: break
                    }
                }
                return unknown ? .missing : .int(n)
            }
        case .binary(let op, let l, let r) where op.isArithmetic:
            let a = value(l), b = value(r)
            return { f in Compiler.arithmetic(op, a(f), b(f)) }
        case .unary, .binary, .quantified:
            let b = bool(e)
            return { f in b(f).value }
        }
    }

    func literalValue(_ e: Expr) -> Value {
        if let v = bundle.literal(e) { return v }
        switch e.kind {
        case .bool(let b): return .bool(b)
        case .integer(let i): return .int(i)
        case .string(let s): return .string(s)
        case .date(let d): return .date(d)
        default: return .missing
        }
    }

    private mutating func name(_ e: Expr) -> ValueCode {
        switch bundle.name(e) {
        case .subject?:
            return { f in f[slot: 0] }
        case .bound(let binder)?:
            // The checker resolved the name to this binder, and every binder gets its slot before
            // its body is compiled: a name without one is a compiler fault, never slot 0.
            guard let slot = binderSlots[binder] else { preconditionFailure("a bound name has no slot") }
            return { f in f[slot: slot] }
        case .defineParameter(let d, let k)?:
            guard let slot = defineSlots[d]?[k] else { preconditionFailure("a define's parameter has no slot") }
            return { f in f[slot: slot] }
        case .param(let i)?:
            let v = params[i]
            return { _ in v }
        case .constant(let i)?:
            return value(bundle.constants[i].decl.value)
        case .namespace(.facts)?:
            return { _ in .ref(.facts, 0) }
        case .namespace(.audit)?:
            return { _ in .ref(.audit, 0) }
        case .namespace(.workspaces)?:
            return { f in f.workspaceList }
        case .namespace(.catalog)?, nil:
            return { _ in .missing }
        }
    }

    /// The slot a bare variable name reads, if `e` is one.
    private func slotOf(_ e: Expr) -> Int? {
        guard case .name = e.kind else { return nil }
        switch bundle.name(e) {
        case .subject?: return 0
        case .bound(let binder)?: return binderSlots[binder]
        case .defineParameter(let d, let k)?: return defineSlots[d]?[k]
        default: return nil
        }
    }

    mutating func bindSlot(_ binder: Expr) -> Int {
        let slot = slotCount
        slotCount += 1
        binderSlots[ObjectIdentifier(binder)] = slot
        return slot
    }

    private mutating func call(_ e: Expr, _ args: [Expr]) -> ValueCode {
        if let v = bundle.literal(e) { return { _ in v } }
        switch bundle.call(e) {
        case .catalog(let kind)?:
            // The receiver is the `catalog` namespace itself; the name is the one argument.
            let name = value(args[args.count - 1])
            return { f in
                guard case .string(let s) = name(f) else { return .missing }
                return f.ctx.catalogRow(kind, named: s).map { .ref(kind, $0) } ?? .missing
            }
        case .define(let j)?:
            return inline(j, args)
        case .builtin(let name)?:
            guard let builtin = Builtin.all[name] else { return { _ in .missing } }
            switch builtin.implementation {
            case .special:
                guardDepth += 1
                let a = value(args[0])
                guardDepth -= 1
                return { f in .bool(!a(f).isMissing) }
            case .unary(let fn):
                let a = value(args[0])
                return { f in fn(a(f)) }
            case .binary(let fn):
                let a = value(args[0]), b = value(args[1])
                return { f in fn(a(f), b(f)) }
            }
        case nil:
            return { _ in .missing }
        }
    }

    /// Inlines a define: its arguments go into fresh slots, then its body runs. Defines are
    /// not recursive (the checker guarantees it), so this terminates.
    private mutating func inline(_ j: Int, _ args: [Expr]) -> ValueCode {
        let argCodes = args.map { value($0) }
        let slots = argCodes.indices.map { _ -> Int in
            slotCount += 1
            return slotCount - 1
        }
        let saved = defineSlots[j]
        defineSlots[j] = slots
        let body = value(bundle.defines[j].decl.body)
        defineSlots[j] = saved
        return { f in
            for (slot, code) in zip(slots, argCodes) { f[slot: slot] = code(f) }
            return body(f)
        }
    }

    // MARK: Templates

    mutating func text(_ t: Template) -> TextCode {
        // A template without interpolation is one shared string, built once.
        if t.parts.allSatisfy({ if case .text = $0 { true } else { false } }) {
            let constant = t.parts.map { if case .text(let s) = $0 { s } else { "" } }.joined()
            return { _ in constant }
        }
        enum Piece: Sendable { case text(String), code(ValueCode) }
        let pieces: [Piece] = t.parts.map { part in
            switch part {
            case .text(let s): .text(s)
            case .expression(let e): .code(value(e))
            }
        }
        // The text is built as bytes in the frame's buffer, kept from one text to the next,
        // and made a string once: appending to a string cost several hundred instructions a
        // piece, for each failing result's message and remediation.
        return { f in
            var out = f.textBytes
            f.textBytes = []
            out.removeAll(keepingCapacity: true)
            f.textBreaks.reserveCapacity(pieces.count - 1)
            for (k, piece) in pieces.enumerated() {
                if k > 0 { f.textBreaks.append(UInt32(out.count)) }
                switch piece {
                case .text(let s): Text.append(s, to: &out)
                case .code(let c):
                    // A value the inventory lacks reads as such in a sentence, never as a
                    // placeholder word ("through its us endpoint unknown").
                    let v = c(f)
                    if v.isMissing { Text.append("(not known)", to: &out) } else { f.ctx.render(v, into: &out) }
                }
            }
            let text = String(decoding: out, as: UTF8.self)
            f.textBytes = out
            return text
        }
    }
}
