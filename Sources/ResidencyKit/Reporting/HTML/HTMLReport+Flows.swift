/// Section 3: each workspace's data flows, a transfer register a lawyer can read. For every
/// source (the endpoint its SDK sends to), destination and warehouse: where it sends data,
/// the region in words, the evidence the region came from, whether that crosses the
/// workspace's data region, and the legal basis of a crossing (a permit's basis) or the
/// policy it fails.
extension HTMLReport {
    func flowsSection(_ doc: ResultDocument, _ index: ResultIndex, _ w: inout HTMLWriter) {
        for part in flowsSectionParts(doc, index) { part(&w) }
    }

    /// The section in parts that can be written apart and joined in order: its start, each
    /// drawn workspace's flows (a night's 100 workspaces, 130 ms on one core as one part) and
    /// its end.
    func flowsSectionParts(_ doc: ResultDocument, _ index: ResultIndex) -> [@Sendable (inout HTMLWriter) -> Void] {
        // In the order of the verdict table, so that its links land here.
        let shown = isIndex ? [] : Array(index.workspaceOrder.prefix(limits.workspacesWithFlows))
        let start: @Sendable (inout HTMLWriter) -> Void = { w in
            sectionStart("data-flows", &w)
            w.element(
                "p",
                text: "A flow is cross-border when it sends to a region other than its workspace's data region. "
                    + "Every cross-border flow shows the legal basis a permit records for it, or says that none is recorded "
                    + "and which policy it fails. Disabled resources send nothing and are shown for completeness.")
            if doc.workspaces.isEmpty { w.element("p", text: "No workspace was audited.") }
            if isIndex {
                w.element(
                    "p",
                    text: "Each workspace's record of transfers out of the EU and its full register are on its own page, "
                        + "linked from the list of workspaces in section 1.")
            }
        }
        let end: @Sendable (inout HTMLWriter) -> Void = { w in
            if !isIndex, doc.workspaces.count > shown.count {
                w.element(
                    "p", .cls("more"), text: "\(doc.workspaces.count - shown.count) more workspaces in the JSON result document.")
            }
            w.close("section")
        }
        let each = shown.map { ws -> @Sendable (inout HTMLWriter) -> Void in { workspaceFlows(ws, doc, index, &$0) } }
        return [start] + each + [end]
    }

    /// One row of the register.
    struct FlowRow {
        enum Crossing { case no, yes, unknown, disabled }
        var kind: String
        var id: String
        var name: String
        var catalogName: String?
        var from: String
        var to: String
        var region: String?
        var evidence: String
        var crossing: Crossing
        var findings: [Int]
        /// The vendor a destination sends to, as the inventory names it (for the facts file).
        var vendor: String? = nil

        var flagged: Bool { crossing == .yes || crossing == .unknown || !findings.isEmpty }
    }

