/// One catalog file, read strictly: every key known, every region one Segment uses, every
/// id, slug and name unique in its table. Rows that are wrong are reported and left out, so
/// the loader never works on a row it could only half read.
struct CatalogFileReader {
    var reader: NodeReader
    let layer: Int

    struct Read {
        var version: String
        var rows: [Catalog.Table: [Catalog.Entry]]
    }

    init(file: SourceFile, layer: Int) {
        reader = NodeReader(file: file)
        reader.isExport = false
        self.layer = layer
    }

    static let topKeys = [
        "formatVersion", "catalogVersion", "title", "sourceDocument", "generatedFrom", "ingest", "dates",
        "warehouseCidrs", "cidrRequiredFor", "sdks", "destinations", "sources", "warehouses",
    ]
    static let commonRowKeys = ["id", "slug", "name", "previousNames", "supportedRegions", "regionEndpoints", "status"]
    static func rowKeys(_ table: Catalog.Table) -> [String] {
        switch table {
        case .destinations: commonRowKeys + ["vendor", "connectionModes", "regionSettings"]
        case .sources: commonRowKeys + ["type"]
        case .warehouses: commonRowKeys + ["requiresCidr"]
        }
    }
    static let sourceTypes = ["server", "mobile", "website", "ott", "cloud-app"]

    mutating func read(_ root: DataNode) -> Read? {
        guard let top = reader.object(root, "catalog") else { return nil }
        onlyKeys(top, Self.topKeys, "a catalog file")
        guard let format = top["formatVersion"] else {
            reader.report(.unsupportedCatalogFormat("1 (no `formatVersion`)", at: reader.file.range(top.start, top.start + 1)))
            return nil
        }
        guard format.int == CatalogLoader.formatVersion else {
            reader.report(
                .unsupportedCatalogFormat(format.numberText ?? format.string ?? format.typeName, at: reader.range(format)))
            return nil
        }
        guard let version = reader.requiredString(top, "catalogVersion", "catalog", what: "the catalog") else { return nil }
        checkSupplementary(top)
        var rows: [Catalog.Table: [Catalog.Entry]] = [:]
        for table in Catalog.Table.allCases {
            guard let list = reader.array(top[table.rawValue], table.rawValue) else { continue }
            var out: [Catalog.Entry] = []
            var nodes: [DataNode] = []
            for (i, node) in list.elements.enumerated() {
                guard let row = entry(node, table, "\(table.rawValue)[\(i)]") else { continue }
                out.append(row)
                nodes.append(node)
            }
            rows[table] = dropDuplicates(out, nodes, table)
        }
        return Read(version: version, rows: rows)
    }

    /// Reports keys an object may not have.
    mutating func onlyKeys(_ obj: DataNode, _ known: [String], _ what: String) {
        for (key, start, _) in obj.members where !known.contains(key) {
            reader.report(.unknownCatalogKey(key, in: what, at: reader.keyRange(start, key), known: known))
        }
    }

    private mutating func entry(_ node: DataNode, _ table: Catalog.Table, _ path: String) -> Catalog.Entry? {
        guard let obj = reader.object(node, path) else {
            if node.isNull { reader.report(.inventoryType(path, expected: "an object", found: node, at: reader.range(node))) }
            return nil
        }
        let before = reader.diagnostics.count
        onlyKeys(obj, Self.rowKeys(table), "a \(table.noun) row")
        let what = "a \(table.noun) row"
        guard let name = reader.requiredString(obj, "name", path, what: what) else { return nil }
        guard let regions = regionList(obj, "supportedRegions", path, what: "\(what) (\(name))"),
            let endpoints = regionList(obj, "regionEndpoints", path, what: "\(what) (\(name))")
        else { return nil }
        var row = Catalog.Entry(
            id: nonEmpty(obj, "id", path), slug: nonEmpty(obj, "slug", path), name: name,
            previousNames: reader.strings(obj, "previousNames", path) ?? [], supportedRegions: regions,
            regionEndpoints: endpoints)
        _ = reader.string(obj, "status", path)
        switch table {
        case .destinations:
            row.vendor = reader.string(obj, "vendor", path)
            row.connectionModes = connectionModes(obj["connectionModes"], "\(path).connectionModes")
            row.regionSettings = regionSettings(obj["regionSettings"], "\(path).regionSettings")
        case .sources:
            if let type = reader.string(obj, "type", path) {
                if Self.sourceTypes.contains(type) {
                    row.sourceType = type
                } else {
                    reader.report(
                        .invalidCatalogValue(
                            "\(path).type", "\"\(type)\"", expected: Self.sourceTypes.map { "\"\($0)\"" }.joined(separator: ", "),
                            at: reader.range(obj["type"]!)))
                }
            }
        case .warehouses:
            row.requiresCidr = reader.bool(obj, "requiresCidr", path)
        }
        row.layer = layer
        row.origin = reader.origin(obj)
        // A row with any error is left out whole: half a row could change a verdict.
        return reader.diagnostics[before...].contains { $0.severity == .error } ? nil : row
    }

    private mutating func nonEmpty(_ obj: DataNode, _ key: String, _ path: String) -> String? {
        guard let s = reader.string(obj, key, path) else { return nil }
        if s.trimmingWhitespace().isEmpty {
            reader.report(
                .invalidCatalogValue(
                    "\(path).\(key)", "an empty string", expected: "a non-empty string", at: reader.range(obj[key]!)))
            return nil
        }
        return s
    }

