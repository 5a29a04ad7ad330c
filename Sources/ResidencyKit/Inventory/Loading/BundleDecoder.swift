/// Turns one export bundle (the Public API's own objects, with or without their `{"data": …}`
/// envelopes, plus what only the user knows) into a `WorkspaceModel`, reporting every problem
/// at its place in the file. Normalisation (regions, endpoints, SDK hosts) happens here, once.
struct BundleDecoder {
    var reader: NodeReader
    let catalog: Catalog

    init(file: SourceFile, catalog: Catalog) {
        self.reader = NodeReader(file: file)
        self.catalog = catalog
    }

    /// The bundles of a file with their paths: one bundle, or `{"workspaces": [bundle, …]}`.
    mutating func bundles(_ root: DataNode) -> [(node: DataNode, path: String)] {
        guard root.kind == .object else {
            reader.report(.notABundle(root.typeName, at: reader.range(root)))
            return []
        }
        if let list = root["workspaces"] {
            guard let array = reader.array(list, "workspaces") else { return [] }
            return array.elements.enumerated().compactMap { k, e in
                if e.kind == .object { return (e, "workspaces[\(k)]") }
                reader.report(.notABundle(e.typeName, at: reader.range(e)))
                return nil
            }
        }
        guard root["workspace"] != nil else {
            reader.report(.notABundle("an object without `workspace`", at: reader.range(root)))
            return []
        }
        return [(root, "")]
    }

    /// Decodes one bundle; nil when it has no usable workspace.
    mutating func decode(_ bundle: DataNode, _ path: String) -> WorkspaceModel? {
        _ = reader.object(bundle, path)
        if let v = bundle["exportVersion"], !v.isNull {
            guard v.kind == .number else {
                reader.report(.inventoryType("\(path).exportVersion", expected: "a number", found: v, at: reader.range(v)))
                return nil
            }
            if v.int != 1 {
                reader.report(.unsupportedExportVersion(v.numberText ?? "?", at: reader.range(v)))
                return nil
            }
        }
        guard var workspace = decodeWorkspace(bundle, path) else { return nil }
        // Resources are read by index below: iterating or mapping an array of these structs
        // copies each element (a dozen retains).
        var sources = decodeList(bundle, "sources", path).compactMap { decodeSource($0.node, $0.path) }
        reportDuplicateIDs(sources.indices.lazy.map { (sources[$0].id, sources[$0].origin) }, kind: "source")
        // Each source's platform, which picks the connection modes of its destinations.
        var platforms: [String: EndpointRules.SourcePlatform?] = [:]
        platforms.reserveCapacity(sources.count)
        for i in sources.indices where platforms[sources[i].id] == nil { platforms[sources[i].id] = sources[i].platform }
        let items = decodeList(bundle, "destinations", path)
        var destinations: [Destination] = []
        destinations.reserveCapacity(items.count)
        for item in items {
            if let d = decodeDestination(item.node, item.path, sources: platforms, workspaceRegion: workspace.dataRegion) {
                destinations.append(d)
            }
        }
        reportDuplicateIDs(destinations.indices.lazy.map { (destinations[$0].id, destinations[$0].origin) }, kind: "destination")
        var warehouses = decodeList(bundle, "warehouses", path).compactMap { decodeWarehouse($0.node, $0.path) }
        reportDuplicateIDs(warehouses.indices.lazy.map { (warehouses[$0].id, warehouses[$0].origin) }, kind: "warehouse")
        applySDKConfigs(bundle, path, &sources, workspaceRegion: workspace.region)
        applyWarehouseAccess(bundle, path, &warehouses)
        workspace.origin = workspace.origin ?? reader.origin(bundle)
        var model = WorkspaceModel(workspace: workspace, sources: sources, destinations: destinations, warehouses: warehouses)
        model.file = reader.file
        return model
    }

