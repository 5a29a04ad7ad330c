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
        var slugs = RunNumbering()
        var tallies: [WorkspaceTally] = [], counts: [[Int]] = []
        doc.results.withUnsafeBufferPointer { results in
            // Through the buffer, reading fields: `for r in results` copies every finding.
            for i in results.indices {
                let (severity, outcome) = (results[i].severity, results[i].outcome)
                let (slot, isNew) = slugs.number(results[i].workspace)
                if isNew {
                    tallies.append(WorkspaceTally())
                    counts.append([Int](repeating: 0, count: severities.count * outcomeCount))
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
        // Results a document was read without: counted, as their workspace's share of the run
        // (in any order: the tallies end up in a dictionary by slug).
        for (slug, notKept) in doc.notKept.byWorkspace {
            let (slot, isNew) = slugs.number(slug)
            if isNew {
                tallies.append(WorkspaceTally())
                counts.append([Int](repeating: 0, count: severities.count * outcomeCount))
            }
            for (si, s) in severities.enumerated() {
                for o in Outcome.allCases {
                    counts[slot][si * outcomeCount + o.ordinal] += notKept[s, o]
                    tallies[slot].results += notKept[s, o]
                }
            }
        }
        var out: [String: WorkspaceTally] = [:]
        for (k, slug) in slugs.keys.enumerated() {
            var bySeverity = SeverityCounts()
            for (si, s) in severities.enumerated() {
                for o in Outcome.allCases { bySeverity[s, o] = counts[k][si * outcomeCount + o.ordinal] }
            }
            var t = tallies[k]
            t.verdict = Compliance.of(bySeverity: bySeverity, blocking: 0)
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
    func workspaceName(_ ws: ResultDocument.WorkspaceInfo, registered: Set<String>, _ w: inout HTMLWriter) {
        workspaceLink(ws, ws.name ?? ws.slug, registered: registered, &w)
    }

    func workspaceTable(_ doc: ResultDocument, _ index: ResultIndex, _ w: inout HTMLWriter) {
        if isIndex {
            workspaceList(doc, index, &w)
            return
        }
        guard doc.workspaces.count > 1 else { return }
        let (tallies, ordered) = (index.workspaceTallies, index.workspaceOrder)
        let registered = registered(ordered)
        let failingWorkspaces = ordered.filter { !(tallies[$0.slug]?.verdict ?? .compliant).isCompliant }
        // Every workspace that is not compliant, then others up to the limit.
        let shown = ordered.prefix(max(limits.listedWorkspaces, failingWorkspaces.count))
        w.table(
            "Verdict per workspace (\(failingWorkspaces.count) of \(doc.workspaces.count) not compliant or not decided)",
            columns: [
                "Workspace", "Data region", "Verdict", "Failed at the gate", "Undecided at the gate", "Permitted", "Waived",
                "Results",
            ],
            numeric: [3, 4, 5, 6, 7]
        ) { w in
            for ws in shown {
                let t = tallies[ws.slug] ?? WorkspaceTally()
                w.element("tr") { w in
                    w.rowHeader { w in
                        workspaceName(ws, registered: registered, &w)
                        w.name(" (\(ws.slug))")
                    }
                    w.cell(HTMLWords.region(HTMLWords.regionCode(ofWorkspace: ws.region)))
                    w.element("td") {
                        $0.element(
                            "span", .cls("status \(t.verdict.isCompliant ? "s-pass" : "s-fail")"), text: t.verdict.headline)
                    }
                    for n in [t.failing, t.undecided, t.permitted, t.waived, t.results] { w.number(n) }
                }
            }
        }
        if ordered.count > shown.count {
            w.element("p", .cls("more"), text: "\(ordered.count - shown.count) more workspaces in the JSON result document.")
        }
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
    private func workspaceList(_ doc: ResultDocument, _ index: ResultIndex, _ w: inout HTMLWriter) {
        let (tallies, ordered) = (index.workspaceTallies, index.workspaceOrder)
        let failing = ordered.filter { !(tallies[$0.slug]?.verdict ?? .compliant).isCompliant }.count
        w.element(
            "h3", text: "Verdict per workspace (\(failing) of \(doc.workspaces.count) not compliant or not decided), worst first")
        w.element(
            "p", .cls("small"),
            text: "Each workspace with its results failed · undecided at the gate, linked to its page (its record of transfers, "
                + "register and findings).")
        for verdict in Compliance.allCases {
            let members = ordered.filter { (tallies[$0.slug]?.verdict ?? .compliant) == verdict }
            guard !members.isEmpty else { continue }
            w.element("h4") { w in
                w.element("span", .cls("status \(verdict.isCompliant ? "s-pass" : "s-fail")"), text: verdict.headline)
                w.text(" \(members.count)")
            }
            w.element("ol", .cls("ws-list")) { w in
                for ws in members {
                    let t = tallies[ws.slug] ?? WorkspaceTally()
                    let name = ws.name ?? ws.slug
                    w.element("li") { w in
                        workspaceLink(ws, name, registered: [], &w)
                        if !Self.sameWords(name, ws.slug) { w.element("span", .cls("small")) { $0.name(" \(ws.slug)") } }
                        w.text(" \(t.failing) · \(t.undecided)")
                    }
                }
            }
        }
    }
}
