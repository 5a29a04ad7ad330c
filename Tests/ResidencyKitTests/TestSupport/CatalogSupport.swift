import Testing

@testable import ResidencyKit

/// Catalog rows for hand-made test catalogs, with regions spelt as Segment's catalog data
/// spells them: destinations `us-west-2`/`eu-west-1` and endpoints `US`/`EU`; sources and
/// warehouses `us`/`eu` (policies/catalog/segment-regional.json).
extension Catalog.Entry {
    static func destination(
        _ name: String, id: String? = nil, slug: String? = nil, previousNames: [String] = [], vendor: String? = nil,
        us: Bool = true, eu: Bool = true, endpoints: [String] = ["US"], modes: Catalog.ConnectionModes? = nil,
        regionSettings: [Catalog.RegionSetting] = []
    ) -> Catalog.Entry {
        Catalog.Entry(
            id: id, slug: slug, name: name, previousNames: previousNames, vendor: vendor,
            supportedRegions: (us ? ["us-west-2"] : []) + (eu ? ["eu-west-1"] : []), regionEndpoints: endpoints,
            connectionModes: modes, regionSettings: regionSettings)
    }

    static func source(
        _ name: String, id: String? = nil, slug: String? = nil, us: Bool = true, eu: Bool = true, type: String? = nil
    ) -> Catalog.Entry {
        Catalog.Entry(
            id: id, slug: slug, name: name, supportedRegions: (us ? ["us"] : []) + (eu ? ["eu"] : []), regionEndpoints: ["us"],
            sourceType: type)
    }

    static func warehouse(
        _ name: String, id: String? = nil, slug: String? = nil, us: Bool = true, eu: Bool = true, requiresCidr: Bool? = nil
    ) -> Catalog.Entry {
        let regions = (us ? ["us"] : []) + (eu ? ["eu"] : [])
        return Catalog.Entry(
            id: id, slug: slug, name: name, supportedRegions: regions, regionEndpoints: regions, requiresCidr: requiresCidr)
    }
}

extension Catalog {
    /// The row of `table` named by `key` (id, slug, name or previous name); fails the test
    /// when there is none.
    func row(
        _ table: Catalog.Table, _ key: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> Catalog.Entry {
        let found = try #require(
            find(table, id: key, slug: key, name: key), "no \(table.noun) \(key) in catalog \(version)",
            sourceLocation: sourceLocation)
        return rows(table)[Int(found.row)]
    }
}

extension WorkspaceModel {
    /// The model with every resource's `IntegrationFacts` filled in from `catalog` as the
    /// loader fills them (IntegrationResolver.facts): the row its catalog id, slug or name
    /// finds, and a destination's own `supportedRegions`/`regionEndpoints` as the export's
    /// metadata. For hand-made models, whose policies read `d.integration.*`.
    func resolvingIntegrations(in catalog: Catalog, file: String = "fixture") -> WorkspaceModel {
        var m = self
        for i in m.sources.indices {
            let s = m.sources[i]
            let found = catalog.find(.sources, id: nil, slug: s.catalogSlug, name: s.catalogName)
            m.sources[i].integration = IntegrationResolver.facts(
                catalog: catalog, table: .sources, found: found, regions: nil, endpoints: nil)
        }
        for i in m.destinations.indices {
            let d = m.destinations[i]
            let found = catalog.find(.destinations, id: d.catalogId, slug: d.catalogSlug, name: d.catalogName)
            let origin = d.origin ?? Origin(file: file, offset: 0)
            m.destinations[i].integration = IntegrationResolver.facts(
                catalog: catalog, table: .destinations, found: found,
                regions: d.supportedRegions.map { .init(values: $0, origin: origin, field: "metadata.supportedRegions") },
                endpoints: d.regionEndpoints.map { .init(values: $0, origin: origin, field: "metadata.regionEndpoints") })
        }
        for i in m.warehouses.indices {
            let w = m.warehouses[i]
            let found = catalog.find(.warehouses, id: nil, slug: w.catalogSlug, name: w.catalogName)
            m.warehouses[i].integration = IntegrationResolver.facts(
                catalog: catalog, table: .warehouses, found: found, regions: nil, endpoints: nil)
        }
        m.link()
        return m
    }
}

/// Endpoint resolution exactly as the loader runs it, for one catalog row and settings given
/// as values (no input file, so no origins).
enum Resolve {
    /// The bundled catalog's row named by `key` (id, slug, name or previous name).
    static func bundled(_ key: String) -> Catalog.Entry? {
        let c = InventoryFixture.catalog
        return c.find(.destinations, id: key, slug: key, name: key).map { c.destinations[Int($0.row)] }
    }

    /// `entry`'s endpoint, its catalog facts as the bundled catalog gives them (layer 0), for
    /// a source on `platform` in a workspace keeping data in `workspaceRegion`.
    static func endpoint(
        _ entry: Catalog.Entry?, name: String? = nil, settings: [String: SettingValue],
        platform: EndpointRules.SourcePlatform? = nil, workspaceRegion: String? = nil,
        absent: EndpointRules.Absent = .defaultApplies
    ) -> Endpoint {
        var row = entry
        row?.layer = 0
        let catalog = Catalog(
            version: InventoryFixture.catalog.version,
            layers: [Catalog.Layer(path: "segment-regional.json", version: InventoryFixture.catalog.version, isBundled: true)],
            destinations: row.map { [$0] } ?? [])
        let facts = IntegrationResolver.facts(
            catalog: catalog, table: .destinations, found: row == nil ? nil : (0, .slug), regions: nil, endpoints: nil)
        return EndpointRules.resolve(
            EndpointRules.Query(
                name: name ?? row?.name ?? "?", catalog: catalog, row: row == nil ? nil : 0, facts: facts,
                setting: { key in settings[key].map { ($0, nil) } },
                absent: absent, platform: platform, workspaceRegion: workspaceRegion))
    }

    /// `endpoint` for the bundled row named by `key`.
    static func endpoint(
        _ key: String, settings: [String: SettingValue], platform: EndpointRules.SourcePlatform? = nil,
        workspaceRegion: String? = nil, absent: EndpointRules.Absent = .defaultApplies
    ) -> Endpoint {
        endpoint(bundled(key), settings: settings, platform: platform, workspaceRegion: workspaceRegion, absent: absent)
    }

    /// Warehouse resolution with settings given as values.
    static func warehouse(_ settings: [String: SettingValue]) -> (location: String?, resolution: Resolution) {
        WarehouseRules.resolve { key in settings[key].map { ($0, nil) } }
    }
}
