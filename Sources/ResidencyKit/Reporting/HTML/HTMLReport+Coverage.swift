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

    func waiversSection(_ doc: ResultDocument, _ w: inout HTMLWriter) {
        // Waived results, and failing ones whose waiver expired. A document read back names
        // no waiver on a pass or a not-applicable result (E1512, `Finding.basisProblem`); one
        // built in memory may, and such a waiver covers nothing, so it is not listed.
        // Read in place: a closure over the results was handed a copy of each failing one (a
        // retain and a release of its every text, 130,900 times a night) to find the few waived.
        var rows: [WaiverRow] = []
        doc.results.withUnsafeBufferPointer { results in
            for i in results.indices where results[i].outcome != .pass && results[i].outcome != .notApplicable {
                guard let waiver = results[i].waiver else { continue }
                rows.append(WaiverRow(finding: results[i], by: waiver.approvedBy, why: waiver.reason, until: waiver.expires))
            }
        }
        section("waivers", &w) { w in
            guard !rows.isEmpty else {
                w.element("p", text: "No waivers were applied in this run: no result was waived.")
                w.element(
                    "p", .cls("small"),
                    text: "A waived result would be listed here with who granted the waiver, why and until when; "
                        + "an expired one is marked EXPIRED.")
                return
            }
            w.element(
                "p",
                text: "\(HTMLMarkup.count(rows.count, "result is", "results are")) covered by a waiver. "
                    + "A waiver past the audit date is marked EXPIRED: its finding fails again.")
            w.table("Waivers applied", columns: ["Finding", "Resource", "Waived by", "Why", "Until", "Status"]) { w in
                for row in rows {
                    let f = row.finding
                    let expired = row.expired(on: doc.run.auditDate)
                    w.element("tr") { w in
                        w.rowHeader { findingLink(f, f.policy, &$0) }
                        w.cell("\(f.resourceKind) \(f.resourceName) in \(f.workspace)")
                        w.cell(row.by ?? "not recorded")
                        w.cell(row.why ?? "not recorded")
                        w.cell(row.until ?? "not recorded")
                        w.element("td") { w in
                            if expired {
                                w.element("span", .cls("status s-expired"), text: "EXPIRED")
                            } else {
                                w.element("span", .cls("status s-waived"), text: row.until == nil ? "WAIVED" : "ACTIVE")
                            }
                        }
                    }
                }
            }
        }
    }

    func coverageSection(_ doc: ResultDocument, _ index: ResultIndex, _ w: inout HTMLWriter) {
        let policies = doc.policies.filter { $0.kind == "policy" }
        let outcomes: [Outcome] = [.pass, .fail, .notApplicable, .indeterminate, .permitted, .waived]
        let undecided = policies.filter { !(index.reasons[$0.id] ?? []).isEmpty }
        let s = doc.summary
        section("coverage", &w) { w in
            w.element(
                "p",
                text: "\(HTMLMarkup.count(s.evaluated, "result")) over \(HTMLMarkup.count(s.resources, "resource")) in "
                    + "\(HTMLMarkup.count(s.workspaces, "workspace")): one for each policy and each resource of the kind it "
                    + "ranges over. Not applicable means the policy's condition does not cover the resource.")
            w.table(
                "What each policy evaluated",
                columns: ["Policy", "Applies to", "Evaluated"] + outcomes.map { HTMLWords.label($0) },
                numeric: Set(2...(outcomes.count + 2))
            ) { w in
                for p in policies {
                    let counts = outcomes.map { index.count(p.id, $0) }
                    w.element("tr") { w in
                        w.rowHeader { w in
                            w.link(HTMLMarkup.policyAnchor(p.id), p.id)
                            w.text(" \(p.title)")
                        }
                        w.word(p.resourceKind)
                        w.number(counts.reduce(0, +))
                        for n in counts { w.number(n) }
                    }
                }
            }
            w.element("h3", text: "Why results are indeterminate")
            if undecided.isEmpty {
                w.element("p", text: "Every result was decided.")
            } else {
                w.table("Reasons for indeterminate results", columns: ["Policy", "Reason", "Results"], numeric: [2]) { w in
                    for p in undecided {
                        for r in index.reasons[p.id] ?? [] {
                            w.element("tr") { w in
                                w.rowHeader { $0.link(HTMLMarkup.policyAnchor(p.id), p.id) }
                                w.cell(r.reason)
                                w.number(r.count)
                            }
                        }
                    }
                }
            }
            w.element("h3", text: "Notices")
            if doc.notices.isEmpty {
                w.element("p", text: "None: every policy that expects to apply to some resource did.")
            } else {
                w.element("ul") { w in
                    for n in doc.notices {
                        w.element("li") { w in
                            w.element("strong", text: n.code == "unmatched" ? "Matched nothing: " : "\(n.code): ")
                            if let p = n.policy {
                                w.link(HTMLMarkup.policyAnchor(p), p)
                                w.text(" — ")
                            }
                            w.text(n.message)
                        }
                    }
                }
            }
        }
    }

    func signOffSection(_ doc: ResultDocument, _ w: inout HTMLWriter) {
        let inputs =
            doc.inputs.policies + doc.inputs.catalog + [doc.inputs.facts].compactMap { $0 } + doc.inputs.inventories
            + [doc.inputs.waivers].compactMap { $0 } + doc.inputs.code
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
                    ?? (doc.results.contains { $0.waiver != nil && $0.outcome != .pass && $0.outcome != .notApplicable }
                        ? "not recorded in the result document, although results carry waivers (section 5)"
                        : "none: no finding was waived")
            ),
        ]
        section("sign-off", &w) { w in
            w.element(
                "p",
                text: "Reviewed the audit of \(doc.run.auditDate) (\(doc.summary.verdict.headline)). Keep this report with "
                    + "the JSON result document it was rendered from; the digests below identify both and every input.")
            w.table("What is signed", columns: ["Item", "Value"]) { w in
                for (item, value) in rows {
                    w.element("tr") { w in
                        w.rowHeader(text: item)
                        w.cell(value)
                    }
                }
            }
            w.element("table", .cls("signoff")) { w in
                w.element("caption", text: "Reviewers")
                w.element("thead") { w in
                    w.element("tr") { w in
                        for c in ["Name", "Role", "Date", "Decision", "Signature"] {
                            w.element("th", .attr("scope", "col"), text: c)
                        }
                    }
                }
                w.element("tbody") { w in
                    for _ in 0..<3 { w.element("tr") { w in for _ in 0..<5 { w.element("td") } } }
                }
            }
        }
    }
}
