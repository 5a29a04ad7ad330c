/// Turns one export bundle (the Public API's own objects, with or without their `{"data": …}`
/// envelopes, plus what only the user knows) into a `WorkspaceModel`, reporting every problem
/// at its place in the file. Normalisation (regions, endpoints, SDK hosts) happens here, once.
struct BundleDecoder {
    var reader: NodeReader
    let catalog: Catalog
    /// What the input itself says is left out (a page whose `pagination.next` was not
    /// followed), gathered while decoding and recorded on the workspace.
    var incomplete: [Workspace.Incompleteness] = []
    /// Whether a resource list left out of a bundle makes the workspace incomplete (W0609).
    /// A test file's inline `inventory:` states a whole made-up world, so a list it leaves out
    /// is none, as in the inputs of other engines' tests; an inventory file never is.
    var absentListIsIncomplete = true
    /// The catalog's endpoint sentences already spelled out: the load's, shared by the
    /// decoders of all its files (`InventoryLoader.load`), or the decoder's own.
    let catalogAnswers: EndpointRules.CatalogAnswers
    /// The file's repeated texts: settings' keys and values, the catalog names in `metadata`.
    let texts = TextInterner()

    /// Every key a bundle may have: its own, and what `residency export` writes beside them.
    static let bundleKeys = [
        "exportVersion", "exportedAt", "exportedBy", "apiHost", "apiURL", "workspace", "region", "dataSubjects",
        "sources", "destinations", "warehouses", "sdkConfigs", "warehouseAccess", "incomplete",
    ]
    /// The bundle's lists: written anywhere else (inside `workspace`, or in another list's
    /// page), they would silently not be read.
    static let listKeys = ["dataSubjects", "sources", "destinations", "warehouses", "sdkConfigs", "warehouseAccess"]

    init(file: SourceFile, catalog: Catalog, catalogAnswers: EndpointRules.CatalogAnswers = .init()) {
        self.reader = NodeReader(file: file)
        self.catalog = catalog
        self.catalogAnswers = catalogAnswers
    }

    /// The bundles of a file with their paths: one bundle, or `{"workspaces": [bundle, …]}`.
    /// A file's root (node 0) is also checked for duplicate keys everywhere in the file; a
    /// bundle inside another file (a test's `inventory:`) is checked with that file.
    mutating func bundles(_ root: DataNode) -> [(node: DataNode, path: String)] {
        if root.index == 0 { reader.reportDuplicateKeys(root.tree) }
        guard root.kind == .object else {
            reader.report(.notABundle(root.typeName, at: reader.range(root)))
            return []
        }
        if root["workspaces"] != nil {
            // One shape or the other: a bundle's keys beside the list would be ignored.
            for (key, start, _) in root.members where key != "workspaces" {
                let at = reader.keyRange(start, key)
                if Self.bundleKeys.contains(key) {
                    reader.report(.bundleBesideWorkspaces(key, at: at))
                } else {
                    reader.report(
                        .unknownInventoryKey(
                            key, in: "a `workspaces` file", at: at,
                            help: Suggestions.didYouMean(key, in: ["workspaces"]) ?? "a `workspaces` file has no other key"))
                }
            }
            guard let array = reader.list(root, "workspaces", "") else { return [] }
            return array.elements.enumerated().compactMap { k, e in
                if e.kind == .object { return (e, "workspaces[\(k)]") }
                reader.report(.notABundle(e.typeName, at: reader.range(e)))
                return nil
            }
        }
        guard root["workspace"] != nil else {
            var d = Diagnostic.notABundle("an object without `workspace`", at: reader.range(root))
            if let near = root.keys.lazy.compactMap({ Suggestions.didYouMean($0, in: ["workspace", "workspaces"]) }).first {
                d.help = near
            }
            reader.report(d)
            return []
        }
        return [(root, "")]
    }

