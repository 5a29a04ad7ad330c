import Dispatch
import Foundation

/// Assembling the document from an evaluation.
extension ResultDocument {
    static func build(
        program: PolicyProgram, evaluation: Evaluation, results: [Finding], workspaces: [WorkspaceModel], inputs: Inputs,
        resources: Int, failOn: AuditRun.FailOn, startedAt: Date, finishedAt: Date, auditDate: Day, ranBy: Provenance,
        extraNotices: [Notice] = [], onlyNew: Bool = false, files: [SourceFile] = [], facts: Facts = Facts()
    ) -> ResultDocument {
        let bundle = program.bundle
        // Built once: the look-up by path serves every resource of every workspace. Each
        // workspace's flows are independent, so they are built in parallel.
        let lines = Lines(files)
        let slots = ParallelSlots<WorkspaceInfo>(count: workspaces.count)
        DispatchQueue.concurrentPerform(iterations: workspaces.count) { i in
            var lines = lines
            slots.store(i, workspaceInfo(workspaces[i], lines: &lines))
        }
        let infos = slots.take()
        let (outcomes, bySeverity, gating) = tally(results, failOn: failOn, onlyNew: onlyNew)
        var policies: [PolicyInfo] = bundle.policies.map { p in
            PolicyInfo(
                id: p.id, kind: "policy", title: p.decl.title.value, severity: p.severity.rawValue, resourceKind: p.kind.keyword,
                rationale: p.decl.rationale?.value, references: p.decl.references?.map(\.value) ?? [],
                file: p.decl.range.file, line: p.decl.range.start.line, permits: nil,
                permittedBy: p.permits.map { bundle.permits[$0].id })
        }
        policies += bundle.permits.map { p in
            PolicyInfo(
                id: p.id, kind: "permit", title: p.decl.title.value, severity: nil, resourceKind: p.kind.keyword,
                rationale: p.decl.rationale?.value, references: p.decl.references?.map(\.value) ?? [],
                file: p.decl.range.file, line: p.decl.range.start.line, permits: p.targets.map { bundle.policies[$0].id },
                permittedBy: nil)
        }
        var params: [String: String] = [:]
        let ctx = EvalContext.empty
        for (i, p) in bundle.params.enumerated() { params[p.decl.name.name] = ctx.render(program.params[i]) }
        let unmatched = unmatchedNotices(evaluation.unmatchedPolicies, bundle)
        let notices = unmatched + extraNotices
        let blocking = notices.reduce(0) { $0 + ($1.blocks ? 1 : 0) }
        return ResultDocument(
            run: Run(
                startedAt: timestamp(startedAt), finishedAt: timestamp(finishedAt), auditDate: auditDate.description,
                ranBy: ranBy),
            inputs: inputs, params: params, vendors: vendorFacts(facts, workspaces),
            summary: Summary(
                // A policy that was expected to match and matched nothing fails the gate and
                // leaves the verdict undecided; stale or expired waivers are reported but decide
                // nothing (their findings already do).
                verdict: Compliance.of(bySeverity: bySeverity, blocking: blocking),
                gate: gate(gating: gating, blocking: blocking, failOn: failOn),
                failOn: failOn,
                workspaces: workspaces.count, policies: bundle.policies.count, permits: bundle.permits.count,
                resources: resources,
                evaluated: results.count, outcomes: outcomes, bySeverity: bySeverity),
            policies: policies,
            workspaces: infos,
            results: results, notices: notices)
    }

    /// A notice for each policy that expects to apply to some resource and applied to none.
    static func unmatchedNotices(_ policies: [Int], _ bundle: CheckedBundle) -> [Notice] {
        policies.map { i in
            Notice(
                code: "unmatched", policy: bundle.policies[i].id,
                message:
                    "policy \(bundle.policies[i].id) expects to apply to some \(bundle.policies[i].kind.keyword) but applied to none"
            )
        }
    }

    /// What the gate does with a run: off with `--fail-on never`, else failed by a result at or
    /// above the threshold or by a blocking notice (`Notice.blocks`: a policy that applied to
    /// nothing, an SDK set up in code for a source the run cannot name).
    static func gate(gating: Bool, blocking: Int, failOn: AuditRun.FailOn) -> GateState {
        if failOn == .never { return .notApplied }
        return gating || blocking > 0 ? .failed : .passed
    }

    /// The summary's counts of results by outcome and by severity and outcome, and whether
    /// any result trips the gate: what `build` writes and what reading a document checks.
    static func tally(
        _ results: [Finding], failOn: AuditRun.FailOn, onlyNew: Bool
    ) -> (outcomes: OutcomeCounts, bySeverity: SeverityCounts, gating: Bool) {
        // Tallies in arrays (severity × outcome): a million results, no hashing.
        let severities = PolicySeverity.allCases
        let outcomeCount = Outcome.allCases.count
        var counts = [Int](repeating: 0, count: severities.count * outcomeCount)
        var gating = false
        // Through the buffer, reading two fields: `for f in results` would copy every finding
        // (a dozen retains and releases each).
        results.withUnsafeBufferPointer { results in
            for f in results.indices {
                let severity = results[f].severity, outcome = results[f].outcome
                counts[severities.firstIndex(of: severity)! * outcomeCount + outcome.ordinal] += 1
                // With --fail-on-new only findings the baseline did not have count.
                if !gating, gates(severity, outcome, failOn), !onlyNew || results[f].change == .new { gating = true }
            }
        }
        var outcomes = OutcomeCounts()
        var bySeverity = SeverityCounts()
        for (si, s) in severities.enumerated() {
            for o in Outcome.allCases {
                let n = counts[si * outcomeCount + o.ordinal]
                outcomes[o] += n
                bySeverity[s, o] = n
            }
        }
        return (outcomes, bySeverity, gating)
    }

