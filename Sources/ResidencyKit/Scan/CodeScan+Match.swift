/// `residency scan --inventory`: the setups found in code matched to the exported sources by
/// write key, without an audit. Each setup gets the source it configures (so its entry can be
/// keyed by `sourceId`, as a bundle's is), and what cannot be matched is a finding, as in
/// `check --scan`.
extension CodeScan {
    /// The scan's setups against the inventories given.
    public struct Matched: Sendable {
        /// Per setup (parallel to the outcome's `uses`): the sources that have its write key, as
        /// (workspace slug, source id), in workspace and source order.
        public var sources: [[(workspace: String, source: String)]]
        /// Every notice of the scan but the files it could not read: write keys no source has
        /// or the scan cannot resolve (these fail `check --scan`'s gate), requests written by
        /// hand to a non-EU host, setups sent to an EU endpoint that no source matches, sources
        /// set up two ways. `scan --inventory` exits 1 on any of them.
        public var findings: [ResultDocument.Notice]
        /// The inventory files read, for rendering diagnostics.
        public var files: [SourceFile]
        public var diagnostics: [Diagnostic]
    }

    /// Reads the inventories (with the catalog `catalogs` or the one bundled with `policies`, as
    /// `check` does) and matches the outcome's setups to their sources.
    public static func match(
        _ outcome: Outcome, inventories: [String], catalogs: [String] = [], policies: String
    ) -> Matched {
        let catalog = CatalogLoader.load(
            paths: AuditRun.catalogPaths(catalogs, policies: [policies]),
            bundled: AuditRun.bundledCatalogPath(policies: [policies]))
        var diagnostics = catalog.diagnostics
        var files = catalog.sources
        guard !diagnostics.hasErrors else { return Matched(sources: [], findings: [], files: files, diagnostics: diagnostics) }
        let loaded = InventoryLoader.load(paths: inventories, catalog: catalog.catalog)
        diagnostics += loaded.diagnostics
        files += loaded.files
        if !diagnostics.hasErrors, loaded.workspaces.isEmpty {
            diagnostics.append(AuditRun.noWorkspaces)
        }
        guard !diagnostics.hasErrors else { return Matched(sources: [], findings: [], files: files, diagnostics: diagnostics) }
        let workspaces = loaded.workspaces
        let matching = match(outcome, workspaces)
        let sources = matching.sources.map { found in
            found.map { (workspaces[$0.workspace].workspace.slug, workspaces[$0.workspace].sources[$0.source].id) }
        }
        return Matched(sources: sources, findings: matching.findings, files: files, diagnostics: diagnostics)
    }
}
