/// JUnit XML for CI gates and nightly dashboards, rendered from the result document.
///
/// The mapping (documented in docs/reports.md):
/// - one `<testsuite>` per policy, one `<testcase>` per (policy, resource) it applies to,
///   passes included; not-applicable results are left out (the policy does not apply);
/// - `classname` is `residency.<policy id>`, `name` the stable key `workspace/kind/id`;
/// - a result that trips the gate (`--fail-on`) is a `<failure>` (fail) or an `<error>`
///   (indeterminate); below the threshold it passes with its finding in `<system-out>`, so
///   dashboards go red exactly when the gate does;
/// - permitted transfers pass and carry their legal basis in `<system-out>`; waived ones
///   are `<skipped>`, as are the run's notices that part of the input was not audited;
/// - counts are derived from the elements written; suite properties carry the tool version
///   and input digests, never command-line options.
public struct JUnitReport: Sendable {
    /// Above this many inventories the digests are summarised in one (over the sorted list).
    public static let listedInventoryLimit = 20

    /// The most testcases one file holds by default. GitLab refuses JUnit files over 30 MB
    /// or 500,000 cases and Buildkite takes 5,000 results per upload; a testcase with its
    /// finding is up to a few kilobytes, so 10,000 keeps a file to some 20 MB at worst.
    public static let defaultMaximumCases = 10_000

    /// The suite of the run's notices that fail the gate: a policy expected to apply that
    /// applied to nothing, an SDK set up in code for a source the run cannot name.
    static let runSuite = ResultDocument.PolicyInfo(
        id: "run", kind: "run", title: "The run as a whole", severity: "error", resourceKind: "run", rationale: nil,
        references: [], file: "", line: 0, permits: nil, permittedBy: nil)

    /// The most testcases written; above it passes and then failures are folded (see `fold`).
    public var maximumCases: Int

    public init(maximumCases: Int = JUnitReport.defaultMaximumCases) {
        self.maximumCases = max(1, maximumCases)
    }

    /// Only the results of one workspace (slug), for a file per workspace (`--junit-dir`).
    public func render(_ doc: ResultDocument, workspace: String? = nil) throws -> String {
        String(decoding: try renderBytes(doc, workspace: workspace), as: UTF8.self)
    }

    /// `render`'s UTF-8, as it is written.
    public func renderBytes(_ doc: ResultDocument, workspace: String? = nil) throws -> [UInt8] {
        // The counts of passes not kept are the whole run's, not a workspace's.
        if workspace != nil { doc.requirePasses() }
        return try renderBytes(
            doc, results: doc.results.indices.lazy.filter { workspace == nil || doc.results[$0].workspace == workspace },
            properties: properties(doc), notices: workspace == nil ? doc.runSuiteNotices : [])
    }

