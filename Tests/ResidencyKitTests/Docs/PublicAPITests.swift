import Foundation
import Testing

/// ResidencyKit's public API is deliberate: every public top-level type is listed in the DocC
/// catalog's topics (Sources/ResidencyKit/ResidencyKit.docc/ResidencyKit.md), and the catalog
/// lists nothing that is not public. A type made public by accident fails here until it is
/// documented as API or made `package` again; what only the CLI needs is `package`.
@Suite struct PublicAPITests {
    static let sources = repositoryRoot.appendingPathComponent("Sources/ResidencyKit")

    /// Names of the top-level types declared `public` in the library's sources.
    static func publicTypes() throws -> Set<String> {
        let pattern = try NSRegularExpression(
            pattern: #"^public (?:final )?(?:class|struct|enum|protocol|typealias|actor) (\w+)"#, options: .anchorsMatchLines)
        var names = Set<String>()
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for m in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                names.insert(String(text[Range(m.range(at: 1), in: text)!]))
            }
        }
        return names
    }

    /// The symbols the catalog's Topics section links to (``Name``).
    static func listedTypes() throws -> Set<String> {
        let catalog = try String(
            contentsOf: sources.appendingPathComponent("ResidencyKit.docc/ResidencyKit.md"), encoding: .utf8)
        let topics = try #require(catalog.range(of: "## Topics"))
        let pattern = try NSRegularExpression(pattern: #"^- ``(\w+)``"#, options: .anchorsMatchLines)
        let section = String(catalog[topics.upperBound...])
        return Set(
            pattern.matches(in: section, range: NSRange(section.startIndex..., in: section)).map {
                String(section[Range($0.range(at: 1), in: section)!])
            })
    }

    @Test func everyPublicTypeIsDocumentedAPI() throws {
        let declared = try Self.publicTypes()
        let listed = try Self.listedTypes()
        #expect(declared.count >= 15, "the scan found the public types: \(declared.sorted())")
        #expect(
            declared.subtracting(listed).isEmpty, "public but not in the catalog's topics: \(declared.subtracting(listed).sorted())")
        #expect(listed.subtracting(declared).isEmpty, "in the catalog but not public: \(listed.subtracting(declared).sorted())")
    }
}
