import ArgumentParser
import ResidencyKit

/// `residency lint`: parse and check policy files without running them.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Parse and check policy files; print every problem found.",
        usage: "residency lint [<paths> ...] [--strict] [--diagnostics-format <format>]",
        discussion: """
            Checks names, types, structure, recursion and cost of every policy, without an inventory.
            Exits 0 when there is no error (warnings are printed but do not fail), 2 when there is one.

            Examples:
              residency lint policies/
              residency lint policies/eu.policy --diagnostics-format json
            """
    )

    @Argument(help: "Policy files or folders (folders are searched for *.policy).")
    var paths: [String] = [StandardPack.folder()]

    @Option(help: "How to print diagnostics: human (to stderr) or json (to stdout).")
    var diagnosticsFormat: DiagnosticRenderer.Format = .human

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    func run() throws {
        let checked = Audit.checkPolicies(paths: paths)
        Terminal.emit(checked.diagnostics, files: checked.sources.files, format: diagnosticsFormat)
        let errors = checked.diagnostics.filter { $0.severity == .error }.count
        let warnings = checked.diagnostics.filter { $0.severity == .warning }.count
        if diagnosticsFormat == .human {
            let policies = checked.bundle?.policies.count ?? 0, permits = checked.bundle?.permits.count ?? 0
            let summary =
                "\(checked.sources.files.count) file\(checked.sources.files.count == 1 ? "" : "s"): "
                + (errors == 0
                    ? "\(policies) polic\(policies == 1 ? "y" : "ies"), \(permits) permit\(permits == 1 ? "" : "s"); " : "")
                + "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n"
            if errors == 0 { Terminal.stdout(summary) } else { Terminal.stderr(summary) }
        }
        if errors > 0 || (strict && warnings > 0) {
            throw ExitCode(Audit.ExitStatus.invalidInput.rawValue)
        }
    }
}
