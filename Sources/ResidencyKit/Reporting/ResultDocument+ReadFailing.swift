import Dispatch

/// What a baseline needs of last night's document, read a few workspace records at a time:
/// its failing and undecided results (by fingerprint) and each workspace's region. Passes and
/// not-applicable results (97% of a night's) are counted, not kept, and each record's parse
/// tree is let go once it is read, so reading a baseline takes memory for a few records, not
/// for the whole document. Every value is still checked as `residency report` checks it, and
/// every count of the summary against what the records list.
extension ResultDocument {
    struct FailingRead: Sendable {
        /// Fail and indeterminate results: each fingerprint, the number of the record that
        /// holds it and what it rests on (`Finding.substance`). The rest of a result (its
        /// policy, resource and name) is read again from that record for the few a run reports
        /// as resolved: kept for all of them, a night's 76,000 results were tens of megabytes,
        /// ten times that at ten times the workspaces.
        var failing: [String: Baseline.Mark]
        /// Each workspace's region by id.
        var regions: [String: String]
        /// Each record's workspace slug, in order.
        var slugs: [String]
        /// What reading a record again needs: the policies by id.
        var policies: [String: PolicyInfo]
    }

    /// The bytes a span of records is read from: the file they are in (for what is reported)
    /// and the offset in the file its first byte is at. The whole file with 0, or a buffer read
    /// from the file for the span alone.
    typealias RecordBytes = @Sendable (Range<Int>) -> (file: SourceFile, base: Int)?

    /// Nil when the file is not laid out in records as `check` writes them (schemas 1 and 2, or
    /// an edited layout, or a record that is not JSON on its own): the caller reads it whole,
    /// which says what is wrong with it.
    /// Otherwise what it read, or why the document is refused.
    static func readFailing(_ file: SourceFile) -> (read: FailingRead?, diagnostics: [Diagnostic])? {
        // The document without its records, each record's line kept as `0`: lines and columns
        // are the file's, so what is wrong in its head or tail is shown where it is, and it is
        // kilobytes where a masked copy of the whole file was tens of megabytes.
        guard let layout = RecordLayout.of(file.bytes) else { return nil }
        let restore = restoring(path: file.path, tailStart: layout.tailStart, shift: layout.shift)
        return readFailing(head: layout.text, restore: restore, records: layout.records, in: file) { _ in (file, 0) }
    }

    /// The same from a file read in one pass (`RecordLayout`), its records read a few at a time
    /// by `bytes`; what is wrong in it is found, but said by reading the file whole.
    static func readFailing(_ layout: RecordLayout, path: String, bytes: @escaping RecordBytes) -> FailingRead? {
        let restore = restoring(path: path, tailStart: layout.tailStart, shift: layout.shift)
        let read = readFailing(
            head: layout.text, restore: restore, records: layout.records, in: SourceFile(path: path, bytes: []), bytes: bytes)
        guard let read, read.diagnostics.isEmpty else { return nil }
        return read.read
    }

