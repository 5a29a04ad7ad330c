/// Section 1: the verdict in words, what was audited against what, and the counts.
extension HTMLReport {
    func verdictSection(_ doc: ResultDocument, _ index: ResultIndex, _ w: inout HTMLWriter) {
        let verdict = doc.summary.verdict
        section("verdict", &w) { w in
            w.element("div", .cls("verdict \(HTMLReport.verdictClass(verdict))")) { w in
                w.element("p", .cls("verdict-word"), text: verdict.headline)
                w.element("p", text: doc.verdictReason)
                w.element("p", .cls("gate"), text: gateSentence(doc))
                if let gap = doc.gapSentence { w.element("p", text: gap + " The notices under Coverage say which.") }
                if let baseline = doc.baseline { w.element("p", text: HTMLReport.baselineSentence(baseline)) }
            }
            scopeTable(doc, index, &w)
            workspaceTable(doc, index, &w)
            outcomeTable(doc, &w)
            chart(doc, &w)
            severityTable(doc, &w)
        }
    }

    /// The gate's threshold in words (no command-line flag: the report is read by people who
    /// never ran it).
    static func gateThreshold(_ s: ResultDocument.Summary) -> String {
        switch s.failOn {
        case .never: "not applied"
        case .warning: "fails on a failed or undecided result of a warning or error policy"
        case .error: "fails on a failed or undecided result of an error policy"
        }
    }

    /// What changed since the baseline, in one sentence for the verdict box.
    static func baselineSentence(_ b: ResultDocument.BaselineDelta) -> String {
        var text = "Since the baseline (\(b.path), SHA-256 \(b.sha256.prefix(12))…): \(b.new) new, "
        text += "\(b.unchanged) unchanged and \(b.resolved.count) resolved failing or undecided results"
        text += b.failOnNew ? "; the gate counted only the new ones." : "."
        return text
    }

    /// The CSS class of a verdict's box and badges.
    static func verdictClass(_ c: Compliance) -> String {
        switch c {
        case .compliant: "compliant"
        case .compliantWithWarnings: "warnings"
        case .notDecided, .nonCompliant: "not-compliant"
        }
    }

    /// The gate in one sentence: a statement about the build, not about compliance.
    func gateSentence(_ doc: ResultDocument) -> String {
        let s = doc.summary
        switch s.gate {
        case .notApplied:
            return "Deployment gate: not applied. This run was not used to stop a deployment; the verdict above stands."
        case .passed, .failed:
            return "Deployment gate (\(s.gate == .failed ? "failed" : "passed") at severity \(s.failOn)): "
                + verdictExplanation(doc)
        }
    }

    /// What the gate counted, with its threshold.
    private func verdictExplanation(_ doc: ResultDocument) -> String {
        let s = doc.summary
        let failOn = s.failOn
        let gated: [PolicySeverity] =
            switch failOn {
            case .error: [.error]
            case .warning: [.error, .warning]
            case .never: []
            }
        func total(_ severities: [PolicySeverity], _ outcome: Outcome) -> Int {
            severities.reduce(0) { $0 + (s.bySeverity[$1, outcome]) }
        }
        var fails = total(gated, .fail), undecided = total(gated, .indeterminate), inBaseline = 0
        let below = PolicySeverity.allCases.filter { !gated.contains($0) }
        let belowFails = total(below, .fail) + total(below, .indeterminate)
        // With `--fail-on-new` the gate counts only new results: the others at its severity
        // were already in the baseline, and are said to be.
        if doc.baseline?.failOnNew == true {
            (fails, undecided) = (0, 0)
            doc.results.withUnsafeBufferPointer { results in
                for i in results.indices {
                    switch doc.standing(results[i]) {
                    case .trips?: if results[i].outcome == .fail { fails += 1 } else { undecided += 1 }
                    case .inBaseline?: inBaseline += 1
                    default: break
                    }
                }
            }
        }
        // Only for a gate that was applied (`gateSentence`): `--fail-on never` is "not applied".
        var out: String
        let threshold = failOn == .error ? "severity error" : "severity warning or error"
        out = "\(HTMLMarkup.count(fails, "result")) at \(threshold) failed"
        out += " and \(undecided) could not be decided (an undecided result counts as a failure for the gate)."
        if doc.unmatchedPolicies > 0 {
            out +=
                " \(HTMLMarkup.count(doc.unmatchedPolicies, "policy", "policies")) expected to apply to resources and applied to none."
        }
        if doc.unmatchedSetups > 0 { out += " \(ResultDocument.setupsSentence(doc.unmatchedSetups))" }
        if inBaseline > 0 { out += " " + ResultDocument.inBaselineSentence(inBaseline) }
        if belowFails > 0 {
            out +=
                " Below the threshold, \(HTMLMarkup.count(belowFails, "result")) failed or could not be decided; they are listed in section 4."
        }
        let permitted = s.outcomes[Outcome.permitted]
        if permitted > 0 {
            out += permitted == 1 ? " 1 transfer relies" : " \(permitted) transfers rely"
            out += " on a legal basis recorded by a permit (section 3)."
        }
        return out
    }

