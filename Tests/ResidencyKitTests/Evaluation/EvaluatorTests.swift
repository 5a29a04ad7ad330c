import Testing

@testable import ResidencyKit

private let res001 = """
    policy RES-001 "EU data never leaves the EU" {
      severity error
      for destination d
      where d.workspace.region == "eu-west" and d.enabled
      require d.endpoint.region == "eu"
      message "{d.name} in {d.workspace.slug} sends data to the {d.endpoint.region} endpoint {d.endpoint.host}"
      remediation "Connect {d.name} through its EU endpoint."
    }

    """

private let res002 = """
    param swiss_adequacy: bool = false
    permit RES-002 "EU-US transfers under the DPF" {
      permits RES-001
      for destination d
      where d.endpoint.region == "us" and d.vendor in facts.dpfCertified and audit.date >= 2023-07-10
        and (not ("CH" in d.workspace.dataSubjects) or swiss_adequacy)
      basis "EU-US Data Privacy Framework (GDPR Art. 45), vendor {d.vendor}"
    }

    """

/// A policy body over destinations of the EU fixture and the outcome per destination id.
struct EvalCase: CustomTestStringConvertible, Sendable {
    var name: String
    var policy: String
    var expected: [String: Outcome]
    var testDescription: String { name }
}

private func destinationPolicy(where condition: String = "true", require requirement: String) -> String {
    "policy T-1 \"t\" {\n  severity error\n  for destination d\n  where \(condition)\n  require \(requirement)\n  message \"m\"\n}\n"
}

