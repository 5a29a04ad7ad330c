import Testing

@testable import ResidencyKit

/// Running tests: expectations that hold pass, and each way one can fail says how, with the
/// evaluation's steps.
struct PolicyTestRunnerTests {
    static func file(_ expectations: String, region: String = "EU 🇪🇺", extra: String = "") -> String {
        """
        facts: {dpfCertified: [Mixpanel]}
        tests:
          - name: t
        \(extra)
            inventory:
        \(TestPack.inventory(region: region))
            expect:
        \(expectations)
        """
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        /// The one failure's problem, or nil when the test passes.
        var problem: String?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "pass expected and found", text: file("      - {policy: T-1, resource: d1, outcome: pass}"), problem: nil),
        Case(
            name: "permitted with its permit and message",
            text: file(
                "      - {policy: T-1, resource: d1, outcome: permitted, permit: T-2, message: sends to us}",
                region: "US 🇺🇸"), problem: nil),
        Case(
            name: "wrong outcome",
            text: file("      - {policy: T-1, resource: d1, outcome: fail}"), problem: "expected fail, got pass"),
        Case(
            name: "permitted when a failure was expected names the permit",
            text: file("      - {policy: T-1, resource: d1, outcome: fail}", region: "US 🇺🇸"),
            problem: "expected fail, got permitted by T-2"),
        Case(
            name: "message that does not contain the text",
            text: file("      - {policy: T-1, resource: d1, outcome: permitted, message: to eu}", region: "US 🇺🇸"),
            problem: "expected the message to contain \"to eu\", got \"Product analytics sends to us\""),
        Case(
            name: "unknown resource lists the ids there are",
            text: file("      - {policy: T-1, resource: d2, outcome: pass}"),
            problem: "no destination `d2` in this test's inventory, which T-1 ranges over; its destinations: d1"),
        Case(
            name: "a workspace that is not there",
            text: file("      - {policy: T-1, resource: d1, workspace: acme-us, outcome: pass}"),
            problem: "no destination `d1` in this test's inventory (workspace acme-us), which T-1 ranges over; it has none"),
        Case(
            name: "params change the outcome",
            text: file(
                "      - {policy: T-1, resource: d1, outcome: pass}", region: "US 🇺🇸",
                extra: "    params: {strict: true}\n    facts: {}"), problem: nil),
        Case(
            name: "no facts makes the permit undecided",
            text: file(
                "      - {policy: T-1, resource: d1, outcome: indeterminate}", region: "US 🇺🇸", extra: "    facts: {}"),
            problem: nil),
    ]

    @Test(arguments: cases)
    func expectationHoldsOrSaysWhy(_ c: Case) throws {
        let (report, diagnostics) = TestPack.run(c.text)
        let r = try #require(report, "\(diagnostics.map(\.message))")
        #expect(r.results.count == 1)
        #expect(r.results.first?.failures.first?.problem == c.problem)
        #expect(r.failed == (c.problem == nil ? 0 : 1))
    }

    @Test func aFailureCarriesTheEvaluationSteps() throws {
        let (report, _) = TestPack.run(Self.file("      - {policy: T-1, resource: d1, outcome: fail}"))
        let failure = try #require(report?.results.first?.failures.first)
        let steps = try #require(failure.explanation?.steps)
        #expect(steps.contains { $0.expression == "d.endpoint.region" && $0.value == "\"eu\"" })
        let text = PolicyTestText.render(try #require(report))
        #expect(text.contains("FAIL  t (pack.test.yaml:3:11)"))
        #expect(text.contains("T-1 on d1 (line 12): expected fail, got pass"))
        #expect(text.contains("require:\n"))
        #expect(text.contains("1 test: 0 passed, 1 failed (1 expectation)"))
    }

    @Test func aResourceInTwoWorkspacesNeedsOne() throws {
        let second = TestPack.inventory().replacingOccurrences(of: "ws-eu, slug: acme-eu", with: "ws-eu2, slug: acme-eu2")
        let text = """
            tests:
              - name: t
                inventory:
                  workspaces:
                    - \(TestPack.inventory(indent: "").split(separator: "\n").joined(separator: "\n          "))
                    - \(second.split(separator: "\n").map { $0.trimmingWhitespace() }.joined(separator: "\n          "))
                expect:
                  - {policy: T-1, resource: d1, outcome: pass}
                  - {policy: T-1, resource: d1, workspace: acme-eu2, outcome: pass}
            """
        let (report, diagnostics) = TestPack.run(text)
        let r = try #require(report, "\(diagnostics.map(\.message))")
        #expect(
            r.results.first?.failures.map(\.problem) == [
                "destination `d1` is in 2 workspaces of this test; name one with `workspace`"
            ])
    }

    @Test func paramsTheyDoNotDeclareAreErrorsAtTheTest() {
        let (report, diagnostics) = TestPack.run(
            Self.file("      - {policy: T-1, resource: d1, outcome: pass}", extra: "    params: {strikt: true}"))
        #expect(report == nil)
        #expect(diagnostics.first?.code == "E0501")
        #expect(diagnostics.first?.range?.start.line == 3)
    }

    @Test func filterThatMatchesNothingIsAnError() throws {
        let loaded = TestPack.load(Self.file("      - {policy: T-1, resource: d1, outcome: pass}"))
        let suite = try #require(loaded.suite)
        let (report, diagnostics) = PolicyTestRunner.run(
            [suite], bundle: TestPack.bundle, filter: "nothing")
        #expect(report == nil)
        #expect(diagnostics.map(\.code) == ["E1113"])
    }

    @Test func junitIsValidAgainstTheSchema() throws {
        let (report, _) = TestPack.run(Self.file("      - {policy: T-1, resource: d1, outcome: fail}"))
        let xml = try PolicyTestJUnit.render(try #require(report))
        let schema = fixturesFolder.appendingPathComponent("schemas/junit-10.xsd").path
        #expect(XMLWriter.validate(xml, schemaPath: schema) == [])
        #expect(xml.contains("<failure "))
    }

    /// Branches: each rule applying, and each condition and and/or operand true and false;
    /// a lone operand (`x`, `not x`) is tracked once.
    @Test func coverageCountsEveryBranchAndNamesTheOnesNotTaken() throws {
        let text = """
            facts: {dpfCertified: [Mixpanel]}
            tests:
              - name: an EU endpoint passes
                inventory:
            \(TestPack.inventory())
                expect: [{policy: T-1, resource: d1, outcome: pass}]
              - name: a US endpoint is permitted
                inventory:
            \(TestPack.inventory(region: "US 🇺🇸"))
                expect: [{policy: T-1, resource: d1, outcome: permitted}]
            """
        let (report, diagnostics) = TestPack.run(text, coverage: true)
        let coverage = try #require(report?.coverage, "\(diagnostics.map(\.message))")
        #expect(coverage.rules.map(\.id) == ["T-1", "T-2"])
        let t1 = coverage.rules[0], t2 = coverage.rules[1]
        // applies; where (root, region, enabled) and require (root, endpoint, strict) × true/false.
        #expect(t1.total == 13)
        // permits; its lone where operand × true/false.
        #expect(t2.total == 3)
        let missed = t1.branches.filter { !$0.covered }.map { "\($0.label) \($0.expression ?? "")" }
        #expect(
            missed == [
                "false d.workspace.region == \"eu-west\" and d.enabled", "false d.workspace.region == \"eu-west\"",
                "false d.enabled", "true strict",
            ])
        #expect(t2.branches.filter { !$0.covered }.map(\.label) == ["false"])
        #expect(coverage.covered == 16 - 5)
    }
}
