import Foundation

/// Reading a written result document back (`residency report`), so that every report can be
/// rendered from the saved source of truth without re-running the audit. What `json()` writes
/// reads back exactly: every field, and the one in-memory field the file does not repeat
/// (each result's title, which `policies[]` keeps) restored from where the document keeps it;
/// rendering the read document gives the same bytes as rendering the original.
///
/// The file is parsed with the position-keeping `JSONReader`, so a malformed, edited or
/// foreign file is refused with its place (E15xx, docs/diagnostics.md). Keys the reader does
/// not know are ignored: optional fields are added without a new `schemaVersion`. Every count
/// of `summary` is recomputed from the lists and must agree (`checkCounts`).
extension ResultDocument {
    /// What reading a document gives: the document, or the reasons it was refused.
    public struct Reading: Sendable {
        /// Nil when the file is not a result document this residency can render.
        public var document: ResultDocument?
        public var diagnostics: [Diagnostic]
        /// The file, when a diagnostic points into it. Not kept on success: a nightly
        /// document runs to hundreds of megabytes, and the reports need only what was read.
        public var files: [SourceFile]
        /// The SHA-256 of the file read, when asked for (`residency report` names it in the
        /// HTML sign-off): taken from the bytes already read, not by reading the file again.
        public var sha256: String?
    }

    /// Reads the document at `path`; with `digest`, also its SHA-256. `passes`: whether its
    /// passing and not-applicable results are kept (`Passes`).
    public static func read(path: String, digest: Bool = false, passes: Passes = .kept) -> Reading {
        switch readFileBytes(atPath: path, limit: .resultDocument) {
        case .success(let bytes):
            // Hashed on another thread while the file is parsed: after it, the 20 ms a night's
            // 29 MB take were a stretch on one core at the end of a read that runs on two.
            let hashed = ParallelSlots<String>(count: 1), group = DispatchGroup()
            if digest { DispatchQueue.global().async(group: group) { hashed.store(0, SHA256.hex(bytes)) } }
            var reading = read(SourceFile(path: path, bytes: bytes), passes: passes)
            group.wait()
            if reading.document != nil { reading.sha256 = hashed.take(0) }
            return reading
        case .failure(let error):
            return Reading(document: nil, diagnostics: [.documentUnreadable(path, "\(error)")], files: [])
        }
    }

    /// Reads a document from a file already in memory.
    public static func read(_ file: SourceFile, passes: Passes = .kept) -> Reading {
        switch parse(file) {
        case .failure(let e):
            return Reading(document: nil, diagnostics: [.documentSyntax(e, in: file)], files: [file])
        case .success(let parsed): return read(file, parsed: parsed, passes: passes)
        }
    }

    /// Reads a document already parsed (a baseline, which checks what the file is first).
    static func read(_ file: SourceFile, parsed: ParsedDocument, passes: Passes = .kept) -> Reading {
        func refused(_ diagnostics: [Diagnostic]) -> Reading {
            Reading(document: nil, diagnostics: diagnostics.sortedForOutput(), files: [file])
        }
        let tree = parsed.tree
        if let refusal = identify(tree.root, file) { return refused([refusal]) }
        let records = parsed.records
        // The head's values are read in its own text; the records in the file.
        var reader = ResultDocumentReader(file: parsed.head?.file ?? file)
        // Only the records of schemas 3 and 4 are read so: a document of one `results` list
        // is small, and read whole.
        reader.keepsPasses = passes == .kept || !isRecordSchema(tree.root)
        var document = decode(tree.root, records: records, recordsFile: file, &reader)
        document.passesKept = reader.keepsPasses
        document.notKept = reader.notKept
        // A record that is not JSON on its own: the whole file says what is wrong, as a reader
        // of the whole file would (or, JSON across its lines, is read whole).
        if reader.unparsed {
            switch JSONReader.parse(file) {
            case .failure(let e): return refused([.documentSyntax(e, in: file)])
            case .success(let whole): return read(file, parsed: ParsedDocument(tree: whole, records: nil), passes: passes)
            }
        }
        if tree.root["schemaVersion"]?.int == 1 { upgradeFromVersion1(&document) }
        // Counts are compared once every value read: stand-ins for bad values would disagree.
        if !reader.failed { checkCounts(document, tree.root, &reader) }
        guard reader.failed else { return Reading(document: document, diagnostics: [], files: []) }
        var diagnostics = parsed.head.map { head in reader.diagnostics.map(head.restore) } ?? reader.diagnostics
        if reader.dropped > 0 {
            diagnostics[diagnostics.count - 1] = diagnostics[diagnostics.count - 1].noting(
                "and \(reader.dropped) more problem\(reader.dropped == 1 ? "" : "s") in this file, not shown")
        }
        return refused(diagnostics)
    }

