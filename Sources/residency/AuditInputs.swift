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
        options.policies = policies.isEmpty ? ["policies"] : policies
        options.inventories = usingExample ? ["examples/inventory"] : inventories
        options.facts = facts ?? (usingExample ? "examples/facts.yaml" : nil)
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
