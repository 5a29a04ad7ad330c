import Dispatch
import Foundation

/// One `residency check`: everything from files to the result document and the gate's exit
/// status. The CLI only parses flags into `AuditRun.Options` and prints what comes back.
public enum AuditRun {
    /// What the gate fails on.
    public enum FailOn: String, Sendable, CaseIterable {
        case error, warning, never
    }

    public struct Options: Sendable {
        public var policies: [String] = ["policies"]
        public var inventories: [String] = []
        /// Catalog files in order (later ones override earlier); empty means the bundled one
        /// under the first policies folder.
        public var catalogs: [String] = []
        public var facts: String?
        public var params: [String: String] = [:]
        public var failOn: FailOn = .error
        /// A previous run's result document (`--baseline`): findings become new or unchanged.
        public var baseline: String?
        /// Gate only on findings the baseline did not have (`--fail-on-new`).
        public var failOnNew = false
        /// Audit workspaces whose inventory says it is incomplete as if it were complete
        /// (`--allow-incomplete`): without it each such workspace is indeterminate (RES-013).
        public var allowIncomplete = false
        /// A waivers file (`--waivers`); nil for none.
        public var waivers: String?
        /// The longest a waiver may run from the audit date.
        public var waiverMaximumDays = WaiverLoader.defaultMaximumDays
        /// Who or which CI job runs the audit (the CLI reads it from the environment).
        public var provenance: Provenance = .unknown
        /// Counts inventory files read and workspaces evaluated, for a progress display.
        public var progress: ProgressCounter?
        /// The run's one clock: every timestamp and `audit.date` come from it.
        public var clock: @Sendable () -> Date = { Date() }
        /// Application code to scan for SDK setups (`--scan`), which then configure the
        /// sources whose write keys they use (CodeScan+Inventory.swift); nil for none.
        public var scan: CodeScan.Options?
        /// Go through the inventories in batches when the run allows it (AuditRun+Batches.swift).
        package var inBatches = false
        /// Whether a run in batches keeps the workspace records (false when no report is written).
        package var batchRecords = true
        /// Whether the caller needs the whole document (reports other than the JSON): a run in
        /// batches then keeps every result and workspace, not only what the terminal shows.
        package var wholeDocument = false
        /// With `wholeDocument`, whether its passing and not-applicable results are kept too
        /// (`ResultDocument.passesKept`): the SARIF log and the Markdown summary list none of
        /// them, the HTML report counts them (`ResultDocument.notKept`), and they are 97% of a
        /// night's results. The summary counts them either way.
        package var keepsPasses = true
        /// Without `keepsPasses`, the cap of the JUnit file written, if one is (`JUnitReport`):
        /// it lists passes while it holds no more testcases than that, and a policy's lone pass
        /// always, so a run lets its passes go only once it has more, and keeps each policy's
        /// first pass (`BatchedRun.merge`).
        package var junitCases: Int?
        /// A batch closes at this many bytes of inventory (tests make it small).
        package var batchBytes = AuditRun.batchBytes

        public init() {}
    }

    /// The outcome of a run. `document` is nil when the input was bad (then `status` is 2).
    public struct Outcome: Sendable {
        public var status: Audit.ExitStatus
        public var document: ResultDocument?
        /// Every diagnostic of every stage, in output order.
        public var diagnostics: [Diagnostic]
        /// The files the diagnostics point into.
        public var files: [SourceFile]
        /// How long each stage took, for performance work (`RESIDENCY_TIMINGS=1`).
        public var stages: [(name: String, seconds: Double)] = []
        /// The models that were evaluated, in evaluation order (what `explain` re-runs a
        /// result against). Kept here rather than freed inside `run`: releasing a large run's
        /// models took some 50 ms on the main thread, which a caller that is about to exit
        /// (the CLI) need not pay.
        var workspaces: [WorkspaceModel] = []
        /// A run in batches: the document's workspace records, which `document` leaves out.
        package var records: BatchRecords?
        /// Every file the run read, when `files` holds only those a diagnostic points into.
        var read: [String]?
        /// Every file the run read: no report may be written over one.
        package var readPaths: [String] { read ?? files.map(\.path) }
    }

