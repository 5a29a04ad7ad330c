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

    /// `DiagnosticCode` and docs/diagnostics.md list the same codes, in the same order, with the
    /// same meaning; a retired code stays in both, marked retired.
    @Test func diagnosticCodesAreTheDocumentedOnes() throws {
        let doc = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
        let row = try NSRegularExpression(pattern: #"^\| `([EW]\d{4})` \| (.*?) \|"#, options: .anchorsMatchLines)
        let rows = row.matches(in: doc, range: NSRange(doc.startIndex..., in: doc)).map { m in
            (code: String(doc[Range(m.range(at: 1), in: doc)!]), meaning: String(doc[Range(m.range(at: 2), in: doc)!]))
        }
        let documented = rows.filter { !$0.meaning.hasPrefix("retired") }
        #expect(documented.count > 100)
        #expect(documented.map(\.code) == DiagnosticCode.all.map(\.id))
        // `all` is written out beside the codes: a code declared but left out of it would
        // escape every check here.
        let declarations = try String(
            contentsOf: repositoryRoot.appendingPathComponent("Sources/ResidencyKit/Diagnostics/DiagnosticCode.swift"),
            encoding: .utf8)
        let declared = declarations.matches(of: /static let ([EW]\d{4}) = DiagnosticCode\(/).map { String($0.output.1) }
        #expect(declared.count > 100)
        #expect(declared == DiagnosticCode.all.map(\.id), "every declared code is in DiagnosticCode.all, in order")
        for (d, c) in zip(documented, DiagnosticCode.all) where d.meaning != c.meaning {
            Issue.record("\(c.id): the code says \"\(c.meaning)\", docs/diagnostics.md \"\(d.meaning)\"")
        }
        let retired = rows.filter { $0.meaning.hasPrefix("retired") }
        #expect(Dictionary(uniqueKeysWithValues: retired.map { ($0.code, $0.meaning) }) == DiagnosticCode.retired)
        #expect(Set(DiagnosticCode.all.map(\.id)).isDisjoint(with: DiagnosticCode.retired.keys), "a retired code is reused")
    }

    /// Every code is emitted from exactly one place in the sources, beside the message it
    /// stands for, and none is listed without being used.
    @Test func everyDiagnosticCodeIsUsedOnce() throws {
        let sources = repositoryRoot.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" && $0.lastPathComponent != "DiagnosticCode.swift" }
        let use = try NSRegularExpression(pattern: #"(?:(?<![\w"])|(?<=DiagnosticCode))\.([EW]\d{4})\b"#)
        var uses: [String: Int] = [:]
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for m in use.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                uses[String(text[Range(m.range(at: 1), in: text)!]), default: 0] += 1
            }
        }
        #expect(uses.count > 100, "the scan found the codes in use")
        #expect(uses.filter { $0.value > 1 }.keys.sorted() == [], "codes emitted from more than one place")
        let unused = DiagnosticCode.all.map(\.id).filter { uses[$0] == nil }
        #expect(unused.isEmpty, "listed but never emitted: \(unused)")
    }
}