    /// Ids must be unique per kind.
    private mutating func reportDuplicateIDs(_ ids: some Collection<(String, Origin?)>, kind: String) {
        var first: [String: Origin] = [:]
        first.reserveCapacity(ids.count)
        for (id, origin) in ids {
            guard let origin else { continue }
            if let f = first[id] {
                reader.report(.inventoryDuplicateID(kind, id, at: at(origin), first: at(f)))
            } else {
                first[id] = origin
            }
        }
    }

    private func at(_ o: Origin) -> SourceRange { reader.file.range(o.offset, o.offset + 1) }

    // MARK: Lists and envelopes

    /// One element of a resource list and where it is. The path (`workspaces[2].destinations[17]`)
    /// is spelled out only when a diagnostic needs it.
    struct ListItem {
        var node: DataNode
        /// The list's own path, shared by its elements.
        var list: String
        var index: Int
        var path: String { "\(list)[\(index)]" }
    }

    /// A list as the user gave it: raw `[…]`, the API's `{"data": {"<key>": […], "pagination": …}}`
    /// (`pagination` also accepted beside `data`), or a list of such pages.
    mutating func decodeList(_ bundle: DataNode, _ key: String, _ path: String) -> [ListItem] {
        guard let value = bundle[key], !value.isNull else { return [] }
        var out: [ListItem] = []
        /// Adds a page's items; returns its `pagination.next` node when it names a next page.
        func page(_ envelope: DataNode, _ where_: String) -> DataNode? {
            guard let envelope = reader.object(envelope, where_),
                let data = reader.object(envelope["data"], "\(where_).data")
            else { return nil }
            // The Public API puts `pagination` beside the list, inside `data`; pages pasted
            // from elsewhere may have it beside `data`. Either way a next page is read.
            let paginationNode = data["pagination"] ?? envelope["pagination"]
            let paginationPath = data["pagination"] != nil ? "\(where_).data.pagination" : "\(where_).pagination"
            if let pagination = paginationNode { _ = reader.object(pagination, paginationPath) }
            let list = "\(where_).data.\(key)"
            if let items = reader.array(data[key], list) {
                for (i, item) in items.elements.enumerated() { out.append(ListItem(node: item, list: list, index: i)) }
            } else if data[key] == nil {
                reader.report(.inventoryMissing("the `\(key)` page", field: key, at: reader.range(data)))
            }
            guard let next = paginationNode?["next"], next.string != nil else { return nil }
            return next
        }
        // Only the last page given can leave pages out: earlier ones name pages that follow.
        var lastNext: DataNode?
        switch value.kind {
        case .array:
            let list = "\(path).\(key)"
            for (i, item) in value.elements.enumerated() {
                if item.kind == .object, item["data"] != nil, item["id"] == nil {
                    lastNext = page(item, "\(list)[\(i)]")
                } else {
                    out.append(ListItem(node: item, list: list, index: i))
                }
            }
        case .object where value["data"] != nil:
            lastNext = page(value, "\(path).\(key)")
        default:
            reader.report(
                .inventoryType(
                    "\(path).\(key)", expected: "a list or an API response page", found: value,
                    at: reader.range(value)))
        }
        if let next = lastNext, let cursor = next.string { reader.report(.morePages(key, cursor, at: reader.range(next))) }
        // Every item is checked here once (its type, its duplicate keys), so decoders need not.
        return out.filter { item in
            if reader.object(item.node, item.path) != nil { return true }
            // `object` reported a wrong type; a null item is reported here.
            if item.node.isNull {
                reader.report(.inventoryType(item.path, expected: "an object", found: item.node, at: reader.range(item.node)))
            }
            return false
        }
    }

    /// One member of a `settings` object with where it is written. Static, so that a
    /// closure calling it does not capture (and copy) the decoder.
    static func setting(_ n: DataNode?, _ key: String, file: String) -> (value: SettingValue, origin: Origin?)? {
        guard let n, n.kind == .object, let member = n.firstMember(equivalentTo: key) else { return nil }
        return (SettingValue(member), Origin(file: file, offset: member.start))
    }
}
