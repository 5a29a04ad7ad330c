import Testing

@testable import ResidencyKit

/// A decoder keeps the catalog's endpoint sentences it has spelled out for one file
/// (`EndpointRules.CatalogAnswers`). A kept answer must be exactly the one spelled out anew:
/// the same region and words, and the place of the list the query itself rests on.
@Suite struct CatalogAnswersTests {
    @Test func aKeptAnswerIsTheAnswerSpelledAnew() {
        let catalog = InventoryFixture.catalog
        let answers = EndpointRules.CatalogAnswers()
        var queries: [EndpointRules.Query] = []
        for row in catalog.destinations.indices.prefix(300) {
            let entry = catalog.destinations[row]
            // The catalog's own lists, and an export's lists at different places and values.
            let exported: [IntegrationResolver.Exported?] = [
                nil,
                .init(values: ["us", "eu"], origin: Origin(file: "a.json", offset: row), field: "metadata.regionEndpoints"),
                .init(values: ["us", "eu"], origin: Origin(file: "b.json", offset: 7), field: "metadata.regionEndpoints"),
                .init(values: ["eu"], origin: Origin(file: "a.json", offset: row), field: "metadata.regionEndpoints"),
                .init(values: ["eu"], origin: Origin(file: "a.json", offset: row), field: "metadata.region_endpoints"),
            ]
            for endpoints in exported {
                let facts = IntegrationResolver.facts(
                    catalog: catalog, table: .destinations, found: (Int32(row), .slug), regions: nil, endpoints: endpoints)
                for name in [entry.name, "Renamed \(row % 3)"] {
                    queries.append(
                        EndpointRules.Query(
                            name: name, catalog: catalog, row: row, facts: facts, setting: { _ in nil },
                            catalogAnswers: answers))
                }
            }
        }
        // Integrations the catalog does not know, with and without an export's list.
        for (k, endpoints) in [
            nil,
            IntegrationResolver.Exported(
                values: ["eu"], origin: Origin(file: "c.json", offset: 1), field: "metadata.regionEndpoints"),
        ]
        .enumerated() {
            let facts = IntegrationResolver.facts(
                catalog: catalog, table: .destinations, found: nil, regions: nil, endpoints: endpoints)
            queries.append(
                EndpointRules.Query(
                    name: "Unknown \(k)", catalog: catalog, row: nil, facts: facts, setting: { _ in nil },
                    catalogAnswers: answers))
        }
        for query in queries + queries.reversed() {
            var alone = query
            alone.catalogAnswers = nil
            #expect(EndpointRules.fromCatalog(query) == EndpointRules.fromCatalog(alone), "\(query.name)")
        }
        #expect(answers.answers.count < queries.count, "queries that differ only in their list's place share an answer")
    }

    /// Two spellings of one name (Swift calls them equal) are two answers, each in its own
    /// bytes: a kept answer never puts another destination's spelling into this one's evidence.
    @Test func twoSpellingsOfANameKeepTheirBytes() throws {
        let catalog = InventoryFixture.catalog
        let answers = EndpointRules.CatalogAnswers()
        let facts = IntegrationResolver.facts(catalog: catalog, table: .destinations, found: nil, regions: nil, endpoints: nil)
        for name in ["Caf\u{E9}", "Cafe\u{301}"] {
            let query = EndpointRules.Query(
                name: name, catalog: Catalog(), row: nil, facts: facts, setting: { _ in nil }, catalogAnswers: answers)
            let evidence = try #require(EndpointRules.fromCatalog(query).evidence)
            #expect(Array(evidence.utf8.prefix(name.utf8.count)) == Array(name.utf8))
        }
        #expect(answers.answers.count == 2)
    }
}
