import Dispatch
import Foundation
import Synchronization

/// A run in batches of inventory files: each batch is read, evaluated, turned into findings
/// and written as its workspaces' records of the result document, then dropped, so that a
/// night's memory is one batch's rather than every workspace's at once (issue 14: 10,000
/// workspaces within twice the memory of 1,000).
///
/// It is taken only when no policy reads `workspaces` (then a workspace's results depend on
/// the others). A caller that needs the whole document (reports other than the JSON, which are
/// rendered from it) gets every batch's results and workspaces kept as they come; the models,
/// the larger part of a run's memory, are still let go batch by batch. Waivers and a baseline
/// are applied batch by batch, and what can only be known at the end (a stale waiver, a
/// resolved finding) is decided from what each batch marked. On anything it does not expect (an error in an
/// inventory, a duplicate workspace across batches, nothing evaluated, a records file that
/// cannot be written) it gives way, and `run` starts over the way it always ran, which
/// reports the problem exactly as before. The document it writes is byte for byte the one the
/// run in one piece writes (`AuditRunBatchTests` runs both over every example and fixture).
extension AuditRun {
    /// A batch closes at this many bytes of inventory, or at `batchFiles` files. Each batch is
    /// made whole on one thread while other threads make the next ones (`OrderedPipeline`), so
    /// batches are small: a few in flight keep the memory to tens of megabytes, and no thread
    /// waits for another inside a batch.
    static let batchBytes = 1 << 20
    static let batchFiles = 32

    /// The inventory files in batches, in order: by size when the sizes can be read.
    static func batches(_ paths: [String], bytes: Int, files: Int) -> [ArraySlice<String>] {
        var out: [ArraySlice<String>] = []
        var start = 0, size = 0
        for (i, path) in paths.enumerated() {
            let fileBytes = fileSize(atPath: path)
            if i > start, size + fileBytes > bytes || i - start >= files {
                out.append(paths[start..<i])
                start = i
                size = 0
            }
            size += fileBytes
        }
        if start < paths.count { out.append(paths[start...]) }
        return out
    }

    /// The run in batches, or nil when it gives way (see above). `diagnostics` and `files` are
    /// the policies', catalogs' and facts' so far. The outcome's `document` holds the run's
    /// summary, notices and policies, every workspace without its flows, and only the results
    /// the terminal summary shows, unless `Options.wholeDocument` asks for all of it; its
    /// workspace records are in `records`.
    static func runInBatches(
        _ options: Options, _ inputs: Inputs, baseline: Baseline?, startedAt: Date, diagnostics: [Diagnostic],
        files: [SourceFile], stage: (String) -> Void
    ) -> Outcome? {
        // A scan's setups are matched to sources across every workspace at once (and a write
        // key no workspace has is known only then): such a run is in one piece.
        guard !inputs.bundle.policies.isEmpty, !inputs.bundle.readsWorkspaces, options.scan == nil else { return nil }
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
        let context = BatchContext(
            options: options, inputs: inputs, program: program, startedAt: startedAt, waivers: waivers, baseline: baseline,
            limit: TerminalSummary.defaultLimit, records: records != nil)
        var run = BatchedRun(context, records: records)
        var diagnostics = diagnostics + listing.diagnostics
        var kept = files
        // One stage: a file counts once its batch is read, evaluated and written.
        options.progress?.begin("inventory files audited", total: listing.found.count)
        let batches = batches(listing.found, bytes: options.batchBytes, files: batchFiles)
        let parts = ParallelSlots<BatchPart>(count: batches.count)
        let stop = StopFlag()
        var next = 0
        var complete = true
        OrderedPipeline.run(
            count: batches.count, window: 2 * ProcessInfo.processInfo.activeProcessorCount,
            produce: { i, out in
                // Once a batch failed, the rest are not worth making: the run in one piece takes over.
                parts.store(i, stop.isSet ? BatchPart(failed: true) : context.part(batches[i], records: &out))
            },
            deliver: { bytes in
                var part = parts.take(next) ?? BatchPart(failed: true)
                next += 1
                guard complete else { return }
                complete = run.merge(&part, bytes)
                if !complete { stop.set() }
                diagnostics += part.diagnostics
                kept += part.kept
                for _ in 0..<part.files { options.progress?.step() }
            })
        stage("batches: inventories, evaluation, findings, records")
        guard complete, run.evaluated > 0, records?.failed != true else { return nil }
        diagnostics += paramDiagnostics + waiverDiagnostics
        let waiverNotices = AuditRun.waiverNotices(run.waiverUse.report(waivers), diagnostics: &diagnostics)
        kept += waiverFiles
        guard
            let document = run.document(
                notRead: listing.notRead, waiverNotices: waiverNotices,
                waiversInput: waiverFiles.first.map { .init(path: $0.path, sha256: SHA256.hex($0.bytes)) },
                finishedAt: options.clock())
        else { return nil }
        stage("document")
        let status: Audit.ExitStatus = document.summary.gate == .failed ? .violations : .ok
        var outcome = Outcome(status: status, document: document, diagnostics: diagnostics.sortedForOutput(), files: kept)
        outcome.records = records
        outcome.read = files.map(\.path) + listing.found + waiverFiles.map(\.path)
        return outcome
    }
}

/// Set once by the thread that merges batches, read by those that make them.
final class StopFlag: Sendable {
    private let flag = Mutex(false)
    var isSet: Bool { flag.withLock { $0 } }
    func set() { flag.withLock { $0 = true } }
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
