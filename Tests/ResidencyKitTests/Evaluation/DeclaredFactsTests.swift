import Testing

@testable import ResidencyKit

/// The organisation's own facts (issue 12): `record` and `fact` declarations in the policies,
/// a facts file checked against them, and policies that read `facts.vendors[d.vendor].…`.
@Suite struct DeclaredFactsTests {
    static let declarations = """
        record Vendor {
          dpaExpires: date
          categories: list<string>
          approved: bool
        }
        fact vendors: map<Vendor>
        fact restrictedCategories: list<string>

        """

    static let policy =
        declarations + """
            policy DPA-1 "The vendor's DPA runs for 30 more days" {
              severity error
              for destination d
              where d.enabled
              require facts.vendors[d.vendor].dpaExpires >= audit.date + days(30)
              message "{d.vendor}'s DPA expires {facts.vendors[d.vendor].dpaExpires}"
            }

            """

    static let factsFile = """
        dpfCertified: [Mixpanel]
        vendors:
          Mixpanel: {dpaExpires: "2027-06-30", categories: [analytics], approved: true}
          Amplitude: {dpaExpires: "2026-12-15"}
        restrictedCategories: [health]

        """

    static func facts(_ text: String, _ bundle: CheckedBundle) -> (Facts, [Diagnostic]) {
        FactsLoader.load(SourceFile(path: "facts.yaml", text: text), declared: bundle.facts)
    }

    @Test func policiesReadDeclaredFacts() throws {
        let h = try Harness(Self.policy)
        let (facts, diagnostics) = Self.facts(Self.factsFile, h.program.bundle)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        #expect(facts.declared["restrictedCategories"] == .list([.string("health")]))
        let model = Fixtures.eu()
        let ctx = EvalContext(model: model, catalog: Fixtures.catalog, facts: facts, auditDate: Fixtures.auditDate)
        let findings = h.program.evaluate(ctx).map { h.program.describe($0, in: ctx) }
        let byID = Dictionary(uniqueKeysWithValues: findings.map { ($0.resourceId, $0) })
        #expect(byID["dst-mix"]?.outcome == .pass)
        // 2026-12-15 is within 30 days of the audit date, 2026-11-28.
        #expect(byID["dst-amp"]?.outcome == .fail)
        #expect(byID["dst-amp"]?.message == "Amplitude's DPA expires 2026-12-15")
        // Slack is not in the map: unknown, never a pass.
        #expect(byID["dst-slack"]?.outcome == .indeterminate)
        #expect(byID["dst-slack"]?.reason == "the fact “vendors” for this resource is not given in the organisation's facts file")
    }

    struct CheckCase: CustomTestStringConvertible, Sendable {
        var name: String
        var source: String
        var code: String
        var help: String?
        var testDescription: String { name }
    }

    static func requirement(_ r: String) -> String {
        declarations + "policy P-1 \"t\" {\n  severity error\n  for destination d\n  require \(r)\n  message \"m\"\n}\n"
    }

    static let checkCases: [CheckCase] = [
        CheckCase(
            name: "misspelt fact", source: requirement(#"facts.vendrs["x"].approved"#), code: "E0102",
            help: "did you mean `vendors`?"),
        CheckCase(
            name: "misspelt record field", source: requirement(#"facts.vendors["x"].aproved"#), code: "E0102",
            help: "did you mean `approved`?"),
        CheckCase(
            name: "undeclared fact", source: requirement(#"facts.retention > 30"#), code: "E0102"),
        CheckCase(
            name: "misspelt record type", source: "fact v: map<Vendr>\n" + requirement("true"), code: "E0109",
            help: "did you mean `Vendor`?"),
        CheckCase(name: "duplicate fact", source: "fact vendors: list<string>\n" + requirement("true"), code: "E0201"),
        CheckCase(name: "record in itself", source: "record Node { next: Node }\n" + requirement("true"), code: "E0213"),
        CheckCase(name: "fact of a model record", source: "fact home: Destination\n" + requirement("true"), code: "E0106"),
        CheckCase(name: "built-in fact redeclared", source: "fact dpfCertified: list<string>\n" + requirement("true"), code: "E0212"),
        CheckCase(
            name: "date compared with a string", source: requirement(#"facts.vendors["x"].dpaExpires == "2026-01-01""#),
            code: "E0106"),
    ]

    @Test(arguments: checkCases)
    func checked(_ c: CheckCase) {
        let diagnostics = Audit.checkPolicies(texts: [("t.policy", c.source)]).diagnostics.filter { $0.severity == .error }
        #expect(diagnostics.map(\.code) == [c.code], "\(diagnostics.map(\.message))")
        if let help = c.help { #expect(diagnostics.first?.help == help) }
    }

    struct FileCase: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        var code: String
        var fragment: String
        var line: Int
        var testDescription: String { name }
    }

    static let fileCases: [FileCase] = [
        FileCase(
            name: "a date that is not a date", text: "vendors:\n  Mixpanel: {dpaExpires: 2027}\n", code: "E0711",
            fragment: "fact `vendors[\"Mixpanel\"].dpaExpires` is a number, where the policies declare date", line: 2),
        FileCase(
            name: "an unknown record field", text: "vendors:\n  Mixpanel: {dpaExpire: \"2027-01-01\"}\n", code: "E0710",
            fragment: "unknown field `dpaExpire` of Vendor", line: 2),
        FileCase(
            name: "an undeclared fact", text: "retention: 30\n", code: "E0710", fragment: "unknown fact `retention`", line: 1),
        FileCase(name: "null", text: "restrictedCategories: null\n", code: "E0711", fragment: "is null", line: 1),
        FileCase(
            name: "a list where a map is declared", text: "vendors: [Mixpanel]\n", code: "E0711",
            fragment: "fact `vendors` is an array, where the policies declare map<Vendor>", line: 1),
    ]

    @Test(arguments: fileCases)
    func factsFileIsCheckedAgainstTheDeclarations(_ c: FileCase) throws {
        let h = try Harness(Self.policy)
        let (_, diagnostics) = Self.facts(c.text, h.program.bundle)
        #expect(diagnostics.map(\.code) == [c.code])
        #expect(diagnostics.first?.message.contains(c.fragment) == true, "\(diagnostics.map(\.message))")
        #expect(diagnostics.first?.range?.start.line == c.line)
    }
}
