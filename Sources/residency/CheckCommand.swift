import ArgumentParser
import Foundation
import ResidencyKit

/// `residency check`: the gate. Loads policies, the catalog, facts and inventories, evaluates,
/// prints a summary, writes the JSON result document, and exits 0, 1 or 2.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Audit workspace inventories against the policies; exit 1 when findings reach --fail-on.",
        discussion: """
            With no arguments it audits the bundled example (examples/inventory with examples/facts.yaml) against policies/.

            Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it (an indeterminate outcome counts \
            as a failure of its policy's severity); 2 invalid input or usage, nothing evaluated, or a report that \
            cannot be written; 3 internal error.

            Incompleteness is never compliance: a workspace whose inventory says it leaves resources out (an API page \
            whose pagination.next was not followed, a Terraform plan marked errored or not complete) is indeterminate \
            (RES-013, severity error) unless --allow-incomplete, which audits what is there and records it.

            Reports (--json, --junit, --html, --sarif, --markdown) are written even when the gate fails, all or none: \
            each to a temporary file first, then all renamed into place. On bad input none is written; a report path that \
            is a device, a folder, an input or named twice is refused before anything is read; a report that cannot be \
            written is exit 2, with the previous reports as they were (docs/reports.md, "How reports are written").

            Examples:
              residency check
              residency check --inventory exports/ --facts facts.yaml --json reports/results.json
              residency check --json reports/results.json --junit reports/junit.xml --html reports/report.html
              residency check --sarif reports/residency.sarif --markdown "$GITHUB_STEP_SUMMARY"
              residency check --inventory acme-eu.json --param swiss_adequacy=true --fail-on warning
              residency check --baseline reports/last-night.json --fail-on-new --waivers waivers.yaml
              residency check --inventory nightly/ --json reports/nightly.json --html-dir reports/nightly --junit-dir reports/junit
            """
    )

    @OptionGroup(title: "Inputs")
    var inputs: AuditInputOptions

    @Option(help: "A previous run's JSON result document: findings become new or unchanged, and resolved ones are listed.")
    var baseline: String?

    @Flag(help: "With --baseline: fail only on findings the baseline did not have.")
    var failOnNew = false

    @Flag(help: "Ignore every waiver (--waivers included).")
    var noWaivers = false

    @Flag(
        help:
            "Audit workspaces whose inventory is incomplete (more API pages, an errored or incomplete plan) as they are, with a warning, instead of failing them (RES-013)."
    )
    var allowIncomplete = false

    @Option(help: "Write the JSON result document here.")
    var json: String?

    @OptionGroup
    var reports: ReportOptions

    @Option(
        help:
            "Progress on standard error: auto (a bar on a terminal; plain lines in logs for runs of 100+ files), always or never."
    )
    var progress: ProgressMode = .auto

    @Option(help: "Fail on findings of this severity or worse: error, warning or never.")
    var failOn: AuditRun.FailOn = .error

    @Option(help: "How to print diagnostics: human (to stderr) or json (to stdout).")
    var diagnosticsFormat: DiagnosticRenderer.Format = .human

    func validate() throws {
        if failOnNew && baseline == nil { throw ValidationError("--fail-on-new needs --baseline PREVIOUS.json") }
    }

    func run() throws {
        let outputs = try reports.outputs(json: json, document: json)
        let writing = try OutputBatch.Settings.commandLine()
        var options = try inputs.options()
        options.failOn = failOn
        options.baseline = baseline
        options.failOnNew = failOnNew
        if noWaivers { options.waivers = nil }
        options.allowIncomplete = allowIncomplete
        options.provenance = .fromEnvironment(ProcessInfo.processInfo.environment)
        // Before anything is read: a report path that is a device, a folder, an input or
        // named twice is refused, with nothing done and nothing written.
        try outputs.checkOrExit(inputs: options.inputs, format: diagnosticsFormat)

        // The run goes through its inventories in batches when it can; reports other than the
        // JSON are rendered from the whole document, read back once the last batch is written.
        options.inBatches = true
        options.wholeDocument = !outputs.targets.allSatisfy { $0.option == "--json" }
        // SARIF and the Markdown summary list no passing or not-applicable result, and the HTML
        // report counts them. A JUnit file lists passes while it is under its cap: the run lets
        // them go once past it (`Options.junitCases`). The folders' pages list or count each
        // workspace's own.
        options.keepsPasses = !outputs.targets.allSatisfy {
            ["--json", "--sarif", "--markdown", "--html", "--junit"].contains($0.option)
        }
        if outputs.junit != nil { options.junitCases = outputs.junitMaximumCases }
        options.batchRecords = !outputs.targets.isEmpty
        let display = progress.display()
        if let display { options.progress = ProgressCounter { display.update($0, $1, $2) } }
        let outcome = AuditRun.run(options)
        display?.finish()
        guard let document = outcome.document else {
            Terminal.emit(outcome.diagnostics, files: outcome.files, format: diagnosticsFormat)
            if diagnosticsFormat == .human { Terminal.stderr("residency: no report written: fix the errors above\n") }
            throw ExitCode(outcome.status.rawValue)
        }
        // A report over a file found in an input folder is known only now, still before
        // anything is written.
        var failures = OutputPaths.check(outputs.targets, read: outcome.readPaths)
        // `explain` takes the same input options: the ones given here, repeated.
        let summary = TerminalSummary(colour: Terminal.isColourTerminal(1), explainInputs: inputs.arguments).render(document)
        // The verdict first: a write that fails, waits for another run or is interrupted
        // still leaves it in the log. (JSON diagnostics stay one document, after writing.)
        if diagnosticsFormat == .human {
            Terminal.emit(outcome.diagnostics, files: outcome.files, format: .human)
            Terminal.stdout(summary)
        }
        let clock = ContinuousClock()
        let writeStart = clock.now
        // Every report is written, all or none, even when the gate fails: that is when it is read.
        if failures.isEmpty,
            let failure = outputs.writeAll(document, records: outcome.records, settings: writing, progress: progress)
        {
            failures = [failure]
        }
        let writeTime = clock.now - writeStart
        if diagnosticsFormat == .json {
            Terminal.emit(outcome.diagnostics + failures, files: outcome.files, format: .json)
            Terminal.stdout(summary)
        } else if !failures.isEmpty {
            Terminal.emit(failures, files: [], format: .human)
            Terminal.stderr("residency: no report written; the previous reports are as they were\n")
        } else {
            // Where each report went, for a CI log's reader to find it.
            for target in outputs.targets {
                Terminal.stdout("wrote \(Neutralise.terminal(target.path, limit: Neutralise.nameLimit)) (\(target.option))\n")
            }
            // One file holds the registers of the worst workspaces only: say where all of them go.
            let shown = HTMLReport.Limits().workspacesWithFlows
            if outputs.html != nil, outputs.htmlFolder == nil, document.workspaces.count > shown {
                Terminal.stdout(
                    "note: the HTML report draws the data flows of the \(shown) worst of \(document.workspaces.count) workspaces; "
                        + "--html-dir writes an index and a page for each\n")
            }
        }
        if ProcessInfo.processInfo.environment["RESIDENCY_TIMINGS"] == "1" {
            for (name, seconds) in outcome.stages { Terminal.stderr("timing: \(name): \(Int(seconds * 1000)) ms\n") }
            Terminal.stderr("timing: json: \(Terminal.milliseconds(writeTime)) ms\n")
        }
        // A report that could not be written is exit 2 whatever the verdict: the gate's
        // evidence is missing.
        let status = failures.isEmpty ? outcome.status : .invalidInput
        // Exit with the outcome still referenced: the system reclaims a large run's findings
        // at once, where releasing them one by one took tens of milliseconds after the report
        // was already written. (Same status as `throw ExitCode(_:)`; nothing is buffered.)
        withExtendedLifetime(outcome) { Foundation.exit(status.rawValue) }
    }
}

