import Plot

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
        wholeRun(doc, ResultIndex(doc), provenance)
    }

    /// The report of the whole run: the one file, or the index of a folder (which leaves the
    /// evidence to the workspaces' pages).
    func wholeRun(_ doc: ResultDocument, _ index: ResultIndex, _ provenance: Provenance) -> String {
        page(
            doc, title: "Data residency audit: \(doc.summary.verdict.words), \(doc.run.auditDate)",
            heading: "Data residency audit report", running: doc.summary.verdict.headline,
            contents: HTMLReport.sections.filter { !isIndex || $0.id != "evidence" },
            main: [
                verdictSection(doc, index),
                provenanceSection(doc, provenance),
                flowsSection(doc, index),
                findingsSection(doc, index),
                waiversSection(doc),
                coverageSection(doc, index),
                signOffSection(doc),
                isIndex ? .empty : evidenceAppendix(doc, index),
            ])
    }

    /// One self-contained page: the head (its own stylesheet, hashed in its CSP), the header
    /// with the audit date, the contents, `main` and the footer. `running` goes into the
    /// running header of every printed page, after the audit date.
    func page(
        _ doc: ResultDocument, title: String, heading: String, running: String,
        contents: [(id: String, heading: String)], before: BodyNode = .empty, main: [BodyNode]
    ) -> String {
        var header = "Data residency audit · \(doc.run.auditDate) · \(running)"
        if let documentDigest { header += " · result SHA-256 \(documentDigest.prefix(16))…" }
        let stylesheet = HTMLStyle.stylesheet(header: header)
        let html = HTML(
            .lang(.english),
            .head(
                .meta(.charset(.utf8)),
                .meta(
                    .attribute(named: "http-equiv", value: "Content-Security-Policy"), .content(HTMLStyle.contentSecurityPolicy(stylesheet))),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .meta(.name("referrer"), .content("no-referrer")),
                .meta(.name("generator"), .content(HTMLMarkup.attribute("\(doc.tool.name) \(doc.tool.version)"))),
                .element(named: "title", nodes: [.t(title)]),
                .style(stylesheet)
            ),
            .body(
                .header(
                    .p(.cls("kicker"), .t("Twilio Segment data residency audit · \(doc.tool.name) \(doc.tool.version)")),
                    .h1(.t(heading)),
                    .p(
                        .cls("muted"),
                        .t("Audit date \(doc.run.auditDate) · run \(doc.run.startedAt) to \(doc.run.finishedAt) (UTC)")),
                    before
                ),
                .nav(
                    .attr("aria-label", "Contents"),
                    .ul(.cls("plain"), .group(contents.map { s in .li(.link(s.id, s.heading)) }))
                ),
                .main(.group(main)),
                .footer(
                    .p(
                        .cls("small"),
                        .t(
                            "Rendered by \(doc.tool.name) \(doc.tool.version) from result document schema \(doc.schemaVersion). "
                                + "The JSON result document is the source of truth; this report shows it for reading, printing and signing."
                        )
                    )
                )
            )
        )
        return html.render()
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
    func section(_ id: String, _ content: [Node<HTML.BodyContext>]) -> Node<HTML.BodyContext> {
        .section(
            .attr("id", id), .attr("aria-labelledby", "\(id)-h"),
            .h2(.attr("id", "\(id)-h"), .t(heading(id))),
            .group(content)
        )
    }
}

/// Plot's typed contexts, named for the report's code.
typealias BodyNode = Node<HTML.BodyContext>
typealias TableNode = Node<HTML.TableContext>
typealias RowNode = Node<HTML.TableRowContext>
typealias ListNode = Node<HTML.ListContext>

/// Table building blocks: every table has a caption and scoped header cells.
enum HTMLTable {
    /// `widths`, when given, fixes the layout (one CSS class per column), so that a long
    /// user-supplied string wraps inside its column instead of squeezing the others.
    static func make(
        _ caption: String, columns: [String], numeric: Set<Int> = [], rows: [TableNode], cls: String? = nil,
        widths: [String]? = nil
    ) -> BodyNode {
        .table(
            .if(cls != nil, .cls(cls ?? "")),
            .caption(.name(caption)),
            .thead(
                .tr(
                    .group(
                        columns.enumerated().map { i, c in
                            let classes = [numeric.contains(i) ? "num" : nil, widths.map { $0[i] }].compactMap { $0 }
                            return .th(.attr("scope", "col"), .if(!classes.isEmpty, .cls(classes.joined(separator: " "))), .t(c))
                        }))),
            .tbody(.group(rows))
        )
    }

