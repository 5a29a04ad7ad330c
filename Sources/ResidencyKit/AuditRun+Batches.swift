import Dispatch
import Foundation

/// A run in batches of inventory files: each batch is read, evaluated, turned into findings
/// and written as its workspaces' records of the result document, then dropped, so that a
/// night's memory is one batch's rather than every workspace's at once (issue 14: 10,000
/// workspaces within twice the memory of 1,000).
///
/// It is taken only when nothing needs every workspace at once: no policy reads
/// `workspaces`. A caller that needs the whole document (reports other than the JSON, which are
/// rendered from it) gets it read back from the document's bytes once the last batch is
/// written, as `residency report` reads a saved one: the document never exists twice, as
/// models, findings and a document, at once. Waivers and a baseline are applied batch by
/// batch, and what can only be known at the end (a stale waiver, a resolved finding) is
/// decided from what each batch marked. On anything it does not expect (an error in an
/// inventory, a duplicate workspace across batches, nothing evaluated, a records file that
/// cannot be written) it gives way, and `run` starts over the way it always ran, which
/// reports the problem exactly as before. The document it writes is byte for byte the one the
/// run in one piece writes (`AuditRunBatchTests` runs both over every example and fixture).
extension AuditRun {
    /// A batch closes at this many bytes of inventory, or at `batchFiles` files: with 4 MiB a
    /// batch's models and findings stay within a few tens of megabytes.
    static let batchBytes = 4 << 20
    static let batchFiles = 64

    /// The inventory files in batches, in order: by size when the sizes can be read.
    static func batches(_ paths: [String], bytes: Int, files: Int) -> [ArraySlice<String>] {
        var out: [ArraySlice<String>] = []
        var start = 0, size = 0
        for (i, path) in paths.enumerated() {
            let fileSize = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            if i > start, size + fileSize > bytes || i - start >= files {
                out.append(paths[start..<i])
                start = i
                size = 0
            }
            size += fileSize
        }
        if start < paths.count { out.append(paths[start...]) }
        return out
    }

    /// The run in batches, or nil when it gives way (see above). `diagnostics` and `files` are
    /// the policies', catalogs' and facts' so far; the outcome's `document` holds the run's
    /// summary, notices and policies, every workspace without its flows, and only the results
    /// the terminal summary shows; its workspace records are in `records`.
    static func runInBatches(
        _ options: Options, _ inputs: Inputs, baseline: Baseline?, startedAt: Date, diagnostics: [Diagnostic],
        files: [SourceFile], stage: (String) -> Void
    ) -> Outcome? {
        guard !inputs.bundle.policies.isEmpty, !inputs.bundle.readsWorkspaces else { return nil }
        let (compiled, paramDiagnostics) = PolicyProgram.compile(inputs.bundle, overrides: options.params)
        guard let program = compiled, !paramDiagnostics.hasErrors else { return nil }
        // Loaded as the run in one piece loads them; their diagnostics follow the inventories'.
        var waiverDiagnostics: [Diagnostic] = []
        var waiverFiles: [SourceFile] = []
        let waivers = loadWaivers(
            options, inputs.bundle, auditDate: Day(utc: startedAt), diagnostics: &waiverDiagnostics, files: &waiverFiles)
        guard !waiverDiagnostics.hasErrors else { return nil }
        let listing = InventoryLoader.list(paths: options.inventories)
        guard !listing.diagnostics.hasErrors, !listing.found.isEmpty else { return nil }
        var records: BatchRecords?
        if options.batchRecords {
            guard let file = BatchRecords() else { return nil }
            records = file
        }
        var run = BatchedRun(
            options: options, inputs: inputs, program: program, startedAt: startedAt, records: records,
            limit: TerminalSummary.defaultLimit, waivers: waivers, baseline: baseline)
        var diagnostics = diagnostics + listing.diagnostics
        var kept = files
        // One stage: a file counts once its batch is read, evaluated and written.
        options.progress?.begin("inventory files audited", total: listing.found.count)
        for batch in batches(listing.found, bytes: options.batchBytes, files: batchFiles) {
            let (read, unreadable) = InventoryLoader.read(Array(batch))
            guard unreadable.isEmpty else { return nil }
            let loaded = InventoryLoader.load(files: read, catalog: inputs.catalog.catalog)
            guard !loaded.diagnostics.hasErrors, run.add(loaded) else { return nil }
            // Only the files a diagnostic points into are kept, for rendering it.
            let named = Set(loaded.diagnostics.compactMap { $0.range?.file })
            kept += read.filter { named.contains($0.path) }
            diagnostics += loaded.diagnostics
            for _ in batch { options.progress?.step() }
        }
        stage("batches: inventories, evaluation, findings, records")
        guard run.evaluated > 0, run.records?.failed != true else { return nil }
        diagnostics += paramDiagnostics + waiverDiagnostics
        let waiverNotices = AuditRun.waiverNotices(run.waiverUse.report(waivers), diagnostics: &diagnostics)
        kept += waiverFiles
        let document = run.document(
            notRead: listing.notRead, waiverNotices: waiverNotices,
            waiversInput: waiverFiles.first.map { .init(path: $0.path, sha256: SHA256.hex($0.bytes)) },
            finishedAt: options.clock())
        stage("document")
        let status: Audit.ExitStatus = document.summary.gate == .failed ? .violations : .ok
        var outcome = Outcome(status: status, document: document, diagnostics: diagnostics.sortedForOutput(), files: kept)
        outcome.records = run.records
        outcome.read = files.map(\.path) + listing.found + waiverFiles.map(\.path)
        if options.wholeDocument {
            guard let records = run.records, let whole = readBack(document, records) else { return nil }
            outcome.document = whole
            stage("document read back")
        }
        return outcome
    }
}

