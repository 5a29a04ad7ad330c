import ArgumentParser
import Foundation
import ResidencyKit

/// `residency report`: renders reports from a saved result document without running the
/// audit again, through the same code that writes `check`'s reports.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Render reports from a saved JSON result document, without running the audit again.",
        usage: "residency report <results.json> [--html <file>] [<options>]",
        discussion: """
            Reads a result document `residency check --json` wrote (an archived nightly run, or the document of an \
            earlier CI step) and writes the reports named, byte for byte as `check` wrote or would have written them \
            for that run. Run it from the folder `check` ran in (the repository root) so SARIF's paths match.

            It is not a gate: it exits 0 once the reports are written, whatever the document's verdict, which it \
            prints. A saved verdict was decided against the policies and inventories of its day; gate with \
            `residency check`.

            Exit codes: 0 reports written; 2 a file that cannot be read or is not a result document (with its \
            file:line:col), a document whose counts disagree with its results, a report that cannot be written, or usage \
            (at least one report option is needed); 3 internal error. \
            Nothing is written when the document is refused; the reports are written all or none, each to a temporary \
            file first, then all renamed into place (docs/reports.md, "How reports are written").

            Examples:
              residency report reports/results.json --html reports/report.html
              residency report archive/2026-11-28.json --html legal/2026-11-28.html
              residency report residency.json --sarif residency.sarif --junit-dir junit
            """
    )

    @Argument(help: ArgumentHelp("A result document `residency check --json` wrote.", valueName: "results.json"))
    var document: String

    @OptionGroup
    var reports: ReportOptions

    @Option(help: "How to print diagnostics: human (to stderr) or json (to stdout).")
    var diagnosticsFormat: DiagnosticRenderer.Format = .human

    @Option(
        help:
            "Progress on standard error: auto (a bar on a terminal; plain lines in logs for 100+ files written), always or never."
    )
    var progress: ProgressMode = .auto

    func validate() throws {
        if reports.requested.isEmpty {
            throw ValidationError(
                "name at least one report to write: --junit, --junit-dir, --html, --html-dir, --sarif or --markdown")
        }
    }

    func run() throws {
        var outputs = try reports.outputs(json: nil, document: document)
        let writing = try OutputBatch.Settings.commandLine()
        // Before the document is read: no report may replace it, a device or a folder.
        try outputs.checkOrExit(inputs: [InputPath("report", document)], format: diagnosticsFormat)
        let clock = ContinuousClock()
        let start = clock.now
        // Hashed only when an HTML report names the digest (a night's document is large).
        // SARIF, the Markdown summary, the HTML report and a large JUnit file list no passing
        // or not-applicable result (97% of a night's): read for those alone, such results are
        // checked and counted, not kept; read again, kept, if the JUnit file turns out to list them.
        let reading = outputs.readDocument(at: document, digest: outputs.html != nil || outputs.htmlFolder != nil)
        // The saved document's digest, for the HTML report's sign-off (the same `check` put there).
        outputs.documentDigest = reading.sha256
        let read = clock.now
        guard let result = reading.document else {
            Terminal.emit(reading.diagnostics, files: reading.files, format: diagnosticsFormat)
            if diagnosticsFormat == .human { Terminal.stderr("residency: no report written: fix the errors above\n") }
            throw ExitCode(Audit.ExitStatus.invalidInput.rawValue)
        }
        // The verdict first, as `check` prints it: it stands whether or not the reports are written.
        if diagnosticsFormat == .human {
            Terminal.emit(reading.diagnostics, files: reading.files, format: .human)
            // The document's own words, on their lines: an edited document cannot print a line.
            func shown(_ s: String) -> String { Neutralise.terminal(s, limit: Neutralise.nameLimit) }
            Terminal.stdout(
                """
                \(shown(document)): the run of \(shown(result.run.startedAt)) (audit date \(shown(result.run.auditDate))): \
                \(result.summary.verdict.headline); \(shown(result.summary.gateWords)); \(result.summary.evaluated) results

                """)
        }
        let afterRead = ProcessInfo.processInfo.environment["RESIDENCY_TIMINGS"] == "1" ? Terminal.memory() : ""
        let failure = outputs.writeAll(result, settings: writing, progress: progress)
        if diagnosticsFormat == .json {
            Terminal.emit(reading.diagnostics + (failure.map { [$0] } ?? []), files: reading.files, format: .json)
        } else if let failure {
            Terminal.emit([failure], files: [], format: .human)
        } else {
            Terminal.stdout(
                "wrote \(reports.requested.map { Neutralise.terminal($0, limit: Neutralise.nameLimit) }.joined(separator: ", "))\n"
            )
        }
        if failure != nil { throw ExitCode(Audit.ExitStatus.invalidInput.rawValue) }
        if ProcessInfo.processInfo.environment["RESIDENCY_TIMINGS"] == "1" {
            Terminal.stderr(
                "timing: read: \(Terminal.milliseconds(read - start)) ms (\(afterRead))\n"
                    + "timing: reports: \(Terminal.milliseconds(clock.now - read)) ms (\(Terminal.memory()))\n")
        }
        // As `check` does: the system reclaims a large document's results at once on exit.
        withExtendedLifetime(reading) { Foundation.exit(Audit.ExitStatus.ok.rawValue) }
    }
}
