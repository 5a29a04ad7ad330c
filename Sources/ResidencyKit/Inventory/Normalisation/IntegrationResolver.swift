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
        var facts = IntegrationFacts()
        facts.row = found?.row
        facts.match = found?.match
        // The fields read from the borrowed row: a copy of the row retained its every list,
        // for each resource decoded.
        let entry = found.map { found in
            catalog.withRow(table, Int(found.row)) {
                (layer: $0.layer, name: $0.name, origin: $0.origin, regions: $0.supportedRegions, endpoints: $0.regionEndpoints)
            }
        }
        let layer = entry.flatMap { catalog.layer(at: $0.layer) }
        let catalogDecider = layer.map { l -> CatalogDecider in
            l.isBundled ? .bundledCatalog(version: l.version) : .userCatalog(path: l.path)
        }
        let userRow = layer.map { !$0.isBundled } ?? false

        func pick(_ exported: Exported?, _ rowValues: [String]?, _ field: String) -> ([String], ListSource)? {
            if !userRow, let e = exported {
                return (e.values, ListSource(decider: .exportMetadata, field: e.field, rowName: nil, origin: e.origin))
            }
            guard let rowValues, let decider = catalogDecider else { return nil }
            return (rowValues, ListSource(decider: decider, field: field, rowName: entry?.name, origin: entry?.origin))
        }
        if let (values, source) = pick(regions, entry?.regions, "supportedRegions") {
            facts.supportedRegions = values
            facts.regionsSource = source
        }
        if let (values, source) = pick(endpoints, entry?.endpoints, "regionEndpoints") {
            facts.regionEndpoints = values
            facts.endpointsSource = source
        }
        return facts
    }

    static func quoted(_ values: [String]) -> String { Text.quotedList(values) }
}
