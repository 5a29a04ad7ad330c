import ArgumentParser
import Foundation
import ResidencyKit

/// The report options `check` and `report` share: declared once, so their names, help and
/// limits cannot drift, and turned into the library's `ReportOutputs`, which writes them.
struct ReportOptions: ParsableArguments {
    @Option(help: "Write JUnit XML here (a testsuite per policy, a testcase per resource it applies to).")
    var junit: String?

    @Option(
        help: ArgumentHelp(
            "Write JUnit XML as a folder with one file per workspace (<slug>.xml), replaced as a whole each run: for nightly runs over many workspaces.",
            valueName: "dir"))
    var junitDir: String?

    @Option(
        help: ArgumentHelp(
            "The most testcases one JUnit file holds; past it passes, then each policy's surplus, are counted in one testcase.",
            valueName: "n"))
    var junitMaxCases = JUnitReport.defaultMaximumCases

    @Option(help: "Write the HTML report here (one self-contained file for legal and privacy review; no scripts, no requests).")
    var html: String?

    @Option(
        help: ArgumentHelp(
            "Write the HTML report as a folder: index.html (verdict, causes, sign-off, every workspace listed) and a page per workspace, replaced as a whole each run: for nightly runs over many workspaces.",
            valueName: "dir"))
    var htmlDir: String?

    @Option(
        help:
            "Write SARIF 2.1.0 here for GitHub code scanning: each failing or undecided result at its resource's line in the inventory."
    )
    var sarif: String?

    @Option(help: "Write a Markdown summary here, for $GITHUB_STEP_SUMMARY or a pull-request comment.")
    var markdown: String?

    @Option(
        help: ArgumentHelp(
            "The most characters the Markdown summary may have; whole rows are left out past it (at least \(MarkdownReport.minimumLimit)).",
            valueName: "n"))
    var markdownLimit = MarkdownReport.defaultLimit

    /// The paths of the reports asked for (the JSON document is `check`'s own option).
    var requested: [String] { [junit, junitDir, html, htmlDir, sarif, markdown].compactMap { $0 } }

    /// The reports asked for; `json` is the result document to write (check's `--json`),
    /// `document` where the document is kept, for the Markdown summary to point at.
    func outputs(json: String?, document: String?) throws -> ReportOutputs {
        var outputs = ReportOutputs()
        outputs.json = json
        outputs.junit = junit
        outputs.junitFolder = junitDir
        outputs.junitMaximumCases = junitMaxCases
        outputs.html = html
        outputs.htmlFolder = htmlDir
        outputs.sarif = sarif
        outputs.markdown = markdown
        outputs.markdownLimit = markdownLimit
        // Paths are made relative to the folder the command runs in, the repository root in CI.
        outputs.root = FileManager.default.currentDirectoryPath
        outputs.documentPath = document
        if let problem = outputs.problem { throw ValidationError(problem) }
        return outputs
    }
}

extension ReportOutputs {
    /// Refuses report paths that are devices, folders, inputs or named twice, before the run
    /// reads anything: exit 2 with nothing written.
    func checkOrExit(inputs: [InputPath], format: DiagnosticRenderer.Format) throws {
        let problems = check(inputs: inputs)
        guard problems.isEmpty else {
            Terminal.emit(problems, files: [], format: format)
            if format == .human { Terminal.stderr("residency: no report written: fix the errors above\n") }
            throw ExitCode(Audit.ExitStatus.invalidInput.rawValue)
        }
    }

    /// Writes the reports, all or none; the reason none was written (E1607, E1608) when one
    /// could not be.
    func writeAll(
        _ document: ResultDocument, records: BatchRecords? = nil, settings: OutputBatch.Settings, progress: ProgressMode
    ) -> Diagnostic? {
        // The reports' own progress: a night's HTML and JUnit folders take a while.
        let display = progress.display()
        defer { display?.finish() }
        do {
            try write(document, records: records, settings: settings, progress: display.map { d in ProgressCounter { d.update($0, $1, $2) } })
        } catch {
            return error
        }
        return nil
    }
}

extension OutputBatch.Settings {
    /// From the environment: `RESIDENCY_LOCK_WAIT`, the seconds to wait for another run
    /// writing in the same folder (default 30); `RESIDENCY_TEST_WRITE_DELAY_MS`, for tests
    /// only, a pause before each rename so that a test can interrupt a run while it writes.
    static func commandLine(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Self {
        var settings = Self()
        if let text = environment["RESIDENCY_LOCK_WAIT"] {
            guard let seconds = Double(text), seconds >= 0, seconds <= 86_400 else {
                throw ValidationError("RESIDENCY_LOCK_WAIT must be a number of seconds from 0 to 86400, found '\(text)'")
            }
            settings.lockWait = .milliseconds(Int64(seconds * 1000))
        }
        if let text = environment["RESIDENCY_TEST_WRITE_DELAY_MS"], let ms = Int64(text), ms > 0 {
            settings.pauseBeforeRename = .milliseconds(ms)
        }
        return settings
    }
}
