import Foundation
import Testing

@testable import ResidencyKit

/// A document whose summary disagrees with its own lists is refused (E1509) at the count that
/// disagrees, saying what counting gives; 1️⃣ marks where. Reports show the summary above the
/// results, so an edited count would otherwise put COMPLIANT above failed results.
@Suite struct ResultDocumentCountTests {
    static let valid = ResultDocumentReadErrorTests.valid

    /// (what, text replaced in the valid document, its replacement with 1️⃣, message).
    static let cases: [(String, String, String, String)] = [
        (
            "a verdict edited to compliant", #""verdict": "non-compliant""#, #""verdict": 1️⃣"compliant""#,
            #"`summary.verdict` is "compliant", but the results by severity and outcome"#
        ),
        (
            "a fail count edited to 0", #""outcomes": {"fail": 1}"#, #""outcomes": {"fail": 1️⃣0}"#,
            "`summary.outcomes.fail` is 0, but counting the document gives 1 (results with outcome `fail`)"
        ),
        (
            "a fail count left out", #""outcomes": {"fail": 1}"#, #""outcomes": 1️⃣{}"#,
            "`summary.outcomes.fail` is 0, but counting the document gives 1 (results with outcome `fail`)"
        ),
        (
            "passes that are not there", #""outcomes": {"fail": 1}"#, #""outcomes": {"fail": 1, "pass": 1️⃣5}"#,
            "`summary.outcomes.pass` is 5, but counting the document gives 0 (results with outcome `pass`)"
        ),
        (
            "a severity count edited", #""bySeverity": {"error": {"fail": 1}}"#, #""bySeverity": {"error": {"fail": 1️⃣2}}"#,
            "`summary.bySeverity.error.fail` is 2, but counting the document gives 1 (error results with outcome `fail`)"
        ),
        (
            "a failure moved to another severity", #""bySeverity": {"error": {"fail": 1}}"#,
            #""bySeverity": 1️⃣{"warning": {"fail": 1}}"#,
            "`summary.bySeverity.error.fail` is 0, but counting the document gives 1 (error results with outcome `fail`)"
        ),
        (
            "results left out", #""evaluated": 1"#, #""evaluated": 1️⃣3"#,
            "`summary.evaluated` is 3, but counting the document gives 1 (results in `results`)"
        ),
        (
            "a workspace count edited", #""workspaces": 1,"#, #""workspaces": 1️⃣2,"#,
            "`summary.workspaces` is 2, but counting the document gives 1 (workspaces in `workspaces`)"
        ),
        (
            "a resource count edited", #""resources": 2"#, #""resources": 1️⃣1"#,
            "`summary.resources` is 1, but counting the document gives 2 (workspaces, sources, destinations and warehouses"
        ),
        (
            "a policy count edited", #""policies": 1,"#, #""policies": 1️⃣4,"#,
            "`summary.policies` is 4, but counting the document gives 1 (policies in `policies`)"
        ),
        (
            "a permit count edited", #""permits": 0"#, #""permits": 1️⃣1"#,
            "`summary.permits` is 1, but counting the document gives 0 (permits in `policies`)"
        ),
        (
            "a baseline's new findings edited", #""notices": []}"#,
            #""notices": [], "baseline": {"path": "b.json", "sha256": "ab", "new": 1️⃣1, "unchanged": 0, "resolved": [], "failOnNew": false}}"#,
            "`baseline.new` is 1, but counting the document gives 0 (results marked `new`)"
        ),
    ]

    @Test(arguments: cases)
    func aCountThatDisagreesIsRefusedAtItsPlace(what: String, find: String, replace: String, message: String) throws {
        #expect(Self.valid.contains(find), "\(what): the valid document has no \(find)")
        let source = MarkedSource(Self.valid.replacingOccurrences(of: find, with: replace))
        let reading = ResultDocumentReadErrorTests.read(source.text)
        #expect(reading.document == nil, "\(what)")
        let first = try #require(reading.diagnostics.first, "\(what)")
        #expect(first.code == "E1509", "\(what): \(first.message)")
        #expect(first.message.hasPrefix(message), "\(what): \(first.message)")
        #expect(first.range.map { "\($0.start.line):\($0.start.column)" } == source.at(), "\(what): \(first.message)")
        #expect(first.help?.contains("recomputed from `results`") == true)
    }

