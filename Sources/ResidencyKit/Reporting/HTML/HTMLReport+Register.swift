import Plot

/// The record of transfers a DPO recognises (issue 13, item 3, in part): per workspace, each
/// flow that leaves the workspace's data region, with its exporter, importer, destination,
/// the transfer mechanism in GDPR's terms and its status. It sits above the full register of
/// flows, which keeps every flow and the evidence.
extension HTMLReport {
    /// GDPR Chapter V's mechanisms, from the references of the permit that applied.
    static func mechanism(of permit: ResultDocument.PolicyInfo?, basis: String?) -> String {
        let references = permit?.references.joined(separator: " ") ?? ""
        let article: String =
            if references.contains("Art. 45") { "Adequacy decision (GDPR Art. 45)" }
            else if references.contains("Art. 46") { "Standard contractual clauses (GDPR Art. 46(2)(c))" }
            else if references.contains("Art. 47") { "Binding corporate rules (GDPR Art. 47)" }
            else { permit.map { "\($0.title)" } ?? "a recorded basis" }
        return basis.map { "\(article): \($0)" } ?? article
    }

    func transferRecord(_ ws: ResultDocument.WorkspaceInfo, _ rows: [FlowRow], _ doc: ResultDocument) -> BodyNode {
        // GDPR Chapter V: transfers of data out of the EU (a US workspace keeps no such record).
        let crossings = rows.filter { $0.crossing == .yes }
        guard !crossings.isEmpty, HTMLWords.regionCode(ofWorkspace: ws.region) == "eu" else { return .empty }
        let exporter = "\(ws.name ?? ws.slug) (Segment workspace \(ws.slug))"
        let permits = Dictionary(doc.policies.filter { $0.kind == "permit" }.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return HTMLTable.make(
            "Record of transfers out of \(HTMLWords.region(HTMLWords.regionCode(ofWorkspace: ws.region))) of \(ws.name ?? ws.slug)",
            columns: ["Exporter", "Importer", "Destination", "Transfer mechanism", "Data categories", "Next review", "Status"],
            rows: crossings.map { row in
                let results = row.findings.map { doc.results[$0] }
                let permitted = results.first { $0.outcome == .permitted }
                let importer =
                    switch row.kind {
                    case "source": "Twilio Segment (the endpoint \(row.to))"
                    case "warehouse": "the warehouse \(row.name) (\(row.to))"
                    default: row.to
                    }
                let status: String =
                    if permitted != nil { "Lawful on the recorded mechanism" }
                    else if results.contains(where: { $0.outcome == .fail }) { "No mechanism recorded: a violation" }
                    else if results.contains(where: { $0.outcome == .indeterminate }) { "Not decided: information is missing" }
                    else if results.contains(where: { $0.outcome == .waived }) { "Waived" }
                    else { "No mechanism recorded" }
                return .tr(
                    HTMLTable.cell(exporter), HTMLTable.cell(importer),
                    HTMLTable.cell(HTMLWords.region(row.region)),
                    HTMLTable.cell(
                        permitted.map { Self.mechanism(of: $0.permit.flatMap { permits[$0] }, basis: $0.basis) } ?? "none recorded"),
                    HTMLTable.cell("not declared in the facts file"),
                    HTMLTable.cell("not declared in the facts file"),
                    HTMLTable.cell(status))
            })
    }
}