@Suite struct EvaluatorTests {
    @Test func res001OutcomesCoverEveryCase() throws {
        let h = try Harness(res001)
        #expect(
            h.outcomes([Fixtures.eu()]) == [
                "dst-amp": .pass, "dst-mix": .fail, "dst-slack": .fail, "dst-unknown": .indeterminate, "dst-off": .notApplicable,
            ])
        #expect(h.outcomes([Fixtures.us()]) == ["dst-us-mix": .notApplicable])
        #expect(h.outcomes([Fixtures.unknownRegion()]) == ["dst-x": .indeterminate])
    }

    @Test func permitTurnsDPFTransfersIntoPermittedOnes() throws {
        let h = try Harness(res001 + res002)
        let findings = h.findings([Fixtures.eu()])
        let mix = try #require(findings.first { $0.resourceId == "dst-mix" })
        #expect(mix.outcome == .permitted)
        #expect(mix.permit == "RES-002")
        #expect(mix.basis == "EU-US Data Privacy Framework (GDPR Art. 45), vendor Mixpanel")
        #expect(findings.first { $0.resourceId == "dst-slack" }?.outcome == .fail)
    }

    @Test func swissDataSubjectsNeedTheAdequacyParam() throws {
        let swiss = Fixtures.eu(dataSubjects: ["EU", "CH"])
        #expect(try Harness(res001 + res002).outcomes([swiss])["dst-mix"] == .fail)
        #expect(try Harness(res001 + res002, params: ["swiss_adequacy": "true"]).outcomes([swiss])["dst-mix"] == .permitted)
        // Undeclared data subjects: the permit cannot be decided, so neither can the finding.
        #expect(try Harness(res001 + res002).outcomes([Fixtures.eu(dataSubjects: nil)])["dst-mix"] == .indeterminate)
    }

    @Test func cidrParamDefaultsAndOverrides() throws {
        let policy =
            "param office: cidr = cidr(\"10.0.0.0/8\")\n"
            + destinationPolicy(require: #"office.contains("10.1.2.3")"#)
        #expect(try Harness(policy).program.params == [.cidr(try CIDR(parsing: "10.0.0.0/8"))])
        #expect(try Harness(policy).outcomes([Fixtures.eu()])["dst-amp"] == .pass)
        #expect(try Harness(policy, params: ["office": "192.168.0.0/16"]).outcomes([Fixtures.eu()])["dst-amp"] == .fail)
    }

    @Test func findingsCarryMessageEvidenceAndReason() throws {
        let h = try Harness(res001)
        let findings = h.findings([Fixtures.eu()])
        let mix = try #require(findings.first { $0.resourceId == "dst-mix" })
        #expect(mix.message == "Mixpanel in acme-eu sends data to the us endpoint api.mixpanel.com")
        #expect(mix.remediation == "Connect Mixpanel through its EU endpoint.")
        // A derived value carries what it was derived from (the endpoint's evidence).
        #expect(
            mix.evidence.contains(
                Evidence(expression: "d.endpoint.region", value: "\"us\"", from: #"settings.apiRegion = "US 🇺🇸""#)))
        #expect(mix.evidence.contains(Evidence(expression: "d.workspace.region", value: "\"eu-west\"")))
        let unknown = try #require(findings.first { $0.resourceId == "dst-unknown" })
        // In words, with who can supply it (issue 13): no policy syntax.
        #expect(unknown.reason == "its endpoint's region is not in the workspace's export")
        #expect(
            unknown.message
                == "EU data never leaves the EU: could not decide for Webhook, because its endpoint's region is not in the workspace's export")
        #expect(unknown.remediation?.hasPrefix("Complete the workspace's export with the missing value") == true)
        let pass = try #require(findings.first { $0.resourceId == "dst-amp" })
        #expect(pass.message == nil)
        #expect(!pass.evidence.isEmpty)
    }

    /// A derived field's evidence says what it rests on (`from`): here who gave the catalog
    /// facts; and each expression is shown once.
    @Test func derivedFieldEvidenceCarriesItsChainOnce() throws {
        let h = try Harness(destinationPolicy(require: "d.integration.euEndpoint"))
        let slack = try #require(h.findings([Fixtures.eu()]).first { $0.resourceId == "dst-slack" })
        #expect(slack.outcome == .fail)
        let items = slack.evidence.filter { $0.expression == "d.integration.euEndpoint" }
        #expect(items.first?.from == #"bundled catalog test: Slack regionEndpoints ["US"]"#)
        #expect(items.count == 1)
    }

    static let cases: [EvalCase] = [
        EvalCase(
            name: "?? supplies a default", policy: destinationPolicy(require: #"(d.endpoint.region ?? "eu") == "eu""#),
            expected: ["dst-amp": .pass, "dst-mix": .fail, "dst-slack": .fail, "dst-unknown": .pass, "dst-off": .fail]),
        EvalCase(
            name: "exists", policy: destinationPolicy(require: "exists(d.endpoint.host)"),
            expected: ["dst-amp": .pass, "dst-mix": .pass, "dst-slack": .pass, "dst-unknown": .fail, "dst-off": .fail]),
        EvalCase(
            name: "false and unknown is false",
            policy: destinationPolicy(require: #"d.enabled == false and d.endpoint.region == "eu""#),
            expected: ["dst-amp": .fail, "dst-mix": .fail, "dst-slack": .fail, "dst-unknown": .fail, "dst-off": .fail]),
        EvalCase(
            name: "true or unknown is true", policy: destinationPolicy(require: #"d.enabled or d.endpoint.region == "eu""#),
            expected: ["dst-amp": .pass, "dst-mix": .pass, "dst-slack": .pass, "dst-unknown": .pass, "dst-off": .fail]),
        EvalCase(
            name: "not in a constant list", policy: destinationPolicy(require: #"d.endpoint.region not in ["us", "in"]"#),
            expected: ["dst-amp": .pass, "dst-mix": .fail, "dst-slack": .fail, "dst-unknown": .indeterminate, "dst-off": .fail]),
        EvalCase(
            name: "catalog look-up", policy: destinationPolicy(require: "catalog.destination(d.catalogName).euEndpoint"),
            expected: ["dst-amp": .pass, "dst-mix": .pass, "dst-slack": .fail, "dst-unknown": .indeterminate, "dst-off": .pass]),
        // The same facts as the resource's own integration record (filled in as the loader
        // does: Fixtures.resolvingIntegrations); Webhooks (Actions) is in no catalog.
        EvalCase(
            name: "integration facts", policy: destinationPolicy(require: "d.integration.euEndpoint"),
            expected: ["dst-amp": .pass, "dst-mix": .pass, "dst-slack": .fail, "dst-unknown": .indeterminate, "dst-off": .pass]),
        EvalCase(
            name: "integration decided by", policy: destinationPolicy(require: #"d.integration.decidedBy == "bundled catalog test""#),
            expected: ["dst-amp": .pass, "dst-mix": .pass, "dst-slack": .pass, "dst-unknown": .indeterminate, "dst-off": .pass]),
        EvalCase(
            name: "where false is not applicable", policy: destinationPolicy(where: "not d.enabled", require: "false"),
            expected: [
                "dst-amp": .notApplicable, "dst-mix": .notApplicable, "dst-slack": .notApplicable,
                "dst-unknown": .notApplicable, "dst-off": .fail,
            ]),
        EvalCase(
            name: "link to source", policy: destinationPolicy(require: #"d.source.ingestRegion == "eu""#),
            expected: ["dst-amp": .pass, "dst-mix": .pass, "dst-slack": .fail, "dst-unknown": .fail, "dst-off": .pass]),
        EvalCase(
            name: "string built-ins",
            policy: destinationPolicy(require: #"lower(d.name ?? "").startsWith("mix") or d.catalogName.endsWith("(Actions)")"#),
            expected: ["dst-amp": .pass, "dst-mix": .pass, "dst-slack": .fail, "dst-unknown": .pass, "dst-off": .pass]),
        EvalCase(
            name: "some over the workspace",
            policy: destinationPolicy(require: #"some s in d.workspace.sources: s.id == d.source.id and s.ingestRegion == "eu""#),
            expected: ["dst-amp": .pass, "dst-mix": .pass, "dst-slack": .fail, "dst-unknown": .fail, "dst-off": .pass]),
        EvalCase(
            name: "count", policy: destinationPolicy(require: "count(x in d.source.destinations where x.enabled) >= 2"),
            expected: ["dst-amp": .pass, "dst-mix": .pass, "dst-slack": .pass, "dst-unknown": .pass, "dst-off": .pass]),
        EvalCase(
            name: "define and let",
            policy: "let eu = \"eu\"\ndefine inEU(x: Destination): bool = x.endpoint.region == eu\n"
                + destinationPolicy(require: "inEU(d) or not d.enabled"),
            expected: ["dst-amp": .pass, "dst-mix": .fail, "dst-slack": .fail, "dst-unknown": .indeterminate, "dst-off": .pass]),
        EvalCase(
            name: "dates", policy: destinationPolicy(require: "audit.date >= 2025-04-03 and audit.date < 2027-01-01"),
            expected: ["dst-amp": .pass, "dst-mix": .pass, "dst-slack": .pass, "dst-unknown": .pass, "dst-off": .pass]),
    ]

    @Test(arguments: cases)
    func destinationOutcomes(_ c: EvalCase) throws {
        #expect(try Harness(c.policy).outcomes([Fixtures.eu()]) == c.expected)
    }

    @Test func workspaceQuantifiersAndCIDRs() throws {
        let h = try Harness(
            """
            policy W-1 "warehouses in the EU" {
              severity error
              for workspace ws
              require every w in ws.warehouses: w.region == "eu"
              message "m"
            }
            policy W-2 "segment may connect" {
              severity error
              for warehouse w
              where w.catalogName in ["Redshift", "Postgres"]
              require cidr("3.251.148.96/29") in w.allowlistedCidrs
              message "m"
            }
            """)
        let byKey = Dictionary(
            h.findings([Fixtures.eu()]).map { ("\($0.policy)/\($0.resourceId)", $0.outcome) }, uniquingKeysWith: { a, _ in a })
        #expect(byKey == ["W-1/ws-eu": .fail, "W-2/wh-rs": .pass, "W-2/wh-pg": .indeterminate])
    }

    @Test func expectSomeReportsPoliciesThatMatchedNothing() throws {
        let h = try Harness(
            """
            policy E-1 "t" {
              severity warning
              for warehouse w
              where w.region == "jp"
              require true
              message "m"
              expect some
            }
            """)
        let evaluation = h.program.evaluate(
            [Fixtures.eu(), Fixtures.us()], catalog: Fixtures.catalog, facts: Fixtures.facts,
            auditDate: Fixtures.auditDate)
        #expect(evaluation.unmatchedPolicies == [0])
    }

    @Test func parallelResultsAreDeterministic() throws {
        let h = try Harness(res001 + res002)
        let models = (0..<64).map { i in i % 3 == 0 ? Fixtures.us() : Fixtures.eu(dataSubjects: i % 2 == 0 ? ["EU"] : ["CH"]) }
        let a = h.findings(models), b = h.findings(models)
        #expect(a == b)
        #expect(a.count == models.reduce(0) { $0 + $1.destinations.count })
        let sequential = models.flatMap { h.findings([$0]) }
        #expect(a == sequential)
    }

    @Test func unknownParamOverrideIsAnError() throws {
        let checked = Audit.checkPolicies(texts: [("p.policy", res001 + res002)])
        let (program, diagnostics) = PolicyProgram.compile(try #require(checked.bundle), overrides: ["swiss_adequacyy": "true"])
        #expect(program == nil)
        #expect(diagnostics.first?.code == "E0501")
        #expect(diagnostics.first?.help == "did you mean `swiss_adequacy`?")
    }
}