    /// Renders the results of `doc` at the given indices; `properties` are the suites' (the
    /// same for every file of a run, so a folder of files computes them once). Results are
    /// referred to by index, never copied: a night's 600,000 results copied into suites and
    /// testcases (a dozen references each) took most of a second.
    /// `notices`: the run's notices that fail the gate, written as testcases in error (undecided,
    /// as a result that could not be decided) of a last suite, `residency.run`, so that the
    /// dashboard goes red when the gate does; and those that say part of the input was not
    /// audited, as skipped testcases, so that a green dashboard still shows them.
    /// `policySuites: false` leaves out the policies' suites (the folder's run file, whose
    /// results are in the workspaces' files).
    func renderBytes(
        _ doc: ResultDocument, results: some Sequence<Int>, properties props: [(String, String)],
        notices: [ResultDocument.Notice] = [], policySuites: Bool = true
    ) throws -> [UInt8] {
        var (policies, collected) = collect(doc, results)
        let listed = doc.policies.filter { policySuites && $0.kind == "policy" }
        let folding = folds(listed, policies, collected)
        // A document without its passes has only their counts: it renders only a file that
        // shows nothing else of them (`listsOnlyKeptPasses`).
        precondition(folding.listsOnlyKept, "JUnitReport: a pass to list that the document counted, not kept")
        // Each policy's collection taken out, so that its cases are moved into the suite
        // rather than copied (a night's 164,000 held twice).
        var suites = cap(
            listed.map { p in
                var taken = Collected()
                if let k = policies.known(p.id) { swap(&taken, &collected[k]) }
                return Suite(policy: p, cases: taken.cases(foldingPasses: folding.any))
            })
        if !notices.isEmpty {
            let gating = doc.summary.failOn != .never
            suites.append(
                Suite(
                    policy: Self.runSuite,
                    // Undecided, as a result that could not be decided is: an `<error>`.
                    cases: notices.map { Case(notice: $0, kind: !$0.blocks ? .skipped : gating ? .error : .passed) }))
        }
        let w = try XMLWriter()
        try w.startElement("testsuites")
        try w.attribute("name", "residency")
        try w.attribute("tests", String(suites.reduce(0) { $0 + $1.cases.count }))
        try w.attribute("failures", String(suites.reduce(0) { $0 + $1.count(.failure) }))
        try w.attribute("errors", String(suites.reduce(0) { $0 + $1.count(.error) }))
        try w.attribute("time", "0.000")
        let timestamp = String(doc.run.startedAt.dropLast(doc.run.startedAt.hasSuffix("Z") ? 1 : 0))
        let texts = detailTexts(suites, doc)
        var next = 0
        for suite in suites {
            try w.startElement("testsuite")
            // Its testcases' classname too, neutralised once per suite rather than per case.
            let classname = "residency.\(v(suite.policy.id))"
            try w.attribute("name", classname)
            try w.attribute("tests", String(suite.cases.count))
            try w.attribute("failures", String(suite.count(.failure)))
            try w.attribute("errors", String(suite.count(.error)))
            try w.attribute("skipped", String(suite.count(.skipped)))
            try w.attribute("time", "0.000")
            try w.attribute("timestamp", timestamp)
            try w.attribute("package", "residency")
            try w.startElement("properties")
            for (name, value) in props { try w.element("property", attributes: [("name", name), ("value", value)]) }
            try w.endElement()
            // Results read in place: `doc.results[i]` copied each one whole to write it.
            try doc.results.withUnsafeBufferPointer { results in
                for c in suite.cases {
                    try write(c, suite.policy, classname, results, w, details: texts[next])
                    next += 1
                }
            }
            try w.endElement()
        }
        try w.endElement()
        return try w.finishBytes()
    }

    /// Whether the file rendered from `doc` lists no pass that `doc` counted rather than kept
    /// (`ResultDocument.Passes.counted`, or a `check` that let passes go): it has more
    /// testcases than `maximumCases`, so each policy's passes are folded into one testcase that
    /// counts them, and every policy with a single pass (which stays a testcase of its own)
    /// kept it. Such a document renders the same bytes as one with every pass: a night's JUnit
    /// file is then read as SARIF's is. A document with every pass always does.
    public func listsOnlyKeptPasses(_ doc: ResultDocument) -> Bool {
        let (policies, collected) = collect(doc, doc.results.indices)
        return folds(doc.policies.filter { $0.kind == "policy" }, policies, collected).listsOnlyKept
    }

