import ArgumentParser
import Foundation
import ResidencyKit

/// `residency test`: runs the policy unit tests written next to the policies.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the policy tests (*.test.yaml) written next to the policies.",
        usage: "residency test [<paths> ...] [--coverage] [--threshold <n>] [<options>]",
        discussion: """
            Each test gives a small inventory, inline or as a fixture file, and the outcome expected for \
            (policy, resource) pairs. A failing expectation prints what was expected, what happened and \
            the evaluation's evidence. The policies are the .policy files under PATH; the tests are the \
            *.test.yaml, *.test.yml and *.test.json files under it. See docs/testing.md.

            --coverage reports which policies and permits applied, and which conditions (each `where`, \
            `require` and permit condition, and every operand of their and/or/not) were seen true and \
            false; --threshold fails the run below that percentage of branches.

            Exits 0 when every test passes (and coverage meets the threshold), 1 when a test fails or \
            coverage is below it, 2 on bad policies or test files, or when no test ran.

            Examples:
              residency test
              residency test policies/ --coverage --threshold 90
              residency test policies/ --run "DPF" --verbose
              residency test policies/ --format json > reports/policy-tests.json
              residency test policies/ --junit reports/policy-tests.xml
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "Policy folders or files, and test files or folders (default: policies).")
    var paths: [String] = [StandardPack.folder()]

    @Option(name: .customLong("catalog"), help: "Catalog file (repeatable); default: the one bundled with the policies.")
    var catalogs: [String] = []

    @Option(name: .customLong("run"), help: "Run only the tests whose name contains this text.")
    var filter: String?

    @Flag(help: "Report which policies, conditions and permits the tests exercised.")
    var coverage = false

    @Option(help: "Fail when fewer than this percentage of branches are covered (implies --coverage).")
    var threshold: Double?

    @Flag(name: .shortAndLong, help: "List passing tests too, and warnings about the tests' inventories.")
    var verbose = false

    @Option(help: "Output: text, or json (to stdout).")
    var format: OutputFormat = .text

    @Option(help: "Also write the results as JUnit XML here (a testsuite per test file, a testcase per test).")
    var junit: String?

    @Option(help: "How to print diagnostics: human (to stderr) or json (to stdout).")
    var diagnosticsFormat: DiagnosticRenderer.Format = .human

    @Option(help: "The date tests without a `date` use, as a UTC time; default: now, or SOURCE_DATE_EPOCH.")
    var now: String?

    func validate() throws {
        if let threshold, !(0...100).contains(threshold) {
            throw ValidationError("--threshold takes a percentage from 0 to 100, found \(threshold)")
        }
    }

    func run() throws {
        var options = PolicyTestRunner.Options()
        options.paths = paths
        options.catalogs = catalogs
        options.filter = filter
        options.coverage = coverage || threshold != nil
        options.showTestWarnings = verbose
        options.clock = try RunClock.clock(now: now, environment: ProcessInfo.processInfo.environment)

        let outcome = PolicyTestRunner.run(options)
        Terminal.emit(outcome.diagnostics, files: outcome.files, format: diagnosticsFormat)
        guard let report = outcome.report else { throw ExitCode(Audit.ExitStatus.invalidInput.rawValue) }
        switch format {
        case .text: Terminal.stdout(PolicyTestText.render(report, verbose: verbose, threshold: threshold))
        case .json: Terminal.stdout(PolicyTestText.json(report))
        }
        if let junit {
            do {
                try AtomicFile.write(Array(try PolicyTestJUnit.render(report).utf8), to: junit)
            } catch {
                Terminal.stderr("residency: \(error)\n")
                throw ExitCode(Audit.ExitStatus.invalidInput.rawValue)
            }
        }
        let belowThreshold = threshold.map { (report.coverage?.percent ?? 0) + 1e-9 < $0 } ?? false
        if report.failed > 0 || belowThreshold { throw ExitCode(Audit.ExitStatus.violations.rawValue) }
    }
}
