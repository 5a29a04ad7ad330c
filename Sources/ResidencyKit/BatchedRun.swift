import Foundation

/// What every batch of a run in batches shares: the run's inputs and settings. A batch is
/// made whole on one thread (`part`), from its files to its workspace records, and what it
/// gives the run is merged in order by `BatchedRun`.
struct BatchContext: Sendable {
    let options: AuditRun.Options
    let inputs: AuditRun.Inputs
    let program: PolicyProgram
    let startedAt: Date
    let auditDate: Day
    let waivers: [Waiver]
    let baseline: Baseline?
    /// How many results the terminal summary shows (`TerminalSummary.defaultLimit`).
    let limit: Int
    /// Whether the workspace records are kept (a report is written).
    let records: Bool

    init(
        options: AuditRun.Options, inputs: AuditRun.Inputs, program: PolicyProgram, startedAt: Date, waivers: [Waiver],
        baseline: Baseline?, limit: Int, records: Bool
    ) {
        self.options = options
        self.inputs = inputs
        self.program = program
        self.startedAt = startedAt
        self.auditDate = Day(utc: startedAt)
        self.waivers = waivers
        self.baseline = baseline
        self.limit = limit
        self.records = records
    }

    /// With `--fail-on-new`, only findings the baseline did not have trip the gate.
    var onlyNew: Bool { baseline != nil && options.failOnNew }

    /// One batch: its files read and decoded, evaluated, its findings with waivers and the
    /// baseline applied (the stages of `AuditRun.run`, on the batch), and its workspace records
    /// appended to `records`, each after `,\n    ` (the merge drops the run's first comma).
    func part(_ paths: ArraySlice<String>, records out: inout [UInt8]) -> BatchPart {
        let (read, unreadable) = InventoryLoader.read(Array(paths))
        guard unreadable.isEmpty else { return BatchPart(failed: true) }
        let loaded = InventoryLoader.load(files: read, catalog: inputs.catalog.catalog)
        guard !loaded.diagnostics.hasErrors else { return BatchPart(failed: true) }
        var part = BatchPart()
        part.files = paths.count
        part.diagnostics = loaded.diagnostics
        // Only the files a diagnostic points into are kept, for rendering it.
        let named = Set(loaded.diagnostics.compactMap { $0.range?.file })
        part.kept = read.filter { named.contains($0.path) }
        let models = loaded.workspaces
        part.keys = models.map { ($0.workspace.id, $0.workspace.slug) }
        let prepared = AuditRun.Prepared(inputs: inputs, program: program, inventory: loaded)
        let evaluation = program.evaluate(models, catalog: inputs.catalog.catalog, facts: inputs.facts, auditDate: auditDate)
        part.evaluated = evaluation.evaluated
        part.unmatched = Set(evaluation.unmatchedPolicies)
        var found = AuditRun.findings(prepared, evaluation, options, auditDate: auditDate)
        part.waiverUse = AuditRun.markWaivers(waivers, in: &found, models, auditDate: auditDate)
        if let baseline { AuditRun.mark(&found, baseline, models, seen: &part.seen, counts: &part.changes) }
        // The batch's own document, built as the run in one piece builds the whole one: its
        // records, counts and workspaces are the whole one's in part.
        var doc = ResultDocument.build(
            program: program, evaluation: evaluation, results: consume found, workspaces: models,
            inputs: .init(policies: [], catalog: [], facts: nil, inventories: []),
            resources: models.reduce(0) { $0 + $1.resourceCount },
            failOn: options.failOn, startedAt: startedAt, finishedAt: startedAt, auditDate: auditDate,
            ranBy: options.provenance, onlyNew: onlyNew, files: loaded.files, facts: inputs.facts)
        part.policies = doc.policies
        part.params = doc.params
        // What a result's place in the terminal summary and the record's policy entries depend on.
        if let baseline {
            doc.baseline = .init(
                path: baseline.path, sha256: baseline.sha256, new: 0, unchanged: 0, resolved: [], failOnNew: options.failOnNew)
        }
        let incomplete = models.filter { !$0.workspace.incomplete.isEmpty }
        part.incomplete = !options.allowIncomplete && !incomplete.isEmpty
        doc.policies += AuditRun.builtInPolicies(baseline: baseline != nil, incomplete: part.incomplete)
        part.allowedIncomplete = AuditRun.allowedIncompleteNotices(options, incomplete)
        part.inventories = zip(loaded.files, loaded.digests).map { .init(path: $0.path, sha256: $1) }
        part.vendors = doc.vendors
        part.tally = ResultDocument.tally(doc.results, failOn: options.failOn, onlyNew: onlyNew)
        part.resources = doc.summary.resources
        part.results = doc.results.count
        if records {
            let ranges = doc.resultRanges()
            let defaults = doc.policyDefaults()
            for w in doc.workspaces.indices {
                out.append(contentsOf: ",\n    ".utf8)
                doc.appendWorkspaceRecord(w, ranges[w], defaults: defaults, to: &out)
            }
        }
        if options.wholeDocument {
            // The results the run keeps are moved out of the batch's document, which is done
            // with once its records are written (its findings were handed to it, `consume`, so
            // that the array is its alone and is filtered in place): filtered into a new array,
            // each one kept (a night's 76,000 failures) was copied, a dozen retains, and the
            // original released.
            var kept = doc.results
            doc.results = []
            if !options.keepsPasses {
                // A JUnit file may list passes: only the not-applicables go here, the passes
                // once the run is known to fold them (`BatchedRun.merge`).
                let passesToo = options.junitCases == nil
                func letGo(_ o: Outcome) -> Bool { o == .notApplicable || (passesToo && o == .pass) }
                part.notKept = ResultDocument.NotKept(counting: kept) { letGo($1) }
                kept.removeAllMoving { letGo($1.pointee.outcome) }
            }
            part.all = kept
            part.workspaces = doc.workspaces
        } else {
            part.workspaces = doc.workspaces.map(\.withoutFlows)
            part.shown = shown(doc)
            let needed = Set(part.shown.map(\.finding.workspace))
            for ws in doc.workspaces where needed.contains(ws.slug) { part.full[ws.slug] = ws }
        }
        return part
    }

