import Foundation
import Testing

@testable import ResidencyKit

/// The regional catalog as the loader reads it: the bundled file, users' override files,
/// and broken files reported at their line.
@Suite struct InventoryCatalogTests {
    static var catalog: Catalog { InventoryFixture.catalog }

    @Test func bundledCatalogLoadsWithoutDiagnostics() throws {
        let loaded = InventoryFixture.bundled
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))")
        #expect(loaded.catalog.version == "2026-11-29")
        #expect(loaded.files.count == 1)
        let file = try #require(loaded.files.first)
        #expect(file.path == InventoryFixture.bundledCatalogPath)
        #expect(file.version == "2026-11-29")
        let bytes = try #require(FileManager.default.contents(atPath: InventoryFixture.bundledCatalogPath))
        #expect(file.sha256 == SHA256.hex(Array(bytes)))
        #expect(file.sha256.count == 64)
        #expect(loaded.catalog.sha256 == file.sha256)
        #expect(loaded.sources.map(\.path) == [InventoryFixture.bundledCatalogPath])
    }

    /// The counts docs/catalog.md states (catalog 2026-11-29).
    @Test func bundledCatalogHasTheDocumentedCounts() {
        let c = Self.catalog
        #expect(c.destinations.count == 470)
        #expect(c.destinations.filter { $0.euEndpoint == true }.count == 24)
        #expect(c.destinations.filter { $0.euWorkspace == true && $0.euEndpoint == false }.count == 446)
        #expect(c.destinations.allSatisfy { $0.usWorkspace == true })
        #expect(c.warehouses.count == 9)
        #expect(c.warehouses.allSatisfy { $0.euWorkspace == true })
        #expect(c.warehouses.filter { $0.euEndpoint == true }.count == 8)
        #expect(c.warehouses.filter { $0.requiresCidr == true }.map(\.name) == ["Postgres", "Redshift"])
        #expect(c.warehouses.first { $0.euEndpoint == false }?.name == "Segment Data Lakes")
        #expect(c.sources.count == 110)
        #expect(c.sources.filter { $0.euWorkspace == true }.count == 18)
        #expect(c.sources.filter { $0.euWorkspace == false }.count == 92)
        #expect(c.sources.filter { $0.cloud == false }.count == 19)
        #expect(c.sources.filter { $0.cloud == true }.count == 91)
        #expect(c.destinations.map(\.slugs.count).reduce(0, +) == 11)
        #expect(c.warehouses.map(\.slugs.count).reduce(0, +) == 4)
        #expect(c.sources.map(\.slugs.count).reduce(0, +) == 0)
    }

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
        #expect(documented.count == 24)
        #expect(Set(Self.catalog.destinations.filter { $0.euEndpoint == true }.map(\.name)) == Set(documented))
    }

    @Test func sourcesSupportedInEUAreTheDocumentedOnes() {
        let documented = Self.docList(after: "Sources supported in EU workspaces:")
        #expect(documented.count == 18)
        #expect(Set(Self.catalog.sources.filter { $0.euWorkspace == true }.map(\.name)) == Set(documented))
    }

    @Test func euEndpointIsNeverClaimedWithoutEUWorkspace() {
        for d in Self.catalog.destinations + Self.catalog.warehouses where d.euEndpoint == true {
            #expect(d.euWorkspace == true, "\(d.name)")
        }
    }

    // MARK: Look-ups

    @Test(arguments: [
        ("HubSpot", "HubSpot"), ("hubspot", "HubSpot"), ("  HUBSPOT ", "HubSpot"), ("actions-mixpanel", "Mixpanel (Actions)"),
        ("Mixpanel (Legacy)", "Mixpanel (Legacy)"), ("mixpanel", "Mixpanel (Legacy)"),
        ("ACTIONS-BRAZE-WEB", "Braze Web Device Mode (Actions)"),
    ])
    func destinationLookupIgnoresCaseAndSpace(query: String, name: String) throws {
        let i = try #require(Self.catalog.destination(named: query))
        #expect(Self.catalog.destinations[Int(i)].name == name)
    }

    @Test func lookupsAreSeparatePerTable() throws {
        let c = Self.catalog
        let d = try #require(c.destination(named: "HubSpot"))
        let s = try #require(c.source(named: "HubSpot"))
        #expect(c.destinations[Int(d)].euEndpoint == true)
        #expect(c.sources[Int(s)].euWorkspace == false)
        #expect(c.sources[Int(s)].cloud == true)
        #expect(c.warehouse(named: "bigquery").map { c.warehouses[Int($0)].name } == "BigQuery")
        #expect(c.destination(named: "BigQuery") == nil)
        #expect(c.destination(named: "Not An Integration") == nil)
        #expect(c.destination(named: "") == nil)
    }

    @Test func inCodeCatalogIndexesNamesAndSlugs() {
        let c = Catalog(
            version: "t", destinations: [.init(name: "Acme", slugs: ["acme-actions"], euEndpoint: true), .init(name: "acme")],
            sources: [.init(name: "Web")])
        // The first row to claim a name keeps it, also for the normalised spelling.
        #expect(c.destination(named: "Acme") == 0)
        #expect(c.destination(named: "acme") == 1)
        #expect(c.destination(named: "ACME") == 0)
        #expect(c.destination(named: "acme-actions") == 0)
        #expect(c.source(named: "web") == 0)
        #expect(c.warehouse(named: "web") == nil)
        #expect(c.destinationNames == ["Acme", "acme"])
        #expect(Catalog().version == "empty")
    }

    // MARK: Users' own catalog files

    static let override = #"""
        {
          "catalogVersion": "2026-12-01-acme",
          "destinations": [
            {"name": "iterable (actions)", "slugs": ["actions-iterable"], "vendor": "Iterable", "usWorkspace": true, "euWorkspace": true, "euEndpoint": true},
            {"name": "Acme Analytics", "slugs": ["acme-analytics"], "vendor": "Acme", "usWorkspace": true, "euWorkspace": true, "euEndpoint": false}
          ],
          "warehouses": [
            {"name": "SEGMENT DATA LAKES", "slugs": [], "usWorkspace": true, "euWorkspace": true, "euEndpoint": true, "requiresCidr": false}
          ],
          "sources": [
            {"name": "Looker", "slugs": ["looker"], "usWorkspace": true, "euWorkspace": true, "cloud": true},
            {"name": "Acme Events", "slugs": [], "usWorkspace": true, "euWorkspace": true, "cloud": false}
          ]
        }
        """#

    static func bundledFile() -> SourceFile {
        SourceFile(
            path: InventoryFixture.bundledCatalogPath, text: InventoryFixture.text("policies/catalog/segment-regional.json"))
    }

    @Test func overrideReplacesSameNamedRowsAndAddsNewOnes() throws {
        let mine = SourceFile(path: "mine.json", text: Self.override)
        let loaded = CatalogLoader.load(files: [Self.bundledFile(), mine])
        #expect(loaded.diagnostics.isEmpty)
        let c = loaded.catalog
        #expect(c.destinations.count == 471)
        #expect(c.warehouses.count == 9)
        #expect(c.sources.count == 111)

        // Replaced in place (same position), whole row, with the override's spelling.
        let bundledIndex = try #require(Self.catalog.destination(named: "Iterable (Actions)"))
        let iterable = c.destinations[Int(bundledIndex)]
        #expect(iterable.name == "iterable (actions)")
        #expect(iterable.euEndpoint == true)
        #expect(c.destination(named: "Iterable (Actions)") == bundledIndex)
        #expect(c.destination(named: "actions-iterable") == bundledIndex)
        #expect(c.destinations.filter { Catalog.key($0.name) == "iterable (actions)" }.count == 1)

        // Added at the end.
        #expect(c.destinations.last?.name == "Acme Analytics")
        #expect(c.destination(named: "acme-analytics") == Int32(c.destinations.count - 1))
        #expect(c.sources.last?.name == "Acme Events")

        let lakes = try #require(c.warehouse(named: "Segment Data Lakes"))
        #expect(c.warehouses[Int(lakes)].euEndpoint == true)
        let looker = try #require(c.source(named: "looker"))
        #expect(c.sources[Int(looker)].euWorkspace == true)

        // Rows not mentioned stay.
        #expect(c.destination(named: "Slack") != nil)

        // Versions joined, every file's digest recorded.
        #expect(c.version == "2026-11-29 + 2026-12-01-acme")
        #expect(loaded.files.map(\.version) == ["2026-11-29", "2026-12-01-acme"])
        #expect(loaded.files.map(\.path) == [InventoryFixture.bundledCatalogPath, "mine.json"])
        #expect(loaded.files.map(\.sha256) == [SHA256.hex(Self.bundledFile().bytes), SHA256.hex(mine.bytes)])
        // `Catalog.sha256` is the first file's digest only; reports cite `files` for the others.
        #expect(c.sha256 == SHA256.hex(Self.bundledFile().bytes))
    }

    @Test func overrideChangesWhatTheInventorySees() throws {
        let catalog = CatalogLoader.load(files: [Self.bundledFile(), SourceFile(path: "mine.json", text: Self.override)]).catalog
        let text = InventoryFixture.bundle(
            #"""
            "sources": [{"id": "s", "metadata": {"name": "Looker"}}],
            "destinations": [
              {"id": "d1", "sourceId": "s", "metadata": {"name": "Acme Analytics"}},
              {"id": "d2", "sourceId": "s", "metadata": {"slug": "actions-iterable"}, "settings": {"dataCenterLocation": "mars"}}
            ]
            """#)
        let before = InventoryFixture.load(text)
        #expect(before.codes == ["W0601"])
        let after = InventoryFixture.load(text, catalog: catalog)
        #expect(after.diagnostics.isEmpty)
        let model = try #require(after.only)
        #expect(model.destinations[0].vendor == "Acme")
        #expect(
            model.destinations[0].endpoint == Endpoint(region: "us", evidence: "catalog: Acme Analytics offers no EU endpoint"))
        // With an EU endpoint in the user's catalog, an unreadable setting no longer falls back to the US.
        #expect(model.destinations[1].endpoint.region == nil)
        #expect(try #require(before.only).destinations[1].endpoint.region == "us")
    }

    @Test func overrideFileMayBeYAMLAndGivenByPath() throws {
        let root = try InventoryFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try InventoryFixture.write(
            """
            catalogVersion: mine-1
            destinations:
              - {name: Slack, slugs: [slack], vendor: Slack, usWorkspace: true, euWorkspace: false, euEndpoint: false}
            """, to: root + "/mine.yaml")
        let loaded = CatalogLoader.load(paths: [InventoryFixture.bundledCatalogPath, root + "/mine.yaml"])
        #expect(loaded.diagnostics.isEmpty)
        #expect(loaded.catalog.version == "2026-11-29 + mine-1")
        let slack = try #require(loaded.catalog.destination(named: "slack"))
        #expect(loaded.catalog.destinations[Int(slack)].euWorkspace == false)
        #expect(loaded.catalog.destinations.count == 470)
        #expect(loaded.files.count == 2)
    }

    @Test func unversionedFileAndNoFiles() {
        let loaded = CatalogLoader.load(files: [SourceFile(path: "c.json", text: #"{"destinations": []}"#)])
        #expect(loaded.catalog.version == "unversioned")
        #expect(loaded.diagnostics.isEmpty)
        let none = CatalogLoader.load(files: [])
        #expect(none.catalog.version == "empty")
        #expect(none.catalog.sha256 == nil)
        #expect(none.files.isEmpty)
    }

    // MARK: Broken catalog files

    struct Broken: Sendable, CustomTestStringConvertible {
        var name: String
        var path: String = "my-catalog.json"
        var input: String
        var code: String
        var message: String
        var testDescription: String { name }
    }

    static let broken: [Broken] = [
        Broken(
            name: "a syntax error on line 3",
            input: "{\n  \"catalogVersion\": \"x\",\n  \"destinations\": [1️⃣,]\n}", code: "E0601",
            message: "invalid JSON: expected a JSON value, found `,`"),
        Broken(
            name: "a boolean written as a string",
            input: "{\n  \"destinations\": [\n    {\"name\": \"Acme\", \"euEndpoint\": 1️⃣\"yes\"}\n  ]\n}", code: "E0602",
            message: "`catalog.destinations[0].euEndpoint` must be true or false, found a string"),
        Broken(
            name: "a row without a name",
            input: "{\n  \"sources\": [\n    {\"name\": \"A\"},\n    1️⃣{\"cloud\": true}\n  ]\n}", code: "E0603",
            message: "a catalog row has no `name`"),
        Broken(
            name: "a table that is not a list", input: "{\n  \"warehouses\": 1️⃣{}\n}", code: "E0602",
            message: "`catalog.warehouses` must be a list, found an object"),
        Broken(
            name: "a row that is not an object", input: "{\"destinations\": [{\"name\": \"A\"}, 1️⃣\"B\"]}", code: "E0602",
            message: "`catalog.destinations[1]` must be an object, found a string"),
        Broken(name: "a list at the top", input: "1️⃣[]", code: "E0602", message: "`catalog` must be an object, found an array"),
        Broken(
            name: "slugs that are not strings", input: "{\"destinations\": [{\"name\": \"A\", \"slugs\": [1️⃣1]}]}", code: "E0602",
            message: "`catalog.destinations[0].slugs[0]` must be a string, found a number"),
        Broken(
            name: "a YAML catalog with a bad indent", path: "my-catalog.yaml",
            input: "destinations:\n  - name: A\n 1️⃣- name: B\n", code: "E0610", message: "invalid YAML"),
    ]

    @Test(arguments: broken)
    func brokenCatalogFileIsReportedAtItsLine(_ c: Broken) throws {
        let marked = InventoryMarked(c.input)
        let loaded = CatalogLoader.load(files: [Self.bundledFile(), SourceFile(path: c.path, text: marked.text)])
        #expect(
            loaded.diagnostics.map(\.code) == [c.code],
            "\(loaded.diagnostics.map { "\($0.code)@\($0.lineColumn) \($0.message)" })")
        let d = try #require(loaded.diagnostics.first)
        #expect(d.range?.file == c.path)
        #expect(d.lineColumn == marked.at())
        #expect(d.message.contains(c.message), "\(d.message)")
        // The bundled catalog is still there.
        #expect(loaded.catalog.destinations.count >= 470)
    }

    @Test func unreadableCatalogFile() {
        let path = NSTemporaryDirectory() + "no-such-catalog-" + UUID().uuidString + ".json"
        let loaded = CatalogLoader.load(paths: [path, InventoryFixture.bundledCatalogPath])
        #expect(loaded.diagnostics.map(\.code) == ["E0701"])
        #expect(loaded.diagnostics.first?.message == "cannot read catalog \(path)")
        #expect(loaded.diagnostics.first?.range == nil)
        #expect(loaded.diagnostics.first?.help == "pass --catalog FILE, or keep the bundled catalog in <policies>/catalog/")
        #expect(loaded.catalog.destinations.count == 470)
    }

    @Test func validRowsOfABrokenFileAreStillMerged() {
        let text =
            #"{"catalogVersion": "v", "destinations": [{"name": "Acme"}, {"euEndpoint": true}, {"name": "Bcme", "vendor": 3}]}"#
        let loaded = CatalogLoader.load(files: [SourceFile(path: "c.json", text: text)])
        #expect(loaded.diagnostics.map(\.code) == ["E0603", "E0602"])
        #expect(loaded.catalog.destinations.map(\.name) == ["Acme", "Bcme"])
        #expect(loaded.catalog.destinations.map(\.vendor) == [nil, nil])
    }
}

/// The organisation's facts file.
@Suite struct InventoryFactsTests {
    @Test func exampleFactsFile() {
        let (facts, file, diagnostics) = FactsLoader.load(path: InventoryFixture.repoPath("examples/facts.yaml"))
        #expect(diagnostics.isEmpty)
        #expect(file?.path == InventoryFixture.repoPath("examples/facts.yaml"))
        #expect(facts.dpfCertified == ["Mixpanel", "Google", "Amplitude", "Braze", "Intercom", "HubSpot", "Slack"])
        #expect(facts.sccVendors == ["Customer.io"])
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

    @Test(arguments: [("f.json", "{}"), ("f.yaml", "# nothing known yet\n{}\n"), ("f.json", #"{"dpfCertified": null}"#)])
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
            name: "a misspelt key in JSON", path: "f.json", input: #"{"dpfCertified": [], 1️⃣"sccVendor": ["X"]}"#, code: "W0701",
            message: "unknown fact `sccVendor`; it is ignored", help: .exactly("did you mean `sccVendors`?")),
        Case(
            name: "an unrelated key in YAML", path: "f.yaml", input: "dpfCertified: [Google]\n1️⃣owner: legal@acme.example\n",
            code: "W0701", message: "unknown fact `owner`; it is ignored", help: .exactly(nil)),
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
            code: "W0602", message: "duplicate key `dpfCertified`; the first one is used"),
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

    @Test func unknownKeyIsIgnoredAndTheRestRead() {
        let (facts, diagnostics) = FactsLoader.load(
            SourceFile(path: "f.json", text: #"{"dpfCertifed": ["X"], "sccVendors": ["Y"]}"#))
        #expect(diagnostics.map(\.code) == ["W0701"])
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.help == "did you mean `dpfCertified`?")
        #expect(facts == Facts(sccVendors: ["Y"]))
    }

    @Test func unreadableFactsFile() {
        let path = NSTemporaryDirectory() + "no-such-facts-" + UUID().uuidString + ".yaml"
        let (facts, file, diagnostics) = FactsLoader.load(path: path)
        #expect(file == nil)
        #expect(facts == Facts())
        #expect(diagnostics.map(\.code) == ["E0702"])
        #expect(diagnostics.first?.message == "cannot read facts file \(path)")
    }
}
