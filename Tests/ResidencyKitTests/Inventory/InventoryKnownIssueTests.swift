import Foundation
import Testing

@testable import ResidencyKit

/// Behaviour that is wrong or questionable today. Each test states what should happen and is
/// wrapped in `withKnownIssue`, so it passes while the bug is there and fails (known issue not
/// recorded) once it is fixed: then drop the wrapper.
@Suite struct InventoryKnownIssueTests {
    /// W0603 must say that resources are missing only when they are: when the last page given
    /// still has `next`, not when the user gave every page (each page but the last has `next`).
    @Test func completeListOfPagesDoesNotWarnAboutMorePages() throws {
        let text = InventoryFixture.bundle(#"""
            "sources": [
              {"data": {"sources": [{"id": "s1"}]}, "pagination": {"current": "MA==", "next": "MQ==", "totalEntries": 2}},
              {"data": {"sources": [{"id": "s2"}]}, "pagination": {"current": "MQ==", "next": null, "totalEntries": 2}}
            ]
            """#)
        let loaded = InventoryFixture.load(text)
        #expect(try #require(loaded.only).sources.map(\.id) == ["s1", "s2"])
        withKnownIssue("bug: W0603 fires for every page with `next`, even when the next page is given") {
            #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))")
        }
    }

    /// Paths in messages must name the bundle's real index in `workspaces`.
    @Test func pathsNameTheRealIndexInTheWorkspacesList() {
        let loaded = InventoryFixture.load(#"{"workspaces": [42, {"workspace": {"id": "a", "slug": "b"}, "sources": 7}]}"#)
        #expect(loaded.codes == ["E0609", "E0602"])
        withKnownIssue("bug: the index counts only the object entries (`workspaces[0]` for the entry at index 1)") {
            #expect(loaded.diagnostics.last?.message == "`workspaces[1].sources` must be a list or an API response page, found a number")
        }
    }

    /// W0602 (docs/diagnostics.md: "a duplicate key in a JSON object") in every object the
    /// loader reads, not only in the ones it reads through `NodeReader.object`.
    @Test(arguments: [
        #""sources": [{"id": "s1"}], "sdkConfigs": [{"sourceId": "s1", "library": "analytics-swift", "apiHost": "events.eu1.segmentapis.com/v1", 1️⃣"apiHost": "api.segment.io/v1"}]"#,
        #""warehouses": [{"id": "w"}], "warehouseAccess": [{"warehouseId": "w", "allowlistedCidrs": ["10.0.0.0/8"], 1️⃣"allowlistedCidrs": []}]"#,
        #""sources": [{"id": "s1", "labels": [{"key": "a", "value": "b", 1️⃣"value": "c"}]}]"#,
        #""sources": {"data": {"sources": []}, "pagination": {"next": null}, 1️⃣"pagination": {"next": "Mw=="}}"#,
    ])
    func duplicateKeysAreReportedEverywhere(members: String) {
        let marked = InventoryMarked(InventoryFixture.bundle(members))
        let loaded = InventoryFixture.load(marked.text)
        withKnownIssue("bug: duplicate keys in sdkConfigs, warehouseAccess, labels and page envelopes are silently resolved") {
            #expect(loaded.codes == ["W0602"])
            #expect(loaded.diagnostics.first?.lineColumn == marked.at())
        }
    }

    /// A workspace of the wrong type is one mistake: one E0602, not also "has no `workspace`".
    @Test func wrongTypeWorkspaceIsOneDiagnostic() {
        let loaded = InventoryFixture.load(#"{"workspace": "ws-1"}"#)
        #expect(loaded.codes.first == "E0602")
        withKnownIssue("bug: also reports E0603 \"the bundle has no `workspace`\", which is false") {
            #expect(loaded.codes == ["E0602"])
        }
    }

    /// E0603's help must read as English.
    @Test func missingFieldHelpIsGrammatical() throws {
        let loaded = InventoryFixture.load(InventoryFixture.bundle(#""sources": [{"slug": "x"}]"#))
        let d = try #require(loaded.diagnostics.first)
        #expect(d.code == "E0603")
        withKnownIssue("bug: help says \"every a source in a Segment export has `id`\"") {
            #expect(d.help == "every source in a Segment export has `id`")
        }
    }

    /// `"exportVersion": "1"` is a type error, not "version 1 is not supported; this reads version 1".
    @Test func exportVersionAsAStringIsATypeError() throws {
        let loaded = InventoryFixture.load(#"{"exportVersion": "1", "workspace": {"id": "a", "slug": "b"}}"#)
        let d = try #require(loaded.diagnostics.first)
        #expect(d.code == "E0608")
        #expect(d.message == "export version 1 is not supported; this residency reads version 1")
        withKnownIssue("bug: self-contradictory message; expected E0602 `exportVersion` must be a number, found a string") {
            #expect(d.code == "E0602")
        }
    }

    /// YAML duplicate keys (an error, E0610) are reported at the repeat, as JSON's W0602 is.
    @Test func yamlDuplicateKeyPointsAtTheRepeat() throws {
        let marked = InventoryMarked("workspace: {id: a, slug: b}\nsources:\n  - id: s1\n    slug: x\n    1️⃣slug: y\n")
        let loaded = InventoryFixture.load(marked.text, path: "d.yaml")
        let d = try #require(loaded.diagnostics.first)
        #expect(d.code == "E0610")
        #expect(d.message == "invalid YAML: duplicate key `slug`")
        withKnownIssue("bug: points at the first `slug` (4:5), not the repeat (5:5)") {
            #expect(d.lineColumn == marked.at())
        }
    }

    /// The resolver's own contract ("an integration with no EU endpoint sends to the US
    /// whatever its settings say") and docs/catalog.md ("the catalog never claims EU support
    /// that the page denies"): a setting must not make such an integration EU.
    @Test(arguments: [
        ("Iterable (Actions)", "actions-iterable", "dataCenterLocation", "europe"),
        ("Intercom", "intercom", "apiBase", "https://api-iam.eu.intercom.io"),
    ])
    func catalogWithoutEUEndpointWinsOverSettings(name: String, slug: String, key: String, value: String) throws {
        let catalog = InventoryFixture.catalog
        let entry = catalog.destinations[Int(try #require(catalog.destination(named: name)))]
        #expect(entry.euEndpoint == false)
        let endpoint = EndpointRules.resolve(slug: slug, name: name, settings: [key: .string(value)], catalogEntry: entry)
        withKnownIssue("questionable: settings win over the catalog's \"no EU endpoint\", contrary to EndpointRules.resolve's doc comment") {
            #expect(endpoint.region == "us")
        }
    }

    /// GCP's asia-southeast1 (Singapore) and asia-southeast2 (Jakarta) are not India;
    /// northamerica-south1 (Querétaro) is not Canada.
    @Test(arguments: ["asia-southeast1", "asia-southeast2", "northamerica-south1"])
    func gcpLocationsAreNotMisread(location: String) {
        let (_, r) = WarehouseRules.resolve(["location": .string(location)])
        withKnownIssue("bug: prefix `asia-south` matches asia-southeast*, `northamerica-` is taken as Canada") {
            #expect(r.region == nil)
        }
    }

    /// The design note: "analytics-swift / analytics-kotlin / Flutter / C#: `apiHost`".
    @Test func csharpApiHostIsRead() {
        let r = SDKRules.resolve(SDKConfig(library: "analytics-csharp", apiHost: "events.eu1.segmentapis.com/v1"), workspaceRegion: "eu-west")
        withKnownIssue("questionable: analytics-csharp reads only `host` (the catalog page's key); a declared `apiHost` is silently ignored and the US default assumed") {
            #expect(r.region == "eu")
        }
    }

    /// Evidence must name the setting it was read from.
    @Test func httpAPIEvidenceNamesTheHostSetting() {
        let r = SDKRules.resolve(SDKConfig(library: "http-api", host: "https://events.eu1.segmentapis.com"), workspaceRegion: nil)
        #expect(r.region == "eu")
        withKnownIssue("bug: evidence says `sdk.endpoint = …` for a value given as `host`") {
            #expect(r.evidence == #"sdk.host = "https://events.eu1.segmentapis.com""#)
        }
    }

    /// E0609's help points at docs/inventory.md, which must exist.
    @Test func helpPointsAtAnExistingDocument() {
        withKnownIssue("bug: docs/inventory.md does not exist (E0609 and E0802 point at it)") {
            #expect(FileManager.default.fileExists(atPath: InventoryFixture.repoPath("docs/inventory.md")))
        }
    }

    /// W0701 in YAML: the range covers the key, not two characters more (the JSON quotes).
    @Test func yamlKeyRangeEndsAtTheKey() throws {
        let marked = InventoryMarked("dpfCertified: [A]\n1️⃣owner2️⃣: legal\n")
        let (_, diagnostics) = FactsLoader.load(SourceFile(path: "f.yaml", text: marked.text))
        let d = try #require(diagnostics.first)
        #expect(d.lineColumn == marked.at("1️⃣"))
        withKnownIssue("bug: `NodeReader.keyRange` adds 2 for quotes that YAML keys do not have") {
            #expect(d.range.map { "\($0.end.line):\($0.end.column)" } == marked.at("2️⃣"))
        }
    }

    /// W0601 for an integration the catalog does not list, also when the export names it by
    /// slug only: today such a destination silently gets no catalog entry.
    @Test func unknownSlugWithoutANameWarns() throws {
        let marked = InventoryMarked(InventoryFixture.bundle(
            #""sources": [{"id": "s"}], "destinations": [{"id": "d", "sourceId": "s", "metadata": {"slug": 1️⃣"actions-mixpanl"}}]"#))
        let loaded = InventoryFixture.load(marked.text)
        #expect(try #require(loaded.only).destinations[0].vendor == nil)
        withKnownIssue("questionable: only `metadata.name` is checked against the catalog") {
            #expect(loaded.codes == ["W0601"])
            #expect(loaded.diagnostics.first?.lineColumn == marked.at())
        }
    }
}