    /// `supportedRegions` or `regionEndpoints`: required, every value one Segment uses.
    private mutating func regionList(_ obj: DataNode, _ key: String, _ path: String, what: String) -> [String]? {
        guard obj[key] != nil, obj[key]?.isNull == false else {
            reader.report(.catalogMissing(what, field: key, at: reader.file.range(obj.start, obj.start + 1)))
            return nil
        }
        guard let list = reader.array(obj[key], "\(path).\(key)") else { return nil }
        var out: [String] = []
        for e in list.elements {
            guard let s = e.string else {
                reader.report(.inventoryType("\(path).\(key)[]", expected: "a string", found: e, at: reader.range(e)))
                return nil
            }
            guard let region = CatalogRegion.of(s),
                key == "supportedRegions" || s.uppercased() == region.rawValue.uppercased()
            else {
                reader.report(.unknownCatalogRegion(s, key, at: reader.range(e)))
                return nil
            }
            out.append(s)
        }
        return out
    }

    private mutating func connectionModes(_ node: DataNode?, _ path: String) -> Catalog.ConnectionModes? {
        guard let obj = reader.object(node, path) else { return nil }
        onlyKeys(obj, ["device", "cloud"], "`connectionModes`")
        func platforms(_ key: String) -> Set<Catalog.Platform> {
            var out = Set<Catalog.Platform>()
            for e in reader.array(obj[key], "\(path).\(key)").map({ Array($0.elements) }) ?? [] {
                guard let s = e.string, let p = Catalog.Platform(rawValue: s) else {
                    reader.report(
                        .invalidCatalogValue(
                            "\(path).\(key)[]", e.string.map { "\"\($0)\"" } ?? e.typeName,
                            expected: "\"web\", \"mobile\" or \"server\"",
                            at: reader.range(e)))
                    continue
                }
                out.insert(p)
            }
            return out
        }
        return Catalog.ConnectionModes(device: platforms("device"), cloud: platforms("cloud"))
    }

    private mutating func regionSettings(_ node: DataNode?, _ path: String) -> [Catalog.RegionSetting] {
        guard let list = reader.array(node, path) else { return [] }
        var out: [Catalog.RegionSetting] = []
        for (i, e) in list.elements.enumerated() {
            let p = "\(path)[\(i)]"
            guard let obj = reader.object(e, p) else { continue }
            onlyKeys(obj, ["name", "type", "default", "required"], "a region setting")
            guard let name = reader.requiredString(obj, "name", p, what: "a region setting"),
                let type = reader.requiredString(obj, "type", p, what: "a region setting")
            else { continue }
            let value = obj["default"].flatMap { $0.isNull ? nil : SettingValue($0) }
            out.append(.init(name: name, type: type, defaultValue: value, required: reader.bool(obj, "required", p) ?? false))
        }
        return out
    }

    /// Ids, slugs and names are keys: each may name one row of its table. The later of two
    /// rows that share one is reported and left out.
    private mutating func dropDuplicates(_ rows: [Catalog.Entry], _ nodes: [DataNode], _ table: Catalog.Table) -> [Catalog.Entry]
    {
        var first: [String: DataNode] = [:]
        var kept: [Catalog.Entry] = []
        for (row, node) in zip(rows, nodes) {
            var clash = false
            for field in ["id", "slug", "name"] {
                guard let valueNode = node[field], let value = valueNode.string else { continue }
                let key = field == "name" ? "name:" + Catalog.key(value) : "\(field):\(value)"
                if let f = first[key] {
                    reader.report(
                        .duplicateCatalogKey(table.noun, field, value, at: reader.range(valueNode), first: reader.range(f)))
                    clash = true
                }
            }
            guard !clash else { continue }
            for field in ["id", "slug", "name"] {
                guard let valueNode = node[field], let value = valueNode.string else { continue }
                first[field == "name" ? "name:" + Catalog.key(value) : "\(field):\(value)"] = valueNode
            }
            kept.append(row)
        }
        return kept
    }

    /// The parts of the file the loader does not use but a person reads: still checked, so a
    /// misspelt key is not silently kept.
    private mutating func checkSupplementary(_ top: DataNode) {
        if let ingest = reader.object(top["ingest"], "ingest") {
            onlyKeys(ingest, ["euHost", "euUrl", "usHost", "euApiHost", "usApiHost"], "`ingest`")
        }
        if let dates = reader.object(top["dates"], "dates") {
            onlyKeys(dates, ["dpfAdequacyDecision", "wrongRegionRejectedFrom"], "`dates`")
            for (key, _, value) in dates.members where value.string.flatMap(Day.init(iso:)) == nil {
                reader.report(
                    .invalidCatalogValue(
                        "dates.\(key)", value.string.map { "\"\($0)\"" } ?? value.typeName, expected: "a YYYY-MM-DD date",
                        at: reader.range(value)))
            }
        }
        _ = reader.strings(top, "warehouseCidrs", "catalog")
        _ = reader.strings(top, "cidrRequiredFor", "catalog")
        let sdks: [DataNode] = reader.array(top["sdks"], "sdks").map { Array($0.elements) } ?? []
        for (i, sdk) in sdks.enumerated() {
            guard let obj = reader.object(sdk, "sdks[\(i)]") else { continue }
            onlyKeys(obj, SDKTableRow.keys, "an `sdks` row")
        }
    }
}

extension SettingValue {
    /// A setting as a catalog or an export gives it: strings, booleans and numbers as such,
    /// `null` as such, anything else present but never a region.
    init(_ node: DataNode) {
        switch node.kind {
        case .string: self = .string(node.string ?? "")
        case .bool: self = .bool(node.bool ?? false)
        case .number: self = .number(node.double ?? 0)
        case .null: self = .null
        default: self = .other
        }
    }
}
