import Foundation
import LoopbackHTTP
import Testing

@testable import ResidencyKit

/// A list that changed while `residency export` paged through it (an item again on a later
/// page, a count that does not add up, a total that changes between pages) leaves a bundle
/// that may miss an item or hold a stale copy of one. Before, the export printed a warning and
/// wrote the bundle as if it were whole, and `check` audited it as complete: a destination
/// that moved past the cursor, or whose newer copy sent to the US, passed the gate unseen. Now
/// the bundle records it (`incomplete`), and the loader makes the workspace indeterminate
/// (RES-013) unless `--allow-incomplete`.
@Suite struct ExportIncompleteTests {
    static func run(_ scripts: [(String, String)]) throws -> WorkspaceExport.Exported {
        let api = try ExportFixture.api()
        for (path, body) in scripts { api.script(path, [.json(body)]) }
        return try ExportFixture.export(try ExportFixture.options(api)).result.get()
    }

    static let shifted =
        #"{"data": {"sources": [\#(ExportFixture.sources[1]), \#(ExportFixture.sources[2])], "pagination": {"current": "Mg==", "next": null, "totalEntries": 4}}}"#

    @Test(
        arguments: [
            // A source created at the front meanwhile: page 2 starts with the last of page 1.
            // Its total also changes from 3 to 4.
            ([("/sources#2", shifted)], ["W1302", "W1303", "W1301"], 3),
            // The total changes from 5 to 4 on the last page, and the count matches it: an item
            // moved past the cursor, which no count shows.
            (
                [
                    (
                        "/destinations#3",
                        #"{"data": {"destinations": [], "pagination": {"current": "NA==", "next": null, "totalEntries": 4}}}"#
                    )
                ],
                ["W1303"], 1
            ),
        ] as [([(String, String)], [String], Int)])
    func aListThatChangedMakesTheBundleIncomplete(_ scripts: [(String, String)], _ warnings: [String], _ reasons: Int) throws {
        let exported = try Self.run(scripts)
        #expect(exported.warnings.map(\.code) == warnings)
        let text = String(decoding: exported.bundle, as: UTF8.self)
        #expect(text.contains(#""incomplete": ["#), "\(text.prefix(600))")
        let loaded = ExportFixture.load(exported.bundle)
        #expect(loaded.diagnostics.map(\.code) == Array(repeating: "W0607", count: reasons))
        let model = try #require(loaded.workspaces.first)
        #expect(model.workspace.incomplete.count == reasons)
        #expect(model.workspace.incomplete.allSatisfy { $0.reason.hasPrefix("the export recorded that it is incomplete: GET /") })
    }

    @Test func aWholeListWritesNoIncompleteKey() throws {
        let exported = try Self.run([])
        #expect(!String(decoding: exported.bundle, as: UTF8.self).contains(#""incomplete""#))
        #expect(ExportFixture.load(exported.bundle).workspaces.first?.workspace.incomplete.isEmpty == true)
    }

    /// `pagination` beside `data` is read when `data.pagination` is null, as the loader reads it:
    /// the export stopped after the first page, and the rest of the list was never fetched.
    @Test func aNextPageNamedBesideDataIsFetched() throws {
        let first =
            #"{"data": {"sources": [\#(ExportFixture.sources[0]), \#(ExportFixture.sources[1])], "pagination": null}, "pagination": {"current": "MA==", "next": "Mg==", "totalEntries": 3}}"#
        let exported = try Self.run([("/sources", first)])
        #expect(exported.sources == 3)
        #expect(exported.warnings.isEmpty)
    }
}

/// Pages given in a bundle must chain: each page's `pagination.current` is the `next` of the
/// page before it. Segment's `PaginationOutput` always has `current`, while `totalEntries` may
/// be left out, so a page left out in the middle of pages without totals passed unseen.
@Suite struct PageChainTests {
    static func destination(_ id: String) -> String {
        #"{"id": "\#(id)", "enabled": true, "sourceId": "src-1", "settings": {}, "metadata": {"slug": "actions-amplitude"}}"#
    }

    static func bundle(_ pages: [(items: [String], current: String, next: String?)], previous: String? = nil) -> String {
        let list = pages.enumerated().map { i, page in
            let next = page.next.map { "\"\($0)\"" } ?? "null"
            let before = i == 0 ? previous.map { "\"\($0)\"" } ?? "null" : "null"
            return
                #"{"data": {"destinations": [\#(page.items.map(destination).joined(separator: ", "))], "pagination": {"current": "\#(page.current)", "next": \#(next), "previous": \#(before)}}}"#
        }
        return """
            {"workspace": {"id": "ws-1", "slug": "acme"}, "region": "eu-west",
             "sources": [{"id": "src-1", "slug": "web", "enabled": true, "metadata": {"slug": "javascript"}}],
             "destinations": [\(list.joined(separator: ", "))], "warehouses": []}
            """
    }

    @Test func pagesThatChainAreWhole() throws {
        let loaded = InventoryFixture.load(Self.bundle([(["d1"], "MA==", "MQ=="), (["d2"], "MQ==", nil)]))
        #expect(loaded.codes == [], "\(loaded.diagnostics.map(\.message))")
        #expect(loaded.only?.workspace.incomplete.isEmpty == true)
    }

    /// The first page given names a page before it: the start of the list is left out (a
    /// bundle holding only the last page, without totals, was audited as whole).
    @Test(arguments: [1, 2])
    func aListThatStartsLateIsW0608(pages: Int) throws {
        let given = pages == 1 ? [(["d3"], "Mg==", nil as String?)] : [(["d2"], "MQ==", "Mg=="), (["d3"], "Mg==", nil)]
        let loaded = InventoryFixture.load(Self.bundle(given, previous: pages == 1 ? "MQ==" : "MA=="))
        #expect(loaded.codes == ["W0608"], "\(loaded.diagnostics.map(\.message))")
        #expect(loaded.only?.workspace.incomplete.first?.reason.contains("starts at a later page") == true)
    }

    @Test func aPageLeftOutInTheMiddleIsW0608() throws {
        let loaded = InventoryFixture.load(Self.bundle([(["d1"], "MA==", "MQ=="), (["d3"], "Mg==", nil)]))
        #expect(loaded.codes == ["W0608"], "\(loaded.diagnostics.map(\.message))")
        let model = try #require(loaded.only)
        #expect(
            model.workspace.incomplete.map(\.reason) == [
                #"the `destinations` export's pages do not chain: a page named "MQ==" as the next, and the page after it is "Mg==""#
            ])
    }
}
