/// What only the user knows and Segment's API does not export: each app's SDK settings and
/// each warehouse's network allow-list.
extension BundleDecoder {
    mutating func applySDKConfigs(_ bundle: DataNode, _ path: String, _ sources: inout [Source], workspaceRegion: String?) {
        applySDKConfigs(decodeList(bundle, "sdkConfigs", path), &sources, workspaceRegion: workspaceRegion)
    }

    /// Every key an `sdkConfigs` entry may have (docs/inventory.md, SDK URLs): ours, so a
    /// misspelt setting (`apiHots`) is an error rather than the SDK's default read silently.
    /// `writeKey`, `location`, `unresolved` and `evidence` are what `residency scan`
    /// writes (docs/scan.md): an entry it found may be pasted into a bundle as it is.
    static let sdkConfigKeys = [
        "sourceId", "writeKey", "library", "apiHost", "cdnHost", "proxy", "cdnProxy", "useSegmentEndpoints", "host", "path",
        "endpoint", "url", "uploadURL", "location", "unresolved", "evidence",
    ]
    static let warehouseAccessKeys = ["warehouseId", "allowlistedCidrs"]

    /// The SDK configurations of a list already read (a bundle's `sdkConfigs`, or a plan's
    /// `residency_sdk_configs` output), then every source's ingest host.
    mutating func applySDKConfigs(_ items: [ListItem], _ sources: inout [Source], workspaceRegion: String?) {
        var index: [String: Int] = [:]
        // Only for a bundle that has SDK configurations (most have none): built for every
        // source either way, it was two look-ups a source and the table grown seven times.
        // By index: `enumerated()` copied every source, a retain of each of its fields.
        if !items.isEmpty {
            index.reserveCapacity(sources.count)
            for i in sources.indices where index[sources[i].id] == nil { index[sources[i].id] = i }
        }
        var seen: [String: DataNode] = [:]
        for item in items {
            let node = item.node
            for u in reader.unknownKeys(node, Self.sdkConfigKeys) {
                reader.report(.unknownInventoryKey(u.key, in: "an sdkConfigs entry", at: u.range, help: u.help))
            }
            // A source by its id, or (as `scan` writes entries) by its write key.
            let byKey = node["sourceId"] == nil ? reader.string(node, "writeKey", item.path) : nil
            let sourceID: String
            let idNode: DataNode
            if let byKey, let keyNode = node["writeKey"] {
                guard let found = sources.first(where: { $0.writeKeys?.contains(byKey) == true }) else {
                    reader.report(
                        .unknownReference(
                            "sdkConfig writeKey", byKey, at: reader.range(keyNode),
                            candidates: sources.flatMap { $0.writeKeys ?? [] }))
                    continue
                }
                (sourceID, idNode) = (found.id, keyNode)
            } else {
                guard let id = reader.requiredString(node, "sourceId", item.path, what: "an sdkConfig") else { continue }
                (sourceID, idNode) = (id, node["sourceId"]!)
            }
            guard let i = index[sourceID] else {
                reader.report(.unknownReference("sdkConfig", sourceID, at: reader.range(idNode), candidates: Array(index.keys)))
                continue
            }
            if let first = seen[sourceID] {
                reader.report(
                    .inventoryDuplicateID("sdkConfig source", sourceID, at: reader.range(idNode), first: reader.range(first)))
                continue
            }
            seen[sourceID] = idNode
            var sdk = SDKConfig(
                library: reader.string(node, "library", item.path), apiHost: reader.string(node, "apiHost", item.path),
                cdnHost: reader.string(node, "cdnHost", item.path), proxy: reader.string(node, "proxy", item.path),
                cdnProxy: reader.string(node, "cdnProxy", item.path),
                useSegmentEndpoints: reader.bool(node, "useSegmentEndpoints", item.path),
                host: reader.string(node, "host", item.path),
                path: reader.string(node, "path", item.path),
                endpoint: reader.string(node, "endpoint", item.path) ?? reader.string(node, "url", item.path))
            sdk.uploadURL = reader.string(node, "uploadURL", item.path)
            sdk.codeLocation = reader.string(node, "location", item.path)
            if let unresolved = reader.object(node["unresolved"], "\(item.path).unresolved") {
                for member in unresolved.members {
                    if let text = reader.string(unresolved, member.key, "\(item.path).unresolved") {
                        sdk.unresolved[member.key] = text
                    }
                }
            }
            sdk.origin = reader.origin(node)
            if let library = sdk.library, !SDKRules.knownLibraries.contains(library), let n = node["library"] {
                reader.report(.unknownLibrary(library, at: reader.range(n)))
            }
            sources[i].sdk = sdk
        }
        BundleDecoder.resolveIngest(&sources, workspaceRegion: workspaceRegion)
    }

