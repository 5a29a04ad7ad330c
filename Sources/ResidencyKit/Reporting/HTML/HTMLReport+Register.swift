/// The record of transfers a DPO recognises (issue 13, item 3): per workspace, each flow that
/// leaves the workspace's data region, with its exporter, importer, destination, the transfer
/// mechanism in GDPR's terms, the data categories and next review date the facts file declares
/// for the vendor (`ResultDocument.VendorFacts`), and its status. It sits above the full
/// register of flows, which keeps every flow.
extension HTMLReport {
    /// The EU-US Data Privacy Framework's adequacy decision, named with its date wherever a
    /// transfer rests on it: the date a signer checks a certification against.
    static let dpfDecision = "Commission Implementing Decision (EU) 2023/1795 of 10 July 2023"

    /// GDPR Chapter V's mechanisms, from the references of the permit that applied.
    static func mechanism(of permit: ResultDocument.PolicyInfo?, basis: String?) -> String {
        let references = permit?.references.joined(separator: " ") ?? ""
        let said = [references, permit?.title ?? "", basis ?? ""].joined(separator: " ")
        let article: String =
            if references.contains("Art. 45") {
                // The DPF's decision with its date, unless the permit's basis already gives it.
                (said.contains("Data Privacy Framework") || said.contains("DPF"))
                    && !(basis ?? "").contains("2023-07-10") && !(basis ?? "").contains("2023/1795")
                    ? "Adequacy decision (GDPR Art. 45): the EU-US Data Privacy Framework, \(dpfDecision)"
                    : "Adequacy decision (GDPR Art. 45)"
            } else if references.contains("Art. 46") {
                "Standard contractual clauses (GDPR Art. 46(2)(c))"
            } else if references.contains("Art. 47") {
                "Binding corporate rules (GDPR Art. 47)"
            } else {
                permit.map { "\($0.title)" } ?? "a recorded basis"
            }
        return basis.map { "\(article). Recorded basis: \($0)" } ?? article
    }

    func transferRecord(_ ws: ResultDocument.WorkspaceInfo, _ rows: [FlowRow], _ doc: ResultDocument, _ w: inout HTMLWriter) {
        // GDPR Chapter V: transfers of data out of the EU (a US workspace keeps no such record),
        // and flows whose region is not known, which may be: a record a DPO reads must not
        // leave them out because the inventory did not say.
        let crossings = rows.filter { $0.crossing == .yes || $0.crossing == .unknown }
        guard !crossings.isEmpty, HTMLWords.regionCode(ofWorkspace: ws.region) == "eu" else { return }
        let exporter = "\(ws.name ?? ws.slug) (Segment workspace \(ws.slug))"
        let permits = Dictionary(doc.policies.filter { $0.kind == "permit" }.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let vendors = Dictionary(doc.vendors.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let undeclared = "not declared in the facts file"
        // Worked out once per permit and basis: a workspace's hundreds of rows share a handful.
        struct Basis: Hashable {
            var permit: String?
            var basis: String?
        }
        var mechanisms: [Basis: String] = [:]
        func mechanism(_ r: Finding) -> String {
            let key = Basis(permit: r.permit, basis: r.basis)
            if let known = mechanisms[key] { return known }
            let m = Self.mechanism(of: r.permit.flatMap { permits[$0] }, basis: r.basis)
            mechanisms[key] = m
            return m
        }
        let home = HTMLWords.region(HTMLWords.regionCode(ofWorkspace: ws.region))
        w.table(
            "Record of transfers out of \(home) of \(ws.name ?? ws.slug)",
            columns: [
                "Exporter", "Importer", "Destination", "Transfer mechanism", "Data categories (facts file)",
                "Next review (facts file)", "Status",
            ]
        ) { w in
            for row in crossings {
                let results = row.findings.map { doc.results[$0] }
                let permitted = results.first { $0.outcome == .permitted }
                let importer =
                    switch row.kind {
                    case "source": "Twilio Segment (the endpoint \(row.to))"
                    case "warehouse": "the warehouse \(row.name) (\(row.to))"
                    default: row.to
                    }
                let facts = row.vendor.flatMap { vendors[$0] }
                let categories = facts?.categories.map { $0.isEmpty ? "none" : $0.joined(separator: ", ") } ?? undeclared
                let status: String =
                    if permitted != nil {
                        "Lawful on the recorded mechanism"
                    } else if results.contains(where: { $0.outcome == .fail }) {
                        "No mechanism recorded: a violation"
                    } else if results.contains(where: { $0.outcome == .indeterminate }) {
                        "Not decided: information is missing"
                    } else if results.contains(where: { $0.outcome == .waived }) {
                        "Waived"
                    } else if row.crossing == .unknown {
                        "Not decided: where it sends is not known"
                    } else {
                        "No mechanism recorded"
                    }
                w.element("tr") { w in
                    w.cell(exporter)
                    w.cell(importer)
                    w.cell(HTMLWords.region(row.region))
                    w.cell(permitted.map { mechanism($0) } ?? "none recorded")
                    w.cell(categories)
                    w.cell(facts?.nextReview ?? undeclared)
                    w.cell(status)
                }
            }
        }
    }
}