    /// The bundled catalog, relative to a policies folder.
    public static let bundledCatalog = "catalog/segment-regional.json"

    /// Everything loaded, checked and compiled, ready to evaluate.
    struct Prepared: Sendable {
        var inputs: Inputs
        var program: PolicyProgram
        var inventory: InventoryLoader.Loaded
        /// What `--scan` could not match to a source (CodeScan.apply), and the files of code
        /// its setups were found in, by digest.
        var scanNotices: [ResultDocument.Notice] = []
        var scanInputs: [ResultDocument.Input] = []

        package var bundle: CheckedBundle { inputs.bundle }
        var policyFiles: [SourceFile] { inputs.policyFiles }
        package var catalog: CatalogLoader.Loaded { inputs.catalog }
        var facts: Facts { inputs.facts }
        var factsInput: ResultDocument.Input? { inputs.factsInput }
    }

    /// The policies, catalog and facts: what a run needs before it reads an inventory.
    struct Inputs: Sendable {
        var bundle: CheckedBundle
        var policyFiles: [SourceFile]
        var catalog: CatalogLoader.Loaded
        var facts: Facts
        var factsInput: ResultDocument.Input?
    }

    /// Loads and checks every input and compiles the policies: the part of a run that
    /// `check` and `explain` share. Nil (with the reasons among the diagnostics) on bad input,
    /// or when there is nothing to evaluate.
    static func prepare(
        _ options: Options, diagnostics: inout [Diagnostic], files: inout [SourceFile], stage: (String) -> Void = { _ in }
    ) -> Prepared? {
        guard let inputs = loadInputs(options, diagnostics: &diagnostics, files: &files, stage: stage) else { return nil }
        return prepare(options, inputs, diagnostics: &diagnostics, files: &files, stage: stage)
    }

    /// The policies (checked), the catalogs and the facts. Nil on bad input.
    static func loadInputs(
        _ options: Options, diagnostics: inout [Diagnostic], files: inout [SourceFile], stage: (String) -> Void
    ) -> Inputs? {
        let checked = Audit.checkPolicies(paths: options.policies)
        files += checked.sources.files
        diagnostics += checked.diagnostics
        guard let bundle = checked.bundle else { return nil }
        stage("policies")

        let catalog = CatalogLoader.load(
            paths: catalogPaths(options.catalogs, policies: options.policies),
            bundled: bundledCatalogPath(policies: options.policies))
        files += catalog.sources
        diagnostics += catalog.diagnostics

        var facts = Facts()
        var factsInput: ResultDocument.Input?
        if let path = options.facts {
            let (f, file, d) = FactsLoader.load(path: path, catalog: catalog.catalog, declared: bundle.facts)
            facts = f
            diagnostics += d
            if let file {
                files.append(file)
                factsInput = .init(path: path, sha256: SHA256.hex(file.bytes))
            }
        }
        guard !diagnostics.hasErrors else { return nil }
        stage("catalog and facts")
        return Inputs(
            bundle: bundle, policyFiles: checked.sources.files, catalog: catalog, facts: facts, factsInput: factsInput)
    }

    /// The rest of `prepare`: the inventories read whole, the policies compiled.
    static func prepare(
        _ options: Options, _ inputs: Inputs, diagnostics: inout [Diagnostic], files: inout [SourceFile],
        stage: (String) -> Void
    ) -> Prepared? {
        let (bundle, catalog) = (inputs.bundle, inputs.catalog)
        var inventory = InventoryLoader.load(paths: options.inventories, catalog: catalog.catalog, progress: options.progress)
        stage("inventories")
        files += inventory.files
        diagnostics += inventory.diagnostics
        guard !diagnostics.hasErrors else { return nil }
        var scanNotices: [ResultDocument.Notice] = []
        var scanInputs: [ResultDocument.Input] = []
        if let scan = options.scan {
            let scanned = CodeScan.run(scan)
            files += scanned.sources
            diagnostics += scanned.diagnostics
            guard !diagnostics.hasErrors else { return nil }
            scanNotices = CodeScan.apply(scanned, to: &inventory.workspaces)
            scanInputs = scanned.codeFiles
            stage("scan")
        }

        let (compiled, paramDiagnostics) = PolicyProgram.compile(bundle, overrides: options.params)
        diagnostics += paramDiagnostics
        guard let program = compiled else { return nil }

        if bundle.policies.isEmpty {
            diagnostics.append(
                .error(
                    .E0801, "no policies to evaluate in \(options.policies.joined(separator: ", "))", at: nil,
                    help: "a gate that evaluated nothing would pass anything; point --policies at a policy pack"))
            return nil
        }
        if inventory.workspaces.isEmpty {
            diagnostics.append(noWorkspaces)
            return nil
        }
        return Prepared(inputs: inputs, program: program, inventory: inventory, scanNotices: scanNotices, scanInputs: scanInputs)
    }

