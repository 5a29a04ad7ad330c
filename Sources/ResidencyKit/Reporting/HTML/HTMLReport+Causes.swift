import Plot

/// Findings grouped by cause (issue 13, item 4): at 1,000 workspaces a reader needs "RES-001
/// failed 8,000 times" and "RES-004 could not be decided 300 times because the SDK's endpoint is
/// not in the export" before any single finding. A cause is a policy with an outcome, and for
/// undecided results the reason in words; each row counts its results and workspaces and names
/// the first resources, linked to their findings.
extension HTMLReport {
    struct Cause {
        var policy: String
        var outcome: Outcome
        var reason: String
        var results: [Int] = []
        var workspaces = Set<String>()
    }

    static func causes(_ doc: ResultDocument) -> [Cause] {
        var byKey: [String: Cause] = [:]
        var order: [String] = []
        // Each result read in place (a copy of each would retain a dozen references).
        func add(_ i: Int, _ r: Finding) {
            guard r.outcome == .fail || r.outcome == .indeterminate else { return }
            let reason = r.outcome == .indeterminate ? (r.reason ?? "a value the policy needs is missing") : r.title
            let key = "\(r.policy)\u{0}\(r.outcome.rawValue)\u{0}\(reason)"
            if byKey[key] == nil {
                byKey[key] = Cause(policy: r.policy, outcome: r.outcome, reason: reason)
                order.append(key)
            }
            byKey[key]?.results.append(i)
            byKey[key]?.workspaces.insert(r.workspace)
        }
        for i in doc.results.indices { add(i, doc.results[i]) }
        // Most results first, then the order first seen.
        return order.enumerated().map { ($0.offset, byKey[$0.element]!) }
            .sorted { a, b in a.1.results.count != b.1.results.count ? a.1.results.count > b.1.results.count : a.0 < b.0 }
            .map(\.1)
    }

    func causesTable(_ doc: ResultDocument, _ index: ResultIndex) -> BodyNode {
        let causes = Self.causes(doc)
        guard !causes.isEmpty else { return .p(.t("No result failed or was left undecided.")) }
        let named = 3
        // The index links every example to its workspace's page: no need to know which it lists.
        let shown = isIndex ? [] : shownFindings(doc, index)
        return HTMLTable.make(
            "Failed and undecided results by cause, most first",
            columns: ["Policy", "Outcome", "Cause", "Results", "Workspaces", "For example"], numeric: [3, 4],
            rows: causes.map { c in
                var examples: [BodyNode] = []
                for (k, i) in c.results.prefix(named).enumerated() {
                    let r = doc.results[i]
                    if k > 0 { examples.append(.t(", ")) }
                    // Only to findings the report lists (a large run lists the most urgent).
                    if shown.contains(i) || isIndex {
                        examples.append(findingLink(r, "\(r.resourceName) (\(r.workspace))"))
                    } else {
                        examples.append(.t("\(r.resourceName) (\(r.workspace))"))
                    }
                }
                if c.results.count > named { examples.append(.t(" and \(c.results.count - named) more")) }
                return .tr(
                    HTMLTable.rowHeader(.link(HTMLMarkup.policyAnchor(c.policy), c.policy)),
                    .td(HTMLWords.badge(c.outcome)),
                    HTMLTable.cell(c.reason),
                    .td(.cls("num"), .t(String(c.results.count))),
                    .td(.cls("num"), .t(String(c.workspaces.count))),
                    .td(.group(examples)))
            })
    }
}
