/// Builds a catalog file (format 2) from Segment's own catalog data, so the bundled catalog
/// is derived, not transcribed, and users can refresh it from their own workspace's answer:
///
/// - Segment's published catalog data (`segmentio/segment-docs` `src/_data/catalog/`, as in
///   `policies/catalog/inputs/segment-public-catalog-*.json`), generated there from the Public
///   API's catalog endpoints;
/// - or the Public API's answers themselves (`residency export --catalog-output FILE`:
///   `destinationsCatalog`, `sourcesCatalog`, `warehousesCatalog`), pages and all;
/// - plus a supplement of what only Segment's Regional page says (ingest hosts, dates, the
///   warehouse CIDR, the SDK table, vendors, warehouse ids), `segment-regional-page.json`.
///
/// The output is canonical: rows sorted by name, one row per line, keys in a fixed order,
/// so regenerating from the same inputs gives the same bytes (a test holds the bundled file
/// to that).
package enum CatalogGenerator {
    /// What a run made.
    package struct Generated: Sendable {
        /// The catalog file, or nil when an input was unusable (see the diagnostics).
        package var bytes: [UInt8]?
        package var diagnostics: [Diagnostic]
        /// Rows per table, for the command's summary line.
        package var counts: [Catalog.Table: Int]
        /// Rows whose vendor the supplement does not name and was derived from the name.
        package var derivedVendors: [String]
    }

    /// Reads the files and generates; an unreadable file is an error and nothing is made.
    package static func generate(dataPaths: [String], supplementPath: String, version: String) -> (Generated, [SourceFile]) {
        var files: [SourceFile] = []
        var unreadable: [Diagnostic] = []
        for path in dataPaths + [supplementPath] {
            switch readFileBytes(atPath: path, limit: .catalog) {
            case .success(let bytes): files.append(SourceFile(path: path, bytes: bytes))
            case .failure(let error): unreadable.append(.unreadableCatalog(path, error))
            }
        }
        guard unreadable.isEmpty, let page = files.last else {
            return (Generated(bytes: nil, diagnostics: unreadable, counts: [:], derivedVendors: []), files)
        }
        return (generate(data: Array(files.dropLast()), supplement: page, version: version), files)
    }

    /// Generates a catalog from `data` files (each either shape) and the `supplement`.
    package static func generate(data: [SourceFile], supplement: SourceFile, version: String) -> Generated {
        var diagnostics: [Diagnostic] = []
        var tables: [Catalog.Table: [UpstreamRow]] = [:]
        var generatedFrom: [(String, String)] = []
        for file in data {
            var reader = UpstreamReader(file: file)
            switch InventoryLoader.parse(file) {
            case .failure(let d): diagnostics.append(d)
            case .success(let tree):
                for (table, rows) in reader.read(tree.root) { tables[table, default: []] += rows }
            }
            diagnostics += reader.reader.diagnostics
            generatedFrom.append((file.path.split(separator: "/").last.map(String.init) ?? file.path, SHA256.hex(file.bytes)))
        }
        var supplementReader = SupplementReader(file: supplement)
        let page: Supplement?
        switch InventoryLoader.parse(supplement) {
        case .failure(let d):
            diagnostics.append(d)
            page = nil
        case .success(let tree): page = supplementReader.read(tree.root)
        }
        diagnostics += supplementReader.reader.diagnostics
        guard let page, !diagnostics.contains(where: { $0.severity == .error }) else {
            return Generated(bytes: nil, diagnostics: diagnostics, counts: [:], derivedVendors: [])
        }
        if tables.values.allSatisfy(\.isEmpty) {
            diagnostics.append(.notCatalogData("no catalog rows in \(data.map(\.path).joined(separator: ", "))", at: nil))
            return Generated(bytes: nil, diagnostics: diagnostics, counts: [:], derivedVendors: [])
        }
        var derived: [String] = []
        var w = JSONWriter(capacity: 1 << 20)
        w.beginObject()
        w.field("formatVersion", CatalogLoader.formatVersion)
        w.field("catalogVersion", version)
        w.field("title", "Segment integrations and where Segment offers them (generated from Segment's catalog data)")
        w.field(
            "sourceDocument", "Segment's public catalog data (segmentio/segment-docs src/_data/catalog); \(page.sourceDocument)")
        w.key("generatedFrom")
        w.beginArray()
        for (name, digest) in generatedFrom + [
            (supplement.path.split(separator: "/").last.map(String.init) ?? supplement.path, SHA256.hex(supplement.bytes))
        ] {
            w.beginObject(inline: true)
            w.field("file", name)
            w.field("sha256", digest)
            w.endObject()
        }
        w.endArray()
        page.writePassThrough(&w)
        var counts: [Catalog.Table: Int] = [:]
        for table in Catalog.Table.allCases {
            let rows = canonical(tables[table] ?? [])
            counts[table] = rows.count
            w.key(table.rawValue)
            w.beginArray()
            for row in rows {
                var row = row
                switch table {
                case .destinations:
                    if let v = page.vendors[row.slug ?? ""] {
                        row.vendor = v
                    } else {
                        row.vendor = VendorNames.derive(row.name)
                        derived.append(row.name)
                    }
                case .warehouses:
                    row.id = row.id ?? page.warehouseIds[row.slug ?? ""]
                    row.requiresCidr = page.cidrRequiredFor.contains(row.slug ?? "")
                case .sources: break
                }
                row.write(&w, table)
            }
            w.endArray()
        }
        w.endObject()
        var bytes = w.bytes
        bytes.append(UInt8(ascii: "\n"))
        return Generated(bytes: bytes, diagnostics: diagnostics, counts: counts, derivedVendors: derived)
    }

    /// Rows sorted by name (then slug), with a later duplicate of an id or slug dropped: a
    /// live answer read twice, or pages that overlap, must not make two rows.
    static func canonical(_ rows: [UpstreamRow]) -> [UpstreamRow] {
        var seen = Set<String>()
        var out: [UpstreamRow] = []
        for row in rows {
            let key = row.id ?? row.slug ?? Catalog.key(row.name)
            if seen.insert(key).inserted { out.append(row) }
        }
        return out.sorted { a, b in
            let (ka, kb) = (Catalog.key(a.name), Catalog.key(b.name))
            return ka != kb ? ka < kb : (a.slug ?? "") < (b.slug ?? "")
        }
    }
}