    /// The batch's most urgent failing and undecided results, by `TerminalSummary`'s key with
    /// the result's place in the batch (the merge adds the batch's place in the run).
    private func shown(_ doc: ResultDocument) -> [(key: BatchPart.Urgency, finding: Finding)] {
        // Read in place, and only the few kept are copied: a copy of each of the batch's
        // results would retain its every field (keys are unique, since they end in the index).
        var candidates: [BatchPart.Urgency] = []
        doc.results.withUnsafeBufferPointer { found in
            for i in found.indices where found[i].outcome == .fail || found[i].outcome == .indeterminate {
                candidates.append(TerminalSummary.urgency(doc, found.baseAddress! + i, index: i))
            }
        }
        return candidates.sorted { $0 < $1 }.prefix(limit).map { ($0, doc.results[$0.3]) }
    }
}

/// What one batch gives the run.
struct BatchPart: Sendable {
    typealias Urgency = (Int, Int, Int, Int)
    /// An error in the batch (or a batch not made after one): the run gives way.
    var failed = false
    var files = 0
    var diagnostics: [Diagnostic] = []
    var kept: [SourceFile] = []
    /// Each workspace's id and slug, checked against the other batches'.
    var keys: [(String, String)] = []
    var evaluated = 0
    var results = 0
    var resources = 0
    var unmatched: Set<Int> = []
    var waiverUse = WaiverUse(count: 0)
    var seen: Set<String> = []
    var changes = AuditRun.ChangeCounts()
    var policies: [ResultDocument.PolicyInfo] = []
    var params: [String: String] = [:]
    var incomplete = false
    var allowedIncomplete: [ResultDocument.Notice] = []
    var inventories: [ResultDocument.Input] = []
    var vendors: [ResultDocument.VendorFacts] = []
    var tally = (outcomes: OutcomeCounts(), bySeverity: SeverityCounts(), gating: false)
    var workspaces: [ResultDocument.WorkspaceInfo] = []
    var shown: [(key: Urgency, finding: Finding)] = []
    var full: [String: ResultDocument.WorkspaceInfo] = [:]
    var all: [Finding] = []
    /// The passes and not-applicables left out of `all`, counted (`Options.keepsPasses`).
    var notKept = ResultDocument.NotKept()
}

