/// Decoding of the workspace and each resource kind.
extension BundleDecoder {
    static let euAPIHost = "eu1.api.segmentapis.com"
    static let usAPIHost = "api.segmentapis.com"

    mutating func decodeWorkspace(_ bundle: DataNode, _ path: String) -> Workspace? {
        // `GET /` answers `{"data": {"workspace": {…}}}`; accept it pasted as is.
        var node = bundle["workspace"]
        if let n = node, n.kind == .object, n["id"] == nil, let inner = n["data"]?["workspace"] { node = inner }
        guard let ws = reader.object(node, "\(path).workspace") else {
            // A value of the wrong type was reported by `object`; only absence is reported here.
            if node == nil || node?.isNull == true {
                reader.report(.inventoryMissing("the bundle", field: "workspace", at: reader.range(bundle)))
            }
            return nil
        }
        let where_ = "\(path).workspace"
        guard let id = reader.requiredString(ws, "id", where_, what: "the workspace"),
            let slug = reader.requiredString(ws, "slug", where_, what: "the workspace")
        else { return nil }
        var workspace = Workspace(id: id, slug: slug, name: reader.string(ws, "name", where_), origin: reader.origin(ws))
        workspace.dataSubjects = reader.strings(bundle, "dataSubjects", path)
        workspace.apiHost = reader.string(bundle, "apiHost", path)
        workspace.region = region(bundle, path, apiHost: workspace.apiHost)
        return workspace
    }

    /// The workspace region a Public API host answers for (`https://eu1.api.segmentapis.com`
    /// → `eu-west`); nil for any other host. Shared with Terraform plans' provider `url`.
    static func region(ofAPIHost text: String) -> String? {
        switch URLParts(text)?.host {
        case euAPIHost?: "eu-west"
        case usAPIHost?: "us-west"
        default: nil
        }
    }

    /// The region: declared, or inferred from the host that answered; both must agree.
    private mutating func region(_ bundle: DataNode, _ path: String, apiHost: String?) -> String? {
        var implied: String?
        if let apiHost, let hostNode = bundle["apiHost"] {
            implied = BundleDecoder.region(ofAPIHost: apiHost)
            if implied == nil { reader.report(.unknownApiHost(apiHost, at: reader.range(hostNode))) }
        }
        guard let regionNode = bundle["region"], let declared = reader.string(bundle, "region", path) else { return implied }
        let normalised = declared.trimmingWhitespace().lowercased().replacingSpaces()
        guard normalised == "eu-west" || normalised == "us-west" else {
            reader.report(.unknownRegion(declared, at: reader.range(regionNode)))
            return nil
        }
        if let implied, implied != normalised, let apiHost {
            reader.report(.regionDisagrees(normalised, apiHost, implied, at: reader.range(regionNode)))
            return nil
        }
        return normalised
    }

    mutating func decodeSource(_ n: DataNode, _ path: @autoclosure () -> String) -> Source? {
        guard let id = reader.requiredString(n, "id", path(), what: "a source") else { return nil }
        let metadata = reader.object(n["metadata"], "\(path()).metadata")
        var source = Source(
            id: id, slug: reader.string(n, "slug", path()) ?? id, name: reader.string(n, "name", path()),
            enabled: reader.bool(n, "enabled", path()), origin: reader.origin(n))
        source.writeKeys = reader.strings(n, "writeKeys", path())
        if let labels = reader.array(n["labels"], "\(path()).labels") {
            source.labels = labels.elements.enumerated().compactMap { i, l in
                guard let l = reader.object(l, "\(path()).labels[\(i)]"), let k = l["key"]?.string else { return nil }
                return "\(k):\(l["value"]?.string ?? "")"
            }
        }
        if let m = metadata {
            source.catalogName = reader.string(m, "name", "\(path()).metadata")
            source.catalogSlug = reader.string(m, "slug", "\(path()).metadata")
            source.categories = reader.strings(m, "categories", "\(path()).metadata")
        }
        let entry = catalogSource(source.catalogName, source.catalogSlug, metadata)
        source.catalogName = canonicalName(source: source.catalogName, entry)
        source.isCloudSource = entry?.cloud ?? metadata.flatMap { reader.bool($0, "isCloudEventSource", "\(path()).metadata") }
        return source
    }

