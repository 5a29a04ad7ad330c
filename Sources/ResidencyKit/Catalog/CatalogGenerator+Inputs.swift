/// The two shapes Segment's catalog data comes in, read into `UpstreamRow`s.
///
/// Extra fields of Segment's own data (logos, descriptions, actions) are ignored: Segment adds
/// fields over time and none of them changes where data goes. What the catalog needs (names,
/// regions, endpoints) is required and checked.
struct UpstreamReader {
    var reader: NodeReader

    init(file: SourceFile) {
        reader = NodeReader(file: file)
        reader.isExport = false
    }

    /// The rows of every table the file holds.
    mutating func read(_ root: DataNode) -> [Catalog.Table: [UpstreamRow]] {
        guard let top = reader.object(root, "catalog data") else { return [:] }
        var out: [Catalog.Table: [UpstreamRow]] = [:]
        // Segment's published data (segment-docs `src/_data/catalog`): snake_case fields.
        if top["destinations"] != nil || top["sources"] != nil || top["warehouses"] != nil {
            if let list = reader.array(top["destinations"], "destinations") {
                out[.destinations] = rows(list, "destinations") { r, n, p in r.docsDestination(n, p) }
            }
            if let list = reader.array(top["sources"], "sources") {
                out[.sources] = rows(list, "sources") { r, n, p in r.docsSource(n, p) }
            }
            // `warehouses` is `{"items": [...]}` there.
            let warehouses = top["warehouses"].flatMap { $0.kind == .object ? $0["items"] : $0 }
            if let list = reader.array(warehouses, "warehouses.items") {
                out[.warehouses] = rows(list, "warehouses.items") { r, n, p in r.docsWarehouse(n, p) }
            }
            return out
        }
        // The Public API's answers (`residency export --catalog-output`), or a page of one.
        let data = top["data"].flatMap { $0.kind == .object ? $0 : nil } ?? top
        for (table, key) in [
            (Catalog.Table.destinations, "destinationsCatalog"), (.sources, "sourcesCatalog"), (.warehouses, "warehousesCatalog"),
        ] {
            guard let list = reader.array(data[key], key) else { continue }
            out[table] = rows(list, key) { r, n, p in r.apiRow(n, p, table) }
        }
        if out.isEmpty {
            reader.report(
                .notCatalogData("this is neither Segment's catalog data nor a Public API catalog answer", at: reader.range(top)))
        }
        return out
    }

    private mutating func rows(
        _ list: DataNode, _ path: String, _ decode: (inout UpstreamReader, DataNode, String) -> UpstreamRow?
    ) -> [UpstreamRow] {
        var out: [UpstreamRow] = []
        for (i, node) in list.elements.enumerated() {
            let p = "\(path)[\(i)]"
            guard reader.object(node, p) != nil else { continue }
            if let row = decode(&self, node, p) { out.append(row) }
        }
        return out
    }

    // MARK: segment-docs data

    mutating func docsDestination(_ n: DataNode, _ p: String) -> UpstreamRow? {
        guard var row = common(n, p, name: "name", previous: "previous_names", regions: "regions", endpoints: "endpoints")
        else { return nil }
        row.status = reader.string(n, "status", p)
        if let modes = reader.object(n["connection_modes"], "\(p).connection_modes") {
            func platforms(_ key: String) -> Set<Catalog.Platform> {
                guard let o = reader.object(modes[key], "\(p).connection_modes.\(key)") else { return [] }
                return Set(Catalog.Platform.allCases.filter { reader.bool(o, $0.rawValue, "\(p).connection_modes.\(key)") == true })
            }
            row.connectionModes = Catalog.ConnectionModes(device: platforms("device"), cloud: platforms("cloud"))
        }
        row.regionSettings = settings(n["regionSettings"], "\(p).regionSettings")
        return row
    }

    mutating func docsSource(_ n: DataNode, _ p: String) -> UpstreamRow? {
        guard var row = common(n, p, name: "display_name", previous: nil, regions: "regions", endpoints: "endpoints")
        else { return nil }
        row.status = reader.string(n, "status", p)
        row.sourceType = reader.string(n, "source_type", p)
        return row
    }

    mutating func docsWarehouse(_ n: DataNode, _ p: String) -> UpstreamRow? {
        guard var row = common(n, p, name: "display_name", previous: "previous_names", regions: "regions", endpoints: "endpoints")
        else { return nil }
        row.status = reader.string(n, "status", p)
        return row
    }

    // MARK: Public API answers

