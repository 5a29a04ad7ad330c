import Dispatch
import Foundation

/// The HTML report as a folder (`--html-dir`, issue 13, item 4): for a night of 1,000
/// workspaces, one file would be tens of megabytes and thousands of printed pages. The folder
/// holds `index.html` — verdict, provenance, findings by cause, each policy's counts, waivers,
/// coverage and the sign-off, with every workspace listed worst-first and linked to its page —
/// and one page per workspace with its verdict, record of transfers, register, findings and
/// evidence. Every page is self-contained (its own stylesheet, no script, no request); the
/// only links between them are relative links within the folder.
extension HTMLReport {
    /// Which page is being rendered, and where each workspace's page is.
    struct Site: Sendable {
        /// The file name of each workspace's page, by slug.
        var pages: [String: String]
        /// The slug of the workspace whose page this is; nil for the index.
        var workspace: String?
    }

    /// Marks a folder residency wrote (`OutputPaths` refuses to replace a folder without one).
    static let folderMarker = ".residency-html"

    /// The section headings of a workspace's page.
    static let pageSections: [(id: String, heading: String)] = [
        ("verdict", "1. This workspace's verdict"),
        ("data-flows", "2. Data flows (transfer register)"),
        ("findings", "3. Findings by policy"),
        ("evidence", "Appendix: evidence"),
    ]

    var isIndex: Bool { site != nil && site?.workspace == nil }

    /// A link to a finding: in this page, or, from the index, on its workspace's page.
    func findingLink(_ r: Finding, _ label: String, _ w: inout HTMLWriter) {
        if isIndex, let page = site?.pages[r.workspace] {
            w.link(href: page + "#" + HTMLMarkup.findingAnchor(r), label)
        } else {
            w.link(HTMLMarkup.findingAnchor(r), label)
        }
    }

    /// A link to a workspace's register: its section in one file, its page from the index.
    func workspaceLink(_ ws: ResultDocument.WorkspaceInfo, _ label: String, registered: Set<String>, _ w: inout HTMLWriter) {
        if isIndex, let page = site?.pages[ws.slug] {
            w.link(href: page, label)
        } else if registered.contains(ws.slug) {
            w.link(HTMLMarkup.workspaceAnchor(ws.slug), label)
        } else {
            w.text(label)
        }
    }

    /// The page file names: `workspace-<slug>.html`, the slug as a file name; two slugs that
    /// clean to one name keep apart by their ids.
    static func pageNames(_ doc: ResultDocument) -> [String: String] {
        var names: [String: String] = [:]
        var used = Set<String>()
        for w in doc.workspaces where names[w.slug] == nil {
            var name = "workspace-" + JUnitReport.fileName(w.slug)
            if used.contains(name) { name += "-" + JUnitReport.fileName(w.id) }
            var n = 2
            while used.contains(name) {
                name = "workspace-\(JUnitReport.fileName(w.slug))-\(n)"
                n += 1
            }
            used.insert(name)
            names[w.slug] = name + ".html"
        }
        return names
    }

    /// Every page of the folder, `index.html` first then the workspaces' in input order.
    func renderSite(_ doc: ResultDocument, provenance: Provenance) -> [(name: String, html: String)] {
        var all: [(name: String, html: String)] = []
        renderSite(doc, provenance: provenance) { (name: String, html: [[UInt8]]) throws(Never) in
            all.append((name, String(decoding: Array(html.joined()), as: UTF8.self)))
        }
        return all
    }

