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
            CatalogCommand.self, ReferenceCommand.self,
        ]
    )

    /// Usage errors exit 2 like every other bad input (ArgumentParser's default is 64),
    /// so that 1 keeps meaning "violations found" and nothing else.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                Terminal.stderr(fullMessage(for: error) + "\n")
                Foundation.exit(Audit.ExitStatus.invalidInput.rawValue)
            }
            exit(withError: error)
        }
    }
}
