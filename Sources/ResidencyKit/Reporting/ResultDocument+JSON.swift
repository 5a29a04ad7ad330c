import Dispatch

/// Writing the result document with a fixed key order (the order declared in docs/results.md).
extension ResultDocument {
    /// The document as UTF-8 JSON, ending with a newline.
    public func json() -> [UInt8] { jsonChunks().flatMap { $0 } }

    /// The document in pieces that concatenate to `json()`: the results are encoded in
    /// parallel, and a writer can stream the pieces without joining a second copy in memory.
    public func jsonChunks() -> [[UInt8]] {
        let chunkSize = 4096
        let chunkCount = (results.count + chunkSize - 1) / chunkSize
        let encoded = ParallelSlots<[UInt8]>(count: chunkCount)
        DispatchQueue.concurrentPerform(iterations: chunkCount) { c in
            var w = JSONWriter(capacity: 600 * chunkSize, pretty: true)
            let range = (c * chunkSize)..<min(results.count, (c + 1) * chunkSize)
            w.beginArray()
            for i in range { write(results[i], &w) }
            w.endArray()
            // Keep the lines between the brackets, indented as members of `results`.
            var bytes = w.bytes
            bytes.removeFirst(2)  // "[" and its line break
            bytes.removeLast(2)  // the final line break and "]"
            let indented = bytes.split(separator: 10, omittingEmptySubsequences: false).map { [32, 32] + $0 }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 4 * indented.count)
            for (k, line) in indented.enumerated() {
                out.append(contentsOf: line)
                if k < indented.count - 1 { out.append(10) }
            }
            encoded.store(c, out)
        }
        let head = headJSON()
        var chunks: [[UInt8]] = [head]
        for (c, chunk) in encoded.take().enumerated() {
            chunks.append((c == 0 ? [10] : [44, 10]) + chunk)
        }
        chunks.append(tailJSON(empty: results.isEmpty))
        return chunks
    }

    /// Everything before the results' elements: `{ … "results": [`.
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
        w.endObject()
        writeInputs(&w)
        w.key("params")
        w.beginObject()
        for (k, v) in params.sorted(by: { $0.key < $1.key }) { w.field(k, v) }
        w.endObject()
        writeSummary(&w)
        w.key("policies")
        w.beginArray()
        for p in policies { write(p, &w) }
        w.endArray()
        w.key("workspaces")
        w.beginArray()
        for ws in workspaces {
            w.beginObject()
            w.field("id", ws.id)
            w.field("slug", ws.slug)
            w.field("name", ws.name)
            w.field("region", ws.region)
            w.field("source", ws.source)
            w.endObject()
        }
        w.endArray()
        w.key("results")
        var bytes = w.bytes
        bytes.append(UInt8(ascii: "["))
        return bytes
    }

    /// Everything after the results' elements: `], "notices": … }`.
    private func tailJSON(empty: Bool) -> [UInt8] {
        // Written as the tail of a complete object so the writer's commas and indentation
        // are right, then cut at the notices.
        var w = JSONWriter(capacity: 4096)
        w.beginObject()
        w.key("results")
        w.beginArray()
        w.endArray()
        w.key("notices")
        w.beginArray()
        for n in notices {
            w.beginObject()
            w.field("code", n.code)
            w.field("policy", n.policy)
            w.field("message", n.message)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        var text = w.text
        // `{\n  "results": [],` … : keep from the comma after `[]`.
        let marker = "\"results\": []"
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
        w.endObject()
    }

    private func writeSummary(_ w: inout JSONWriter) {
        w.key("summary")
        w.beginObject()
        w.field("verdict", summary.verdict)
        w.field("failOn", summary.failOn)
        w.field("workspaces", summary.workspaces)
        w.field("policies", summary.policies)
        w.field("permits", summary.permits)
        w.field("resources", summary.resources)
        w.field("evaluated", summary.evaluated)
        w.key("outcomes")
        w.beginObject()
        for o in Outcome.allCases { w.field(o.rawValue, summary.outcomes[o.rawValue] ?? 0) }
        w.endObject()
        w.key("bySeverity")
        w.beginObject()
        for s in PolicySeverity.allCases.reversed() {
            w.key(s.rawValue)
            w.beginObject()
            for o in Outcome.allCases { w.field(o.rawValue, summary.bySeverity[s.rawValue]?[o.rawValue] ?? 0) }
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

    /// One result per line: compact enough for a million results, still readable and diffable.
    private func write(_ r: Finding, _ w: inout JSONWriter) {
        w.beginObject(inline: true)
        w.field("policy", r.policy)
        w.field("severity", r.severity.rawValue)
        w.field("outcome", r.outcome.rawValue)
        w.field("workspace", r.workspace)
        w.key("resource")
        w.beginObject()
        w.field("kind", r.resourceKind)
        w.field("id", r.resourceId)
        w.field("name", r.resourceName)
        w.endObject()
        w.field("message", r.message)
        w.field("remediation", r.remediation)
        w.field("reason", r.reason)
        w.field("permit", r.permit)
        w.field("basis", r.basis)
        if !r.evidence.isEmpty {
            w.key("evidence")
            w.beginArray()
            for e in r.evidence {
                w.beginObject()
                w.field("expression", e.expression)
                w.field("value", e.value)
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
    }
}
