import Dispatch
import Synchronization

/// The reports to write from one result document, and where: the one code path by which
/// `residency check` (from the document it just built) and `residency report` (from a
/// document it read back) write them, so that the two cannot render differently.
package struct ReportOutputs: Sendable {
    /// The JSON result document (`check --json`).
    package var json: String?
    package var junit: String?
    /// A folder with one JUnit file per workspace (`--junit-dir`).
    package var junitFolder: String?
    package var junitMaximumCases = JUnitReport.defaultMaximumCases
    package var html: String?
    /// A folder with an index page and a page per workspace (`--html-dir`).
    package var htmlFolder: String?
    package var sarif: String?
    package var markdown: String?
    package var markdownLimit = MarkdownReport.defaultLimit
    /// The folder the document's relative paths are relative to, the repository root in CI:
    /// SARIF writes absolute paths under it relative to it.
    package var root: String?
    /// Where the document these reports come from is kept (the file `check` writes or
    /// `report` read), for the Markdown summary to point at when it leaves rows out and
    /// there is no HTML report.
    package var documentPath: String?
    /// The SHA-256 of that document when it is not written here (`residency report` renders a
    /// saved one): the HTML report's sign-off names it, as `check` names the one it writes.
    package var documentDigest: String?

    package init() {}

    /// Whether no report is asked for.
    var isEmpty: Bool {
        [json, junit, junitFolder, html, htmlFolder, sarif, markdown].allSatisfy { $0 == nil }
    }

    /// How a saved document is read for these reports (`residency report`): its passing and
    /// not-applicable results, 97% of a night's, counted rather than kept when no report asked
    /// for lists them. SARIF and the Markdown summary never do, and the HTML report counts
    /// them; a JUnit file lists them unless it folds them, which only the document says
    /// (`needsPasses`). The folders' pages list or count each workspace's own.
    package var passesRead: ResultDocument.Passes {
        json == nil && junitFolder == nil && htmlFolder == nil ? .counted : .kept
    }

    /// Whether `document`, read as `passesRead` says, lacks passes a report asked for lists:
    /// then it is read again with them kept. Only a JUnit file can: one of no more testcases
    /// than `junitMaximumCases`, or with a policy's lone pass, lists its passes.
    package func needsPasses(_ document: ResultDocument) -> Bool {
        !document.passesKept && junit != nil && !JUnitReport(maximumCases: junitMaximumCases).listsOnlyKeptPasses(document)
    }

    /// Reads the saved document at `path` for these reports (`residency report`), as
    /// `passesRead` says, and again with every result kept when the JUnit file lists a pass the
    /// first read only counted (`needsPasses`). The first document is let go before the second
    /// is read: a night's two readings held together would be some 490 MB.
    package func readDocument(at path: String, digest: Bool) -> ResultDocument.Reading {
        var reading = ResultDocument.read(path: path, digest: digest, passes: passesRead)
        guard reading.document.map(needsPasses) == true else { return reading }
        reading.document = nil
        return ResultDocument.read(path: path, digest: digest, passes: .kept)
    }

    /// What is wrong with the limits, in the words of the command-line options; nil when
    /// nothing is.
    package var problem: String? {
        if junitMaximumCases < 1 { return "--junit-max-cases must be at least 1, found \(junitMaximumCases)" }
        if markdownLimit < MarkdownReport.minimumLimit {
            return "--markdown-limit must be at least \(MarkdownReport.minimumLimit), found \(markdownLimit)"
        }
        return nil
    }

    /// The reports asked for, with their options, in the order they are written and renamed.
    package var targets: [OutputTarget] {
        [
            json.map { OutputTarget("--json", $0) }, junit.map { OutputTarget("--junit", $0) },
            junitFolder.map { OutputTarget("--junit-dir", $0, kind: .folder) }, html.map { OutputTarget("--html", $0) },
            htmlFolder.map { OutputTarget("--html-dir", $0, kind: .folder) },
            sarif.map { OutputTarget("--sarif", $0) }, markdown.map { OutputTarget("--markdown", $0) },
        ].compactMap { $0 }
    }

    /// Every problem with the report paths, against each other and the run's inputs: checked
    /// before the run reads anything (docs/reports.md, "How reports are written").
    package func check(inputs: [InputPath]) -> [Diagnostic] {
        OutputPaths.check(targets, inputs: inputs)
    }

    /// Writes every report asked for, all or none: each to a temporary file (a folder, for
    /// `junitFolder` and `htmlFolder`), and only when all were written, renamed into place in a
    /// fixed order (JSON, JUnit, the JUnit folder, HTML, the HTML folder, SARIF, Markdown). A
    /// report that cannot be rendered or written throws E1607 naming it, with every previous
    /// report as it was.
    ///
    /// The JUnit file, SARIF and Markdown need nothing but the document, so they are rendered
    /// on other threads while the JSON document is streamed (and the HTML too when no JSON is
    /// written here); each goes to its temporary file as soon as it is rendered. An HTML report
    /// beside a JSON written here names the JSON's digest, so it follows. `progress`, when
    /// given, counts each report written (and each page of a folder) as stage "reports written".
    ///
    /// `records`: the workspace records of a run in batches (AuditRun+Batches.swift), from which
    /// the JSON document is written around `document`'s head and tail (the other reports are
    /// rendered from `document`, which then holds every result).
    package func write(
        _ document: ResultDocument, records: BatchRecords? = nil, settings: OutputBatch.Settings = .init(),
        progress: ProgressCounter? = nil
    ) throws(Diagnostic) {
        let batch = try OutputBatch(targets, settings: settings)
        defer { batch.discard() }
        // A folder counts its files, so that a night's pages show as they are written.
        let pages = (htmlFolder == nil ? 0 : document.workspaces.count + 1) + (junitFolder == nil ? 0 : document.workspaces.count)
        progress?.begin("reports written", total: targets.count + pages)
        // Started first, finished while the JSON is written.
        let junitReport = JUnitReport(maximumCases: junitMaximumCases)
        // The reports rendered on other threads, in the fixed order in which a failure among
        // them is named (JUnit, HTML, SARIF, Markdown). The HTML names the JSON's digest: it is
        // rendered alongside only when no JSON is written here (`residency report`, which knows
        // the saved document's digest).
        let htmlEarly = html != nil && json == nil
        let files = [
            junit.map { OutputTarget("--junit", $0) }, htmlEarly ? html.map { OutputTarget("--html", $0) } : nil,
            sarif.map { OutputTarget("--sarif", $0) }, markdown.map { OutputTarget("--markdown", $0) },
        ]
        let rendered = RenderedReports()
        let group = DispatchGroup()
        // Never returns, not even with an error, while a report is still being rendered.
        defer { group.wait() }
        let fullReport = html ?? htmlFolder.map { $0 + "/index.html" } ?? documentPath
        let early = HTMLReport(documentDigest: documentDigest)
        // Large buffers, written and let go: handed back to the system (`ProcessMemory`).
        let inMemory = junit != nil || sarif != nil || markdown != nil || html != nil
        if inMemory { ProcessMemory.mapBlocks(from: ProcessMemory.forLargeBuffers) }
        for (slot, file) in files.enumerated() where file != nil {
            DispatchQueue.global().async(group: group) {
                // Each report's bytes, in pieces (the HTML report's, `HTMLWriter.finish`).
                let result: Result<[[UInt8]], RenderFailure>
                switch slot {
                case 0:
                    do { result = .success([try junitReport.renderBytes(document)]) } catch {
                        result = .failure(RenderFailure(reason: "\(error)"))
                    }
                case 1: result = .success(early.renderPieces(document, provenance: document.run.ranBy))
                case 2: result = .success([SARIFReport(root: root).render(document)])
                default:
                    let text = MarkdownReport(limit: markdownLimit, fullReport: fullReport).render(document)
                    result = .success([Array(text.utf8)])
                }
                rendered.add(slot, result)
            }
        }
        var digest = documentDigest
        if let json {
            // Streamed: a large run's document is never in memory whole. Its digest is taken
            // on the way, for the HTML report's sign-off.
            // Only the HTML names it: a run without one does not hash hundreds of megabytes.
            let named = html != nil || htmlFolder != nil
            var hasher = SHA256()
            var whole = true
            try batch.write(json) { emit in
                let hashing: ([UInt8]) -> Void = { bytes in
                    if named { hasher.update(bytes) }
                    emit(bytes)
                }
                if let records {
                    whole = document.writeJSON(records: records, hashing)
                } else {
                    document.writeJSON(hashing)
                }
            }
            if !whole, let records { throw batch.failure(OutputTarget("--json", json), records.reason) }
            if named {
                digest = hasher.finalizeHex()
            }
            progress?.step()
        }
        // Each rendered report goes to its temporary file as soon as its render is done, and is
        // let go rather than held until the last is rendered (docs/performance.md, "Large
        // blocks handed back"). Which failure is thrown does not depend on that order: every
        // report is still written, and the first failure in the fixed order is the one thrown.
        var failures: [Diagnostic?] = Array(repeating: nil, count: files.count)
        for _ in files.compactMap({ $0 }) {
            let (slot, result) = rendered.next()
            let file = files[slot]!
            do throws(Diagnostic) {
                switch result {
                case .success(let pieces): try batch.write(file.path, pieces: pieces)
                case .failure(let f): throw batch.failure(file, f.reason)
                }
                progress?.step()
            } catch {
                failures[slot] = error
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
        // A thousand pages' buffers, reused from the heap, as before the file reports.
        if inMemory, junitFolder != nil || htmlFolder != nil { ProcessMemory.mapBlocks(from: ProcessMemory.forManyPages) }
        if let junitFolder {
            try batch.writeFolder(junitFolder) { folder throws(Diagnostic) in
                try junitReport.fill(folder, from: document, progress: progress)
            }
            progress?.step()
        }
        // Who ran it is the document's: read from a few well-known CI variables or USER when
        // the audit ran, never from options, and the same when the document is re-rendered.
        if !htmlEarly, let html {
            let report = HTMLReport(documentDigest: digest)
            try batch.write(html, pieces: report.renderPieces(document, provenance: document.run.ranBy))
            progress?.step()
        }
        if let htmlFolder {
            let report = HTMLReport(documentDigest: digest)
            try batch.writeFolder(htmlFolder) { folder throws(Diagnostic) in
                try report.fill(folder, from: document, progress: progress)
            }
            progress?.step()
        }
        try batch.commit()
    }

    /// Why a report rendered on another thread could not be.
    struct RenderFailure: Error {
        var reason: String
    }

    /// Reports rendered on other threads, handed over in the order their renders finish.
    final class RenderedReports: Sendable {
        private let done = Mutex<[(slot: Int, result: Result<[[UInt8]], RenderFailure>)]>([])
        private let signal = DispatchSemaphore(value: 0)

        func add(_ slot: Int, _ result: Result<[[UInt8]], RenderFailure>) {
            done.withLock { $0.append((slot, result)) }
            signal.signal()
        }

        /// The next report to finish, waiting for it.
        func next() -> (slot: Int, result: Result<[[UInt8]], RenderFailure>) {
            signal.wait()
            return done.withLock { $0.removeFirst() }
        }
    }
}

extension AuditRun.Options {
    /// The files and folders a run reads, as the options named them: no report may replace
    /// one. (Files found inside the folders are checked once read: `OutputPaths.check(_:read:)`.)
    package var inputs: [InputPath] {
        policies.map { InputPath("--policies", $0) } + inventories.map { InputPath("--inventory", $0) }
            + catalogs.map { InputPath("--catalog", $0) } + [facts.map { InputPath("--facts", $0) }].compactMap { $0 }
            + [waivers.map { InputPath("--waivers", $0) }, baseline.map { InputPath("--baseline", $0) }].compactMap { $0 }
    }
}
