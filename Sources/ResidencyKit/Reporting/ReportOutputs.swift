/// The reports to write from one result document, and where: the one code path by which
/// `residency check` (from the document it just built) and `residency report` (from a
/// document it read back) write them, so that the two cannot render differently.
public struct ReportOutputs: Sendable {
    /// The JSON result document (`check --json`).
    public var json: String?
    public var junit: String?
    /// A folder with one JUnit file per workspace (`--junit-dir`).
    public var junitFolder: String?
    public var junitMaximumCases = JUnitReport.defaultMaximumCases
    public var html: String?
    public var sarif: String?
    public var markdown: String?
    public var markdownLimit = MarkdownReport.defaultLimit
    /// The folder the document's relative paths are relative to, the repository root in CI:
    /// SARIF writes absolute paths under it relative to it.
    public var root: String?
    /// Where the document these reports come from is kept (the file `check` writes or
    /// `report` read), for the Markdown summary to point at when it leaves rows out and
    /// there is no HTML report.
    public var documentPath: String?

    public init() {}

    /// Whether no report is asked for.
    public var isEmpty: Bool {
        [json, junit, junitFolder, html, sarif, markdown].allSatisfy { $0 == nil }
    }

    /// What is wrong with the limits, in the words of the command-line options; nil when
    /// nothing is.
    public var problem: String? {
        if junitMaximumCases < 1 { return "--junit-max-cases must be at least 1, found \(junitMaximumCases)" }
        if markdownLimit < MarkdownReport.minimumLimit {
            return "--markdown-limit must be at least \(MarkdownReport.minimumLimit), found \(markdownLimit)"
        }
        return nil
    }

    /// Writes every report asked for, each to a temporary file renamed into place (a folder,
    /// for `junitFolder`), in a fixed order: JSON, JUnit, the JUnit folder, HTML, SARIF,
    /// Markdown. Stops at the first that cannot be rendered or written; those before it stay
    /// written, and the one that failed keeps its previous file.
    public func write(_ document: ResultDocument) throws(AtomicFile.Failure) {
        if let json {
            // Streamed: a large run's document is never in memory whole.
            try AtomicFile.write(to: json) { emit in document.writeJSON(emit) }
        }
        let junitReport = JUnitReport(maximumCases: junitMaximumCases)
        if let junit {
            let xml: String
            do { xml = try junitReport.render(document) } catch {
                throw AtomicFile.Failure(path: junit, reason: "\(error)")
            }
            try AtomicFile.write(Array(xml.utf8), to: junit)
        }
        if let junitFolder { try junitReport.writeFolder(document, to: junitFolder) }
        // Who ran it is the document's: read from a few well-known CI variables or USER when
        // the audit ran, never from options, and the same when the document is re-rendered.
        if let html { try AtomicFile.write(Array(HTMLReport().render(document, provenance: document.run.ranBy).utf8), to: html) }
        if let sarif { try AtomicFile.write(SARIFReport(root: root).render(document), to: sarif) }
        if let markdown {
            let summary = MarkdownReport(limit: markdownLimit, fullReport: html ?? documentPath).render(document)
            try AtomicFile.write(Array(summary.utf8), to: markdown)
        }
    }
}
