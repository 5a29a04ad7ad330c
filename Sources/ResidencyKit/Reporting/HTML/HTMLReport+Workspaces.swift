import Plot

/// The verdict of each workspace, for a nightly run over many: which workspaces fail the
/// gate and by how much, worst first, each linked to its data flows (section 3).
extension HTMLReport {
    /// Per workspace: results that trip the gate, failed or undecided, and those permitted
    /// or waived. Shown when a run has more than one workspace.
    struct WorkspaceTally {
        var failing = 0
        var undecided = 0
        var permitted = 0
        var waived = 0
        var results = 0
        /// The workspace's own compliance verdict, from all its results (whatever the gate).
        var verdict = Compliance.compliant
    }

    static func workspaceTallies(_ doc: ResultDocument) -> [String: WorkspaceTally] {
        let failOn = doc.summary.failOn
        let onlyNew = doc.baseline?.failOnNew ?? false
        let severities = PolicySeverity.allCases, outcomeCount = Outcome.allCases.count
        // Counted in arrays (severity × outcome per workspace), as `ResultDocument.tally` does;
        // a workspace's slug is looked up only when it changes (results come grouped by it).
        var slots: [String: Int] = [:]
        var slugs: [String] = [], tallies: [WorkspaceTally] = [], counts: [[Int]] = []
        var last = "", slot = -1
        doc.results.withUnsafeBufferPointer { results in
            // Through the buffer, reading fields: `for r in results` copies every finding.
            for i in results.indices {
                let (severity, outcome) = (results[i].severity, results[i].outcome)
                if slot < 0 || results[i].workspace != last {
                    last = results[i].workspace
                    if let known = slots[last] {
                        slot = known
                    } else {
                        slot = slugs.count
                        slots[last] = slot
                        slugs.append(last)
                        tallies.append(WorkspaceTally())
                        counts.append([Int](repeating: 0, count: severities.count * outcomeCount))
                    }
                }
                counts[slot][severities.firstIndex(of: severity)! * outcomeCount + outcome.ordinal] += 1
                tallies[slot].results += 1
                if ResultDocument.gates(severity, outcome, failOn), !onlyNew || results[i].change == .new {
                    if outcome == .fail { tallies[slot].failing += 1 } else { tallies[slot].undecided += 1 }
                }
                if outcome == .permitted { tallies[slot].permitted += 1 }
                if outcome == .waived { tallies[slot].waived += 1 }
            }
        }
        var out: [String: WorkspaceTally] = [:]
        for (k, slug) in slugs.enumerated() {
            var bySeverity = SeverityCounts()
            for (si, s) in severities.enumerated() {
                for o in Outcome.allCases { bySeverity[s, o] = counts[k][si * outcomeCount + o.ordinal] }
            }
            var t = tallies[k]
            t.verdict = Compliance.of(bySeverity: bySeverity, unmatched: 0)
            out[slug] = t
        }
        return out
    }

    /// The one order every list of workspaces follows (issue 13): worst first — by verdict,
    /// then by the results tripping the gate — then in input order.
    static func orderedWorkspaces(_ doc: ResultDocument, _ tallies: [String: WorkspaceTally]) -> [ResultDocument.WorkspaceInfo] {
        func rank(_ c: Compliance) -> Int { Compliance.allCases.firstIndex(of: c)! }
        return doc.workspaces.enumerated().sorted { a, b in
            let x = tallies[a.element.slug] ?? WorkspaceTally(), y = tallies[b.element.slug] ?? WorkspaceTally()
            if x.verdict != y.verdict { return rank(x.verdict) < rank(y.verdict) }
            let (wx, wy) = (x.failing + x.undecided, y.failing + y.undecided)
            return wx != wy ? wx > wy : a.offset < b.offset
        }.map(\.element)
    }

    /// The workspaces whose transfer register this report holds: the first of the one order.
    func registered(_ ordered: [ResultDocument.WorkspaceInfo]) -> Set<String> {
        Set(ordered.prefix(limits.workspacesWithFlows).map(\.slug))
    }

