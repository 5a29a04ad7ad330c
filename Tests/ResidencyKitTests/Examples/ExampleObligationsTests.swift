import Testing

@testable import ResidencyKit

/// examples/policies: twelve obligations a privacy engineer wrote down (issue 12), written as
/// policies over settings, facts, arithmetic and every workspace of the run, with their own
/// tests, run as `residency test examples/policies --catalog policies/catalog/segment-regional.json`.
@Suite struct ExampleObligationsTests {
    static let folder = repositoryRoot.appendingPathComponent("examples/policies").path

    @Test func checkCleanAndPassTheirTests() throws {
        let checked = Audit.checkPolicies(paths: [Self.folder])
        #expect(checked.diagnostics.map { "\($0.code): \($0.message)" } == [])
        let bundle = try #require(checked.bundle)
        #expect(bundle.policies.count + bundle.permits.count == 12)

        var options = PolicyTestRunner.Options()
        options.paths = [Self.folder]
        options.catalogs = [Pack.folder + "/catalog/segment-regional.json"]
        options.coverage = true
        let outcome = PolicyTestRunner.run(options)
        let report = try #require(outcome.report, "\(outcome.diagnostics.map(\.message))")
        let failures = report.results.filter { !$0.passed }.map { "\($0.name): \($0.failures.map(\.problem))" }
        #expect(failures.isEmpty, "\(failures)")
        #expect(report.results.count >= 9)
        // Every policy and permit is exercised by a test.
        let coverage = try #require(report.coverage)
        #expect(coverage.rules.count == 12)
        #expect(coverage.percent >= 95)
    }
}