    mutating func apiRow(_ n: DataNode, _ p: String, _ table: Catalog.Table) -> UpstreamRow? {
        guard n["supportedRegions"] != nil || n["regionEndpoints"] != nil else {
            // The API gives regions for destinations; a row without them cannot be placed.
            reader.report(
                .warning(
                    .W0703, "\(table.noun) \(n["name"]?.string ?? "?") has no `supportedRegions`: left out of the generated catalog",
                    at: reader.range(n), help: "its bundled row (if any) stays in effect"))
            return nil
        }
        guard var row = common(n, p, name: "name", previous: "previousNames", regions: "supportedRegions", endpoints: "regionEndpoints")
        else { return nil }
        row.status = reader.string(n, "status", p)
        if table == .destinations {
            row.connectionModes = apiModes(n, p)
            row.regionSettings = settings(n["options"], "\(p).options").filter(Self.mentionsRegion)
        }
        if table == .sources, let cloud = reader.bool(n, "isCloudEventSource", p), cloud { row.sourceType = "cloud-app" }
        return row
    }

    /// Connection modes from the API's components and platforms, exactly as segment-docs
    /// derives its `connection_modes` (`scripts/catalog/utilities.js`, `getConnectionModes`):
    /// an IOS or ANDROID component is device mode on mobile; a BROWSER component is device
    /// mode on the web, and cloud mode on the web too when the destination supports browser
    /// unbundling; a SERVER or CLOUD component is cloud mode on mobile, and on the web and
    /// server as `supportedPlatforms` says; with no components, cloud mode wherever
    /// `supportedPlatforms` says. Device mode on a server never exists.
    private mutating func apiModes(_ n: DataNode, _ p: String) -> Catalog.ConnectionModes? {
        let platforms = reader.object(n["supportedPlatforms"], "\(p).supportedPlatforms")
        let features = reader.object(n["supportedFeatures"], "\(p).supportedFeatures")
        let types = (reader.array(n["components"], "\(p).components").map { Array($0.elements) } ?? []).compactMap { $0["type"]?.string }
        let browser = platforms?["browser"]?.bool == true
        let mobile = platforms?["mobile"]?.bool == true
        let server = platforms?["server"]?.bool == true
        let unbundling = features?["browserUnbundling"]?.bool == true
        var device = Set<Catalog.Platform>(), cloud = Set<Catalog.Platform>()
        guard !types.isEmpty else {
            if browser { cloud.insert(.web) }
            if mobile { cloud.insert(.mobile) }
            if server { cloud.insert(.server) }
            return Catalog.ConnectionModes(device: device, cloud: cloud)
        }
        for type in types {
            switch type {
            case "IOS", "ANDROID": device.insert(.mobile)
            case "BROWSER":
                device.insert(.web)
                if unbundling { cloud.insert(.web) }
            case "SERVER", "CLOUD":
                cloud.insert(.mobile)
                if server { cloud.insert(.server) }
                if browser { cloud.insert(.web) }
            default: break
            }
        }
        return Catalog.ConnectionModes(device: device, cloud: cloud)
    }

    // MARK: Shared

    private mutating func common(
        _ n: DataNode, _ p: String, name nameKey: String, previous: String?, regions: String, endpoints: String
    ) -> UpstreamRow? {
        let name = reader.string(n, nameKey, p) ?? reader.string(n, "name", p)
        guard let name, !name.isEmpty else {
            reader.report(.inventoryMissing("a catalog row", field: nameKey, at: reader.file.range(n.start, n.start + 1), fromExport: false))
            return nil
        }
        guard let supported = regionList(n, regions, p, name), let ends = regionList(n, endpoints, p, name) else { return nil }
        return UpstreamRow(
            id: reader.string(n, "id", p), slug: reader.string(n, "slug", p), name: name,
            previousNames: previous.flatMap { reader.strings(n, $0, p) } ?? [], supportedRegions: supported,
            regionEndpoints: ends)
    }

    private mutating func regionList(_ n: DataNode, _ key: String, _ p: String, _ name: String) -> [String]? {
        guard let values = reader.strings(n, key, p) else {
            reader.report(.catalogMissing("\(name) (\(p))", field: key, at: reader.file.range(n.start, n.start + 1)))
            return nil
        }
        for (i, v) in values.enumerated() where CatalogRegion.of(v) == nil {
            reader.report(.unknownCatalogRegion(v, key, at: reader.range(n[key]!.elements[i])))
            return nil
        }
        return values
    }