extension AuditRun.FailOn: ExpressibleByArgument {}

/// `--progress`: when to show how far a long run has come.
enum ProgressMode: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    /// A bar on a terminal; elsewhere (a CI log) a line per tenth, by default only for runs
    /// of at least 100 inventory files or workspaces.
    func display() -> ProgressDisplay? {
        let terminal = isatty(2) == 1
        switch self {
        case .never: return nil
        case .always: return ProgressDisplay(style: terminal ? .bar : .lines) { Terminal.stderr($0) }
        case .auto:
            return ProgressDisplay(style: terminal ? .bar : .lines, minimumTotal: terminal ? 0 : 100) { Terminal.stderr($0) }
        }
    }
}

/// The run's one clock: `--now`, else `SOURCE_DATE_EPOCH`, else the system time. Either
/// given value is checked whole and kept within the years 1 to 9999 that dates are written
/// in, so that no value can trap later on (a day count past `Int32`, an empty `--now`).
enum RunClock {
    /// 9999-12-31T23:59:59Z, the last second a report can write.
    static let latestEpoch = 253_402_300_799

    static func instant(now: RunTime?, environment: [String: String]) throws -> Date? {
        if let now { return now.date }
        if let epoch = environment["SOURCE_DATE_EPOCH"] {
            guard !epoch.isEmpty, epoch.utf8.allSatisfy({ (48...57).contains($0) }) else {
                throw ValidationError("SOURCE_DATE_EPOCH must be whole seconds since 1970, found '\(quoted(epoch))'")
            }
            guard let seconds = Int(epoch), seconds <= latestEpoch else {
                throw ValidationError(
                    "SOURCE_DATE_EPOCH must be at most \(latestEpoch) (9999-12-31T23:59:59Z), found \(quoted(epoch))")
            }
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        }
        return nil
    }

    /// The clock a run reads: fixed at `--now` or `SOURCE_DATE_EPOCH` when either is given,
    /// else the system time.
    static func clock(now: String?, environment: [String: String]) throws -> @Sendable () -> Date {
        try clock(now: now.map(RunTime.parse), environment: environment)
    }

    static func clock(now: RunTime?, environment: [String: String]) throws -> @Sendable () -> Date {
        let instant = try instant(now: now, environment: environment)
        return { instant ?? Date() }
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` or a bare date (midnight UTC); nil for anything else, the empty
    /// string and a lone `T` included.
    static func parse(_ text: String) -> Date? {
        let parts = text.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = parts.first, let day = Day(iso: first) else { return nil }
        var seconds = 0
        if parts.count == 2 {
            var time = parts[1]
            guard time.hasSuffix("Z") else { return nil }
            time = time.dropLast()
            let hms = time.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
            guard hms.count == 3, let h = hms[0], let m = hms[1], let s = hms[2], (0..<24).contains(h), (0..<60).contains(m),
                (0..<61).contains(s)
            else { return nil }
            seconds = h * 3600 + m * 60 + s
        }
        return Date(timeIntervalSince1970: TimeInterval(Int(day.daysSinceEpoch) * 86_400 + seconds))
    }

    /// A value the user gave, quoted in a message: on one line and short.
    private static func quoted(_ s: String) -> String { Neutralise.terminal(s, limit: 80) }
}
