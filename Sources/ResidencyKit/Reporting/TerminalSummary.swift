/// The summary `residency check` prints: the failing findings with their messages, counts by
/// outcome and severity, and the verdict. Colour only when asked (a terminal); plain otherwise.
public struct TerminalSummary: Sendable {
    public var colour: Bool
    /// The most findings listed; the rest are counted.
    public var limit: Int

    public init(colour: Bool, limit: Int = 50) {
        self.colour = colour
        self.limit = limit
    }

    public func render(_ doc: ResultDocument) -> String {
        var out = ""
        let policies = doc.summary.policies, permits = doc.summary.permits
        out += "residency \(doc.tool.version): \(doc.summary.workspaces) workspace\(plural(doc.summary.workspaces)), "
        out += "\(policies) polic\(policies == 1 ? "y" : "ies") and \(permits) permit\(plural(permits)), "
        out += "\(doc.summary.evaluated) result\(plural(doc.summary.evaluated)) (audit date \(doc.run.auditDate))\n"
        // Indices rather than a filtered copy: a large run has tens of thousands of failures.
        let shown = doc.results.indices.filter { doc.results[$0].outcome == .fail || doc.results[$0].outcome == .indeterminate }
        if !shown.isEmpty { out += "\n" }
        for i in shown.prefix(limit) {
            let r = doc.results[i]
            let label = r.outcome == .fail ? "FAIL " : "UNKNOWN"
            let colourCode = r.outcome == .fail ? (r.severity == .error ? "31" : "33") : "35"
            out += "  \(paint(label.padding(7), colourCode)) \(r.policy.padding(8)) \(r.severity.rawValue.padding(7)) "
            out += "\(r.workspace)/\(r.resourceKind)/\(r.resourceId)\n"
            out += "          \(r.message ?? "")\n"
        }
        if shown.count > limit { out += "  … and \(shown.count - limit) more in the JSON report\n" }
        for n in doc.notices { out += "  \(paint("NOTICE ", "33")) \(n.message)\n" }
        let counts = Outcome.allCases.map { "\(doc.summary.outcomes[$0.rawValue] ?? 0) \($0.rawValue)" }
        out += "\noutcomes:    " + counts.joined(separator: ", ") + "\n"
        var severities: [String] = []
        for s in PolicySeverity.allCases.reversed() {
            let c = doc.summary.bySeverity[s.rawValue] ?? [:]
            let fail = c["fail"] ?? 0, unknown = c["indeterminate"] ?? 0
            if fail + unknown > 0 { severities.append("\(s.rawValue): \(fail) fail, \(unknown) indeterminate") }
        }
        if !severities.isEmpty { out += "by severity: " + severities.joined(separator: "; ") + "\n" }
        if let b = doc.baseline {
            out += "baseline:    \(b.new) new, \(b.unchanged) unchanged, \(b.resolved.count) resolved since \(b.path)"
            out += b.failOnNew ? " (gating on new findings only)\n" : "\n"
        }
        let verdict = doc.summary.verdict
        out += "verdict:     " + paint(verdict, verdict == "compliant" ? "32" : "31") + " (--fail-on \(doc.summary.failOn))\n"
        return out
    }

    private func plural(_ n: Int) -> String { n == 1 ? "" : "s" }

    private func paint(_ s: String, _ code: String) -> String {
        colour ? "\u{1B}[1;\(code)m\(s)\u{1B}[0m" : s
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