    /// The testcases of the results at `results`, by policy (numbered in the order met), with
    /// the passes a document counted rather than kept.
    private func collect(_ doc: ResultDocument, _ results: some Sequence<Int>) -> (RunNumbering, [Collected]) {
        // Each result read in place, by address: passed by value, each of a night's 437,000
        // was copied (a dozen references retained and released) twice for its testcase.
        // A policy's slot is looked up only when it changes (a record's results come grouped
        // by policy), not hashed for each result.
        var policies = RunNumbering()
        var collected: [Collected] = []
        doc.results.withUnsafeBufferPointer { all in
            guard let base = all.baseAddress else { return }
            for i in results {
                precondition(all.indices.contains(i), "JUnitReport: result \(i) of \(all.count)")
                let f = base + i
                let outcome = f.pointee.outcome
                guard outcome != .notApplicable else { continue }
                let gating = doc.trips(f.pointee.severity, outcome, f.pointee.change)
                let (slot, isNew) = policies.number(f.pointee.policy)
                if isNew { collected.append(Collected()) }
                collected[slot].add(i, outcome, gating: gating)
            }
        }
        // A policy whose results are all passes has none above: numbered here.
        for p in doc.policies {
            guard let n = doc.notKept.byPolicy[p.id]?[.pass], n > 0 else { continue }
            let (slot, isNew) = policies.number(p.id)
            if isNew { collected.append(Collected()) }
            collected[slot].countedPasses = n
        }
        return (policies, collected)
    }

    /// Over the cap, the plain passes of each policy become one testcase that counts them
    /// (made only then: 300,000 of a night's cases were made to be folded away), but a lone
    /// pass, listed as itself. `any`: they are folded; `listsOnlyKept`: no pass listed was
    /// counted rather than kept.
    private func folds(
        _ listed: [ResultDocument.PolicyInfo], _ policies: RunNumbering, _ collected: [Collected]
    ) -> (any: Bool, listsOnlyKept: Bool) {
        let found = listed.compactMap { policies.known($0.id).map { collected[$0] } }
        let any = found.reduce(0) { $0 + $1.cases.count + $1.passCount } > maximumCases
        return (any, !found.contains { $0.countedPasses > 0 && !(any && $0.passCount > 1) })
    }

    /// The suites' properties: tool version, audit date, the verdict and the gate in the words
    /// every report uses, who ran it, input digests.
    func properties(_ doc: ResultDocument) -> [(String, String)] {
        var props: [(String, String)] = [
            ("residency.version", v(doc.tool.version)), ("residency.auditDate", v(doc.run.auditDate)),
            ("residency.verdict", doc.summary.verdict.headline), ("residency.gate", doc.summary.gateWords),
        ]
        props.append(
            (
                "residency.ranBy",
                v([doc.run.ranBy.runner, doc.run.ranBy.identity, doc.run.ranBy.url].compactMap { $0 }.joined(separator: ": "))
            ))
        props.append(("policies.sha256", ResultDocument.combinedDigest(doc.inputs.policies)))
        for c in doc.inputs.catalog { props.append((v("catalog.\(c.path).sha256"), v(c.sha256))) }
        if doc.inputs.inventories.count <= JUnitReport.listedInventoryLimit {
            for i in doc.inputs.inventories { props.append((v("inventory.\(i.path).sha256"), v(i.sha256))) }
        } else {
            props.append(("inventories.count", String(doc.inputs.inventories.count)))
            props.append(("inventories.sha256", ResultDocument.combinedDigest(doc.inputs.inventories)))
        }
        return props
    }

    /// A policy's testcases as its results are met, its plain passes kept as their places
    /// until it is known whether they are folded into one.
    struct Collected {
        var cases: [Case] = []
        /// Each plain pass: its result, and how many other testcases come before it (32 bits
        /// each: a night's 437,000 passes are held at once).
        var passes: [(result: UInt32, at: UInt32)] = []
        /// Plain passes a document counted rather than kept (`ResultDocument.notKept`):
        /// only ever folded.
        var countedPasses = 0

        var passCount: Int { passes.count + countedPasses }

        mutating func add(_ result: Int, _ outcome: Outcome, gating: Bool) {
            if outcome == .pass {
                passes.append((UInt32(result), UInt32(cases.count)))
            } else {
                cases.append(Case(result, outcome, gating: gating))
            }
        }