    mutating func decodeDestination(_ n: DataNode, _ path: @autoclosure () -> String, sourceIDs: Set<String>) -> Destination? {
        guard let id = reader.requiredString(n, "id", path(), what: "a destination"),
            let sourceID = reader.requiredString(n, "sourceId", path(), what: "a destination")
        else { return nil }
        if !sourceIDs.contains(sourceID), let node = n["sourceId"] {
            reader.report(.danglingSource(id, sourceID, at: reader.range(node), candidates: Array(sourceIDs)))
        }
        var d = Destination(
            id: id, name: reader.string(n, "name", path()), enabled: reader.bool(n, "enabled", path()), sourceId: sourceID,
            origin: reader.origin(n))
        let metadata = reader.object(n["metadata"], "\(path()).metadata")
        if let m = metadata {
            d.catalogName = reader.string(m, "name", "\(path()).metadata")
            d.catalogSlug = reader.string(m, "slug", "\(path()).metadata")
            d.catalogId = reader.string(m, "id", "\(path()).metadata")
            d.supportedRegions = reader.strings(m, "supportedRegions", "\(path()).metadata")
            d.regionEndpoints = reader.strings(m, "regionEndpoints", "\(path()).metadata")
        }
        let entry = catalogDestination(d.catalogName, d.catalogSlug, metadata)
        d.catalogName = canonicalName(destination: d.catalogName, entry)
        d.vendor = entry?.vendor
        let settings = reader.object(n["settings"], "\(path()).settings")
        d.endpoint = EndpointRules.resolve(
            slug: d.catalogSlug, name: d.catalogName, setting: { BundleDecoder.setting(settings, $0) }, catalogEntry: entry)
        return d
    }

    mutating func decodeWarehouse(_ n: DataNode, _ path: @autoclosure () -> String) -> Warehouse? {
        guard let id = reader.requiredString(n, "id", path(), what: "a warehouse") else { return nil }
        var w = Warehouse(id: id, enabled: reader.bool(n, "enabled", path()), origin: reader.origin(n))
        let settingsNode = reader.object(n["settings"], "\(path()).settings")
        if let s = settingsNode { w.name = reader.string(s, "name", "\(path()).settings") }
        if let m = reader.object(n["metadata"], "\(path()).metadata") {
            w.catalogName = reader.string(m, "name", "\(path()).metadata")
            w.catalogSlug = reader.string(m, "slug", "\(path()).metadata")
            if let name = w.catalogName, catalog.warehouse(named: name) == nil,
                w.catalogSlug.map({ catalog.warehouse(named: $0) == nil }) ?? true, let node = m["name"]
            {
                reader.report(.unknownCatalogName("warehouse", name, at: reader.range(node), candidates: catalog.warehouseNames))
            }
        }
        let (location, resolution) = WarehouseRules.resolve(BundleDecoder.settings(settingsNode))
        w.location = location
        w.region = resolution.region
        w.regionEvidence = resolution.evidence
        return w
    }

    // Look-ups in closures rather than `slug.flatMap(catalog.destination(named:))`: a method
    // reference copies the whole catalog (a dozen retains) for every resource.
    mutating func catalogDestination(_ name: String?, _ slug: String?, _ metadata: DataNode?) -> Catalog.DestinationEntry? {
        if let i = slug.flatMap({ catalog.destination(named: $0) }) ?? name.flatMap({ catalog.destination(named: $0) }) {
            return catalog.destinations[Int(i)]
        }
        if let label = name ?? slug, let node = metadata?[name != nil ? "name" : "slug"] {
            reader.report(.unknownCatalogName("destination", label, at: reader.range(node), candidates: catalog.destinationNames))
        }
        return nil
    }

    /// The name policies look up (`catalog.destination(d.catalogName)`) must find the row the
    /// normaliser found, which a slug finds first: a renamed integration would otherwise be
    /// resolved by one check and indeterminate in another. So a name that finds no row, or
    /// another row, is replaced by the row's name.
    func canonicalName(destination name: String?, _ entry: Catalog.DestinationEntry?) -> String? {
        guard let entry else { return name }
        let found = name.flatMap { catalog.destination(named: $0) }.map { catalog.destinations[Int($0)].name }
        return found == entry.name ? name : entry.name
    }

    /// `canonicalName(destination:)` for sources.
    func canonicalName(source name: String?, _ entry: Catalog.SourceEntry?) -> String? {
        guard let entry else { return name }
        let found = name.flatMap { catalog.source(named: $0) }.map { catalog.sources[Int($0)].name }
        return found == entry.name ? name : entry.name
    }

    mutating func catalogSource(_ name: String?, _ slug: String?, _ metadata: DataNode?) -> Catalog.SourceEntry? {
        if let i = slug.flatMap({ catalog.source(named: $0) }) ?? name.flatMap({ catalog.source(named: $0) }) {
            return catalog.sources[Int(i)]
        }
        if let label = name ?? slug, let node = metadata?[name != nil ? "name" : "slug"] {
            reader.report(.unknownCatalogName("source", label, at: reader.range(node), candidates: catalog.sourceNames))
        }
        return nil
    }
}

extension String {
    /// `eu west` and `eu_west` spelled as `eu-west`.
    fileprivate func replacingSpaces() -> String {
        String(map { $0 == " " || $0 == "_" ? "-" : $0 })
    }
}