    private func scopeTable(_ doc: ResultDocument, _ index: ResultIndex, _ w: inout HTMLWriter) {
        let s = doc.summary
        let ordered = index.workspaceOrder
        let registered = registered(ordered)
        // An index page lists every workspace in section 3; the scope only counts them.
        let shown = site == nil ? Array(ordered.prefix(limits.listedWorkspaces)) : []
        w.keyValueTable("Scope of this audit") { w in
            w.keyRow("Audit date", text: doc.run.auditDate)
            w.keyRow("Workspaces") { w in
                w.element(
                    "p",
                    text: "\(HTMLMarkup.count(s.workspaces, "workspace")), \(HTMLMarkup.count(s.resources, "resource")) audited:")
                w.element("ul", .cls("plain")) { w in
                    for ws in shown {
                        w.element("li") { w in
                            workspaceName(ws, registered: registered, &w)
                            w.name(" (\(ws.slug))")
                            w.text(
                                ", data region \(HTMLWords.region(HTMLWords.regionCode(ofWorkspace: ws.region)))"
                                    + (ws.region.map { " (\($0))" } ?? ""))
                        }
                    }
                }
                if site == nil && doc.workspaces.count > shown.count {
                    w.element(
                        "p", .cls("more"),
                        text: "\(doc.workspaces.count - shown.count) more workspaces in the JSON result document.")
                }
                if site != nil { w.element("p", text: "Each has its own page, listed below by verdict.") }
            }
            w.keyRow("Policy pack") { w in
                w.element(
                    "p",
                    text:
                        "\(HTMLMarkup.count(s.policies, "policy", "policies")) and \(HTMLMarkup.count(s.permits, "permit")) from:"
                )
                w.element("ul", .cls("plain")) { w in
                    for input in doc.inputs.policies { w.element("li") { $0.element("code", text: input.path) } }
                }
            }
            w.keyRow("Catalog") { w in
                if doc.inputs.catalog.isEmpty {
                    w.text("none")
                } else {
                    w.element("ul", .cls("plain")) { w in
                        for c in doc.inputs.catalog {
                            w.element("li") { w in
                                w.element("code", text: c.path)
                                w.text(", version \(c.version ?? "not stated")")
                            }
                        }
                    }
                }
            }
            w.keyRow("Facts") { w in
                if let facts = doc.inputs.facts { w.element("code", text: facts.path) } else { w.text("none") }
            }
            w.keyRow("Deployment gate", text: HTMLReport.gateThreshold(s))
            w.keyRow("Results", text: "\(s.evaluated) (one per policy and resource it ranges over)")
        }
    }

    private func outcomeTable(_ doc: ResultDocument, _ w: inout HTMLWriter) {
        w.table("Results by outcome", columns: ["Outcome", "Results", "Meaning"], numeric: [1]) { w in
            for o in Outcome.allCases {
                w.element("tr") { w in
                    w.rowHeader { $0.badge(o) }
                    w.number(doc.summary.outcomes[o])
                    w.cell(HTMLWords.meaning(o))
                }
            }
        }
    }

    private func severityTable(_ doc: ResultDocument, _ w: inout HTMLWriter) {
        let outcomes = Outcome.allCases
        w.table(
            "Results by policy severity", columns: ["Severity"] + outcomes.map { HTMLWords.label($0) } + ["Total"],
            numeric: Set(1...(outcomes.count + 1))
        ) { w in
            for sev in PolicySeverity.allCases.reversed() {
                let counts = outcomes.map { doc.summary.bySeverity[sev, $0] }
                w.element("tr") { w in
                    w.rowHeader(text: sev.rawValue)
                    for n in counts { w.number(n) }
                    w.number(counts.reduce(0, +))
                }
            }
        }
    }

    /// A bar per outcome, labelled with its name and count (so it reads without colour),
    /// drawn with SVG presentation attributes only: the CSP admits no inline style.
    private func chart(_ doc: ResultDocument, _ w: inout HTMLWriter) {
        let outcomes = Outcome.allCases
        let counts = outcomes.map { doc.summary.outcomes[$0] }
        let maxCount = max(counts.max() ?? 0, 1)
        let labelWidth = 130, barSpace = 480, rowHeight = 28, top = 8
        let height = top * 2 + rowHeight * outcomes.count
        let colours: [Outcome: String] = [
            .pass: "#1b5e20", .fail: "#b71c1c", .indeterminate: "#6a1b9a", .notApplicable: "#9e9e9e", .permitted: "#0d47a1",
            .waived: "#8d4b00",
        ]
        let description = zip(outcomes, counts).map { "\($1) \(HTMLWords.label($0))" }.joined(separator: ", ")
        // Not printed: the table above gives the same counts.
        w.element("figure") { w in
            w.element(
                "svg", .attr("xmlns", "http://www.w3.org/2000/svg"), .cls("chart"), .attr("role", "img"),
                .attr("viewBox", "0 0 \(labelWidth + barSpace + 60) \(height)"),
                .attr("width", String(labelWidth + barSpace + 60)),
                .attr("height", String(height)), .attr("aria-labelledby", "chart-title chart-desc")
            ) { w in
                w.element("title", .attr("id", "chart-title"), text: "Results by outcome")
                w.element("desc", .attr("id", "chart-desc"), text: description)
                for (i, o) in outcomes.enumerated() {
                    let y = top + i * rowHeight
                    let width = counts[i] == 0 ? 0 : max(2, counts[i] * barSpace / maxCount)
                    w.element(
                        "text", .attr("x", String(labelWidth - 8)), .attr("y", String(y + 18)), .attr("text-anchor", "end"),
                        .attr("font-size", "13"), .attr("fill", "#1a1a1a"), text: HTMLWords.label(o))
                    w.element(
                        "rect", .attr("x", String(labelWidth)), .attr("y", String(y + 4)), .attr("width", String(width)),
                        .attr("height", String(rowHeight - 8)), .attr("fill", colours[o]!))
                    w.element(
                        "text", .attr("x", String(labelWidth + width + 6)), .attr("y", String(y + 18)), .attr("font-size", "13"),
                        .attr("fill", "#1a1a1a"), text: String(counts[i]))
                }
            }
            w.element("figcaption", text: "Results by outcome: \(description).")
        }
    }
}