        /// The testcases in result order; with `foldingPasses`, more than one plain pass as a
        /// testcase that counts them, after the others.
        consuming func cases(foldingPasses: Bool) -> [Case] {
            if foldingPasses, passCount > 1 {
                var out = cases
                cases = []
                out.append(Case(summary: "\(passCount) passing resources", kind: .passed))
                return out
            }
            precondition(countedPasses == 0, "JUnitReport: passes counted, not kept, cannot be listed")
            var out: [Case] = []
            out.reserveCapacity(cases.count + passes.count)
            var p = 0
            for (k, c) in cases.enumerated() {
                while p < passes.count, passes[p].at == k {
                    out.append(Case(Int(passes[p].result), .pass, gating: false))
                    p += 1
                }
                out.append(c)
            }
            for pass in passes[p...] { out.append(Case(Int(pass.result), .pass, gating: false)) }
            return out
        }
    }

    /// Keeps a large run under `maximumCases` once each policy's plain passes are folded into
    /// one testcase (`Collected`): if that is not enough, each policy keeps its first failures
    /// (in result order) and one testcase counts the rest. Every result stays in the JSON
    /// result document, which the folded testcases point to.
    func cap(_ suites: consuming [Suite]) -> [Suite] {
        var out = suites
        guard out.reduce(0, { $0 + $1.cases.count }) > maximumCases else { return out }
        // Share what is left of the cap among the policies, in order, a summary each.
        let perPolicy = max(1, maximumCases / max(1, out.count) - 1)
        for i in out.indices where out[i].cases.count > perPolicy + 1 {
            // Failing results are kept before anything else, each group in result order; only
            // the kept ones are copied (a policy's cases can be a night's 100,000).
            let cases = out[i].cases
            var kept: [Case] = []
            kept.reserveCapacity(perPolicy + 1)
            // A failure among the folded ones makes the summary a failure; undecided ones only,
            // an error, as each of them is: the counts of failures and errors stay apart. Only
            // failing cases beyond the kept ones can make it either.
            var foldedKind = Case.Kind.passed
            for c in cases where c.kind == .failure || c.kind == .error {
                if kept.count < perPolicy {
                    kept.append(c)
                } else if c.kind == .failure {
                    foldedKind = .failure
                } else if foldedKind != .failure {
                    foldedKind = .error
                }
            }
            if kept.count < perPolicy {
                for c in cases where !(c.kind == .failure || c.kind == .error) {
                    kept.append(c)
                    if kept.count == perPolicy { break }
                }
            }
            let rest = cases.count - perPolicy
            kept.append(Case(summary: "\(rest) more results", kind: foldedKind))
            out[i].cases = kept
        }
        return out
    }

    /// The details of every testcase that shows them (`hasDetails`), in the order the
    /// testcases are written, nil for the others: made in parallel parts before the file is
    /// written in order (a night's texts were half of the JUnit render, on one core).
    private func detailTexts(_ suites: [Suite], _ doc: ResultDocument) -> [[UInt8]?] {
        let places = suites.indices.flatMap { s in suites[s].cases.indices.map { (s, $0) } }
        let policyTexts = suites.map { PolicyTexts($0.policy, self) }
        let parts = places.mapParts(of: 512) { places, range in
            doc.results.withUnsafeBufferPointer { results in
                range.map { k -> [UInt8]? in
                    let (s, c) = places[k]
                    let testcase = suites[s].cases[c]
                    guard case .result(let i) = testcase.content, Self.hasDetails(testcase.kind, results[i].outcome) else {
                        return nil
                    }
                    return details(results[i], policyTexts[s])
                }
            }
        }
        return parts.flatMap { $0 }
    }

    /// Whether a result's testcase shows its details: a plain pass has none (half a night's cases).
    static func hasDetails(_ kind: Case.Kind, _ outcome: Outcome) -> Bool { kind != .passed || outcome != .pass }

