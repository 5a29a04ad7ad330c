/// Reads catalog files: the bundled catalog first, then any the user adds. A user's row
/// replaces the row it names (by id, slug or name) and a row naming none is added, so users
/// can keep up with Segment without editing the bundled data. Reports record every file's
/// digest. Nothing in a catalog is guessed: an unknown key, a missing list of regions, a
/// region Segment does not use or an id given twice is an error at its place.
package enum CatalogLoader {
    /// A catalog file that was read, as reports cite it.
    package struct FileInfo: Sendable, Hashable, Codable {
        package var path: String
        package var version: String
        var sha256: String
    }

    /// The merged catalog and the files it came from.
    package struct Loaded: Sendable {
        package var catalog: Catalog
        package var files: [FileInfo]
        package var sources: [SourceFile]
        package var diagnostics: [Diagnostic]
    }

    /// The catalog format this residency reads (docs/catalog.md).
    static let formatVersion = 2

    /// Loads `paths` in order; `bundled` is the path of the bundled catalog among them (its
    /// rows rank below an export's own metadata, a user's rows above it).
    package static func load(paths: [String], bundled: String? = nil) -> Loaded {
        var files: [SourceFile] = []
        var diagnostics: [Diagnostic] = []
        for path in paths {
            switch readFileBytes(atPath: path, limit: .catalog) {
            case .success(let bytes): files.append(SourceFile(path: path, bytes: bytes))
            case .failure(let error): diagnostics.append(.unreadableCatalog(path, error))
            }
        }
        var loaded = load(files: files, bundled: bundled ?? paths.first)
        loaded.diagnostics = diagnostics + loaded.diagnostics
        return loaded
    }

    package static func load(files: [SourceFile], bundled: String? = nil) -> Loaded {
        var tables: [Catalog.Table: [Catalog.Entry]] = [:]
        var infos: [FileInfo] = []
        var layers: [Catalog.Layer] = []
        var diagnostics: [Diagnostic] = []
        for file in files {
            let tree: DataTree
            switch InventoryLoader.parse(file) {
            case .failure(let d):
                diagnostics.append(d)
                continue
            case .success(let t): tree = t
            }
            var reader = CatalogFileReader(file: file, layer: layers.count)
            guard let read = reader.read(tree.root) else {
                diagnostics += reader.reader.diagnostics
                continue
            }
            diagnostics += reader.reader.diagnostics
            infos.append(FileInfo(path: file.path, version: read.version, sha256: SHA256.hex(file.bytes)))
            layers.append(Catalog.Layer(path: file.path, version: read.version, isBundled: file.path == bundled))
            for table in Catalog.Table.allCases { merge(&tables[table, default: []], read.rows[table] ?? []) }
        }
        let version = infos.map(\.version).joined(separator: " + ")
        var catalog = Catalog(
            version: version.isEmpty ? "empty" : version, sha256: infos.first?.sha256, layers: layers,
            destinations: tables[.destinations] ?? [], sources: tables[.sources] ?? [], warehouses: tables[.warehouses] ?? [])
        catalog.files = files
        return Loaded(catalog: catalog, files: infos, sources: files, diagnostics: diagnostics)
    }

    /// A later file's row replaces the earlier row it names by id, slug or name, else is added.
    private static func merge(_ base: inout [Catalog.Entry], _ more: [Catalog.Entry]) {
        var index: [String: Int] = [:]
        func claim(_ row: Catalog.Entry, _ i: Int) {
            for k in [row.id, row.slug, row.name].compactMap({ $0 }) { index[Catalog.key(k)] = i }
        }
        for (i, row) in base.enumerated() { claim(row, i) }
        for row in more {
            if let i = [row.id, row.slug, row.name].compactMap({ $0 }).lazy.compactMap({ index[Catalog.key($0)] }).first {
                base[i] = row
                claim(row, i)
            } else {
                claim(row, base.count)
                base.append(row)
            }
        }
    }
}
