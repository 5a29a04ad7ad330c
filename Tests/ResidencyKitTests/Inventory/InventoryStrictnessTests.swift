import Foundation
import Testing

@testable import ResidencyKit

/// Issue 11, "Fail closed": every input residency defines is read strictly, one row per case
/// the issue reproduced. Before the fix each of these loaded without an error, so the gate
/// could pass on an inventory that said something else. 1️⃣ marks where the diagnostic must
/// point, 2️⃣ where its note must.
@Suite struct InventoryStrictnessTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var path: String = "inv.json"
        var input: String
        var code: String
        var message: String
        var help: InventoryHelp = .unchecked
        var note: String? = nil
        /// Every code the input gives, in order (nil: only `code`).
        var codes: [String]? = nil
        var testDescription: String { "\(code): \(name)" }
    }

    static func b(_ members: String) -> String { InventoryFixture.bundle(members) }
    static let src = #""sources": [{"id": "s1"}]"#

    static let inventories: [Case] = [
        // A misspelt list key drops the list.
        Case(
            name: "a capitalised list key", input: b(#"1️⃣"Destinations": []"#), code: "E0617",
            message: "unknown key `Destinations` in the bundle", help: .exactly("did you mean `destinations`?")),
        Case(
            name: "a singular list key", input: b(#"1️⃣"destination": [{"id": "d", "sourceId": "s1"}]"#), code: "E0617",
            message: "unknown key `destination` in the bundle", help: .exactly("did you mean `destinations`?")),
        Case(
            name: "an unknown key with nothing close", input: b(#"1️⃣"zzqx": 1"#), code: "E0617",
            message: "unknown key `zzqx` in the bundle", help: .exactly("see docs/inventory.md for the keys a bundle has")),
        // A list nested under the wrong key.
        Case(
            name: "a list inside the workspace object",
            input: InventoryFixture.bundle(workspace: #"{"id": "ws1", "slug": "one", 1️⃣"destinations": []}"#),
            code: "E0621", message: "`destinations` inside `workspace` is not read: it belongs at the bundle's top level"),
        Case(
            name: "another list inside a page", input: b(#""sources": {"data": {"sources": [], 1️⃣"destinations": []}}"#),
            code: "E0621", message: "`destinations` inside a page of `sources` is not read", codes: ["W0609", "E0621"]),
        Case(
            name: "another list beside a page's data",
            input: b(#""sources": [{"data": {"sources": []}, 1️⃣"warehouses": []}]"#), code: "E0621",
            message: "`warehouses` inside a page of `sources` is not read", codes: ["W0609", "E0621"]),
        // null where a list belongs.
        Case(
            name: "null destinations", input: b(#""destinations": 1️⃣null"#), code: "E0618",
            message: "`destinations` is null where a list belongs",
            help: .exactly("write `[]` for none, or leave the key out when it is not known")),
        Case(
            name: "a null list inside a page", input: b(#""sources": {"data": {"sources": 1️⃣null}}"#), code: "E0618",
            message: "`sources.data.sources` is null where a list belongs"),
        Case(name: "null dataSubjects", input: b(#""dataSubjects": 1️⃣null"#), code: "E0618", message: "`dataSubjects` is null"),
        Case(
            name: "a null allow-list",
            input: b(#""warehouses": [{"id": "w"}], "warehouseAccess": [{"warehouseId": "w", "allowlistedCidrs": 1️⃣null}]"#),
            code: "E0618", message: "`warehouseAccess[0].allowlistedCidrs` is null"),
        Case(
            name: "a null workspaces list", input: #"{"workspaces": 1️⃣null}"#, code: "E0618",
            message: "`workspaces` is null where a list belongs"),
        // Both shapes in one file.
        Case(
            name: "bundle keys beside workspaces",
            input: #"{"workspaces": [{"workspace": {"id": "a", "slug": "a"}, "sources": [], "destinations": [], "warehouses": []}], 1️⃣"sources": [{"id": "s"}]}"#, code: "E0619",
            message: "`sources` beside `workspaces`: a file holds one bundle or `{\"workspaces\": [bundle, …]}`, not both"),
        Case(
            name: "a workspace beside workspaces",
            input: #"{"workspaces": [{"workspace": {"id": "a", "slug": "a"}, "sources": [], "destinations": [], "warehouses": []}], 1️⃣"workspace": {"id": "b", "slug": "b"}}"#,
            code: "E0619", message: "`workspace` beside `workspaces`"),
        Case(
            name: "an unknown key beside workspaces",
            input: #"{"workspaces": [{"workspace": {"id": "a", "slug": "a"}, "sources": [], "destinations": [], "warehouses": []}], 1️⃣"workspacess": []}"#, code: "E0617",
            message: "unknown key `workspacess` in a `workspaces` file", help: .exactly("did you mean `workspaces`?")),
        Case(
            name: "a capitalised workspace key", input: #"1️⃣{"Workspace": {"id": "a", "slug": "b"}, "sources": []}"#,
            code: "E0609", message: "found an object without `workspace`", help: .exactly("did you mean `workspace`?")),
        // Entries we define.
        Case(
            name: "a misspelt SDK setting", input: b(src + #", "sdkConfigs": [{"sourceId": "s1", 1️⃣"apiHots": "x"}]"#),
            code: "E0617", message: "unknown key `apiHots` in an sdkConfigs entry", help: .exactly("did you mean `apiHost`?")),
        Case(
            name: "a misspelt allow-list",
            input: b(#""warehouses": [{"id": "w"}], "warehouseAccess": [{"warehouseId": "w", 1️⃣"allowlistedCidr": []}]"#),
            code: "E0617", message: "unknown key `allowlistedCidr` in a warehouseAccess entry",
            help: .exactly("did you mean `allowlistedCidrs`?")),
        // Duplicate keys: an error at the repeat, noting the first.
        Case(
            name: "the issue's duplicate accountRegion",
            input: b(
                src
                    + #", "destinations": [{"id": "d", "sourceId": "s1", "settings": {2️⃣"accountRegion": "EU 🇪🇺", 1️⃣"accountRegion": "US 🇺🇸"}}]"#
            ),
            code: "E0616", message: "duplicate key `accountRegion`: JSON readers disagree on which one counts", note: "2️⃣"),
        Case(
            name: "a duplicate key deep inside settings",
            input: b(src + #", "destinations": [{"id": "d", "sourceId": "s1", "settings": {"m": {2️⃣"a": 1, 1️⃣"a": 2}}}]"#),
            code: "E0616", message: "duplicate key `a`", note: "2️⃣"),
        Case(
            name: "duplicate lists", input: b(#"2️⃣"destinations": [], 1️⃣"destinations": [{"id": "d", "sourceId": "x"}]"#),
            code: "E0616", message: "duplicate key `destinations`", note: "2️⃣"),
        // Places: one table.
        Case(
            name: "an unknown country, close to a name", input: b(#""dataSubjects": ["EU", 1️⃣"Swizerland"]"#), code: "E0620",
            message:
                "unknown place \"Swizerland\" in `dataSubjects[1]`: expected an ISO 3166-1 country code or name, or EU or EEA",
            help: .exactly("did you mean \"Switzerland\"?")),
        Case(
            name: "an unknown alpha-3 code", input: b(#""dataSubjects": [1️⃣"CHX"]"#), code: "E0620",
            message: "unknown place \"CHX\"", help: .exactly("did you mean \"CHE\"?")),
        Case(
            name: "a place that is not a string", input: b(#""dataSubjects": [1️⃣41]"#), code: "E0602",
            message: "`dataSubjects[0]` must be a string, found a number"),
        Case(
            name: "an unknown place in YAML", path: "inv.yaml",
            input: "workspace: {id: w, slug: s}\nsources: []\ndestinations: []\nwarehouses: []\ndataSubjects: [EU, 1️⃣Atlantis]\n", code: "E0620",
            message: "unknown place \"Atlantis\""),
    ]

    /// YAML refused duplicate keys already (E0610) but pointed at the first occurrence.
    static let yamlDuplicates: [Case] = [
        Case(
            name: "a top-level key", path: "d.yaml",
            input: "workspace: {id: a, slug: b}\ndestinations: []\nwarehouses: []\n2️⃣dataSubjects: [EU]\nsources: []\n1️⃣dataSubjects: [US]\n", code: "E0610",
            message: "invalid YAML: duplicate key `dataSubjects`", note: "2️⃣"),
        Case(
            name: "a key in a list item, after a comment", path: "d.yaml",
            input: "workspace: {id: a, slug: b}\ndestinations: []\nwarehouses: []\nsources:\n  - id: s1\n    2️⃣slug: x\n    # again\n    1️⃣slug: y\n  - id: s2\n",
            code: "E0610", message: "invalid YAML: duplicate key `slug`", note: "2️⃣"),
        Case(
            name: "a key in a flow mapping", path: "d.yaml",
            input: "workspace: {id: a, slug: b}\ndestinations: []\nwarehouses: []\nsources: [{2️⃣id: s1, name: {x: 1, id: 3}, 1️⃣id: s2}]\n", code: "E0610",
            message: "invalid YAML: duplicate key `id`", note: "2️⃣"),
        Case(
            name: "a quoted repeat", path: "d.yaml",
            input: "workspace: {id: a, slug: b}\nsources: []\ndestinations: []\nwarehouses: []\n2️⃣region: eu-west\n1️⃣\"region\": us-west\n", code: "E0610",
            message: "invalid YAML: duplicate key `region`", note: "2️⃣"),
    ]

    @Test(arguments: inventories + yamlDuplicates)
    func inventory(_ c: Case) throws {
        let marked = InventoryMarked(c.input)
        let loaded = InventoryFixture.load(marked.text, path: c.path)
        let all = loaded.diagnostics.map { "\($0.code)@\($0.lineColumn) \($0.message)" }
        #expect(loaded.codes == (c.codes ?? [c.code]), "\(all)")
        let d = try #require(
            loaded.diagnostics.first { $0.code == c.code && $0.lineColumn == marked.at() },
            "want \(c.code) at \(marked.at()), got \(all)")
        #expect(d.severity == .error)
        #expect(d.range?.file == c.path)
        #expect(d.message.contains(c.message), "\(d.message)")
        if case .exactly(let help) = c.help { #expect(d.help == help) }
        if let note = c.note {
            #expect(d.notes.first.flatMap(\.range).map { "\($0.start.line):\($0.start.column)" } == marked.at(note))
            #expect(d.notes.first?.message == "first here")
        }
    }

    /// Every other file residency defines reads its root through `NodeReader.object`, which
    /// reports the whole file's duplicate keys once: a catalog file, an export's workspaces
    /// file, a policy test file. (Before, only the objects a reader happened to read, and as
    /// a warning.)
    @Test(arguments: [
        ("catalog", #"{"formatVersion": 2, 2️⃣"title": "a", 1️⃣"title": "b"}"#),
        ("workspaces file", #"{"workspaces": [{"region": "eu", 2️⃣"tokenEnv": "A", 1️⃣"tokenEnv": "B"}]}"#),
        ("test file", #"{"tests": [{"name": "t", "inventory": {"workspace": {"id": "a", 2️⃣"slug": "a", 1️⃣"slug": "b"}, "sources": [], "destinations": [], "warehouses": []}}]}"#),
    ])
    func duplicateKeysInEveryFileWeDefine(kind: String, text: String) throws {
        let marked = InventoryMarked(text)
        let file = SourceFile(path: "f.json", text: marked.text)
        let diagnostics: [Diagnostic]
        switch kind {
        case "catalog": diagnostics = CatalogLoader.load(files: [file]).diagnostics
        case "workspaces file": diagnostics = ExportPlan.load(file).1
        default:
            let bundle = try #require(Audit.checkPolicies(paths: [InventoryFixture.repoPath("policies")]).bundle)
            let day = Day(iso: "2026-11-28")!
            diagnostics =
                PolicyTestLoader.load(file, bundle: bundle, catalog: InventoryFixture.catalog, defaultDate: day).diagnostics
        }
        let duplicates = diagnostics.filter { $0.code == "E0616" }
        #expect(duplicates.count == 1, "\(diagnostics.map { "\($0.code)@\($0.lineColumn) \($0.message)" })")
        #expect(duplicates.first?.lineColumn == marked.at())
        #expect(duplicates.first?.notes.first?.range.map { "\($0.start.line):\($0.start.column)" } == marked.at("2️⃣"))
    }

    // MARK: Places are canonical codes

    /// RES-002's `"CH" in d.workspace.dataSubjects` could be dodged by any other spelling.
    @Test(arguments: [
        "\"ch\"", "\" CH\"", "\"CHE\"", "\"Switzerland\"", "\"switzerland \"", "\"Swiss Confederation\"", "\"CH\\r\\n\"",
    ])
    func everySpellingOfSwitzerlandIsCH(spelling: String) throws {
        let loaded = InventoryFixture.load(Self.b(#""dataSubjects": ["EU", \#(spelling)]"#))
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))")
        #expect(try #require(loaded.only).workspace.dataSubjects == ["EU", "CH"])
    }

    @Test(arguments: [
        ("eu", "EU"), ("European Union", "EU"), ("eea", "EEA"), ("European Economic Area", "EEA"), ("DEU", "DE"),
        ("Germany", "DE"), ("UK", "GB"), ("United Kingdom", "GB"), ("gbr", "GB"), ("EL", "GR"), ("South Korea", "KR"),
        ("Korea, Republic of", "KR"), ("United  States", "US"), ("NO", "NO"),
    ])
    func placesReadThroughOneTable(written: String, code: String) {
        #expect(Countries.canonical(written) == code)
    }

    /// The same place written twice is kept once, so reports and policies see one code.
    @Test func aPlaceIsKeptOnce() throws {
        let loaded = InventoryFixture.load(Self.b(#""dataSubjects": ["CH", "Switzerland", "EU", "ch"]"#))
        #expect(try #require(loaded.only).workspace.dataSubjects == ["CH", "EU"])
    }

    /// No spelling of the table names two places, and every code is its own canonical form.
    @Test func theTableIsUnambiguous() {
        var seen: [String: String] = [:]
        for c in Countries.table {
            for spelling in [c.alpha2, c.alpha3] + c.names {
                let key = Countries.key(spelling)
                #expect(seen[key] == nil || seen[key] == c.alpha2, "\(spelling): \(seen[key] ?? "") and \(c.alpha2)")
                seen[key] = c.alpha2
            }
        }
        #expect(Countries.table.count == 249)
        for code in Countries.codes { #expect(Countries.canonical(code) == code) }
    }

    /// A plan's `residency_data_subjects` output goes through the same table.
    @Test func planDataSubjectsAreCanonical() throws {
        let marked = InventoryMarked(
            PlanFixture.plan(
                [], extra: #""planned_values": {"outputs": {"residency_data_subjects": {"value": ["eu", "CHE", 1️⃣"Narnia"]}}}"#))
        let loaded = PlanFixture.load(marked.text)
        let d = try #require(loaded.diagnostics.first { $0.code == "E0620" }, "\(loaded.diagnostics.map(\.message))")
        #expect(d.lineColumn == marked.at())
        #expect(d.message.contains("`outputs.residency_data_subjects.value[2]`"))
        #expect(loaded.only?.workspace.dataSubjects == ["EU", "CH"])
    }

    // MARK: Terraform `settings` strings

    /// `{"accountRegion":"EU 🇪🇺","accountRegion":"US 🇺🇸"}` in a plan's settings passed with no
    /// warning; the provider keeps the last. An error at the repeat inside the string.
    @Test func duplicateKeysInsideAPlansSettingsString() throws {
        let settings = #"{2️⃣"accountRegion":"EU 🇪🇺",1️⃣"accountRegion":"US 🇺🇸"}"#
        let marked = InventoryMarked(
            PlanFixture.plan([
                PlanFixture.change(
                    "segment_destination.cio",
                    after: PlanFixture.destination(settings: settings, metadata: #""id": "615c7438d93d9b61b1e9e192""#))
            ]))
        let loaded = PlanFixture.load(marked.text)
        let d = try #require(loaded.diagnostics.first { $0.code == "E0616" }, "\(loaded.diagnostics.map(\.message))")
        #expect(d.severity == .error)
        #expect(
            d.message
                == "duplicate key `accountRegion` in the `settings` of segment_destination.cio: JSON readers disagree on which one counts"
        )
        #expect(d.lineColumn == marked.at())
        #expect(d.notes.first.flatMap(\.range).map { "\($0.start.line):\($0.start.column)" } == marked.at("2️⃣"))
    }

    // MARK: Waivers

    struct WaiverCase: Sendable, CustomTestStringConvertible {
        var name: String
        var path = "w.yaml"
        var input: String
        var code: String
        var message: String
        var help: InventoryHelp = .unchecked
        var testDescription: String { "\(code): \(name)" }
    }

    static let waiverTail = "    reason: r\n    approvedBy: a@b.example\n    expires: 2026-12-01\n"

    static let waiverCases: [WaiverCase] = [
        WaiverCase(
            name: "a misspelt workspace widened the waiver to every workspace",
            input: "waivers:\n  - policy: RES-001\n    1️⃣worksapce: acme-eu\n    resource: d1\n" + waiverTail, code: "E0908",
            message: "unknown key `worksapce` in a waiver", help: .exactly("did you mean `workspace`?")),
        WaiverCase(
            name: "an unknown top-level key", input: "1️⃣waiver: []\nwaivers: []\n", code: "E0908",
            message: "unknown key `waiver` in the waivers file", help: .exactly("did you mean `waivers`?")),
        WaiverCase(
            name: "an empty fingerprint", input: "waivers:\n  - policy: RES-001\n    fingerprint: 1️⃣\"\"\n" + waiverTail,
            code: "E0909", message: "`fingerprint` is empty: a waiver names what it covers"),
        WaiverCase(
            name: "an empty resource", input: "waivers:\n  - policy: RES-001\n    resource: 1️⃣\"  \"\n" + waiverTail,
            code: "E0909", message: "`resource` is empty"),
        WaiverCase(
            name: "an empty workspace",
            input: "waivers:\n  - policy: RES-001\n    workspace: 1️⃣\"\"\n    resource: d1\n" + waiverTail, code: "E0909",
            message: "`workspace` is empty", help: .exactly("leave `workspace` out to cover every workspace")),
        // YAML's null is not "every workspace": read as absent it was, and the waiver covered
        // the same resource id (a Terraform address) in every workspace.
        WaiverCase(
            name: "a null workspace",
            input: "waivers:\n  - policy: RES-001\n    workspace: 1️⃣~\n    resource: d1\n" + waiverTail, code: "E0909",
            message: "`workspace` is null: a waiver names what it covers",
            help: .exactly("leave `workspace` out to cover every workspace")),
        WaiverCase(
            name: "a null workspace in JSON", path: "w.json",
            input: #"{"waivers": [{"policy": "RES-001", "workspace": 1️⃣null, "resource": "d1", "reason": "r", "approvedBy": "a", "expires": "2026-12-01"}]}"#,
            code: "E0909", message: "`workspace` is null"),
        WaiverCase(
            name: "a blank reason",
            input: "waivers:\n  - policy: RES-001\n    resource: d1\n    reason: 1️⃣\"  \"\n    approvedBy: a\n    expires: 2026-12-01\n",
            code: "E0603", message: "a waiver has no `reason`"),
        WaiverCase(
            name: "a blank approver",
            input: "waivers:\n  - policy: RES-001\n    resource: d1\n    reason: r\n    approvedBy: 1️⃣\" \"\n    expires: 2026-12-01\n",
            code: "E0603", message: "a waiver has no `approvedBy`"),
        WaiverCase(name: "a null list", input: "waivers: 1️⃣null\n", code: "E0618", message: "`waivers` is null"),
        WaiverCase(
            name: "a duplicate key", path: "w.json", input: "{\"waivers\": [], 1️⃣\"waivers\": []}", code: "E0616",
            message: "duplicate key `waivers`"),
    ]

    @Test(arguments: waiverCases)
    func waiver(_ c: WaiverCase) throws {
        let marked = InventoryMarked(c.input)
        let (waivers, diagnostics) = WaiverLoader.load(
            SourceFile(path: c.path, text: marked.text), policies: ["RES-001"], auditDate: Day(iso: "2026-11-28")!)
        #expect(waivers.isEmpty)
        let all = diagnostics.map { "\($0.code)@\($0.lineColumn) \($0.message)" }
        #expect(diagnostics.map(\.code) == [c.code], "\(all)")
        let d = try #require(diagnostics.first)
        #expect(d.severity == .error)
        #expect(d.range?.file == c.path)
        #expect(d.lineColumn == marked.at())
        #expect(d.message.contains(c.message), "\(d.message)")
        if case .exactly(let help) = c.help { #expect(d.help == help) }
    }
}
