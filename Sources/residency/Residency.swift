import ArgumentParser
import ResidencyKit

@main
struct Residency: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "residency",
        abstract: "Policy-as-code data-residency auditor for Twilio Segment workspaces.",
        discussion: """
            Exit codes: 0 clean, 1 violations found (check), 2 invalid input or usage, 3 internal error.
            """,
        version: ResidencyVersion.current,
        subcommands: [LintCommand.self, ReferenceCommand.self]
    )
}