extension AuditRun {
    /// The whole document of a run in batches, read from the bytes its JSON is: nil if it
    /// cannot be (which would be a bug: the run in one piece then takes over).
    static func readBack(_ document: ResultDocument, _ records: BatchRecords) -> ResultDocument? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(records.size + (1 << 16))
        guard document.writeJSON(records: records, { bytes += $0 }) else { return nil }
        let reading = ResultDocument.read(SourceFile(path: "(the run's result document)", bytes: bytes))
        guard reading.diagnostics.isEmpty else { return nil }
        return reading.document
    }
}

extension CheckedBundle {
    /// Whether any policy, permit or define names `workspaces`: then a workspace's results
    /// depend on the others, and a run cannot go in batches.
    var readsWorkspaces: Bool {
        names.values.contains {
            if case .namespace(.workspaces) = $0 { return true }
            return false
        }
    }
}

/// What a run in batches carries from one batch to the next: the document's head and tail
/// (inputs, vendors, counts, notices), every workspace without its flows, and the results
/// the terminal summary shows, all small; the records go to `records` as each batch ends.
struct BatchedRun {
    let options: AuditRun.Options
    let inputs: AuditRun.Inputs
    let program: PolicyProgram
    let startedAt: Date
    let auditDate: Day
    private(set) var records: BatchRecords?
    /// How many results the terminal summary shows (`TerminalSummary.limit`).
    let limit: Int
    let waivers: [Waiver]
    let baseline: Baseline?
    /// The waivers that matched so far; the baseline's fingerprints met, and the changes counted.
    private(set) var waiverUse: WaiverUse
    private var seen: Set<String> = []
    private var changes = AuditRun.ChangeCounts()

    private var policies: [ResultDocument.PolicyInfo] = []
    private var params: [String: String] = [:]
    private var inventories: [ResultDocument.Input] = []
    private var vendors: Set<ResultDocument.VendorFacts> = []
    private var workspaces: [ResultDocument.WorkspaceInfo] = []
    /// The shown results' workspaces with their flows (where the terminal points at a line).
    private var full: [String: ResultDocument.WorkspaceInfo] = [:]
    /// The most urgent failing and undecided results so far, by `TerminalSummary`'s key (the
    /// last part of which is the result's place in the whole document).
    private var shown: [(key: Urgency, finding: Finding)] = []
    typealias Urgency = (Int, Int, Int, Int)
    /// Policies that expect some resource and matched none in any batch so far.
    private var unmatched: Set<Int>?
    private var outcomes = OutcomeCounts()
    private var bySeverity = SeverityCounts()
    private var gating = false
    /// (policy, resource) pairs evaluated (for E0803), results (with RES-013's), resources.
    private(set) var evaluated = 0
    private var results = 0
    private var resources = 0
    private var incomplete = false
    private var allowedIncomplete: [ResultDocument.Notice] = []
    private var ids: Set<String> = []
    private var slugs: Set<String> = []

