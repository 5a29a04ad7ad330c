import Foundation
import Testing

@testable import ResidencyKit

@Suite struct DocsTests {
    /// docs/language.md carries the generated schema and built-in reference verbatim.
    /// To refresh it, replace the marked section with the output of `residency reference`.
    @Test func languageReferenceMatchesTheCode() throws {
        let doc = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/language.md"), encoding: .utf8)
        let start = try #require(doc.range(of: LanguageReference.beginMarker))
        let end = try #require(doc.range(of: LanguageReference.endMarker))
        let section = doc[start.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(section == LanguageReference.markdown().trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// docs/nightly.md shows scripts/nightly.sh as it is (the script is what a test runs).
    @Test func theNightlyRecipeIsTheScript() throws {
        let doc = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/nightly.md"), encoding: .utf8)
        let script = try String(contentsOf: repositoryRoot.appendingPathComponent("scripts/nightly.sh"), encoding: .utf8)
        #expect(doc.contains("```sh\n" + script + "```"))
    }

    /// Every diagnostic code the sources can emit is documented in docs/diagnostics.md.
    @Test func everyDiagnosticCodeIsDocumented() throws {
        let doc = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
        let sources = repositoryRoot.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        let pattern = try NSRegularExpression(pattern: #""([EW]\d{4})""#)
        var codes = Set<String>()
        var repeated: [String] = []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for m in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let code = String(text[Range(m.range(at: 1), in: text)!])
                if !codes.insert(code).inserted { repeated.append(code) }
            }
        }
        // A code is declared in exactly one place, beside the message it stands for.
        #expect(repeated.isEmpty, "codes declared twice: \(repeated)")
        #expect(codes.count > 30)
        let missing = codes.sorted().filter { !doc.contains("`\($0)`") }
        #expect(missing.isEmpty, "undocumented codes: \(missing)")
    }
}
