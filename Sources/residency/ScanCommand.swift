import ArgumentParser
import ResidencyKit

/// `residency scan`: the Segment SDK settings in application code.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Find the Segment SDK setups in application code and the settings that decide where their events go.",
        usage: "residency scan <paths> ... [--json <file>] [--env <file>] [--exclude <pattern> ...] [--inventory <path> ...]",
        discussion: """
            Reads the code under each path (respecting .gitignore; skipping node_modules, Pods, vendor and build \
            output) as code, not lines: a setting in a comment is not a setting, a string constant defined in the \
            same file or another file of the same language is followed, and a value read from the environment or a \
            build setting is reported as such (env SEGMENT_API_HOST) unless --env, or a .env file in the code's \
            folder or one above it, gives it. Prints one line per SDK set up; --json writes them in the shape of an export bundle's \
            sdkConfigs, each with the code location it came from (docs/scan.md).

            With --inventory, each setup is matched by its write key to the exported source that has it (the JSON \
            entry is then keyed by sourceId too), and what cannot be matched is a finding: a write key no exported \
            workspace has, one the scan cannot resolve, a request written by hand to a non-EU host, a source set \
            up differently in two places. check --scan audits the same setups against the policies.

            Exit codes: 0 scanned (and, with --inventory, every setup matched to one source); 1 findings (with \
            --inventory); 2 a path, --env file or inventory that cannot be read, or an output that cannot be \
            written; 3 internal error. Files that cannot be read or tokenised are named (W1801, W1802) and \
            counted, and the scan goes on.

            Examples:
              residency scan ios-app/ web/
              residency scan . --json reports/sdk-configs.json
              residency scan services/ --env deploy/production.env
              residency scan . --exclude '**/__tests__/' --exclude '*.test.ts'
              residency scan . --inventory exports/ --json reports/sdk-configs.json
            """
    )

    @Argument(help: "Folders or files of application code.")
    var paths: [String]

    @Option(help: "Write the SDK setups found as JSON here (the shape of a bundle's sdkConfigs).")
    var json: String?

    @Option(
        name: .customLong("env"),
        help: "An environment file (NAME=value lines) that resolves values the code reads from the environment.")
    var environmentFile: String?

    @Option(
        name: .customLong("exclude"),
        help: ArgumentHelp(
            "Paths to leave out, in .gitignore's syntax relative to each folder scanned (repeatable): code that does not ship.",
            valueName: "pattern"))
    var exclude: [String] = []

    @Option(
        name: .customLong("inventory"),
        help: "Export bundle file or folder whose sources the setups are matched to by write key (repeatable).")
    var inventories: [String] = []

    @Option(name: .customLong("catalog"), help: "Catalog file for reading the inventories (repeatable; as in check).")
    var catalogs: [String] = []

    @Option(help: "How to print diagnostics: human (to stderr) or json (to stdout).")
    var diagnosticsFormat: DiagnosticRenderer.Format = .human

    func run() throws {
        let outcome = CodeScan.run(CodeScan.Options(paths: paths, environmentFile: environmentFile, exclude: exclude))
        Terminal.emit(outcome.diagnostics, files: outcome.sources, format: diagnosticsFormat)
        guard !outcome.hasErrors else {
            Terminal.stderr("residency: nothing scanned: fix the errors above\n")
            throw ExitCode(Audit.ExitStatus.invalidInput.rawValue)
        }
        var matched: CodeScan.Matched?
        if !inventories.isEmpty {
            if let missing = StandardPack.notFound() { throw ValidationError(missing) }
            let m = CodeScan.match(outcome, inventories: inventories, catalogs: catalogs, policies: StandardPack.folder())
            Terminal.emit(m.diagnostics, files: m.files, format: diagnosticsFormat)
            guard !m.diagnostics.hasErrors else {
                Terminal.stderr("residency: setups not matched: fix the errors above\n")
                throw ExitCode(Audit.ExitStatus.invalidInput.rawValue)
            }
            matched = m
        }
        if let json {
            do throws(Diagnostic) {
                try ScanReport.write(
                    ScanReport.json(outcome, paths: paths, inventories: inventories, matched: matched), to: json,
                    // Every file the match read, not only the paths given: a folder's bundles too.
                    read: outcome.walked + inventories + (matched?.files.map(\.path) ?? []))
            } catch {
                Terminal.emit([error], files: [], format: diagnosticsFormat)
                throw ExitCode(Audit.ExitStatus.invalidInput.rawValue)
            }
        }
        if diagnosticsFormat == .human { Terminal.stdout(ScanReport.text(outcome, matched: matched)) }
        if let matched, !matched.findings.isEmpty { throw ExitCode(Audit.ExitStatus.violations.rawValue) }
    }
}
