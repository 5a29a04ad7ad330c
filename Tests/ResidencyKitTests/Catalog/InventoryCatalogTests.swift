import Foundation
import Testing

@testable import ResidencyKit

/// The integration catalog (format 2) as the loader reads it: the bundled file generated from
/// Segment's own catalog data, users' files layered over it, and broken files reported at
/// their line and column.
@Suite struct InventoryCatalogTests {
    static var catalog: Catalog { InventoryFixture.catalog }

    /// The bundled catalog's version: the date of Segment's catalog data it was generated from.
    static let version = "2025-11-06"
    static let referencePath = "policies/catalog/inputs/segment-public-catalog-2025-11-06.json"
    static let supplementPath = "policies/catalog/inputs/segment-regional-page.json"

    @Test func bundledCatalogLoadsWithoutDiagnostics() throws {
        let loaded = InventoryFixture.bundled
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))")
        #expect(loaded.catalog.version == Self.version)
        #expect(loaded.files.count == 1)
        let file = try #require(loaded.files.first)
        #expect(file.path == InventoryFixture.bundledCatalogPath)
        #expect(file.version == Self.version)
        let bytes = try #require(FileManager.default.contents(atPath: InventoryFixture.bundledCatalogPath))
        #expect(file.sha256 == SHA256.hex(Array(bytes)))
        #expect(file.sha256.count == 64)
        #expect(loaded.catalog.sha256 == file.sha256)
        #expect(loaded.sources.map(\.path) == [InventoryFixture.bundledCatalogPath])
        // One layer, the bundled one, and every row knows it and where it is.
        #expect(loaded.catalog.layers == [Catalog.Layer(path: InventoryFixture.bundledCatalogPath, version: Self.version, isBundled: true)])
        for table in Catalog.Table.allCases {
            for row in loaded.catalog.rows(table) {
                #expect(row.layer == 0)
                #expect(row.origin?.file == InventoryFixture.bundledCatalogPath, "\(row.name)")
            }
        }
        #expect(loaded.catalog.layers.first?.label == "bundled catalog \(Self.version)")
    }

    // MARK: Counts, from the committed reference data

    /// What Segment's catalog data (segment-docs `src/_data/catalog`, committed as the
    /// generator's input) says, read here with Foundation, independently of residency.
    struct Reference {
        var destinations: Int
        var destinationsInEU: Int
        var destinationsWithEUEndpoint: Int
        var destinationsNotInEU: Int
        var sources: Int
        var sourcesInEU: Int
        var warehouses: Int
        var euEndpointNames: Set<String>
        var euSourceNames: Set<String>

        static func load() throws -> Reference {
            let data = try #require(FileManager.default.contents(atPath: InventoryFixture.repoPath(referencePath)))
            let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let ds = try #require(root["destinations"] as? [[String: Any]])
            let ss = try #require(root["sources"] as? [[String: Any]])
            let ws = try #require((root["warehouses"] as? [String: Any])?["items"] as? [[String: Any]])
            func list(_ row: [String: Any], _ key: String) -> [String] { row[key] as? [String] ?? [] }
            let inEU = ds.filter { list($0, "regions").contains("eu-west-1") }
            let withEU = inEU.filter { list($0, "endpoints").contains("EU") }
            let euSources = ss.filter { list($0, "regions").contains("eu") }
            return Reference(
                destinations: ds.count, destinationsInEU: inEU.count, destinationsWithEUEndpoint: withEU.count,
                destinationsNotInEU: ds.count - inEU.count, sources: ss.count, sourcesInEU: euSources.count,
                warehouses: ws.count, euEndpointNames: Set(withEU.compactMap { $0["name"] as? String }),
                euSourceNames: Set(euSources.compactMap { $0["display_name"] as? String }))
        }
    }

    /// The counts the reference data gives, which the bundled catalog must have; and the
    /// documented numbers (docs/catalog.md, catalog 2025-11-06), so a changed input is seen.
    @Test func bundledCatalogHasTheReferenceCounts() throws {
        let ref = try Reference.load()
        let c = Self.catalog
        #expect(c.destinations.count == ref.destinations)
        #expect(c.destinations.filter(\.euWorkspace).count == ref.destinationsInEU)
        #expect(c.destinations.filter(\.euEndpoint).count == ref.destinationsWithEUEndpoint)
        #expect(c.destinations.filter { !$0.euWorkspace }.count == ref.destinationsNotInEU)
        #expect(c.sources.count == ref.sources)
        #expect(c.sources.filter(\.euWorkspace).count == ref.sourcesInEU)
        #expect(c.warehouses.count == ref.warehouses)
        #expect(Set(c.destinations.filter(\.euEndpoint).map(\.name)) == ref.euEndpointNames)
        #expect(Set(c.sources.filter(\.euWorkspace).map(\.name)) == ref.euSourceNames)

        // The numbers as documented for catalog 2025-11-06.
        #expect(ref.destinations == 503)
        #expect(ref.destinationsInEU == 484)
        #expect(ref.destinationsWithEUEndpoint == 26)
        #expect(ref.sources == 125)
        #expect(ref.sourcesInEU == 62)
        #expect(ref.warehouses == 11)
    }

    /// Facts of the bundled catalog that the checks rely on.
    @Test func bundledCatalogFacts() throws {
        let c = Self.catalog
        // Every destination is offered in US workspaces; 19 only there (Segment's data:
        // supportedRegions ["us-west-2"]).
        #expect(c.destinations.allSatisfy { $0.usWorkspace })
        #expect(c.destinations.filter { !$0.euWorkspace }.count == 19)
        // Segment's data: Attio (Actions) and Emarsys list only an EU endpoint.
        #expect(Set(c.destinations.filter { $0.regionEndpoints.allSatisfy { $0 == "EU" } }.map(\.name)).count == 2)
        // A US endpoint in EU workspaces (the Regional page's second column).
        #expect(c.destinations.filter(\.usEndpoint).count == 482)
        // Warehouses: all in both regions; Segment must be allowed in for Postgres and Redshift.
        #expect(c.warehouses.allSatisfy { $0.euWorkspace && $0.euEndpoint })
        #expect(c.warehouses.filter { $0.requiresCidr == true }.map(\.name) == ["Postgres", "Redshift"])
        // Sources: cloud sources (type cloud-app) and the rest.
        #expect(c.sources.filter { $0.cloud == true }.count == 104)
        #expect(c.sources.filter { $0.cloud == false }.count == 21)
        #expect(c.sources.allSatisfy { $0.sourceType != nil })
        // Every row has Segment's id except warehouses Segment's data gives none for.
        #expect(c.destinations.allSatisfy { $0.id != nil && $0.slug != nil })
        #expect(c.sources.allSatisfy { $0.id != nil && $0.slug != nil })
        #expect(c.warehouses.allSatisfy { $0.slug != nil })
        #expect(c.warehouses.filter { $0.id != nil }.map(\.name) == ["BigQuery", "Postgres", "Redshift", "Snowflake"])
        // Every destination names its vendor; connection modes are known for every destination.
        #expect(c.destinations.allSatisfy { $0.vendor?.isEmpty == false })
        #expect(c.destinations.allSatisfy { $0.connectionModes != nil })
    }

    @Test func euEndpointIsNeverClaimedWithoutEUWorkspace() {
        for d in Self.catalog.destinations + Self.catalog.sources + Self.catalog.warehouses where d.euEndpoint {
            #expect(d.euWorkspace, "\(d.name)")
        }
    }

    /// The bundled file is what `scripts/update-catalog.sh` writes from the committed inputs,
    /// byte for byte: it is derived, never edited by hand.
    @Test func bundledCatalogRegeneratesByteForByte() throws {
        let (generated, files) = CatalogGenerator.generate(
            dataPaths: [InventoryFixture.repoPath(Self.referencePath)], supplementPath: InventoryFixture.repoPath(Self.supplementPath),
            version: Self.version)
        #expect(generated.diagnostics.isEmpty, "\(generated.diagnostics.map(\.message))")
        #expect(files.count == 2)
        let bytes = try #require(generated.bytes)
        let committed = try #require(FileManager.default.contents(atPath: InventoryFixture.bundledCatalogPath))
        #expect(bytes == Array(committed), "run scripts/update-catalog.sh")
        #expect(generated.counts == [.destinations: 503, .sources: 125, .warehouses: 11])
        // The supplement names every destination's vendor.
        #expect(generated.derivedVendors.isEmpty, "\(generated.derivedVendors)")
    }

    @Test func generatingFromAnUnreadableFileMakesNothing() {
        let missing = NSTemporaryDirectory() + "no-such-catalog-data-" + UUID().uuidString + ".json"
        let (generated, _) = CatalogGenerator.generate(
            dataPaths: [missing], supplementPath: InventoryFixture.repoPath(Self.supplementPath), version: "x")
        #expect(generated.bytes == nil)
        #expect(generated.diagnostics.map(\.code) == ["E0701"])
    }

    /// The Public API's answer (`residency export --catalog-output`) generates the same rows as
    /// Segment's published data for the same integration.
    @Test func generatingFromAPublicAPIAnswer() throws {
        let api = SourceFile(
            path: "live.json",
            text: #"""
                {"data": {"destinationsCatalog": [
                  {"id": "615c7438d93d9b61b1e9e192", "slug": "actions-mixpanel", "name": "Mixpanel (Actions)",
                   "supportedRegions": ["us-west-2", "eu-west-1"], "regionEndpoints": ["EU", "US"], "status": "PUBLIC",
                   "supportedPlatforms": {"browser": true, "server": true, "mobile": false}, "components": [],
                   "options": [{"name": "apiRegion", "type": "select", "defaultValue": "US 🇺🇸", "required": false},
                               {"name": "projectToken", "type": "string", "required": true}]},
                  {"id": "x1", "slug": "no-regions", "name": "No Regions"}
                ]}}
                """#)
        let supplement = SourceFile(
            path: "page.json", text: InventoryFixture.text(Self.supplementPath))
        let generated = CatalogGenerator.generate(data: [api], supplement: supplement, version: "live-1")
        // A row without regions is left out, with a warning.
        #expect(generated.diagnostics.map(\.code) == ["W0703"])
        let bytes = try #require(generated.bytes)
        let loaded = CatalogLoader.load(files: [SourceFile(path: "gen.json", bytes: bytes)])
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))")
        let generatedRow = try loaded.catalog.row(.destinations, "actions-mixpanel")
        let bundledRow = try Self.catalog.row(.destinations, "actions-mixpanel")
        #expect(loaded.catalog.version == "live-1")
        #expect(loaded.catalog.destinations.count == 1)
        #expect(generatedRow.id == bundledRow.id)
        #expect(generatedRow.supportedRegions == bundledRow.supportedRegions)
        #expect(generatedRow.regionEndpoints == bundledRow.regionEndpoints)
        #expect(generatedRow.connectionModes == bundledRow.connectionModes)
        #expect(generatedRow.regionSettings == bundledRow.regionSettings)
        #expect(generatedRow.vendor == "Mixpanel")
    }

    // MARK: The doc (being rewritten)

    /// The doc's count table, read from the doc itself, matches the loaded catalog.
    @Test func docCountTableMatches() {
        let doc = InventoryFixture.text("docs/catalog.md")
        let c = Self.catalog
        #expect(doc.contains("| `destinations` | \(c.destinations.count) |"))
        #expect(doc.contains("| `warehouses` | \(c.warehouses.count) |"))
        #expect(doc.contains("| `sources` | \(c.sources.count) |"))
        #expect(doc.contains("## Counts (catalog \(c.version))"))
    }

    /// "a, b, c." after `label` in the doc, across line breaks.
    static func docList(after label: String) -> [String] {
        let doc = InventoryFixture.text("docs/catalog.md")
        guard let start = doc.range(of: label) else { return [] }
        let rest = doc[start.upperBound...]
        let paragraph = rest.components(separatedBy: "\n\n").first ?? ""
        var text = paragraph.replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
        if text.hasSuffix(".") { text.removeLast() }
        return text.components(separatedBy: ", ")
    }

    @Test func destinationsWithAnEUEndpointAreTheDocumentedOnes() {
        let documented = Self.docList(after: "Destinations with an EU endpoint:")
        #expect(documented.count == 26)
        #expect(Set(Self.catalog.destinations.filter(\.euEndpoint).map(\.name)) == Set(documented))
    }

    @Test func sourcesSupportedInEUAreTheDocumentedOnes() {
        let documented = Self.docList(after: "Sources supported in EU workspaces:")
        #expect(documented.count == 62)
        #expect(Set(Self.catalog.sources.filter(\.euWorkspace).map(\.name)) == Set(documented))
    }

    // MARK: Look-ups

    @Test(arguments: [
        ("HubSpot", "HubSpot"), ("hubspot", "HubSpot"), ("  HUBSPOT ", "HubSpot"), ("actions-mixpanel", "Mixpanel (Actions)"),
        ("Mixpanel (Legacy)", "Mixpanel (Legacy)"), ("mixpanel", "Mixpanel (Legacy)"),
        ("ACTIONS-BRAZE-WEB", "Braze Web Device Mode (Actions)"),
        // Segment's previous names (Segment's data: braze previous_names ["Appboy"]).
        ("Appboy", "Braze"), ("braze web mode (actions)", "Braze Web Device Mode (Actions)"),
        // Catalog ids.
        ("54521fd725e721e32a72eec1", "HubSpot"), ("615c7438d93d9b61b1e9e192", "Mixpanel (Actions)"),
    ])
    func destinationLookupIgnoresCaseAndSpace(query: String, name: String) throws {
        let i = try #require(Self.catalog.destination(named: query))
        #expect(Self.catalog.destinations[Int(i)].name == name)
    }

    /// `find` tries the id, then the slug, the name and previous names, and says which matched.
    @Test func findSaysHowTheRowWasFound() throws {
        let c = Self.catalog
        let byID = try #require(c.find(.destinations, id: "54521fd725e721e32a72eec1", slug: "slack", name: "Slack"))
        #expect(c.destinations[Int(byID.row)].name == "HubSpot")
        #expect(byID.match == .id)
        let bySlug = try #require(c.find(.destinations, id: "unknown-id", slug: "slack", name: "HubSpot"))
        #expect(c.destinations[Int(bySlug.row)].name == "Slack")
        #expect(bySlug.match == .slug)
        let byName = try #require(c.find(.destinations, id: nil, slug: nil, name: "mixpanel (legacy)"))
        #expect(byName.match == .name)
        let byPrevious = try #require(c.find(.destinations, id: nil, slug: nil, name: "Appboy"))
        #expect(c.destinations[Int(byPrevious.row)].name == "Braze")
        #expect(byPrevious.match == .previousName)
        // An id is matched exactly: ids are case-sensitive.
        #expect(c.find(.destinations, id: "54521FD725E721E32A72EEC1", slug: nil, name: nil) == nil)
        #expect(c.find(.destinations, id: nil, slug: nil, name: nil) == nil)
    }

    @Test func lookupsAreSeparatePerTable() throws {
        let c = Self.catalog
        let d = try #require(c.destination(named: "HubSpot"))
        let s = try #require(c.source(named: "HubSpot"))
        #expect(c.destinations[Int(d)].euEndpoint == true)
        // Changed with catalog format 2: Segment's catalog data: HubSpot (source)
        // supportedRegions ["us", "eu"] (the hand-kept format 1 catalog had it US only).
        #expect(c.sources[Int(s)].euWorkspace == true)
        #expect(c.sources[Int(s)].cloud == true)
        #expect(c.warehouse(named: "bigquery").map { c.warehouses[Int($0)].name } == "BigQuery")
        #expect(c.warehouse(named: "kwX50Df0hr").map { c.warehouses[Int($0)].name } == "BigQuery")
        #expect(c.destination(named: "BigQuery") == nil)
        #expect(c.destination(named: "Not An Integration") == nil)
        #expect(c.destination(named: "") == nil)
    }

    @Test func inCodeCatalogIndexesIDsSlugsNamesAndPreviousNames() {
        let c = Catalog(
            version: "t",
            destinations: [
                .destination("Acme", id: "a1", slug: "acme-actions", previousNames: ["Acme Classic"], endpoints: ["US", "EU"]),
                .destination("acme"), .destination("Acme Classic", slug: "acme-classic"),
            ],
            sources: [.source("Web", id: "w1")])
        // The first row to claim a name keeps it, also for the normalised spelling.
        #expect(c.destination(named: "Acme") == 0)
        #expect(c.destination(named: "acme") == 1)
        #expect(c.destination(named: "ACME") == 0)
        #expect(c.destination(named: "acme-actions") == 0)
        #expect(c.destination(named: "a1") == 0)
        // A row's own name outranks another row's previous name.
        #expect(c.destination(named: "acme classic") == 2)
        #expect(c.find(.destinations, id: nil, slug: nil, name: "Acme Classic")?.match == .name)
        #expect(c.source(named: "web") == 0)
        #expect(c.source(named: "w1") == 0)
        #expect(c.warehouse(named: "web") == nil)
        #expect(c.destinationNames == ["Acme", "acme", "Acme Classic"])
        #expect(Catalog().version == "empty")
        // The flags are derived from the lists as Segment's Regional page derives its columns.
        let acme = c.destinations[0]
        #expect(acme.usWorkspace && acme.euWorkspace && acme.euEndpoint && acme.usEndpoint)
        let usOnly = Catalog.Entry.destination("X", eu: false, endpoints: ["US", "EU"])
        #expect(!usOnly.euWorkspace && !usOnly.euEndpoint && !usOnly.usEndpoint)
    }

    // MARK: Users' own catalog files

    /// A user's file: rows naming bundled rows by id, slug or name replace them; the rest are added.
    static let override = #"""
        {
          "formatVersion": 2,
          "catalogVersion": "2026-12-01-acme",
          "destinations": [
            {"id": "645babd9362d97b777391325", "name": "Iterable EU (Actions)", "vendor": "Iterable", "supportedRegions": ["us-west-2", "eu-west-1"], "regionEndpoints": ["US", "EU"]},
            {"slug": "slack", "name": "Slack", "vendor": "Slack", "supportedRegions": ["us-west-2"], "regionEndpoints": ["US"]},
            {"slug": "acme-analytics", "name": "Acme Analytics", "vendor": "Acme", "supportedRegions": ["us-west-2", "eu-west-1"], "regionEndpoints": ["US"]}
          ],
          "warehouses": [
            {"name": "SEGMENT DATA LAKES", "supportedRegions": ["us"], "regionEndpoints": ["us"], "requiresCidr": false}
          ],
          "sources": [
            {"slug": "looker", "name": "Looker", "supportedRegions": ["us", "eu"], "regionEndpoints": ["us"], "type": "cloud-app"},
            {"name": "Acme Events", "supportedRegions": ["us", "eu"], "regionEndpoints": ["us", "eu"], "type": "server"}
          ]
        }
        """#

    static func bundledFile() -> SourceFile {
        SourceFile(path: InventoryFixture.bundledCatalogPath, text: InventoryFixture.text("policies/catalog/segment-regional.json"))
    }

    @Test func userFileReplacesRowsByIDSlugOrNameAndAddsNewOnes() throws {
        let mine = SourceFile(path: "mine.json", text: Self.override)
        let loaded = CatalogLoader.load(files: [Self.bundledFile(), mine], bundled: InventoryFixture.bundledCatalogPath)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))")
        let c = loaded.catalog
        #expect(c.destinations.count == 504)
        #expect(c.warehouses.count == 11)
        #expect(c.sources.count == 126)

        // Replaced by id, in place, whole row, with the user's spelling.
        let bundledIndex = try #require(Self.catalog.destination(named: "Iterable (Actions)"))
        let iterable = c.destinations[Int(bundledIndex)]
        #expect(iterable.name == "Iterable EU (Actions)")
        #expect(iterable.euEndpoint == true)
        #expect(iterable.slug == nil)
        #expect(iterable.layer == 1)
        #expect(c.layer(of: iterable)?.label == "user catalog mine.json")
        #expect(c.destination(named: "645babd9362d97b777391325") == bundledIndex)
        #expect(c.destination(named: "Iterable EU (Actions)") == bundledIndex)
        // The bundled name no longer finds it: the user's row is the whole row.
        #expect(c.destination(named: "Iterable (Actions)") == nil)

        // Replaced by slug.
        let slackIndex = try #require(Self.catalog.destination(named: "slack"))
        #expect(c.destination(named: "slack") == slackIndex)
        #expect(c.destinations[Int(slackIndex)].euWorkspace == false)

        // Added at the end.
        #expect(c.destinations.last?.name == "Acme Analytics")
        #expect(c.destination(named: "acme-analytics") == Int32(c.destinations.count - 1))
        #expect(c.sources.last?.name == "Acme Events")

        // Replaced by name, whatever its case.
        let lakes = try #require(c.warehouse(named: "Segment Data Lakes"))
        #expect(c.warehouses[Int(lakes)].euWorkspace == false)
        let looker = try #require(c.source(named: "looker"))
        #expect(c.sources[Int(looker)].euWorkspace == true)

        // Rows not mentioned stay, from the bundled layer.
        let hubspot = try c.row(.destinations, "HubSpot")
        #expect(hubspot.layer == 0)
        #expect(c.layer(of: hubspot)?.isBundled == true)

        // Versions joined, every file's digest recorded.
        #expect(c.version == "\(Self.version) + 2026-12-01-acme")
        #expect(loaded.files.map(\.version) == [Self.version, "2026-12-01-acme"])
        #expect(loaded.files.map(\.path) == [InventoryFixture.bundledCatalogPath, "mine.json"])
        #expect(loaded.files.map(\.sha256) == [SHA256.hex(Self.bundledFile().bytes), SHA256.hex(mine.bytes)])
        // `Catalog.sha256` is the first file's digest only; reports cite `files` for the others.
        #expect(c.sha256 == SHA256.hex(Self.bundledFile().bytes))
        #expect(c.layers.map(\.isBundled) == [true, false])
    }

    /// Precedence (docs/catalog.md): a user's row outranks the export's own metadata, which
    /// outranks the bundled catalog; every list says who gave it.
    @Test func precedenceUserCatalogOverExportOverBundled() throws {
        let catalog = CatalogLoader.load(
            files: [Self.bundledFile(), SourceFile(path: "mine.json", text: Self.override)],
            bundled: InventoryFixture.bundledCatalogPath
        ).catalog
        let text = InventoryFixture.bundle(
            #"""
            "sources": [{"id": "s", "metadata": {"name": "Looker"}}],
            "destinations": [
              {"id": "d1", "sourceId": "s", "metadata": {"name": "Acme Analytics"}},
              {"id": "d2", "sourceId": "s", "metadata": {"id": "645babd9362d97b777391325", "slug": "actions-iterable", "regionEndpoints": ["US"]}},
              {"id": "d3", "sourceId": "s", "metadata": {"slug": "actions-mixpanel", "supportedRegions": ["us-west-2"], "regionEndpoints": ["US"]}},
              {"id": "d4", "sourceId": "s", "metadata": {"slug": "hubspot"}}
            ]
            """#)
        let before = InventoryFixture.load(text)
        #expect(before.codes == ["W0601"])
        let after = InventoryFixture.load(text, catalog: catalog)
        #expect(after.diagnostics.isEmpty, "\(after.diagnostics.map(\.message))")
        let model = try #require(after.only)
        let d = model.destinations
        #expect(d[0].vendor == "Acme")
        #expect(d[0].integration.decidedBy == "user catalog mine.json")
        // The user's row outranks the export's own regionEndpoints.
        #expect(d[1].integration.regionEndpoints == ["US", "EU"])
        #expect(d[1].integration.euEndpoint == true)
        #expect(d[1].integration.match == .id)
        #expect(d[1].integration.decidedBy == "user catalog mine.json")
        #expect(d[1].catalogName == "Iterable EU (Actions)")
        // The export's metadata outranks the bundled catalog.
        #expect(d[2].integration.supportedRegions == ["us-west-2"])
        #expect(d[2].integration.euWorkspace == false)
        #expect(d[2].integration.decidedBy == "export metadata")
        #expect(d[2].integration.regionsFrom?.text == #"metadata.supportedRegions = ["us-west-2"]"#)
        // With neither, the bundled catalog.
        #expect(d[3].integration.decidedBy == "bundled catalog \(Self.version)")
        #expect(d[3].integration.endpointsFrom?.text == #"bundled catalog \#(Self.version): HubSpot regionEndpoints ["EU", "US"]"#)
        #expect(d[3].integration.endpointsFrom?.origin?.file == InventoryFixture.bundledCatalogPath)
        // Sources too: Segment's data has Looker in US workspaces only; the user's row says EU.
        #expect(try #require(before.only).sources[0].integration.euWorkspace == false)
        #expect(model.sources[0].integration.euWorkspace == true)
    }

    @Test func userFileMayBeYAMLAndGivenByPath() throws {
        let root = try InventoryFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try InventoryFixture.write(
            """
            formatVersion: 2
            catalogVersion: mine-1
            destinations:
              - {slug: slack, name: Slack, vendor: Slack, supportedRegions: [us-west-2], regionEndpoints: [US]}
            """, to: root + "/mine.yaml")
        let loaded = CatalogLoader.load(paths: [InventoryFixture.bundledCatalogPath, root + "/mine.yaml"])
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))")
        #expect(loaded.catalog.version == "\(Self.version) + mine-1")
        let slack = try #require(loaded.catalog.destination(named: "slack"))
        #expect(loaded.catalog.destinations[Int(slack)].euWorkspace == false)
        #expect(loaded.catalog.destinations.count == 503)
        #expect(loaded.files.count == 2)
        // The first path is the bundled catalog unless another is named.
        #expect(loaded.catalog.layers.map(\.isBundled) == [true, false])
    }

    @Test func noFiles() {
        let none = CatalogLoader.load(files: [])
        #expect(none.catalog.version == "empty")
        #expect(none.catalog.sha256 == nil)
        #expect(none.files.isEmpty)
        #expect(none.diagnostics.isEmpty)
    }

    // MARK: Broken catalog files

    struct Broken: Sendable, CustomTestStringConvertible {
        var name: String
        var path: String = "my-catalog.json"
        var input: String
        /// Every diagnostic's code, in order; the first is at the marker.
        var codes: [String]
        var message: String
        var help: InventoryHelp = .unchecked
        /// Valid rows of the broken file that are still added (the first of two duplicates).
        var added: [Catalog.Table: Int] = [:]
        var testDescription: String { name }
    }

    static func v2(_ body: String) -> String { "{\"formatVersion\": 2, \"catalogVersion\": \"x\",\n\(body)\n}" }

    static let broken: [Broken] = [
        Broken(
            name: "an unknown key in a row, with did-you-mean",
            input: v2(
                #"  "destinations": [{"name": "Acme", "supportedRegions": ["us-west-2"], "regionEndpoints": ["US"], 1️⃣"vendr": "Acme"}]"#),
            codes: ["E0703"], message: "unknown key `vendr` in a destination row", help: .exactly("did you mean `vendor`?")),
        Broken(
            name: "an unknown top-level key", input: "{\"formatVersion\": 2, \"catalogVersion\": \"x\", 1️⃣\"destination\": []}",
            codes: ["E0703"], message: "unknown key `destination` in a catalog file", help: .exactly("did you mean `destinations`?")),
        Broken(
            name: "format 1's flags in a row",
            input: v2(
                #"  "sources": [{"name": "Acme", "supportedRegions": ["us"], "regionEndpoints": ["us"], 1️⃣"euWorkspace": true}]"#),
            codes: ["E0703"], message: "unknown key `euWorkspace` in a source row"),
        Broken(
            name: "a row without supportedRegions",
            input: v2(#"  "destinations": [1️⃣{"name": "Acme", "regionEndpoints": ["US"]}]"#), codes: ["E0704"],
            message: "a destination row (Acme) has no `supportedRegions`"),
        Broken(
            name: "a row with null regionEndpoints",
            input: v2(#"  "warehouses": [1️⃣{"name": "W", "supportedRegions": ["eu"], "regionEndpoints": null}]"#),
            codes: ["E0704"], message: "a warehouse row (W) has no `regionEndpoints`"),
        Broken(
            name: "a region Segment does not use",
            input: v2(#"  "destinations": [{"name": "Acme", "supportedRegions": [1️⃣"eu-central-1"], "regionEndpoints": ["US"]}]"#),
            codes: ["E0705"], message: #"`supportedRegions` has "eu-central-1", which is not a region Segment's catalog uses"#),
        Broken(
            name: "a workspace region as an endpoint",
            input: v2(#"  "destinations": [{"name": "Acme", "supportedRegions": ["eu-west-1"], "regionEndpoints": [1️⃣"eu-west-1"]}]"#),
            codes: ["E0705"], message: #"`regionEndpoints` has "eu-west-1", which is not a region Segment's catalog uses"#,
            help: .exactly(#"use "US", "EU""#)),
        Broken(
            name: "a duplicate id",
            input: v2(
                #"""
                  "destinations": [
                    {"id": "d1", "name": "A", "supportedRegions": ["us-west-2"], "regionEndpoints": ["US"]},
                    {"id": 1️⃣"d1", "name": "B", "supportedRegions": ["us-west-2"], "regionEndpoints": ["US"]}
                  ]
                """#), codes: ["E0706"], message: #"two destination rows have the id "d1""#, added: [.destinations: 1]),
        Broken(
            name: "a duplicate slug",
            input: v2(
                #"""
                  "sources": [
                    {"slug": "web", "name": "A", "supportedRegions": ["us"], "regionEndpoints": ["us"]},
                    {"slug": 1️⃣"web", "name": "B", "supportedRegions": ["us"], "regionEndpoints": ["us"]}
                  ]
                """#), codes: ["E0706"], message: #"two source rows have the slug "web""#, added: [.sources: 1]),
        Broken(
            name: "a duplicate name, differently cased",
            input: v2(
                #"""
                  "warehouses": [
                    {"name": "Acme", "supportedRegions": ["us"], "regionEndpoints": ["us"]},
                    {"name": 1️⃣"ACME", "supportedRegions": ["us"], "regionEndpoints": ["us"]}
                  ]
                """#), codes: ["E0706"], message: #"two warehouse rows have the name "ACME""#, added: [.warehouses: 1]),
        Broken(
            name: "a format 1 file (no formatVersion)",
            input: "1️⃣{\"catalogVersion\": \"2026-11-29\", \"destinations\": []}", codes: ["E0707"],
            message: "catalog format 1 (no `formatVersion`) is not one this residency reads (it reads format 2)",
            help: .exactly("regenerate the file with `residency catalog generate` (docs/catalog.md describes format 2)")),
        Broken(
            name: "a future format", input: "{\"formatVersion\": 1️⃣3, \"catalogVersion\": \"x\"}", codes: ["E0707"],
            message: "catalog format 3 is not one this residency reads"),
        Broken(
            name: "no catalogVersion", input: "1️⃣{\"formatVersion\": 2, \"destinations\": []}", codes: ["E0603"],
            message: "`catalogVersion`"),
        Broken(
            name: "a source type Segment does not use",
            input: v2(#"  "sources": [{"name": "A", "supportedRegions": ["us"], "regionEndpoints": ["us"], "type": 1️⃣"desktop"}]"#),
            codes: ["E0708"], message: #"`sources[0].type` has "desktop""#),
        Broken(
            name: "a syntax error on line 3",
            input: "{\"formatVersion\": 2,\n  \"catalogVersion\": \"x\",\n  \"destinations\": [1️⃣,]\n}", codes: ["E0601"],
            message: "invalid JSON: expected a JSON value, found `,`"),
        Broken(
            name: "a boolean written as a string",
            input: v2(
                #"  "warehouses": [{"name": "W", "supportedRegions": ["us"], "regionEndpoints": ["us"], "requiresCidr": 1️⃣"yes"}]"#),
            codes: ["E0602"], message: "`warehouses[0].requiresCidr` must be true or false, found a string"),
        Broken(
            name: "a table that is not a list", input: v2("  \"warehouses\": 1️⃣{}"), codes: ["E0602"],
            message: "`warehouses` must be a list, found an object"),
        Broken(
            name: "a list at the top", input: "1️⃣[]", codes: ["E0602"], message: "`catalog` must be an object, found an array"),
        Broken(
            name: "a region that is not a string",
            input: v2(#"  "destinations": [{"name": "A", "supportedRegions": [1️⃣1], "regionEndpoints": ["US"]}]"#),
            codes: ["E0602"], message: "must be a string, found a number"),
        Broken(
            name: "a YAML catalog with a bad indent", path: "my-catalog.yaml",
            input: "formatVersion: 2\ndestinations:\n  - name: A\n 1️⃣- name: B\n", codes: ["E0610"], message: "invalid YAML"),
    ]

    @Test(arguments: broken)
    func brokenCatalogFileIsReportedAtItsLine(_ c: Broken) throws {
        let marked = InventoryMarked(c.input)
        let loaded = CatalogLoader.load(
            files: [Self.bundledFile(), SourceFile(path: c.path, text: marked.text)], bundled: InventoryFixture.bundledCatalogPath)
        #expect(
            loaded.diagnostics.map(\.code) == c.codes,
            "\(loaded.diagnostics.map { "\($0.code)@\($0.lineColumn) \($0.message)" })")
        let d = try #require(loaded.diagnostics.first)
        #expect(d.severity == .error)
        #expect(d.range?.file == c.path)
        #expect(d.lineColumn == marked.at())
        #expect(d.message.contains(c.message), "\(d.message)")
        if case .exactly(let help) = c.help { #expect(d.help == help) }
        // The bundled catalog is still there, and no half-read row of the broken file.
        #expect(loaded.catalog.destinations.count == 503 + (c.added[.destinations] ?? 0))
        #expect(loaded.catalog.sources.count == 125 + (c.added[.sources] ?? 0))
        #expect(loaded.catalog.warehouses.count == 11 + (c.added[.warehouses] ?? 0))
    }

    /// A duplicate's note points at the first use.
    @Test func duplicateNotesTheFirstUse() throws {
        let marked = InventoryMarked(
            Self.v2(
                #"""
                  "destinations": [
                    {"id": 1️⃣"d1", "name": "A", "supportedRegions": ["us-west-2"], "regionEndpoints": ["US"]},
                    {"id": 2️⃣"d1", "name": "B", "supportedRegions": ["us-west-2"], "regionEndpoints": ["US"]}
                  ]
                """#))
        let loaded = CatalogLoader.load(files: [SourceFile(path: "c.json", text: marked.text)])
        let d = try #require(loaded.diagnostics.first)
        #expect(d.lineColumn == marked.at("2️⃣"))
        let note = try #require(d.notes.first)
        #expect(note.message == "first used here")
        #expect(note.range.map { "\($0.start.line):\($0.start.column)" } == marked.at("1️⃣"))
        // The first row is kept, the second left out.
        #expect(loaded.catalog.destinations.map(\.name) == ["A"])
    }

    @Test func unreadableCatalogFile() {
        let path = NSTemporaryDirectory() + "no-such-catalog-" + UUID().uuidString + ".json"
        let loaded = CatalogLoader.load(paths: [InventoryFixture.bundledCatalogPath, path])
        #expect(loaded.diagnostics.map(\.code) == ["E0701"])
        #expect(loaded.diagnostics.first?.message == "cannot read catalog \(path): no such file or folder")
        #expect(loaded.diagnostics.first?.range == nil)
        #expect(loaded.diagnostics.first?.help == "pass --catalog FILE, or keep the bundled catalog in <policies>/catalog/")
        #expect(loaded.catalog.destinations.count == 503)
    }

    @Test func validRowsOfABrokenFileAreStillMerged() {
        let text = Self.v2(
            #"""
              "destinations": [
                {"name": "Acme", "supportedRegions": ["us-west-2"], "regionEndpoints": ["US"]},
                {"supportedRegions": ["us-west-2"], "regionEndpoints": ["US"]},
                {"name": "Bcme", "vendor": 3, "supportedRegions": ["us-west-2"], "regionEndpoints": ["US"]},
                {"name": "Ccme", "vendor": "C", "supportedRegions": ["us-west-2", "eu-west-1"], "regionEndpoints": ["EU"]}
              ]
            """#)
        let loaded = CatalogLoader.load(files: [SourceFile(path: "c.json", text: text)])
        #expect(loaded.diagnostics.map(\.code) == ["E0603", "E0602"])
        // A row with an error is left out whole: half a row could change a verdict.
        #expect(loaded.catalog.destinations.map(\.name) == ["Acme", "Ccme"])
        #expect(loaded.catalog.destinations.map(\.vendor) == [nil, "C"])
    }
}

/// The organisation's facts file.
@Suite struct InventoryFactsTests {
    @Test func exampleFactsFile() {
        let (facts, file, diagnostics) = FactsLoader.load(
            path: InventoryFixture.repoPath("examples/facts.yaml"), declared: Pack.checked.bundle?.facts ?? [])
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        #expect(file?.path == InventoryFixture.repoPath("examples/facts.yaml"))
        #expect(facts.dpfCertified == ["Mixpanel", "Google", "Amplitude", "Braze", "Intercom", "HubSpot", "Slack"])
        #expect(facts.sccVendors == ["FullStory"])
        // Given but empty: known to be none, not missing.
        #expect(facts.bcrVendors == [])
    }

    @Test(arguments: [
        ("f.json", #"{"dpfCertified": ["Google", "Slack"], "sccVendors": [], "bcrVendors": ["Acme"]}"#),
        ("f.yaml", "dpfCertified:\n  - Google\n  - Slack\nsccVendors: []\nbcrVendors: [Acme]\n"),
        ("f.yml", "{dpfCertified: [Google, Slack], sccVendors: [], bcrVendors: [Acme]}"),
    ])
    func jsonAndYAMLGiveTheSameFacts(path: String, text: String) {
        let (facts, diagnostics) = FactsLoader.load(SourceFile(path: path, text: text))
        #expect(diagnostics.isEmpty)
        #expect(facts == Facts(dpfCertified: ["Google", "Slack"], sccVendors: [], bcrVendors: ["Acme"]))
    }

    // `{"dpfCertified": null}` is an error since issue 11 (E0618, in `cases` below).
    @Test(arguments: [("f.json", "{}"), ("f.yaml", "# nothing known yet\n{}\n")])
    func missingListsAreMissingNotEmpty(path: String, text: String) {
        let (facts, diagnostics) = FactsLoader.load(SourceFile(path: path, text: text))
        #expect(diagnostics.isEmpty)
        #expect(facts.dpfCertified == nil)
        #expect(facts.sccVendors == nil)
        #expect(facts.bcrVendors == nil)
    }

    @Test func onlySomeListsGiven() {
        let (facts, _) = FactsLoader.load(SourceFile(path: "f.json", text: #"{"sccVendors": ["Customer.io"]}"#))
        #expect(facts == Facts(dpfCertified: nil, sccVendors: ["Customer.io"], bcrVendors: nil))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var path: String
        var input: String
        var code: String
        var message: String
        var help: InventoryHelp = .unchecked
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            // Errors since issue 11 (W0701 before): the list the key meant would be missing.
            name: "a misspelt key in JSON", path: "f.json", input: #"{"dpfCertified": [], 1️⃣"sccVendor": ["X"]}"#, code: "E0710",
            message: "unknown fact `sccVendor`", help: .exactly("did you mean `sccVendors`?")),
        Case(
            name: "an unrelated key in YAML", path: "f.yaml", input: "dpfCertified: [Google]\n1️⃣owner: legal@acme.example\n",
            code: "E0710", message: "unknown fact `owner`",
            help: .exactly("the facts are `dpfCertified`, `sccVendors`, `bcrVendors`; declare others in a policy file: `fact owner: list<string>`")),
        Case(
            name: "a null list", path: "f.json", input: #"{"dpfCertified": 1️⃣null}"#, code: "E0618",
            message: "`facts.dpfCertified` is null where a list belongs"),
        Case(
            name: "a list given as a string", path: "f.json", input: #"{"sccVendors": 1️⃣"Customer.io"}"#, code: "E0602",
            message: "`facts.sccVendors` must be a list, found a string"),
        Case(
            name: "a number in a list", path: "f.yaml", input: "bcrVendors: [Acme, 1️⃣42]\n", code: "E0602",
            message: "`facts.bcrVendors[1]` must be a string, found a number"),
        Case(
            name: "a list at the top", path: "f.json", input: #"1️⃣["Google"]"#, code: "E0602",
            message: "`facts` must be an object, found an array"),
        Case(name: "invalid JSON", path: "f.json", input: #"{"dpfCertified": [1️⃣}"#, code: "E0601", message: "invalid JSON"),
        Case(name: "invalid YAML", path: "f.yaml", input: "dpfCertified: [Google\n1️⃣", code: "E0610", message: "invalid YAML"),
        Case(
            name: "a duplicate key in JSON", path: "f.json", input: #"{"dpfCertified": ["A"], 1️⃣"dpfCertified": ["B"]}"#,
            code: "E0616", message: "duplicate key `dpfCertified`"),
    ]

    @Test(arguments: cases)
    func factsDiagnostic(_ c: Case) throws {
        let marked = InventoryMarked(c.input)
        let (_, diagnostics) = FactsLoader.load(SourceFile(path: c.path, text: marked.text))
        #expect(diagnostics.map(\.code) == [c.code], "\(diagnostics.map { "\($0.code)@\($0.lineColumn) \($0.message)" })")
        let d = try #require(diagnostics.first)
        #expect(d.range?.file == c.path)
        #expect(d.lineColumn == marked.at())
        #expect(d.message.contains(c.message), "\(d.message)")
        if case .exactly(let help) = c.help { #expect(d.help == help) }
    }

    /// Changed with issue 11: an error now (was W0701), the rest still read for more diagnostics.
    @Test func unknownKeyIsAnErrorAndTheRestRead() {
        let (facts, diagnostics) = FactsLoader.load(
            SourceFile(path: "f.json", text: #"{"dpfCertifed": ["X"], "sccVendors": ["Y"]}"#))
        #expect(diagnostics.map(\.code) == ["E0710"])
        #expect(diagnostics.first?.severity == .error)
        #expect(diagnostics.first?.help == "did you mean `dpfCertified`?")
        #expect(facts == Facts(sccVendors: ["Y"]))
    }

    @Test func unreadableFactsFile() {
        let path = NSTemporaryDirectory() + "no-such-facts-" + UUID().uuidString + ".yaml"
        let (facts, file, diagnostics) = FactsLoader.load(path: path)
        #expect(file == nil)
        #expect(facts == Facts())
        #expect(diagnostics.map(\.code) == ["E0702"])
        #expect(diagnostics.first?.message == "cannot read facts file \(path): no such file or folder")
    }
}