    private func workspaceFlows(
        _ ws: ResultDocument.WorkspaceInfo, _ doc: ResultDocument, _ index: ResultIndex, _ w: inout HTMLWriter
    ) {
        let home = HTMLWords.regionCode(ofWorkspace: ws.region)
        func crossing(_ region: String?, enabled: Bool?) -> FlowRow.Crossing {
            if enabled == false { return .disabled }
            guard let home, let region, !region.isEmpty else { return .unknown }
            return region.lowercased() == home ? .no : .yes
        }
        let byResource = index.byResource(ofWorkspace: ws.slug, doc)
        func findings(_ kind: String, _ id: String) -> [Int] {
            byResource[ResultIndex.ResourceKey(kind: kind, id: id)] ?? []
        }
        var sourceNames: [String: String] = [:]
        for s in ws.sources { sourceNames[s.id] = s.name }
        var rows: [FlowRow] = []
        for s in ws.sources {
            rows.append(
                FlowRow(
                    kind: "source", id: s.id, name: s.name, catalogName: s.catalogName,
                    from: s.library.map { "app or server (SDK \($0))" } ?? "app or server",
                    to: s.ingestHost.map { "Segment at \($0)" } ?? "Segment (endpoint not resolved)",
                    region: s.ingestRegion,
                    evidence: s.ingestHost == nil
                        ? "no SDK configuration names the endpoint" : "the SDK configuration's endpoint host",
                    crossing: crossing(s.ingestRegion, enabled: s.enabled), findings: findings("source", s.id)))
        }
        for d in ws.destinations {
            let vendor = d.vendor ?? d.catalogName ?? "vendor not known"
            rows.append(
                FlowRow(
                    kind: "destination", id: d.id, name: d.name, catalogName: d.catalogName,
                    from: sourceNames[d.sourceId].map { "source \($0)" } ?? "source \(d.sourceId) (not in the inventory)",
                    to: d.host.map { "\(vendor) at \($0)" } ?? vendor,
                    region: d.region, evidence: d.evidence ?? "none recorded",
                    crossing: crossing(d.region, enabled: d.enabled), findings: findings("destination", d.id),
                    vendor: d.vendor))
        }
        for wh in ws.warehouses {
            rows.append(
                FlowRow(
                    kind: "warehouse", id: wh.id, name: wh.name, catalogName: wh.catalogName, from: "Segment (warehouse sync)",
                    to: wh.location.map { "\(wh.catalogName ?? "warehouse") in \($0)" } ?? (wh.catalogName ?? "warehouse"),
                    region: wh.region, evidence: wh.location.map { "location \($0)" } ?? "no location recorded",
                    crossing: crossing(wh.region, enabled: wh.enabled), findings: findings("warehouse", wh.id)))
        }
        let total = rows.count
        let crossings = rows.filter { $0.crossing == .yes }
        let withoutBasis = crossings.filter { r in !r.findings.contains { doc.results[$0].outcome == .permitted } }.count
        var shownOf: Int?
        if rows.count > limits.flowsPerWorkspace {
            // Keep what a reader must see: cross-border, undecided and failing flows first.
            rows = rows.filter(\.flagged) + rows.filter { !$0.flagged }
            rows = Array(rows.prefix(limits.flowsPerWorkspace))
            shownOf = total
        }
        let title = ws.name ?? ws.slug
        let subjects = ws.dataSubjects.map { $0.isEmpty ? "none recorded" : $0.joined(separator: ", ") } ?? "not recorded"
        w.element("section", .attr("id", HTMLMarkup.workspaceAnchor(ws.slug))) { w in
            w.element("h3", text: "\(title) (\(ws.slug))", limit: HTMLMarkup.nameLimit)
            w.element("p") { w in
                w.text("Data region \(HTMLWords.region(home))\(ws.region.map { " (\($0))" } ?? ""); data subjects \(subjects); ")
                w.text("workspace id ")
                w.element("code", text: ws.id)
                w.text(ws.source.map { "; inventory \($0)" } ?? "")
            }
            w.element(
                "p",
                text: "\(HTMLMarkup.count(ws.sources.count, "source")), "
                    + "\(HTMLMarkup.count(ws.destinations.count, "destination")), "
                    + "\(HTMLMarkup.count(ws.warehouses.count, "warehouse")); "
                    + "\(HTMLMarkup.count(crossings.count, "cross-border flow")), "
                    + "\(withoutBasis) of them without a recorded legal basis.")
            transferRecord(ws, rows, doc, &w)
            if rows.isEmpty {
                w.element("p", text: "This workspace has no sources, destinations or warehouses.")
            } else {
                w.table(
                    "Transfer register of \(title): where each flow sends data",
                    columns: [
                        "Flow", "Kind", "From", "Sends to", "Region", "Region evidence", "Cross-border",
                        "Legal basis and findings",
                    ],
                    cls: "register",
                    widths: ["w-flow", "w-kind", "w-from", "w-to", "w-region", "w-evidence", "w-cross", "w-basis"]
                ) { w in
                    for row in rows { flowRow(row, ws, doc, &w) }
                }
            }
            if let shownOf {
                w.element(
                    "p", .cls("more"),
                    text: "Showing \(rows.count) of \(shownOf) flows, cross-border and flagged ones first; "
                        + "\(shownOf - rows.count) more in the JSON result document (the workspace with slug \(ws.slug)).")
            }
        }
    }

