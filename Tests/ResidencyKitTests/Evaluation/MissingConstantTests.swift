import Testing

@testable import ResidencyKit

/// Issue 12's silent passes: a comparison with a constant that is missing — written inline,
/// as a `let`, or as a param whose text does not parse — was decided, so the gate passed.
/// Each must be indeterminate in `check` (the fast code), `explain` and `residency test`
/// (the traced code) alike, on either side of the operator.
struct MissingConstantCase: CustomTestStringConvertible, Sendable {
    var name: String
    var declarations: String
    var requirement: String
    var params: [String: String] = [:]
    var testDescription: String { name }
}

@Suite struct MissingConstantTests {
    static let cases: [MissingConstantCase] = [
        MissingConstantCase(
            name: "inline", declarations: "", requirement: #"d.name != scheme("events.eu1.segmentapis.com/v1")"#),
        MissingConstantCase(
            name: "inline, swapped", declarations: "", requirement: #"scheme("events.eu1.segmentapis.com/v1") != d.name"#),
        MissingConstantCase(
            name: "a let", declarations: "let eu_scheme = scheme(\"events.eu1.segmentapis.com/v1\")\n",
            requirement: "d.name != eu_scheme"),
        MissingConstantCase(
            name: "a let in a list", declarations: "let eu_scheme = scheme(\"events.eu1.segmentapis.com/v1\")\n",
            requirement: "d.name not in [eu_scheme, \"x\"]"),
        MissingConstantCase(
            name: "a param that does not parse", declarations: "param cutoff_text: string = \"2025-01-01\"\n",
            requirement: "audit.date != date(cutoff_text)", params: ["cutoff_text": "2025-13-01"]),
        MissingConstantCase(
            name: "a param that does not parse, ordered", declarations: "param cutoff_text: string = \"2025-01-01\"\n",
            requirement: "audit.date >= date(cutoff_text)", params: ["cutoff_text": "2025-13-01"]),
    ]

    @Test(arguments: cases)
    func isIndeterminateEverywhere(_ c: MissingConstantCase) throws {
        let text =
            c.declarations + "policy T-1 \"t\" {\n  severity error\n  for destination d\n  require \(c.requirement)\n  message \"m\"\n}\n"
        let h = try Harness(text, params: c.params)
        let model = Fixtures.eu()
        let ctx = EvalContext(model: model, catalog: Fixtures.catalog, facts: Fixtures.facts, auditDate: Fixtures.auditDate)
        let amp = try #require(model.destinations.firstIndex { $0.id == "dst-amp" })
        let raw = try #require(h.program.evaluate(ctx).first { $0.resource == Int32(amp) })
        #expect(raw.outcome == .indeterminate, "check")
        #expect(h.program.explain(raw, in: ctx).finding.outcome == .indeterminate, "explain")
        #expect(h.program.trace(raw, in: ctx).outcome == .indeterminate, "residency test")
    }
}
