/// Segment's integration catalog: every destination, source and warehouse with its ids, names,
/// the regions Segment offers it in and the regional endpoints it has. Generated from
/// Segment's own catalog data (docs/catalog.md); users layer their own files over it. The
/// loader reads it (CatalogLoader), inventories find their integrations in it by id, slug,
/// name and previous names, and policies read it with `catalog.destination(name)` and friends.
package struct Catalog: Sendable {
    /// The three tables, as the file names them.
    package enum Table: String, Sendable, CaseIterable {
        case destinations, sources, warehouses

        /// The singular, as messages say it ("destination").
        var noun: String {
            switch self {
            case .destinations: "destination"
            case .sources: "source"
            case .warehouses: "warehouse"
            }
        }
    }

    /// One catalog file that rows came from. The first is usually the bundled catalog; the
    /// others are users' files, which outrank an export's own metadata (docs/catalog.md).
    package struct Layer: Sendable, Hashable {
        package let path: String
        package let version: String
        let isBundled: Bool
        /// How evidence names it: `bundled catalog 2025-11-06`, `user catalog acme.json`.
        /// Spelled once: every failing result that shows a vendor or a catalog fact quotes it.
        let label: String

        init(path: String, version: String, isBundled: Bool) {
            self.path = path
            self.version = version
            self.isBundled = isBundled
            label = isBundled ? Self.label(bundled: version) : Self.label(user: path)
        }

        /// The two spellings of a layer, which evidence also gives the catalog that decided a
        /// fact (`CatalogDecider.label`).
        static func label(bundled version: String) -> String { Text.concat("bundled catalog ", version) }
        static func label(user path: String) -> String { Text.concat("user catalog ", path) }
    }

    /// One row of any table. Regions and endpoints are kept as Segment writes them
    /// (`eu-west-1`, `EU`); the availability flags are derived from them exactly as Segment's
    /// Regional page derives its three columns.
    package struct Entry: Sendable, Hashable {
        /// Segment's catalog id (`metadata.id`); nil only in a user's row that does not know it.
        var id: String?
        var slug: String?
        var name: String
        var previousNames: [String]
        /// The company that processes the data (destinations).
        var vendor: String?
        /// Segment's `supportedRegions`: the workspace regions it is offered in.
        var supportedRegions: [String]
        /// Segment's `regionEndpoints`: the regional endpoints it can send to.
        var regionEndpoints: [String]
        /// Destinations: which connection modes exist on which platform.
        var connectionModes: ConnectionModes?
        /// Destinations: the settings Segment documents with regions, endpoints or hosts.
        var regionSettings: [RegionSetting]
        /// Sources: `server`, `mobile`, `website`, `ott` or `cloud-app`.
        var sourceType: String?
        /// Warehouses: Segment must be allowed to connect from the warehouse CIDRs.
        var requiresCidr: Bool?
        /// Index of the layer the row came from, and where the row is in that file.
        var layer: Int = 0
        var origin: Origin?

        package init(
            id: String? = nil, slug: String? = nil, name: String, previousNames: [String] = [], vendor: String? = nil,
            supportedRegions: [String], regionEndpoints: [String], connectionModes: ConnectionModes? = nil,
            regionSettings: [RegionSetting] = [], sourceType: String? = nil, requiresCidr: Bool? = nil
        ) {
            self.id = id
            self.slug = slug
            self.name = name
            self.previousNames = previousNames
            self.vendor = vendor
            self.supportedRegions = supportedRegions
            self.regionEndpoints = regionEndpoints
            self.connectionModes = connectionModes
            self.regionSettings = regionSettings
            self.sourceType = sourceType
            self.requiresCidr = requiresCidr
        }

        /// Offered in US workspaces.
        var usWorkspace: Bool { supportedRegions.contains { CatalogRegion.of($0) == .us } }
        /// Offered in EU workspaces: `eu-west-1` (sources: `eu`) among the supported regions.
        package var euWorkspace: Bool { supportedRegions.contains { CatalogRegion.of($0) == .eu } }
        /// Offered in EU workspaces with an EU endpoint (Regional page's third column).
        package var euEndpoint: Bool { euWorkspace && regionEndpoints.contains { CatalogRegion.of($0) == .eu } }
        /// Offered in EU workspaces with a US endpoint (Regional page's second column).
        var usEndpoint: Bool { euWorkspace && regionEndpoints.contains { CatalogRegion.of($0) == .us } }
        /// Sources: hosted by Segment or a partner (a cloud source), not an SDK the customer runs.
        var cloud: Bool? { sourceType.map { $0 == "cloud-app" } }

        /// Every key the row can be found by, most specific first.
        var keys: [String] { [id, slug].compactMap { $0 } + [name] + previousNames }
    }

    /// The connection modes of a destination per platform, as Segment's catalog lists them.
    package struct ConnectionModes: Sendable, Hashable {
        var device: Set<Platform>
        var cloud: Set<Platform>
        init(device: Set<Platform>, cloud: Set<Platform>) {
            self.device = device
            self.cloud = cloud
        }
    }

    /// Where a source runs, as connection modes distinguish it.
    enum Platform: String, Sendable, Hashable, CaseIterable, Comparable {
        case web, mobile, server
        static func < (a: Platform, b: Platform) -> Bool { a.rawValue < b.rawValue }
    }

    /// A setting Segment documents for an integration, with its default.
    package struct RegionSetting: Sendable, Hashable {
        var name: String
        var type: String
        /// The default as Segment's catalog gives it; `nil` where it gives none.
        var defaultValue: SettingValue?
        var required: Bool
        init(name: String, type: String, defaultValue: SettingValue?, required: Bool = false) {
            self.name = name
            self.type = type
            self.defaultValue = defaultValue
            self.required = required
        }
    }

    /// A version string and digest that reports record, so a finding can be traced to the
    /// exact data it was decided on.
    package var version: String
    var sha256: String?
    var layers: [Layer]
    /// The catalog files themselves, so evidence can point at a row's line.
    package var files: [SourceFile] = []
    package var destinations: [Entry]
    package var sources: [Entry]
    package var warehouses: [Entry]
    private var destinationIndex = NameIndex()
    private var sourceIndex = NameIndex()
    private var warehouseIndex = NameIndex()

    package init(
        version: String = "empty", sha256: String? = nil, layers: [Layer] = [], destinations: [Entry] = [],
        sources: [Entry] = [], warehouses: [Entry] = []
    ) {
        self.version = version
        self.sha256 = sha256
        self.layers = layers
        self.destinations = destinations
        self.sources = sources
        self.warehouses = warehouses
        destinationIndex = NameIndex(destinations)
        sourceIndex = NameIndex(sources)
        warehouseIndex = NameIndex(warehouses)
    }

    /// Look-ups ignore case and surrounding space: exports spell names inconsistently.
    package static func key(_ name: String) -> String {
        // Most names and slugs are already keys (`actions-mixpanel`): return them uncopied.
        let utf8 = name.utf8
        if let first = utf8.first, let last = utf8.last, !isTrimmed(first), !isTrimmed(last),
            !utf8.contains(where: { $0 >= 0x80 || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) })
        {
            return name
        }
        return name.trimmingWhitespace().lowercased()
    }

    /// The ASCII bytes `trimmingWhitespace()` removes (a name with other bytes takes the
    /// slow path anyway).
    private static func isTrimmed(_ b: UInt8) -> Bool { Unicode.Scalar.isASCIIWhitespace(b) }

    /// The rows of a table.
    func rows(_ table: Table) -> [Entry] {
        switch table {
        case .destinations: destinations
        case .sources: sources
        case .warehouses: warehouses
        }
    }

    /// Calls `body` with row `i` of a table, by address: `rows(table)[i]` copies the row, which
    /// retains its every list, and so did passing `destinations[i]` to a `borrowing` parameter.
    func withRow<R>(_ table: Table, _ i: Int, _ body: (UnsafePointer<Entry>) -> R) -> R {
        func row(_ rows: [Entry]) -> R {
            precondition(rows.indices.contains(i), "catalog row \(i) out of range")
            return rows.withUnsafeBufferPointer { body($0.baseAddress! + i) }
        }
        switch table {
        case .destinations: return row(destinations)
        case .sources: return row(sources)
        case .warehouses: return row(warehouses)
        }
    }

    /// Calls `body` with a table's index, borrowed: returned, the index was copied, with a
    /// retain of each of its maps' arrays.
    private func withIndex<R>(_ table: Table, _ body: (borrowing NameIndex) -> R) -> R {
        switch table {
        case .destinations: body(destinationIndex)
        case .sources: body(sourceIndex)
        case .warehouses: body(warehouseIndex)
        }
    }

    /// A row by any of its keys (id, slug, name, previous name), as policies look rows up.
    func destination(named name: String) -> Int32? { destinationIndex.find(name) }
    func source(named name: String) -> Int32? { sourceIndex.find(name) }
    func warehouse(named name: String) -> Int32? { warehouseIndex.find(name) }

    /// How an inventory's integration was found, for evidence.
    enum Match: String, Sendable, Hashable {
        case id = "metadata.id", slug = "metadata.slug", name = "metadata.name", previousName = "a previous name"
    }

    /// The row an inventory names, tried in order of how specific the key is: the id first
    /// (it survives renames), then the slug, the name and Segment's previous names for it.
    func find(_ table: Table, id: String?, slug: String?, name: String?) -> (row: Int32, match: Match)? {
        let found = withIndex(table) { index -> (row: Int32, match: Match)? in
            if let id, let r = index.exact(id) { return (r, .id) }
            if let slug, let r = index.find(slug) { return (r, .slug) }
            if let name, let r = index.find(name) { return (r, .name) }
            return nil
        }
        guard let found, found.match == .name, let name else { return found }
        return withRow(table, Int(found.row)) { row in
            // The same bytes are the same key: most exports spell the row's name as it is.
            let rowName = row.pointee.name
            let sameName = Text.same(rowName, name) || Catalog.key(rowName) == Catalog.key(name)
            return (found.row, sameName || row.pointee.slug == name ? .name : .previousName)
        }
    }

    /// The names of each table, for "did you mean" suggestions.
    func names(_ table: Table) -> [String] { rows(table).map(\.name) }
    var destinationNames: [String] { names(.destinations) }
    var sourceNames: [String] { names(.sources) }
    var warehouseNames: [String] { names(.warehouses) }

    /// Every vendor the destination table names, for checking a facts file's vendor names.
    var vendors: [String] {
        var seen = Set<String>()
        return destinations.compactMap(\.vendor).filter { seen.insert(Catalog.key($0)).inserted }
    }

    /// The layer a row came from.
    func layer(of entry: Entry) -> Layer? { layer(at: entry.layer) }

    /// The layer with the given index (`Entry.layer`), without a copy of the row.
    func layer(at index: Int) -> Layer? { layers.indices.contains(index) ? layers[index] : nil }
}