    /// A run in named stages: the baseline, the inputs (`prepare`), the waivers, evaluation,
    /// findings (RES-013 among them), waivers applied, the comparison with the baseline (RES-010
    /// among it), and the document. Each stage's time is kept for `RESIDENCY_TIMINGS=1`.
    public static func run(_ options: Options) -> Outcome {
        let startedAt = options.clock()
        let stopwatch = ContinuousClock()
        var lap = stopwatch.now
        var stages: [(name: String, seconds: Double)] = []
        func stage(_ name: String) {
            let now = stopwatch.now
            let d = (now - lap).components
            stages.append((name, Double(d.seconds) + Double(d.attoseconds) / 1e18))
            lap = now
        }
        var diagnostics: [Diagnostic] = []
        var files: [SourceFile] = []
        func fail(_ more: [Diagnostic] = []) -> Outcome {
            Outcome(status: .invalidInput, document: nil, diagnostics: (diagnostics + more).sortedForOutput(), files: files)
        }
        // The baseline first: reading last night's document holds its 600,000 results for a
        // moment, which would otherwise add to tonight's at the run's peak; and a bad baseline
        // is refused before the inventories are read.
        let baseline = loadBaseline(options, diagnostics: &diagnostics, files: &files)
        if options.baseline != nil { stage("baseline") }
        guard let inputs = loadInputs(options, diagnostics: &diagnostics, files: &files, stage: stage) else { return fail() }
        // A run that needs nothing across workspaces goes through its inventories in batches,
        // so that its memory is a batch's, not the night's (AuditRun+Batches.swift). On any
        // problem it gives way to the run below, which reports it as it always has.
        if options.inBatches,
            var outcome = runInBatches(
                options, inputs, baseline: baseline, startedAt: startedAt, diagnostics: diagnostics, files: files, stage: stage)
        {
            outcome.stages = stages
            return outcome
        }
        guard let prepared = prepare(options, inputs, diagnostics: &diagnostics, files: &files, stage: stage) else {
            return fail()
        }
        let auditDate = Day(utc: startedAt)
        let waivers = loadWaivers(options, prepared.bundle, auditDate: auditDate, diagnostics: &diagnostics, files: &files)
        guard !diagnostics.hasErrors else { return fail() }

        let evaluation = prepared.program.evaluate(
            prepared.inventory.workspaces, catalog: prepared.catalog.catalog, facts: prepared.facts, auditDate: auditDate,
            progress: options.progress)
        stage("evaluate")
        if evaluation.evaluated == 0 {
            return fail([
                .error(
                    .E0803, "the policies matched no resource in the inventories", at: nil,
                    help: "the policies range over kinds the inventories do not contain")
            ])
        }
        var results = findings(prepared, evaluation, options, auditDate: auditDate)
        stage("findings")
        let waiverNotices = applyWaivers(
            waivers, to: &results, prepared.inventory.workspaces, auditDate: auditDate, diagnostics: &diagnostics)
        var comparison: BaselineComparison?
        if let baseline {
            comparison = compare(&results, with: baseline, prepared.inventory.workspaces, failOnNew: options.failOnNew)
            if comparison == nil { return fail([baseline.changedWhileRead]) }
        }
        let document = document(
            prepared, evaluation, results, options, files: files, startedAt: startedAt, auditDate: auditDate,
            waiverNotices: waiverNotices, comparison: comparison)
        stage("document")
        // The gate decides the exit code; the verdict is reported whatever it is.
        let status: Audit.ExitStatus = document.summary.gate == .failed ? .violations : .ok
        return Outcome(
            status: status, document: document, diagnostics: diagnostics.sortedForOutput(), files: files, stages: stages,
            workspaces: prepared.inventory.workspaces)
    }

