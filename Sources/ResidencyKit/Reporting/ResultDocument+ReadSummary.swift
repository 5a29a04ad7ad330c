/// Checking a document's counts against what it lists, when it is read back: every report
/// shows `summary` (the verdict, the counts by outcome and severity), and every table the
/// results, so a summary that disagrees with the results would have a report say COMPLIANT
/// above five failed results. Each count is recomputed the way `check` computed it, and one
/// that differs is refused at its place (E1509), saying what the document lists instead.
extension ResultDocument {
    /// What the document's own lists give, counted as `check` counts them: from the document
    /// read whole (`init(_:)`), or result by result as they are read (a baseline's records, which
    /// are not kept).
    struct ListedCounts {
        var evaluated = 0
        var workspaces = 0
        /// Workspaces and their sources, destinations and warehouses.
        var resources = 0
        var outcomes = OutcomeCounts()
        var bySeverity = SeverityCounts()
        var gating = false
        /// Results that trip the gate as the run counted them (`trips`).
        var trips = 0
        var new = 0
        var unchanged = 0

        init() {}

        init(_ doc: ResultDocument) {
            workspaces = doc.workspaces.count
            resources = doc.workspaces.reduce(0) { $0 + 1 + $1.sources.count + $1.destinations.count + $1.warehouses.count }
            let (failOn, onlyNew) = (doc.summary.failOn, doc.baseline?.failOnNew == true)
            // Each result's three fields read in place through the buffer, in parallel parts
            // added up in order (on one thread, the 77 MB of a night's results took 30 ms to
            // read through).
            let parts = doc.results.mapParts(of: 1 << 16) { results, range in
                var counts = ListedCounts()
                for i in range {
                    let f = results.baseAddress! + i
                    counts.add(f.pointee.severity, f.pointee.outcome, f.pointee.change, failOn: failOn, onlyNew: onlyNew)
                }
                return counts
            }
            for part in parts { merge(part) }
        }

        /// Adds the counts of another part of the document's records.
        mutating func merge(_ other: ListedCounts) {
            evaluated += other.evaluated
            workspaces += other.workspaces
            resources += other.resources
            outcomes += other.outcomes
            bySeverity += other.bySeverity
            gating = gating || other.gating
            trips += other.trips
            new += other.new
            unchanged += other.unchanged
        }

        /// Adds the passing and not-applicable results read but not kept: none trips a gate.
        mutating func add(_ notKept: NotKept) {
            for counts in notKept.byWorkspace.values {
                for s in PolicySeverity.allCases {
                    for o in Outcome.allCases where counts[s, o] > 0 {
                        evaluated += counts[s, o]
                        outcomes[o] += counts[s, o]
                        bySeverity[s, o] += counts[s, o]
                    }
                }
            }
            new += notKept.new
            unchanged += notKept.unchanged
        }

        /// Counts one more result of a document whose gate is `failOn` (`onlyNew`: with
        /// `--fail-on-new`), as `tally` and `trips` do.
        mutating func add(
            _ severity: PolicySeverity, _ outcome: Outcome, _ change: Finding.Change?, failOn: AuditRun.FailOn, onlyNew: Bool
        ) {
            evaluated += 1
            outcomes[outcome] += 1
            bySeverity[severity, outcome] += 1
            if ResultDocument.gates(severity, outcome, failOn), !onlyNew || change == .new {
                gating = true
                trips += 1
            }
            if change == .new { new += 1 } else if change == .unchanged { unchanged += 1 }
        }
    }

    /// Reports each count of `summary` (and of `baseline`) that the document's own lists do
    /// not give. `root` is the parsed document, for the places.
    static func checkCounts(_ doc: ResultDocument, _ root: DataNode, _ r: inout ResultDocumentReader) {
        var listed = ListedCounts(doc)
        listed.add(r.notKept)
        checkCounts(doc, listed, root, &r)
    }