    /// Each source's ingest host from its SDK configuration. Shared with Terraform plans,
    /// which declare no SDK configurations but whose Analytics.js sources need none.
    static func resolveIngest(_ sources: inout [Source], workspaceRegion: String?) {
        for i in sources.indices {
            // Analytics.js configures itself from the source settings: nothing to declare.
            if sources[i].sdk == nil, isAnalyticsJS(sources[i].catalogName, sources[i].catalogSlug) {
                sources[i].sdk = SDKConfig(library: "analytics.js")
            }
            guard let sdk = sources[i].sdk else { continue }
            var r = SDKRules.resolve(sdk, workspaceRegion: workspaceRegion)
            // analytics.js runs only in a browser: named for a mobile or server source, it is not
            // what that app runs (an Android app runs analytics-kotlin, whose default is the US
            // endpoint), so neither the workspace's region nor an `apiHost` given for it says
            // where the app sends.
            if sdk.library == "analytics.js", let platform = sources[i].platform, platform != .web {
                r = Resolution(
                    region: nil,
                    evidence: "the SDK configuration names analytics.js, a browser library, for a \(platform.rawValue) source "
                        + "(\(sources[i].catalogName ?? "its catalog type")): which library it runs, and where that sends, is not known"
                )
            }
            sources[i].ingestURL = r.url
            sources[i].ingestHost = r.host
            sources[i].ingestRegion = r.region
            sources[i].ingestEvidence = r.evidence
            sources[i].ingestOrigin = sdk.origin
            sources[i].ingestCode = SDKRules.codeLocation(sdk)
        }
    }

    /// From the two names, not the source: a source passed from its list was copied whole.
    private static func isAnalyticsJS(_ catalogName: String?, _ catalogSlug: String?) -> Bool {
        // Compared without case, byte by byte: `lowercased()` made a string for each name of
        // every source. The three names are ASCII, so a name equal to one without case is
        // ASCII of the same length, and each byte of it lowercases alone.
        func lowered(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
        func equal(_ name: String, _ word: StaticString) -> Bool {
            let bytes = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
            return name.utf8.count == bytes.count && zip(name.utf8, bytes).allSatisfy { lowered($0) == $1 }
        }
        func named(_ name: String?) -> Bool {
            guard let name else { return false }
            return equal(name, "javascript") || equal(name, "analytics.js") || equal(name, "javascript-website")
        }
        return named(catalogName) || named(catalogSlug)
    }

    mutating func applyWarehouseAccess(_ bundle: DataNode, _ path: String, _ warehouses: inout [Warehouse]) {
        applyWarehouseAccess(decodeList(bundle, "warehouseAccess", path), &warehouses)
    }

    /// The allow-lists of a list already read (a bundle's `warehouseAccess`, or a plan's
    /// `residency_warehouse_access` output).
    mutating func applyWarehouseAccess(_ items: [ListItem], _ warehouses: inout [Warehouse]) {
        var index: [String: Int] = [:]
        for (i, w) in warehouses.enumerated() where index[w.id] == nil { index[w.id] = i }
        for entry in items {
            let node = entry.node
            for u in reader.unknownKeys(node, Self.warehouseAccessKeys) {
                reader.report(.unknownInventoryKey(u.key, in: "a warehouseAccess entry", at: u.range, help: u.help))
            }
            guard let id = reader.requiredString(node, "warehouseId", entry.path, what: "a warehouseAccess entry") else {
                continue
            }
            guard let i = index[id] else {
                reader.report(
                    .unknownReference(
                        "warehouseAccess", id, at: reader.range(node["warehouseId"]!),
                        candidates: Array(index.keys)))
                continue
            }
            guard let list = reader.list(node, "allowlistedCidrs", entry.path) else { continue }
            var cidrs = warehouses[i].allowlistedCidrs ?? []
            for item in list.elements {
                guard let text = item.string else {
                    reader.report(
                        .inventoryType(
                            "\(entry.path).allowlistedCidrs[]", expected: "a CIDR string", found: item,
                            at: reader.range(item)))
                    continue
                }
                do {
                    // Strict, as a literal in a policy is: `10.0.0.1/8` is an error that names the
                    // network meant, never silently `10.0.0.0/8`.
                    cidrs.append(try CIDR(parsing: text.trimmingWhitespace(), strict: true))
                } catch {
                    reader.report(.invalidInventoryCIDR(error.message, at: reader.range(item)))
                }
            }
            warehouses[i].allowlistedCidrs = cidrs
        }
    }
}