    /// Every result as a finding, in workspace order; without `--allow-incomplete` a workspace
    /// whose inventory says it leaves resources out gets a result of its own that counts at the
    /// gate (RES-013): incompleteness is never compliance.
    static func findings(_ prepared: Prepared, _ evaluation: Evaluation, _ options: Options, auditDate: Day) -> [Finding] {
        let workspaces = prepared.inventory.workspaces
        let results = describe(prepared.program, evaluation, workspaces, prepared.catalog.catalog, prepared.facts, auditDate)
        guard !options.allowIncomplete else { return results }
        let incomplete = workspaces.filter { !$0.workspace.incomplete.isEmpty }
        return placing(incomplete.map { incompleteness($0, files: prepared.inventory.files) }, in: results, workspaces)
    }

    /// The result document: the run's inputs with their digests, the policies (and the built-in
    /// RES-010 and RES-013 when they took part), the results, the notices and the summary.
    static func document(
        _ prepared: Prepared, _ evaluation: Evaluation, _ results: [Finding], _ options: Options, files: [SourceFile],
        startedAt: Date, auditDate: Day, waiverNotices: [ResultDocument.Notice], comparison: BaselineComparison?
    ) -> ResultDocument {
        let inventory = prepared.inventory
        let incomplete = inventory.workspaces.filter { !$0.workspace.incomplete.isEmpty }
        var document = ResultDocument.build(
            program: prepared.program, evaluation: evaluation, results: results, workspaces: inventory.workspaces,
            inputs: documentInputs(
                prepared.policyFiles, prepared.catalog, facts: prepared.factsInput,
                inventories: zip(inventory.files, inventory.digests).map { .init(path: $0.path, sha256: $1) },
                waivers: options.waivers.flatMap { path in
                    files.first { $0.path == path }.map { .init(path: path, sha256: SHA256.hex($0.bytes)) }
                }, code: prepared.scanInputs),
            resources: inventory.workspaces.reduce(0) { $0 + $1.resourceCount }, failOn: options.failOn,
            startedAt: startedAt, finishedAt: options.clock(), auditDate: auditDate, ranBy: options.provenance,
            extraNotices: prepared.scanNotices
                + runNotices(
                    options, notRead: inventory.notRead, waivers: waiverNotices,
                    allowedIncomplete: allowedIncompleteNotices(options, incomplete), comparison: comparison),
            onlyNew: comparison?.delta.failOnNew ?? false,
            files: inventory.files, facts: prepared.facts)
        document.baseline = comparison?.delta
        document.policies += builtInPolicies(
            baseline: comparison != nil, incomplete: !options.allowIncomplete && !incomplete.isEmpty)
        return document
    }

    /// The document's `inputs`: the files that went into the run, by digest.
    static func documentInputs(
        _ policyFiles: [SourceFile], _ catalog: CatalogLoader.Loaded, facts: ResultDocument.Input?,
        inventories: [ResultDocument.Input], waivers: ResultDocument.Input?, code: [ResultDocument.Input] = []
    ) -> ResultDocument.Inputs {
        .init(
            policies: digests(policyFiles),
            catalog: catalog.files.map { .init(path: $0.path, sha256: $0.sha256, version: $0.version) }, facts: facts,
            inventories: inventories, waivers: waivers, code: code)
    }

    /// The notices a run adds after the unmatched policies', in this order, whether it ran in
    /// one piece or in batches.
    static func runNotices(
        _ options: Options, notRead: [String], waivers: [ResultDocument.Notice], allowedIncomplete: [ResultDocument.Notice],
        comparison: BaselineComparison?
    ) -> [ResultDocument.Notice] {
        factsNotices(options) + notReadNotices(notRead) + waivers + allowedIncomplete + (comparison?.notices ?? [])
    }

    /// The ids of the policies the run adds itself; no pack may declare them (E0214).
    static let builtInPolicyIDs: Set<String> = [regionChangePolicy, incompletePolicy]