    init(
        options: AuditRun.Options, inputs: AuditRun.Inputs, program: PolicyProgram, startedAt: Date, records: BatchRecords?,
        limit: Int, waivers: [Waiver], baseline: Baseline?
    ) {
        self.waivers = waivers
        self.baseline = baseline
        self.waiverUse = WaiverUse(count: waivers.count)
        self.options = options
        self.inputs = inputs
        self.program = program
        self.startedAt = startedAt
        self.auditDate = Day(utc: startedAt)
        self.records = records
        self.limit = limit
    }

    /// Evaluates one batch and writes its records. False when a workspace repeats one of an
    /// earlier batch (the run in one piece reports that).
    mutating func add(_ loaded: InventoryLoader.Loaded) -> Bool {
        for m in loaded.workspaces {
            guard ids.insert(m.workspace.id).inserted, slugs.insert(m.workspace.slug).inserted else { return false }
        }
        let prepared = AuditRun.Prepared(
            bundle: inputs.bundle, program: program, policyFiles: inputs.policyFiles, catalog: inputs.catalog,
            facts: inputs.facts, factsInput: inputs.factsInput, inventory: loaded)
        let evaluation = program.evaluate(
            loaded.workspaces, catalog: inputs.catalog.catalog, facts: inputs.facts, auditDate: auditDate)
        evaluated += evaluation.evaluated
        var found = AuditRun.findings(prepared, evaluation, options, auditDate: auditDate)
        let models = loaded.workspaces
        // The stages of `AuditRun.run`, on the batch: waivers, then the baseline.
        waiverUse.formUnion(AuditRun.markWaivers(waivers, in: &found, models, auditDate: auditDate))
        if let baseline { AuditRun.mark(&found, baseline, models, seen: &seen, counts: &changes) }
        let batchIncomplete = models.filter { !$0.workspace.incomplete.isEmpty }
        // The batch's own document, built as the run in one piece builds the whole one: its
        // records, counts and workspaces are the whole one's in part.
        var doc = ResultDocument.build(
            program: program, evaluation: evaluation, results: found, workspaces: models,
            inputs: .init(policies: [], catalog: [], facts: nil, inventories: []),
            resources: models.reduce(0) { $0 + 1 + $1.sources.count + $1.destinations.count + $1.warehouses.count },
            failOn: options.failOn, startedAt: startedAt, finishedAt: startedAt, auditDate: auditDate,
            ranBy: options.provenance, onlyNew: onlyNew, files: loaded.files, facts: inputs.facts)
        if policies.isEmpty {
            policies = doc.policies
            params = doc.params
        }
        // What a result's place in the terminal summary and the record's policy entries depend on.
        if let baseline {
            doc.baseline = .init(
                path: baseline.path, sha256: baseline.sha256, new: 0, unchanged: 0, resolved: [], failOnNew: options.failOnNew)
            doc.policies.append(AuditRun.regionChangePolicyInfo)
        }
        if !options.allowIncomplete, !batchIncomplete.isEmpty {
            doc.policies.append(AuditRun.incompletePolicyInfo)
            incomplete = true
        }
        allowedIncomplete += AuditRun.allowedIncompleteNotices(options, batchIncomplete)
        inventories += zip(loaded.files, loaded.digests).map { .init(path: $0.path, sha256: $1) }
        vendors.formUnion(doc.vendors)
        unmatched = unmatched.map { $0.intersection(evaluation.unmatchedPolicies) } ?? Set(evaluation.unmatchedPolicies)
        let tally = ResultDocument.tally(doc.results, failOn: options.failOn, onlyNew: onlyNew)
        outcomes += tally.outcomes
        bySeverity += tally.bySeverity
        gating = gating || tally.gating
        resources += doc.summary.resources
        keepShown(doc)
        writeRecords(doc)
        workspaces += doc.workspaces.map(\.withoutFlows)
        results += doc.results.count
        return true
    }