    private func write(
        _ c: Case, _ policy: ResultDocument.PolicyInfo, _ classname: String, _ results: UnsafeBufferPointer<Finding>,
        _ w: XMLWriter, details: [UInt8]?
    ) throws {
        switch c.content {
        case .result(let i): try write(results[i], c.kind, policy, classname, w, details: details ?? [0])
        case .notice(let n):
            try w.startElement("testcase")
            try w.attribute("classname", classname)
            try w.attribute("name", v(n.location ?? n.policy.map { "policy/\($0)" } ?? n.code))
            try w.attribute("time", "0.000")
            let body = "\(v(n.code)): \(message(n.message))"
            if c.kind == .error {
                try w.element("error", attributes: [("type", v(n.code)), ("message", message(n.message))], text: body)
            } else if c.kind == .skipped {
                try w.element("skipped", attributes: [("message", message(n.message))], text: body)
            } else {
                try w.element("system-out", text: body)
            }
            try w.endElement()
        case .summary(let summary):
            try w.startElement("testcase")
            try w.attribute("classname", classname)
            try w.attribute("name", summary)
            try w.attribute("time", "0.000")
            let note =
                "\(summary) of \(v(policy.id)) are not listed one by one, to keep this file under the limits of CI consumers; the JSON result document lists every result."
            if c.kind == .failure {
                try w.element("failure", attributes: [("type", "folded"), ("message", summary + ", some failing")], text: note)
            } else if c.kind == .error {
                try w.element("error", attributes: [("type", "folded"), ("message", summary + ", some undecided")], text: note)
            } else {
                try w.element("system-out", text: note)
            }
            try w.endElement()
        }
    }

    private func write(
        _ r: Finding, _ kind: Case.Kind, _ policy: ResultDocument.PolicyInfo, _ classname: String, _ w: XMLWriter,
        details: [UInt8]
    ) throws {
        try w.startElement("testcase")
        try w.attribute("classname", classname)
        try w.attribute("name", "\(v(r.workspace))/\(v(r.resourceKind))/\(v(r.resourceId))")
        try w.attribute("time", "0.000")
        // The details only where they are written (`hasDetails`).
        switch kind {
        case .failure:
            try w.element(
                "failure", attributes: [("type", "\(r.severity.rawValue)"), ("message", message(r.message ?? policy.title))],
                nulTerminated: details)
        case .error:
            try w.element(
                "error", attributes: [("type", "indeterminate"), ("message", message(r.message ?? policy.title))],
                nulTerminated: details)
        case .skipped:
            try w.element("skipped", attributes: [("message", message(r.reason ?? "waived"))], nulTerminated: details)
        case .passed:
            if Self.hasDetails(kind, r.outcome) { try w.element("system-out", nulTerminated: details) }
        }
        try w.endElement()
    }

    /// What every result's details say of its policy, neutralised once per policy rather than
    /// for each of its results (a night's folder writes 600,000 details).
    struct PolicyTexts {
        var id: String
        var title: String
        /// The kind of resource its results are about, as the document spells it and as shown.
        var kind: (raw: String, shown: String)
        /// The closing lines: the policy's references, if any, and its file and line.
        var tail: String

        init(_ policy: ResultDocument.PolicyInfo, _ report: JUnitReport) {
            id = report.v(policy.id)
            title = report.v(policy.title)
            kind = (policy.resourceKind, report.v(policy.resourceKind))
            tail =
                policy.references.isEmpty
                ? "" : "references: " + policy.references.map { report.v($0) }.joined(separator: "; ") + "\n"
            tail += "policy: " + report.v(policy.file) + ":" + String(policy.line)
        }
    }

