import Foundation
import Testing

@testable import ResidencyKit

/// Shared helpers for the inventory tests: the repository's real files, in-memory loading,
/// and markers whose columns count Unicode scalars, as diagnostics do.
enum InventoryFixture {
    /// The repository root.
    static let repoRoot: String = repositoryRoot.path

    static func repoPath(_ relative: String) -> String { repoRoot + "/" + relative }

    static let bundledCatalogPath = repoPath("policies/catalog/segment-regional.json")

    /// The bundled regional catalog, loaded once.
    static let bundled: CatalogLoader.Loaded = CatalogLoader.load(paths: [bundledCatalogPath])
    static var catalog: Catalog { bundled.catalog }

    static func text(_ relative: String) -> String {
        (try? String(contentsOfFile: repoPath(relative), encoding: .utf8)) ?? ""
    }

    /// Loads in-memory files with the bundled catalog (or another one).
    static func load(_ files: [(String, String)], catalog: Catalog = InventoryFixture.catalog) -> InventoryLoader.Loaded {
        InventoryLoader.load(files: files.map { SourceFile(path: $0.0, text: $0.1) }, catalog: catalog)
    }

    static func load(
        _ text: String, path: String = "inv.json", catalog: Catalog = InventoryFixture.catalog
    )
        -> InventoryLoader.Loaded
    {
        load([(path, text)], catalog: catalog)
    }

    /// A minimal valid bundle around the given extra members (JSON text without braces).
    /// Each resource list the members do not give is written empty, as `residency export`
    /// writes it: a bundle without one is incomplete (W0609).
    static func bundle(_ members: String = "", workspace: String = #"{"id": "ws1", "slug": "one"}"#) -> String {
        var extra = members.isEmpty ? "" : ",\n" + members
        for key in BundleDecoder.resourceListKeys where !members.contains("\"\(key)\"") {
            extra += ",\n\"\(key)\": []"
        }
        return "{\"exportVersion\": 1, \"workspace\": \(workspace)\(extra)\n}"
    }

    /// A temporary folder, removed by the caller with `cleanUp`.
    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "residency-inventory-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func write(_ text: String, to path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}

/// Input text with markers where a diagnostic must point (the shared helper).
typealias InventoryMarked = MarkedSource

extension Diagnostic {
    /// "line:column" of the start of the range, or "-" without one.
    var lineColumn: String {
        guard let r = range else { return "-" }
        return "\(r.start.line):\(r.start.column)"
    }
}

extension InventoryLoader.Loaded {
    /// The diagnostic codes, in order.
    var codes: [String] { diagnostics.map(\.code) }
    /// The only workspace, or nil.
    var only: WorkspaceModel? { workspaces.count == 1 ? workspaces[0] : nil }
}

/// What a table row expects of a diagnostic's `help:` line.
enum InventoryHelp: Sendable {
    /// Not checked by this row.
    case unchecked
    /// Exactly this help (nil: no help at all).
    case exactly(String?)
}
