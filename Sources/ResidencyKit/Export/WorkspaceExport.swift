import Foundation

/// `residency export`: pulls one workspace's export bundle from the Public API — `GET /`,
/// `/sources`, `/destinations`, `/warehouses`, and `/catalog/destinations` when asked — in
/// the format `residency check --inventory` reads (docs/inventory.md), with every list's
/// pages gathered into one plain list.
package enum WorkspaceExport {
    /// The export bundle format written (the loader's `exportVersion`).
    static let exportVersion = 1

    package struct Options: Sendable {
        var client: PublicAPIClient.Options
        /// Also fetch Segment's destination catalog (written to its own file: it is the same
        /// for every workspace, large, and not an inventory).
        package var includeCatalog = false
        /// The run's one clock, for `exportedAt` (`--now`, `SOURCE_DATE_EPOCH`).
        package var clock: @Sendable () -> Date = { Date() }

        package init(client: PublicAPIClient.Options) { self.client = client }
    }

    /// What an export produced, ready to write.
    package struct Exported: Sendable {
        package var workspaceSlug: String
        /// The Public API host recorded in the bundle; the loader infers the region from it.
        package var apiHost: String
        package var sources = 0, destinations = 0, warehouses = 0, catalogEntries = 0
        package var bundle: [UInt8] = []
        /// The catalog document, when asked for.
        package var catalog: [UInt8]?
        /// Repeated items or totals that do not add up: the workspace changed meanwhile.
        package var warnings: [Diagnostic] = []

        /// `exports/<slug>.json`, the slug made safe as a file name.
        package var defaultOutputPath: String { "exports/\(WorkspaceExport.fileName(workspaceSlug)).json" }
    }

    /// Fetches everything and builds the documents; nothing is written. The time limit
    /// starts here. Everything it says passes `APIToken.redact` on the way out — each
    /// progress line, warning and error — and the documents are refused if they hold a piece
    /// of the token (E1312): text from the server reaches no one with the token in it.
    package static func run(
        _ options: Options, token: APIToken, transport: any HTTPTransport = URLSessionTransport(),
        environment: ExportEnvironment = .system, progress: @escaping @Sendable (String) -> Void = { _ in }
    ) throws(Diagnostic) -> Exported {
        do {
            var exported = try fetch(options, token: token, transport: transport, environment: environment) {
                progress(token.redact($0))
            }
            exported.warnings = exported.warnings.map(token.redact)
            return exported
        } catch {
            throw token.redact(error)
        }
    }

    private static func fetch(
        _ options: Options, token: APIToken, transport: any HTTPTransport, environment: ExportEnvironment,
        progress: @escaping @Sendable (String) -> Void
    ) throws(Diagnostic) -> Exported {
        let exportedAt = ResultDocument.timestamp(options.clock())
        let client = PublicAPIClient(
            options: options.client, token: token, transport: transport, environment: environment, progress: progress)
        let endpoint = options.client.endpoint

        progress("GET /")
        let root = try client.get("/", request: "GET /")
        guard let workspace = root.data["workspace"], workspace.kind == .object else {
            throw .unexpectedShape(
                "GET /", "`data.workspace`", expected: "an object", found: root.data["workspace"].map(\.typeName) ?? "nothing",
                at: root.range(root.data["workspace"] ?? root.data))
        }
        for key in ["id", "slug"] where workspace[key]?.string?.isEmpty ?? true {
            throw .unexpectedShape(
                "GET /", "`data.workspace.\(key)`", expected: "a non-empty string",
                found: workspace[key].map { $0.string != nil ? "an empty string" : $0.typeName } ?? "nothing",
                at: root.range(workspace[key] ?? workspace))
        }
        let sources = try client.list("/sources", key: "sources")
        let destinations = try client.list("/destinations", key: "destinations")
        let warehouses = try client.list("/warehouses", key: "warehouses")
        let catalog = options.includeCatalog ? try client.list("/catalog/destinations", key: "destinationsCatalog") : nil

        var exported = Exported(workspaceSlug: workspace["slug"]?.string ?? "", apiHost: endpoint.region.apiHost)
        exported.sources = sources.items.count
        exported.destinations = destinations.items.count
        exported.warehouses = warehouses.items.count
        exported.warnings = sources.warnings + destinations.warnings + warehouses.warnings + (catalog?.warnings ?? [])

        var bundle = header(exportedAt, endpoint)
        // What the listing noticed is written into the bundle: a bundle known to miss items or
        // hold a stale one is audited as incomplete (RES-013), not as the whole workspace.
        let incomplete = sources.incomplete + destinations.incomplete + warehouses.incomplete
        if !incomplete.isEmpty { bundle.member("incomplete", strings: incomplete) }
        bundle.member("workspace", workspace)
        bundle.member("sources", list: sources.items)
        bundle.member("destinations", list: destinations.items)
        bundle.member("warehouses", list: warehouses.items)
        exported.bundle = bundle.finish()
        // Checked on the finished bytes: whatever path the token took, it is not written.
        if token.occurs(in: exported.bundle) { throw .tokenInAnswer("export bundle") }

        if let catalog {
            var document = header(exportedAt, endpoint)
            document.member("destinationsCatalog", list: catalog.items)
            exported.catalog = document.finish()
            exported.catalogEntries = catalog.items.count
            if token.occurs(in: exported.catalog ?? []) { throw .tokenInAnswer("destination catalog") }
        }
        return exported
    }

    /// Writes the bundle (and the catalog, first, when there is one) as reports are written
    /// (`OutputBatch`): both or neither, a reader sees the old files or the new ones, and a
    /// failed write leaves nothing behind. `options` name the paths in messages.
    package static func write(
        _ exported: Exported, to path: String, catalogTo catalogPath: String?,
        options: (bundle: String, catalog: String) = ("--output", "--catalog-output"),
        settings: OutputBatch.Settings = .init()
    ) throws(Diagnostic) {
        let catalog = catalogPath.flatMap { p in exported.catalog.map { (p, $0) } }
        let batch = try OutputBatch(
            (catalog.map { [OutputTarget(options.catalog, $0.0)] } ?? []) + [OutputTarget(options.bundle, path)],
            settings: settings)
        defer { batch.discard() }
        if let catalog { try batch.write(catalog.0, bytes: catalog.1) }
        try batch.write(path, bytes: exported.bundle)
        try batch.commit()
    }

    /// The members every document starts with: format, time, and where the data came from.
    private static func header(_ exportedAt: String, _ endpoint: PublicAPIEndpoint) -> ExportBundleWriter {
        var writer = ExportBundleWriter()
        writer.member("exportVersion", exportVersion)
        writer.member("exportedAt", exportedAt)
        writer.member("apiHost", endpoint.region.apiHost)
        if endpoint.isOverride { writer.member("apiURL", endpoint.baseURL) }
        writer.member("exportedBy", "residency \(ResidencyVersion.current)")
        return writer
    }

    /// A workspace slug as a file name (the same names `check --junit-dir` gives its files).
    static func fileName(_ slug: String) -> String { JUnitReport.fileName(slug) }
}