    /// The built-in policies that took part, after the pack's: RES-010 against a baseline,
    /// RES-013 when an incomplete inventory was audited as incomplete.
    static func builtInPolicies(baseline: Bool, incomplete: Bool) -> [ResultDocument.PolicyInfo] {
        (baseline ? [regionChangePolicyInfo] : []) + (incomplete ? [incompletePolicyInfo] : [])
    }

    /// `extra` results (the built-in RES-010 and RES-013) put after their own workspace's
    /// results, so that every result stays in workspace order (docs/results.md): a result
    /// document writes each workspace's results in its record, and `report` must read back
    /// the order `check` rendered its reports in.
    static func placing(_ extra: [Finding], in results: [Finding], _ workspaces: [WorkspaceModel]) -> [Finding] {
        guard !extra.isEmpty else { return results }
        let bySlug = Dictionary(grouping: extra, by: \.workspace)
        var out: [Finding] = []
        out.reserveCapacity(results.count + extra.count)
        var i = 0
        var placed = Set<String>()
        for m in workspaces {
            let slug = m.workspace.slug
            while i < results.count, results[i].workspace == slug {
                out.append(results[i])
                i += 1
            }
            if placed.insert(slug).inserted { out += bySlug[slug] ?? [] }
        }
        out += results[i...]
        return out
    }

    /// RES-013: an inventory that says it is incomplete (a page whose `pagination.next` was
    /// not followed, a plan Terraform marks errored or not complete) cannot show the workspace
    /// compliant: what is missing may be exactly what sends data abroad. One indeterminate
    /// result per such workspace, of severity error, so it counts at the gate as RES-010 does.
    static let incompletePolicy = "RES-013"
    static let incompleteTitle = "A workspace's inventory is complete"

    static let incompletePolicyInfo = ResultDocument.PolicyInfo(
        id: incompletePolicy, kind: "policy", title: incompleteTitle, severity: "error", resourceKind: "workspace",
        rationale:
            "An audit of part of a workspace cannot show the workspace compliant: the resources left out may be the "
            + "ones that send data abroad.",
        references: ["docs/inventory.md, Incomplete inventories"], file: "(built in)", line: 0, permits: nil,
        permittedBy: [])

    static func incompleteness(_ m: WorkspaceModel, files: [SourceFile]) -> Finding {
        let ws = m.workspace
        let reasons = ws.incomplete.map(\.reason)
        var f = Finding(
            policy: incompletePolicy, title: incompleteTitle, severity: .error, outcome: .indeterminate,
            workspace: ws.slug, resourceKind: "workspace", resourceId: ws.id, resourceName: ws.name ?? ws.slug,
            message: "the inventory of workspace \(ws.slug) is incomplete, so the workspace cannot be shown compliant",
            remediation:
                "Export every page (or fix the plan) and audit again; --allow-incomplete audits what is there and "
                + "records that incompleteness was accepted.",
            reason: reasons.joined(separator: "; "),
            evidence: ws.incomplete.map { i in
                Evidence(expression: "inventory", value: "incomplete", from: "\(i.reason)\(place(i.origin, m.file, files))")
            })
        f.fingerprint = Finding.fingerprint(
            policy: incompletePolicy, workspaceID: ws.id, kind: "workspace", resourceID: ws.id)
        return f
    }

    /// ` (file:line:col)` of an origin in the files read, or nothing.
    /// The workspace's own file is tried first: every workspace of a night may be incomplete.
    private static func place(_ origin: Origin?, _ own: SourceFile?, _ files: [SourceFile]) -> String {
        guard let o = origin, let file = own?.path == o.file ? own : files.first(where: { $0.path == o.file }) else { return "" }
        let l = file.location(of: o.offset)
        return " (\(o.file):\(l.line):\(l.column))"
    }

    /// With `--allow-incomplete`, the document says which workspaces were audited although
    /// their inventories say they are incomplete: accepted, but never silently.
    static func allowedIncompleteNotices(_ options: Options, _ incomplete: [WorkspaceModel]) -> [ResultDocument.Notice] {
        guard options.allowIncomplete else { return [] }
        return incomplete.map { m in
            .init(
                code: "incomplete-allowed", policy: nil,
                message:
                    "workspace \(m.workspace.slug) was audited with --allow-incomplete although its inventory is incomplete: "
                    + m.workspace.incomplete.map(\.reason).joined(separator: "; "),
                workspace: m.workspace.slug)
        }
    }

