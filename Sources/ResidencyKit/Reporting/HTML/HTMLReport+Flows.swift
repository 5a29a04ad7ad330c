import Plot

/// Section 3: each workspace's data flows, a transfer register a lawyer can read. For every
/// source (the endpoint its SDK sends to), destination and warehouse: where it sends data,
/// the region in words, the evidence the region came from, whether that crosses the
/// workspace's data region, and the legal basis of a crossing (a permit's basis) or the
/// policy it fails.
extension HTMLReport {
    func flowsSection(_ doc: ResultDocument, _ index: ResultIndex) -> BodyNode {
        // In the order of the verdict table, so that its links land here.
        let shown = index.workspaceOrder.prefix(limits.workspacesWithFlows)
        var content: [BodyNode] = [
            .p(
                .t(
                    "A flow is cross-border when it sends to a region other than its workspace's data region. "
                        + "Every cross-border flow shows the legal basis a permit records for it, or says that none is recorded "
                        + "and which policy it fails. Disabled resources send nothing and are shown for completeness."))
        ]
        if doc.workspaces.isEmpty { content.append(.p(.t("No workspace was audited."))) }
        if isIndex {
            content.append(
                .p(
                    .t(
                        "Each workspace's record of transfers out of the EU and its full register are on its own page, "
                            + "linked from the list of workspaces in section 1.")))
            return section("data-flows", content)
        }
        content += shown.map { workspaceFlows($0, doc, index) }
        if doc.workspaces.count > shown.count {
            content.append(
                .p(.cls("more"), .t("\(doc.workspaces.count - shown.count) more workspaces in the JSON result document.")))
        }
        return section("data-flows", content)
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

    private func workspaceFlows(_ ws: ResultDocument.WorkspaceInfo, _ doc: ResultDocument, _ index: ResultIndex) -> BodyNode {
        let home = HTMLWords.regionCode(ofWorkspace: ws.region)
        func crossing(_ region: String?, enabled: Bool?) -> FlowRow.Crossing {
            if enabled == false { return .disabled }
            guard let home, let region, !region.isEmpty else { return .unknown }
            return region.lowercased() == home ? .no : .yes
        }
        func findings(_ kind: String, _ id: String) -> [Int] {
            index.byResource[ResultIndex.ResourceKey(workspace: ws.slug, kind: kind, id: id)] ?? []
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
        for w in ws.warehouses {
            rows.append(
                FlowRow(
                    kind: "warehouse", id: w.id, name: w.name, catalogName: w.catalogName, from: "Segment (warehouse sync)",
                    to: w.location.map { "\(w.catalogName ?? "warehouse") in \($0)" } ?? (w.catalogName ?? "warehouse"),
                    region: w.region, evidence: w.location.map { "location \($0)" } ?? "no location recorded",
                    crossing: crossing(w.region, enabled: w.enabled), findings: findings("warehouse", w.id)))
        }
        let total = rows.count
        let crossings = rows.filter { $0.crossing == .yes }
        let withoutBasis = crossings.filter { r in !r.findings.contains { doc.results[$0].outcome == .permitted } }.count
        var note: BodyNode = .empty
        if rows.count > limits.flowsPerWorkspace {
            // Keep what a reader must see: cross-border, undecided and failing flows first.
            rows = rows.filter(\.flagged) + rows.filter { !$0.flagged }
            rows = Array(rows.prefix(limits.flowsPerWorkspace))
            note = .p(
                .cls("more"),
                .t(
                    "Showing \(rows.count) of \(total) flows, cross-border and flagged ones first; "
                        + "\(total - rows.count) more in the JSON result document (the workspace with slug \(ws.slug))."))
        }
        let title = ws.name ?? ws.slug
        let subjects = ws.dataSubjects.map { $0.isEmpty ? "none recorded" : $0.joined(separator: ", ") } ?? "not recorded"
        return .section(
            .attr("id", HTMLMarkup.workspaceAnchor(ws.slug)),
            .h3(.name("\(title) (\(ws.slug))")),
            .p(
                .t("Data region \(HTMLWords.region(home))\(ws.region.map { " (\($0))" } ?? ""); data subjects \(subjects); "),
                .t("workspace id "), .code(.t(ws.id)),
                .t(ws.source.map { "; inventory \($0)" } ?? "")),
            .p(
                .t(
                    "\(HTMLMarkup.count(ws.sources.count, "source")), \(HTMLMarkup.count(ws.destinations.count, "destination")), "
                        + "\(HTMLMarkup.count(ws.warehouses.count, "warehouse")); \(HTMLMarkup.count(crossings.count, "cross-border flow")), "
                        + "\(withoutBasis) of them without a recorded legal basis.")),
            transferRecord(ws, rows, doc),
            rows.isEmpty
                ? .p(.t("This workspace has no sources, destinations or warehouses."))
                : HTMLTable.make(
                    "Transfer register of \(title): where each flow sends data",
                    columns: [
                        "Flow", "Kind", "From", "Sends to", "Region", "Region evidence", "Cross-border",
                        "Legal basis and findings",
                    ],
                    rows: rows.map { flowRow($0, ws, doc) }, cls: "register",
                    widths: ["w-flow", "w-kind", "w-from", "w-to", "w-region", "w-evidence", "w-cross", "w-basis"]),
            note
        )
    }

    private func flowRow(_ row: FlowRow, _ ws: ResultDocument.WorkspaceInfo, _ doc: ResultDocument) -> TableNode {
        let home = HTMLWords.region(HTMLWords.regionCode(ofWorkspace: ws.region))
        let crossing: BodyNode =
            switch row.crossing {
            case .no: .t("no")
            case .yes: .span(.cls("cross cross-yes"), .t("YES: \(home) → \(HTMLWords.region(row.region))"))
            case .unknown:
                .span(
                    .cls("cross cross-unknown"),
                    .t(row.region == nil ? "UNKNOWN: region not resolved" : "UNKNOWN: workspace region not recorded"))
            case .disabled: .t("none while disabled")
            }
        // A recorded legal basis first (it answers the register's question), then what needs action.
        func order(_ o: Outcome) -> Int { o == .permitted ? -1 : ResultIndex.rank(o) }
        let results = row.findings.map { doc.results[$0] }.sorted { order($0.outcome) < order($1.outcome) }
        var lines: [ListNode] = []
        let permits = results.filter { $0.outcome == .permitted }
        // GDPR Chapter V governs data leaving the EU: only such a crossing needs a legal basis
        // (a US workspace's data reaching an EU endpoint does not).
        if row.crossing == .yes && permits.isEmpty && HTMLWords.regionCode(ofWorkspace: ws.region) == "eu" {
            lines.append(.li(.span(.cls("nobasis"), .t("No legal basis recorded."))))
        }
        for r in results {
            let anchor = HTMLMarkup.findingAnchor(r)
            switch r.outcome {
            case .permitted:
                lines.append(
                    .li(
                        .span(.cls("basis"), .t("Legal basis: \(r.basis ?? "recorded by the permit, without a statement")")),
                        .t(" (permit \(r.permit ?? "not named") for "), .link(anchor, r.policy), .t(")")))
            case .fail:
                lines.append(
                    .li(HTMLWords.badge(r.outcome), .t(" "), .link(anchor, r.policy), .t(" (\(r.severity.rawValue)): \(r.title)"))
                )
            case .indeterminate:
                lines.append(
                    .li(
                        HTMLWords.badge(r.outcome), .t(" "), .link(anchor, r.policy),
                        .t(": \(r.reason ?? "a value the policy needs is unknown")")))
            case .waived:
                lines.append(
                    .li(HTMLWords.badge(r.outcome), .t(" "), .link(anchor, r.policy), .t(": \(r.reason ?? "waiver applied")")))
            case .pass, .notApplicable:
                break
            }
        }
        let status: BodyNode =
            lines.isEmpty
            ? .t(row.crossing == .no ? "stays in region; no finding" : "no finding")
            : .ul(.cls("plain"), .group(lines))
        return .tr(
            HTMLTable.rowHeader(
                .name(row.name),
                .unwrap(row.catalogName) { c in .group([.br(), .span(.cls("small"), .t(c))]) },
                .if(row.crossing == .disabled, .group([.br(), .span(.cls("small"), .t("disabled"))]))
            ),
            HTMLTable.word(row.kind), HTMLTable.cell(row.from, limit: HTMLMarkup.nameLimit),
            HTMLTable.cell(row.to, limit: HTMLMarkup.nameLimit),
            .td(.cls("nw"), .strong(.t(HTMLWords.region(row.region)))),
            .td(.code(.t(row.evidence, limit: HTMLMarkup.nameLimit))),
            .td(crossing),
            .td(status)
        )
    }
}
