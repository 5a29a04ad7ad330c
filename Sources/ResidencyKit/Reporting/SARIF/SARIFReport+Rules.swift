/// The tool and its rules: one rule per policy, as code scanning shows it beside each alert.
extension SARIFReport {
    func writeTool(_ doc: ResultDocument, _ rules: [ResultDocument.PolicyInfo], _ w: inout JSONWriter) {
        w.key("tool")
        w.beginObject()
        w.key("driver")
        w.beginObject()
        w.field("name", Self.text(doc.tool.name))
        w.field("fullName", Self.text("\(doc.tool.name) \(doc.tool.version)"))
        w.field("version", Self.text(doc.tool.version))
        if Self.isSemanticVersion(doc.tool.version) { w.field("semanticVersion", doc.tool.version) }
        w.field("informationUri", informationUri)
        w.key("rules")
        w.beginArray()
        for r in rules { writeRule(r, &w) }
        w.endArray()
        w.endObject()
        w.endObject()
    }

    private func writeRule(_ p: ResultDocument.PolicyInfo, _ w: inout JSONWriter) {
        w.beginObject()
        w.field("id", Self.text(p.id))
        w.field("name", Self.text(Self.ruleName(p.title)))
        w.key("shortDescription")
        w.beginObject()
        w.field("text", Self.text(p.title))
        w.endObject()
        w.key("fullDescription")
        w.beginObject()
        w.field("text", Self.prose(p.rationale ?? p.title))
        w.endObject()
        w.key("help")
        w.beginObject()
        w.field("text", Self.helpText(p, markdown: false))
        w.field("markdown", Self.helpText(p, markdown: true))
        w.endObject()
        w.key("defaultConfiguration")
        w.beginObject()
        w.field("level", Self.level(p.severity))
        w.endObject()
        w.key("properties")
        w.beginObject()
        // Code scanning shows at most 10 tags and rejects more than 20.
        w.field("tags", strings: ["data-residency", "compliance", Self.text(p.resourceKind)])
        w.field("residency/severity", p.severity.map { Self.text($0) })
        w.field("residency/resourceKind", Self.text(p.resourceKind))
        w.field("residency/file", Self.text(p.file))
        w.field("residency/line", p.line)
        w.field("residency/references", strings: p.references.map { Self.text($0) })
        if let permittedBy = p.permittedBy { w.field("residency/permittedBy", strings: permittedBy.map { Self.text($0) }) }
        w.endObject()
        w.endObject()
    }

    /// The rule's help: rationale, references, the permits that may apply, where the policy
    /// is written and how to see how an outcome came about.
    static func helpText(_ p: ResultDocument.PolicyInfo, markdown: Bool) -> String {
        func text(_ s: String) -> String { markdown ? MarkdownText.escape(s) : Self.text(s) }
        var parts: [String] = [markdown ? MarkdownText.escape(p.rationale ?? p.title) : prose(p.rationale ?? p.title)]
        if !p.references.isEmpty {
            parts.append(
                markdown
                    ? "**References:** " + p.references.map(text).joined(separator: "; ")
                    : "References: " + p.references.map(text).joined(separator: "; "))
        }
        if let permits = p.permittedBy, !permits.isEmpty {
            let list = permits.map(text).joined(separator: ", ")
            parts.append(
                "A failure is permitted (a transfer with a recorded legal basis) when one of these permits applies: \(list).")
        }
        let place = p.line > 0 ? "\(p.file):\(p.line)" : p.file
        parts.append(
            "Policy \(text(p.id)) (severity \(p.severity ?? "error"), for each \(p.resourceKind)) is written at "
                + (markdown ? MarkdownText.code(place) : Self.text(place)) + ".")
        let explain = "residency explain --policy \(p.id) --resource ID"
        parts.append(
            "To see how an outcome came about, value by value: " + (markdown ? MarkdownText.code(explain) : Self.text(explain))
                + ".")
        return parts.joined(separator: "\n\n")
    }

    /// A rule name as SARIF suggests one: the title's words run together, each capitalised
    /// (`EU data never leaves the EU` → `EUDataNeverLeavesTheEU`), letters and digits only.
    static func ruleName(_ title: String) -> String {
        let words = title.split { !($0.isLetter || $0.isNumber) }
        let name = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        return name.isEmpty ? "Policy" : name
    }

    /// `MAJOR.MINOR.PATCH` with an optional pre-release or build suffix.
    static func isSemanticVersion(_ v: String) -> Bool {
        let core = v.split(whereSeparator: { $0 == "-" || $0 == "+" }).first ?? ""
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }
}
