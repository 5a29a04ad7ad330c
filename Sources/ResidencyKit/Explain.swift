/// `residency explain`: how one (policy, resource) outcome came about — every sub-expression
/// with the value it had, grouped by clause, the permit that applied and the evidence.
extension AuditRun {
    /// What to explain: a policy id and a resource id, optionally narrowed to a workspace.
    package struct ExplainTarget: Sendable {
        var policy: String
        var resource: String
        var workspace: String?
        package init(policy: String, resource: String, workspace: String? = nil) {
            self.policy = policy
            self.resource = resource
            self.workspace = workspace
        }
    }

    /// Loads everything as `check` does, then re-runs one pair with tracing on. Nil (with
    /// diagnostics) when the input is bad or the policy or resource is not found.
    package static func explain(_ options: Options, _ target: ExplainTarget) -> (Explanation?, [Diagnostic], [SourceFile]) {
        var diagnostics: [Diagnostic] = []
        var files: [SourceFile] = []
        guard let prepared = prepare(options, diagnostics: &diagnostics, files: &files) else {
            return (nil, diagnostics.sortedForOutput(), files)
        }
        let bundle = prepared.bundle
        guard let p = bundle.policies.firstIndex(where: { $0.id == target.policy }) else {
            let permit = bundle.permits.first { $0.id == target.policy }
            let help =
                permit.map {
                    "\($0.id) is a permit; explain a policy it permits: \($0.targets.map { bundle.policies[$0].id }.joined(separator: ", "))"
                }
                ?? Suggestions.didYouMean(target.policy, in: bundle.policies.map(\.id))
            diagnostics.append(.error(.E0804, "no policy `\(target.policy)` in the policies", at: nil, help: help))
            return (nil, diagnostics, files)
        }
        let kind = bundle.policies[p].kind
        let (matches, ids) = locate(
            target.resource, kind: kind, workspace: target.workspace, in: prepared.inventory.workspaces)
        guard matches.count == 1, let (w, i) = matches.first else {
            if matches.isEmpty {
                diagnostics.append(
                    .error(
                        .E0805,
                        "no \(kind.keyword) `\(target.resource)` in the inventories\(target.workspace.map { " (workspace \($0))" } ?? "")",
                        at: nil,
                        help: Suggestions.didYouMean(target.resource, in: ids)
                            ?? "\(bundle.policies[p].id) ranges over \(kind.keyword)s; give the id of one"))
            } else {
                diagnostics.append(
                    .error(
                        .E0806, "\(kind.keyword) `\(target.resource)` is in \(matches.count) workspaces", at: nil,
                        help: "name one with --workspace SLUG"))
            }
            return (nil, diagnostics, files)
        }
        let auditDate = Day(utc: options.clock())
        let ctx = EvalContext(
            model: prepared.inventory.workspaces[w], catalog: prepared.catalog.catalog, facts: prepared.facts,
            auditDate: auditDate, workspaces: prepared.inventory.workspaces, workspaceIndex: w)
        let raw = RawResult(policy: Int32(p), resource: Int32(i), outcome: .pass, permit: -1)
        var explanation = prepared.program.explain(raw, in: ctx)
        // The waiver that matched, as `check` would apply it (expired ones are shown too).
        if options.waivers != nil {
            let waivers = loadWaivers(options, bundle, auditDate: auditDate, diagnostics: &diagnostics, files: &files)
            guard !diagnostics.hasErrors else { return (nil, diagnostics.sortedForOutput(), files) }
            let workspace = prepared.inventory.workspaces[w].workspace
            var findings = [explanation.finding]
            _ = Waiver.apply(waivers, to: &findings, workspaceIDs: [workspace.slug: workspace.id], auditDate: auditDate)
            explanation.finding = findings[0]
        }
        return (explanation, diagnostics.sortedForOutput(), files)
    }

    /// Where the resources of `kind` with id `id` are (only in the workspace named by slug or
    /// id, when one is), and every id looked at: how `explain` and `residency test` find the
    /// one resource a user names, and suggest one when there is none.
    static func locate(
        _ id: String, kind: RecordKind, workspace: String?, in models: [WorkspaceModel]
    ) -> (matches: [(workspace: Int, index: Int)], ids: [String]) {
        var matches: [(workspace: Int, index: Int)] = []
        var ids: [String] = []
        for (w, model) in models.enumerated() {
            if let workspace, workspace != model.workspace.slug, workspace != model.workspace.id { continue }
            for i in 0..<model.count(of: kind) {
                let candidate = model.id(of: kind, i)
                if candidate == id { matches.append((w, i)) }
                ids.append(candidate)
            }
        }
        return (matches, ids)
    }
}

/// Renders an explanation for a terminal.
package enum ExplainText {
    /// The explanation as text for a terminal. Names, values and messages pass
    /// `Neutralise.terminal`: each stays on its line, shorter than a screenful.
    package static func render(_ x: Explanation) -> String {
        let f = x.finding
        var out = "\(t(f.policy)) \"\(t(f.title))\" (\(f.severity.rawValue))\n"
        out += "resource: \(t(f.resourceKind)) \(t(f.resourceId)) \"\(t(f.resourceName))\" in workspace \(t(f.workspace))\n"
        out += "outcome:  \(f.outcome.rawValue)"
        if let permit = f.permit { out += " by \(t(permit))" }
        out += "\n"
        if let m = f.message { out += "message:  \(t(m))\n" }
        if let reason = f.reason { out += "reason:   \(t(reason))\n" }
        if let basis = f.basis { out += "basis:    \(t(basis))\n" }
        if let waiver = f.waiver {
            out +=
                "waiver:   approved by \(t(waiver.approvedBy)) until \(t(waiver.expires))\(waiver.expired ? " (EXPIRED: it no longer applies)" : ""): \(t(waiver.reason))\n"
        }
        out += steps(x)
        if let remediation = f.remediation { out += "\nremediation: \(t(remediation))\n" }
        return out
    }

    /// The traced steps, grouped by clause under a blank line and a `clause:` heading, with
    /// values aligned (shared with `residency test`'s failure output).
    static func steps(_ x: Explanation) -> String {
        var out = ""
        var current = ""
        // Expressions written over several lines read on one.
        let expressions = x.steps.map { t(oneLine($0.expression)) }
        let width = min(60, expressions.map(\.count).max() ?? 0)
        for ((step, clause), expression) in zip(zip(x.steps, x.clauses), expressions) {
            if clause != current {
                out += "\n\(t(clause)):\n"
                current = clause
            }
            let padded =
                expression.count < width ? expression + String(repeating: " ", count: width - expression.count) : expression
            out += "  \(padded)  = \(t(step.value))\n"
            // A derived value shows what it rests on, on its own line under it.
            if let from = step.from {
                out += "  \(String(repeating: " ", count: width))    ← \(t(oneLine(from)))\n"
            }
        }
        return out
    }

    /// Line breaks (LF, CR or both) as one space each.
    private static func oneLine(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 10 || $0 == 13 }) else { return s }
        var out = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for u in s.unicodeScalars {
            defer { previous = u }
            if u == "\n", previous == "\r" { continue }
            out.append(u == "\n" || u == "\r" ? " " : u)
        }
        return String(out)
    }

    /// Text from the policies or the inventory, as a terminal shows it.
    private static func t(_ s: String) -> String { Neutralise.terminal(s, limit: valueLimit) }

    /// The most scalars of one value shown: a list of many names stays readable.
    static let valueLimit = 2000
}
