import Dispatch

/// The HTML report for legal and privacy teams: one self-contained file that reads, prints
/// and files without JavaScript or any network request, rendered from the result document
/// alone (plus who ran it), so the same document gives the same bytes.
///
/// Top to bottom: 1 verdict and scope, 2 provenance, 3 data flows (the transfer register),
/// 4 findings by policy, 5 waivers, 6 coverage, a sign-off block, then an appendix with the
/// evidence of each finding. `--html-dir` writes the same as an index page and a page per
/// workspace (HTMLReport+Site). Layout and the CSP are
/// in HTMLStyle; every string from the document goes through HTMLMarkup. Documented in
/// docs/reports.md.
public struct HTMLReport: Sendable {
    /// Caps that keep a nightly run's report a document rather than a dump; whatever is
    /// left out is counted, with a pointer to the JSON result document.
    public struct Limits: Sendable {
        /// Flow rows per workspace (cross-border and flagged flows are kept first).
        public var flowsPerWorkspace = 200
        /// Workspaces whose data flows are drawn.
        public var workspacesWithFlows = 100
        /// Findings listed under each policy.
        public var findingsPerPolicy = 1000
        /// Inventories listed by name with their digests; above, one combined digest.
        public var listedInventories = 50
        /// Workspaces named in the scope.
        public var listedWorkspaces = 100
        public init() {}
    }

    public var limits: Limits
    /// The SHA-256 of the JSON result document this report is written with (`check --json`),
    /// for the sign-off and the printed pages' header; nil when none is written with it.
    public var documentDigest: String?

    public init() { limits = Limits() }

    public init(limits: Limits) { self.limits = limits }

    /// The report written with (or rendered from) the result document of this SHA-256.
    public init(documentDigest: String?) {
        limits = Limits()
        self.documentDigest = documentDigest
    }

    /// Set while the pages of an `--html-dir` folder are rendered (HTMLReport+Site).
    var site: Site?

    public func render(_ doc: ResultDocument, provenance: Provenance) -> String {
        String(decoding: Array(renderPieces(doc, provenance: provenance).joined()), as: UTF8.self)
    }

    /// `render`'s UTF-8 in pieces (`HTMLWriter.finish`), as it is written: a night's report is
    /// 25 MB, and joined, made into a string and back it was held three times over.
    public func renderPieces(_ doc: ResultDocument, provenance: Provenance) -> [[UInt8]] {
        wholeRun(doc, ResultIndex(doc), provenance)
    }

    /// The report of the whole run: the one file, or the index of a folder (which leaves the
    /// evidence to the workspaces' pages).
    func wholeRun(_ doc: ResultDocument, _ index: ResultIndex, _ provenance: Provenance) -> [[UInt8]] {
        page(
            doc, title: "Data residency audit: \(doc.summary.verdict.words), \(doc.run.auditDate)",
            heading: "Data residency audit report", running: doc.summary.verdict.headline,
            contents: HTMLReport.sections.filter { !isIndex || $0.id != "evidence" }
        ) { w in
            // Each section on its own, on both cores: each reads the document and the index
            // only, and they are joined in order (a night's data flows alone took 130 ms).
            var sections: [@Sendable (inout HTMLWriter) -> Void] = [
                { verdictSection(doc, index, &$0) },
                { provenanceSection(doc, provenance, &$0) },
            ]
            sections += flowsSectionParts(doc, index)
            sections += [
                { findingsSection(doc, index, &$0) },
                { waiversSection(doc, &$0) },
                { coverageSection(doc, index, &$0) },
                { signOffSection(doc, &$0) },
            ]
            if !isIndex { sections.append { evidenceAppendix(doc, index, &$0) } }
            w.appendInParallel(sections)
        }
    }