    /// Decodes one bundle; nil when it has no usable workspace.
    /// `bundle` is an object `bundles` returned; its file's duplicate keys were reported there.
    mutating func decode(_ bundle: DataNode, _ path: String) -> WorkspaceModel? {
        // The bundle is ours: a misspelt list (`Destinations`) would drop the list unread.
        for u in reader.unknownKeys(bundle, Self.bundleKeys) {
            reader.report(.unknownInventoryKey(u.key, in: "the bundle", at: u.range, help: u.help))
        }
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
        decodeRecordedIncompleteness(bundle, path)
        if absentListIsIncomplete { reportAbsentLists(bundle) }
        // Resources are read by index below: iterating or mapping an array of these structs
        // copies each element (a dozen retains).
        // Sized first, as the destinations are: grown as they came, the list was copied whole
        // some eight times per workspace (each copy a move of every source).
        let sourceItems = decodeList(bundle, "sources", path)
        var sources: [Source] = []
        sources.reserveCapacity(sourceItems.count)
        for item in sourceItems { decodeSource(item, into: &sources) }
        reportDuplicateIDs(sources.indices.lazy.map { (sources[$0].id, sources[$0].origin) }, kind: "source")
        // Each source's platform, which picks the connection modes of its destinations.
        var platforms = TextMap<EndpointRules.SourcePlatform?>(minimumCapacity: sources.count)
        for i in sources.indices { platforms.insertIfAbsent(sources[i].id, sources[i].platform) }
        let items = decodeList(bundle, "destinations", path)
        var destinations: [Destination] = []
        destinations.reserveCapacity(items.count)
        for item in items {
            decodeDestination(item, sources: platforms, workspaceRegion: workspace.dataRegion, into: &destinations)
        }
        reportDuplicateIDs(destinations.indices.lazy.map { (destinations[$0].id, destinations[$0].origin) }, kind: "destination")
        var warehouses = decodeList(bundle, "warehouses", path).compactMap { decodeWarehouse($0.node, $0.path) }
        reportDuplicateIDs(warehouses.indices.lazy.map { (warehouses[$0].id, warehouses[$0].origin) }, kind: "warehouse")
        applySDKConfigs(bundle, path, &sources, workspaceRegion: workspace.region)
        applyWarehouseAccess(bundle, path, &warehouses)
        workspace.origin = workspace.origin ?? reader.origin(bundle)
        workspace.incomplete = incomplete
        var model = WorkspaceModel(workspace: workspace, sources: sources, destinations: destinations, warehouses: warehouses)
        model.file = reader.file
        return model
    }

    /// `incomplete`: what `residency export` noticed the bundle misses (the workspace changed
    /// while its lists were paged through), one text each. Each makes the workspace incomplete.
    private mutating func decodeRecordedIncompleteness(_ bundle: DataNode, _ path: String) {
        guard let list = reader.list(bundle, "incomplete", path) else { return }
        for (i, e) in list.elements.enumerated() {
            guard let text = e.string else {
                reader.report(.inventoryType("\(path).incomplete[\(i)]", expected: "a string", found: e, at: reader.range(e)))
                continue
            }
            reader.report(.exportRecordedIncomplete(text, at: reader.range(e)))
            incomplete.append(.init(reason: "the export recorded that it is incomplete: \(text)", origin: reader.origin(e)))
        }
    }

    /// The resource lists a workspace's audit rests on. One left out of the bundle is not
    /// "none": an export cut short, or a bundle put together by hand that forgot one, would
    /// otherwise pass every policy over that kind. `residency export` writes each, `[]` when
    /// the workspace has none.
    static let resourceListKeys = ["sources", "destinations", "warehouses"]

    private mutating func reportAbsentLists(_ bundle: DataNode) {
        for key in Self.resourceListKeys where bundle[key] == nil {
            // At the bundle's first byte: there is no place for what is not there.
            let at = reader.file.range(bundle.start, bundle.start + 1)
            reader.report(.listAbsent(key, at: at))
            incomplete.append(
                .init(
                    reason: "the bundle has no `\(key)` list, so whether the workspace has \(key) is not known",
                    origin: reader.origin(bundle)))
        }
    }

