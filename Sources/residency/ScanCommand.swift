import ArgumentParser
import ResidencyKit

/// `residency scan`: the Segment SDK settings in application code.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Find the Segment SDK setups in application code and the settings that decide where their events go.",
        usage: "residency scan <paths> ... [--json <file>] [--env <file>]",
        discussion: """
            Reads the code under each path (respecting .gitignore; skipping node_modules, Pods, vendor and build
            output) as code, not lines: a setting in a comment is not a setting, a string constant defined in the
            same file or another file of the same language is followed, and a value read from the environment or a
            build setting is reported as such (env SEGMENT_API_HOST) unless --env or a .env file at the top of a
            path gives it. Prints one line per SDK set up; --json writes them in the shape of an export bundle's
            sdkConfigs, each with the code location it came from (docs/scan.md).

            Exit codes: 0 scanned (whatever was found); 2 a path or --env file that cannot be read, or an output
            that cannot be written; 3 internal error. Files that cannot be read or tokenised are named (W1801,
            W1802) and counted, and the scan goes on.

            Examples:
              residency scan ios-app/ web/
              residency scan . --json reports/sdk-configs.json
              residency scan services/ --env deploy/production.env
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

    @Option(help: "How to print diagnostics: human (to stderr) or json (to stdout).")
    var diagnosticsFormat: DiagnosticRenderer.Format = .human

    func run() throws {
        let outcome = CodeScan.run(CodeScan.Options(paths: paths, environmentFile: environmentFile))
        Terminal.emit(outcome.diagnostics, files: outcome.sources, format: diagnosticsFormat)
        guard !outcome.hasErrors else {
            Terminal.stderr("residency: nothing scanned: fix the errors above\n")
            throw ExitCode(Audit.ExitStatus.invalidInput.rawValue)
        }
        if let json {
            do throws(Diagnostic) {
                try ScanReport.write(ScanReport.json(outcome, paths: paths), to: json, read: outcome.walked)
            } catch {
                Terminal.emit([error], files: [], format: diagnosticsFormat)
                throw ExitCode(Audit.ExitStatus.invalidInput.rawValue)
            }
        }
        if diagnosticsFormat == .human { Terminal.stdout(ScanReport.text(outcome)) }
    }
}
