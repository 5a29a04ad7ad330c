import Dispatch

/// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers, rendered from the result
/// document. The mapping (documented in docs/reports.md):
/// - one run; `tool.driver.rules` holds every policy (permits are not rules: they change
///   outcomes), with its title, rationale, references and where it is written;
/// - a fail is a result at its policy's level (error → `error`, warning → `warning`,
///   info → `note`);
/// - an indeterminate result is reported at the same level, marked `residency/outcome:
///   indeterminate`: the gate counts it as a failure of the policy's severity, whereas
///   `kind: review` would force level `none`, which code scanning shows as the least alert;
/// - permitted, waived, passing and not-applicable results are left out and counted in the
///   run's properties: code scanning opens an alert for every result it is given, whatever
///   its `kind` or `suppressions`, and none of these is something to fix;
/// - a policy with `expect some` that applied to nothing is a result at the policy's line;
/// - every result points at the resource's line in its inventory file (repository-relative,
///   under `%SRCROOT%`) and carries the finding's stable fingerprint in `partialFingerprints`;
/// - at most `resultLimit` results, those that trip the gate and the most severe first, with
///   a notification saying how many were left out.
public struct SARIFReport: Sendable {
    /// Code scanning accepts 25,000 results per run but keeps only 5,000 of them.
    public static let defaultResultLimit = 5000
    public static let schema = "https://json.schemastore.org/sarif-2.1.0.json"
    /// The key of the finding's fingerprint in `partialFingerprints`; the suffix changes if
    /// the fingerprint's definition ever does, so code scanning does not match across it.
    public static let fingerprintKey = "residencyFingerprint/v1"
    /// The most characters of a result's message; the JSON result document has the rest.
    static let messageLimit = 4096
    /// The most characters of any other field from the document (a name, an id, a value).
    static let fieldLimit = 1024

    /// A string from the document as the log carries it: hidden characters, line breaks
    /// included, as visible escapes (`Neutralise`), cut at `limit` Unicode scalars. Viewers
    /// show SARIF text as it is, and code scanning refuses large logs, so every field written
    /// from the document passes here or through `prose`.
    static func text(_ s: String, limit: Int = fieldLimit) -> String {
        Neutralise.visible(Neutralise.clip(s, limit: limit))
    }

    /// Text of several lines (a policy's rationale, a rule's help): as `text`, line feeds kept.
    static func prose(_ s: String, limit: Int = messageLimit) -> String {
        Neutralise.visible(Neutralise.clip(s, limit: limit), keepLineFeeds: true)
    }

    /// The most results written; the rest are counted.
    public var resultLimit: Int
    /// The folder the run's relative paths are relative to (the repository root in CI): an
    /// absolute path under it is written relative to it, any other as a `file:` URI.
    public var root: String?
    /// A page about the tool, when there is one to name (`tool.driver.informationUri`).
    public var informationUri: String?

    public init(resultLimit: Int = SARIFReport.defaultResultLimit, root: String? = nil, informationUri: String? = nil) {
        self.resultLimit = max(0, resultLimit)
        self.root = root
        self.informationUri = informationUri
    }

