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
        // Segment's workspace object may gain fields; the bundle's lists do not belong in it.
        for (key, start, _) in ws.members where Self.listKeys.contains(key) {
            reader.report(.misplacedList(key, inside: "`workspace`", at: reader.keyRange(start, key)))
        }
        guard let id = reader.requiredString(ws, "id", where_, what: "the workspace"),
            let slug = reader.requiredString(ws, "slug", where_, what: "the workspace")
        else { return nil }
        var workspace = Workspace(id: id, slug: slug, name: reader.string(ws, "name", where_), origin: reader.origin(ws))
        workspace.dataSubjects = reader.list(bundle, "dataSubjects", path).map { places($0, "\(path).dataSubjects") }
        workspace.apiHost = reader.string(bundle, "apiHost", path)
        workspace.region = region(bundle, path, apiHost: workspace.apiHost)
        return workspace
    }

    /// A list of places (`dataSubjects`) as canonical codes through the one table
    /// (`Countries`): `"ch"`, `" CHE"` and `"Switzerland"` are all `CH`, each code kept once.
    /// An unknown place is an error at its value, and left out.
    mutating func places(_ list: DataNode, _ path: String) -> [String] {
        var out: [String] = []
        for (i, e) in list.elements.enumerated() {
            guard let text = e.string else {
                reader.report(.inventoryType("\(path)[\(i)]", expected: "a string", found: e, at: reader.range(e)))
                continue
            }
            guard let code = Countries.canonical(text) else {
                reader.report(.unknownPlace(text, "\(path)[\(i)]", at: reader.range(e)))
                continue
            }
            if !out.contains(code) { out.append(code) }
        }
        return out
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

    /// Every field is worked out in a local and the source built once, as it is appended (as
    /// `decodeDestination` does): built first and filled in, and returned, it was copied whole
    /// on its way, a retain of each of its fields. The item is taken whole for the reason
    /// `decodeDestination` gives: as a node and an autoclosure of its path, the list's path was
    /// copied some twenty times for each source.
    mutating func decodeSource(_ item: borrowing ListItem, into out: inout [Source]) {
        let n = item.node
        func path() -> String { item.path }
        guard let id = reader.requiredString(n, "id", path(), what: "a source") else { return }
        let metadata = reader.object(n["metadata"], "\(path()).metadata")
        let slug = reader.string(n, "slug", path()) ?? id, name = reader.string(n, "name", path())
        let enabled = reader.bool(n, "enabled", path()), origin = reader.origin(n)
        let writeKeys = reader.strings(n, "writeKeys", path())
        let settings = reader.object(n["settings"], "\(path()).settings")?.languageValue(interning: texts) ?? .missing
        var labels: [String]?
        if let list = reader.array(n["labels"], "\(path()).labels") {
            labels = list.elements.enumerated().compactMap { i, l in
                guard let l = reader.object(l, "\(path()).labels[\(i)]"), let k = l["key"]?.string else { return nil }
                return "\(k):\(l["value"]?.string ?? "")"
            }
        }
        var metadataID: String?, catalogName: String?, catalogSlug: String?, categories: [String]?
        var cloudFlag: Bool?
        if let m = metadata {
            metadataID = reader.string(m, "id", "\(path()).metadata", sharing: texts)
            catalogName = reader.string(m, "name", "\(path()).metadata", sharing: texts)
            catalogSlug = reader.string(m, "slug", "\(path()).metadata", sharing: texts)
            categories = reader.strings(m, "categories", "\(path()).metadata")
            cloudFlag = reader.bool(m, "isCloudEventSource", "\(path()).metadata")
        }
        let found = lookUp(.sources, id: metadataID, slug: catalogSlug, name: catalogName, metadata)
        identify(&catalogName, &catalogSlug, found, .sources)
        // The row's type read in place: a copy of the row retained its every list.
        let (sourceType, cloud) =
            found.map { catalog.withRow(.sources, Int($0.row)) { ($0.pointee.sourceType, $0.pointee.cloud) } } ?? (nil, nil)
        // The Public API's source metadata carries no regions: the catalog decides.
        let facts = IntegrationResolver.facts(catalog: catalog, table: .sources, found: found, regions: nil, endpoints: nil)
        out.append(
            Source(
                id: id, slug: slug, name: name, enabled: enabled, catalogName: catalogName, catalogSlug: catalogSlug,
                isCloudSource: cloud ?? cloudFlag, categories: categories, writeKeys: writeKeys, labels: labels,
                settings: settings, integration: facts,
                platform: BundleDecoder.platform(type: sourceType, cloud: cloudFlag, categories: categories), origin: origin))
    }

    /// Where a source runs: its catalog type, else what its own metadata says.
    static func platform(type: String?, cloud: Bool?, categories: [String]?) -> EndpointRules.SourcePlatform? {
        switch type {
        case "website"?: return .web
        case "mobile"?: return .mobile
        case "server"?: return .server
        case "cloud-app"?: return .cloudSource
        case "ott"?: return nil
        default: break
        }
        if cloud == true { return .cloudSource }
        let c = Set((categories ?? []).map { $0.lowercased() })
        if c.contains("website") { return .web }
        if c.contains("mobile") { return .mobile }
        if c.contains("server") { return .server }
        return nil
    }

    /// The item is taken whole, not as its node and an autoclosure of its path: the specialised
    /// autoclosures copied the node and the list's path (a retain each) into every one of the
    /// dozen paths below, for each of a night's 200,000 destinations. The destination is
    /// appended to `out` here: returned, it was copied twice on its way into the list.
    mutating func decodeDestination(
        _ item: borrowing ListItem, sources: borrowing TextMap<EndpointRules.SourcePlatform?>, workspaceRegion: String?,
        into out: inout [Destination]
    ) {
        let n = item.node
        func path() -> String { item.path }
        guard let id = reader.requiredString(n, "id", path(), what: "a destination"),
            let sourceID = reader.requiredString(n, "sourceId", path(), what: "a destination")
        else { return }
        let platform = sources[sourceID]
        if platform == nil, let node = n["sourceId"] {
            reader.report(.danglingSource(id, sourceID, at: reader.range(node), candidates: sources.keys))
        }
        // Every field is worked out in a local and the destination built once, as it is
        // appended: built first and filled in, it was copied whole twice (a read of it inside
        // a closure or an autoclosure while it was being written), each copy a dozen retains.
        // Read in the order the diagnostics of a bad one have always come in.
        let name = reader.string(n, "name", path()), enabled = reader.bool(n, "enabled", path())
        let origin = reader.origin(n)
        let metadata = reader.object(n["metadata"], "\(path()).metadata")
        var catalogName: String?, catalogSlug: String?, catalogId: String?
        var supportedRegions: [String]?, regionEndpoints: [String]?
        var regions: IntegrationResolver.Exported?
        var endpoints: IntegrationResolver.Exported?
        if let m = metadata {
            catalogName = reader.string(m, "name", "\(path()).metadata", sharing: texts)
            catalogSlug = reader.string(m, "slug", "\(path()).metadata", sharing: texts)
            catalogId = reader.string(m, "id", "\(path()).metadata", sharing: texts)
            supportedRegions = reader.strings(m, "supportedRegions", "\(path()).metadata")
            regionEndpoints = reader.strings(m, "regionEndpoints", "\(path()).metadata")
            if let v = supportedRegions, let node = m["supportedRegions"] {
                regions = .init(values: v, origin: reader.origin(node), field: "metadata.supportedRegions")
            }
            if let v = regionEndpoints, let node = m["regionEndpoints"] {
                endpoints = .init(values: v, origin: reader.origin(node), field: "metadata.regionEndpoints")
            }
        }
        let found = lookUp(.destinations, id: catalogId, slug: catalogSlug, name: catalogName, metadata)
        identify(&catalogName, &catalogSlug, found, .destinations)
        let row = found.map { Int($0.row) }
        let vendor = vendor(of: row, catalogId: &catalogId)
        let facts = IntegrationResolver.facts(
            catalog: catalog, table: .destinations, found: found, regions: regions, endpoints: endpoints)
        let settings = reader.object(n["settings"], "\(path()).settings")
        let file = reader.file.path
        let endpoint = EndpointRules.resolve(
            EndpointRules.Query(
                name: catalogName ?? name ?? id, catalog: catalog, row: row, facts: facts,
                setting: { BundleDecoder.setting(settings, $0, file: file) }, platform: platform ?? nil,
                workspaceRegion: workspaceRegion, catalogAnswers: catalogAnswers))
        out.append(
            Destination(
                id: id, name: name, enabled: enabled, sourceId: sourceID,
                catalogName: catalogName, catalogSlug: catalogSlug, catalogId: catalogId, vendor: vendor,
                endpoint: endpoint, settings: settings?.languageValue(interning: texts) ?? .missing,
                supportedRegions: supportedRegions,
                regionEndpoints: regionEndpoints, integration: facts, origin: origin))
    }

    mutating func decodeWarehouse(_ n: DataNode, _ path: @autoclosure () -> String) -> Warehouse? {
        guard let id = reader.requiredString(n, "id", path(), what: "a warehouse") else { return nil }
        var w = Warehouse(id: id, enabled: reader.bool(n, "enabled", path()), origin: reader.origin(n))
        let settingsNode = reader.object(n["settings"], "\(path()).settings")
        if let s = settingsNode { w.name = reader.string(s, "name", "\(path()).settings") }
        var metadataID: String?
        let metadata = reader.object(n["metadata"], "\(path()).metadata")
        if let m = metadata {
            metadataID = reader.string(m, "id", "\(path()).metadata")
            w.catalogName = reader.string(m, "name", "\(path()).metadata")
            w.catalogSlug = reader.string(m, "slug", "\(path()).metadata")
        }
        let found = lookUp(.warehouses, id: metadataID, slug: w.catalogSlug, name: w.catalogName, metadata)
        identify(&w.catalogName, &w.catalogSlug, found, .warehouses)
        w.integration = IntegrationResolver.facts(
            catalog: catalog, table: .warehouses, found: found, regions: nil, endpoints: nil)
        let file = reader.file.path
        let (location, resolution) = WarehouseRules.resolve { BundleDecoder.setting(settingsNode, $0, file: file) }
        w.location = location
        w.region = resolution.region
        w.regionEvidence = resolution.evidence
        w.regionOrigin = resolution.origin
        return w
    }

    /// The catalog row an inventory's metadata names, by id, slug, name or previous name;
    /// an integration that names none is a warning at its name (checks that need it are
    /// indeterminate) with the closest names.
    mutating func lookUp(
        _ table: Catalog.Table, id: String?, slug: String?, name: String?, _ metadata: DataNode?
    ) -> (row: Int32, match: Catalog.Match)? {
        if let found = catalog.find(table, id: id, slug: slug, name: name) { return found }
        let key = name != nil ? "name" : slug != nil ? "slug" : "id"
        if let label = name ?? slug ?? id, let node = metadata?[key] {
            reader.report(.unknownCatalogName(table.noun, label, at: reader.range(node), candidates: catalog.names(table)))
        }
        return nil
    }

    /// A destination's vendor, from the catalog row found (nil: none), and its catalog id: the
    /// export's, else the row's. The row's fields are read in place: a copy of the row retained
    /// its every list.
    func vendor(of row: Int?, catalogId: inout String?) -> String? {
        guard let row else { return nil }
        return catalog.withRow(.destinations, row) { entry in
            if catalogId == nil { catalogId = entry.pointee.id }
            return entry.pointee.vendor
        }
    }

    /// The names policies read (`d.catalogName`, `d.catalogSlug`) are the catalog row's, so
    /// `catalog.destination(d.catalogName)` finds the row the normaliser used, even when the
    /// export spells the integration by a previous name.
    func identify(
        _ name: inout String?, _ slug: inout String?, _ found: (row: Int32, match: Catalog.Match)?, _ table: Catalog.Table
    ) {
        guard let found else { return }
        catalog.withRow(table, Int(found.row)) { entry in
            name = entry.pointee.name
            slug = entry.pointee.slug ?? slug
        }
    }
}

extension String {
    /// `eu west` and `eu_west` spelled as `eu-west`.
    fileprivate func replacingSpaces() -> String {
        String(map { $0 == " " || $0 == "_" ? "-" : $0 })
    }
}
