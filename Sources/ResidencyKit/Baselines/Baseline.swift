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
    /// Fail and indeterminate findings by fingerprint.
    var failing: [String: Entry]
    /// Each workspace's region by id (RES-010: a region cannot change).
    var regions: [String: String]

    /// Reads a result document written by `check --json`.
    package static func load(path: String) -> (Baseline?, SourceFile?, [Diagnostic]) {
        let bytes: [UInt8]
        switch readFileBytes(atPath: path, limit: .resultDocument) {
        case .success(let b): bytes = b
        case .failure(let error): return (nil, nil, [.error(.E1001, "cannot read baseline \(path): \(error)", at: nil)])
        }
        let file = SourceFile(path: path, bytes: bytes)
        let sha256 = SHA256.hex(file.bytes)
        // A document as `check` writes it: its records a few at a time, the passes counted and
        // not kept. Every value is checked as `residency report` checks it.
        if let lean = ResultDocument.readFailing(file) {
            guard let read = lean.read else { return (nil, file, lean.diagnostics) }
            return (Baseline(path: path, sha256: sha256, failing: read.failing, regions: read.regions), file, [])
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
        var failing: [String: Entry] = [:]
        for r in doc.results where r.outcome == .fail || r.outcome == .indeterminate {
            failing[r.fingerprint] = Entry(
                fingerprint: r.fingerprint, policy: r.policy, workspace: r.workspace, resourceKind: r.resourceKind,
                resourceId: r.resourceId, resourceName: r.resourceName)
        }
        var regions: [String: String] = [:]
        for w in doc.workspaces {
            if let region = w.region { regions[w.id] = region }
        }
        return (Baseline(path: path, sha256: sha256, failing: failing, regions: regions), file, [])
    }

    /// Marks findings new or unchanged, adding the baseline's fingerprints they matched to
    /// `seen` (a run in one piece marks all of them at once, a run in batches each batch's).
    func mark(_ findings: inout [Finding], seen: inout Set<String>) {
        for i in findings.indices where findings[i].outcome == .fail || findings[i].outcome == .indeterminate {
            let fp = findings[i].fingerprint
            if failing[fp] != nil {
                findings[i].change = .unchanged
                seen.insert(fp)
            } else {
                findings[i].change = .new
            }
        }
    }

    /// The baseline's failing and undecided findings that no current finding matched.
    func resolved(seen: Set<String>) -> [Entry] {
        failing.values.filter { !seen.contains($0.fingerprint) }.sorted { $0.fingerprint < $1.fingerprint }
    }
}