    /// Refuses, in one diagnostic, a file that is not a result document of this schema (another
    /// tool's JSON, an inventory, a document of another `schemaVersion`) rather than listing
    /// every field it lacks.
    static func identify(_ root: DataNode, _ file: SourceFile) -> Diagnostic? {
        let at = file.range(root.start, root.start + 1)
        guard root.kind == .object else {
            return .notAResultDocument(file.path, found: "found \(root.typeName)", version: nil, at: at)
        }
        guard let version = root["schemaVersion"] else {
            return .notAResultDocument(file.path, found: "found no `schemaVersion`", version: nil, at: at)
        }
        // Earlier versions are still read (last night's baseline), 1's verdict re-read as 2's.
        guard let v = version.int, (1...ResultDocument.schemaVersion).contains(v) else {
            let found =
                version.numberText.map { "found schemaVersion \($0)" } ?? "found a `schemaVersion` that is \(version.typeName)"
            return .notAResultDocument(
                file.path, found: found, version: root["tool"]?["version"]?.string,
                at: file.range(version.start, max(version.start + 1, version.end)))
        }
        let list = v >= ResultDocument.firstRecordSchema ? "workspaces" : "results"
        guard root[list] != nil else {
            return .notAResultDocument(file.path, found: "found no `\(list)`", version: nil, at: at)
        }
        return nil
    }

