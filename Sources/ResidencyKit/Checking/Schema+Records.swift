/// The field tables of the schema. Each accessor reads the normalised model directly, so
/// a field read at evaluation time is an array index and a property load.

private let regionT = ValueType.enumeration(.region)
private let strings = ValueType.list(.string)

extension Schema {
    static let resourceRecords: [RecordSpec] = [
        RecordSpec(
            .workspace, "A Segment workspace.",
            [
                field("id", .string, optional: false, "The workspace id.") { c, _ in .string(c.model.workspace.id) },
                field("slug", .string, optional: false, "The workspace slug.") { c, _ in .string(c.model.workspace.slug) },
                field("name", .string, "The display name.") { c, _ in .of(c.model.workspace.name) },
                field(
                    "region", .enumeration(.workspaceRegion),
                    "The data processing region chosen when the workspace was created: `eu-west` or `us-west`."
                ) { c, _ in
                    .of(c.model.workspace.region)
                },
                field(
                    "dataRegion", .enumeration(.region),
                    "Where the workspace keeps data: `eu` for an `eu-west` workspace, `us` for `us-west`."
                ) { c, _ in
                    .of(c.model.workspace.dataRegion)
                },
                field("apiHost", .string, "The Public API host the export came from.") { c, _ in .of(c.model.workspace.apiHost) },
                field("dataSubjects", strings, "Where the people the data is about are, e.g. `[\"EU\", \"CH\"]`.") { c, _ in
                    c.model.lists.dataSubjects
                },
                field("sources", .list(.record(.source)), optional: false, "The workspace's sources.") { c, _ in
                    c.model.sourceList
                },
                field("destinations", .list(.record(.destination)), optional: false, "The workspace's destinations.") { c, _ in
                    c.model.destinationList
                },
                field("warehouses", .list(.record(.warehouse)), optional: false, "The workspace's warehouses.") { c, _ in
                    c.model.warehouseList
                },
            ]),
        RecordSpec(
            .source, "A Segment source (`SourceV1`) and its SDK configuration.",
            [
                field("id", .string, optional: false, "The source id.") { c, i in .string(c.model.sources[i].id) },
                field("slug", .string, optional: false, "The source slug.") { c, i in .string(c.model.sources[i].slug) },
                field("name", .string, "The display name.") { c, i in .of(c.model.sources[i].name) },
                field("enabled", .bool, "Whether the source is enabled.") { c, i in .of(c.model.sources[i].enabled) },
                field("catalogName", .string, "The integration's catalog name, e.g. `Node.js`.") { c, i in
                    .of(c.model.sources[i].catalogName)
                },
                field("catalogSlug", .string, "The integration's catalog slug.") { c, i in .of(c.model.sources[i].catalogSlug) },
                field("isCloudSource", .bool, "Whether Segment hosts the source (a cloud source).") { c, i in
                    .of(c.model.sources[i].isCloudSource)
                },
                field("categories", strings, "The catalog categories.") { c, i in c.model.lists.sourceCategories[i] },
                field("writeKeys", strings, "The source's write keys.") { c, i in c.model.lists.sourceWriteKeys[i] },
                field("labels", strings, "Labels as `key:value`.") { c, i in c.model.lists.sourceLabels[i] },
                field(
                    "settings", .map(.json),
                    "The source's settings as exported, by key: `s.settings[\"key\"]` (a JSON value; missing when the key is absent)."
                ) { c, i in c.model.sources[i].settings },
                field("sdk", .record(.sdkConfig), "The app's SDK configuration, when declared.") { c, i in
                    c.model.sources[i].sdk == nil ? .missing : .ref(.sdkConfig, Int32(i))
                },
                field("library", .string, "The SDK library, e.g. `analytics-swift`.") { c, i in
                    .of(c.model.sources[i].sdk?.library)
                },
                field(
                    "ingestURL", .string,
                    "The URL the SDK posts events to, built from its settings as the SDK itself builds it (docs/inventory.md).",
                    from: sourceIngest
                ) { c, i in .of(c.model.sources[i].ingestURL) },
                field("ingestHost", .string, "The host the source's events are sent to.", from: sourceIngest) { c, i in
                    .of(c.model.sources[i].ingestHost)
                },
                field("ingestRegion", regionT, "The region of that host (Segment's own hosts only).", from: sourceIngest) {
                    c, i in .of(c.model.sources[i].ingestRegion)
                },
                field("ingestEvidence", .string, "The setting and value the ingest host was resolved from.") { c, i in
                    .of(c.model.sources[i].ingestEvidence)
                },
                field(
                    "platform", .string,
                    "Where the source runs: `web`, `mobile`, `server` or `cloud source` (its catalog type); picks the "
                        + "connection mode of its destinations."
                ) { c, i in .of(c.model.sources[i].platform?.rawValue) },
                field(
                    "integration", .record(.integration), optional: false,
                    "Where Segment offers the source's integration (the catalog, or a user's catalog)."
                ) { _, i in .ref(.integration, Int32(i)) },
                field("workspace", .record(.workspace), optional: false, "The workspace.") { _, _ in .ref(.workspace, 0) },
                field("destinations", .list(.record(.destination)), optional: false, "Destinations connected to it.") { c, i in
                    c.model.destinationsOfSource[i]
                },
            ]),
        RecordSpec(
            .destination, "A Segment destination (`DestinationV1`) with its resolved endpoint.",
            [
                field("id", .string, optional: false, "The destination id.") { c, i in .string(c.model.destinations[i].id) },
                field("name", .string, "The display name.") { c, i in .of(c.model.destinations[i].name) },
                field("enabled", .bool, "Whether the destination is enabled.") { c, i in .of(c.model.destinations[i].enabled) },
                field("catalogName", .string, "The integration's catalog name, e.g. `Mixpanel (Actions)`.") { c, i in
                    .of(c.model.destinations[i].catalogName)
                },
                field("catalogSlug", .string, "The integration's catalog slug.") { c, i in
                    .of(c.model.destinations[i].catalogSlug)
                },
                field("catalogId", .string, "The catalog metadata id.") { c, i in .of(c.model.destinations[i].catalogId) },
                field("vendor", .string, "The company that processes the data (from the catalog).", from: destinationVendor) {
                    c, i in .of(c.model.destinations[i].vendor)
                },
                field(
                    "integration", .record(.integration), optional: false,
                    "Where Segment offers the integration and its regional endpoints: a user's catalog, else the export's "
                        + "own metadata, else the bundled catalog."
                ) { c, i in .ref(.integration, Int32(c.model.sources.count + i)) },
                field("endpoint", .record(.endpoint), optional: false, "Where it sends data.") { _, i in .ref(.endpoint, Int32(i))
                },
                field("supportedRegions", strings, "Regions the integration supports, from its metadata.") { c, i in
                    c.model.lists.destinationSupportedRegions[i]
                },
                field("regionEndpoints", strings, "Regional endpoints the integration offers, from its metadata.") { c, i in
                    c.model.lists.destinationRegionEndpoints[i]
                },
                field(
                    "settings", .map(.json),
                    "The destination's settings as exported or planned, by key: `d.settings[\"apiRegion\"]` (a JSON value; missing when the key is absent, or before a plan is applied)."
                ) { c, i in c.model.destinations[i].settings },
                field("source", .record(.source), "The source it is connected to.") { c, i in
                    let s = c.model.sourceOfDestination[i]
                    return s < 0 ? .missing : .ref(.source, s)
                },
                field("workspace", .record(.workspace), optional: false, "The workspace.") { _, _ in .ref(.workspace, 0) },
            ]),
        RecordSpec(
            .warehouse, "A Segment warehouse (`WarehouseV1`) and its network access.",
            [
                field("id", .string, optional: false, "The warehouse id.") { c, i in .string(c.model.warehouses[i].id) },
                field("name", .string, "The display name.") { c, i in .of(c.model.warehouses[i].name) },
                field("enabled", .bool, "Whether the warehouse is enabled.") { c, i in .of(c.model.warehouses[i].enabled) },
                field("catalogName", .string, "The warehouse type, e.g. `Redshift`.") { c, i in
                    .of(c.model.warehouses[i].catalogName)
                },
                field("catalogSlug", .string, "The warehouse type's slug, e.g. `redshift`.") { c, i in
                    .of(c.model.warehouses[i].catalogSlug)
                },
                field("location", .string, "The location as configured, e.g. `eu-west-1`.", from: warehouseRegion) { c, i in
                    .of(c.model.warehouses[i].location)
                },
                field("region", regionT, "The region of that location.", from: warehouseRegion) { c, i in
                    .of(c.model.warehouses[i].region)
                },
                field("regionEvidence", .string, "The setting and value the region was resolved from.", from: warehouseRegion) {
                    c, i in .of(c.model.warehouses[i].regionEvidence)
                },
                field("integration", .record(.integration), optional: false, "Where Segment offers the warehouse type.") { c, i in
                    .ref(.integration, Int32(c.model.sources.count + c.model.destinations.count + i))
                },
                field("allowlistedCidrs", .list(.cidr), "CIDRs allowed to connect, when declared.") { c, i in
                    c.model.lists.warehouseCidrs[i]
                },
                field("workspace", .record(.workspace), optional: false, "The workspace.") { _, _ in .ref(.workspace, 0) },
            ]),
    ]
}

/// The evidence chains of derived resource fields: the setting (and where it is written)
/// or the catalog row each was derived from.
private let sourceIngest: ProvenanceAccessor = { c, i in
    let s = c.model.sources[i]
    return s.ingestEvidence.map { Derivation($0, at: s.ingestOrigin) }
}
private let warehouseRegion: ProvenanceAccessor = { c, i in
    let w = c.model.warehouses[i]
    return w.regionEvidence.map { Derivation($0, at: w.regionOrigin) }
}
private let destinationVendor: ProvenanceAccessor = { c, i in
    // Fields read in place: a copy of the destination and of its catalog row retained every
    // list in both, once per failing result that shows a vendor.
    guard let row = c.model.destinations[i].integration.row.map(Int.init), let vendor = c.model.destinations[i].vendor
    else { return nil }
    let layer = c.catalog.layer(at: c.catalog.destinations[row].layer)?.label ?? "catalog"
    return Derivation(
        Text.concat(layer, ": ", c.catalog.destinations[row].name, " vendor \"", vendor, "\""),
        at: c.catalog.destinations[row].origin)
}