/// What a run in batches carries from one batch to the next, merged in order: the document's
/// head and tail (inputs, vendors, counts, notices), every workspace without its flows, and
/// the results the terminal summary shows, all small; the records go to `records`.
struct BatchedRun {
    let context: BatchContext
    private let records: BatchRecords?
    /// The waivers that matched so far; the baseline's fingerprints met, and the changes counted.
    private(set) var waiverUse: WaiverUse
    private var seen: Set<String> = []
    private var changes = AuditRun.ChangeCounts()

    private var policies: [ResultDocument.PolicyInfo]?
    private var params: [String: String] = [:]
    private var inventories: [ResultDocument.Input] = []
    private var vendors: Set<ResultDocument.VendorFacts> = []
    private var workspaces: [ResultDocument.WorkspaceInfo] = []
    /// The shown results' workspaces with their flows (where the terminal points at a line).
    private var full: [String: ResultDocument.WorkspaceInfo] = [:]
    /// The most urgent failing and undecided results so far, by `TerminalSummary`'s key (the
    /// last part of which is the result's place in the whole document).
    private var shown: [(key: BatchPart.Urgency, finding: Finding)] = []
    /// Every result, when the caller needs the whole document (`Options.wholeDocument`).
    private var all: [Finding] = []
    /// The results left out of `all`, counted (`ResultDocument.notKept`).
    private var notKept = ResultDocument.NotKept()
    /// With a JUnit file and passes let go: its testcases so far, and the policies with a pass.
    private var junitCases = 0
    private var passed: Set<String> = []
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

    init(_ context: BatchContext, records: BatchRecords?) {
        self.context = context
        self.records = records
        self.waiverUse = WaiverUse(count: context.waivers.count)
    }

    /// Merges the next batch and appends its records. False when the run must give way: the
    /// batch failed, or a workspace repeats one of an earlier batch (the run in one piece
    /// reports both).
    mutating func merge(_ part: inout BatchPart, _ bytes: [UInt8]) -> Bool {
        guard !part.failed else { return false }
        for (id, slug) in part.keys {
            guard ids.insert(id).inserted, slugs.insert(slug).inserted else { return false }
        }
        if policies == nil, !part.policies.isEmpty {
            policies = part.policies
            params = part.params
        }
        evaluated += part.evaluated
        resources += part.resources
        unmatched = unmatched.map { $0.intersection(part.unmatched) } ?? part.unmatched
        waiverUse.formUnion(part.waiverUse)
        seen.formUnion(part.seen)
        changes.new += part.changes.new
        changes.unchanged += part.changes.unchanged
        incomplete = incomplete || part.incomplete
        allowedIncomplete += part.allowedIncomplete
        inventories += part.inventories
        vendors.formUnion(part.vendors)
        outcomes += part.tally.outcomes
        bySeverity += part.tally.bySeverity
        gating = gating || part.tally.gating
        if !part.shown.isEmpty {
            let offset = results
            let placed = part.shown.map { (key: ($0.key.0, $0.key.1, $0.key.2, $0.key.3 + offset), finding: $0.finding) }
            shown = Array((shown + placed).sorted { $0.key < $1.key }.prefix(context.limit))
            let needed = Set(shown.map(\.finding.workspace))
            full = full.filter { needed.contains($0.key) }
            for (slug, ws) in part.full where needed.contains(slug) { full[slug] = ws }
        }
        if let cap = context.options.junitCases, !context.options.keepsPasses { letPassesGo(&part, cap: cap) }
        // Moved, not copied: the batch's results are not read again.
        all.appendMoving(&part.all, placeholder: Finding.empty)
        notKept.merge(part.notKept)
        results += part.results
        if let records, !bytes.isEmpty {
            // Each record came with a leading comma; the run's first has none.
            records.append(workspaces.isEmpty ? Array(bytes.dropFirst()) : bytes)
        }
        workspaces += part.workspaces
        return true
    }

