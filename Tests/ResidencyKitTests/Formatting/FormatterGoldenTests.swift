import Foundation
import Testing

@testable import ResidencyKit

/// Golden tests for the canonical layout: each `Golden/fmt/CASE/input.policy`, formatted,
/// must equal `CASE/expected.policy`, which must itself be canonical.
/// Re-record after an intended change with `RECORD_GOLDEN=1 swift test --filter Golden` (that
/// run fails on purpose), then check with `swift test --filter Golden`.
@Suite struct FormatterGoldenTests {
    static let folder = Golden.url("fmt")

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent("\($0)/input.policy").path) }
            .sorted()
    }

    @Test func thereAreCases() {
        #expect(Self.cases.count >= 5)
    }

    @Test(arguments: cases)
    func formatsAsRecorded(_ name: String) throws {
        let directory = Self.folder.appendingPathComponent(name)
        let input = try Data(contentsOf: directory.appendingPathComponent("input.policy"))
        let output = PolicyFormatter.format(SourceFile(path: "\(name)/input.policy", bytes: Array(input)))
        let formatted = try #require(output.text, "\(output.diagnostics.map(\.message))")
        try Golden.match(formatted, "fmt/\(name)/expected.policy")
        let expected = try Golden.text("fmt/\(name)/expected.policy")
        #expect(try FormatterSupport.format(expected) == expected, "\(name)/expected.policy is not canonical")
    }
}

/// The examples of whole declarations in docs/formatting.md are in the layout it describes.
@Suite struct FormattingDocsTests {
    static let examples: [String] = {
        let doc = (try? String(contentsOf: repositoryRoot.appendingPathComponent("docs/formatting.md"), encoding: .utf8)) ?? ""
        return doc.components(separatedBy: "```").enumerated()
            .filter { $0.offset % 2 == 1 }
            .map { $0.element.hasPrefix("\n") ? String($0.element.dropFirst()) : $0.element }
            .filter { block in ["policy ", "permit ", "define ", "let "].contains { block.hasPrefix($0) } }
    }()

    @Test func thereAreExamples() {
        #expect(Self.examples.count >= 2)
    }

    @Test(arguments: examples)
    func exampleIsCanonical(_ example: String) throws {
        #expect(try FormatterSupport.format(example) == example)
    }
}
