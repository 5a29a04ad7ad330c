import Foundation

/// The inventories, fixtures, catalogs and facts files a test file names, each read once
/// however many tests share it.
extension SuiteDecoder {

    /// An inline export bundle (or `{"workspaces": [...]}`), decoded as `check` decodes files,
    /// but for a resource list it leaves out, which is none (`absentListIsIncomplete`).
    mutating func decodeInventory(_ node: DataNode, _ catalog: Catalog) -> [WorkspaceModel] {
        var decoder = BundleDecoder(file: reader.file, catalog: catalog)
        decoder.absentListIsIncomplete = false
        var out: [WorkspaceModel] = []
        for (bundleNode, path) in decoder.bundles(node) {
            if let model = decoder.decode(bundleNode, path.isEmpty ? "inventory" : "inventory.\(path)") {
                out.append(model)
            }
        }
        reader.diagnostics += decoder.reader.diagnostics
        return out
    }

    /// A path in a test file is relative to the test file's folder, and stays inside the
    /// folders given (`InputTree`); nil, with the reason reported at `r`, when it does not.
    /// `what` is the key that names it.
    mutating func resolve(_ path: String, _ what: String, at r: SourceRange) -> String? {
        switch tree.resolve(path, from: reader.file.path) {
        case .success(let resolved): return resolved
        case .failure(let refusal):
            reader.report(.outsideTree("\(what) \"\(path)\"", refusal, tree: tree, at: r))
            return nil
        }
    }

    mutating func loadFixture(_ path: String, _ catalog: Catalog, key: [String], at r: SourceRange) -> [WorkspaceModel] {
        guard let resolved = resolve(path, "fixture", at: r) else { return [] }
        if let cached = fixtures[[resolved] + key] { return cached }
        let loaded = InventoryLoader.load(paths: [resolved], catalog: catalog, tree: tree)
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
        guard let resolved = resolve(path, "facts", at: r) else { return Facts() }
        let (facts, file, diagnostics) = FactsLoader.load(path: resolved, declared: bundle.facts)
        if let file { fixtureFiles.append(file) }
        fixtureDiagnostics += diagnostics.map { d in
            var d = d
            if d.range == nil { d.range = r }
            return d
        }
        return facts
    }
}
