import ArgumentParser
import Foundation
import ResidencyKit

/// Where the standard policy pack (with its catalog) is when `--policies` is not given: the
/// `policies` folder here (a checkout of the repository), else `$RESIDENCY_HOME/policies`, else
/// the pack installed beside the binary (`<prefix>/share/residency/policies`, where
/// scripts/install.sh puts it next to `<prefix>/bin/residency`). So an installed `residency
/// check` runs outside the repository.
enum StandardPack {
    /// The folder holding `policies/` (and the bundled `examples/`): "." in a checkout.
    static func base(
        environment: [String: String] = ProcessInfo.processInfo.environment, executable: String = CommandLine.arguments[0]
    ) -> String? {
        let fm = FileManager.default
        if fm.fileExists(atPath: "policies") { return nil }
        // Set, it is meant: a home without a pack is the error that names it, never skipped
        // for another pack.
        if let home = environment["RESIDENCY_HOME"], !home.isEmpty { return home }
        let installed = installed(executable)
        return fm.fileExists(atPath: installed + "/policies") ? installed : nil
    }

    /// `<prefix>/share/residency` for a binary at `<prefix>/bin/residency` (links resolved).
    static func installed(_ executable: String) -> String {
        URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("share/residency").path
    }

    /// `relative` under the base: `policies`, `examples/inventory`.
    static func path(_ relative: String) -> String {
        base().map { "\($0)/\(relative)" } ?? relative
    }

    static func folder() -> String { path("policies") }

    /// When no standard pack is where it is looked for: what was looked at, in order, for the
    /// error (nil when the pack is there).
    static func notFound(
        environment: [String: String] = ProcessInfo.processInfo.environment, executable: String = CommandLine.arguments[0]
    ) -> String? {
        let fm = FileManager.default
        let folder = base(environment: environment, executable: executable).map { "\($0)/policies" } ?? "policies"
        guard !fm.fileExists(atPath: folder) else { return nil }
        if let home = environment["RESIDENCY_HOME"], !home.isEmpty {
            return "no policy pack in RESIDENCY_HOME: \(home)/policies does not exist; pass --policies DIR, or set RESIDENCY_HOME to the folder that holds policies/"
        }
        return "no policy pack found: looked for policies/ here, in RESIDENCY_HOME (not set) and at \(installed(executable))/policies; pass --policies DIR, or set RESIDENCY_HOME to the folder that holds policies/"
    }
}
