/// The summary `residency check` prints: the failing findings with their messages, counts by
/// outcome and severity, and the verdict. Colour only when asked (a terminal); plain otherwise.
///
/// Every string from the document passes through `Neutralise.terminal`, cut short and on one
/// line: a name cannot colour the log, move the cursor or start a line of its own (a forged
/// `verdict:`). The JSON result document has the full values.
package struct TerminalSummary: Sendable {
    var colour: Bool
    /// The most findings listed; the rest are counted.
    var limit: Int

    /// The input options the run was given (`--inventory exports/`, `--facts …`), repeated in
    /// each `explain` command so that it re-evaluates this run's inputs rather than its own
    /// defaults. Empty when the run used the defaults.
    var explainInputs: [String]

    /// How many failing or undecided results are shown.
    package static let defaultLimit = 50

    /// The order results are shown in, most urgent first: those that trip the gate, then new
    /// ones (against a baseline), then by severity, then in document order (`index`).
    /// Read by address: a `Finding` passed by value, even an element of a buffer, is copied.
    static func urgency(_ doc: ResultDocument, _ r: UnsafePointer<Finding>, index: Int) -> (Int, Int, Int, Int) {
        let severity = r.pointee.severity, change = r.pointee.change
        return (
            doc.trips(severity, r.pointee.outcome, change) ? 0 : 1, change == .new ? 0 : 1,
            -(PolicySeverity.allCases.firstIndex(of: severity) ?? 0), index
        )
    }

    package init(colour: Bool, limit: Int = TerminalSummary.defaultLimit, explainInputs: [String] = []) {
        self.colour = colour
        self.limit = limit
        self.explainInputs = explainInputs
    }

    package func render(_ doc: ResultDocument) -> String {
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
        // Each key computed once, not per comparison; each result read in place, by address
        // (`let r = doc.results[i]` copied every one of a night's results, passes included).
        let shown = doc.results.withUnsafeBufferPointer { results in
            results.indices.compactMap { i -> (Int, Int, Int, Int)? in
                guard results[i].outcome == .fail || results[i].outcome == .indeterminate else { return nil }
                return Self.urgency(doc, results.baseAddress! + i, index: i)
            }
        }.sorted(by: <).map(\.3)
        // Counted from the summary: a run in batches keeps only the results shown here.
        let failing = doc.summary.outcomes[.fail] + doc.summary.outcomes[.indeterminate]
        if !shown.isEmpty { out += "\n" }
        // Where each finding is, as SARIF points at it: the resource's line in its inventory.
        let places = SARIFLocator(doc, root: nil, results: Array(shown.prefix(limit)))
        for i in shown.prefix(limit) {
            let r = doc.results[i]
            let label = r.outcome == .fail ? "FAIL " : "UNKNOWN"
            let colourCode = r.outcome == .fail ? (r.severity == .error ? "31" : "33") : "35"
            out += "  \(paint(label.padding(7), colourCode)) \(name(r.policy).padding(8)) \(r.severity.rawValue.padding(7)) "
            out += "\(name(r.workspace))/\(name(r.resourceKind))/\(name(r.resourceId))"
            if doc.baseline != nil { out += r.change == .new ? "  " + paint("NEW", "1") : "  unchanged" }
            if doc.trips(r) { out += "  (gate)" }
            out += "\n"
            out += "          \(text(r.message ?? ""))\n"
            let place = places.file(of: r)
            out += "          at \(text("\(place.path):\(place.line)", Neutralise.nameLimit))\n"
            out += "          explain: residency explain --policy \(shell(r.policy)) --resource \(shell(r.resourceId))"
            if doc.workspaces.count > 1 { out += " --workspace \(shell(r.workspace))" }
            out += explainInputs.map { " " + shell($0) }.joined() + "\n"
        }
        if failing > limit { out += "  … and \(failing - limit) more in the JSON report\n" }
        if let b = doc.baseline, !b.resolved.isEmpty {
            out += "\n"
            for e in b.resolved.prefix(limit) {
                out += "  \(paint("RESOLVED", "32")) \(name(e.policy).padding(8)) \(name(e.workspace))/\(name(e.resourceKind))/"
                out += "\(name(e.resourceId))\n"
            }
            if b.resolved.count > limit { out += "  … and \(b.resolved.count - limit) more resolved in the JSON report\n" }
        }
        for n in doc.notices {
            // A notice that fails the gate says so, as a result that trips it does.
            let gate = n.blocks && doc.summary.failOn != .never ? "  (gate)" : ""
            out += "  \(paint("NOTICE ", "33")) \(text(n.message))\(gate)\n"
        }
        let counts = Outcome.allCases.map { "\(doc.summary.outcomes[$0]) \($0.rawValue)" }
        out += "\noutcomes:    " + counts.joined(separator: ", ") + "\n"
        var severities: [String] = []
        for s in PolicySeverity.allCases.reversed() {
            let fail = doc.summary.bySeverity[s, .fail], unknown = doc.summary.bySeverity[s, .indeterminate]
            if fail + unknown > 0 { severities.append("\(s.rawValue): \(fail) fail, \(unknown) indeterminate") }
        }
        if !severities.isEmpty { out += "by severity: " + severities.joined(separator: "; ") + "\n" }
        if let b = doc.baseline {
            out += "baseline:    \(b.new) new, \(b.unchanged) unchanged, \(b.resolved.count) resolved since \(text(b.path))"
            out += b.failOnNew ? " (gating on new findings only)\n" : "\n"
        }
        let verdict = doc.summary.verdict
        let colour = verdict == .compliant ? "32" : verdict == .compliantWithWarnings ? "33" : "31"
        out += "verdict:     " + paint(verdict.headline, colour) + " — " + text(doc.verdictReason) + "\n"
        out += "gate:        " + text(doc.summary.gateWords.dropFirst("gate: ".count).description, Neutralise.nameLimit)
        out += doc.summary.gate == .notApplied ? " (--fail-on never)\n" : " (--fail-on \(doc.summary.failOn.rawValue))\n"
        return out
    }

    private func plural(_ n: Int) -> String { n == 1 ? "" : "s" }

    /// A name or id from the document, as the terminal shows it.
    private func name(_ s: String) -> String { Neutralise.terminal(s, limit: Neutralise.nameLimit) }

    /// A word of a command to paste into a shell: as it is when it holds nothing a shell
    /// reads, else in single quotes (a resource id is text from an export).
    private func shell(_ s: String) -> String {
        let word = name(s)
        let plain =
            !word.isEmpty
            && word.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                    || "-_./:=@%+,".unicodeScalars.contains($0)
            }
        return plain ? word : "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

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