    /// One self-contained page: the head (its own stylesheet, hashed in its CSP), the header
    /// with the audit date, the contents, `main` and the footer. `running` goes into the
    /// running header of every printed page, after the audit date.
    func page(
        _ doc: ResultDocument, title: String, heading: String, running: String,
        contents: [(id: String, heading: String)], before: (inout HTMLWriter) -> Void = { _ in },
        main: (inout HTMLWriter) -> Void
    ) -> [[UInt8]] {
        var header = "Data residency audit · \(doc.run.auditDate) · \(running)"
        if let documentDigest { header += " · result SHA-256 \(documentDigest.prefix(16))…" }
        let stylesheet = HTMLStyle.stylesheet(header: header)
        var w = HTMLWriter(capacity: 1 << 16)
        w.raw(#"<!DOCTYPE html><html lang="en"><head>"#)
        w.void("meta", .attr("charset", "UTF-8"))
        // Written as it is: the policy is the report's own, and its quotes are not escaped.
        w.raw(#"<meta http-equiv="Content-Security-Policy" content=""#)
        w.raw(HTMLStyle.contentSecurityPolicy(stylesheet))
        w.raw(#""/>"#)
        w.void("meta", .attr("name", "viewport"), .attr("content", "width=device-width, initial-scale=1"))
        w.void("meta", .attr("name", "referrer"), .attr("content", "no-referrer"))
        w.void("meta", .attr("name", "generator"), .attr("content", "\(doc.tool.name) \(doc.tool.version)"))
        w.element("title", text: title)
        w.raw("<style>")
        w.raw(stylesheet)
        w.raw("</style></head><body><header>")
        w.element("p", .cls("kicker"), text: "Twilio Segment data residency audit · \(doc.tool.name) \(doc.tool.version)")
        w.element("h1", text: heading)
        let run = doc.run
        w.element("p", .cls("muted"), text: "Audit date \(run.auditDate) · run \(run.startedAt) to \(run.finishedAt) (UTC)")
        before(&w)
        w.raw("</header>")
        w.element("nav", .attr("aria-label", "Contents")) { w in
            w.element("ul", .cls("plain")) { w in
                for s in contents { w.element("li") { $0.link(s.id, s.heading) } }
            }
        }
        w.element("main", content: main)
        w.element("footer") { w in
            w.element(
                "p", .cls("small"),
                text: "Rendered by \(doc.tool.name) \(doc.tool.version) from result document schema \(doc.schemaVersion). "
                    + "The JSON result document is the source of truth; this report shows it for reading, printing and signing.")
        }
        w.raw("</body></html>")
        return w.finish()
    }

    /// Section ids and headings, in order; tests and docs/reports.md rely on them.
    static let sections: [(id: String, heading: String)] = [
        ("verdict", "1. Verdict and scope"),
        ("provenance", "2. Provenance"),
        ("data-flows", "3. Data flows (transfer register)"),
        ("findings", "4. Findings by policy"),
        ("waivers", "5. Waivers"),
        ("coverage", "6. Coverage"),
        ("sign-off", "Sign-off"),
        ("evidence", "Appendix: evidence"),
    ]

    /// The heading of a section: a workspace page's are its own (HTMLReport+Site).
    func heading(_ id: String) -> String {
        if site?.workspace != nil, let h = HTMLReport.pageSections.first(where: { $0.id == id }) { return h.heading }
        return HTMLReport.sections.first { $0.id == id }!.heading
    }

    /// A `<section>` with its `<h2>`, labelled by it.
    func section(_ id: String, _ w: inout HTMLWriter, _ content: (inout HTMLWriter) -> Void) {
        sectionStart(id, &w)
        content(&w)
        w.close("section")
    }

    /// A section's start tag and heading, for one written in parts (`flowsSectionParts`).
    func sectionStart(_ id: String, _ w: inout HTMLWriter) {
        w.open("section", .attr("id", id), .attr("aria-labelledby", "\(id)-h"))
        w.element("h2", .attr("id", "\(id)-h"), text: heading(id))
    }
}

/// Table building blocks: every table has a caption and scoped header cells.
extension HTMLWriter {
    /// `widths`, when given, fixes the layout (one CSS class per column), so that a long
    /// user-supplied string wraps inside its column instead of squeezing the others.
    mutating func table(
        _ caption: String, columns: [String], numeric: Set<Int> = [], cls: String? = nil, widths: [String]? = nil,
        rows: (inout HTMLWriter) -> Void
    ) {
        open("table", cls.map { [.cls($0)] } ?? [])
        element("caption", text: caption, limit: HTMLMarkup.nameLimit)
        raw("<thead><tr>")
        for (i, c) in columns.enumerated() {
            let classes = [numeric.contains(i) ? "num" : nil, widths.map { $0[i] }].compactMap { $0 }
            let scope = Attribute.attr("scope", "col")
            open("th", classes.isEmpty ? [scope] : [scope, .cls(classes.joined(separator: " "))])
            text(c)
            close("th")
        }
        raw("</tr></thead>")
        element("tbody", content: rows)
        close("table")
    }

    /// A two-column table of labelled values (`keyRow`), labels as row headers.
    mutating func keyValueTable(_ caption: String, rows: (inout HTMLWriter) -> Void) {
        open("table", .cls("kv"))
        element("caption", text: caption)
        element("tbody", content: rows)
        close("table")
    }

    mutating func keyRow(_ label: String, value: (inout HTMLWriter) -> Void) {
        element("tr") { w in
            w.element("th", .attr("scope", "row"), text: label)
            w.element("td", content: value)
        }
    }

    mutating func keyRow(_ label: String, text: String) { keyRow(label) { $0.text(text) } }

    mutating func rowHeader(_ content: (inout HTMLWriter) -> Void) { element("th", [.attr("scope", "row")], content) }

    mutating func rowHeader(text: String) { element("th", .attr("scope", "row"), text: text) }

    mutating func cell(_ text: String, limit: Int = HTMLMarkup.clipLimit) { element("td", text: text, limit: limit) }

    /// A short word that must not wrap inside itself (a kind, a region).
    mutating func word(_ text: String) { element("td", .cls("nw"), text: text) }

    mutating func number(_ n: Int) { element("td", .cls("num"), text: String(n)) }

    /// An outcome's status in words, styled by it.
    mutating func badge(_ o: Outcome) { element("span", .cls("status s-\(o.rawValue)"), text: HTMLWords.status(o)) }
}

/// Words and styles for outcomes: a status is always written, colour only helps.
enum HTMLWords {
    static func status(_ o: Outcome) -> String {
        switch o {
        case .pass: "PASS"
        case .fail: "FAIL"
        case .indeterminate: "INDETERMINATE"
        case .notApplicable: "NOT APPLICABLE"
        case .permitted: "PERMITTED"
        case .waived: "WAIVED"
        }
    }

    static func label(_ o: Outcome) -> String {
        switch o {
        case .pass: "passed"
        case .fail: "failed"
        case .indeterminate: "indeterminate"
        case .notApplicable: "not applicable"
        case .permitted: "permitted"
        case .waived: "waived"
        }
    }

    static func meaning(_ o: Outcome) -> String {
        switch o {
        case .pass: "the requirement holds"
        case .fail: "the requirement does not hold and no permit gives a legal basis"
        case .indeterminate: "could not be decided: a value the policy needs is unknown (counts as a failure at the gate)"
        case .notApplicable: "the policy's condition does not cover the resource"
        case .permitted: "the requirement does not hold, but a permit records a legal basis"
        case .waived: "an approved, unexpired waiver covers the finding"
        }
    }

    /// Region codes in words: `eu` → EU; a missing region is said to be unknown.
    static func region(_ code: String?) -> String {
        guard let c = code?.lowercased(), !c.isEmpty else { return "unknown" }
        switch c {
        case "eu": return "EU"
        case "us": return "US"
        case "in": return "India"
        case "au": return "Australia"
        case "uk", "gb": return "United Kingdom"
        case "ch": return "Switzerland"
        case "ca": return "Canada"
        case "jp": return "Japan"
        default: return c.uppercased()
        }
    }

    /// A workspace region (`eu-west`) as a region code (`eu`).
    static func regionCode(ofWorkspace region: String?) -> String? {
        guard let region, !region.isEmpty else { return nil }
        // Byte by byte when ASCII, as Segment's regions are: lowercased and cut by `Character`
        // it took some 1,600 instructions, twice for each row of a transfer register.
        var code: [UInt8] = []
        for b in region.utf8 {
            guard b < 0x80 else { return String(region.lowercased().prefix { $0 != "-" && $0 != "_" && $0 != " " }) }
            if b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: " ") { break }
            code.append(b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b + 32 : b)
        }
        return String(decoding: code, as: UTF8.self)
    }
}

/// One pass over the results: counts per policy and outcome, the results each policy lists,
/// and the listed results of each workspace (for the transfer register).
struct ResultIndex {
    /// A resource of one workspace (`byResource(ofWorkspace:)`).
    struct ResourceKey: Hashable {
        var kind: String
        var id: String
    }

    /// Per policy id: a count per outcome ordinal.
    var counts: [String: [Int]] = [:]
    /// Per policy id: indices of results that are listed (fail, indeterminate, permitted,
    /// waived), in the order they are shown: what needs action first (`rank`), then in
    /// document order. Sorted once here for every section that lists them.
    var listed: [String: [Int]] = [:]
    /// Per workspace slug: indices of its listed results, in document order (its resources'
    /// results are looked up only for the workspaces whose flows are drawn, `byResource`).
    var listedByWorkspace: [String: [Int]] = [:]
    /// Per policy id: each indeterminate reason with its count, in order of first appearance.
    var reasons: [String: [(reason: String, count: Int)]] = [:]
    /// Per permit id: how many results it permitted.
    var permitted: [String: Int] = [:]
    /// Per workspace slug: its tally; and the workspaces in the one worst-first order every
    /// list of workspaces follows (worked out once per report).
    var workspaceTallies: [String: HTMLReport.WorkspaceTally] = [:]
    var workspaceOrder: [ResultDocument.WorkspaceInfo] = []

    init(_ doc: ResultDocument) {
        // The workspaces' tallies on another thread, a pass over the results of their own,
        // for a whole run only: a folder's workspace pages are rendered in parallel already,
        // and a page's few hundred results are not worth waiting on a thread of the same pool.
        let tallies = ParallelSlots<[String: HTMLReport.WorkspaceTally]>(count: 1)
        let group = DispatchGroup()
        if doc.workspaces.count > 1 {
            DispatchQueue.global().async(group: group) { tallies.store(0, HTMLReport.workspaceTallies(doc)) }
        } else {
            tallies.store(0, HTMLReport.workspaceTallies(doc))
        }
        // A policy's slot looked up only when it changes (a record's results come grouped by
        // policy): hashing its id for each of a night's 601,000 results was most of the pass.
        var policies = RunNumbering()
        var perOutcome: [[Int]] = [], lists: [[Int]] = []
        var workspaces = RunNumbering()
        var byWorkspace: [[Int]] = []
        // Fields read through the buffer: a result taken whole, from the array or as an
        // argument, is a copy that retains a dozen references, 600,000 times a night.
        doc.results.withUnsafeBufferPointer { results in
            for i in results.indices {
                let outcome = results[i].outcome
                let (slot, isNew) = policies.number(results[i].policy)
                if isNew {
                    perOutcome.append([Int](repeating: 0, count: Outcome.allCases.count))
                    lists.append([])
                }
                perOutcome[slot][outcome.ordinal] += 1
                guard ResultIndex.isListed(outcome) else { continue }
                lists[slot].append(i)
                let (w, isNewWorkspace) = workspaces.number(results[i].workspace)
                if isNewWorkspace { byWorkspace.append([]) }
                byWorkspace[w].append(i)
                if outcome == .indeterminate {
                    let (policy, reason) = (policies.keys[slot], results[i].reason ?? "no reason recorded")
                    if let j = reasons[policy]?.firstIndex(where: { $0.reason == reason }) {
                        reasons[policy]![j].count += 1
                    } else {
                        reasons[policy, default: []].append((reason, 1))
                    }
                }
                if outcome == .permitted, let p = results[i].permit { permitted[p, default: 0] += 1 }
            }
        }
        // Results a document was read without are counted only, as this report shows them (in
        // any order: the slots end up in dictionaries by policy).
        for (policy, notKept) in doc.notKept.byPolicy {
            let (slot, isNew) = policies.number(policy)
            if isNew {
                perOutcome.append([Int](repeating: 0, count: Outcome.allCases.count))
                lists.append([])
            }
            for o in Outcome.allCases { perOutcome[slot][o.ordinal] += notKept[o] }
        }
        for (k, policy) in policies.keys.enumerated() {
            counts[policy] = perOutcome[k]
            guard !lists[k].isEmpty else { continue }
            listed[policy] = lists[k].sorted { a, b in
                let (ra, rb) = (ResultIndex.rank(doc.results[a].outcome), ResultIndex.rank(doc.results[b].outcome))
                return ra != rb ? ra < rb : a < b
            }
        }
        listedByWorkspace = Dictionary(uniqueKeysWithValues: zip(workspaces.keys, byWorkspace))
        group.wait()
        workspaceTallies = tallies.take(0)!
        workspaceOrder = HTMLReport.orderedWorkspaces(doc, workspaceTallies)
    }

    /// The listed results of each resource of one workspace (for its transfer register): a
    /// night's report draws the flows of 100 of 1,000 workspaces, and keying every listed
    /// result by its resource's three strings was most of this index's time.
    func byResource(ofWorkspace slug: String, _ doc: ResultDocument) -> [ResourceKey: [Int]] {
        var out: [ResourceKey: [Int]] = [:]
        doc.results.withUnsafeBufferPointer { results in
            for i in listedByWorkspace[slug] ?? [] {
                out[ResourceKey(kind: results[i].resourceKind, id: results[i].resourceId), default: []].append(i)
            }
        }
        return out
    }

    static func isListed(_ o: Outcome) -> Bool { o == .fail || o == .indeterminate || o == .permitted || o == .waived }

    /// The order findings are listed in under a policy: what needs action first.
    static func rank(_ o: Outcome) -> Int {
        switch o {
        case .fail: 0
        case .indeterminate: 1
        case .waived: 2
        case .permitted: 3
        case .pass: 4
        case .notApplicable: 5
        }
    }

    func count(_ policy: String, _ o: Outcome) -> Int { counts[policy]?[o.ordinal] ?? 0 }
}
