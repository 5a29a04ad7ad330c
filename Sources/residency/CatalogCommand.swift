import ArgumentParser
import Foundation
import ResidencyKit

/// `residency catalog`: build the integration catalog from Segment's own data, and check
/// catalog files (the bundled one or a user's) as the audit reads them.
struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Generate or check catalog files (where Segment offers each integration).",
        subcommands: [CatalogGenerateCommand.self, CatalogCheckCommand.self]
    )
}

struct CatalogGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a catalog file from Segment's catalog data or a Public API answer.",
        usage: "residency catalog generate --from <file> ... --output <file> [<options>]",
        discussion: """
            Reads Segment's published catalog data (segment-docs src/_data/catalog, as in \
            policies/catalog/inputs/) or what `residency export --catalog-output` fetched from \
            the Public API, adds what only Segment's Regional page says (the supplement), and \
            writes a catalog in format 2 (docs/catalog.md). Give the result to `check \
            --catalog FILE`: its rows outrank an export's own metadata and the bundled catalog.

            Exits 0 written, 2 bad input (nothing is written).

            Examples:
              residency catalog generate --from catalog/live.json --output my-catalog.json
              scripts/update-catalog.sh      # regenerate the bundled catalog
            """
    )

    @Option(name: .customLong("from"), help: "Segment catalog data or a --catalog-output file (repeatable).")
    var inputs: [String] = []

    @Option(help: "The Regional page supplement (default: policies/catalog/inputs/segment-regional-page.json).")
    var supplement = "policies/catalog/inputs/segment-regional-page.json"

    @Option(help: "The catalog's version (default: today, UTC).")
    var catalogVersion: String?

    @Option(help: "Where to write the catalog.")
    var output: String

    func validate() throws {
        guard !inputs.isEmpty else { throw ValidationError("give Segment's catalog data with --from FILE") }
        if let v = catalogVersion, v.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--catalog-version must not be empty")
        }
    }

    func run() throws {
        let now = try RunClock.clock(now: nil as RunTime?, environment: ProcessInfo.processInfo.environment)()
        let version = catalogVersion ?? String(ISO8601DateFormatter().string(from: now).prefix(10))
        let (generated, files) = CatalogGenerator.generate(dataPaths: inputs, supplementPath: supplement, version: version)
        Terminal.emit(generated.diagnostics, files: files, format: .human)
        guard let bytes = generated.bytes else { throw ExitCode(Audit.ExitStatus.invalidInput.rawValue) }
        do {
            try AtomicFile.write(bytes, to: output)
        } catch {
            Terminal.stderr("error: \(error)\n")
            throw ExitCode(Audit.ExitStatus.invalidInput.rawValue)
        }
        let counts = Catalog.Table.allCases.map { "\(generated.counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
        Terminal.stdout("wrote \(output): \(counts)\n")
        if !generated.derivedVendors.isEmpty {
            Terminal.stdout(
                "note: \(generated.derivedVendors.count) vendor name(s) derived from the integration name "
                    + "(add them to the supplement's `vendors`): \(generated.derivedVendors.joined(separator: ", "))\n")
        }
    }
}

struct CatalogCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check catalog files exactly as the audit reads them; print their counts.",
        discussion: """
            Exits 0 valid, 2 when a file has an error (each is printed at its line and column).

            Examples:
              residency catalog check policies/catalog/segment-regional.json
              residency catalog check my-catalog.json
            """
    )

    @Argument(help: "Catalog files.")
    var paths: [String]

    func run() throws {
        var failed = false
        for path in paths {
            let loaded = CatalogLoader.load(paths: [path], bundled: path)
            Terminal.emit(loaded.diagnostics, files: loaded.sources, format: .human)
            if loaded.diagnostics.contains(where: { $0.severity == .error }) {
                failed = true
                continue
            }
            let c = loaded.catalog
            let eu = c.destinations.filter(\.euWorkspace).count
            let euEndpoint = c.destinations.filter(\.euEndpoint).count
            Terminal.stdout(
                "\(path): catalog \(c.version): \(c.destinations.count) destinations (\(eu) offered in EU workspaces, "
                    + "\(euEndpoint) with an EU endpoint), \(c.sources.count) sources "
                    + "(\(c.sources.filter(\.euWorkspace).count) in EU workspaces), \(c.warehouses.count) warehouses\n")
        }
        if failed { throw ExitCode(Audit.ExitStatus.invalidInput.rawValue) }
    }
}
