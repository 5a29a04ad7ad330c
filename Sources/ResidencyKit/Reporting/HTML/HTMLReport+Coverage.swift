import Plot

/// Sections 5 and 6 and the sign-off block: waivers applied, what each policy evaluated and
/// why results were undecided, and room for reviewers to sign a printed copy.
extension HTMLReport {
    /// A waiver as the report lists it, from the result it covers: who approved it, why and
    /// until when; one past the audit date (its finding fails again) is marked EXPIRED.
    struct WaiverRow {
        var finding: Finding
        var by: String?
        var why: String?
        var until: String?

        func expired(on auditDate: String) -> Bool {
            guard let until else { return false }
            return until < auditDate  // both YYYY-MM-DD
        }
    }

    func waiversSection(_ doc: ResultDocument) -> BodyNode {
        let rows = doc.results.compactMap { f in
            f.waiver.map { WaiverRow(finding: f, by: $0.approvedBy, why: $0.reason, until: $0.expires) }
        }
        guard !rows.isEmpty else {
            return section(
                "waivers",
                [
                    .p(.t("No waivers were applied in this run: no result was waived.")),
                    .p(
                        .cls("small"),
                        .t(
                            "A waived result would be listed here with who granted the waiver, why and until when; an expired one is marked EXPIRED."
                        )),
                ])
        }
        return section(
            "waivers",
            [
                .p(
                    .t(
                        "\(HTMLMarkup.count(rows.count, "result is", "results are")) covered by a waiver. A waiver past the audit date is marked EXPIRED: its finding fails again."
                    )),
                HTMLTable.make(
                    "Waivers applied", columns: ["Finding", "Resource", "Waived by", "Why", "Until", "Status"],
                    rows: rows.map { w in
                        let f = w.finding
                        let expired = w.expired(on: doc.run.auditDate)
                        return .tr(
                            HTMLTable.rowHeader(findingLink(f, f.policy)),
                            HTMLTable.cell("\(f.resourceKind) \(f.resourceName) in \(f.workspace)"),
                            HTMLTable.cell(w.by ?? "not recorded"), HTMLTable.cell(w.why ?? "not recorded"),
                            HTMLTable.cell(w.until ?? "not recorded"),
                            .td(
                                expired
                                    ? .span(.cls("status s-expired"), .t("EXPIRED"))
                                    : .span(.cls("status s-waived"), .t(w.until == nil ? "WAIVED" : "ACTIVE"))))
                    }),
            ])
    }

    func coverageSection(_ doc: ResultDocument, _ index: ResultIndex) -> BodyNode {
        let policies = doc.policies.filter { $0.kind == "policy" }
        let outcomes: [Outcome] = [.pass, .fail, .notApplicable, .indeterminate, .permitted, .waived]
        let rows: [TableNode] = policies.map { p in
            let counts = outcomes.map { index.count(p.id, $0) }
            return .tr(
                HTMLTable.rowHeader(.link(HTMLMarkup.policyAnchor(p.id), p.id), .t(" \(p.title)")),
                HTMLTable.word(p.resourceKind), HTMLTable.number(counts.reduce(0, +)), .group(counts.map { HTMLTable.number($0) })
            )
        }
        var content: [BodyNode] = [
            .p(
                .t(
                    "\(HTMLMarkup.count(doc.summary.evaluated, "result")) over \(HTMLMarkup.count(doc.summary.resources, "resource")) in "
                        + "\(HTMLMarkup.count(doc.summary.workspaces, "workspace")): one for each policy and each resource of the kind it ranges over. "
                        + "Not applicable means the policy's condition does not cover the resource.")),
            HTMLTable.make(
                "What each policy evaluated",
                columns: ["Policy", "Applies to", "Evaluated"] + outcomes.map { HTMLWords.label($0) },
                numeric: Set(2...(outcomes.count + 2)), rows: rows),
            .h3(.t("Why results are indeterminate")),
        ]
        let undecided = policies.filter { !(index.reasons[$0.id] ?? []).isEmpty }
        if undecided.isEmpty {
            content.append(.p(.t("Every result was decided.")))
        } else {
            content.append(
                HTMLTable.make(
                    "Reasons for indeterminate results", columns: ["Policy", "Reason", "Results"], numeric: [2],
                    rows: undecided.flatMap { p in
                        (index.reasons[p.id] ?? []).map { r in
                            .tr(
                                HTMLTable.rowHeader(.link(HTMLMarkup.policyAnchor(p.id), p.id)), HTMLTable.cell(r.reason),
                                HTMLTable.number(r.count))
                        }
                    }))
        }
        content.append(.h3(.t("Notices")))
        content.append(
            doc.notices.isEmpty
                ? .p(.t("None: every policy that expects to apply to some resource did."))
                : .ul(
                    .group(
                        doc.notices.map { n in
                            .li(
                                .strong(.t(n.code == "unmatched" ? "Matched nothing: " : "\(n.code): ")),
                                .unwrap(n.policy) { p in .group([.link(HTMLMarkup.policyAnchor(p), p), .t(" — ")]) },
                                .t(n.message))
                        })))
        return section("coverage", content)
    }

    func signOffSection(_ doc: ResultDocument) -> BodyNode {
        let inputs = doc.inputs.policies + doc.inputs.catalog + [doc.inputs.facts].compactMap { $0 } + doc.inputs.inventories
            + [doc.inputs.waivers].compactMap { $0 }
        let params = doc.params.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }
        let rows: [(String, String)] = [
            ("Verdict", "\(doc.summary.verdict.headline); deployment \(doc.summary.gateWords)"),
            (
                "Result document (SHA-256)",
                documentDigest ?? "not written with this report: compare the JSON result document it was rendered from"
            ),
            ("All inputs, combined (SHA-256)", ResultDocument.combinedDigest(inputs)),
            ("Policy parameters", params.isEmpty ? "none" : params.joined(separator: "; ")),
            (
                "Waivers file",
                doc.inputs.waivers.map { "\($0.path), SHA-256 \($0.sha256)" }
                    // A document written before waivers files were recorded may still carry waivers.
                    ?? (doc.results.contains { $0.waiver != nil }
                        ? "not recorded in the result document, although results carry waivers (section 5)"
                        : "none: no finding was waived")
            ),
        ]
        return section(
            "sign-off",
            [
                .p(
                    .t(
                        "Reviewed the audit of \(doc.run.auditDate) (\(doc.summary.verdict.headline)). Keep this report with "
                            + "the JSON result document it was rendered from; the digests below identify both and every input."
                    )),
                HTMLTable.make(
                    "What is signed", columns: ["Item", "Value"], numeric: [],
                    rows: rows.map { .tr(HTMLTable.rowHeader(.t($0.0)), HTMLTable.cell($0.1)) }),
                .table(
                    .cls("signoff"),
                    .caption(.t("Reviewers")),
                    .thead(
                        .tr(.group(["Name", "Role", "Date", "Decision", "Signature"].map { .th(.attr("scope", "col"), .t($0)) }))),
                    .tbody(.group((0..<3).map { _ in .tr(.group((0..<5).map { _ in .td() })) }))
                ),
            ])
    }
}
