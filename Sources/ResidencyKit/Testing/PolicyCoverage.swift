/// Which parts of the policies the tests exercised (`residency test --coverage`).
///
/// A *branch* is one thing a test can make happen: a policy applying to a resource, a permit
/// turning a failure into a permitted transfer, and each condition (a `where`, a `require`,
/// a permit's `where`, and every operand of their `and`/`or`/`not`) being true and being
/// false. Kleene logic skips operands that cannot change the result, so `a and b` needs a
/// test where `a` holds to see `b` at all: the report says which side was never seen.
package struct PolicyCoverage: Sendable {
    struct Branch: Sendable, Hashable, Encodable {
        /// What must happen: "applies to a resource", "true", "false", "permits a failure".
        var label: String
        /// The clause it belongs to (`where`, `require`), nil for a rule-level branch.
        var clause: String?
        /// The condition's source text, nil for a rule-level branch.
        var expression: String?
        var line: Int?
        var covered: Bool
    }

    /// A policy or permit and its branches.
    struct Rule: Sendable {
        var id: String
        /// "policy" or "permit".
        var kind: String
        var file: String
        var line: Int
        var branches: [Branch]

        var covered: Int { branches.filter(\.covered).count }
        var total: Int { branches.count }
        var exercised: Bool { branches.contains(where: \.covered) }
        /// Covered branches in percent (100 when there is nothing to cover).
        package var percent: Double { total == 0 ? 100 : Double(covered) * 100 / Double(total) }
    }

    var rules: [Rule]

    var covered: Int { rules.reduce(0) { $0 + $1.covered } }
    var total: Int { rules.reduce(0) { $0 + $1.total } }
    /// Covered branches in percent (100 when there is nothing to cover).
    package var percent: Double { total == 0 ? 100 : Double(covered) * 100 / Double(total) }
}

/// Collects branch coverage from traced evaluations.
final class CoverageCollector {
    /// One condition whose truth values are tracked.
    private struct Condition {
        var rule: Int
        var clause: String
        var expr: Expr
        var seenTrue = false
        var seenFalse = false
    }

    private let bundle: CheckedBundle
    private var conditions: [Condition] = []
    /// Condition indices by expression identity: a trace names expressions, not conditions.
    private var byExpr: [ObjectIdentifier: [Int]] = [:]
    /// Whether each rule applied somewhere: policies by index, then permits after them.
    private var applied: [Bool]

    init(bundle: CheckedBundle) {
        self.bundle = bundle
        applied = [Bool](repeating: false, count: bundle.policies.count + bundle.permits.count)
        for (p, policy) in bundle.policies.enumerated() {
            if let e = policy.decl.condition { add(e, rule: p, clause: "where") }
            if let e = policy.decl.requirement { add(e, rule: p, clause: "require") }
        }
        for (k, permit) in bundle.permits.enumerated() {
            if let e = permit.decl.condition { add(e, rule: bundle.policies.count + k, clause: "where") }
        }
    }

    /// The condition and its operands through `and`, `or` and `not`, each tracked once.
    private func add(_ e: Expr, rule: Int, clause: String) {
        var atoms: [Expr] = []
        func walk(_ x: Expr) {
            switch x.kind {
            case .binary(.and, let l, let r), .binary(.or, let l, let r):
                walk(l)
                walk(r)
            case .unary(.not, let operand): walk(operand)
            default: atoms.append(x)
            }
        }
        walk(e)
        // One operand (`x`, or `not x`) is the whole condition: track it once.
        for x in atoms.count == 1 ? atoms : [e] + atoms {
            byExpr[ObjectIdentifier(x), default: []].append(conditions.count)
            conditions.append(Condition(rule: rule, clause: clause, expr: x))
        }
    }

    /// Records one traced result of policy `policy`.
    func record(policy: Int, outcome: Outcome, permit: String?, steps: [(expr: Expr, value: Value)]) {
        if outcome != .notApplicable { applied[policy] = true }
        if let permit, let k = bundle.permits.firstIndex(where: { $0.id == permit }) {
            applied[bundle.policies.count + k] = true
        }
        for (expr, value) in steps {
            guard let indices = byExpr[ObjectIdentifier(expr)] else { continue }
            let truth = Tri.from(value)
            for i in indices {
                // A condition shared by rules (a permit tried for several policies) counts
                // wherever its own rule was evaluated.
                if truth == .yes { conditions[i].seenTrue = true }
                if truth == .no { conditions[i].seenFalse = true }
            }
        }
    }

    func report() -> PolicyCoverage {
        var rules: [PolicyCoverage.Rule] = []
        for (p, policy) in bundle.policies.enumerated() {
            rules.append(
                rule(
                    p, id: policy.id, kind: "policy", file: policy.file, range: policy.decl.id.range,
                    appliedLabel: "applies to a resource"))
        }
        for (k, permit) in bundle.permits.enumerated() {
            rules.append(
                rule(
                    bundle.policies.count + k, id: permit.id, kind: "permit", file: permit.file,
                    range: permit.decl.id.range, appliedLabel: "permits a failure"))
        }
        return PolicyCoverage(rules: rules)
    }

    private func rule(
        _ index: Int, id: String, kind: String, file: Int, range: SourceRange, appliedLabel: String
    ) -> PolicyCoverage.Rule {
        let source = bundle.files[file]
        var branches = [PolicyCoverage.Branch(label: appliedLabel, covered: applied[index])]
        for c in conditions where c.rule == index {
            let text = source.text(of: c.expr.range)
            let line = c.expr.range.start.line
            branches.append(.init(label: "true", clause: c.clause, expression: text, line: line, covered: c.seenTrue))
            branches.append(.init(label: "false", clause: c.clause, expression: text, line: line, covered: c.seenFalse))
        }
        return .init(
            id: id, kind: kind, file: source.path, line: range.start.line, branches: branches)
    }
}

extension SourceFile {
    /// The source text of a range, with runs of white space (line breaks included) as one space.
    func text(of r: SourceRange) -> String {
        let start = max(0, r.start.offset), end = min(bytes.count, r.end.offset)
        guard start < end else { return "" }
        return String(decoding: bytes[start..<end], as: UTF8.self).split(whereSeparator: \.isWhitespace).joined(
            separator: " ")
    }
}