/// The two regions Segment's catalog data speaks of, in whichever spelling it uses:
/// `us-west-2`/`eu-west-1` for destinations' workspaces, `us`/`eu` for sources and
/// warehouses, `US`/`EU` for endpoints. Anything else is refused by the loader.
enum CatalogRegion: String, Sendable {
    case us, eu

    static func of(_ text: String) -> CatalogRegion? {
        switch text.lowercased() {
        case "us", "us-west-2": .us
        case "eu", "eu-west-1": .eu
        default: nil
        }
    }
}

/// Keys to row indices: ids and every spelling exactly first (no allocation on the hot
/// path), then names normalised. A row's own name outranks another row's previous name;
/// among equals the first row keeps the key.
struct NameIndex: Sendable {
    // Byte-hashed (`TextMap`): every destination of every inventory is looked up here.
    private var exactKeys = TextMap<Int32>()
    private var normalised = TextMap<Int32>()
    private var previous = TextMap<Int32>()

    init() {}

    init(_ rows: [Catalog.Entry]) {
        for (i, row) in rows.enumerated() {
            for k in [row.id, row.slug, row.name].compactMap({ $0 }) { exactKeys.insertIfAbsent(k, Int32(i)) }
            for k in [row.slug, row.name].compactMap({ $0 }) { normalised.insertIfAbsent(Catalog.key(k), Int32(i)) }
            for p in row.previousNames { previous.insertIfAbsent(Catalog.key(p), Int32(i)) }
        }
    }

