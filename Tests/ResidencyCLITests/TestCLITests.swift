import Foundation
import Testing

/// `residency test`: the exit code says whether the policies' tests pass, output says why.
@Suite struct TestCLITests {
    static let policy = """
        policy T-1 "EU destinations use EU endpoints" {
          severity error
          for destination d
          where d.workspace.region == "eu-west"
          require d.endpoint.region == "eu"
          message "{d.name} sends to {d.endpoint.region}"
        }
        """

    static func tests(outcome: String, extra: String = "") -> String {
        """
        date: 2026-11-28
        tests:
          - name: EU endpoint
            inventory:
              apiHost: https://eu1.api.segmentapis.com
              workspace: {id: ws-eu, slug: acme-eu}
              sources: [{id: web, name: Website}]
              destinations:
                - {id: d1, name: Analytics, enabled: true, sourceId: web, settings: {apiRegion: "EU 🇪🇺"}, metadata: {name: Mixpanel (Actions)}}
            expect:
              - {policy: T-1, resource: d1, outcome: \(outcome)}
        \(extra)
        """
    }

    /// A folder with the policy, its tests and the bundled catalog.
    static func folder(_ tests: String) throws -> URL {
        let catalog = try String(
            contentsOf: repositoryRoot.appendingPathComponent("policies/catalog/segment-regional.json"), encoding: .utf8)
        return try temporaryFolder([
            "p/t.policy": policy, "p/t.test.yaml": tests, "p/catalog/segment-regional.json": catalog,
        ])
    }

    @Test func passingTestsExitZero() throws {
        let dir = try Self.folder(Self.tests(outcome: "pass"))
        let r = try residency(["test", "p", "--verbose"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("  ok    EU endpoint"))
        #expect(r.stdout.contains("1 test: 1 passed, 0 failed (1 expectation)"))
    }

    @Test func aFailingTestExitsOneWithEvidence() throws {
        let dir = try Self.folder(Self.tests(outcome: "fail"))
        let r = try residency(["test", "p"], in: dir)
        #expect(r.status == 1)
        #expect(r.stdout.contains("FAIL  EU endpoint (p/t.test.yaml:3:11)"))
        #expect(r.stdout.contains("T-1 on d1 (line 11): expected fail, got pass"))
        #expect(r.stdout.contains("d.endpoint.region                = \"eu\""))
    }

    @Test func coverageBelowTheThresholdExitsOne() throws {
        let dir = try Self.folder(Self.tests(outcome: "pass"))
        let below = try residency(["test", "p", "--threshold", "90"], in: dir)
        #expect(below.status == 1)
        #expect(below.stdout.contains("coverage: 60.0% of 5 branches (3 covered)"))
        #expect(below.stdout.contains("(below the threshold of 90.0%)"))
        #expect(below.stdout.contains("never false: where `d.workspace.region == \"eu-west\"` (line 4)"))
        let met = try residency(["test", "p", "--threshold", "60"], in: dir)
        #expect(met.status == 0, "\(met.stdout)")
        #expect(met.stdout.contains("(threshold 60.0% met)"))
    }

    @Test func aMistakeInATestFileExitsTwoWithItsPlace() throws {
        let dir = try Self.folder(Self.tests(outcome: "passed"))
        let r = try residency(["test", "p"], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("p/t.test.yaml:11:46: error[E1104]: unknown outcome \"passed\""), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func aTestFileAloneIsRunAgainstThePoliciesOfItsFolder() throws {
        let dir = try Self.folder(Self.tests(outcome: "pass"))
        let r = try residency(["test", "p/t.test.yaml"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("1 test: 1 passed"))
    }

    @Test func noTestsIsAnErrorNotAPass() throws {
        let dir = try temporaryFolder(["p/t.policy": Self.policy])
        let r = try residency(["test", "p"], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("error[E1101]"))
    }

    @Test func jsonOutputIsADocument() throws {
        let dir = try Self.folder(Self.tests(outcome: "fail"))
        let r = try residency(["test", "p", "--format", "json", "--coverage"], in: dir)
        #expect(r.status == 1)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let summary = try #require(doc["summary"] as? [String: Int])
        #expect(summary == ["tests": 1, "passed": 0, "failed": 1, "expectations": 1])
        let coverage = try #require(doc["coverage"] as? [String: Any])
        #expect(coverage["total"] as? Int == 5)
    }

    @Test func junitOutputHasATestcasePerTest() throws {
        let dir = try Self.folder(Self.tests(outcome: "fail"))
        let r = try residency(["test", "p", "--junit", "out/tests.xml"], in: dir)
        #expect(r.status == 1)
        let xml = try String(contentsOf: dir.appendingPathComponent("out/tests.xml"), encoding: .utf8)
        #expect(xml.contains(#"<testsuites name="residency test" tests="1" failures="1" errors="0""#))
        #expect(xml.contains(#"<testcase classname="p/t.test.yaml" name="EU endpoint""#))
        #expect(xml.contains(#"<failure type="expectation" message="T-1 on d1: expected fail, got pass">"#))
        #expect(xml.contains("p/t.test.yaml:11: T-1 on d1: expected fail, got pass"))
    }

    @Test func badThresholdIsAUsageError() throws {
        let r = try residency(["test", "--threshold", "120"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--threshold takes a percentage from 0 to 100"))
    }

    @Test func theStandardPackPassesItsOwnTests() throws {
        let r = try residency(["test", "policies", "--threshold", "100"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains(" 0 failed"))
    }
}