    private mutating func settings(_ node: DataNode?, _ p: String) -> [Catalog.RegionSetting] {
        guard let list = reader.array(node, p) else { return [] }
        return list.elements.enumerated().compactMap { i, e in
            guard let o = reader.object(e, "\(p)[\(i)]"), let name = o["name"]?.string else { return nil }
            let value = o["defaultValue"].flatMap { $0.isNull ? nil : SettingValue($0) }
            return Catalog.RegionSetting(
                name: name, type: o["type"]?.string ?? "string", defaultValue: value, required: o["required"]?.bool ?? false)
        }
    }

    /// The API lists every option; like segment-docs' `regionSettings`, keep those whose
    /// name speaks of regions, endpoints, data centres or hosts.
    static func mentionsRegion(_ s: Catalog.RegionSetting) -> Bool {
        let n = s.name.lowercased()
        return ["region", "endpoint", "datacenter", "datacentre", "data_center", "host", "apibase", "url", "domain", "cluster", "location"]
            .contains { n.contains($0) } || n.hasPrefix("enableeu")
    }
}

/// The supplement: what Segment's Regional page says that its catalog data does not.
struct Supplement {
    var sourceDocument: String
    var vendors: [String: String]
    var warehouseIds: [String: String]
    var cidrRequiredFor: [String]
    /// `ingest`, `dates`, `warehouseCidrs`, `cidrRequiredFor`, `sdks`, copied into the catalog.
    var passThrough: [(key: String, node: DataNode)]

    func writePassThrough(_ w: inout JSONWriter) {
        for (key, node) in passThrough {
            w.key(key)
            node.write(to: &w)
        }
    }
}

struct SupplementReader {
    var reader: NodeReader

    init(file: SourceFile) {
        reader = NodeReader(file: file)
        reader.isExport = false
    }

    static let keys = [
        "supplementVersion", "title", "sourceDocument", "ingest", "dates", "warehouseCidrs", "cidrRequiredFor", "sdks",
        "warehouseIds", "vendors",
    ]
    static let passThrough = ["ingest", "dates", "warehouseCidrs", "cidrRequiredFor", "sdks"]

    mutating func read(_ root: DataNode) -> Supplement? {
        guard let top = reader.object(root, "supplement") else { return nil }
        for (key, start, _) in top.members where !Self.keys.contains(key) {
            reader.report(.unknownCatalogKey(key, in: "the catalog supplement", at: reader.keyRange(start, key), known: Self.keys))
        }
        guard let source = reader.requiredString(top, "sourceDocument", "supplement", what: "the supplement") else { return nil }
        return Supplement(
            sourceDocument: source, vendors: map(top, "vendors"), warehouseIds: map(top, "warehouseIds"),
            cidrRequiredFor: reader.strings(top, "cidrRequiredFor", "supplement") ?? [],
            passThrough: Self.passThrough.compactMap { k in top[k].map { (k, $0) } })
    }

    private mutating func map(_ top: DataNode, _ key: String) -> [String: String] {
        guard let obj = reader.object(top[key], key) else { return [:] }
        var out: [String: String] = [:]
        for (k, _, v) in obj.members {
            if let s = v.string { out[k] = s } else {
                reader.report(.inventoryType("\(key).\(k)", expected: "a string", found: v, at: reader.range(v)))
            }
        }
        return out
    }
}

extension DataNode {
    /// Writes the value again, members in document order (the supplement's parts are copied
    /// into the catalog as written).
    func write(to w: inout JSONWriter) {
        switch kind {
        case .object:
            w.beginObject()
            for (k, _, v) in members {
                w.key(k)
                v.write(to: &w)
            }
            w.endObject()
        case .array:
            w.beginArray()
            for e in elements { e.write(to: &w) }
            w.endArray()
        case .string: w.string(string ?? "")
        case .number: w.number(double ?? 0)
        case .bool: w.bool(bool ?? false)
        case .null: w.null()
        }
    }
}

/// A vendor from an integration's name, for rows the supplement does not name yet: the
/// brand with mode and product words removed (docs/catalog.md, "Vendors").
enum VendorNames {
    static let suffixes = [
        " (Actions)", " (Action)", " (Classic)", " (Legacy)", " (Cloud)", " (Audiences)", " Cloud Mode", " Web Device Mode",
        " Web Mode", " Device Mode", " Audiences", " Conversions API", " Mobile", " Web", " Cloud",
    ]

    static func derive(_ name: String) -> String {
        var v = name
        var changed = true
        while changed {
            changed = false
            for s in suffixes where v.hasSuffix(s) && v.count > s.count {
                v.removeLast(s.count)
                changed = true
            }
        }
        return v.trimmingWhitespace()
    }
}
