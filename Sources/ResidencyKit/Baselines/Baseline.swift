import Foundation

/// A previous run's result document, read back to tell what changed: each fail or
/// indeterminate finding is new or unchanged, and those of the baseline that are gone are
/// resolved. Findings are matched by fingerprint, so reordering the inventory or renaming
/// a resource does not make old findings look new.
public struct Baseline: Sendable {
    /// A finding of the baseline, as the delta lists resolved ones.
    public struct Entry: Sendable, Hashable {
        public var fingerprint: String
        public var policy: String
        public var workspace: String
        public var resourceKind: String
        public var resourceId: String
        public var resourceName: String
    }

    package var path: String
    var sha256: String
    /// Fail and indeterminate findings: each fingerprint, and where the rest of it is (the
    /// number of its record in the file, or of its entry in `details`).
    var failing: [String: Mark]

    /// A failing or undecided finding of the baseline: where the rest of it is, and what it
    /// rests on (`Finding.substance`), so that a finding whose fingerprint matches but whose
    /// problem changed is new, not unchanged.
    struct Mark: Sendable, Hashable {
        var record: UInt32
        var substance: UInt64
    }
    /// Each workspace's region by id (RES-010: a region cannot change).
    var regions: [String: String]
    /// Where the rest of each failing finding is.
    private var details: Details

    private enum Details: Sendable {
        /// Every entry, read with the document (a document not laid out in records).
        case listed([Entry])
        /// In the file's workspace records, read again for those resolved.
        case records(BaselineRecords)
    }

    /// Reads a result document written by `check --json`.
    package static func load(path: String) -> (Baseline?, SourceFile?, [Diagnostic]) {
        // A document as `check` writes it: read once to find its records, then its records a
        // few at a time, the passes counted and not kept, and the file never held whole. What
        // is wrong in it is said by reading it whole, below.
        if let records = BaselineRecords(path: path), let lean = records.read() {
            return (
                Baseline(
                    path: path, sha256: records.sha256, failing: lean.failing, regions: lean.regions,
                    details: .records(records)), nil, []
            )
        }
        let bytes: [UInt8]
        switch readFileBytes(atPath: path, limit: .resultDocument) {
        case .success(let b): bytes = b
        case .failure(let error): return (nil, nil, [unreadable(path, "\(error)")])
        }
        let file = SourceFile(path: path, bytes: bytes)
        let sha256 = SHA256.hex(file.bytes)
        // Every value is checked as `residency report` checks it.
        if let lean = ResultDocument.readFailing(file) {
            guard let read = lean.read, let records = BaselineRecords(file, sha256: sha256, read: read) else {
                return (nil, file, lean.diagnostics)
            }
            return (
                Baseline(path: path, sha256: sha256, failing: read.failing, regions: read.regions, details: .records(records)),
                file, []
            )
        }
        let parsed: ParsedDocument
        switch ResultDocument.parse(file) {
        case .failure(let e): return (nil, file, [e.diagnostic(in: file)])
        case .success(let p): parsed = p
        }
        // One of the schemas `residency report` reads (1 to the current one), said as a
        // baseline's mistake.
        guard ResultDocument.identify(parsed.tree.root, file) == nil else {
            return (
                nil, file,
                [
                    .error(
                        .E1002, "\(path) is not a residency result document (schemaVersion \(ResultDocument.schemaVersion))",
                        at: file.range(0, 1), help: "pass the file a previous `residency check --json` wrote")
                ]
            )
        }
        // Any other layout (schemas 1 and 2, an edited file) read whole, as `residency report`
        // reads it: every schema still read, every value checked.
        let reading = ResultDocument.read(file, parsed: parsed)
        guard let doc = reading.document else { return (nil, file, reading.diagnostics) }
        var failing: [String: Mark] = [:]
        var entries: [Entry] = []
        for r in doc.results where r.outcome == .fail || r.outcome == .indeterminate {
            failing[r.fingerprint] = Mark(record: UInt32(entries.count), substance: r.substance)
            entries.append(
                Entry(
                    fingerprint: r.fingerprint, policy: r.policy, workspace: r.workspace, resourceKind: r.resourceKind,
                    resourceId: r.resourceId, resourceName: r.resourceName))
        }
        var regions: [String: String] = [:]
        for w in doc.workspaces {
            if let region = w.region { regions[w.id] = region }
        }
        return (Baseline(path: path, sha256: sha256, failing: failing, regions: regions, details: .listed(entries)), file, [])
    }

    /// E1001: the baseline cannot be read, or changed while the run read it.
    static func unreadable(_ path: String, _ why: String) -> Diagnostic {
        .error(.E1001, "cannot read baseline \(path): \(why)", at: nil)
    }

    /// Marks findings new or unchanged, adding the baseline's fingerprints they matched to
    /// `seen` (a run in one piece marks all of them at once, a run in batches each batch's).
    /// Unchanged is the same (policy, resource) failing for the same reason: with another
    /// outcome or other derived values (`Finding.substance`) it is new, and the baseline's
    /// finding is not listed as resolved, since the resource still fails.
    func mark(_ findings: inout [Finding], seen: inout Set<String>) {
        for i in findings.indices where findings[i].outcome == .fail || findings[i].outcome == .indeterminate {
            let fp = findings[i].fingerprint
            if let old = failing[fp] {
                findings[i].change = old.substance == findings[i].substance ? .unchanged : .new
                seen.insert(fp)
            } else {
                findings[i].change = .new
            }
        }
    }

    /// The baseline's failing and undecided findings that no current finding matched, in the
    /// workspaces of `present` (slugs), and how many there are in each other workspace; nil
    /// when the file they are in no longer holds them (changed in place while the run read it).
    /// Only the first are read again from their records: a run of one workspace against a
    /// night of 10,000 does not read the other 9,999's.
    func resolved(seen: Set<String>, present: Set<String>) -> (resolved: [Entry], unseen: [String: Int])? {
        let gone = failing.filter { !seen.contains($0.key) }
        var unseen: [String: Int] = [:]
        var entries: [Entry] = []
        switch details {
        case .listed(let all):
            for mark in gone.values {
                let e = all[Int(mark.record)]
                if present.contains(e.workspace) { entries.append(e) } else { unseen[e.workspace, default: 0] += 1 }
            }
        case .records(let records):
            var wanted: [String: UInt32] = [:]
            for (fingerprint, mark) in gone {
                let slug = records.slug(mark.record)
                if present.contains(slug) { wanted[fingerprint] = mark.record } else { unseen[slug, default: 0] += 1 }
            }
            guard let found = records.entries(wanted) else { return nil }
            entries = found
        }
        return (entries.sorted { $0.fingerprint < $1.fingerprint }, unseen)
    }

    /// Why `resolved` gave nil.
    var changedWhileRead: Diagnostic {
        Self.unreadable(path, "it changed while the run read it (its failing results are no longer where they were)")
    }
}
