/// Section 2: which tool ran when, who or which CI job ran it, and the SHA-256 of every
/// input. Nothing from the command line and nothing secret: the runner comes from
/// `Provenance` (a few well-known CI variables), the rest from the result document.
extension HTMLReport {
    func provenanceSection(_ doc: ResultDocument, _ provenance: Provenance, _ w: inout HTMLWriter) {
        section("provenance", &w) { w in
            w.keyValueTable("The run") { w in
                w.keyRow("Tool", text: "\(doc.tool.name) \(doc.tool.version)")
                w.keyRow("Started (UTC)") { $0.element("time", .attr("datetime", doc.run.startedAt), text: doc.run.startedAt) }
                w.keyRow("Finished (UTC)") { $0.element("time", .attr("datetime", doc.run.finishedAt), text: doc.run.finishedAt) }
                w.keyRow("Audit date", text: "\(doc.run.auditDate) (the date policies evaluate against)")
                w.keyRow("Run by") { w in
                    w.text("\(provenance.runner): \(provenance.identity)")
                    if let url = provenance.url {
                        w.void("br")
                        w.element("a", .attr("href", url), .attr("rel", "noreferrer"), text: url)
                    }
                }
                w.keyRow("Result document", text: "schema version \(doc.schemaVersion)")
            }
            inputTable(doc, &w)
            w.element(
                "p", .cls("small"),
                text: "A combined digest is the SHA-256 of the sorted lines “<sha256>  <path>” of its files, "
                    + "the output of `sha256sum FILES | LC_ALL=C sort | sha256sum` run from the same folder as the audit.")
        }
    }

    private func inputTable(_ doc: ResultDocument, _ w: inout HTMLWriter) {
        func row(_ kind: String, _ input: ResultDocument.Input, _ w: inout HTMLWriter) {
            w.element("tr") { w in
                w.rowHeader(text: kind)
                w.element("td") { $0.element("code", text: input.path) }
                w.element("td") { $0.element("code", .cls("hash"), text: input.sha256) }
                w.cell(input.version ?? "")
            }
        }
        // A row that stands for several files: their count and combined digest.
        func combined(_ kind: String, _ files: String, _ inputs: [ResultDocument.Input], _ w: inout HTMLWriter) {
            w.element("tr") { w in
                w.rowHeader(text: kind)
                w.cell(files)
                w.element("td") { $0.element("code", .cls("hash"), text: ResultDocument.combinedDigest(inputs)) }
                w.cell("")
            }
        }
        // Each file of a kind, or above the limit one combined row (`kind`: a file's, the
        // combined row's, and the files' words).
        func listed(_ kind: (one: String, all: String, files: String), _ inputs: [ResultDocument.Input], _ w: inout HTMLWriter) {
            guard inputs.count > limits.listedInventories else {
                for input in inputs { row(kind.one, input, &w) }
                return
            }
            combined(
                kind.all,
                "\(inputs.count) \(kind.files) (combined digest; each file's digest is in the JSON result document)", inputs, &w)
        }
        w.table("SHA-256 of every input", columns: ["Input", "File", "SHA-256", "Version"]) { w in
            for input in doc.inputs.policies { row("policy file", input, &w) }
            if doc.inputs.policies.count > 1 {
                combined("policy pack", "\(doc.inputs.policies.count) policy files (combined digest)", doc.inputs.policies, &w)
            }
            for input in doc.inputs.catalog { row("catalog", input, &w) }
            if let facts = doc.inputs.facts { row("facts", facts, &w) }
            listed(("inventory", "inventories", "inventory files"), doc.inputs.inventories, &w)
            // The files of application code `check --scan` found SDK setups in.
            listed(("application code", "application code", "files of code"), doc.inputs.code, &w)
        }
    }
}