    /// Every section, in the order the document is written.
    /// `recordsFile`: the file the records were parsed from (the head's text is `r`'s).
    static func decode(
        _ root: DataNode, records: [Range<Int>]?, recordsFile: SourceFile? = nil, _ r: inout ResultDocumentReader
    ) -> ResultDocument {
        let recordsFile = recordsFile ?? r.file
        let tool = r.object(root, "tool", "").map { t in
            Tool(name: r.string(t, "name", "tool"), version: r.string(t, "version", "tool"))
        }
        let run = r.object(root, "run", "").map { readRun($0, &r) }
        let inputs = r.object(root, "inputs", "").map { readInputs($0, &r) }
        var params: [String: String] = [:]
        if let p = r.object(root, "params", "") {
            for m in p.members { params[m.key] = r.text(m.value, "params.\(m.key)") }
        }
        let vendors = readVendors(root, &r)
        let summary = r.object(root, "summary", "").map { readSummary($0, &r) }
        let baseline = r.optionalObject(root, "baseline", "").map { readBaseline($0, &r) }
        let policies = r.array(root, "policies", "").enumerated().compactMap { i, n in
            r.element(n, "policies[\(i)]").map { readPolicy($0, "policies[\(i)]", &r) }
        }
        var byID: [String: PolicyInfo] = [:]
        for p in policies where byID[p.id] == nil { byID[p.id] = p }
        let known = byID.mapValues(\.title)
        let listed = byID
        let workspaces: [WorkspaceInfo]
        let results: [Finding]
        let slugPlaces: [Range<Int>]
        if isRecordSchema(root) {
            checkColumns(root, &r)
            let list = r.array(root, "workspaces", "")
            let sources = records.map { $0.map(RecordSource.bytes) } ?? list.map(RecordSource.node)
            // Room for the results kept: all, or those that are not passes.
            let kept = summary.map { s in
                r.keepsPasses ? s.evaluated : s.evaluated - s.outcomes[.pass] - s.outcomes[.notApplicable]
            }
            (workspaces, results, slugPlaces) = readRecords(
                sources, expected: kept ?? 0, policies: listed, file: recordsFile, &r)
        } else {
            let list = r.array(root, "workspaces", "")
            workspaces = readInParallel(list, chunk: 16, &r) { n, i, r in
                readWorkspace(n, "workspaces[\(i)]", &r)
            }
            slugPlaces = list.map(slugPlace)
            results = readInParallel(r.array(root, "results", ""), chunk: 4096, &r) { n, i, r in
                let f = readResult(n, i, titles: known, &r)
                if let problem = f.basisProblem {
                    r.report { .unsupportedOutcome("results[\(i)]", f.outcome, problem, at: ResultDocumentReader.range(n, $0)) }
                }
                return f
            }
        }
        checkSlugs(workspaces, slugPlaces, in: recordsFile, &r)
        let notices = r.array(root, "notices", "").enumerated().compactMap { i, n -> Notice? in
            let path = "notices[\(i)]"
            guard let o = r.element(n, path) else { return nil }
            return Notice(
                code: r.string(o, "code", path), policy: r.optionalString(o, "policy", path),
                message: r.string(o, "message", path), location: r.optionalString(o, "location", path),
                workspace: r.optionalString(o, "workspace", path))
        }
        let placeholder = Provenance.unknown
        return ResultDocument(
            schemaVersion: ResultDocument.schemaVersion, tool: tool ?? Tool(),
            run: run ?? Run(startedAt: "", finishedAt: "", auditDate: "", ranBy: placeholder),
            inputs: inputs ?? Inputs(policies: [], catalog: [], facts: nil, inventories: []), params: params,
            vendors: vendors,
            summary: summary
                ?? Summary(
                    verdict: .notDecided, gate: .failed, failOn: .error, workspaces: 0, policies: 0, permits: 0, resources: 0,
                    evaluated: 0,
                    outcomes: OutcomeCounts(), bySeverity: SeverityCounts()),
            policies: policies, workspaces: workspaces, results: results, notices: notices, baseline: baseline)
    }

    /// Reports name workspaces by slug (pages, JUnit files, results): `check` refuses two with
    /// one slug (E0615), and a document that has them is refused too, at the second (E1511),
    /// rather than have two workspaces' results on one page.
    /// `places`: where each workspace's slug is written (byte offsets), read with the records.
    /// `file`: the file the places are offsets of.
    static func checkSlugs(
        _ workspaces: [WorkspaceInfo], _ places: [Range<Int>], in file: SourceFile, _ r: inout ResultDocumentReader
    ) {
        var seen: [String: Int] = [:]
        for (i, ws) in workspaces.enumerated() {
            guard let first = seen[ws.slug] else {
                seen[ws.slug] = i
                continue
            }
            let place = i < places.count ? places[i] : 0..<1
            r.report { _ in
                .documentDuplicateSlug(
                    "workspaces[\(i)].slug", ws.slug, first: first, at: file.range(place.lowerBound, place.upperBound))
            }
        }
    }

    /// Where a workspace's slug is written, or the workspace when it has none.
    static func slugPlace(_ workspace: DataNode) -> Range<Int> {
        let n = workspace["slug"] ?? workspace
        return n.start..<max(n.start + 1, n.end)
    }