    /// Merges the batch's failing and undecided results into the shown ones.
    private mutating func keepShown(_ doc: ResultDocument) {
        var candidates: [(key: Urgency, finding: Finding)] = []
        // Read in place: a copy of each of the batch's results would retain its every field.
        doc.results.withUnsafeBufferPointer { found in
            for i in found.indices where found[i].outcome == .fail || found[i].outcome == .indeterminate {
                let key = TerminalSummary.urgency(doc, found[i], index: results + i)
                if shown.count == limit, let last = shown.last, !(key < last.key) { continue }
                candidates.append((key, found[i]))
            }
        }
        guard !candidates.isEmpty else { return }
        shown = Array((shown + candidates).sorted { $0.key < $1.key }.prefix(limit))
        let needed = Set(shown.map(\.finding.workspace))
        full = full.filter { needed.contains($0.key) }
        for ws in doc.workspaces where needed.contains(ws.slug) && full[ws.slug] == nil { full[ws.slug] = ws }
    }

    /// The batch's workspace records, encoded in parallel and appended in order.
    private func writeRecords(_ doc: ResultDocument) {
        guard let records else { return }
        let ranges = doc.resultRanges()
        let defaults = doc.policyDefaults()
        let slots = ParallelSlots<[UInt8]>(count: doc.workspaces.count)
        let before = workspaces.count
        DispatchQueue.concurrentPerform(iterations: doc.workspaces.count) { w in
            var out = Array((before + w > 0 ? ",\n    " : "\n    ").utf8)
            doc.appendWorkspaceRecord(w, ranges[w], defaults: defaults, to: &out)
            slots.store(w, out)
        }
        for bytes in slots.take() { records.append(bytes) }
    }

    /// The document without its records: everything but the workspaces' flows and the results
    /// the terminal does not show.
    /// With `--fail-on-new`, only findings the baseline did not have trip the gate.
    private var onlyNew: Bool { baseline != nil && options.failOnNew }

    func document(
        notRead: [String], waiverNotices: [ResultDocument.Notice], waiversInput: ResultDocument.Input?, finishedAt: Date
    ) -> ResultDocument {
        let comparison = baseline.map {
            AuditRun.comparison($0, seen: seen, present: slugs, counts: changes, failOnNew: options.failOnNew)
        }
        let unmatched = (unmatched ?? []).sorted()
        let unmatchedNotices = ResultDocument.unmatchedNotices(unmatched, program.bundle)
        var notReadLoad = InventoryLoader.Loaded()
        notReadLoad.notRead = notRead
        var policies = policies
        if comparison != nil { policies.append(AuditRun.regionChangePolicyInfo) }
        if incomplete { policies.append(AuditRun.incompletePolicyInfo) }
        let bundle = program.bundle
        var document = ResultDocument(
            run: .init(
                startedAt: ResultDocument.timestamp(startedAt), finishedAt: ResultDocument.timestamp(finishedAt),
                auditDate: auditDate.description, ranBy: options.provenance),
            inputs: .init(
                policies: AuditRun.digests(inputs.policyFiles),
                catalog: inputs.catalog.files.map { .init(path: $0.path, sha256: $0.sha256, version: $0.version) },
                facts: inputs.factsInput, inventories: inventories, waivers: waiversInput),
            params: params, vendors: vendors.sorted { $0.name < $1.name },
            summary: .init(
                verdict: Compliance.of(bySeverity: bySeverity, unmatched: unmatched.count),
                gate: ResultDocument.gate(gating: gating, unmatched: unmatched.count, failOn: options.failOn),
                failOn: options.failOn, workspaces: workspaces.count, policies: bundle.policies.count,
                permits: bundle.permits.count, resources: resources, evaluated: results, outcomes: outcomes,
                bySeverity: bySeverity),
            policies: policies,
            workspaces: workspaces.map { full[$0.slug] ?? $0 },
            results: shown.sorted { $0.key.3 < $1.key.3 }.map(\.finding),
            notices: unmatchedNotices + AuditRun.factsNotices(options) + AuditRun.notReadNotices(notReadLoad)
                + waiverNotices + allowedIncomplete + (comparison?.notices ?? []))
        document.baseline = comparison?.delta
        return document
    }
}

extension ResultDocument.WorkspaceInfo {
    /// The workspace as the terminal summary needs it: who and where, not what flows.
    var withoutFlows: Self {
        var copy = self
        copy.sources = []
        copy.destinations = []
        copy.warehouses = []
        return copy
    }
}