    /// Ids must be unique per kind.
    private mutating func reportDuplicateIDs(_ ids: some Collection<(String, Origin?)>, kind: String) {
        var first = TextMap<Origin>(minimumCapacity: ids.count)
        for (id, origin) in ids {
            guard let origin else { continue }
            if let f = first.insertIfAbsent(id, origin) {
                reader.report(.inventoryDuplicateID(kind, id, at: at(origin), first: at(f)))
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
        guard let value = bundle[key] else { return [] }
        if value.isNull {
            reader.report(.nullList("\(path).\(key)", at: reader.range(value)))
            return []
        }
        var out: [ListItem] = []
        /// The largest `pagination.totalEntries` a page gives: how many items all pages hold.
        var counted: (total: Int, node: DataNode)?
        /// Adds a page's items; returns its `pagination.next` node when it names a next page,
        /// and its `pagination.current` and `pagination.previous` nodes.
        func page(_ envelope: DataNode, _ where_: String) -> (next: DataNode?, current: DataNode?, previous: DataNode?) {
            guard let envelope = reader.object(envelope, where_),
                let data = reader.object(envelope["data"], "\(where_).data")
            else { return (nil, nil, nil) }
            // A page is Segment's answer and may gain fields, but another of the bundle's
            // lists pasted into it would not be read.
            for object in [envelope, data] {
                for (other, start, _) in object.members where other != key && Self.listKeys.contains(other) {
                    reader.report(
                        .misplacedList(other, inside: "a page of `\(key)`", at: reader.keyRange(start, other)))
                }
            }
            // The Public API puts `pagination` beside the list, inside `data`; pages pasted
            // from elsewhere may have it beside `data`. Either way a next page is read.
            let paginationNode = data["pagination"] ?? envelope["pagination"]
            let paginationPath = data["pagination"] != nil ? "\(where_).data.pagination" : "\(where_).pagination"
            if let pagination = paginationNode { _ = reader.object(pagination, paginationPath) }
            let list = "\(where_).data.\(key)"
            if let items = reader.list(data, key, "\(where_).data") {
                for (i, item) in items.elements.enumerated() { out.append(ListItem(node: item, list: list, index: i)) }
            } else if data[key] == nil {
                reader.report(.inventoryMissing("the `\(key)` page", field: key, at: reader.range(data)))
            }
            let paginations = [data["pagination"], envelope["pagination"]].compactMap { $0 }
            for pagination in paginations {
                if let node = pagination["totalEntries"], let total = node.int, total > (counted?.total ?? -1) {
                    counted = (total, node)
                }
            }
            // Read in either place, and any value but null counts: a `next` of any type names a
            // page that follows.
            func first(_ key: String) -> DataNode? { paginations.lazy.compactMap { $0[key] }.first { !$0.isNull } }
            return (first("next"), first("current"), first("previous"))
        }
        /// Pages that do not chain (W0608): `gap` says where, `reason` what is left out.
        func unchained(_ gap: String, _ reason: String, at node: DataNode) {
            reader.report(.cursorsDoNotChain(key, gap, at: reader.range(node)))
            incomplete.append(.init(reason: "the `\(key)` export\(reason)", origin: reader.origin(node)))
        }
        /// The first page given names a page before it: the list's start is left out.
        func startsLate(_ previous: DataNode?) {
            guard let previous else { return }
            let said = "pagination.previous = \"\(previous.string ?? previous.numberText ?? previous.typeName)\""
            unchained(
                "the first page given names a page before it (\(said))",
                " starts at a later page: its first page names a page before it (\(said))", at: previous)
        }
        // Only the last page given can leave pages out: earlier ones name pages that follow.
        var lastNext: DataNode?
        switch value.kind {
        case .array:
            let list = "\(path).\(key)"
            var firstPage = true
            for (i, item) in value.elements.enumerated() {
                if item.kind == .object, item["data"] != nil, item["id"] == nil {
                    let (next, current, previous) = page(item, "\(list)[\(i)]")
                    if firstPage { startsLate(previous) }
                    firstPage = false
                    // Each page is the one the page before it named (Segment's `PaginationOutput`
                    // always has `current`; `totalEntries` may be left out, so it cannot be the
                    // only check): a page left out in the middle shows here.
                    if let named = lastNext?.string, let current, let this = current.string, this != named {
                        unchained(
                            "this page is \"\(this)\" (pagination.current), but the page before it named \"\(named)\" as the next",
                            "'s pages do not chain: a page named \"\(named)\" as the next, and the page after it is \"\(this)\"",
                            at: current)
                    }
                    lastNext = next
                } else {
                    out.append(ListItem(node: item, list: list, index: i))
                }
            }
        case .object where value["data"] != nil:
            let (next, _, previous) = page(value, "\(path).\(key)")
            startsLate(previous)
            lastNext = next
        default:
            reader.report(
                .inventoryType(
                    "\(path).\(key)", expected: "a list or an API response page", found: value,
                    at: reader.range(value)))
        }
        if let next = lastNext {
            let cursor = next.string ?? next.numberText ?? next.bool.map { "\($0)" } ?? next.typeName
            reader.report(.morePages(key, cursor, at: reader.range(next)))
            incomplete.append(
                .init(
                    reason: "the `\(key)` export has more pages (pagination.next = \"\(cursor)\") that were not fetched",
                    origin: reader.origin(next)))
        } else if let (total, node) = counted, out.count < total {
            // The last page given says no more follow, but one before it is missing.
            reader.report(.pagesMissing(key, out.count, total, at: reader.range(node)))
            incomplete.append(
                .init(
                    reason:
                        "the `\(key)` export holds \(out.count) of the \(total) items its pages count (pagination.totalEntries)",
                    origin: reader.origin(node)))
        }
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
