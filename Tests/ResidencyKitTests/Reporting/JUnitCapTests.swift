import Foundation
import Testing

@testable import ResidencyKit

/// Large runs stay under CI consumers' limits: passes fold first, then the surplus of each
/// policy, failures kept before anything else; a file per workspace holds only its results.
@Suite struct JUnitCapTests {
    static func count(_ xml: String, _ needle: String) -> Int { xml.components(separatedBy: needle).count - 1 }

    @Test func underTheCapNothingIsFolded() throws {
        let doc = try JUnitReportTests.run(inventories: JUnitReportTests.example)
        let full = try JUnitReport(maximumCases: .max).render(doc)
        #expect(!full.contains("passing resources") && !full.contains("more results"))
        // A cap of exactly the run's testcases is not exceeded: nothing folds.
        #expect(try JUnitReport(maximumCases: Self.count(full, "<testcase ")).render(doc) == full)
        #expect(try JUnitReport().render(doc) == full)
    }

    @Test func passesFoldIntoOneCountingTestcasePerPolicy() throws {
        let doc = try JUnitReportTests.run(inventories: JUnitReportTests.example)
        let full = try JUnitReport().render(doc)
        let cases = Self.count(full, "<testcase ")
        let xml = try JUnitReport(maximumCases: cases - 1).render(doc)
        #expect(XMLWriter.validate(xml, schemaPath: JUnitReportTests.schema) == [])
        #expect(Self.count(xml, "<testcase ") < cases)
        // Every failure and error is still listed one by one.
        #expect(Self.count(xml, "<failure ") == Self.count(full, "<failure "))
        #expect(Self.count(xml, "<error ") == Self.count(full, "<error "))
        #expect(xml.contains(#"<testcase classname="residency.RES-003" name=""#))
        #expect(xml.contains("passing resources\" time=\"0.000\">"))
        #expect(xml.contains("the JSON result document lists every result"))
    }

    @Test func aTinyCapKeepsFailuresFirstAndCountsTheRest() throws {
        let doc = try JUnitReportTests.run(inventories: JUnitReportTests.example)
        let xml = try JUnitReport(maximumCases: 18).render(doc)
        #expect(XMLWriter.validate(xml, schemaPath: JUnitReportTests.schema) == [])
        #expect(Self.count(xml, "<testcase ") <= 18)
        // RES-001 has failures: its first kept testcase is one.
        let res001 = try #require(xml.range(of: #"<testcase classname="residency.RES-001""#))
        let next = xml[res001.upperBound...]
        #expect(next.prefix(400).contains("<failure ") || next.prefix(400).contains("<error "))
        #expect(xml.contains("more results"))
    }

    /// Folded results that are undecided and none failed are an error, as each of them is:
    /// dashboards count failures and errors apart (they were a `<failure>`).
    @Test func foldedUndecidedResultsAreAnError() throws {
        var doc = try JUnitReportTests.run(inventories: JUnitReportTests.example)
        for i in doc.results.indices where doc.results[i].outcome == .fail { doc.results[i].outcome = .indeterminate }
        // At warning, RES-003's two undecided results both trip the gate: one is kept, one folded.
        doc.summary.failOn = .warning
        let xml = try JUnitReport(maximumCases: 18).render(doc)
        #expect(XMLWriter.validate(xml, schemaPath: JUnitReportTests.schema) == [])
        // Some undecided results are folded (a policy with two of them keeps one), none failed.
        #expect(xml.contains(#"<error type="folded" message=""#), "\(xml)")
        #expect(!xml.contains("<failure "), "\(xml)")
    }

    @Test func aFilePerWorkspaceHoldsOnlyItsResults() throws {
        let doc = try JUnitReportTests.run(inventories: JUnitReportTests.example)
        let eu = try JUnitReport().render(doc, workspace: "acme-eu")
        let us = try JUnitReport().render(doc, workspace: "acme-us")
        #expect(XMLWriter.validate(eu, schemaPath: JUnitReportTests.schema) == [])
        #expect(eu.contains("name=\"acme-eu/") && !eu.contains("name=\"acme-us/"))
        #expect(us.contains("name=\"acme-us/") && !us.contains("name=\"acme-eu/"))
        let all = try JUnitReport().render(doc)
        #expect(Self.count(eu, "<testcase ") + Self.count(us, "<testcase ") == Self.count(all, "<testcase "))
    }

    /// A policy's testcases in result order, its plain passes put back where they were met
    /// (nothing folded, or a lone pass), or counted in one testcase after the rest.
    @Test(arguments: [
        ([Outcome.fail, .pass, .fail, .pass], false, "0 1 2 3"),
        ([Outcome.fail, .pass, .fail, .pass], true, "0 2 [2 passing resources]"),
        ([Outcome.pass, .pass, .fail], false, "0 1 2"),
        ([Outcome.fail, .pass, .permitted], true, "0 1 2"),
        ([Outcome.pass, .pass, .pass], true, "[3 passing resources]"),
        ([Outcome.pass], false, "0"),
        ([Outcome.fail, .waived], true, "0 1"),
    ])
    func passesArePutBackInOrderOrCounted(outcomes: [Outcome], folding: Bool, want: String) {
        var collected = JUnitReport.Collected()
        for (i, outcome) in outcomes.enumerated() { collected.add(i, outcome, gating: outcome == .fail) }
        let said = collected.cases(foldingPasses: folding).map { c -> String in
            switch c.content {
            case .result(let i): "\(i)"
            case .summary(let s): "[\(s)]"
            case .notice: "notice"
            }
        }
        #expect(said.joined(separator: " ") == want)
    }

    /// Over the cap, a policy keeps its failing testcases first (failures and errors, in result
    /// order), then the others, and one more counts the rest: a failure if a folded one failed,
    /// else an error if a folded one was undecided, else a pass. A cap of 3 keeps 2 a policy.
    @Test(arguments: [
        ("F P E F P P", "F E [4 more results: failure]"),
        ("P E P E E", "E E [3 more results: error]"),
        ("P F P P", "F P [2 more results: passed]"),
        ("P P P P", "P P [2 more results: passed]"),
        ("E F F P", "E F [2 more results: failure]"),
        ("F F", "F F"),
        ("S P F", "S P F"),
    ])
    func overTheCapFailingCasesAreKeptFirst(kinds: String, want: String) {
        let kind: [Character: JUnitReport.Case.Kind] = ["F": .failure, "E": .error, "P": .passed, "S": .skipped]
        let letter = Dictionary(uniqueKeysWithValues: kind.map { ($1, $0) })
        let cases = kinds.split(separator: " ").enumerated().map { i, k in
            var c = JUnitReport.Case(i, .pass, gating: false)
            c.kind = kind[k.first!]!
            return c
        }
        let suites = JUnitReport(maximumCases: 3).cap([JUnitReport.Suite(policy: JUnitReport.runSuite, cases: cases)])
        let said = suites[0].cases.map { c -> String in
            switch c.content {
            case .result: String(letter[c.kind]!)
            case .summary(let s): "[\(s): \(c.kind)]"
            case .notice: "notice"
            }
        }
        #expect(said.joined(separator: " ") == want)
    }
}
