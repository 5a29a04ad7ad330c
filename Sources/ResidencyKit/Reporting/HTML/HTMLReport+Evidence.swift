/// The appendix (issue 13, item 2): the values each decision read, with where they came from,
/// in policy syntax. A lawyer reads the findings in words; an engineer who checks one follows
/// its link here. Kept out of the findings so that they read, and print, as a list.
extension HTMLReport {
    /// The anchor of a finding's evidence, from the finding's own anchor.
    static func evidenceAnchor(_ findingAnchor: String) -> String { "evidence-" + findingAnchor }

    func evidenceAppendix(_ doc: ResultDocument, _ index: ResultIndex, _ w: inout HTMLWriter) {
        section("evidence", &w) { w in
            w.element(
                "p",
                text: "For each finding above, the values its policy read, as the policy names them, and the inventory "
                    + "entry or catalog row each came from. They are what an engineer checks a finding against.")
            var any = false
            for p in doc.policies where p.kind == "policy" {
                for i in (index.listed[p.id] ?? []).prefix(limits.findingsPerPolicy) where !doc.results[i].evidence.isEmpty {
                    any = true
                    evidence(doc.results[i], &w)
                }
            }
            if !any { w.element("p", text: "No finding recorded evidence.") }
        }
    }

    /// The values one finding's decision read.
    private func evidence(_ r: Finding, _ w: inout HTMLWriter) {
        let anchor = HTMLMarkup.findingAnchor(r)
        w.element("article", .cls("evidence"), .attr("id", Self.evidenceAnchor(anchor))) { w in
            w.element("h4") { w in
                w.text("\(r.policy) · ")
                w.name(r.resourceName)
                w.text(" · \(r.resourceKind) in ")
                w.name(r.workspace)
                w.text(" · ")
                w.link(anchor, "back to the finding")
            }
            w.table(
                "The values the decision read", columns: ["Expression (as written in the policy)", "Value", "Derived from"]
            ) { w in
                for e in r.evidence {
                    w.element("tr") { w in
                        w.element("td") { $0.element("code", text: e.expression) }
                        w.element("td") { $0.element("code", text: e.value) }
                        w.element("td") { w in
                            if let from = e.from { w.element("code", text: from) }
                        }
                    }
                }
            }
        }
    }
}
