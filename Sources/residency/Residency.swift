import ArgumentParser
import Foundation
import ResidencyKit

@main
struct Residency: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "residency",
        abstract: "Policy-as-code data-residency auditor for Twilio Segment workspaces.",
        discussion: """
            Exit codes: 0 clean; 1 violations found (check), failing tests (test) or files to reformat (fmt --check); 2 invalid input or usage; 3 internal error.
            """,
        version: ResidencyVersion.current,
        subcommands: [
            CheckCommand.self, ReportCommand.self, ExplainCommand.self, TestCommand.self, FmtCommand.self, ExportCommand.self,
            LintCommand.self,
            CatalogCommand.self, ReferenceCommand.self, ScanCommand.self,
        ]
    )

    /// Usage errors exit 2 like every other bad input (ArgumentParser's default is 64), and
    /// any error a command did not turn into an exit status itself is an internal error, 3
    /// (ArgumentParser's default is 1): 1 keeps meaning "violations found" and nothing else.
    static func main() {
        do {
            var command = try parseAsRoot()
            // A seam for the tests of this mapping: a fault no input can cause on purpose, in
            // our commands only (`--help` parses to ArgumentParser's own).
            if ProcessInfo.processInfo.environment[InjectedFault.variable] == "1",
                configuration.subcommands.contains(where: { ObjectIdentifier($0) == ObjectIdentifier(type(of: command)) })
            {
                throw InjectedFault()
            }
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                // ArgumentParser repeats a bad value as given ("The value '…' is invalid"):
                // escape sequences and other hidden characters are shown, never sent.
                Terminal.stderr(Neutralise.visible(fullMessage(for: error), keepLineFeeds: true) + "\n")
                Foundation.exit(Audit.ExitStatus.invalidInput.rawValue)
            }
            // Help, version, and the statuses commands choose (`ExitCode`) are ArgumentParser's
            // to print; anything else that ends up at the default status 1 is unexpected.
            guard code == .failure, !(error is ExitCode) else { exit(withError: error) }
            Terminal.stderr(
                "residency: internal error: \(Neutralise.terminal(String(describing: error)))\n"
                    + "residency: this is a fault of residency, not of the inputs: please report it with the command that was run\n"
            )
            Foundation.exit(Audit.ExitStatus.internalError.rawValue)
        }
    }
}

/// The error `RESIDENCY_INJECT_INTERNAL_ERROR=1` raises before a command runs, so the tests
/// can check that an unexpected error exits 3 in every command.
struct InjectedFault: Error, CustomStringConvertible {
    static let variable = "RESIDENCY_INJECT_INTERNAL_ERROR"
    var description: String { "a fault injected by \(Self.variable)=1" }
}
