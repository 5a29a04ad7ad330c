import Foundation
import Testing

@testable import ResidencyKit

/// A JUnit file that folds every policy's plain passes into one testcase that counts them
/// needs only their counts: rendered from a document read with its passes counted, not kept
/// (`passes: .counted`), it is the same bytes as from the whole document. One that lists a
/// pass (a file under its cap, a policy's lone pass) is never rendered so: `residency report`
/// reads the document again, kept (`ReportOutputs.needsPasses`). `AuditRunBatchTests` checks
/// the same of a `check` that lets passes go past the file's cap.
@Suite struct JUnitFoldedPassesTests {
    static func counted(_ doc: ResultDocument) throws -> ResultDocument {
        let reading = PassesCountedTests.read(doc.json(), .counted)
        return try #require(reading.document, "\(reading.diagnostics.map(\.message))")
    }

    /// The plain passes of each policy, counted in the whole document.
    static func passes(_ doc: ResultDocument) -> [String: Int] {
        doc.results.filter { $0.outcome == .pass }.reduce(into: [:]) { $0[$1.policy, default: 0] += 1 }
    }

    /// `doc` with `keep` of each policy's plain passes at most, the others turned not
    /// applicable, and its summary counted again.
    static func trimmed(_ doc: ResultDocument, passesAtMost keep: (Int) -> Int) -> ResultDocument {
        var doc = doc
        var left = passes(doc).mapValues(keep)
        for i in doc.results.indices where doc.results[i].outcome == .pass {
            if left[doc.results[i].policy, default: 0] > 0 {
                left[doc.results[i].policy]! -= 1
            } else {
                doc.results[i].outcome = .notApplicable
            }
        }
        let tally = ResultDocument.tally(doc.results, failOn: doc.summary.failOn, onlyNew: doc.baseline?.failOnNew == true)
        (doc.summary.outcomes, doc.summary.bySeverity) = (tally.outcomes, tally.bySeverity)
        return doc
    }

    @Test(arguments: ResultDocumentReadTests.Run.allCases)
    func aFoldedFileIsTheSameBytesWithoutPasses(run: ResultDocumentReadTests.Run) throws {
        // The examples have policies of one pass, which no cap folds: those passes left out.
        let doc = Self.trimmed(try run.document()) { $0 == 1 ? 0 : $0 }
        let read = try Self.counted(doc)
        #expect(read.notKept.byPolicy.compactMapValues { $0[.pass] == 0 ? nil : $0[.pass] } == Self.passes(doc))
        #expect(!Self.passes(doc).isEmpty, "the run has passes to count")
        // Under every cap that folds, from one testcase a policy up to all but one.
        let cases = doc.results.filter { $0.outcome != .notApplicable }.count
        var rendered = 0
        for cap in [1, 2, 5, cases / 2, cases - 1] where cap >= 1 {
            let junit = JUnitReport(maximumCases: cap)
            // A document with every pass always renders; without them, only a file that folds
            // every policy's passes.
            #expect(junit.listsOnlyKeptPasses(doc), "cap \(cap)")
            guard junit.listsOnlyKeptPasses(read) else { continue }
            #expect(try junit.renderBytes(read) == junit.renderBytes(doc), "cap \(cap)")
            rendered += 1
        }
        #expect(rendered > 0, "some cap folds every policy's passes")
        // At the default cap the example's file lists its passes: read again.
        #expect(!JUnitReport().listsOnlyKeptPasses(read))
        var outputs = ReportOutputs()
        outputs.junit = "reports/junit.xml"
        #expect(outputs.passesRead == .counted)
        #expect(outputs.needsPasses(read))
        #expect(!outputs.needsPasses(doc))
        outputs.junitMaximumCases = 1
        #expect(outputs.needsPasses(read) == !JUnitReport(maximumCases: 1).listsOnlyKeptPasses(read))
    }

    /// Folded, a policy's lone pass is still a testcase of its own: a document without it
    /// cannot render that file, and says so.
    @Test func aLonePassIsListed() throws {
        let doc = try ResultDocumentReadTests.Run.example.document()
        let counts = Self.passes(doc)
        let policy = try #require(counts.first { $0.value > 1 }?.key)
        // One of the policy's passes left, the others' as many as they were.
        let lone = Self.trimmed(doc) { n in n == counts[policy] ? 1 : n }
        let read = try Self.counted(lone)
        #expect(read.notKept.byPolicy[policy]?[.pass] == 1)
        // A cap that folds passes yet keeps every testcase left.
        let junit = JUnitReport(maximumCases: lone.results.filter { $0.outcome != .notApplicable }.count - 1)
        #expect(!junit.listsOnlyKeptPasses(read))
        #expect(junit.listsOnlyKeptPasses(lone))
        // Whole, the file folds the other policies' passes and lists the lone one as itself.
        let xml = String(decoding: try junit.renderBytes(lone), as: UTF8.self)
        #expect(xml.contains(" passing resources\""))
        #expect(!xml.contains("name=\"1 passing resources\""))
        #expect(!xml.contains(" more results\""))
    }

    /// `ReportOutputs.readDocument`: counted when the file folds every pass, read again with
    /// every pass kept when it lists one.
    @Test func aSavedDocumentIsReadAgainOnlyWhenTheFileListsAPass() throws {
        let doc = Self.trimmed(try ResultDocumentReadTests.Run.example.document()) { $0 == 1 ? 0 : $0 }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("residency-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("results.json").path
        try Data(doc.json()).write(to: URL(fileURLWithPath: path))
        var outputs = ReportOutputs()
        outputs.junit = folder.appendingPathComponent("junit.xml").path
        outputs.junitMaximumCases = 1
        let folded = try #require(outputs.readDocument(at: path, digest: true).document)
        #expect(!folded.passesKept)
        outputs.junitMaximumCases = JUnitReport.defaultMaximumCases
        let reading = outputs.readDocument(at: path, digest: true)
        let listed = try #require(reading.document)
        #expect(listed.passesKept)
        #expect(listed.results == doc.results)
        #expect(reading.sha256 == SHA256.hex(doc.json()))
    }

    /// Which reports a saved document is read for with its passes counted.
    @Test(arguments: [
        (["sarif"], ResultDocument.Passes.counted), (["markdown", "junit"], .counted), (["junit", "html"], .counted),
        (["junitFolder"], .kept), (["htmlFolder", "sarif"], .kept), (["json"], .kept),
    ])
    func passesAreReadForTheReportsAskedFor(reports: [String], passes: ResultDocument.Passes) {
        var outputs = ReportOutputs()
        for r in reports {
            switch r {
            case "sarif": outputs.sarif = "r.sarif"
            case "markdown": outputs.markdown = "r.md"
            case "junit": outputs.junit = "r.xml"
            case "html": outputs.html = "r.html"
            case "junitFolder": outputs.junitFolder = "junit"
            case "htmlFolder": outputs.htmlFolder = "html"
            default: outputs.json = "r.json"
            }
        }
        #expect(outputs.passesRead == passes, "\(reports)")
    }
}
