import Foundation
import Testing

@testable import ResidencyKit

/// A document read for SARIF, the Markdown summary and the HTML report alone (`passes:
/// .counted`) keeps no passing or not-applicable result, yet renders those reports byte for
/// byte as the whole document does, and refuses every document the whole read refuses, with
/// the same diagnostics: its passes are still checked, and counted against the summary.
@Suite struct PassesCountedTests {
    static func read(_ bytes: [UInt8], _ passes: ResultDocument.Passes) -> ResultDocument.Reading {
        ResultDocument.read(SourceFile(path: "reports/results.json", bytes: bytes), passes: passes)
    }

    @Test(arguments: ResultDocumentReadTests.Run.allCases)
    func sarifAndMarkdownAreTheSameBytes(run: ResultDocumentReadTests.Run) throws {
        let doc = try run.document()
        let reading = Self.read(doc.json(), .counted)
        let read = try #require(reading.document, "\(reading.diagnostics.map(\.message))")
        #expect(!read.passesKept)
        let listed = doc.results.filter { $0.outcome != .pass && $0.outcome != .notApplicable }
        #expect(listed.count < doc.results.count, "the run has passes to leave out")
        #expect(read.results == listed)
        #expect(read.summary == doc.summary)
        let sarif = SARIFReport(root: ReportFixtures.root)
        #expect(sarif.render(read) == sarif.render(doc))
        #expect(
            SARIFReport(resultLimit: 3, root: ReportFixtures.root).render(read)
                == SARIFReport(resultLimit: 3, root: ReportFixtures.root).render(doc))
        #expect(MarkdownReport().render(read) == MarkdownReport().render(doc))
        // The HTML report counts them, by policy and by workspace (`ResultDocument.notKept`).
        let html = HTMLReport(documentDigest: String(repeating: "ab", count: 32))
        #expect(html.render(read, provenance: doc.run.ranBy) == html.render(doc, provenance: doc.run.ranBy))
        let short = MarkdownReport(limit: MarkdownReport.minimumLimit, fullReport: "reports/results.json")
        #expect(short.render(read) == short.render(doc))
        // Read whole, the same file keeps them all.
        #expect(Self.read(doc.json(), .kept).document?.passesKept == true)
    }

    /// Each of the record schemas' refusals, and counts of passes that the records do not give.
    static let refused: [(String, String, String)] =
        ResultDocumentReadErrorTests.cases3.map { ($0.0, $0.1, $0.2) } + [
            ("passes counted one more", #""outcomes": {"pass": 1,"#, #""outcomes": {"pass": 2,"#),
            (
                "a pass's severity moved", #""bySeverity": {"error": {"pass": 1,"#,
                #""bySeverity": {"warning": {"pass": 1}, "error": {"#
            ),
            ("a pass named twice", #""pass": [1]"#, #""pass": [1, 1]"#),
            ("a pass past the resources", #""pass": [1]"#, #""pass": ["0..3"]"#),
            ("a pass written as a row", #""pass": [1]"#, #""pass": [[1, null, [0]]]"#),
            ("a pass row past the evidence", #""pass": [1]"#, #""pass": [[1, null, [4]]]"#),
            ("a not-applicable result", #""pass": [1]"#, #""not-applicable": [1]"#),
        ]

    @Test(arguments: refused)
    func everyDocumentIsRefusedAsTheWholeReadRefusesIt(what: String, find: String, replace: String) throws {
        let valid = ResultDocumentReadErrorTests.valid3
        #expect(valid.contains(find), "\(what)")
        let text = Array(MarkedSource(valid.replacingOccurrences(of: find, with: replace)).text.utf8)
        let (whole, counted) = (Self.read(text, .kept), Self.read(text, .counted))
        #expect((whole.document == nil) == (counted.document == nil), "\(what)")
        #expect(
            counted.diagnostics.map { "\($0.code) \($0.range.map { "\($0.start)" } ?? "") \($0.message)" }
                == whole.diagnostics.map { "\($0.code) \($0.range.map { "\($0.start)" } ?? "") \($0.message)" }, "\(what)")
    }

    /// A pass edited by hand to carry a waiver: a waiver covers only failing results, so both
    /// readings refuse it at its place (E1512), where it used to be read and listed nowhere.
    @Test func aWaiverOnAPassIsRefusedWhetherKeptOrCounted() throws {
        let edited = ResultDocumentReadErrorTests.valid3.replacingOccurrences(
            of: #""pass": [1]"#,
            with: #""pass": [[1, null, null, null, null, null, null, null, "# + ResultDocumentReadErrorTests.waiverNote(false)
                + "]]")
        let text = Array(MarkedSource(edited).text.utf8)
        for passes in [ResultDocument.Passes.kept, .counted] {
            let reading = Self.read(text, passes)
            #expect(reading.document == nil)
            #expect(reading.diagnostics.map(\.code) == ["E1512"], "\(reading.diagnostics.map(\.message))")
        }
    }

    /// The schema-4 form (a pass as a run, kind and severity from the policy) reads the same.
    @Test func aSchema4RunOfPassesIsCounted() throws {
        let reading = Self.read(Array(ResultDocumentReadErrorTests.valid4.utf8), .counted)
        let doc = try #require(reading.document, "\(reading.diagnostics.map(\.message))")
        #expect(doc.results.map(\.outcome) == [.fail])
        #expect(doc.summary.outcomes[.pass] == 1)
    }
}
