import ArgumentParser
import Foundation
import ResidencyKit

/// `residency explain`: shows how one outcome came about, passes included.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show how one policy's outcome for one resource came about: every sub-expression and its value.",
        usage: "residency explain --policy <id> --resource <id> [<options>]",
        discussion: """
            Loads the same inputs as check (same defaults: the bundled example) and re-evaluates one pair with \
            tracing on. Works for every outcome, passes included. With --waivers it also shows the waiver that \
            matched (or that expired), as check would apply it.

            Examples:
              residency explain --policy RES-001 --resource 64c3d5e6f7a8b9c0d1e2f3a4
              residency explain --policy RES-001 --resource 64c3d5e6f7a8b9c0d1e2f3a4 --waivers examples/waivers.yaml
              residency explain --policy RES-005 --resource Fz6Gy1Hx4Jw7Kv0Lu3Mt5n --inventory exports/ --workspace acme-us
            """
    )

    @Option(help: "The policy id, e.g. RES-001.")
    var policy: String

    @Option(help: "The resource id (a destination, source, warehouse or workspace id).")
    var resource: String

    @Option(help: "The workspace slug or id, when the resource id is not unique.")
    var workspace: String?

    @OptionGroup(title: "Inputs (as for check)")
    var inputs: AuditInputOptions

    func run() throws {
        let options = try inputs.options()
        let (explanation, diagnostics, files) = AuditRun.explain(
            options, .init(policy: policy, resource: resource, workspace: workspace))
        Terminal.emit(diagnostics, files: files, format: .human)
        guard let explanation else { throw ExitCode(Audit.ExitStatus.invalidInput.rawValue) }
        Terminal.stdout(ExplainText.render(explanation))
    }
}
