import ArgumentParser
import ResidencyKit

@main
struct Residency: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "residency",
        abstract: "Policy-as-code data-residency auditor for Twilio Segment workspaces."
    )
}