    /// `head`: the document without its records; `file`: what the records' places are reported
    /// in (duplicate slugs).
    private static func readFailing(
        head: [UInt8], restore: @escaping @Sendable (Diagnostic) -> Diagnostic, records: [Range<Int>], in file: SourceFile,
        bytes: @escaping RecordBytes
    ) -> (read: FailingRead?, diagnostics: [Diagnostic])? {
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
            /// The part's reader, when it found something wrong (it holds the part's bytes).
            var reader: ResultDocumentReader?
            var sink: FailingSink
            var workspaces: [(WorkspaceInfo, Range<Int>)] = []
            var unparsed = false
        }
        let chunk = 8
        let parts = (records.count + chunk - 1) / chunk
        let slots = ParallelSlots<Part>(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let numbers = (part * chunk)..<min(records.count, (part + 1) * chunk)
            var p = Part(sink: FailingSink(failOn: failOn, onlyNew: onlyNew))
            guard let span = bytes(records[numbers.first!].lowerBound..<records[numbers.last!].upperBound) else {
                p.unparsed = true
                return slots.store(part, p)
            }
            let (source, base) = (span.file, span.base)
            var reader = ResultDocumentReader(file: source)
            for i in numbers {
                let r = (records[i].lowerBound - base)..<(records[i].upperBound - base)
                guard case .success(let record) = JSONReader.parse(source.bytes, range: r, valuesEvery: 4) else {
                    p.unparsed = true
                    break
                }
                p.sink.record = UInt32(i)
                var ws = readRecord(record.root, "workspaces[\(i)]", policies: policies, &reader, into: &p.sink)
                p.sink.counts.workspaces += 1
                p.sink.counts.resources += 1 + ws.sources.count + ws.destinations.count + ws.warehouses.count
                (ws.sources, ws.destinations, ws.warehouses) = ([], [], [])
                let slug = slugPlace(record.root)
                p.workspaces.append((ws, (slug.lowerBound + base)..<(slug.upperBound + base)))
            }
            if reader.failed { p.reader = reader }
            slots.store(part, p)
        }
        var listed = ListedCounts()
        var failing: [String: Baseline.Mark] = [:]
        var workspaces: [(WorkspaceInfo, Range<Int>)] = []
        var inRecords = ResultDocumentReader(file: file)
        for p in slots.take() {
            guard !p.unparsed else { return nil }
            if let partReader = p.reader { inRecords.absorb(partReader) }
            listed.merge(p.sink.counts)
            failing.merge(p.sink.failing) { _, later in later }  // as reading in order would: the last one
            workspaces += p.workspaces
        }
        checkSlugs(workspaces.map(\.0), workspaces.map(\.1), in: file, &inRecords)
        if !reader.failed, !inRecords.failed { checkCounts(document, listed, tree.root, &reader) }
        // The head's places as the file's offsets (its lines and columns already are).
        let headProblems = reader.diagnostics.map(restore)
        guard headProblems.isEmpty, !inRecords.failed else {
            return (nil, (headProblems + inRecords.diagnostics).sortedForOutput())
        }
        var regions: [String: String] = [:]
        for (w, _) in workspaces { if let region = w.region { regions[w.id] = region } }
        let read = FailingRead(failing: failing, regions: regions, slugs: workspaces.map(\.0.slug), policies: policies)
        return (read, [])
    }
}

/// Counts every result and keeps the failing and undecided ones' fingerprints, each with the
/// number of its record.
struct FailingSink: FindingSink, Sendable {
    let failOn: AuditRun.FailOn
    let onlyNew: Bool
    var counts = ResultDocument.ListedCounts()
    var failing: [String: Baseline.Mark] = [:]
    /// The number of the record being read.
    var record: UInt32 = 0

    init(failOn: AuditRun.FailOn, onlyNew: Bool) {
        self.failOn = failOn
        self.onlyNew = onlyNew
    }

    mutating func append(_ finding: consuming Finding) {
        counts.add(finding.severity, finding.outcome, finding.change, failOn: failOn, onlyNew: onlyNew)
        guard finding.outcome == .fail || finding.outcome == .indeterminate else { return }
        failing[finding.fingerprint] = Baseline.Mark(record: record, substance: finding.substance)
    }
}

/// Keeps the baseline entries of the results asked for, as `Baseline.resolved` lists them.
struct EntrySink: FindingSink {
    let wanted: Set<String>
    var found: [String: Baseline.Entry] = [:]

    mutating func append(_ finding: consuming Finding) {
        guard finding.outcome == .fail || finding.outcome == .indeterminate, wanted.contains(finding.fingerprint) else {
            return
        }
        found[finding.fingerprint] = Baseline.Entry(
            fingerprint: finding.fingerprint, policy: finding.policy, workspace: finding.workspace,
            resourceKind: finding.resourceKind, resourceId: finding.resourceId, resourceName: finding.resourceName)
    }
}
