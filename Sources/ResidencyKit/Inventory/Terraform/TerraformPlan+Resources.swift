/// Each planned resource as the model holds it. The id is the Terraform address, the name
/// the resource's `name` attribute; values unknown until apply stay nil (missing), never a
/// default, and `settings` go through the export bundles' normalisation rules.
extension TerraformPlanDecoder {
    mutating func decodeSource(_ r: PlannedResource) -> Source {
        let p = r.planned
        var s = Source(
            id: r.address, slug: string(p, "slug", r.address) ?? r.address, name: string(p, "name", r.address),
            enabled: bool(p, "enabled", r.address), origin: base.reader.origin(r.node))
        s.writeKeys = strings(p, "write_keys", r.address)
        if !p.isUnknown("labels"), let labels = base.reader.array(p.values["labels"], "\(r.address).labels") {
            s.labels = labels.elements.compactMap { l in
                guard let key = l["key"]?.string else { return nil }
                return "\(key):\(l["value"]?.string ?? "")"
            }
        }
        var entry: Catalog.SourceEntry?
        if let m = p.nested("metadata") {
            let path = "\(r.address).metadata"
            s.catalogName = string(m, "name", path)
            s.catalogSlug = string(m, "slug", path)
            s.categories = strings(m, "categories", path)
            if s.catalogName != nil || s.catalogSlug != nil {
                entry = base.catalogSource(s.catalogName, s.catalogSlug, m.values)
                s.catalogName = base.canonicalName(source: s.catalogName, entry)
            } else if let name = catalogName(m, r.address, "source", CatalogIDs.sources),
                let i = catalog.source(named: name)
            {
                entry = catalog.sources[Int(i)]
                s.catalogName = entry?.name
            }
            s.isCloudSource = entry?.cloud ?? bool(m, "is_cloud_event_source", path)
        }
        checkSettings(r)
        return s
    }

    mutating func decodeDestination(_ r: PlannedResource, _ links: SourceLinks) -> Destination {
        let p = r.planned
        let sourceID = p.isUnknown("source_id") ? nil : string(p, "source_id", r.address)
        var d = Destination(
            id: r.address, name: string(p, "name", r.address), enabled: bool(p, "enabled", r.address),
            sourceId: links.source(of: r.address, sourceID: sourceID) ?? "", origin: base.reader.origin(r.node))
        var entry: Catalog.DestinationEntry?
        if let m = p.nested("metadata") {
            let path = "\(r.address).metadata"
            d.catalogName = string(m, "name", path)
            d.catalogSlug = string(m, "slug", path)
            d.catalogId = string(m, "id", path)
            d.supportedRegions = strings(m, "supported_regions", path)
            d.regionEndpoints = strings(m, "region_endpoints", path)
            if d.catalogName != nil || d.catalogSlug != nil {
                entry = base.catalogDestination(d.catalogName, d.catalogSlug, m.values)
                d.catalogName = base.canonicalName(destination: d.catalogName, entry)
            } else if let name = catalogName(m, r.address, "destination", CatalogIDs.destinations),
                let i = catalog.destination(named: name)
            {
                entry = catalog.destinations[Int(i)]
                d.catalogName = entry?.name
                d.catalogSlug = entry?.slugs.first
            }
        }
        d.vendor = entry?.vendor
        if p.isUnknown("settings") {
            // Not the integration's default either: the value is simply not known yet.
            d.endpoint = Endpoint(evidence: "settings are known only after apply")
        } else {
            switch settings(r) {
            case .failure: d.endpoint = Endpoint(evidence: "settings are not valid JSON")
            case .success(let node):
                d.endpoint = EndpointRules.resolve(
                    slug: d.catalogSlug, name: d.catalogName, setting: { BundleDecoder.setting(node, $0) }, catalogEntry: entry)
            }
        }
        return d
    }

    mutating func decodeWarehouse(_ r: PlannedResource) -> Warehouse {
        let p = r.planned
        var w = Warehouse(
            id: r.address, name: string(p, "name", r.address), enabled: bool(p, "enabled", r.address),
            origin: base.reader.origin(r.node))
        if let m = p.nested("metadata") {
            let path = "\(r.address).metadata"
            w.catalogName = string(m, "name", path)
            w.catalogSlug = string(m, "slug", path)
            if w.catalogName == nil, w.catalogSlug == nil {
                w.catalogName = catalogName(m, r.address, "warehouse", CatalogIDs.warehouses)
            } else if let name = w.catalogName ?? w.catalogSlug, catalog.warehouse(named: name) == nil,
                w.catalogSlug.map({ catalog.warehouse(named: $0) == nil }) ?? true,
                let node = m.values[w.catalogName != nil ? "name" : "slug"]
            {
                base.reader.report(
                    .unknownCatalogName("warehouse", name, at: base.reader.range(node), candidates: catalog.warehouseNames))
            }
        }
        if p.isUnknown("settings") {
            w.regionEvidence = "settings are known only after apply"
        } else if case .success(let node) = settings(r) {
            let (location, resolution) = WarehouseRules.resolve(BundleDecoder.settings(node))
            w.location = location
            w.region = resolution.region
            w.regionEvidence = resolution.evidence
        } else {
            w.regionEvidence = "settings are not valid JSON"
        }
        return w
    }

    // MARK: Reading planned values

    /// The catalog name for a `metadata.id` only, as a planned create has it: from the table
    /// of known ids, else a warning and nil (checks that need the integration are indeterminate).
    private mutating func catalogName(_ m: Planned, _ address: String, _ kind: String, _ table: [String: String]) -> String? {
        guard let id = string(m, "id", "\(address).metadata") else { return nil }
        if let name = table[id] { return name }
        base.reader.report(.unknownCatalogID(kind, address, id, at: base.reader.range(m.values["id"]!)))
        return nil
    }

    /// The `settings` object; null or absent reads as no settings (`{}`), as in an export.
    private mutating func settings(_ r: PlannedResource) -> Result<DataNode?, Diagnostic> {
        guard let node = r.planned.values["settings"], !node.isNull else { return .success(nil) }
        switch PlanSettings.parse(node, address: r.address, file: file) {
        case .success(let object): return .success(object)
        case .failure(let d):
            base.reader.report(d)
            return .failure(d)
        }
    }

    /// Sources' settings name nothing residency reads, but a broken one is still reported.
    private mutating func checkSettings(_ r: PlannedResource) {
        if !r.planned.isUnknown("settings") { _ = settings(r) }
    }

    private mutating func string(_ p: Planned, _ key: String, _ path: String) -> String? {
        p.isUnknown(key) ? nil : base.reader.string(p.values, key, path)
    }

    private mutating func bool(_ p: Planned, _ key: String, _ path: String) -> Bool? {
        p.isUnknown(key) ? nil : base.reader.bool(p.values, key, path)
    }

    private mutating func strings(_ p: Planned, _ key: String, _ path: String) -> [String]? {
        p.isUnknown(key) ? nil : base.reader.strings(p.values, key, path)
    }
}
