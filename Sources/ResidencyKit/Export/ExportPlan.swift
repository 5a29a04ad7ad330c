import Foundation

/// Several workspaces exported in one run (`residency export --workspaces FILE`), for the
/// nightly audit: a Public API token belongs to one workspace, so the file names, for each
/// workspace, its region and the environment variable that holds its token (never the token).
///
/// ```yaml
/// workspaces:
///   - {region: eu, tokenEnv: ACME_EU_TOKEN}
///   - {region: us, tokenEnv: ACME_US_TOKEN, output: exports/acme-us.json}
/// ```
public struct ExportPlan: Sendable {
    public struct Entry: Sendable {
        public var region: SegmentRegion
        public var tokenEnv: String
        /// Where to write the bundle; nil for `exports/<workspace-slug>.json`.
        public var output: String?
        public var origin: SourceRange
    }

    public var entries: [Entry]

    static let keys = ["region", "tokenEnv", "output"]

    /// Reads a plan file (YAML or JSON); nil with diagnostics when it has errors.
    public static func load(path: String) -> (ExportPlan?, SourceFile?, [Diagnostic]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return (nil, nil, [.error("E1315", "cannot read the workspaces file \(path)", at: nil)])
        }
        let file = SourceFile(path: path, bytes: Array(data))
        let (plan, diagnostics) = load(file)
        return (plan, file, diagnostics)
    }

    public static func load(_ file: SourceFile) -> (ExportPlan?, [Diagnostic]) {
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
                reader.report(
                    .error(
                        "E1316", "a workspaces file holds a non-empty `workspaces` list", at: reader.range(tree.root),
                        help: "each entry names a `region` (eu or us) and the `tokenEnv` variable holding its token"))
            }
            return (nil, reader.diagnostics)
        }
        var entries: [Entry] = []
        for (i, item) in list.elements.enumerated() {
            let path = "workspaces[\(i)]"
            guard let e = reader.object(item, path) else { continue }
            for (key, start, _) in e.members where !keys.contains(key) {
                reader.report(
                    .error(
                        "E1317", "unknown key `\(key)` in a workspace entry", at: reader.keyRange(start, key),
                        help: key.lowercased().contains("token") && key != "tokenEnv"
                            ? "name the environment variable with `tokenEnv`: tokens never go in files"
                            : Suggestions.didYouMean(key, in: keys) ?? "an entry takes: \(keys.joined(separator: ", "))"))
            }
            guard let regionText = reader.requiredString(e, "region", path, what: "a workspace entry"),
                let tokenEnv = reader.requiredString(e, "tokenEnv", path, what: "a workspace entry")
            else { continue }
            guard let region = SegmentRegion(rawValue: regionText) else {
                reader.report(
                    .error(
                        "E1318", "unknown region \"\(regionText)\"", at: reader.range(e["region"]!),
                        help: "a workspace's region is eu or us"))
                continue
            }
            entries.append(
                Entry(region: region, tokenEnv: tokenEnv, output: reader.string(e, "output", path), origin: reader.range(e)))
        }
        guard !reader.diagnostics.hasErrors else { return (nil, reader.diagnostics) }
        return (ExportPlan(entries: entries), reader.diagnostics)
    }
}
