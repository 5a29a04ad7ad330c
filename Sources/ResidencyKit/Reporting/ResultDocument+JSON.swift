import Dispatch
import Foundation

/// Writing the result document with a fixed key order (the order declared in docs/results.md).
extension ResultDocument {
    /// The document as UTF-8 JSON, ending with a newline.
    public func json() -> [UInt8] {
        var out: [UInt8] = []
        writeJSON { out += $0 }
        return out
    }

    /// Streams the document in pieces: the workspace records (each workspace's flows and
    /// results, one line) are encoded in parallel and handed over in order as soon as each is
    /// ready (see `OrderedPipeline`), so writing overlaps with encoding.
    public func writeJSON(_ emit: ([UInt8]) -> Void) {
        requirePasses()
        let ranges = resultRanges()
        let defaults = policyDefaults()
        // A few workspaces per piece: one is too little work to hand between threads.
        let chunkSize = 8
        let chunkCount = (workspaces.count + chunkSize - 1) / chunkSize
        emit(headJSON())
        OrderedPipeline.run(
            count: chunkCount, window: 4 * ProcessInfo.processInfo.activeProcessorCount,
            produce: { c, out in
                for w in (c * chunkSize)..<min(workspaces.count, (c + 1) * chunkSize) {
                    out.append(contentsOf: (w > 0 ? ",\n    " : "\n    ").utf8)
                    appendWorkspaceRecord(w, ranges[w], defaults: defaults, to: &out)
                }
            },
            deliver: emit)
        emit(tailJSON(empty: workspaces.isEmpty))
    }

    /// The document of a run in batches: this one's head and tail around the workspace records
    /// kept in `records` (which `workspaces` and `results` hold only in part). False when the
    /// records could not be read back; what was emitted is then not a document.
    func writeJSON(records: BatchRecords, _ emit: ([UInt8]) -> Void) -> Bool {
        emit(headJSON())
        guard records.read(emit) else { return false }
        emit(tailJSON(empty: records.size == 0))
        return true
    }

    /// Everything before the workspace records: `{ … "workspaces": [`.
    private func headJSON() -> [UInt8] {
        var w = JSONWriter(capacity: 1 << 16)
        w.beginObject()
        w.field("schemaVersion", schemaVersion)
        w.key("tool")
        w.beginObject()
        w.field("name", tool.name)
        w.field("version", tool.version)
        w.endObject()
        w.key("run")
        w.beginObject()
        w.field("startedAt", run.startedAt)
        w.field("finishedAt", run.finishedAt)
        w.field("auditDate", run.auditDate)
        w.key("ranBy")
        w.beginObject()
        w.field("runner", run.ranBy.runner)
        w.field("identity", run.ranBy.identity)
        w.field("url", run.ranBy.url)
        w.endObject()
        w.endObject()
        writeInputs(&w)
        w.key("params")
        w.beginObject()
        for (k, v) in params.sorted(by: { $0.key < $1.key }) { w.field(k, v) }
        w.endObject()
        writeVendors(&w)
        w.key("columns")
        w.beginObject(inline: true)
        for (key, names) in Self.columns { w.field(key, strings: names) }
        w.endObject()
        w.key("policies")
        w.beginArray()
        for p in policies { write(p, &w) }
        w.endArray()
        w.key("workspaces")
        var bytes = w.bytes
        bytes.append(UInt8(ascii: "["))
        return bytes
    }

