/// Section 4: every policy with its rationale and references, then each resource it failed,
/// could not decide, permitted or waived, with the message, the evidence read, the reason or
/// legal basis and the remediation. Passes and not-applicable results are counted only.
/// Anchors are stable: `policy-<id>` and `finding-<policy>-<workspace>-<kind>-<id>`.
extension HTMLReport {
    func findingsSection(_ doc: ResultDocument, _ index: ResultIndex, _ w: inout HTMLWriter) {
        let policies = doc.policies.filter { $0.kind == "policy" }
        let permits = doc.policies.filter { $0.kind == "permit" }
        section("findings", &w) { w in
            w.element(
                "p",
                text: "Policies in the order they are declared. Under each, the resources it failed, could not decide, "
                    + "permitted or waived, most urgent first; passes and not-applicable results are counted.")
            causesTable(doc, index, &w)
            if isIndex {
                w.element(
                    "p", .cls("more"), text: "Each finding is listed on its workspace's page; section 1 lists the workspaces.")
            }
            for p in policies { policyBlock(p, doc, index, &w) }
            if !permits.isEmpty {
                w.element("h3", text: "Permits (recorded legal bases)")
                for p in permits { permitBlock(p, index, &w) }
            }
        }
    }

    /// Every result this report shows as a finding (the first `findingsPerPolicy` of each policy).
    func shownFindings(_ doc: ResultDocument, _ index: ResultIndex) -> Set<Int> {
        var out = Set<Int>()
        for p in doc.policies where p.kind == "policy" {
            out.formUnion((index.listed[p.id] ?? []).prefix(limits.findingsPerPolicy))
        }
        return out
    }

    private func header(_ p: ResultDocument.PolicyInfo, _ meta: String, _ w: inout HTMLWriter) {
        w.element("h3", text: "\(p.id) · \(p.title)")
        w.element("p", .cls("policy-meta"), text: meta)
        if let r = p.rationale {
            w.element("p", .cls("rationale")) { w in
                w.element("strong", text: "Rationale: ")
                w.text(r)
            }
        }
        // The index prints compactly: references on one line.
        if isIndex {
            w.element("p") { w in
                w.element("strong", text: "References: ")
                w.text(p.references.isEmpty ? "none given." : p.references.joined(separator: "; ") + ".")
            }
        } else if p.references.isEmpty {
            w.element("p", text: "References: none given.")
        } else {
            w.element("p") { $0.element("strong", text: "References:") }
            w.element("ul") { w in
                for r in p.references { w.element("li", text: r) }
            }
        }
    }

    private func policyBlock(_ p: ResultDocument.PolicyInfo, _ doc: ResultDocument, _ index: ResultIndex, _ w: inout HTMLWriter) {
        var meta = "Severity \(p.severity ?? "none") · applies to each \(p.resourceKind) · written in \(p.file), line \(p.line)"
        if let by = p.permittedBy, !by.isEmpty { meta += " · failures may be permitted by \(by.joined(separator: ", "))" }
        let counts = Outcome.allCases.map { index.count(p.id, $0) }
        let listedCounts = [Outcome.fail, .indeterminate, .permitted, .waived].map {
            "\(counts[$0.ordinal]) \(HTMLWords.label($0))"
        }
        let (passed, notApplicable) = (counts[Outcome.pass.ordinal], counts[Outcome.notApplicable.ordinal])
        let summary =
            "Results: " + listedCounts.joined(separator: ", ")
            + "; \(passed) passed and \(notApplicable) not applicable (counted only)."
        let listed = (index.listed[p.id] ?? [])
        // The index of an `--html-dir` folder counts; each workspace's page lists.
        let shown = listed.prefix(isIndex ? 0 : limits.findingsPerPolicy)
        w.element("section", .cls("policy"), .attr("id", HTMLMarkup.policyAnchor(p.id))) { w in
            header(p, meta, &w)
            w.element("p", text: summary)
            if isIndex {
                // Said once, above the policies.
            } else if listed.isEmpty {
                w.element("p", .cls("muted"), text: "No resource failed, was undecided, permitted or waived under this policy.")
            }
            for i in shown { finding(doc.results[i], p, &w) }
            if !isIndex && listed.count > shown.count {
                w.element(
                    "p", .cls("more"), text: "\(listed.count - shown.count) more findings of \(p.id) in the JSON result document."
                )
            }
        }
    }

    private func permitBlock(_ p: ResultDocument.PolicyInfo, _ index: ResultIndex, _ w: inout HTMLWriter) {
        var meta = "Permit for each \(p.resourceKind) · written in \(p.file), line \(p.line)"
        if let targets = p.permits, !targets.isEmpty { meta += " · can permit failures of \(targets.joined(separator: ", "))" }
        let used = index.permitted[p.id] ?? 0
        w.element("section", .cls("policy"), .attr("id", HTMLMarkup.policyAnchor(p.id))) { w in
            header(p, meta, &w)
            w.element(
                "p",
                text: used == 0
                    ? "Applied to no result in this run."
                    : "Applied to \(HTMLMarkup.count(used, "result")), "
                        + "listed as permitted under the policies above and in section 3."
            )
        }
    }

    private func finding(_ r: Finding, _ p: ResultDocument.PolicyInfo, _ w: inout HTMLWriter) {
        let anchor = HTMLMarkup.findingAnchor(r)
        w.element("article", .cls("finding o-\(r.outcome.rawValue)"), .attr("id", anchor)) { w in
            w.element("h4") { w in
                w.badge(r.outcome)
                w.text(" ")
                w.name(r.resourceName)
                w.text(" · \(r.resourceKind) in ")
                w.name(r.workspace)
            }
            w.keyValueTable("\(HTMLWords.status(r.outcome)) under \(p.id), severity \(r.severity.rawValue)") { w in
                w.keyRow("Resource") { w in
                    w.text("\(r.resourceKind) \(r.resourceName) in workspace \(r.workspace); id ")
                    w.element("code", text: r.resourceId)
                }
                if let m = r.message { w.keyRow("Finding", text: m) }
                switch r.outcome {
                case .permitted:
                    w.keyRow("Legal basis") {
                        $0.element("span", .cls("basis"), text: r.basis ?? "recorded by the permit, without a statement")
                    }
                    if let permit = r.permit { w.keyRow("Permit") { $0.link(HTMLMarkup.policyAnchor(permit), permit) } }
                    if let reason = r.reason { w.keyRow("Reason", text: reason) }
                case .indeterminate:
                    w.keyRow("Why indeterminate", text: r.reason ?? "a value the policy needs is unknown")
                default:
                    if let reason = r.reason { w.keyRow("Reason", text: reason) }
                }
                if let remediation = r.remediation { w.keyRow("Remediation", text: remediation) }
                w.keyRow("Evidence") { w in
                    if r.evidence.isEmpty {
                        w.text("none recorded")
                    } else {
                        w.text("the \(HTMLMarkup.count(r.evidence.count, "value")) the decision read: ")
                        w.link(Self.evidenceAnchor(anchor), "appendix")
                    }
                }
            }
        }
    }
}
