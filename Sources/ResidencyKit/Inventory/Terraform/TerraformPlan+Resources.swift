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
        var found: (row: Int32, match: Catalog.Match)?
        var cloudFlag: Bool?
        if let m = p.nested("metadata") {
            let path = "\(r.address).metadata"
            s.catalogName = string(m, "name", path)
            s.catalogSlug = string(m, "slug", path)
            s.categories = strings(m, "categories", path)
            cloudFlag = bool(m, "is_cloud_event_source", path)
            found = lookUp(.sources, m, r.address)
            base.identify(&s.catalogName, &s.catalogSlug, found, .sources)
        }
        let entry = found.map { catalog.sources[Int($0.row)] }
        s.isCloudSource = entry?.cloud ?? cloudFlag
        s.platform = BundleDecoder.platform(type: entry?.sourceType, cloud: cloudFlag, categories: s.categories)
        s.integration = IntegrationResolver.facts(catalog: catalog, table: .sources, found: found, regions: nil, endpoints: nil)
        // A broken `settings` is reported; unknown until apply, they are missing.
        if !r.planned.isUnknown("settings"), case .success(let node) = settings(r) {
            s.settings = node?.languageValue ?? .map(MapBox([]))
        }
        return s
    }

    mutating func decodeDestination(
        _ r: PlannedResource, _ links: SourceLinks, platforms: [String: EndpointRules.SourcePlatform?], workspaceRegion: String?
    ) -> Destination {
        let p = r.planned
        let sourceID = p.isUnknown("source_id") ? nil : string(p, "source_id", r.address)
        let linked = links.source(of: r.address, sourceID: sourceID)
        if linked == nil { base.reader.report(.unlinkedDestination(r.address, at: base.reader.range(r.node))) }
        var d = Destination(
            id: r.address, name: string(p, "name", r.address), enabled: bool(p, "enabled", r.address),
            sourceId: linked ?? "", origin: base.reader.origin(r.node))
        var found: (row: Int32, match: Catalog.Match)?
        var regions: IntegrationResolver.Exported?
        var endpoints: IntegrationResolver.Exported?
        if let m = p.nested("metadata") {
            let path = "\(r.address).metadata"
            d.catalogName = string(m, "name", path)
            d.catalogSlug = string(m, "slug", path)
            d.catalogId = string(m, "id", path)
            d.supportedRegions = strings(m, "supported_regions", path)
            d.regionEndpoints = strings(m, "region_endpoints", path)
            if let v = d.supportedRegions, let node = m.values["supported_regions"] {
                regions = .init(values: v, origin: base.reader.origin(node), field: "metadata.supported_regions")
            }
            if let v = d.regionEndpoints, let node = m.values["region_endpoints"] {
                endpoints = .init(values: v, origin: base.reader.origin(node), field: "metadata.region_endpoints")
            }
            found = lookUp(.destinations, m, r.address)
            base.identify(&d.catalogName, &d.catalogSlug, found, .destinations)
        }
        let row = found.map { Int($0.row) }
        d.vendor = base.vendor(of: row, catalogId: &d.catalogId)
        d.integration = IntegrationResolver.facts(
            catalog: catalog, table: .destinations, found: found, regions: regions, endpoints: endpoints)
        let name = d.catalogName ?? d.name ?? r.address
        if p.isUnknown("settings") {
            // Not the integration's default either: the value is simply not known yet.
            d.endpoint = Endpoint(evidence: TerraformPlanDecoder.afterApplyEvidence)
        } else {
            switch settings(r) {
            case .failure: d.endpoint = Endpoint(evidence: "settings are not valid JSON")
            case .success(let node):
                // Null or absent is no settings, `{}`, as the provider reads it.
                d.settings = node?.languageValue ?? .map(MapBox([]))
                let (file, settingsNode) = (self.file, r.planned.values["settings"])
                d.endpoint = EndpointRules.resolve(
                    EndpointRules.Query(
                        name: name, catalog: catalog, row: row, facts: d.integration,
                        setting: { key in TerraformPlanDecoder.setting(node, key, in: settingsNode, file: file) },
                        absent: r.creates ? .defaultApplies : .unmanaged,
                        platform: platforms[d.sourceId] ?? nil, workspaceRegion: workspaceRegion))
            }
        }
        return d
    }

    mutating func decodeWarehouse(_ r: PlannedResource) -> Warehouse {
        let p = r.planned
        var w = Warehouse(
            id: r.address, name: string(p, "name", r.address), enabled: bool(p, "enabled", r.address),
            origin: base.reader.origin(r.node))
        var found: (row: Int32, match: Catalog.Match)?
        if let m = p.nested("metadata") {
            let path = "\(r.address).metadata"
            w.catalogName = string(m, "name", path)
            w.catalogSlug = string(m, "slug", path)
            found = lookUp(.warehouses, m, r.address)
            base.identify(&w.catalogName, &w.catalogSlug, found, .warehouses)
        } else if let id = string(p, "metadata_id", r.address) {
            // `segment_profiles_warehouse` names its kind by `metadata_id` alone.
            found = catalog.find(.warehouses, id: id, slug: nil, name: nil)
            if found == nil, let node = p.values["metadata_id"] {
                base.reader.report(.unknownCatalogID(Catalog.Table.warehouses.noun, r.address, id, at: base.reader.range(node)))
            }
            base.identify(&w.catalogName, &w.catalogSlug, found, .warehouses)
        }
        w.integration = IntegrationResolver.facts(
            catalog: catalog, table: .warehouses, found: found, regions: nil, endpoints: nil)
        if p.isUnknown("settings") {
            w.regionEvidence = TerraformPlanDecoder.afterApplyEvidence
        } else if case .success(let node) = settings(r) {
            let (file, settingsNode) = (self.file, r.planned.values["settings"])
            let (location, resolution) = WarehouseRules.resolve { key in
                TerraformPlanDecoder.setting(node, key, in: settingsNode, file: file)
            }
            w.location = location
            w.region = resolution.region
            w.regionEvidence = resolution.evidence
            w.regionOrigin = resolution.origin
        } else {
            w.regionEvidence = "settings are not valid JSON"
        }
        return w
    }

    /// A member of a plan's `settings` (a JSON document inside a JSON string) with its place
    /// in the plan file, mapped back through the string's escapes.
    static func setting(
        _ object: DataNode?, _ key: String, in string: DataNode?, file: SourceFile
    ) -> (
        value: SettingValue, origin: Origin?
    )? {
        guard let object, let member = object.firstMember(equivalentTo: key) else { return nil }
        let offset = string.map { PlanSettings.fileOffset(ofDecoded: member.start, in: $0, file: file) }
        return (SettingValue(member), offset.map { Origin(file: file.path, offset: $0) })
    }

    /// The catalog row of a planned resource: by `metadata.id` (all a planned create knows),
    /// slug or name, from the catalog's own ids. An id the catalog does not know is a
    /// warning, and checks that need the integration are indeterminate.
    private mutating func lookUp(_ table: Catalog.Table, _ m: Planned, _ address: String) -> (row: Int32, match: Catalog.Match)? {
        let path = "\(address).metadata"
        let id = string(m, "id", path)
        let slug = string(m, "slug", path)
        let name = string(m, "name", path)
        if let found = catalog.find(table, id: id, slug: slug, name: name) { return found }
        if slug == nil, name == nil, let id, let node = m.values["id"] {
            base.reader.report(.unknownCatalogID(table.noun, address, id, at: base.reader.range(node)))
            return nil
        }
        return base.lookUp(table, id: id, slug: slug, name: name, m.values)
    }

    // MARK: Reading planned values

    /// The `settings` object; null or absent reads as no settings (`{}`), as in an export.
    private mutating func settings(_ r: PlannedResource) -> Result<DataNode?, Diagnostic> {
        guard let node = r.planned.values["settings"], !node.isNull else { return .success(nil) }
        switch PlanSettings.parse(node, address: r.address, file: file) {
        case .success(let object):
            for d in PlanSettings.duplicateKeys(in: object, of: node, address: r.address, file: file) { base.reader.report(d) }
            return .success(object)
        case .failure(let d):
            base.reader.report(d)
            return .failure(d)
        }
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

extension TerraformPlanDecoder {
    /// The evidence of a value derived from settings Terraform knows only after apply: what
    /// findings quote, and how their reason recognises such a value (PlainReason).
    static let afterApplyEvidence = "settings are known only after apply"
}