    /// A batch's passes let go (counted) once the run before it holds more JUnit testcases
    /// than `cap` (a result of a policy, not-applicables aside, as `JUnitReport` counts them):
    /// the file then folds each policy's passes into a count, and needs none of them but a
    /// policy's lone pass, so each policy's first pass is kept. Under the cap, every pass is
    /// kept, as the file lists them (`JUnitReport.listsOnlyKeptPasses`).
    private mutating func letPassesGo(_ part: inout BatchPart, cap: Int) {
        let listed = Set((policies ?? part.policies).filter { $0.kind == "policy" }.map(\.id))
        let folding = junitCases > cap
        var letGo = [Bool](repeating: false, count: part.all.count)
        part.all.withUnsafeBufferPointer { all in
            var policy = ""
            var isListed = false
            var hasPass = false
            for i in all.indices {
                // Looked up when the policy changes (a record's results come grouped by it).
                if i == 0 || all[i].policy != policy {
                    policy = all[i].policy
                    isListed = listed.contains(policy)
                    hasPass = passed.contains(policy)
                }
                if isListed { junitCases += 1 }
                guard all[i].outcome == .pass else { continue }
                if folding && hasPass {
                    letGo[i] = true
                } else if !hasPass {
                    passed.insert(policy)
                    hasPass = true
                }
            }
        }
        guard letGo.contains(true) else { return }
        part.notKept.merge(ResultDocument.NotKept(counting: part.all) { i, _ in letGo[i] })
        // The rest moved forward in place: copied into a new list, each kept result (past the
        // cap, every failure of the batch) was a dozen retains on the run's serial merge.
        part.all.removeAllMoving { i, _ in letGo[i] }
    }

    /// The document once every batch is merged: everything but the records (and, unless the
    /// whole document was asked for, the workspaces' flows and the results the terminal does
    /// not show). Nil when the baseline changed while the run read it: the run in one piece
    /// then says so.
    func document(
        notRead: [String], waiverNotices: [ResultDocument.Notice], waiversInput: ResultDocument.Input?, finishedAt: Date
    ) -> ResultDocument? {
        var comparison: AuditRun.BaselineComparison?
        if let baseline = context.baseline {
            comparison = AuditRun.comparison(
                baseline, seen: seen, present: slugs, counts: changes, failOnNew: context.options.failOnNew)
            if comparison == nil { return nil }
        }
        let unmatched = (unmatched ?? []).sorted()
        let notices =
            ResultDocument.unmatchedNotices(unmatched, context.program.bundle)
            + AuditRun.runNotices(
                context.options, notRead: notRead, waivers: waiverNotices, allowedIncomplete: allowedIncomplete,
                comparison: comparison)
        // Counted as the run in one piece counts them (`ResultDocument.build`).
        let blocking = notices.filter(\.blocks).count
        let bundle = context.program.bundle
        var document = ResultDocument(
            run: .init(
                startedAt: ResultDocument.timestamp(context.startedAt), finishedAt: ResultDocument.timestamp(finishedAt),
                auditDate: context.auditDate.description, ranBy: context.options.provenance),
            inputs: AuditRun.documentInputs(
                context.inputs.policyFiles, context.inputs.catalog, facts: context.inputs.factsInput, inventories: inventories,
                waivers: waiversInput),
            params: params, vendors: vendors.sorted { $0.name < $1.name },
            summary: .init(
                verdict: Compliance.of(bySeverity: bySeverity, blocking: blocking),
                gate: ResultDocument.gate(gating: gating, blocking: blocking, failOn: context.options.failOn),
                failOn: context.options.failOn, workspaces: workspaces.count, policies: bundle.policies.count,
                permits: bundle.permits.count, resources: resources, evaluated: results, outcomes: outcomes,
                bySeverity: bySeverity),
            policies: (policies ?? []) + AuditRun.builtInPolicies(baseline: comparison != nil, incomplete: incomplete),
            workspaces: workspaces.map { full[$0.slug] ?? $0 },
            results: context.options.wholeDocument ? all : shown.sorted { $0.key.3 < $1.key.3 }.map(\.finding),
            notices: notices)
        document.baseline = comparison?.delta
        document.passesKept = !context.options.wholeDocument || context.options.keepsPasses
        document.notKept = notKept
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