    /// A workspace's name, linked to its register when the report holds it.
    func workspaceName(_ w: ResultDocument.WorkspaceInfo, registered: Set<String>) -> BodyNode {
        workspaceLink(w, w.name ?? w.slug, registered: registered)
    }

    func workspaceTable(_ doc: ResultDocument, _ index: ResultIndex) -> BodyNode {
        if isIndex { return workspaceList(doc, index) }
        guard doc.workspaces.count > 1 else { return .empty }
        let (tallies, ordered) = (index.workspaceTallies, index.workspaceOrder)
        let registered = registered(ordered)
        let failingWorkspaces = ordered.filter { !(tallies[$0.slug]?.verdict ?? .compliant).isCompliant }
        // Every workspace that is not compliant, then others up to the limit.
        let shown = ordered.prefix(max(limits.listedWorkspaces, failingWorkspaces.count))
        return .group([
            HTMLTable.make(
                "Verdict per workspace (\(failingWorkspaces.count) of \(doc.workspaces.count) not compliant or not decided)",
                columns: [
                    "Workspace", "Data region", "Verdict", "Failed at the gate", "Undecided at the gate", "Permitted", "Waived",
                    "Results",
                ],
                numeric: [3, 4, 5, 6, 7],
                rows: shown.map { w in
                    let t = tallies[w.slug] ?? WorkspaceTally()
                    return .tr(
                        HTMLTable.rowHeader(workspaceName(w, registered: registered), .name(" (\(w.slug))")),
                        HTMLTable.cell(HTMLWords.region(HTMLWords.regionCode(ofWorkspace: w.region))),
                        .td(
                            .span(
                                .cls("status \(t.verdict.isCompliant ? "s-pass" : "s-fail")"),
                                .t(t.verdict.headline))),
                        .group(
                            [t.failing, t.undecided, t.permitted, t.waived, t.results].map { .td(.cls("num"), .t(String($0))) }
                        ))
                }),
            .if(
                ordered.count > shown.count,
                .p(.cls("more"), .t("\(ordered.count - shown.count) more workspaces in the JSON result document."))),
        ])
    }

    /// Whether a name and a slug say the same (`Acme EU`, `acme-eu`): the list then shows one.
    static func sameWords(_ a: String, _ b: String) -> Bool {
        func letters(_ s: String) -> String {
            String(s.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil })
        }
        return letters(a) == letters(b)
    }

    /// The index's list of every workspace, worst first and grouped by verdict, each linked to
    /// its page: one short line each, in columns, so that a night of 1,000 prints on a few pages.
    private func workspaceList(_ doc: ResultDocument, _ index: ResultIndex) -> BodyNode {
        let (tallies, ordered) = (index.workspaceTallies, index.workspaceOrder)
        let failing = ordered.filter { !(tallies[$0.slug]?.verdict ?? .compliant).isCompliant }.count
        var groups: [BodyNode] = []
        for verdict in Compliance.allCases {
            let members = ordered.filter { (tallies[$0.slug]?.verdict ?? .compliant) == verdict }
            guard !members.isEmpty else { continue }
            groups.append(.h4(.span(.cls("status \(verdict.isCompliant ? "s-pass" : "s-fail")"), .t(verdict.headline)), .t(" \(members.count)")))
            groups.append(
                .ol(
                    .cls("ws-list"),
                    .group(
                        members.map { w in
                            let t = tallies[w.slug] ?? WorkspaceTally()
                            let name = w.name ?? w.slug
                            return .li(
                                workspaceLink(w, name, registered: []),
                                .if(!Self.sameWords(name, w.slug), .span(.cls("small"), .name(" \(w.slug)"))),
                                .t(" \(t.failing) · \(t.undecided)"))
                        })))
        }
        return .group([
            .h3(.t("Verdict per workspace (\(failing) of \(doc.workspaces.count) not compliant or not decided), worst first")),
            .p(
                .cls("small"),
                .t(
                    "Each workspace with its results failed · undecided at the gate, linked to its page (its record of transfers, "
                        + "register and findings).")),
            .group(groups),
        ])
    }
}
