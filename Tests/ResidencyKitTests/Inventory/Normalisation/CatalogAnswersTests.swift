import Dispatch
import Synchronization
import Testing

@testable import ResidencyKit

/// A load keeps the catalog's endpoint sentences it has spelled out, for all its files
/// (`EndpointRules.CatalogAnswers`). A kept answer must be exactly the one spelled out anew:
/// the same region and words, and the place of the list the query itself rests on.
@Suite struct CatalogAnswersTests {
    /// Queries of 300 catalog rows with the catalog's and an export's lists at different
    /// places, and of integrations the catalog does not know, all through `answers`.
    static func queries(_ answers: EndpointRules.CatalogAnswers) -> [EndpointRules.Query] {
        let catalog = InventoryFixture.catalog
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
        return queries
    }

    @Test func aKeptAnswerIsTheAnswerSpelledAnew() {
        let answers = EndpointRules.CatalogAnswers()
        let queries = Self.queries(answers)
        for query in queries + queries.reversed() {
            var alone = query
            alone.catalogAnswers = nil
            #expect(EndpointRules.fromCatalog(query) == EndpointRules.fromCatalog(alone), "\(query.name)")
        }
        #expect(answers.count < queries.count, "queries that differ only in their list's place share an answer")
        // The files of a load share one set from several threads: each still gets its own answer.
        let shared = EndpointRules.CatalogAnswers()
        let wrong = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 8) { k in
            let queries = Self.queries(shared)
            for query in k.isMultiple(of: 2) ? queries : queries.reversed() {
                var alone = query
                alone.catalogAnswers = nil
                if EndpointRules.fromCatalog(query) != EndpointRules.fromCatalog(alone) { wrong.withLock { $0 += 1 } }
            }
        }
        #expect(wrong.withLock { $0 } == 0)
        #expect(shared.count == answers.count, "an answer is kept once, whichever thread spelled it first")
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
        #expect(answers.count == 2)
    }

    /// `ListSource.sameBesidesPlace` compares every field but the place, field by field: it
    /// agrees with `==` on copies whose place is taken out, and a field added to `ListSource`
    /// fails here until the comparison reads it too.
    @Test func sameBesidesPlaceComparesEveryOtherField() {
        #expect(
            Mirror(reflecting: ListSource(decider: .exportMetadata, field: "", rowName: nil, origin: nil)).children
                .map(\.label) == ["decider", "field", "rowName", "origin"])
        var sources: [ListSource] = []
        for decider in [
            CatalogDecider.exportMetadata, .bundledCatalog(version: "1"), .bundledCatalog(version: "2"),
            .userCatalog(path: "a.json"),
        ] {
            for field in ["regionEndpoints", "metadata.regionEndpoints"] {
                for rowName in [nil, "Mixpanel", "Amplitude"] {
                    for origin in [nil, Origin(file: "a.json", offset: 1), Origin(file: "b.json", offset: 1)] {
                        sources.append(ListSource(decider: decider, field: field, rowName: rowName, origin: origin))
                    }
                }
            }
        }
        func unplaced(_ s: ListSource) -> ListSource {
            var s = s
            s.origin = nil
            return s
        }
        for a in sources {
            for b in sources { #expect(a.sameBesidesPlace(b) == (unplaced(a) == unplaced(b)), "\(a) \(b)") }
        }
    }
}