    /// The verdict follows the results whatever the gate; the gate follows `failOn` (issue 13:
    /// a run with the gate off is still non-compliant when a result fails).
    @Test(arguments: [
        (#""verdict": "non-compliant", "gate": "failed", "failOn": "error""#,
         #""verdict": "non-compliant", "gate": "not-applied", "failOn": "never""#, true),
        (#""verdict": "non-compliant", "gate": "failed", "failOn": "error""#,
         #""verdict": "compliant", "gate": "not-applied", "failOn": "never""#, false),
        (#""verdict": "non-compliant", "gate": "failed", "failOn": "error""#,
         #""verdict": "non-compliant", "gate": "passed", "failOn": "error""#, false),
        (#""verdict": "non-compliant", "gate": "failed", "failOn": "error""#,
         #""verdict": "non-compliant", "gate": "failed", "failOn": "never""#, false),
    ])
    func theVerdictFollowsTheResultsAndTheGateItsThreshold(find: String, replace: String, accepted: Bool) {
        let reading = ResultDocumentReadErrorTests.read(Self.valid.replacingOccurrences(of: find, with: replace))
        #expect((reading.document != nil) == accepted, "\(reading.diagnostics.map(\.message))")
        if !accepted { #expect(reading.diagnostics.map(\.code) == ["E1509"]) }
    }

    /// A version 1 document (a baseline from before issue 13) still reads: its verdict, which
    /// was the gate's, becomes the gate, and the verdict is worked out from its results.
    @Test func aVersion1DocumentReads() throws {
        let v1 = Self.valid.replacingOccurrences(of: #""schemaVersion": 2"#, with: #""schemaVersion": 1"#)
            .replacingOccurrences(of: #""verdict": "non-compliant", "gate": "failed","#, with: #""verdict": "compliant","#)
            .replacingOccurrences(of: #""failOn": "error""#, with: #""failOn": "never""#)
        let reading = ResultDocumentReadErrorTests.read(v1)
        let doc = try #require(reading.document, "\(reading.diagnostics.map(\.message))")
        #expect(doc.schemaVersion == ResultDocument.schemaVersion)
        #expect(doc.summary.verdict == .nonCompliant)
        #expect(doc.summary.gate == .notApplied)
    }

    /// Every document `check` writes reads back: its counts are the ones recomputed.
    @Test(arguments: [(AuditRun.FailOn.error, false), (.warning, true), (.never, false)])
    func theExampleRunsReadBack(failOn: AuditRun.FailOn, extras: Bool) throws {
        let doc = try ReportFixtures.example(failOn: failOn, waivers: extras, baseline: extras)
        let reading = ResultDocument.read(SourceFile(path: "r.json", bytes: doc.json()))
        #expect(reading.diagnostics.isEmpty, "\(reading.diagnostics.map(\.message))")
    }

    /// The example's own document, its verdict edited: the report refuses it rather than
    /// render COMPLIANT above the failed results.
    @Test func anEditedExampleIsRefused() throws {
        let doc = try ReportFixtures.example()
        let text = String(decoding: doc.json(), as: UTF8.self)
        let edited = text.replacingOccurrences(of: #""verdict": "non-compliant""#, with: #""verdict": "compliant""#)
        #expect(edited != text)
        let reading = ResultDocument.read(SourceFile(path: "r.json", text: edited))
        #expect(reading.document == nil)
        #expect(reading.diagnostics.map(\.code) == ["E1509"])
    }
}

@Suite struct SeverityCountsTests {
    /// Each severity counts in a place of its own, the place of its case in `allCases`: a
    /// count for one severity and outcome changes that count alone.
    @Test(arguments: PolicySeverity.allCases)
    func eachSeverityCountsInItsOwnPlace(_ severity: PolicySeverity) {
        #expect(SeverityCounts.index(severity) == PolicySeverity.allCases.firstIndex(of: severity))
        for outcome in Outcome.allCases {
            var counts = SeverityCounts()
            counts[severity, outcome] += 3
            for s in PolicySeverity.allCases {
                for o in Outcome.allCases {
                    #expect(counts[s, o] == (s == severity && o == outcome ? 3 : 0), "\(s) \(o)")
                }
            }
        }
    }
}
