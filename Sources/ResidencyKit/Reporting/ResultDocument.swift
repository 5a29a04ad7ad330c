/// The versioned JSON result document: the source of truth that every other report is
/// rendered from. Documented in docs/results.md; `schemaVersion` changes when a field's
/// meaning does.
public struct ResultDocument: Sendable, Equatable {
    /// 4 since issue 14: a results group leaves out the `kind` and `severity` its policy has in
    /// `policies[]`, and a run of three or more consecutive bare results is the text
    /// `"first..last"`. 3 (issue 14 too): each workspace is one record holding its flows and its results, texts
    /// written once per workspace and referred to by number (`ResultDocument+Compact.swift`);
    /// the counts come last. 2 since issue 13: `summary.verdict` is the compliance verdict
    /// from every result, and `summary.gate` says what `--fail-on` did (in 1, the verdict was
    /// the gate's). Documents of 1 and 2 are still read (`ResultDocument+ReadLists.swift`), 3 as 4 (a superset).
    public static let schemaVersion = 4
    /// The first schema of one record per workspace; read the same way as those after it.
    static let firstRecordSchema = 3

    /// Whether a document's results are in its workspace records (schema 3 on).
    static func isRecordSchema(_ root: DataNode) -> Bool {
        (root["schemaVersion"]?.int ?? 0) >= firstRecordSchema
    }

    public struct Tool: Sendable, Equatable {
        public var name = "residency"
        public var version = ResidencyVersion.current
    }

    public struct Run: Sendable, Equatable {
        /// UTC, `YYYY-MM-DDTHH:MM:SSZ`, from the run's one clock.
        public var startedAt: String
        public var finishedAt: String
        /// `audit.date` as policies saw it.
        public var auditDate: String
        /// Who or which CI job ran it, from well-known environment variables only.
        public var ranBy: Provenance
    }

    /// A file that went into the run, by digest.
    public struct Input: Sendable, Hashable {
        public var path: String
        public var sha256: String
        public var version: String?
    }

    public struct Inputs: Sendable, Equatable {
        public var policies: [Input]
        public var catalog: [Input]
        public var facts: Input?
        public var inventories: [Input]
        /// The waivers file, when one was given: its digest is part of what a signer signs.
        public var waivers: Input? = nil
        /// The files of application code SDK setups were found in (`check --scan`).
        public var code: [Input] = []
    }

    public struct Summary: Sendable, Equatable {
        /// The compliance verdict from every result, whatever the gate (`Compliance`):
        /// `non-compliant`, `not-decided`, `compliant-with-warnings` or `compliant`.
        public var verdict: Compliance
        /// What the gate did: `failed`, `passed` or `not-applied` (`--fail-on never`).
        public var gate: GateState
        /// The threshold the gate was run at (`--fail-on`).
        public var failOn: AuditRun.FailOn
        public var workspaces: Int
        public var policies: Int
        public var permits: Int
        public var resources: Int
        public var evaluated: Int
        /// Every outcome with its count (zeros included, so consumers need no defaults).
        public var outcomes: OutcomeCounts
        /// Per severity, the counts of outcomes that matter to a gate.
        public var bySeverity: SeverityCounts
    }

    public struct PolicyInfo: Sendable, Equatable {
        public var id: String
        public var kind: String
        public var title: String
        public var severity: String?
        public var resourceKind: String
        public var rationale: String?
        public var references: [String]
        public var file: String
        public var line: Int
        /// For permits: the policies they permit.
        public var permits: [String]?
        /// For policies: the permits that can turn their failures into permitted transfers.
        public var permittedBy: [String]?
    }

    public struct WorkspaceInfo: Sendable, Equatable {
        public var id: String
        public var slug: String
        public var name: String?
        public var region: String?
        /// The inventory file it came from.
        public var source: String?
        /// The line of `source` where its bundle starts, so reports can point into the file.
        public var line: Int?
        public var dataSubjects: [String]?
        public var sources: [FlowSource]
        public var destinations: [FlowDestination]
        public var warehouses: [FlowWarehouse]
    }

    public struct Resource: Sendable, Hashable {
        public var kind: String
        public var id: String
        public var name: String
    }

    /// Something about the run as a whole (a policy that matched nothing it was expected to).
    public struct Notice: Sendable, Equatable {
        public var code: String
        public var policy: String?
        public var message: String
        /// Where in a file it is (`path:line:col`), for notices about a place in code.
        public var location: String? = nil
        /// The slug of the workspace it is about, for notices about one (`incomplete-allowed`),
        /// so that the workspace's own page of an HTML folder shows it too.
        public var workspace: String? = nil

        public init(code: String, policy: String?, message: String, location: String? = nil, workspace: String? = nil) {
            self.code = code
            self.policy = policy
            self.message = message
            self.location = location
            self.workspace = workspace
        }

        /// The notices that fail the gate and leave the verdict undecided, as a result that
        /// could not be decided does: a policy expected to apply that applied to nothing, and an
        /// SDK set up in code whose events go to a source the run cannot name (a write key no
        /// audited workspace has, or one the scan cannot resolve). The others decide nothing.
        public static let blockingCodes: Set<String> = ["unmatched", "scan-unknown-write-key", "scan-write-key-unresolved"]

        /// Whether it fails the gate (`blockingCodes`).
        public var blocks: Bool { Self.blockingCodes.contains(code) }

        /// The notices that say part of what was given was not audited, though the gate did not
        /// count it: an incomplete inventory audited with `--allow-incomplete`, files in a folder
        /// that were not read. A report whose readers look only at results (JUnit) still shows
        /// them, as skipped testcases, so a green dashboard never hides them.
        public static let gapCodes: Set<String> = ["incomplete-allowed", "files-not-read", "scan-file-not-read"]