    /// A two-column table of labelled values, labels as row headers.
    static func keyValue(_ caption: String, _ rows: [(String, BodyNode)]) -> BodyNode {
        .table(
            .cls("kv"),
            .caption(.t(caption)),
            .tbody(.group(rows.map { label, value in .tr(.th(.attr("scope", "row"), .t(label)), .td(value)) }))
        )
    }

    static func rowHeader(_ content: BodyNode...) -> RowNode { .th(.attr("scope", "row"), .group(content)) }

    static func cell(_ text: String, limit: Int = HTMLMarkup.clipLimit) -> RowNode { .td(.t(text, limit: limit)) }

    /// A short word that must not wrap inside itself (a kind, a region).
    static func word(_ text: String) -> RowNode { .td(.cls("nw"), .t(text)) }

    static func number(_ n: Int) -> RowNode { .td(.cls("num"), .t(String(n))) }
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

    static func badge(_ o: Outcome) -> BodyNode {
        .span(.cls("status s-\(o.rawValue)"), .t(status(o)))
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
        guard let r = region?.lowercased(), !r.isEmpty else { return nil }
        return String(r.prefix { $0 != "-" && $0 != "_" && $0 != " " })
    }
}

/// One pass over the results: counts per policy and outcome, the results each policy lists,
/// and the listed results of each resource (for the transfer register).
struct ResultIndex {
    struct ResourceKey: Hashable {
        var workspace: String
        var kind: String
        var id: String
    }

    /// Per policy id: a count per outcome ordinal.
    var counts: [String: [Int]] = [:]
    /// Per policy id: indices of results that are listed (fail, indeterminate, permitted,
    /// waived), in the order they are shown: what needs action first (`rank`), then in
    /// document order. Sorted once here for every section that lists them.
    var listed: [String: [Int]] = [:]
    /// Per resource: indices of its listed results.
    var byResource: [ResourceKey: [Int]] = [:]
    /// Per policy id: each indeterminate reason with its count, in order of first appearance.
    var reasons: [String: [(reason: String, count: Int)]] = [:]
    /// Per permit id: how many results it permitted.
    var permitted: [String: Int] = [:]
    /// Per workspace slug: its tally; and the workspaces in the one worst-first order every
    /// list of workspaces follows (worked out once per report).
    var workspaceTallies: [String: HTMLReport.WorkspaceTally] = [:]
    var workspaceOrder: [ResultDocument.WorkspaceInfo] = []

    init(_ doc: ResultDocument) {
        // Each result read in place (a copy of each would retain a dozen references).
        func add(_ i: Int, _ r: Finding) {
            counts[r.policy, default: [Int](repeating: 0, count: Outcome.allCases.count)][r.outcome.ordinal] += 1
            guard ResultIndex.isListed(r.outcome) else { return }
            listed[r.policy, default: []].append(i)
            byResource[ResourceKey(workspace: r.workspace, kind: r.resourceKind, id: r.resourceId), default: []].append(i)
            if r.outcome == .indeterminate {
                let reason = r.reason ?? "no reason recorded"
                if let j = reasons[r.policy]?.firstIndex(where: { $0.reason == reason }) {
                    reasons[r.policy]![j].count += 1
                } else {
                    reasons[r.policy, default: []].append((reason, 1))
                }
            }
            if r.outcome == .permitted, let p = r.permit { permitted[p, default: 0] += 1 }
        }
        for i in doc.results.indices { add(i, doc.results[i]) }
        for (policy, list) in listed {
            listed[policy] = list.sorted { a, b in
                let (ra, rb) = (ResultIndex.rank(doc.results[a].outcome), ResultIndex.rank(doc.results[b].outcome))
                return ra != rb ? ra < rb : a < b
            }
        }
        workspaceTallies = HTMLReport.workspaceTallies(doc)
        workspaceOrder = HTMLReport.orderedWorkspaces(doc, workspaceTallies)
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
