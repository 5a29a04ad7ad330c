/// Where Segment offers a resource's integration, decided in one stated order
/// (docs/catalog.md, "Precedence"): a row of a user's catalog file outranks the export's own
/// `metadata.supportedRegions`/`regionEndpoints`, which outrank the bundled catalog. Each
/// list records who gave it and where, for the evidence of every finding that rests on it.
enum IntegrationResolver {
    /// A list the export itself carries, and where.
    struct Exported {
        var values: [String]
        var origin: Origin
        /// How evidence names the field (`metadata.supportedRegions`,
        /// `metadata.supported_regions` in a plan).
        var field: String
    }

    static func facts(
        catalog: Catalog, table: Catalog.Table, found: (row: Int32, match: Catalog.Match)?, regions: Exported?,
        endpoints: Exported?
    ) -> IntegrationFacts {
        // The fields read from the borrowed row, each into a local of its own: a copy of the
        // row retained its every list, and so did each read of a field of an optional tuple
        // of them (`entry?.name`), for each resource decoded.
        var layerIndex: Int?
        var rowName: String?
        var rowOrigin: Origin?
        var rowRegions: [String]?
        var rowEndpoints: [String]?
        if let found {
            catalog.withRow(table, Int(found.row)) {
                layerIndex = $0.pointee.layer
                rowName = $0.pointee.name
                rowOrigin = $0.pointee.origin
                rowRegions = $0.pointee.supportedRegions
                rowEndpoints = $0.pointee.regionEndpoints
            }
        }
        let layer = layerIndex.flatMap { catalog.layer(at: $0) }
        let catalogDecider = layer.map { l -> CatalogDecider in
            l.isBundled ? .bundledCatalog(version: l.version) : .userCatalog(path: l.path)
        }
        let userRow = layer.map { !$0.isBundled } ?? false

        func pick(_ exported: Exported?, _ rowValues: [String]?, _ field: String) -> ([String]?, ListSource?) {
            if !userRow, let e = exported {
                return (e.values, ListSource(decider: .exportMetadata, field: e.field, rowName: nil, origin: e.origin))
            }
            guard let rowValues, let decider = catalogDecider else { return (nil, nil) }
            return (rowValues, ListSource(decider: decider, field: field, rowName: rowName, origin: rowOrigin))
        }
        // Worked out in locals and built once by the memberwise initialiser: filled in field by
        // field, the facts were copied whole on their way out (12 million instructions a
        // hundred bundles, a retain and a release of each list and text).
        let (supported, regionsSource) = pick(regions, rowRegions, "supportedRegions")
        let (listed, endpointsSource) = pick(endpoints, rowEndpoints, "regionEndpoints")
        return IntegrationFacts(
            row: found?.row, match: found?.match, supportedRegions: supported, regionEndpoints: listed,
            regionsSource: regionsSource, endpointsSource: endpointsSource)
    }

    static func quoted(_ values: [String]) -> String { Text.quotedList(values) }
}