    /// The log as UTF-8 JSON ending with a newline: the same document gives the same bytes.
    public func render(_ doc: ResultDocument) -> [UInt8] {
        let rules = doc.policies.filter { $0.kind == "policy" }
        var ruleIndex: [String: Int] = [:]
        for (i, r) in rules.enumerated() where ruleIndex[r.id] == nil { ruleIndex[r.id] = i }
        // Notices that fail the gate are results too: code scanning shows what failed the build.
        // Every one the gate counts: one without a policy (an edited document) is named by its code.
        let unmatched = doc.notices.filter(\.blocks)
        let selection = select(doc, room: max(0, resultLimit - unmatched.count))
        let locator = SARIFLocator(doc, root: root, results: selection.indices)

        // The head and tail (the results are written in parts, and room made for them then).
        var w = JSONWriter(capacity: 4096 + 64 * rules.count)
        w.beginObject()
        w.field("$schema", Self.schema)
        w.field("version", "2.1.0")
        w.key("runs")
        w.beginArray()
        w.beginObject()
        writeTool(doc, rules, &w)
        writeInvocation(doc, selection, &w)
        writeArtifacts(doc, locator, &w)
        w.key("results")
        w.beginArray()
        for n in unmatched { writeUnmatched(n, doc, ruleIndex, locator, &w) }
        // Written in parallel parts (each result is some 2 KB of text to neutralise and
        // escape), taken back in order: the same bytes as one after another.
        let chunk = 512
        let parts = (selection.indices.count + chunk - 1) / chunk
        let written = ParallelSlots<JSONWriter>(count: parts)
        let (start, indices, index) = (w, selection.indices, ruleIndex)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let range = (part * chunk)..<min(indices.count, (part + 1) * chunk)
            var out = start.continuation(afterElements: !unmatched.isEmpty || part > 0, capacity: 2048 * range.count)
            for i in indices[range] { writeResult(doc.results[i], doc, index, locator, &out) }
            written.store(part, out)
        }
        w.append(written.take())
        w.endArray()
        writeRunProperties(doc, selection, reported: selection.indices.count + unmatched.count, &w)
        w.endObject()
        w.endArray()
        w.endObject()
        return w.bytes + [10]
    }

    /// The results that are reported, in document order, and how many could have been.
    struct Selection {
        var indices: [Int]
        var candidates: Int
        var omitted: Int { candidates - indices.count }
    }

    /// Fails and indeterminate results; over `room`, those that trip the gate first, then by
    /// severity, fails before undecided ones, new before unchanged, then document order.
    func select(_ doc: ResultDocument, room: Int) -> Selection {
        // Looked for in parallel parts, read through the buffer.
        var candidates = doc.results.mapParts(of: 1 << 16) { results, range in
            range.filter {
                let outcome = (results.baseAddress! + $0).pointee.outcome
                return outcome == .fail || outcome == .indeterminate
            }
        }.flatMap { $0 }
        let total = candidates.count
        if candidates.count > room {
            candidates = candidates.map(doc.urgency).sorted { $0 < $1 }.prefix(room).map(\.4).sorted()
        }
        return Selection(indices: candidates, candidates: total)
    }

    /// SARIF's level for a policy severity.
    static func level(_ severity: PolicySeverity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    static func level(_ severity: String?) -> String {
        level(severity.flatMap(PolicySeverity.init(rawValue:)) ?? .error)
    }

    private func writeInvocation(_ doc: ResultDocument, _ selection: Selection, _ w: inout JSONWriter) {
        w.key("invocations")
        w.beginArray()
        w.beginObject()
        // The audit ran to the end; findings are results, not a failed execution.
        w.field("executionSuccessful", true)
        w.field("startTimeUtc", Self.text(doc.run.startedAt))
        w.field("endTimeUtc", Self.text(doc.run.finishedAt))
        var notes: [(code: String, text: String)] = doc.notices.filter { !$0.blocks }.map {
            (Self.text($0.code), Self.text($0.message, limit: Self.messageLimit))
        }
        if selection.omitted > 0 {
            notes.append(
                (
                    "results-limit",
                    "\(selection.omitted) of \(selection.candidates) failing or undecided results are left out: at most "
                        + "\(resultLimit) are written (code scanning keeps no more per run), those that trip the gate and "
                        + "the most severe first. The JSON result document has every result."
                ))
        }
        if !notes.isEmpty {
            w.key("toolExecutionNotifications")
            w.beginArray()
            for n in notes {
                w.beginObject(inline: true)
                w.key("descriptor")
                w.beginObject()
                w.field("id", n.code)
                w.endObject()
                w.field("level", "warning")
                w.key("message")
                w.beginObject()
                w.field("text", n.text)
                w.endObject()
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
        w.endArray()
    }

    /// The files that went into the run, with their SHA-256: the policies, catalog and facts,
    /// and the inventories results point into (all of them could run to many thousands).
    private func writeArtifacts(_ doc: ResultDocument, _ locator: SARIFLocator, _ w: inout JSONWriter) {
        var items: [(ResultDocument.Input, String)] = doc.inputs.policies.map { ($0, "policy") }
        items += doc.inputs.catalog.map { ($0, "toolSpecifiedConfiguration") }
        if let facts = doc.inputs.facts { items.append((facts, "userSpecifiedConfiguration")) }
        items += doc.inputs.inventories.filter { locator.referenced.contains($0.path) }.map { ($0, "analysisTarget") }
        w.key("artifacts")
        w.beginArray()
        for (input, role) in items {
            w.beginObject(inline: true)
            w.key("location")
            locator.writeArtifactLocation(input.path, &w)
            w.key("roles")
            w.beginArray()
            w.string(role)
            w.endArray()
            w.key("hashes")
            w.beginObject()
            w.field("sha-256", Self.text(input.sha256))
            w.endObject()
            w.endObject()
        }
        w.endArray()
    }

    private func writeRunProperties(_ doc: ResultDocument, _ selection: Selection, reported: Int, _ w: inout JSONWriter) {
        let s = doc.summary
        w.key("properties")
        w.beginObject()
        w.field("residency/schemaVersion", doc.schemaVersion)
        w.field("residency/verdict", Self.text(s.verdict.rawValue))
        w.field("residency/gate", Self.text(s.gate.rawValue))
        w.field("residency/failOn", Self.text(s.failOn.rawValue))
        w.field("residency/auditDate", Self.text(doc.run.auditDate))
        w.field("residency/workspaces", s.workspaces)
        w.field("residency/evaluated", s.evaluated)
        w.key("residency/outcomes")
        w.beginObject(inline: true)
        for o in Outcome.allCases { w.field(o.rawValue, s.outcomes[o]) }
        w.endObject()
        w.field("residency/reported", reported)
        // Why the rest are not results: see the type's documentation.
        w.key("residency/notReported")
        w.beginObject(inline: true)
        for o in [Outcome.permitted, .waived, .pass, .notApplicable] { w.field(o.rawValue, s.outcomes[o]) }
        w.field("overLimit", selection.omitted)
        w.endObject()
        if let b = doc.baseline {
            w.key("residency/baseline")
            w.beginObject(inline: true)
            w.field("sha256", Self.text(b.sha256))
            w.field("new", b.new)
            w.field("unchanged", b.unchanged)
            w.field("resolved", b.resolved.count)
            w.field("failOnNew", b.failOnNew)
            w.endObject()
        }
        w.endObject()
    }
}
