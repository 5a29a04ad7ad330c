/// Several workspaces exported in one run (`residency export --workspaces FILE`), for the
/// nightly audit: a Public API token belongs to one workspace, so the file names, for each
/// workspace, its region and the environment variable that holds its token (never the token).
///
/// ```yaml
/// workspaces:
///   - {region: eu, tokenEnv: ACME_EU_TOKEN}
///   - {region: us, tokenEnv: ACME_US_TOKEN, output: exports/acme-us.json}
/// ```
package struct ExportPlan: Sendable {
    package struct Entry: Sendable {
        package var region: SegmentRegion
        package var tokenEnv: String
        /// Where to write the bundle; nil for `exports/<workspace-slug>.json`.
        package var output: String?
        var origin: SourceRange
    }

    package var entries: [Entry]

    static let keys = ["region", "tokenEnv", "output"]

    /// Reads a plan file (YAML or JSON); nil with diagnostics when it has errors.
    package static func load(path: String) -> (ExportPlan?, SourceFile?, [Diagnostic]) {
        let bytes: [UInt8]
        switch readFileBytes(atPath: path, limit: .workspaces) {
        case .success(let b): bytes = b
        case .failure(let error): return (nil, nil, [.unreadableWorkspacesFile(path, error)])
        }
        let file = SourceFile(path: path, bytes: bytes)
        let (plan, diagnostics) = load(file)
        return (plan, file, diagnostics)
    }

    package static func load(_ file: SourceFile) -> (ExportPlan?, [Diagnostic]) {
        let tree: DataTree
        switch InventoryLoader.parse(file) {
        case .failure(let d): return (nil, [d])
        case .success(let t): tree = t
        }
        var reader = NodeReader(file: file)
        reader.isExport = false
        guard let root = reader.object(tree.root, "workspaces file"),
            let list = reader.array(root["workspaces"], "workspaces"), list.count > 0
        else {
            if reader.diagnostics.isEmpty {
                reader.report(.noWorkspaceEntries(at: reader.range(tree.root)))
            }
            return (nil, reader.diagnostics)
        }
        var entries: [Entry] = []
        for (i, item) in list.elements.enumerated() {
            let path = "workspaces[\(i)]"
            guard let e = reader.object(item, path) else { continue }
            for (key, start, _) in e.members where !keys.contains(key) {
                reader.report(.unknownWorkspaceEntryKey(key, known: keys, at: reader.keyRange(start, key)))
            }
            guard let regionText = reader.requiredString(e, "region", path, what: "a workspace entry"),
                let tokenEnv = reader.requiredString(e, "tokenEnv", path, what: "a workspace entry")
            else { continue }
            guard let region = SegmentRegion(rawValue: regionText) else {
                reader.report(.unknownWorkspaceEntryRegion(regionText, at: reader.range(e["region"]!)))
                continue
            }
            entries.append(
                Entry(region: region, tokenEnv: tokenEnv, output: reader.string(e, "output", path), origin: reader.range(e)))
        }
        guard !reader.diagnostics.hasErrors else { return (nil, reader.diagnostics) }
        return (ExportPlan(entries: entries), reader.diagnostics)
    }
}