        /// Whether it says part of the input was not audited (`gapCodes`).
        public var isGap: Bool { Self.gapCodes.contains(code) }
    }

    public var schemaVersion = ResultDocument.schemaVersion
    public var tool = Tool()
    public var run: Run
    public var inputs: Inputs
    public var params: [String: String]
    /// What the facts file says about the run's vendors (data categories, next review).
    public var vendors: [VendorFacts] = []
    public var summary: Summary
    public var policies: [PolicyInfo]
    public var workspaces: [WorkspaceInfo]
    /// One per (policy, resource), in workspace, policy, resource order.
    public var results: [Finding]
    public var notices: [Notice]
    /// What changed since the baseline, when `--baseline` was given.
    public var baseline: BaselineDelta? = nil
    /// Whether `results` holds the passing and not-applicable results too. False for a
    /// document read for SARIF, the Markdown summary, the HTML report and a folded JUnit file
    /// (`read(path:passes:)` with `.counted`), or built so by a `check` writing only those: the
    /// results left out are counted in `notKept`, and the summary still counts every result
    /// (checked against the records when read). The JSON document and the folders need them all.
    public internal(set) var passesKept = true
    /// When passes are not kept, their counts (empty when they are): the reports that show
    /// them only as counts render from these.
    public internal(set) var notKept = NotKept()

    /// Stops a report that lists or counts each workspace's passes (the JSON document, a
    /// workspace's JUnit file or HTML page) from rendering a document without them, rather
    /// than leave them out silently.
    func requirePasses() {
        precondition(
            passesKept,
            "a document without its passes renders SARIF, Markdown, the HTML report and a folded JUnit file only")
    }

    /// The passing and not-applicable results a document was read or built without
    /// (`Passes.counted`, `AuditRun.Options.keepsPasses`), counted as the reports that show
    /// them as counts count them: a folded JUnit file by policy
    /// (`JUnitReport.listsOnlyKeptPasses`), the HTML report by policy and by workspace. A
    /// document read so has its summary checked against these too (`ListedCounts`).
    public struct NotKept: Sendable, Equatable {
        /// By policy id.
        public internal(set) var byPolicy: [String: OutcomeCounts] = [:]
        /// By workspace slug, and severity.
        public internal(set) var byWorkspace: [String: SeverityCounts] = [:]
        /// Of those, the ones that say they are new or unchanged since a baseline (a result
        /// written as a row may), which the baseline's counts are checked against.
        var new = 0
        var unchanged = 0

        init() {}

        /// Adds one policy's results in one workspace (a group of a record).
        mutating func add(policy: String, workspace: String, _ counts: SeverityCounts) {
            var all = OutcomeCounts()
            for s in PolicySeverity.allCases { all += counts[s] }
            byPolicy[policy, default: OutcomeCounts()] += all
            byWorkspace[workspace, default: SeverityCounts()] += counts
        }

        /// The passing and not-applicable results among `results`, counted (a batch's, before
        /// they are let go). Results come grouped by workspace and policy: each group is added
        /// once, not hashed for each result.
        /// `letGo`: which of them, by index and outcome (all of them by default). The outcome is
        /// handed over: read by the caller as `results[i].outcome`, each result was copied whole
        /// to read it, a dozen retains and releases for each of a batch's passes.
        init(counting results: [Finding], letGo: (Int, Outcome) -> Bool = { _, _ in true }) {
            results.withUnsafeBufferPointer { all in
                var i = 0
                while i < all.count {
                    let (policy, workspace) = (all[i].policy, all[i].workspace)
                    var counts = SeverityCounts()
                    var any = false
                    while i < all.count, all[i].policy == policy, all[i].workspace == workspace {
                        let outcome = all[i].outcome
                        if outcome == .pass || outcome == .notApplicable, letGo(i, outcome) {
                            counts[all[i].severity, outcome] += 1
                            any = true
                            count(all[i].change)
                        }
                        i += 1
                    }
                    if any { add(policy: policy, workspace: workspace, counts) }
                }
            }
        }

        /// Counts a result's change since the baseline, if it says one.
        mutating func count(_ change: Finding.Change?) {
            if change == .new { new += 1 } else if change == .unchanged { unchanged += 1 }
        }

        /// Adds the counts of another part of the same document.
        mutating func merge(_ other: NotKept) {
            for (k, v) in other.byPolicy { byPolicy[k, default: OutcomeCounts()] += v }
            for (k, v) in other.byWorkspace { byWorkspace[k, default: SeverityCounts()] += v }
            new += other.new
            unchanged += other.unchanged
        }
    }

    /// How `read` takes a document's passing and not-applicable results: 97% of a night's.
    public enum Passes: Sendable {
        /// Built and kept in `results`, as the JSON document and the folders need them.
        case kept
        /// Checked as they are read and counted, not kept (`notKept`): a night's SARIF log,
        /// Markdown summary or HTML report is then read in a fraction of the time and memory,
        /// and so is its JUnit file when it folds every policy's passes into a count
        /// (`JUnitReport.listsOnlyKeptPasses`).
        case counted
    }

    /// New, unchanged and resolved findings against a previous run.
    public struct BaselineDelta: Sendable, Equatable {
        public var path: String
        public var sha256: String
        public var new: Int
        public var unchanged: Int
        public var resolved: [Baseline.Entry]
        /// Whether the gate counted only new findings (`--fail-on-new`).
        public var failOnNew: Bool
    }
}
