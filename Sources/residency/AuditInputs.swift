import ArgumentParser
import Foundation
import ResidencyKit

extension AuditRun.Options {
    /// The inputs `check` and `explain` both read, read the same way so that `explain`
    /// re-evaluates exactly what `check` evaluated: with no `--inventory`, the bundled example
    /// (examples/inventory with examples/facts.yaml); `--param NAME=VALUE` pairs; and the run's
    /// clock from `--now` or `SOURCE_DATE_EPOCH`.
    static func commandLine(
        policies: [String], inventories: [String], catalogs: [String], facts: String?, params: [String], now: String?
    ) throws -> AuditRun.Options {
        var options = AuditRun.Options()
        let usingExample = inventories.isEmpty
        if policies.isEmpty, let missing = StandardPack.notFound() { throw ValidationError(missing) }
        options.policies = policies.isEmpty ? [StandardPack.folder()] : policies
        options.inventories = usingExample ? [StandardPack.path("examples/inventory")] : inventories
        options.facts = facts ?? (usingExample ? StandardPack.path("examples/facts.yaml") : nil)
        options.catalogs = catalogs
        for p in params {
            guard let eq = p.firstIndex(of: "="), eq != p.startIndex else {
                throw ValidationError("--param takes NAME=VALUE, found '\(p)'")
            }
            options.params[String(p[..<eq])] = String(p[p.index(after: eq)...])
        }
        options.clock = try RunClock.clock(now: now, environment: ProcessInfo.processInfo.environment)
        return options
    }
}

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
