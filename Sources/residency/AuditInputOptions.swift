import ArgumentParser
import Foundation
import ResidencyKit

/// The inputs `check` and `explain` both read, declared once so that their help cannot drift
/// and `explain` re-evaluates exactly what `check` evaluated.
struct AuditInputOptions: ParsableArguments {
    @Option(name: .customLong("policies"), help: "Policy folder or file (repeatable).")
    var policies: [String] = []

    @Option(name: .customLong("inventory"), help: "Export bundle file or folder (JSON or YAML; repeatable).")
    var inventories: [String] = []

    @Option(
        name: .customLong("catalog"),
        help: "Catalog file (repeatable; later files override earlier rows). Default: <policies>/catalog/segment-regional.json.")
    var catalogs: [String] = []

    @Option(help: "The organisation's facts file (DPF-certified vendors …).")
    var facts: String?

    @Option(name: .customLong("param"), help: ArgumentHelp("Set a policy param (repeatable).", valueName: "name=value"))
    var paramArguments: [String] = []

    @Option(help: "A waivers file (YAML or JSON): approved, expiring exceptions kept apart from the policies.")
    var waivers: String?

    @Option(help: "The longest a waiver may run from the audit date, in days.")
    var waiverMaxDays = WaiverLoader.defaultMaximumDays

    @Option(
        name: .customLong("scan"),
        help: ArgumentHelp(
            "Application code to scan for Segment SDK setups (repeatable): they configure the sources whose write keys they use (docs/scan.md).",
            valueName: "path"))
    var scanPaths: [String] = []

    @Option(
        name: .customLong("scan-env"),
        help: ArgumentHelp(
            "An environment file (NAME=value) for the values the scanned code reads from the environment.", valueName: "file"))
    var scanEnvironment: String?

    @Option(
        name: .customLong("scan-exclude"),
        help: ArgumentHelp(
            "Paths under --scan to leave out, in .gitignore's syntax (repeatable): code that does not ship, as '**/__tests__/'.",
            valueName: "pattern"))
    var scanExclude: [String] = []

    @Option(
        name: .customLong("now"),
        help: "The run's time (UTC, e.g. 2026-11-28T02:00:00Z) for reproducible reports; default: now, or SOURCE_DATE_EPOCH.")
    var nowArgument: String?

    // `--param` and `--now` are taken as text and parsed here, into the typed values below,
    // rather than by a transform: swift-argument-parser's own message for a bad value repeats
    // the value raw, escape sequences and all, where ours neutralise it for the terminal.
    var params: [ParamAssignment] { paramArguments.compactMap(ParamAssignment.init(argument:)) }
    var now: RunTime? { nowArgument.flatMap(RunTime.init(argument:)) }

    func validate() throws {
        for p in paramArguments { _ = try ParamAssignment.parse(p) }
        if let nowArgument { _ = try RunTime.parse(nowArgument) }
        if !scanExclude.isEmpty, scanPaths.isEmpty {
            throw ValidationError("--scan-exclude needs --scan: it leaves out paths under the scanned folders")
        }
        if scanEnvironment != nil, scanPaths.isEmpty {
            throw ValidationError("--scan-env needs --scan: it resolves what scanned code reads")
        }
        guard waiverMaxDays >= 0 else {
            throw ValidationError("--waiver-max-days takes a number of days, found \(waiverMaxDays)")
        }
    }

    /// The run's options: with no `--inventory`, the bundled example (examples/inventory with
    /// examples/facts.yaml); the run's clock from `--now` or `SOURCE_DATE_EPOCH`.
    func options(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AuditRun.Options {
        var options = AuditRun.Options()
        let usingExample = inventories.isEmpty
        if policies.isEmpty, let missing = StandardPack.notFound() { throw ValidationError(missing) }
        options.policies = policies.isEmpty ? [StandardPack.folder()] : policies
        options.inventories = usingExample ? [StandardPack.path("examples/inventory")] : inventories
        options.facts = facts ?? (usingExample ? StandardPack.path("examples/facts.yaml") : nil)
        options.catalogs = catalogs
        for p in params { options.params[p.name] = p.value }
        options.waivers = waivers
        options.waiverMaximumDays = waiverMaxDays
        options.clock = try RunClock.clock(now: now, environment: environment)
        if !scanPaths.isEmpty {
            options.scan = CodeScan.Options(paths: scanPaths, environmentFile: scanEnvironment, exclude: scanExclude)
        }
        return options
    }

    /// These options as given, for a command line that repeats them (`explain` after `check`).
    var arguments: [String] {
        var given: [String] = []
        for p in policies { given += ["--policies", p] }
        for i in inventories { given += ["--inventory", i] }
        for c in catalogs { given += ["--catalog", c] }
        if let facts { given += ["--facts", facts] }
        for p in params { given += ["--param", "\(p.name)=\(p.value)"] }
        for p in scanPaths { given += ["--scan", p] }
        if let scanEnvironment { given += ["--scan-env", scanEnvironment] }
        for e in scanExclude { given += ["--scan-exclude", e] }
        if let now { given += ["--now", now.text] }
        return given
    }
}

/// `--param NAME=VALUE`: a policy param's name and the value given for it (checked against the
/// param's declared type once the policies are read).
struct ParamAssignment: Equatable {
    var name: String
    var value: String

    init?(argument: String) {
        guard let eq = argument.firstIndex(of: "="), eq != argument.startIndex else { return nil }
        name = String(argument[..<eq])
        value = String(argument[argument.index(after: eq)...])
    }

    /// As `init(argument:)`, with the message a user needs when it is not NAME=VALUE.
    static func parse(_ argument: String) throws -> ParamAssignment {
        guard let p = ParamAssignment(argument: argument) else {
            throw ValidationError("--param takes NAME=VALUE, found '\(Neutralise.terminal(argument, limit: 80))'")
        }
        return p
    }
}

/// `--now`: a UTC time (`2026-11-28T02:00:00Z`) or a date (midnight UTC), within the years 1 to
/// 9999 that reports write.
struct RunTime: Equatable {
    var date: Date
    /// As given, for a command line that repeats it.
    var text: String

    init?(argument: String) {
        guard let date = RunClock.parse(argument) else { return nil }
        self.date = date
        text = argument
    }

    /// As `init(argument:)`, with the message a user needs when it is not a time.
    static func parse(_ argument: String) throws -> RunTime {
        guard let t = RunTime(argument: argument) else {
            throw ValidationError(
                "--now takes a UTC time such as 2026-11-28T02:00:00Z (or a date, 2026-11-28), found '\(Neutralise.terminal(argument, limit: 80))'"
            )
        }
        return t
    }
}