    private func flowRow(_ row: FlowRow, _ ws: ResultDocument.WorkspaceInfo, _ doc: ResultDocument, _ w: inout HTMLWriter) {
        let home = HTMLWords.region(HTMLWords.regionCode(ofWorkspace: ws.region))
        // A recorded legal basis first (it answers the register's question), then what needs action.
        func order(_ o: Outcome) -> Int { o == .permitted ? -1 : ResultIndex.rank(o) }
        let results = row.findings.map { doc.results[$0] }.sorted { order($0.outcome) < order($1.outcome) }
        let permits = results.filter { $0.outcome == .permitted }
        // GDPR Chapter V governs data leaving the EU: only such a crossing needs a legal basis
        // (a US workspace's data reaching an EU endpoint does not).
        let noBasis = row.crossing == .yes && permits.isEmpty && HTMLWords.regionCode(ofWorkspace: ws.region) == "eu"
        let listed = noBasis || results.contains { $0.outcome != .pass && $0.outcome != .notApplicable }
        w.element("tr") { w in
            w.rowHeader { w in
                w.name(row.name)
                if let c = row.catalogName {
                    w.void("br")
                    w.element("span", .cls("small"), text: c)
                }
                if row.crossing == .disabled {
                    w.void("br")
                    w.element("span", .cls("small"), text: "disabled")
                }
            }
            w.word(row.kind)
            w.cell(row.from, limit: HTMLMarkup.nameLimit)
            w.cell(row.to, limit: HTMLMarkup.nameLimit)
            w.element("td", .cls("nw")) { $0.element("strong", text: HTMLWords.region(row.region)) }
            w.element("td") { $0.element("code", text: row.evidence, limit: HTMLMarkup.nameLimit) }
            w.element("td") { w in
                switch row.crossing {
                case .no: w.text("no")
                case .yes: w.element("span", .cls("cross cross-yes"), text: "YES: \(home) → \(HTMLWords.region(row.region))")
                case .unknown:
                    w.element(
                        "span", .cls("cross cross-unknown"),
                        text: row.region == nil ? "UNKNOWN: region not resolved" : "UNKNOWN: workspace region not recorded")
                case .disabled: w.text("none while disabled")
                }
            }
            w.element("td") { w in
                guard listed else {
                    w.text(row.crossing == .no ? "stays in region; no finding" : "no finding")
                    return
                }
                w.element("ul", .cls("plain")) { w in
                    if noBasis { w.element("li") { $0.element("span", .cls("nobasis"), text: "No legal basis recorded.") } }
                    for r in results { findingLine(r, &w) }
                }
            }
        }
    }

    /// A finding of a flow, as a line of its register row.
    private func findingLine(_ r: Finding, _ w: inout HTMLWriter) {
        let anchor = HTMLMarkup.findingAnchor(r)
        switch r.outcome {
        case .permitted:
            w.element("li") { w in
                w.element("span", .cls("basis"), text: "Legal basis: \(r.basis ?? "recorded by the permit, without a statement")")
                w.text(" (permit \(r.permit ?? "not named") for ")
                w.link(anchor, r.policy)
                w.text(")")
            }
        case .fail, .indeterminate, .waived:
            // The outcome and the policy, then what the outcome rests on.
            let rest =
                switch r.outcome {
                case .fail: " (\(r.severity.rawValue)): \(r.title)"
                case .indeterminate: ": \(r.reason ?? "a value the policy needs is unknown")"
                default: ": \(r.reason ?? "waiver applied")"
                }
            w.element("li") { w in
                w.badge(r.outcome)
                w.text(" ")
                w.link(anchor, r.policy)
                w.text(rest)
            }
        case .pass, .notApplicable:
            break
        }
    }
}