    /// The columns the workspace records are written in must be the ones this residency
    /// reads them by: a document whose rows mean something else is refused, not misread.
    private static func checkColumns(_ root: DataNode, _ r: inout ResultDocumentReader) {
        guard let columns = r.object(root, "columns", "") else { return }
        for (key, names) in Self.columns {
            let found = r.strings(columns, key, "columns")
            // Documents written before `check --scan` have no `code` column for sources.
            guard found != names, !(key == "sources" && found == names.dropLast()), let node = columns[key] else { continue }
            r.report {
                .documentType(
                    "columns.\(key)", expected: "[\(names.map { "\"\($0)\"" }.joined(separator: ", "))]", found: node,
                    at: ResultDocumentReader.range(node, $0))
            }
        }
    }

    private static func readRun(_ o: DataNode, _ r: inout ResultDocumentReader) -> Run {
        var ranBy = Provenance.unknown
        if let p = r.object(o, "ranBy", "run") {
            ranBy = Provenance(runner: r.string(p, "runner", "run.ranBy"), identity: r.string(p, "identity", "run.ranBy"))
            // Reports link to it: only what `check` would have recorded is taken as it is.
            if let url = r.optionalString(p, "url", "run.ranBy") {
                if Provenance.cleanURL(url) == url {
                    ranBy.url = url
                } else {
                    r.report { .documentUnsafeLink("run.ranBy.url", url, at: ResultDocumentReader.range(p["url"]!, $0)) }
                }
            }
        }
        return Run(
            startedAt: r.string(o, "startedAt", "run"), finishedAt: r.string(o, "finishedAt", "run"),
            auditDate: r.string(o, "auditDate", "run"), ranBy: ranBy)
    }

    private static func readInputs(_ o: DataNode, _ r: inout ResultDocumentReader) -> Inputs {
        func input(_ n: DataNode, _ path: @autoclosure () -> String) -> Input? {
            guard let i = r.element(n, path()) else { return nil }
            return Input(
                path: r.string(i, "path", path()), sha256: r.string(i, "sha256", path()),
                version: r.optionalString(i, "version", path()))
        }
        func list(_ key: String) -> [Input] {
            r.array(o, key, "inputs").enumerated().compactMap { i, n in input(n, "inputs.\(key)[\(i)]") }
        }
        let policies = list("policies"), catalog = list("catalog")
        let facts = r.optionalObject(o, "facts", "inputs").flatMap { input($0, "inputs.facts") }
        let waivers = r.optionalObject(o, "waivers", "inputs").flatMap { input($0, "inputs.waivers") }
        return Inputs(
            policies: policies, catalog: catalog, facts: facts, inventories: list("inventories"), waivers: waivers,
            code: o["code"] == nil ? [] : list("code"))
    }

    private static func readSummary(_ o: DataNode, _ r: inout ResultDocumentReader) -> Summary {
        let path = "summary"
        let verdict: Compliance
        let gate: GateState
        // A word that is not one of these is reported where it is read; the stand-in values
        // below are never seen, since a document with an error is not returned.
        if o["gate"] == nil, let old = o["verdict"]?.string, let word = Compliance(rawValue: old),
            word == .compliant || word == .nonCompliant
        {
            // Version 1: no gate, and a verdict that was the gate's; both are worked out again
            // from the results (`upgradeFromVersion1`).
            (verdict, gate) = (word, .failed)
        } else {
            verdict = r.word(o, "verdict", path, Compliance.allCases) ?? .notDecided
            gate = r.word(o, "gate", path, GateState.allCases) ?? .failed
        }
        let failOn = r.word(o, "failOn", path, AuditRun.FailOn.allCases) ?? .error
        let outcomes = r.object(o, "outcomes", path).map { r.counts($0, "summary.outcomes") } ?? OutcomeCounts()
        var bySeverity = SeverityCounts()
        if let s = r.object(o, "bySeverity", path) {
            for m in s.members {
                // A severity or outcome this version does not know is not a count to leave out.
                guard let severity = PolicySeverity(rawValue: m.key) else {
                    r.report {
                        .documentUnknownWord(
                            "summary.bySeverity", m.key, PolicySeverity.allCases.map(\.rawValue),
                            at: ResultDocumentReader.range(m.value, $0))
                    }
                    continue
                }
                if let counts = r.element(m.value, "summary.bySeverity.\(m.key)") {
                    bySeverity[severity] = r.counts(counts, "summary.bySeverity.\(m.key)")
                }
            }
        }
        return Summary(
            verdict: verdict, gate: gate, failOn: failOn, workspaces: r.int(o, "workspaces", path),
            policies: r.int(o, "policies", path),
            permits: r.int(o, "permits", path), resources: r.int(o, "resources", path), evaluated: r.int(o, "evaluated", path),
            outcomes: outcomes, bySeverity: bySeverity)
    }

    private static func readBaseline(_ o: DataNode, _ r: inout ResultDocumentReader) -> BaselineDelta {
        let path = "baseline"
        let resolved = r.array(o, "resolved", path).enumerated().compactMap { i, n -> Baseline.Entry? in
            let p = "baseline.resolved[\(i)]"
            guard let e = r.element(n, p) else { return nil }
            return Baseline.Entry(
                fingerprint: r.string(e, "fingerprint", p), policy: r.string(e, "policy", p),
                workspace: r.string(e, "workspace", p),
                resourceKind: r.string(e, "kind", p), resourceId: r.string(e, "id", p), resourceName: r.string(e, "name", p))
        }
        return BaselineDelta(
            path: r.string(o, "path", path), sha256: r.string(o, "sha256", path), new: r.int(o, "new", path),
            unchanged: r.int(o, "unchanged", path), resolved: resolved, failOnNew: r.bool(o, "failOnNew", path))
    }

    /// Where a workspace record is: a value of the tree the whole file was parsed into, or its
    /// bytes in the file, parsed by the thread that reads it.
    enum RecordSource: Sendable {
        case node(DataNode)
        case bytes(Range<Int>)
    }

    /// The workspace records, read in parallel a few at a time, their results built into each
    /// part's own buffer and moved into the document's array a wave of parts at a time
    /// (`Array(concatenatingBuffers:)`). A record given as bytes is parsed by the part that reads
    /// it and let go once read: a night's records are 150 MB of tree nodes, which, parsed all
    /// first, were all held at once. One that is not JSON on its own marks the reader
    /// `unparsed`, and the caller reads the file whole. `expected`: the results the document
    /// says it holds.
    static func readRecords(
        _ records: [RecordSource], expected: Int, policies: [String: PolicyInfo], file: SourceFile,
        _ reader: inout ResultDocumentReader
    ) -> ([WorkspaceInfo], [Finding], [Range<Int>]) {
        let chunk = 4
        let parts = (records.count + chunk - 1) / chunk
        let readers = ParallelSlots<ResultDocumentReader>(count: parts)
        let infos = ParallelSlots<[(WorkspaceInfo, Range<Int>)]>(count: parts)
        // Made for the results the document says it holds (no more than its bytes: a count
        // edited to a billion must not be allocated); more are appended. None without records
        // (a baseline's head is read so, and kept for the run: room for its count was 26 MB).
        let expected = records.isEmpty ? 0 : min(max(0, expected), file.bytes.count)
        let keepsPasses = reader.keepsPasses
        let results = [Finding](concatenatingBuffers: parts, expected: expected, wave: 32) { part in
            let numbers = (part * chunk)..<min(records.count, (part + 1) * chunk)
            var r = ResultDocumentReader(file: file)
            r.keepsPasses = keepsPasses
            var nodes: [DataNode] = []
            nodes.reserveCapacity(numbers.count)
            for i in numbers {
                switch records[i] {
                case .node(let node): nodes.append(node)
                case .bytes(let range):
                    // A record is mostly small numbers: a value every three or four bytes.
                    guard case .success(let tree) = JSONReader.parse(file.bytes, range: range, valuesEvery: 4) else {
                        r.unparsed = true
                        readers.store(part, r)
                        infos.store(part, [])
                        return PartBuffer(capacity: 0)
                    }
                    nodes.append(tree.root)
                }
            }
            // Room for the most results the records can give (`resultBound`), known before any is built.
            let buffer = PartBuffer<Finding>(capacity: nodes.reduce(0) { $0 + resultBound($1, keepingPasses: keepsPasses) })
            var workspaces: [(WorkspaceInfo, Range<Int>)] = []
            buffer.write { out in
                for (i, node) in zip(numbers, nodes) {
                    workspaces.append((readRecord(node, "workspaces[\(i)]", policies: policies, &r, into: &out), slugPlace(node)))
                }
                // Never short without a reason reported (`resultBound`); said rather than trapped.
                // Passes counted rather than kept have no place to fill (`resultBound`).
                if out.count < out.capacity, !r.failed, let first = nodes.first {
                    r.report {
                        .documentType(
                            "workspaces[\(numbers.lowerBound)]", expected: "records whose results can be read", found: first,
                            at: ResultDocumentReader.range(first, $0))
                    }
                }
                // Fewer results than the lists hold only when one could not be read, which is
                // reported: the stand-ins fill the part of a document that is refused.
                while out.count < out.capacity {
                    out.append(
                        Finding(
                            policy: "", title: "", severity: .info, outcome: .pass, workspace: "", resourceKind: "",
                            resourceId: "", resourceName: "", evidence: []))
                }
            }
            readers.store(part, r)
            infos.store(part, workspaces)
            return buffer
        }
        for r in readers.take() { reader.absorb(r) }
        let read = infos.take().flatMap { $0 }
        return (read.map(\.0), results, read.map(\.1))
    }

    /// The most results a workspace record can give: an element per result, a run `first..last`
    /// as many as it spans, and no group more than its longest list of resources (a group that
    /// names a resource twice is refused, and `group` stops there: an edited run of a billion
    /// must not be allocated).
    /// Without `keepingPasses`, the passing and not-applicable lists are left out: their results
    /// are counted, not kept (`ResultDocument.Passes`), and need no room.
    static func resultBound(_ record: DataNode, keepingPasses: Bool = true) -> Int {
        guard record.kind == .object, let groups = record["results"], groups.kind == .array else { return 0 }
        let most = max(1, record["sources"]?.count ?? 0, record["destinations"]?.count ?? 0, record["warehouses"]?.count ?? 0)
        var count = 0
        for g in groups.elements where g.kind == .object {
            var inGroup = 0
            // Looked up as `group` looks them up (a key written twice counts once).
            for outcome in Outcome.allCases where keepingPasses || (outcome != .pass && outcome != .notApplicable) {
                guard let list = g[outcome.rawValue], list.kind == .array else { continue }
                for e in list.elements {
                    guard let run = e.string else {
                        inGroup += 1
                        continue
                    }
                    if let (first, last) = runBounds(run) {
                        inGroup += min(last, most - 1) - min(first, most) + 1
                    }
                }
            }
            count += min(inGroup, most)
        }
        return count
    }

    /// Reads the elements of a long list in parallel chunks, each with its own reader whose
    /// problems are taken over in order; the values go straight into their final place.
    static func readInParallel<T: Sendable>(
        _ list: DataNode.Elements, chunk: Int, _ reader: inout ResultDocumentReader,
        _ read: @Sendable (DataNode, Int, inout ResultDocumentReader) -> T
    ) -> [T] {
        let parts = (list.count + chunk - 1) / chunk
        let readers = ParallelSlots<ResultDocumentReader>(count: parts)
        let file = reader.file
        let values = [T](concatenatingParts: (0..<parts).map { min(chunk, list.count - $0 * chunk) }) { part, out in
            var r = ResultDocumentReader(file: file)
            for i in (part * chunk)..<min(list.count, (part + 1) * chunk) { out.append(read(list[i], i, &r)) }
            readers.store(part, r)
        }
        for r in readers.take() { reader.absorb(r) }
        return values
    }

    /// A version 1 document as version 2 states it: the verdict from every result, the gate
    /// from what version 1 called its verdict.
    private static func upgradeFromVersion1(_ doc: inout ResultDocument) {
        let old = doc.summary.verdict
        let counted = tally(doc.results, failOn: doc.summary.failOn, onlyNew: false)
        doc.summary.verdict = Compliance.of(bySeverity: counted.bySeverity, blocking: doc.blockingNotices.count)
        doc.summary.gate = doc.summary.failOn == .never ? .notApplied : old == .compliant ? .passed : .failed
        doc.schemaVersion = ResultDocument.schemaVersion
    }
}
