import ArgumentParser
import Foundation
import ResidencyKit

/// `residency export`: pulls a workspace's export bundle from Segment's Public API and writes
/// it where `residency check --inventory` reads it.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Pull a workspace's export bundle from Segment's Public API.",
        usage: "residency export (--region <region> | --workspaces <file>) [<options>]",
        discussion: """
            Fetches the workspace (GET /), its sources, destinations and warehouses, following every page, and writes \
            them as one export bundle (default: exports/<workspace-slug>.json). The bundle records the region's API host, \
            so `residency check` knows the workspace's region.

            The token is read from an environment variable (SEGMENT_PUBLIC_API_TOKEN, or the one --token-env names), \
            never from the command line, and is written nowhere. A token works only against its workspace's region: \
            --region eu for https://eu1.api.segmentapis.com, --region us for https://api.segmentapis.com.

            Rate limits (429), server errors (5xx) and broken connections are tried again, up to 5 attempts per request \
            with growing waits (Retry-After when the API gives it). A 429 that says when Segment's limit resets \
            (X-RateLimit-Reset, msBeforeNext) is waited out until then, without using up an attempt (at most 20 such waits \
            per request). The whole export ends within --timeout seconds: a reset after it fails at once, naming the reset.

            The bundle and the catalog are written as reports are: both or neither, to temporary files renamed into \
            place; an output path that is a device, a folder, the --workspaces file or named twice is refused before \
            any request.

            Exit codes: 0 written; 2 invalid usage, a missing or rejected token, or an API that did not answer \
            usefully, or an output that cannot be written (nothing is written then); 3 internal error.

            Examples:
              SEGMENT_PUBLIC_API_TOKEN=… residency export --region eu
              residency export --region us --token-env ACME_US_TOKEN --output acme-us.json
              residency export --region eu --catalog-output catalog/destinations.json
              residency export --region eu && residency check --inventory exports/
              residency export --workspaces workspaces.yaml     # the nightly run: one token per workspace
            """
    )

    @Option(help: "The workspace's region: eu (eu1.api.segmentapis.com) or us (api.segmentapis.com).")
    var region: SegmentRegion?

    @Option(
        help: ArgumentHelp(
            "Export every workspace a file lists (YAML or JSON: `workspaces: [{region, tokenEnv, output}]`), one token each.",
            valueName: "file"))
    var workspaces: String?

    @Option(
        help: "Send requests to this base URL instead (a proxy or a test server); the bundle still records the region's host.")
    var apiURL: String?

    @Option(help: "The environment variable that holds the Public API token.")
    var tokenEnv = "SEGMENT_PUBLIC_API_TOKEN"

    @Option(help: "Where to write the bundle. Default: exports/<workspace-slug>.json.")
    var output: String?

    @Option(help: "Items per page, 1 to \(PublicAPIClient.maximumPageSize).")
    var pageSize = PublicAPIClient.maximumPageSize

    @Option(help: "The most seconds the whole export may take, retries and waits included.")
    var timeout: Double = 300

    @Option(
        help:
            "Also fetch Segment's destination catalog into this file (not an inventory: keep it out of the folders given to check --inventory)."
    )
    var catalogOutput: String?

    @Flag(
        help: "Show each request, retry and rate-limit wait on standard error (shown anyway when standard error is a terminal).")
    var verbose = false

    @Option(help: "The export's time (UTC, e.g. 2026-11-28T02:00:00Z) for exportedAt; default: now, or SOURCE_DATE_EPOCH.")
    var now: String?

    /// The first wait between attempts, in seconds; tests shorten it.
    @Option(help: .hidden)
    var retryBaseDelay: Double?

    func validate() throws {
        switch (region, workspaces) {
        case (nil, nil): throw ValidationError("give --region eu|us, or --workspaces FILE to export several workspaces")
        case (_?, _?): throw ValidationError("give --region or --workspaces, not both (each entry of the file has its region)")
        case (nil, _?) where output != nil || catalogOutput != nil:
            throw ValidationError(
                "with --workspaces, each entry names its `output`; --output and --catalog-output are for one workspace")
        default: break
        }
        guard (1...PublicAPIClient.maximumPageSize).contains(pageSize) else {
            throw ValidationError("--page-size must be 1 to \(PublicAPIClient.maximumPageSize), found \(pageSize)")
        }
        guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout must be a positive number of seconds") }
        if let retryBaseDelay, !(retryBaseDelay >= 0) { throw ValidationError("--retry-base-delay must be 0 or more") }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let clock = try RunClock.clock(now: now, environment: environment)
        let writing = try OutputBatch.Settings.commandLine(environment)
        var written: [OutputTarget] = []
        if let region {
            // Before any request: an output that is a device, a folder or named twice is refused.
            try checkOrExit(
                [output.map { OutputTarget("--output", $0) }, catalogOutput.map { OutputTarget("--catalog-output", $0) }]
                    .compactMap { $0 }, inputs: [])
            let target = output.map { OutputTarget("--output", $0) }
            guard export(region: region, tokenEnv: tokenEnv, output: target, clock, environment, writing, &written) else {
                throw ExitCode(Audit.ExitStatus.invalidInput.rawValue)
            }
            return
        }
        guard let workspaces else { return }
        let (plan, file, diagnostics) = ExportPlan.load(path: workspaces)
        Terminal.emit(diagnostics, files: file.map { [$0] } ?? [], format: .human)
        guard let plan else { throw ExitCode(Audit.ExitStatus.invalidInput.rawValue) }
        let targets = plan.entries.enumerated().map { i, entry in
            entry.output.map { OutputTarget("--workspaces entry \(i + 1)", $0) }
        }
        // Every named output at once, before any request: two entries writing one file, or one
        // over the workspaces file itself, fail before anything is fetched.
        try checkOrExit(targets.compactMap { $0 }, inputs: [InputPath("--workspaces", workspaces)])
        // One after another: the API's rate limits are per workspace, but a nightly run has
        // time, and one failing token must not stop the others.
        var failed = 0
        for (entry, target) in zip(plan.entries, targets) {
            if !export(region: entry.region, tokenEnv: entry.tokenEnv, output: target, clock, environment, writing, &written) {
                failed += 1
            }
        }
        if failed > 0 {
            Terminal.stderr(
                "residency: \(failed) of \(plan.entries.count) exports failed; audit only a folder every export wrote into, or a stale bundle is audited in place of the workspace\n"
            )
            throw ExitCode(Audit.ExitStatus.invalidInput.rawValue)
        }
    }

    private func checkOrExit(_ targets: [OutputTarget], inputs: [InputPath]) throws {
        let problems = OutputPaths.check(targets, inputs: inputs)
        guard problems.isEmpty else {
            Terminal.emit(problems, files: [], format: .human)
            Terminal.stderr("residency: nothing exported: fix the errors above\n")
            throw ExitCode(Audit.ExitStatus.invalidInput.rawValue)
        }
    }

    /// One workspace's export; false (with its diagnostics printed) when it failed.
    private func export(
        region: SegmentRegion, tokenEnv: String, output: OutputTarget?, _ clock: @escaping @Sendable () -> Date,
        _ environment: [String: String], _ writing: OutputBatch.Settings, _ written: inout [OutputTarget]
    ) -> Bool {
        do throws(Diagnostic) {
            let token = try APIToken.fromEnvironment(tokenEnv, environment)
            var client = PublicAPIClient.Options(endpoint: try PublicAPIEndpoint(region: region, apiURL: apiURL))
            client.pageSize = pageSize
            client.timeLimit = timeout
            client.tokenVariable = tokenEnv
            if let retryBaseDelay { client.retry.baseDelay = retryBaseDelay }
            var options = WorkspaceExport.Options(client: client)
            options.includeCatalog = catalogOutput != nil
            options.clock = clock

            let showProgress = verbose || isatty(2) == 1
            let exported = try WorkspaceExport.run(options, token: token) { line in
                if showProgress { Terminal.stderr("residency: \(Neutralise.terminal(line))\n") }
            }
            Terminal.emit(exported.warnings, files: [], format: .human)
            let bundle = output ?? OutputTarget("--output", exported.defaultOutputPath)
            let catalog = catalogOutput.map { OutputTarget("--catalog-output", $0) }
            let path = bundle.path
            // A default path is known only now: not one an earlier export of this run wrote.
            let targets = [bundle] + (catalog.map { [$0] } ?? [])
            if let clash = OutputPaths.check(written + targets).first { throw clash }
            try WorkspaceExport.write(
                exported, to: path, catalogTo: catalogOutput, options: (bundle.option, "--catalog-output"), settings: writing)
            written += targets
            let counts = [
                Self.count(exported.sources, "source"), Self.count(exported.destinations, "destination"),
                Self.count(exported.warehouses, "warehouse"),
            ]
            // The slug is the server's word, and the default path is made from it.
            func shown(_ s: String) -> String { Neutralise.terminal(s, limit: Neutralise.nameLimit) }
            Terminal.stdout(
                "wrote \(shown(path)): workspace \(shown(exported.workspaceSlug)) (\(exported.apiHost)): \(counts.joined(separator: ", "))\n"
            )
            if let catalogOutput {
                Terminal.stdout("wrote \(shown(catalogOutput)): \(Self.count(exported.catalogEntries, "catalog destination"))\n")
            }
        } catch {
            // Everything the export can throw is a Diagnostic (typed throws): bad input or an
            // API that did not answer usefully, never an internal fault.
            Terminal.emit([error], files: [], format: .human)
            Terminal.stderr("residency: no bundle written (\(region.rawValue) workspace, token from \(tokenEnv))\n")
            return false
        }
        return true
    }

    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}

extension SegmentRegion: ExpressibleByArgument {}
