import Plot

/// Section 4: every policy with its rationale and references, then each resource it failed,
/// could not decide, permitted or waived, with the message, the evidence read, the reason or
/// legal basis and the remediation. Passes and not-applicable results are counted only.
/// Anchors are stable: `policy-<id>` and `finding-<policy>-<workspace>-<kind>-<id>`.
extension HTMLReport {
    func findingsSection(_ doc: ResultDocument, _ index: ResultIndex) -> BodyNode {
        let policies = doc.policies.filter { $0.kind == "policy" }
        let permits = doc.policies.filter { $0.kind == "permit" }
        var content: [BodyNode] = [
            .p(
                .t(
                    "Policies in the order they are declared. Under each, the resources it failed, could not decide, "
                        + "permitted or waived, most urgent first; passes and not-applicable results are counted."))
        ]
        content.append(causesTable(doc, index))
        if isIndex {
            content.append(.p(.cls("more"), .t("Each finding is listed on its workspace's page; section 1 lists the workspaces.")))
        }
        content += policies.map { policyBlock($0, doc, index) }
        if !permits.isEmpty {
            content.append(.h3(.t("Permits (recorded legal bases)")))
            content += permits.map { permitBlock($0, index) }
        }
        return section("findings", content)
    }

    /// Every result this report shows as a finding (the first `findingsPerPolicy` of each policy).
    func shownFindings(_ doc: ResultDocument, _ index: ResultIndex) -> Set<Int> {
        var out = Set<Int>()
        for p in doc.policies where p.kind == "policy" {
            out.formUnion((index.listed[p.id] ?? []).prefix(limits.findingsPerPolicy))
        }
        return out
    }

    private func header(_ p: ResultDocument.PolicyInfo, _ meta: String) -> [BodyNode] {
        // The index prints compactly: references on one line.
        if isIndex {
            return [
                .h3(.t("\(p.id) · \(p.title)")),
                .p(.cls("policy-meta"), .t(meta)),
                .unwrap(p.rationale) { r in .p(.cls("rationale"), .strong(.t("Rationale: ")), .t(r)) },
                .p(.strong(.t("References: ")), .t(p.references.isEmpty ? "none given." : p.references.joined(separator: "; ") + ".")),
            ]
        }
        return [
            .h3(.t("\(p.id) · \(p.title)")),
            .p(.cls("policy-meta"), .t(meta)),
            .unwrap(p.rationale) { r in .p(.cls("rationale"), .strong(.t("Rationale: ")), .t(r)) },
            p.references.isEmpty
                ? .p(.t("References: none given."))
                : .group([.p(.strong(.t("References:"))), .ul(.group(p.references.map { .li(.t($0)) }))]),
        ]
    }

    private func policyBlock(_ p: ResultDocument.PolicyInfo, _ doc: ResultDocument, _ index: ResultIndex) -> BodyNode {
        var meta = "Severity \(p.severity ?? "none") · applies to each \(p.resourceKind) · written in \(p.file), line \(p.line)"
        if let by = p.permittedBy, !by.isEmpty { meta += " · failures may be permitted by \(by.joined(separator: ", "))" }
        let counts = Outcome.allCases.map { index.count(p.id, $0) }
        let listedCounts = [Outcome.fail, .indeterminate, .permitted, .waived].map {
            "\(counts[$0.ordinal]) \(HTMLWords.label($0))"
        }
        let summary =
            "Results: " + listedCounts.joined(separator: ", ")
            + "; \(counts[Outcome.pass.ordinal]) passed and \(counts[Outcome.notApplicable.ordinal]) not applicable (counted only)."
        let listed = (index.listed[p.id] ?? [])
        // The index of an `--html-dir` folder counts; each workspace's page lists.
        let shown = listed.prefix(isIndex ? 0 : limits.findingsPerPolicy)
        var body: [BodyNode] = header(p, meta) + [.p(.t(summary))]
        if isIndex {
            // Said once, above the policies.
        } else if listed.isEmpty {
            body.append(.p(.cls("muted"), .t("No resource failed, was undecided, permitted or waived under this policy.")))
        }
        body += shown.map { finding(doc.results[$0], p) }
        if !isIndex && listed.count > shown.count {
            body.append(
                .p(.cls("more"), .t("\(listed.count - shown.count) more findings of \(p.id) in the JSON result document.")))
        }
        return .section(.cls("policy"), .attr("id", HTMLMarkup.policyAnchor(p.id)), .group(body))
    }

    private func permitBlock(_ p: ResultDocument.PolicyInfo, _ index: ResultIndex) -> BodyNode {
        var meta = "Permit for each \(p.resourceKind) · written in \(p.file), line \(p.line)"
        if let targets = p.permits, !targets.isEmpty { meta += " · can permit failures of \(targets.joined(separator: ", "))" }
        let used = index.permitted[p.id] ?? 0
        return .section(
            .cls("policy"), .attr("id", HTMLMarkup.policyAnchor(p.id)),
            .group(header(p, meta)),
            .p(
                .t(
                    used == 0
                        ? "Applied to no result in this run."
                        : "Applied to \(HTMLMarkup.count(used, "result")), listed as permitted under the policies above and in section 3."
                ))
        )
    }

    private func finding(_ r: Finding, _ p: ResultDocument.PolicyInfo) -> BodyNode {
        var rows: [(String, BodyNode)] = []
        rows.append(
            (
                "Resource",
                .group([.t("\(r.resourceKind) \(r.resourceName) in workspace \(r.workspace); id "), .code(.t(r.resourceId))])
            ))
        if let m = r.message { rows.append(("Finding", .t(m))) }
        switch r.outcome {
        case .permitted:
            rows.append(("Legal basis", .span(.cls("basis"), .t(r.basis ?? "recorded by the permit, without a statement"))))
            if let permit = r.permit { rows.append(("Permit", .link(HTMLMarkup.policyAnchor(permit), permit))) }
            if let reason = r.reason { rows.append(("Reason", .t(reason))) }
        case .indeterminate:
            rows.append(("Why indeterminate", .t(r.reason ?? "a value the policy needs is unknown")))
        default:
            if let reason = r.reason { rows.append(("Reason", .t(reason))) }
        }
        if let remediation = r.remediation { rows.append(("Remediation", .t(remediation))) }
        rows.append(
            (
                "Evidence",
                r.evidence.isEmpty
                    ? .t("none recorded")
                    : .group([
                        .t("the \(HTMLMarkup.count(r.evidence.count, "value")) the decision read: "),
                        .link(Self.evidenceAnchor(r), "appendix"),
                    ])
            ))
        return .element(
            named: "article",
            nodes: [
                .cls("finding o-\(r.outcome.rawValue)"), .attr("id", HTMLMarkup.findingAnchor(r)),
                .h4(
                    HTMLWords.badge(r.outcome), .t(" "), .name(r.resourceName), .t(" · \(r.resourceKind) in "), .name(r.workspace)
                ),
                HTMLTable.keyValue("\(HTMLWords.status(r.outcome)) under \(p.id), severity \(r.severity.rawValue)", rows),
            ])
    }
}
