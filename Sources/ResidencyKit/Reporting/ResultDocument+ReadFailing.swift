import Dispatch

/// What a baseline needs of last night's document, read a few workspace records at a time:
/// its failing and undecided results (by fingerprint) and each workspace's region. Passes and
/// not-applicable results (97% of a night's) are counted, not kept, and each record's parse
/// tree is let go once it is read, so reading a baseline takes memory for a few records, not
/// for the whole document. Every value is still checked as `residency report` checks it, and
/// every count of the summary against what the records list.
extension ResultDocument {
    struct FailingRead: Sendable {
        /// Fail and indeterminate results by fingerprint.
        var failing: [String: Baseline.Entry]
        /// Each workspace's region by id.
        var regions: [String: String]
    }

    /// Nil when the file is not laid out in records as `check` writes them (schemas 1 and 2, or
    /// an edited layout, or a record that is not JSON on its own): the caller reads it whole,
    /// which says what is wrong with it.
    /// Otherwise what it read, or why the document is refused.
    static func readFailing(_ file: SourceFile) -> (read: FailingRead?, diagnostics: [Diagnostic])? {
        let bytes = file.bytes
        guard let records = recordLines(bytes) else { return nil }
        // The document without its records, each record's line kept as `0`: lines and columns
        // are the file's, so what is wrong in its head or tail is shown where it is, and it is
        // kilobytes where a masked copy of the whole file was tens of megabytes.
        let (head, restore) = headAndTail(bytes, records, path: file.path)
        let headFile = SourceFile(path: file.path + headMarker, bytes: head)
        guard case .success(let tree) = JSONReader.parse(head, range: 0..<head.count),
            identify(tree.root, headFile) == nil, isRecordSchema(tree.root), let list = tree.root["workspaces"],
            list.kind == .array, list.count == records.count, list.elements.allSatisfy({ $0.int == 0 })
        else { return nil }
        var reader = ResultDocumentReader(file: headFile)
        // Every section but the records (given none).
        let document = decode(tree.root, records: [], &reader)
        var byID: [String: PolicyInfo] = [:]
        for p in document.policies where byID[p.id] == nil { byID[p.id] = p }
        let policies = byID
        let (failOn, onlyNew) = (document.summary.failOn, document.baseline?.failOnNew == true)

        struct Part: Sendable {
            var reader: ResultDocumentReader
            var sink: FailingSink
            var workspaces: [(WorkspaceInfo, Range<Int>)] = []
            var resources = 0
            var unparsed = false
        }
        let chunk = 8
        let parts = (records.count + chunk - 1) / chunk
        let slots = ParallelSlots<Part>(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            var p = Part(reader: ResultDocumentReader(file: file), sink: FailingSink(failOn: failOn, onlyNew: onlyNew))
            for i in (part * chunk)..<min(records.count, (part + 1) * chunk) {
                guard case .success(let record) = JSONReader.parse(bytes, range: records[i], valuesEvery: 4) else {
                    p.unparsed = true
                    break
                }
                var ws = readRecord(record.root, "workspaces[\(i)]", policies: policies, &p.reader, into: &p.sink)
                p.resources += 1 + ws.sources.count + ws.destinations.count + ws.warehouses.count
                (ws.sources, ws.destinations, ws.warehouses) = ([], [], [])
                p.workspaces.append((ws, slugPlace(record.root)))
            }
            slots.store(part, p)
        }
        var listed = ListedCounts()
        var failing: [String: Baseline.Entry] = [:]
        var workspaces: [(WorkspaceInfo, Range<Int>)] = []
        var inRecords = ResultDocumentReader(file: file)
        for p in slots.take() {
            if p.unparsed { return nil }
            inRecords.absorb(p.reader)
            listed.merge(p.sink.counts)
            failing.merge(p.sink.failing) { _, later in later }  // as reading in order would: the last one
            listed.resources += p.resources
            workspaces += p.workspaces
        }
        listed.workspaces = workspaces.count
        checkSlugs(workspaces.map(\.0), workspaces.map(\.1), in: file, &inRecords)
        if !reader.failed, !inRecords.failed { checkCounts(document, listed, tree.root, &reader) }
        // The head's places as the file's offsets (its lines and columns already are).
        let headProblems = reader.diagnostics.map(restore)
        guard headProblems.isEmpty, !inRecords.failed else {
            return (nil, (headProblems + inRecords.diagnostics).sortedForOutput())
        }
        var regions: [String: String] = [:]
        for (w, _) in workspaces { if let region = w.region { regions[w.id] = region } }
        return (FailingRead(failing: failing, regions: regions), [])
    }
}

/// Counts every result and keeps the failing and undecided ones as baseline entries.
struct FailingSink: FindingSink, Sendable {
    let failOn: AuditRun.FailOn
    let onlyNew: Bool
    var counts = ResultDocument.ListedCounts()
    var failing: [String: Baseline.Entry] = [:]

    init(failOn: AuditRun.FailOn, onlyNew: Bool) {
        self.failOn = failOn
        self.onlyNew = onlyNew
    }

    mutating func append(_ finding: consuming Finding) {
        counts.add(finding, failOn: failOn, onlyNew: onlyNew)
        guard finding.outcome == .fail || finding.outcome == .indeterminate else { return }
        failing[finding.fingerprint] = Baseline.Entry(
            fingerprint: finding.fingerprint, policy: finding.policy, workspace: finding.workspace,
            resourceKind: finding.resourceKind, resourceId: finding.resourceId, resourceName: finding.resourceName)
    }
}
