import Foundation
import Testing

/// `residency check --inventory plan.json` run as a binary, as the CI recipe in
/// docs/terraform.md runs it to gate `terraform apply`.
@Suite struct TerraformCLITests {
    static let now = ["--now", "2026-11-28T02:00:00Z"]
    static let plan = ["--inventory", "examples/terraform/plan.json", "--facts", "examples/facts.yaml"]

    @Test func theExamplePlanFailsTheGateNamingAddresses() throws {
        let dir = try temporaryFolder([:])
        let junit = dir.appendingPathComponent("junit.xml").path
        let r = try residency(["check"] + Self.plan + ["--junit", junit] + Self.now)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout.contains("1 workspace, 8 policies and 3 permits"))
        #expect(r.stdout.contains("FAIL    RES-001  error   acme-eu-marketing/destination/segment_destination.customerio"))
        #expect(r.stdout.contains("UNKNOWN RES-001  error   acme-eu-marketing/destination/segment_destination.braze"))
        #expect(r.stderr.isEmpty, "no warnings for the example plan: \(r.stderr)")
        let xml = try String(contentsOfFile: junit, encoding: .utf8)
        #expect(xml.contains("acme-eu-marketing/destination/segment_destination.customerio"))
    }

    @Test func aBrokenSettingsStringStopsTheGateWithItsPlace() throws {
        let text = try String(
            contentsOf: repositoryRoot.appendingPathComponent("examples/terraform/plan.json"), encoding: .utf8)
        let broken = text.replacingOccurrences(
            of: #""settings": "{\"apiKey\":\"f3c1d8e2a7b94c05\",\"endpoint\":\"europe\""#,
            with: #""settings": "{\"apiKey\":\"f3c1d8e2a7b94c05\",\"endpoint\":europe"#)
        #expect(broken != text)
        let dir = try temporaryFolder(["plan.json": broken])
        let path = dir.appendingPathComponent("plan.json").path
        let r = try residency(["check", "--inventory", path] + Self.now)
        #expect(r.status == 2)
        #expect(r.stderr.contains("error[E1401]: `settings` of segment_destination.amplitude is not valid JSON"), "\(r.stderr)")
        #expect(r.stderr.contains("\(path):"))
    }
}
