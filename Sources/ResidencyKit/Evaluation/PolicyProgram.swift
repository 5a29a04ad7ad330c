import Dispatch

/// A checked policy bundle compiled to closures: built once, then evaluated over any
/// number of workspaces, in parallel, with results in a deterministic order.
package final class PolicyProgram: Sendable {
    /// A policy ready to run.
    struct Compiled: Sendable {
        var condition: BoolCode?
        var requirement: BoolCode
        var message: TextCode?
        var remediation: TextCode?
    }

    package let bundle: CheckedBundle
    /// Values of the params after overrides, by param index.
    let params: [Value]
    let fast: [Compiled]
    let fastPermits: [(condition: BoolCode?, basis: TextCode?)]
    /// The same code, recording every node's value: used only to explain a result.
    let traced: [Compiled]
    let tracedPermits: [(condition: BoolCode?, basis: TextCode?)]
    let tracedNodes: [Expr]
    /// Per traced node, worked out once: its source text, whether its value is evidence
    /// (a field, param or look-up read), and whether a missing value there can be the reason
    /// an outcome is indeterminate.
    let nodeTexts: [String]
    /// Per traced node, a number shared by the nodes whose texts are equal strings: evidence
    /// items are merged by their expression's text, compared as this number.
    let nodeTextIDs: [Int32]
    let evidenceNodes: [Bool]
    let reasonNodes: [Bool]
    let slotCount: Int
    /// What every finding of a policy repeats, by policy index: read per finding without
    /// copying the policy's declaration (a copy retains each of its many fields).
    let reports: [PolicyReport]

    struct PolicyReport: Sendable {
        var id: String
        var title: String
        var severity: PolicySeverity
        var kind: RecordKind
    }
    /// By permit index: its id and the reason a finding it permits gives, spelled once and
    /// shared by every such finding.
    let permitReports: [(id: String, reason: String)]
    /// By traced node: the reason an indeterminate finding gives when that node's value was
    /// missing (`reasonNodes`), spelled once; empty for other nodes.
    let unknownReasons: [PlainReason?]

    package var policies: [CheckedPolicy] { bundle.policies }
    package var permits: [CheckedPermit] { bundle.permits }

    /// Compiles a bundle. `overrides` are `--param NAME=VALUE` pairs; unknown names, bad
    /// values and params left without a value are returned as diagnostics.
    package static func compile(_ bundle: CheckedBundle, overrides: [String: String] = [:]) -> (PolicyProgram?, [Diagnostic]) {
        compile(bundle, overrides: overrides, folding: true)
    }

    /// `folding: false` compiles without constant folding: the same outcomes, slower. The
    /// property tests compare the two, so folding can never decide what evaluation would not.
    static func compile(_ bundle: CheckedBundle, overrides: [String: String], folding: Bool) -> (PolicyProgram?, [Diagnostic]) {
        let (params, diagnostics) = ParamValues.resolve(bundle, overrides: overrides)
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (PolicyProgram(bundle: bundle, params: params, folding: folding), diagnostics)
    }

    private init(bundle: CheckedBundle, params: [Value], folding: Bool) {
        self.bundle = bundle
        self.params = params
        var fastCompiler = Compiler(bundle: bundle, params: params, traced: false)
        var tracingCompiler = Compiler(bundle: bundle, params: params, traced: true)
        fastCompiler.foldingDisabled = !folding
        tracingCompiler.foldingDisabled = !folding
        fast = PolicyProgram.compilePolicies(bundle, &fastCompiler)
        fastPermits = PolicyProgram.compilePermits(bundle, &fastCompiler)
        traced = PolicyProgram.compilePolicies(bundle, &tracingCompiler)
        tracedPermits = PolicyProgram.compilePermits(bundle, &tracingCompiler)
        tracedNodes = tracingCompiler.tracedNodes
        let files = Dictionary(bundle.files.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        nodeTexts = tracedNodes.map { e in
            guard let file = files[e.range.file] else { return "" }
            let start = max(0, e.range.start.offset), end = min(file.bytes.count, e.range.end.offset)
            return start < end ? String(decoding: file.bytes[start..<end], as: UTF8.self) : ""
        }
        var textIDs: [String: Int32] = [:]
        nodeTextIDs = nodeTexts.map { text in
            if let id = textIDs[text] { return id }
            let id = Int32(textIDs.count)
            textIDs[text] = id
            return id
        }
        evidenceNodes = tracedNodes.map { PolicyProgram.isEvidence($0, bundle) }
        reasonNodes = tracedNodes.enumerated().map { i, e in
            switch e.kind {
            case .member, .index, .call, .name: !tracingCompiler.guardedNodes.contains(Int32(i))
            case .binary(let op, _, _) where op.isArithmetic: !tracingCompiler.guardedNodes.contains(Int32(i))
            default: false
            }
        }
        slotCount = max(fastCompiler.slotCount, tracingCompiler.slotCount)
        reports = bundle.policies.map {
            PolicyReport(id: $0.id, title: $0.decl.title.value, severity: $0.severity, kind: $0.kind)
        }
        permitReports = bundle.permits.map { ($0.id, "permitted by \($0.id) (\($0.decl.title.value))") }
        // In words, with who can supply the value (PlainReason). An arithmetic node is reached
        // only when both operands had values: they are traced first.
        unknownReasons = zip(reasonNodes, tracingCompiler.tracedNodes).map { isReason, node in
            isReason ? PlainReason.of(node, bundle) : nil
        }
    }

    /// Whether `e` reads inside the facts (`facts.vendors["Mixpanel"].dpaExpires`).
    static func readsFacts(_ e: Expr, _ bundle: CheckedBundle) -> Bool {
        var e = e
        while true {
            switch e.kind {
            case .member(let base, _), .index(let base, _): e = base
            case .name: return bundle.name(e) == .namespace(.facts)
            default: return false
            }
        }
    }

    private static func compilePolicies(_ bundle: CheckedBundle, _ c: inout Compiler) -> [Compiled] {
        var out: [Compiled] = []
        for p in bundle.policies {
            var compiled = Compiled(condition: nil, requirement: { _ in .unknown }, message: nil, remediation: nil)
            if let e = p.decl.condition { compiled.condition = c.bool(e) }
            if let e = p.decl.requirement { compiled.requirement = c.bool(e) }
            if let t = p.decl.message { compiled.message = c.text(t) }
            if let t = p.decl.remediation { compiled.remediation = c.text(t) }
            out.append(compiled)
        }
        return out
    }

    private static func compilePermits(_ bundle: CheckedBundle, _ c: inout Compiler) -> [(condition: BoolCode?, basis: TextCode?)]
    {
        var out: [(condition: BoolCode?, basis: TextCode?)] = []
        for p in bundle.permits {
            var condition: BoolCode?
            var basis: TextCode?
            if let e = p.decl.condition { condition = c.bool(e) }
            if let t = p.decl.basis { basis = c.text(t) }
            out.append((condition, basis))
        }
        return out
    }

    // MARK: Evaluation

    /// Evaluates every policy over every workspace, in parallel across workspaces.
    package func evaluate(
        _ workspaces: [WorkspaceModel], catalog: Catalog, facts: Facts, auditDate: Day, progress: ProgressCounter? = nil
    ) -> Evaluation {
        let out = ParallelSlots<WorkspaceResults>(count: workspaces.count)
        progress?.begin("workspaces evaluated", total: workspaces.count)
        DispatchQueue.concurrentPerform(iterations: workspaces.count) { i in
            let ctx = EvalContext(
                model: workspaces[i], catalog: catalog, facts: facts, auditDate: auditDate, workspaces: workspaces,
                workspaceIndex: i)
            out.store(i, WorkspaceResults(workspace: i, results: evaluate(ctx)))
            progress?.step()
        }
        let results = out.take()
        var applicable = [Bool](repeating: false, count: policies.count)
        for w in results {
            for r in w.results where r.outcome != .notApplicable { applicable[Int(r.policy)] = true }
        }
        let unmatched = policies.indices.filter { policies[$0].decl.expectSome != nil && !applicable[$0] }
        return Evaluation(workspaces: results, unmatchedPolicies: unmatched)
    }

    /// Evaluates one workspace: each policy over the resources of its kind.
    package func evaluate(_ ctx: EvalContext) -> [RawResult] {
        let frame = Frame(ctx: ctx, slotCount: slotCount)
        var results: [RawResult] = []
        var total = 0
        for p in bundle.policies { total += ctx.model.count(of: p.kind) }
        results.reserveCapacity(total)
        // Policies in declaration order, each over the resources of its kind, so results
        // read in the order the policies are written.
        for p in bundle.policies.indices {
            let kind = bundle.policies[p].kind
            let n = ctx.model.count(of: kind)
            let policy = fast[p]
            let permits = bundle.policies[p].permits
            for r in 0..<n {
                frame[slot: 0] = .ref(kind, Int32(r))
                let (outcome, permit) = decide(policy, permits, fastPermits, frame)
                results.append(RawResult(policy: Int32(p), resource: Int32(r), outcome: outcome, permit: Int32(permit)))
            }
        }
        return results
    }

    /// The outcome rules: `where` false → not applicable, unknown → indeterminate; the
    /// requirement true → pass; otherwise the first permit whose condition holds makes it
    /// permitted; if none holds but one, or the requirement, was unknown → indeterminate;
    /// else fail.
    @inline(__always)
    func decide(
        _ policy: Compiled, _ permitIndices: [Int], _ permits: [(condition: BoolCode?, basis: TextCode?)],
        _ f: Frame
    ) -> (Outcome, Int) {
        switch policy.condition?(f) ?? .yes {
        case .no: return (.notApplicable, -1)
        case .unknown: return (.indeterminate, -1)
        case .yes: break
        }
        let requirement = policy.requirement(f)
        if requirement == .yes { return (.pass, -1) }
        var unknown = requirement == .unknown
        for k in permitIndices {
            switch permits[k].condition?(f) ?? .yes {
            case .yes: return (.permitted, k)
            case .unknown: unknown = true
            case .no: break
            }
        }
        return (unknown ? .indeterminate : .fail, -1)
    }
}
