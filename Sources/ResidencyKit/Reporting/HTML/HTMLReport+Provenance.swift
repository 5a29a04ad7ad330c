import Plot

/// Section 2: which tool ran when, who or which CI job ran it, and the SHA-256 of every
/// input. Nothing from the command line and nothing secret: the runner comes from
/// `Provenance` (a few well-known CI variables), the rest from the result document.
extension HTMLReport {
    func provenanceSection(_ doc: ResultDocument, _ provenance: Provenance) -> BodyNode {
        let ranBy: BodyNode = .group([
            .t("\(provenance.runner): \(provenance.identity)"),
            .unwrap(provenance.url) { url in .group([.br(), .el("a", .attr("href", url), .attr("rel", "noreferrer"), .t(url))]) },
        ])
        return section(
            "provenance",
            [
                HTMLTable.keyValue(
                    "The run",
                    [
                        ("Tool", .t("\(doc.tool.name) \(doc.tool.version)")),
                        ("Started (UTC)", .el("time", .attr("datetime", doc.run.startedAt), .t(doc.run.startedAt))),
                        ("Finished (UTC)", .el("time", .attr("datetime", doc.run.finishedAt), .t(doc.run.finishedAt))),
                        ("Audit date", .t("\(doc.run.auditDate) (the date policies evaluate against)")),
                        ("Run by", ranBy),
                        ("Result document", .t("schema version \(doc.schemaVersion)")),
                    ]),
                inputTable(doc),
                .p(
                    .cls("small"),
                    .t(
                        "A combined digest is the SHA-256 of the sorted lines “<sha256>  <path>” of its files, "
                            + "the output of `sha256sum FILES | LC_ALL=C sort | sha256sum` run from the same folder as the audit."
                    )),
            ])
    }

    private func inputTable(_ doc: ResultDocument) -> BodyNode {
        func row(_ kind: String, _ input: ResultDocument.Input) -> TableNode {
            .tr(
                HTMLTable.rowHeader(.t(kind)), .td(.code(.t(input.path))), .td(.code(.cls("hash"), .t(input.sha256))),
                HTMLTable.cell(input.version ?? ""))
        }
        var rows: [TableNode] = doc.inputs.policies.map { row("policy file", $0) }
        if doc.inputs.policies.count > 1 {
            rows.append(
                .tr(
                    HTMLTable.rowHeader(.t("policy pack")),
                    HTMLTable.cell("\(doc.inputs.policies.count) policy files (combined digest)"),
                    .td(.code(.cls("hash"), .t(ResultDocument.combinedDigest(doc.inputs.policies)))), HTMLTable.cell("")))
        }
        rows += doc.inputs.catalog.map { row("catalog", $0) }
        if let facts = doc.inputs.facts { rows.append(row("facts", facts)) }
        let inventories = doc.inputs.inventories
        if inventories.count <= limits.listedInventories {
            rows += inventories.map { row("inventory", $0) }
        } else {
            rows.append(
                .tr(
                    HTMLTable.rowHeader(.t("inventories")),
                    HTMLTable.cell(
                        "\(inventories.count) inventory files (combined digest; each file's digest is in the JSON result document)"
                    ),
                    .td(.code(.cls("hash"), .t(ResultDocument.combinedDigest(inventories)))), HTMLTable.cell("")))
        }
        return HTMLTable.make("SHA-256 of every input", columns: ["Input", "File", "SHA-256", "Version"], rows: rows)
    }
}