    /// Everything after the workspace records: `], "notices": …, "summary": … }`. The counts
    /// come last, so that a writer streaming workspace by workspace knows them when it gets
    /// there.
    private func tailJSON(empty: Bool) -> [UInt8] {
        // Written as the tail of a complete object so the writer's commas and indentation
        // are right, then cut after the workspaces.
        var w = JSONWriter(capacity: 4096)
        w.beginObject()
        w.key("workspaces")
        w.beginArray()
        w.endArray()
        w.key("notices")
        w.beginArray()
        for n in notices {
            w.beginObject()
            w.field("code", n.code)
            w.field("policy", n.policy)
            w.field("message", n.message)
            w.field("location", n.location)
            w.field("workspace", n.workspace)
            w.endObject()
        }
        w.endArray()
        if let b = baseline {
            w.key("baseline")
            w.beginObject()
            w.field("path", b.path)
            w.field("sha256", b.sha256)
            w.field("failOnNew", b.failOnNew)
            w.field("new", b.new)
            w.field("unchanged", b.unchanged)
            w.key("resolved")
            w.beginArray()
            for e in b.resolved {
                w.beginObject(inline: true)
                w.field("fingerprint", e.fingerprint)
                w.field("policy", e.policy)
                w.field("workspace", e.workspace)
                w.field("kind", e.resourceKind)
                w.field("id", e.resourceId)
                w.field("name", e.resourceName)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        writeSummary(&w)
        w.endObject()
        var text = w.text
        // `{\n  "workspaces": [],` … : keep from the comma after `[]`.
        let marker = "\"workspaces\": []"
        text = String(text[text.range(of: marker)!.upperBound...])
        return Array(((empty ? "]" : "\n  ]") + text + "\n").utf8)
    }

    private func writeInputs(_ w: inout JSONWriter) {
        func input(_ i: Input) {
            w.beginObject()
            w.field("path", i.path)
            w.field("sha256", i.sha256)
            w.field("version", i.version)
            w.endObject()
        }
        w.key("inputs")
        w.beginObject()
        for (name, list) in [("policies", inputs.policies), ("catalog", inputs.catalog)] {
            w.key(name)
            w.beginArray()
            list.forEach(input)
            w.endArray()
        }
        if let facts = inputs.facts {
            w.key("facts")
            input(facts)
        }
        w.key("inventories")
        w.beginArray()
        inputs.inventories.forEach(input)
        w.endArray()
        if let waivers = inputs.waivers {
            w.key("waivers")
            input(waivers)
        }
        // Only with `check --scan`: a document without it is the same bytes as before.
        if !inputs.code.isEmpty {
            w.key("code")
            w.beginArray()
            inputs.code.forEach(input)
            w.endArray()
        }
        w.endObject()
    }

    private func writeSummary(_ w: inout JSONWriter) {
        w.key("summary")
        w.beginObject()
        w.field("verdict", summary.verdict.rawValue)
        w.field("gate", summary.gate.rawValue)
        w.field("failOn", summary.failOn.rawValue)
        w.field("workspaces", summary.workspaces)
        w.field("policies", summary.policies)
        w.field("permits", summary.permits)
        w.field("resources", summary.resources)
        w.field("evaluated", summary.evaluated)
        w.key("outcomes")
        w.beginObject()
        for o in Outcome.allCases { w.field(o.rawValue, summary.outcomes[o]) }
        w.endObject()
        w.key("bySeverity")
        w.beginObject()
        for s in PolicySeverity.allCases.reversed() {
            w.key(s.rawValue)
            w.beginObject()
            for o in Outcome.allCases { w.field(o.rawValue, summary.bySeverity[s, o]) }
            w.endObject()
        }
        w.endObject()
        w.endObject()
    }

    private func write(_ p: PolicyInfo, _ w: inout JSONWriter) {
        w.beginObject()
        w.field("id", p.id)
        w.field("kind", p.kind)
        w.field("title", p.title)
        w.field("severity", p.severity)
        w.field("resourceKind", p.resourceKind)
        w.field("rationale", p.rationale)
        w.field("references", strings: p.references)
        w.field("file", p.file)
        w.field("line", p.line)
        if let permits = p.permits { w.field("permits", strings: permits) }
        if let permittedBy = p.permittedBy { w.field("permittedBy", strings: permittedBy) }
        w.endObject()
    }
}