    /// `checkCounts` with the lists counted: `doc` gives the summary, policies and baseline read.
    static func checkCounts(
        _ doc: ResultDocument, _ listed: ListedCounts, _ root: DataNode, _ r: inout ResultDocumentReader
    ) {
        let summary = root["summary"]
        /// Reports `key` of `object` (at `path`) when it is not `expected`.
        func check(_ object: DataNode?, _ path: String, _ key: String, _ stored: Int, _ expected: Int, _ what: String) {
            guard stored != expected, let object else { return }
            let node = object[key] ?? object
            r.report {
                .documentCountDisagrees(
                    "\(path).\(key)", stored: stored, expected: expected, what, at: ResultDocumentReader.range(node, $0))
            }
        }
        let s = doc.summary
        // Schemas 3 and 4 list results in each workspace's record; 1 and 2 in one `results` list.
        let list = isRecordSchema(root) ? "results in `workspaces[].results`" : "results in `results`"
        check(summary, "summary", "evaluated", s.evaluated, listed.evaluated, list)
        check(summary, "summary", "workspaces", s.workspaces, listed.workspaces, "workspaces in `workspaces`")
        check(
            summary, "summary", "resources", s.resources, listed.resources,
            "workspaces, sources, destinations and warehouses in `workspaces`")
        // The policy `--baseline` adds (written at "(built in, …)") is listed but not counted.
        let policies = doc.policies.filter { $0.kind == "policy" && !$0.file.hasPrefix("(") }.count
        check(summary, "summary", "policies", s.policies, policies, "policies in `policies`")
        check(
            summary, "summary", "permits", s.permits, doc.policies.filter { $0.kind == "permit" }.count, "permits in `policies`")

        let failOn = s.failOn
        let counted = listed
        for o in Outcome.allCases {
            check(
                summary?["outcomes"], "summary.outcomes", o.rawValue, s.outcomes[o],
                counted.outcomes[o],
                "results with outcome `\(o.rawValue)`")
        }
        for severity in PolicySeverity.allCases.reversed() {
            let path = "summary.bySeverity.\(severity.rawValue)"
            for o in Outcome.allCases {
                check(
                    summary?["bySeverity"]?[severity.rawValue] ?? summary?["bySeverity"], path, o.rawValue,
                    s.bySeverity[severity, o], counted.bySeverity[severity, o],
                    "\(severity.rawValue) results with outcome `\(o.rawValue)`")
            }
        }

        // The verdict as `check` decided it, from every result whatever the gate (`Compliance`),
        // and the gate from the results that trip it at `failOn`.
        let blocking = doc.blockingNotices.count
        let verdict = Compliance.of(bySeverity: counted.bySeverity, blocking: blocking)
        if s.verdict != verdict, let summary, let node = summary["verdict"], node.string == s.verdict.rawValue {
            let why = "the results by severity and outcome (and \(blocking) notices that fail the gate) make it so"
            r.report {
                .documentVerdictDisagrees(
                    "summary.verdict", stored: s.verdict.rawValue, expected: verdict.rawValue, why,
                    at: ResultDocumentReader.range(node, $0))
            }
        }
        let gate = gate(gating: counted.gating, blocking: blocking, failOn: failOn)
        if s.gate != gate, let summary, let node = summary["gate"], node.string == s.gate.rawValue {
            let trips = listed.trips
            var why = failOn == .never ? "the gate is off" : "no result trips the gate at \(failOn.rawValue)"
            if failOn != .never, trips > 0 || blocking > 0 {
                why = (trips == 1 ? "1 result trips" : "\(trips) results trip") + " the gate at \(failOn.rawValue)"
                if blocking > 0 { why += " and \(blocking == 1 ? "1 notice fails" : "\(blocking) notices fail") it" }
            }
            r.report {
                .documentVerdictDisagrees(
                    "summary.gate", stored: s.gate.rawValue, expected: gate.rawValue, why,
                    at: ResultDocumentReader.range(node, $0))
            }
        }

        if let b = doc.baseline, let node = root["baseline"] {
            check(node, "baseline", "new", b.new, listed.new, "results marked `new`")
            check(node, "baseline", "unchanged", b.unchanged, listed.unchanged, "results marked `unchanged`")
        }
    }
}

extension Diagnostic {
    /// A count (or the verdict) of a result document that its lists do not give.
    static let countDisagreesCode = DiagnosticCode.E1509

    static func documentCountDisagrees(
        _ path: String, stored: Int, expected: Int, _ what: String, at r: SourceRange
    ) -> Diagnostic {
        .error(
            countDisagreesCode, "`\(path)` is \(stored), but counting the document gives \(expected) (\(what))", at: r,
            help: countHelp)
    }

    static func documentVerdictDisagrees(
        _ path: String, stored: String, expected: String, _ why: String, at r: SourceRange
    ) -> Diagnostic {
        .error(
            countDisagreesCode, "`\(path)` is \"\(stored)\", but \(why): the results make it \"\(expected)\"", at: r,
            help: countHelp)
    }

    /// What to do about a summary that disagrees with the results.
    private static let countHelp =
        "every count is recomputed from `results` (each workspace's, since schema 3), and a summary that disagrees is refused: the document was edited; render the reports from the document `residency check --json` wrote, or run the check again"
}
