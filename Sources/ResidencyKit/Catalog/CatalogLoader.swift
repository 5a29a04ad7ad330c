/// Reads catalog files: the bundled regional catalog and any the user adds. Later files
/// replace same-named rows of earlier ones and add new rows, so users can keep up with
/// Segment's list without editing the bundled data. Reports record every file's digest.
public enum CatalogLoader {
    /// A catalog file that was read, as reports cite it.
    public struct FileInfo: Sendable, Hashable, Codable {
        public var path: String
        public var version: String
        public var sha256: String
    }

    /// The merged catalog and the files it came from.
    public struct Loaded: Sendable {
        public var catalog: Catalog
        public var files: [FileInfo]
        public var sources: [SourceFile]
        public var diagnostics: [Diagnostic]
    }

    public static func load(paths: [String]) -> Loaded {
        var files: [SourceFile] = []
        var diagnostics: [Diagnostic] = []
        for path in paths {
            guard let bytes = readFileBytes(atPath: path) else {
                diagnostics.append(
                    .error(
                        "E0701", "cannot read catalog \(path)", at: nil,
                        help: "pass --catalog FILE, or keep the bundled catalog in <policies>/catalog/"))
                continue
            }
            files.append(SourceFile(path: path, bytes: bytes))
        }
        var loaded = load(files: files)
        loaded.diagnostics = diagnostics + loaded.diagnostics
        return loaded
    }

    public static func load(files: [SourceFile]) -> Loaded {
        var destinations: [Catalog.DestinationEntry] = []
        var sources: [Catalog.SourceEntry] = []
        var warehouses: [Catalog.DestinationEntry] = []
        var infos: [FileInfo] = []
        var diagnostics: [Diagnostic] = []
        for file in files {
            let tree: DataTree
            switch InventoryLoader.parse(file) {
            case .failure(let d):
                diagnostics.append(d)
                continue
            case .success(let t): tree = t
            }
            var reader = NodeReader(file: file)
            guard let root = reader.object(tree.root, "catalog") else {
                diagnostics += reader.diagnostics
                continue
            }
            let version = reader.string(root, "catalogVersion", "catalog") ?? "unversioned"
            infos.append(FileInfo(path: file.path, version: version, sha256: SHA256.hex(file.bytes)))
            merge(&destinations, rows(&reader, root, "destinations", destinationEntry), \.name)
            merge(&sources, rows(&reader, root, "sources", sourceEntry), \.name)
            merge(&warehouses, rows(&reader, root, "warehouses", destinationEntry), \.name)
            diagnostics += reader.diagnostics
        }
        let version = infos.map(\.version).joined(separator: " + ")
        let catalog = Catalog(
            version: version.isEmpty ? "empty" : version, sha256: infos.first?.sha256, destinations: destinations,
            sources: sources, warehouses: warehouses)
        return Loaded(catalog: catalog, files: infos, sources: files, diagnostics: diagnostics)
    }

    private static func rows<T>(
        _ reader: inout NodeReader, _ root: DataNode, _ key: String, _ decode: (inout NodeReader, DataNode, String) -> T?
    ) -> [T] {
        guard let list = reader.array(root[key], "catalog.\(key)") else { return [] }
        var out: [T] = []
        for (i, e) in list.elements.enumerated() {
            let path = "catalog.\(key)[\(i)]"
            guard let obj = reader.object(e, path) else { continue }
            if let row = decode(&reader, obj, path) { out.append(row) }
        }
        return out
    }

    private static func merge<T>(_ base: inout [T], _ more: [T], _ name: KeyPath<T, String>) {
        var index: [String: Int] = [:]
        for (i, row) in base.enumerated() { index[Catalog.key(row[keyPath: name])] = i }
        for row in more {
            if let i = index[Catalog.key(row[keyPath: name])] {
                base[i] = row
            } else {
                index[Catalog.key(row[keyPath: name])] = base.count
                base.append(row)
            }
        }
    }

    private static func destinationEntry(_ r: inout NodeReader, _ n: DataNode, _ path: String) -> Catalog.DestinationEntry? {
        guard let name = r.requiredString(n, "name", path, what: "a catalog row") else { return nil }
        return Catalog.DestinationEntry(
            name: name, slugs: r.strings(n, "slugs", path) ?? [], usWorkspace: r.bool(n, "usWorkspace", path),
            euWorkspace: r.bool(n, "euWorkspace", path), euEndpoint: r.bool(n, "euEndpoint", path),
            vendor: r.string(n, "vendor", path), requiresCidr: r.bool(n, "requiresCidr", path))
    }

    private static func sourceEntry(_ r: inout NodeReader, _ n: DataNode, _ path: String) -> Catalog.SourceEntry? {
        guard let name = r.requiredString(n, "name", path, what: "a catalog row") else { return nil }
        return Catalog.SourceEntry(
            name: name, slugs: r.strings(n, "slugs", path) ?? [], usWorkspace: r.bool(n, "usWorkspace", path),
            euWorkspace: r.bool(n, "euWorkspace", path), cloud: r.bool(n, "cloud", path))
    }
}

/// Reads the organisation's facts file (JSON or YAML):
/// `{"dpfCertified": [vendor, …], "sccVendors": […], "bcrVendors": […]}`.
public enum FactsLoader {
    public static func load(path: String) -> (Facts, SourceFile?, [Diagnostic]) {
        guard let bytes = readFileBytes(atPath: path) else {
            return (Facts(), nil, [.error("E0702", "cannot read facts file \(path)", at: nil)])
        }
        let file = SourceFile(path: path, bytes: bytes)
        let (facts, diagnostics) = load(file)
        return (facts, file, diagnostics)
    }

    public static func load(_ file: SourceFile) -> (Facts, [Diagnostic]) {
        switch InventoryLoader.parse(file) {
        case .failure(let d): return (Facts(), [d])
        case .success(let tree):
            var reader = NodeReader(file: file)
            let facts = decode(tree.root, &reader)
            return (facts, reader.diagnostics)
        }
    }

    /// The facts of an object node, wherever it sits (a facts file's root, or a policy test's
    /// `facts:`); problems are reported through `reader`.
    static func decode(_ node: DataNode, _ reader: inout NodeReader) -> Facts {
        guard let root = reader.object(node, "facts") else { return Facts() }
        for (key, start, _) in root.members where !keys.contains(key) {
            reader.report(
                .warning(
                    "W0701", "unknown fact `\(key)`; it is ignored", at: reader.keyRange(start, key),
                    help: Suggestions.didYouMean(key, in: keys)))
        }
        return Facts(
            dpfCertified: reader.strings(root, "dpfCertified", "facts"),
            sccVendors: reader.strings(root, "sccVendors", "facts"),
            bcrVendors: reader.strings(root, "bcrVendors", "facts"))
    }

    static let keys = ["dpfCertified", "sccVendors", "bcrVendors"]
}