    /// Finds the line of a model origin in the files the run read (by path, as origins name
    /// them): lines only, by binary search, since a column would mean scanning one-line exports.
    /// An origin at a JSON object's `{` counts from its first member: pretty-printed exports put
    /// the brace on a line of its own, and the line that names the resource is more use.
    /// The lines of a run's resources, by their origins: the files by path, shared by every
    /// workspace, and the file last looked up, kept per workspace (`Lines.line`).
    struct Lines: Sendable {
        let files: TextMap<SourceFile>
        /// The file the last origin named: a workspace's resources are all in one file, and
        /// looking each one's path up again (hashing it) was most of the cost of its line.
        private var last: SourceFile?

        init(_ files: [SourceFile]) {
            var byPath = TextMap<SourceFile>(minimumCapacity: files.count)
            for f in files { byPath.insertIfAbsent(f.path, f) }
            self.files = byPath
        }

        /// The line of an origin; nil when it came from no file the run read.
        mutating func line(_ origin: Origin?) -> Int? {
            guard let o = origin else { return nil }
            // `==` on the one path string every origin of a file shares compares no bytes.
            if last?.path != o.file { last = files[o.file] }
            guard let file = last else { return nil }
            var offset = o.offset
            if offset < file.bytes.count, file.bytes[offset] == UInt8(ascii: "{") {
                var next = offset + 1
                while next < file.bytes.count, next - offset < 256, ResultDocument.isSpace(file.bytes[next]) { next += 1 }
                if next < file.bytes.count, file.bytes[next] == UInt8(ascii: "\"") { offset = next }
            }
            return file.line(of: offset)
        }
    }

    fileprivate static func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 10 || b == 13 || b == 9 }

    /// Whether a result trips this run's gate as the run counted it: at or above `failOn`,
    /// and with `--fail-on-new` only when the baseline did not have it.
    func trips(_ f: Finding) -> Bool { trips(f.severity, f.outcome, f.change) }

    /// `trips` from the three fields it reads, for callers that read a result in place.
    func trips(_ severity: PolicySeverity, _ outcome: Outcome, _ change: Finding.Change?) -> Bool {
        Self.gates(severity, outcome, summary.failOn) && (baseline?.failOnNew != true || change == .new)
    }

    /// Where a failing or undecided result stands at the gate; nil for any other.
    enum GateStanding { case trips, inBaseline, belowThreshold }

    /// A failing or undecided result trips the gate, or is at the gate's severity but already
    /// in the baseline (with `--fail-on-new`, which counts only new ones), or is below the
    /// threshold. Every report says these in the same words, so that none calls a known
    /// finding "below the threshold".
    func standing(_ f: Finding) -> GateStanding? {
        guard f.outcome == .fail || f.outcome == .indeterminate else { return nil }
        if trips(f) { return .trips }
        return Self.gates(f, summary.failOn) ? .inBaseline : .belowThreshold
    }

    /// The sentence for results at the gate's severity that the baseline already had.
    static func inBaselineSentence(_ n: Int) -> String {
        "\(HTMLMarkup.count(n, "result")) at the threshold failed or could not be decided but were already in the "
            + "baseline, and the gate counts only new ones."
    }

    /// A sort key for results, most urgent first: those that trip the gate, then by severity,
    /// fails before undecided results, new before unchanged, then in document order.
    func urgency(_ i: Int) -> (Int, Int, Int, Int, Int) {
        // The fields read in place: `let f = results[i]` copied the whole result for each
        // comparison of a sort.
        results.withUnsafeBufferPointer { results in
            let f = results.baseAddress! + i
            let (severity, outcome, change) = (f.pointee.severity, f.pointee.outcome, f.pointee.change)
            return (
                trips(severity, outcome, change) ? 0 : 1, -(PolicySeverity.allCases.firstIndex(of: severity) ?? 0),
                outcome == .fail ? 0 : 1, change == .unchanged ? 1 : 0, i
            )
        }
    }

    /// Whether a finding trips the gate: a fail, or an indeterminate outcome (it counts as a
    /// failure of its policy's severity), at or above the threshold.
    static func gates(_ f: Finding, _ failOn: AuditRun.FailOn) -> Bool {
        gates(f.severity, f.outcome, failOn)
    }

    static func gates(_ severity: PolicySeverity, _ outcome: Outcome, _ failOn: AuditRun.FailOn) -> Bool {
        guard outcome == .fail || outcome == .indeterminate else { return false }
        switch failOn {
        case .never: return false
        case .warning: return severity >= .warning
        case .error: return severity >= .error
        }
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` in UTC, whatever the machine's zone and locale.
    static func timestamp(_ date: Date) -> String {
        let seconds = Int((date.timeIntervalSince1970).rounded(.down))
        let day = Day(daysSinceEpoch: Int32((Double(seconds) / 86_400).rounded(.down)))
        let rest = seconds - Int(day.daysSinceEpoch) * 86_400
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(day)T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }
}