    /// Hands over every page in that order as it is rendered: the workspaces' pages in
    /// parallel, so that a night's 450 MB of pages is never in memory at once.
    func renderSite<E: Error>(
        _ doc: ResultDocument, provenance: Provenance, _ emit: (String, [[UInt8]]) throws(E) -> Void
    ) throws(E) {
        // A workspace's page counts its own passes from its results.
        doc.requirePasses()
        let pages = Self.pageNames(doc)
        var indexReport = self
        indexReport.site = Site(pages: pages, workspace: nil)
        let index = ResultIndex(doc)
        try emit("index.html", indexReport.wholeRun(doc, index, provenance))
        // Grouped once: filtering every result for every workspace would be quadratic.
        // By index: a page's results are copied while it is rendered, not all at once.
        var byWorkspace: [String: [Int]] = [:]
        for i in doc.results.indices { byWorkspace[doc.results[i].workspace, default: []].append(i) }
        let results = byWorkspace
        let report = self
        try OrderedPipeline.pages(
            count: doc.workspaces.count,
            render: { k in
                let ws = doc.workspaces[k]
                var page = report
                page.site = Site(pages: pages, workspace: ws.slug)
                // A page lists all of its workspace's findings.
                page.limits.findingsPerPolicy = .max
                page.limits.flowsPerWorkspace = .max
                page.limits.workspacesWithFlows = 1
                let own = (results[ws.slug] ?? []).map { doc.results[$0] }
                return .success(page.workspacePage(doc, ws, own, tally: index.workspaceTallies[ws.slug]))
            },
            write: { (k, html) throws(E) in
                switch html {
                case .success(let bytes): try emit(pages[doc.workspaces[k].slug]!, [bytes])
                case .failure(let error): preconditionFailure("rendering an HTML page cannot fail: \(error)")
                }
            })
    }

    /// A workspace's page: its results only, with the run's context in the verdict box.
    private func workspacePage(
        _ doc: ResultDocument, _ ws: ResultDocument.WorkspaceInfo, _ results: [Finding], tally: WorkspaceTally?
    ) -> [[UInt8]] {
        var own = doc
        own.workspaces = [ws]
        own.results = results
        let index = ResultIndex(own)
        let tally = tally ?? WorkspaceTally()
        let name = ws.name ?? ws.slug
        let region = HTMLWords.region(HTMLWords.regionCode(ofWorkspace: ws.region))
        return page(
            own, title: "Data residency audit: \(name), \(tally.verdict.words), \(doc.run.auditDate)",
            heading: "Data residency audit: workspace \(name)", running: "\(ws.slug): \(tally.verdict.headline)",
            contents: HTMLReport.pageSections,
            before: { $0.element("p") { $0.link(href: "index.html", "← The whole audit (index)") } }
        ) { w in
            section("verdict", &w) { w in
                w.element("div", .cls("verdict \(HTMLReport.verdictClass(tally.verdict))")) { w in
                    w.element("p", .cls("verdict-word"), text: tally.verdict.headline)
                    w.element(
                        "p",
                        text: "Workspace \(name) (\(ws.slug)), data region \(region): "
                            + "\(tally.failing) failed and \(tally.undecided) undecided at the gate, "
                            + "\(tally.permitted) permitted, \(tally.waived) waived, "
                            + "of \(HTMLMarkup.count(tally.results, "result")).")
                    // What the run noted of this workspace (audited although incomplete).
                    for n in doc.notices where n.workspace == ws.slug {
                        w.element("p") { w in
                            w.element("strong", text: "\(n.code): ")
                            w.text(n.message)
                        }
                    }
                    w.element("p") { w in
                        let workspaces = HTMLMarkup.count(doc.workspaces.count, "workspace")
                        w.text("Part of the audit of \(workspaces) on \(doc.run.auditDate), ")
                        w.text("whose verdict is \(doc.summary.verdict.words) and whose sign-off is on the ")
                        w.link(href: "index.html#sign-off", "index page")
                        w.text(".")
                    }
                }
                w.keyValueTable("What this page was rendered from") { w in
                    w.keyRow(
                        "Result document (SHA-256)",
                        text: documentDigest ?? "not written with this report: compare the JSON result document")
                    w.keyRow(
                        "Inventory", text: ws.source.map { "\($0)\(ws.line.map { ", line \($0)" } ?? "")" } ?? "not recorded")
                    w.keyRow("Workspace id") { $0.element("code", text: ws.id) }
                }
            }
            flowsSection(own, index, &w)
            findingsSection(own, index, &w)
            evidenceAppendix(own, index, &w)
        }
    }

    /// Writes the folder through an output batch (the marker, the index, a page per
    /// workspace), so that it replaces the previous run's as a whole.
    func fill(_ folder: OutputBatch.Folder, from doc: ResultDocument, progress: ProgressCounter? = nil) throws(Diagnostic) {
        try folder.write(
            Self.folderMarker, Array("written by residency \(ResidencyVersion.current); replaced as a whole by each run\n".utf8))
        try renderSite(doc, provenance: doc.run.ranBy) { (name, html) throws(Diagnostic) in
            try folder.write(name, pieces: html)
            progress?.step()
        }
    }
}
