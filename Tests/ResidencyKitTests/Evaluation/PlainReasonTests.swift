import Testing

@testable import ResidencyKit

/// Reasons are for the people who read the report (issue 13): what is missing, in words,
/// and who can supply it — never policy syntax or a command-line flag; a Terraform plan's
/// unknown values are "known only after apply".
@Suite struct PlainReasonTests {
    static func run(_ inventory: String, facts: Bool = true) throws -> ResultDocument {
        var options = AuditRun.Options()
        options.policies = ["\(ReportFixtures.root)/policies"]
        options.inventories = ["\(ReportFixtures.root)/\(inventory)"]
        if facts { options.facts = "\(ReportFixtures.root)/examples/facts.yaml" }
        options.clock = { JUnitReportTests.instant }
        return try #require(AuditRun.run(options).document)
    }

    /// The example has no undecided result with its facts; without them, and in the plan, it has.
    @Test(arguments: [("examples/inventory", false), ("examples/terraform", true), ("examples/terraform", false)])
    func undecidedResultsSayInWordsWhatIsMissing(inventory: String, facts: Bool) throws {
        let doc = try Self.run(inventory, facts: facts)
        let undecided = doc.results.filter { $0.outcome == .indeterminate }
        #expect(!undecided.isEmpty)
        for r in undecided {
            let reason = try #require(r.reason)
            #expect(!reason.contains("`") && !reason.contains("--") && !reason.contains("unknown in the inventory"), "\(reason)")
            #expect(r.message?.contains(reason) == true)
            #expect(r.remediation?.isEmpty == false)
        }
    }

    @Test func terraformValuesAreKnownOnlyAfterApply() throws {
        let doc = try Self.run("examples/terraform")
        let braze = try #require(doc.results.first { $0.policy == "RES-001" && $0.resourceId == "segment_destination.braze" })
        #expect(braze.outcome == .indeterminate)
        #expect(braze.reason == "its endpoint's region is known only after apply: the plan does not know its settings yet")
        #expect(braze.remediation?.hasPrefix("Audit the workspace again once the plan is applied") == true)
    }

    @Test(arguments: [
        ("apiHost", "API host"), ("dataSubjects", "data subjects"), ("allowlistedCidrs", "allowlisted CIDRs"),
        ("sdk", "SDK"), ("ingestURL", "ingest URL"),
    ])
    func fieldNamesReadAsWords(field: String, words: String) {
        #expect(PlainReason.humanize(field) == words)
    }
}