    /// An id, slug or name exactly as the row spells it.
    func exact(_ key: String) -> Int32? { exactKeys[key] }

    func find(_ name: String) -> Int32? {
        if let r = exactKeys[name] { return r }
        let k = Catalog.key(name)
        return normalised[k] ?? previous[k]
    }
}

/// Facts about the organisation that only its people know (which vendors are certified
/// under the DPF, which have signed SCCs); kept in a file the user maintains. A list the
/// file does not give is missing, so checks that need it are indeterminate, not failed.
package struct Facts: Sendable, Hashable {
    var dpfCertified: [String]?
    var sccVendors: [String]?
    var bcrVendors: [String]?
    /// The organisation's own facts, declared in the policies with `fact` and given in the
    /// facts file, by name (a fact the file does not give is absent, so missing).
    var declared: [String: Value]

    package init(
        dpfCertified: [String]? = nil, sccVendors: [String]? = nil, bcrVendors: [String]? = nil,
        declared: [String: Value] = [:]
    ) {
        self.dpfCertified = dpfCertified
        self.sccVendors = sccVendors
        self.bcrVendors = bcrVendors
        self.declared = declared
    }
}

extension StringProtocol {
    /// The string without leading and trailing white space: every Unicode `White_Space`
    /// scalar, so line feeds, carriage returns (and CRLF, which is one `Character` and equal
    /// to neither), tabs, no-break and ideographic spaces. Scalars, not characters: a file
    /// written on Windows trims to what the same file written on Unix does.
    func trimmingWhitespace() -> String {
        let text = String(self)
        // The usual case, nothing to trim: both ends ASCII and not space, read as bytes.
        if let first = text.utf8.first, let last = text.utf8.last, first < 0x80, last < 0x80,
            !Unicode.Scalar.isASCIIWhitespace(first), !Unicode.Scalar.isASCIIWhitespace(last)
        {
            return text
        }
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[start...end])
    }
}

extension Unicode.Scalar {
    /// ASCII white space as `trimmingWhitespace()` removes it: space, tab, LF, VT, FF, CR.
    static func isASCIIWhitespace(_ b: UInt8) -> Bool { b == 0x20 || (0x09...0x0D).contains(b) }
}