    /// SHA-256 of each file, computed in parallel (inventories run to tens of megabytes).
    static func digests(_ files: [SourceFile]) -> [ResultDocument.Input] {
        let slots = ParallelSlots<String>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { i in slots.store(i, SHA256.hex(files[i].bytes)) }
        return zip(files, slots.take()).map { .init(path: $0.path, sha256: $1) }
    }

    /// Without a facts file no legal basis (DPF, SCCs, BCRs) can apply to any transfer:
    /// said once, so an undecided transfer is not read as a gap in the inventory.
    /// Files in the inventory folders that were not read (W1601), in the document too: a
    /// misnamed export is a workspace missing from the audit, which its readers must see.
    static func notReadNotices(_ notRead: [String]) -> [ResultDocument.Notice] {
        guard !notRead.isEmpty else { return [] }
        let shown = notRead.prefix(20).joined(separator: ", ")
        let more = notRead.count > 20 ? " and \(notRead.count - 20) more" : ""
        return [
            .init(
                code: "files-not-read", policy: nil,
                message: "\(notRead.count) file\(notRead.count == 1 ? "" : "s") in the inventory folders "
                    + "\(notRead.count == 1 ? "was" : "were") not read (\(InventoryLoader.namingRule), and hidden "
                    + "files are not read): \(shown)\(more)")
        ]
    }

    static func factsNotices(_ options: Options) -> [ResultDocument.Notice] {
        guard options.facts == nil else { return [] }
        return [
            .init(
                code: "no-facts", policy: nil,
                message: "No facts file was given, so no legal basis (the Data Privacy Framework, standard contractual "
                    + "clauses, binding corporate rules) can be applied: transfers that need one are undecided. Give the "
                    + "organisation's facts file with --facts.")
        ]
    }

    /// The catalog files a run reads (`check`, `explain` and `test` alike): the bundled one
    /// under the first policies folder, then the user's, whose rows outrank it (and an
    /// export's own metadata). The bundled file may be absent only when the user gives
    /// catalogs of their own; given again among them, it still counts as the bundled one.
    static func catalogPaths(_ catalogs: [String], policies: [String]) -> [String] {
        let bundled = bundledCatalogPath(policies: policies)
        let user = catalogs.filter { !samePath($0, bundled) }
        if !user.isEmpty, !FileManager.default.fileExists(atPath: bundled) { return user }
        return [bundled] + user
    }

    /// Inventories that hold no workspace: nothing to audit or to match (E0802).
    static let noWorkspaces = Diagnostic.error(
        .E0802, "no workspaces in the inventories", at: nil, help: "pass --inventory with export bundles (see docs/inventory.md)")

    /// Where the bundled catalog is for a run over `policies`.
    static func bundledCatalogPath(policies: [String]) -> String {
        (policies.first(where: isDirectory) ?? "policies") + "/" + bundledCatalog
    }

    private static func samePath(_ a: String, _ b: String) -> Bool {
        URL(fileURLWithPath: a).standardizedFileURL.path == URL(fileURLWithPath: b).standardizedFileURL.path
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    /// Findings for every result, in parallel per workspace, in result order, each built in
    /// its place in the final array.
    static func describe(
        _ program: PolicyProgram, _ evaluation: Evaluation, _ workspaces: [WorkspaceModel], _ catalog: Catalog,
        _ facts: Facts, _ auditDate: Day
    ) -> [Finding] {
        [Finding](concatenatingParts: evaluation.workspaces.map(\.results.count)) { i, out in
            let w = evaluation.workspaces[i]
            let ctx = EvalContext(
                model: workspaces[w.workspace], catalog: catalog, facts: facts, auditDate: auditDate, workspaces: workspaces,
                workspaceIndex: w.workspace)
            program.reportFindings(w.results, in: ctx, into: &out)
        }
    }
}

extension Day {
    /// The UTC calendar day of an instant.
    init(utc date: Date) {
        let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        self.init(daysSinceEpoch: Int32(days))
    }
}
