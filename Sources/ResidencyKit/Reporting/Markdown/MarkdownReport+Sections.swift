/// The sections of the Markdown summary, top to bottom.
extension MarkdownReport {
    func headline(_ doc: ResultDocument, _ facts: Facts) -> String {
        let s = doc.summary
        let unmatched = doc.unmatchedPolicies
        let never = s.failOn == .never
        // The verdict is about compliance, from every result; the gate about the build.
        let verdict = s.verdict
        let mark =
            switch verdict {
            case .compliant: "✅"
            case .compliantWithWarnings: "⚠️"
            case .notDecided: "❓"
            case .nonCompliant: "❌"
            }
        let title = "\(mark) residency: \(verdict.headline)"
        var why = doc.verdictReason + " "
        if never {
            why += "**Gate: not applied**: the build is not stopped, whatever the verdict."
        } else {
            let threshold = s.failOn == .error ? "severity error" : "severity warning or error"
            // In words, no flag: the summary is read by people who did not run the audit.
            why += "**Gate: \(s.gate == .failed ? "failed" : "passed")** at \(threshold) (an undecided result counts as a "
            why += "failure of its policy's severity): "
            why += "\(facts.gatingFails) failed and \(facts.gatingUndecided) could not be decided."
            if doc.baseline?.failOnNew == true { why += " Only results the baseline did not have count (new findings only)." }
            if unmatched > 0 {
                why +=
                    " \(HTMLMarkup.count(unmatched, "policy", "policies")) expected to apply to some resource and applied to none."
            }
            if doc.unmatchedSetups > 0 {
                why += " \(ResultDocument.setupsSentence(doc.unmatchedSetups))"
            }
            if facts.inBaseline > 0 { why += " " + ResultDocument.inBaselineSentence(facts.inBaseline) }
            if facts.belowThreshold > 0 {
                why +=
                    " Below the threshold, \(HTMLMarkup.count(facts.belowThreshold, "result")) failed or could not be decided."
            }
        }
        let permitted = s.outcomes[Outcome.permitted], waived = s.outcomes[Outcome.waived]
        if permitted > 0 {
            why += permitted == 1 ? " 1 transfer relies" : " \(permitted) transfers rely"
            why += " on a legal basis recorded by a permit."
        }
        if waived > 0 { why += " \(HTMLMarkup.count(waived, "finding")) waived." }
        if let gap = doc.gapSentence { why += " **" + gap + "** The notices below say which." }
        var scope =
            "Audit date \(MarkdownText.escape(doc.run.auditDate, limit: 40)) · \(HTMLMarkup.count(s.workspaces, "workspace")) · "
        scope += "\(HTMLMarkup.count(s.resources, "resource")) · \(HTMLMarkup.count(s.policies, "policy", "policies")) and "
        scope += "\(HTMLMarkup.count(s.permits, "permit")) · \(HTMLMarkup.count(s.evaluated, "result"))"
        return "## \(title)\n\n\(why)\n\n\(scope)"
    }

