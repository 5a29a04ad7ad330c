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
        var causes: [Cause] = []
        var byKey: [String: Int] = [:]
        // The last cause met, by its parts, and each cause's last workspace: a record's results
        // come grouped by policy, so most of a night's 76,000 failing results find their cause
        // without its key spelled out and hashed, and their workspace without a set's hash.
        var last: (policy: String, outcome: Outcome, reason: String, slot: Int)?
        var lastWorkspace: [String] = []
        // Fields read through the buffer, as in ResultIndex: a result taken whole is a copy.
        doc.results.withUnsafeBufferPointer { results in
            for i in results.indices {
                let outcome = results[i].outcome
                guard outcome == .fail || outcome == .indeterminate else { continue }
                let policy = results[i].policy
                let reason =
                    outcome == .indeterminate ? (results[i].reason ?? "a value the policy needs is missing") : results[i].title
                let slot: Int
                if let l = last, l.outcome == outcome, l.policy == policy, l.reason == reason {
                    slot = l.slot
                } else {
                    let key = "\(policy)\u{0}\(outcome.rawValue)\u{0}\(reason)"
                    if let known = byKey[key] {
                        slot = known
                    } else {
                        slot = causes.count
                        byKey[key] = slot
                        causes.append(Cause(policy: policy, outcome: outcome, reason: reason))
                        lastWorkspace.append("")
                    }
                    last = (policy, outcome, reason, slot)
                }
                causes[slot].results.append(i)
                let workspace = results[i].workspace
                if causes[slot].workspaces.isEmpty || lastWorkspace[slot] != workspace {
                    causes[slot].workspaces.insert(workspace)
                    lastWorkspace[slot] = workspace
                }
            }
        }
        // Most results first, then the order first seen.
        return causes.enumerated()
            .sorted { a, b in a.1.results.count != b.1.results.count ? a.1.results.count > b.1.results.count : a.0 < b.0 }
            .map(\.1)
    }

    func causesTable(_ doc: ResultDocument, _ index: ResultIndex, _ w: inout HTMLWriter) {
        let causes = Self.causes(doc)
        guard !causes.isEmpty else {
            w.element("p", text: "No result failed or was left undecided.")
            return
        }
        let named = 3
        // The index links every example to its workspace's page: no need to know which it lists.
        let shown = isIndex ? [] : shownFindings(doc, index)
        w.table(
            "Failed and undecided results by cause, most first",
            columns: ["Policy", "Outcome", "Cause", "Results", "Workspaces", "For example"], numeric: [3, 4]
        ) { w in
            for c in causes {
                w.element("tr") { w in
                    w.rowHeader { $0.link(HTMLMarkup.policyAnchor(c.policy), c.policy) }
                    w.element("td") { $0.badge(c.outcome) }
                    w.cell(c.reason)
                    w.number(c.results.count)
                    w.number(c.workspaces.count)
                    w.element("td") { w in
                        for (k, i) in c.results.prefix(named).enumerated() {
                            let r = doc.results[i]
                            if k > 0 { w.text(", ") }
                            // Only to findings the report lists (a large run lists the most urgent).
                            if shown.contains(i) || isIndex {
                                findingLink(r, "\(r.resourceName) (\(r.workspace))", &w)
                            } else {
                                w.text("\(r.resourceName) (\(r.workspace))")
                            }
                        }
                        if c.results.count > named { w.text(" and \(c.results.count - named) more") }
                    }
                }
            }
        }
    }
}
