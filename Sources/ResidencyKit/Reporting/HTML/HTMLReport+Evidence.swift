import Plot

/// The appendix (issue 13, item 2): the values each decision read, with where they came from,
/// in policy syntax. A lawyer reads the findings in words; an engineer who checks one follows
/// its link here. Kept out of the findings so that they read, and print, as a list.
extension HTMLReport {
    static func evidenceAnchor(_ r: Finding) -> String { "evidence-" + HTMLMarkup.findingAnchor(r) }

    func evidenceAppendix(_ doc: ResultDocument, _ index: ResultIndex) -> BodyNode {
        var items: [BodyNode] = []
        for p in doc.policies where p.kind == "policy" {
            for i in (index.listed[p.id] ?? []).prefix(limits.findingsPerPolicy) {
                let r = doc.results[i]
                guard !r.evidence.isEmpty else { continue }
                items.append(
                    .element(
                        named: "article",
                        nodes: [
                            .cls("evidence"), .attr("id", Self.evidenceAnchor(r)),
                            .h4(
                                .t("\(r.policy) · "), .name(r.resourceName), .t(" · \(r.resourceKind) in "), .name(r.workspace),
                                .t(" · "), .link(HTMLMarkup.findingAnchor(r), "back to the finding")),
                            HTMLTable.make(
                                "The values the decision read", columns: ["Expression (as written in the policy)", "Value", "Derived from"],
                                rows: r.evidence.map { e in
                                    .tr(.td(.code(.t(e.expression))), .td(.code(.t(e.value))), .td(e.from.map { .code(.t($0)) } ?? .t("")))
                                }),
                        ]))
            }
        }
        return section(
            "evidence",
            [
                .p(
                    .t(
                        "For each finding above, the values its policy read, as the policy names them, and the inventory "
                            + "entry or catalog row each came from. They are what an engineer checks a finding against.")),
                items.isEmpty ? .p(.t("No finding recorded evidence.")) : .group(items),
            ])
    }
}
