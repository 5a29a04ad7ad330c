import Foundation

/// The inventories, fixtures, catalogs and facts files a test file names, each read once
/// however many tests share it.
extension SuiteDecoder {

    /// An inline export bundle (or `{"workspaces": [...]}`), decoded as `check` decodes files.
    mutating func decodeInventory(_ node: DataNode, _ catalog: Catalog) -> [WorkspaceModel] {
        var decoder = BundleDecoder(file: reader.file, catalog: catalog)
        var out: [WorkspaceModel] = []
        for (bundleNode, path) in decoder.bundles(node) {
            if let model = decoder.decode(bundleNode, path.isEmpty ? "inventory" : "inventory.\(path)") {
                out.append(model)
            }
        }
        reader.diagnostics += decoder.reader.diagnostics
        return out
    }

    /// A path in a test file is relative to the test file's folder.
    func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        let dir = (reader.file.path as NSString).deletingLastPathComponent
        return dir.isEmpty ? path : (dir as NSString).appendingPathComponent(path)
    }

    mutating func loadFixture(_ path: String, _ catalog: Catalog, key: [String]) -> [WorkspaceModel] {
        let resolved = resolve(path)
        if let cached = fixtures[[resolved] + key] { return cached }
        let loaded = InventoryLoader.load(paths: [resolved], catalog: catalog)
        if !fixtureFiles.contains(where: { $0.path == resolved }) {
            fixtureFiles += loaded.files
            fixtureDiagnostics += loaded.diagnostics
        }
        fixtures[[resolved] + key] = loaded.workspaces
        return loaded.workspaces
    }

    /// The run's catalog with a test's own files layered on (later rows override earlier).
    mutating func catalog(layering extra: [String]) -> Catalog {
        guard !extra.isEmpty else { return catalog }
        if let cached = catalogs[extra] { return cached }
        let loaded = CatalogLoader.load(paths: catalogPaths + extra, bundled: catalog.layers.first { $0.isBundled }?.path)
        for file in loaded.sources where !fixtureFiles.contains(where: { $0.path == file.path }) {
            fixtureFiles.append(file)
        }
        for d in loaded.diagnostics where !fixtureDiagnostics.contains(d) { fixtureDiagnostics.append(d) }
        catalogs[extra] = loaded.catalog
        return loaded.catalog
    }

    mutating func loadFacts(_ path: String, at r: SourceRange) -> Facts {
        let (facts, file, diagnostics) = FactsLoader.load(path: resolve(path))
        if let file { fixtureFiles.append(file) }
        fixtureDiagnostics += diagnostics.map { d in
            var d = d
            if d.range == nil { d.range = r }
            return d
        }
        return facts
    }
}