    func countsTable(_ doc: ResultDocument) -> String {
        let severities = PolicySeverity.allCases.reversed()
        var lines = ["| outcome | " + severities.map(\.rawValue).joined(separator: " | ") + " | total |"]
        lines.append("|:--|" + severities.map { _ in "--:|" }.joined() + "--:|")
        for o in [Outcome.fail, .indeterminate, .permitted, .waived, .pass, .notApplicable] {
            let counts = severities.map { doc.summary.bySeverity[$0, o] }
            let cells = counts.map(String.init) + [String(counts.reduce(0, +))]
            lines.append("| \(o.rawValue) | " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }

    func baselineText(_ b: ResultDocument.BaselineDelta) -> String {
        var text =
            "**Since the baseline** \(MarkdownText.code(b.path)) (SHA-256 \(MarkdownText.code(b.sha256.prefix(12) + "…"))): "
        text += "\(b.new) new, \(b.unchanged) unchanged and \(b.resolved.count) resolved failing or undecided results"
        return text + (b.failOnNew ? "; the gate counted only the new ones." : ".")
    }

    func workspaceTable(_ doc: ResultDocument, _ facts: Facts) -> Table {
        Table(
            heading: "### Workspaces",
            header:
                "| workspace | region | inventory | fail | indeterminate | permitted | waived |\n|:--|:--|:--|--:|--:|--:|--:|",
            count: doc.workspaces.count, priority: 2
        ) { k in
            let w = doc.workspaces[k]
            let name =
                MarkdownText.escape(w.slug, limit: MarkdownText.nameLimit)
                + (w.name.map { " (\(MarkdownText.escape($0, limit: MarkdownText.nameLimit)))" } ?? "")
            let file = w.source.map { MarkdownText.code($0 + (w.line.map { ":\($0)" } ?? "")) } ?? ""
            let counts = [Outcome.fail, .indeterminate, .permitted, .waived].map { facts.perWorkspace[w.slug]?[$0] ?? 0 }
            return "| \(name) | \(MarkdownText.escape(w.region ?? "unknown")) | \(file) | "
                + counts.map(String.init).joined(separator: " | ") + " |"
        }
    }

    func findingsTable(_ doc: ResultDocument, _ facts: Facts) -> Table {
        Table(
            heading: "### Failing and undecided results\n\nMost urgent first; in bold, those that trip the gate.",
            header: "| result | policy | severity | workspace | resource | message |\n|:--|:--|:--|:--|:--|:--|",
            count: facts.findings.count, priority: 1, empty: "No result failed or was undecided."
        ) { k in
            let f = doc.results[facts.findings[k]]
            var status = f.outcome == .fail ? "FAIL" : "UNDECIDED"
            status = doc.trips(f) ? "**\(status)**" : status
            if let change = f.change { status += " (\(change.rawValue))" }
            let resource =
                "\(MarkdownText.escape(f.resourceName, limit: MarkdownText.nameLimit)) (\(MarkdownText.escape(f.resourceKind)) "
                + "\(MarkdownText.escape(f.resourceId, limit: MarkdownText.nameLimit)))"
            let message = MarkdownText.escape(f.message ?? f.title, limit: MarkdownText.messageLimit)
            return "| \(status) | \(MarkdownText.escape(f.policy)) | \(f.severity.rawValue) | "
                + "\(MarkdownText.escape(f.workspace, limit: MarkdownText.nameLimit)) | \(resource) | \(message) |"
        }
    }

    func permittedTable(_ doc: ResultDocument) -> Table {
        let groups = Self.grouped(doc.results, .permitted) {
            [$0.pointee.policy, $0.pointee.permit ?? "", $0.pointee.basis ?? "not recorded"]
        }
        let rows = groups.map { key, n in
            "| \(MarkdownText.escape(key[0])) | \(MarkdownText.escape(key[1])) | "
                + "\(MarkdownText.escape(key[2], limit: MarkdownText.messageLimit)) | \(n) |"
        }
        return Table(
            heading: "### Permitted transfers",
            header: "| policy | permit | legal basis | results |\n|:--|:--|:--|--:|", rows: rows, priority: 3)
    }

    func waivedTable(_ doc: ResultDocument) -> Table {
        let groups = Self.grouped(doc.results, .waived) {
            let waiver = $0.pointee.waiver
            return [$0.pointee.policy, waiver?.approvedBy ?? "", waiver?.reason ?? "", waiver?.expires ?? ""]
        }
        let rows = groups.map { key, n in
            "| \(MarkdownText.escape(key[0])) | \(MarkdownText.escape(key[1], limit: MarkdownText.nameLimit)) | "
                + "\(MarkdownText.escape(key[2], limit: MarkdownText.messageLimit)) | \(MarkdownText.escape(key[3])) | \(n) |"
        }
        return Table(
            heading: "### Waived findings",
            header: "| policy | approved by | reason | expires | results |\n|:--|:--|:--|:--|--:|", rows: rows, priority: 3)
    }

    func resolvedTable(_ b: ResultDocument.BaselineDelta) -> Table {
        Table(
            heading: "### Resolved since the baseline", header: "| policy | workspace | resource |\n|:--|:--|:--|",
            count: b.resolved.count, priority: 5
        ) { k in
            let e = b.resolved[k]
            return "| \(MarkdownText.escape(e.policy)) | \(MarkdownText.escape(e.workspace, limit: MarkdownText.nameLimit)) | "
                + "\(MarkdownText.escape(e.resourceName, limit: MarkdownText.nameLimit)) (\(MarkdownText.escape(e.resourceKind)) "
                + "\(MarkdownText.escape(e.resourceId, limit: MarkdownText.nameLimit))) |"
        }
    }

    func noticeList(_ doc: ResultDocument) -> Table {
        Table(
            heading: "### Notices", header: "",
            rows: doc.notices.map { "- " + MarkdownText.escape($0.message, limit: MarkdownText.messageLimit, lineStart: true) },
            priority: 4)
    }

    /// Provenance in one small line: tool, time, who ran it and the inputs' SHA-256, abridged
    /// to 12 digits; several policy or inventory files are one combined digest (as in JUnit).
    func inputsNote(_ doc: ResultDocument) -> String {
        func digest(_ inputs: [ResultDocument.Input]) -> String {
            let full = inputs.count == 1 ? inputs[0].sha256 : ResultDocument.combinedDigest(inputs)
            return MarkdownText.code(full.prefix(12) + "…")
        }
        var parts = [
            "residency \(MarkdownText.escape(doc.tool.version))", "run \(MarkdownText.escape(doc.run.startedAt, limit: 40))",
        ]
        let by = [doc.run.ranBy.runner, doc.run.ranBy.identity, doc.run.ranBy.url].compactMap { $0 }.joined(separator: ": ")
        if !by.isEmpty { parts.append("ran by \(MarkdownText.escape(by, limit: 200))") }
        parts.append("policies \(digest(doc.inputs.policies)) (\(HTMLMarkup.count(doc.inputs.policies.count, "file")))")
        for c in doc.inputs.catalog.prefix(3) {
            parts.append("catalog \(MarkdownText.escape(c.version ?? "unversioned", limit: 40)) \(digest([c]))")
        }
        if doc.inputs.catalog.count > 3 { parts.append("\(doc.inputs.catalog.count - 3) more catalog files") }
        if let f = doc.inputs.facts { parts.append("facts \(digest([f]))") }
        parts.append(
            "inventories \(digest(doc.inputs.inventories)) (\(HTMLMarkup.count(doc.inputs.inventories.count, "file")))")
        return "<sub>" + parts.joined(separator: " · ") + ". SHA-256 digests, abridged.</sub>"
    }

    /// Counts by key of the results of one outcome, in the order keys first appear. Each result
    /// is read in place, by address: a result passed to a closure is copied (a dozen references
    /// retained and released, for each of a night's 600,000 results, twice).
    static func grouped(
        _ results: [Finding], _ outcome: Outcome, by key: (UnsafePointer<Finding>) -> [String]
    ) -> [(key: [String], count: Int)] {
        var order: [[String]] = []
        var counts: [[String]: Int] = [:]
        results.withUnsafeBufferPointer { results in
            guard let base = results.baseAddress else { return }
            for f in base..<base + results.count where f.pointee.outcome == outcome {
                let k = key(f)
                if counts[k] == nil { order.append(k) }
                counts[k, default: 0] += 1
            }
        }
        return order.map { ($0, counts[$0]!) }
    }
}
