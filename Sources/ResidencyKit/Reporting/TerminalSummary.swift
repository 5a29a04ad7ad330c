/// The summary `residency check` prints: the failing findings with their messages, counts by
/// outcome and severity, and the verdict. Colour only when asked (a terminal); plain otherwise.
///
/// Every string from the document passes through `Neutralise.terminal`, cut short and on one
/// line: a name cannot colour the log, move the cursor or start a line of its own (a forged
/// `verdict:`). The JSON result document has the full values.
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
        out +=
            "residency \(text(doc.tool.version, Neutralise.nameLimit)): \(doc.summary.workspaces) workspace\(plural(doc.summary.workspaces)), "
        out += "\(policies) polic\(policies == 1 ? "y" : "ies") and \(permits) permit\(plural(permits)), "
        out +=
            "\(doc.summary.evaluated) result\(plural(doc.summary.evaluated)) (audit date \(text(doc.run.auditDate, Neutralise.nameLimit)))\n"
        // Indices rather than a filtered copy: a large run has tens of thousands of failures.
        // Those that trip the gate first, then new ones (against a baseline), then by severity:
        // the finding that failed the build is never below the cut.
        let shown = doc.results.indices.filter { doc.results[$0].outcome == .fail || doc.results[$0].outcome == .indeterminate }
            .sorted { a, b in
                let (x, y) = (doc.results[a], doc.results[b])
                let (tx, ty) = (doc.trips(x), doc.trips(y))
                if tx != ty { return tx }
                let (nx, ny) = (x.change == "new", y.change == "new")
                if nx != ny { return nx }
                if x.severity != y.severity { return x.severity > y.severity }
                return a < b
            }
        if !shown.isEmpty { out += "\n" }
        // Where each finding is, as SARIF points at it: the resource's line in its inventory.
        let places = SARIFLocator(doc, root: nil, results: Array(shown.prefix(limit)))
        for i in shown.prefix(limit) {
            let r = doc.results[i]
            let label = r.outcome == .fail ? "FAIL " : "UNKNOWN"
            let colourCode = r.outcome == .fail ? (r.severity == .error ? "31" : "33") : "35"
            out += "  \(paint(label.padding(7), colourCode)) \(name(r.policy).padding(8)) \(r.severity.rawValue.padding(7)) "
            out += "\(name(r.workspace))/\(name(r.resourceKind))/\(name(r.resourceId))"
            if doc.baseline != nil { out += r.change == "new" ? "  " + paint("NEW", "1") : "  unchanged" }
            if doc.trips(r) { out += "  (gate)" }
            out += "\n"
            out += "          \(text(r.message ?? ""))\n"
            let place = places.file(of: r)
            out += "          at \(text("\(place.path):\(place.line)", Neutralise.nameLimit))\n"
            out += "          explain: residency explain --policy \(name(r.policy)) --resource \(name(r.resourceId))"
            out += doc.workspaces.count > 1 ? " --workspace \(name(r.workspace))\n" : "\n"
        }
        if shown.count > limit { out += "  … and \(shown.count - limit) more in the JSON report\n" }
        if let b = doc.baseline, !b.resolved.isEmpty {
            out += "\n"
            for e in b.resolved.prefix(limit) {
                out += "  \(paint("RESOLVED", "32")) \(name(e.policy).padding(8)) \(name(e.workspace))/\(name(e.resourceKind))/"
                out += "\(name(e.resourceId))\n"
            }
            if b.resolved.count > limit { out += "  … and \(b.resolved.count - limit) more resolved in the JSON report\n" }
        }
        for n in doc.notices { out += "  \(paint("NOTICE ", "33")) \(text(n.message))\n" }
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
            out += "baseline:    \(b.new) new, \(b.unchanged) unchanged, \(b.resolved.count) resolved since \(text(b.path))"
            out += b.failOnNew ? " (gating on new findings only)\n" : "\n"
        }
        let verdict = doc.summary.compliance
        let colour = verdict == .compliant ? "32" : verdict == .compliantWithWarnings ? "33" : "31"
        out += "verdict:     " + paint(verdict.headline, colour) + " — " + text(doc.verdictReason) + "\n"
        out += "gate:        " + text(doc.summary.gateWords.dropFirst("gate: ".count).description, Neutralise.nameLimit)
        out += doc.summary.gateState == .notApplied ? " (--fail-on never)\n" : " (--fail-on \(text(doc.summary.failOn, Neutralise.nameLimit)))\n"
        return out
    }

    private func plural(_ n: Int) -> String { n == 1 ? "" : "s" }

    /// A name or id from the document, as the terminal shows it.
    private func name(_ s: String) -> String { Neutralise.terminal(s, limit: Neutralise.nameLimit) }

    /// A message from the document, as the terminal shows it.
    private func text(_ s: String, _ limit: Int = Neutralise.textLimit) -> String { Neutralise.terminal(s, limit: limit) }

    private func paint(_ s: String, _ code: String) -> String {
        colour ? "\u{1B}[1;\(code)m\(s)\u{1B}[0m" : s
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