/// One integration as Segment's data describes it, in whichever shape it came.
struct UpstreamRow {
    var id: String?
    var slug: String?
    var name: String
    var previousNames: [String] = []
    var vendor: String?
    var supportedRegions: [String]
    var regionEndpoints: [String]
    var status: String?
    var connectionModes: Catalog.ConnectionModes?
    var regionSettings: [Catalog.RegionSetting] = []
    var sourceType: String?
    var requiresCidr: Bool?

    /// The row in the catalog's canonical key order, on one line.
    func write(_ w: inout JSONWriter, _ table: Catalog.Table) {
        w.beginObject(inline: true)
        w.field("id", id)
        w.field("slug", slug)
        w.field("name", name)
        // Segment lists the current name among the previous ones; once is enough.
        let previous = previousNames.filter { Catalog.key($0) != Catalog.key(name) }
        if !previous.isEmpty { w.field("previousNames", strings: previous) }
        if table == .destinations { w.field("vendor", vendor) }
        w.field("supportedRegions", strings: supportedRegions)
        w.field("regionEndpoints", strings: regionEndpoints)
        w.field("status", status)
        switch table {
        case .destinations:
            if let modes = connectionModes {
                w.key("connectionModes")
                w.beginObject()
                w.field("device", strings: modes.device.sorted().map(\.rawValue))
                w.field("cloud", strings: modes.cloud.sorted().map(\.rawValue))
                w.endObject()
            }
            if !regionSettings.isEmpty {
                w.key("regionSettings")
                w.beginArray()
                for s in regionSettings {
                    w.beginObject()
                    w.field("name", s.name)
                    w.field("type", s.type)
                    w.key("default")
                    switch s.defaultValue {
                    case .string(let v)?: w.string(v)
                    case .bool(let b)?: w.bool(b)
                    case .number(let n)?: w.number(n)
                    case .null?, .other?, nil: w.null()
                    }
                    if s.required { w.field("required", true) }
                    w.endObject()
                }
                w.endArray()
            }
        case .sources:
            w.field("type", sourceType)
        case .warehouses:
            if let requiresCidr { w.field("requiresCidr", requiresCidr) }
        }
        w.endObject()
    }
}

/// The keys of a row of the catalog's `sdks` table (Segment's SDK configuration summary).
enum SDKTableRow {
    static let keys = ["integration", "libraries", "settings", "notes"]
}