    /// The text a person reads under a finding: what, why, the values seen, what to do. One
    /// line per fact; every value in it neutralised on its line (`XMLText.value`). As UTF-8
    /// ending in a NUL, as `XMLWriter.text(nulTerminated:)` takes it.
    private func details(_ r: Finding, _ policy: PolicyTexts) -> [UInt8] {
        // One buffer grown in place: a night's folder writes 600,000 of these. An array of
        // lines joined afterwards was a quarter of its time; a `String` appended to piece by
        // piece cost three times what bytes do, and was copied into a C string to be written.
        var out: [UInt8] = []
        out.reserveCapacity(384)
        /// More of the line begun last.
        func more(_ a: String, _ b: String = "", _ c: String = "", _ d: String = "") {
            out.append(contentsOf: a.utf8)
            out.append(contentsOf: b.utf8)
            out.append(contentsOf: c.utf8)
            out.append(contentsOf: d.utf8)
        }
        /// A new line.
        func line(_ a: String, _ b: String = "", _ c: String = "") {
            if !out.isEmpty { out.append(10) }
            more(a, b, c)
        }
        line(Self.upper(r.outcome), " ", policy.id)
        more(" (", r.severity.rawValue, "): ", policy.title)
        line("resource: ", v(r.resourceName), " (")
        more(v(r.workspace), "/", r.resourceKind == policy.kind.raw ? policy.kind.shown : v(r.resourceKind), "/")
        more(v(r.resourceId), ")")
        if let m = r.message { line("finding: ", message(m)) }
        if let reason = r.reason { line("reason: ", message(reason)) }
        if let basis = r.basis {
            line("legal basis (", v(r.permit ?? "permit"), "): ")
            more(message(basis))
        }
        if !r.evidence.isEmpty {
            line("evidence:")
            for e in r.evidence {
                line("  ", v(e.expression), " = ")
                more(message(e.value))
                if let from = e.from { more(" ← ", message(from)) }
            }
        }
        if let remediation = r.remediation { line("remediation: ", message(remediation)) }
        line(policy.tail)
        out.append(0)
        return out
    }

    /// An outcome as a result's details begin: upper-cased once, not for each result.
    private static let uppercased = Dictionary(uniqueKeysWithValues: Outcome.allCases.map { ($0, $0.rawValue.uppercased()) })
    private static func upper(_ o: Outcome) -> String { uppercased[o]! }

    /// A name, an id or a path from the document, as JUnit shows it.
    fileprivate func v(_ s: String) -> String { XMLText.value(s) }

    /// A message or a value from the document, as JUnit shows it (on one line).
    private func message(_ s: String) -> String { XMLText.value(s, limit: XMLText.messageLimit) }

    struct Suite {
        var policy: ResultDocument.PolicyInfo
        var cases: [Case]
        func count(_ kind: Case.Kind) -> Int { cases.filter { $0.kind == kind }.count }
    }

    struct Case {
        enum Kind { case passed, failure, error, skipped }
        /// What the testcase stands for: a result (its index in the document's `results`), or
        /// many folded results (the testcase's name).
        enum Content {
            case result(Int)
            case summary(String)
            /// A notice of the run that fails the gate (`ResultDocument.Notice.blocks`); boxed,
            /// so that a case is 24 bytes rather than a notice's 88 (a night makes 164,000).
            indirect case notice(ResultDocument.Notice)
        }
        var content: Content
        var kind: Kind

        init(summary: String, kind: Kind) {
            content = .summary(summary)
            self.kind = kind
        }

        init(notice: ResultDocument.Notice, kind: Kind) {
            content = .notice(notice)
            self.kind = kind
        }

        /// `gating`: whether the result trips the run's gate as the run counted it
        /// (`ResultDocument.trips`, `--fail-on-new` included), so the dashboard goes red
        /// exactly when the gate does.
        init(_ index: Int, _ outcome: Outcome, gating: Bool) {
            content = .result(index)
            kind =
                switch outcome {
                case .fail where gating: .failure
                case .indeterminate where gating: .error
                case .waived: .skipped
                default: .passed
                }
        }
    }
}

extension ResultDocument {
    /// One digest for a set of inputs: SHA-256 over their sorted `sha256  path` lines.
    static func combinedDigest(_ inputs: [Input]) -> String {
        let lines = inputs.map { "\($0.sha256)  \($0.path)\n" }.sorted().joined()
        return SHA256.hex(Array(lines.utf8))
    }
}
