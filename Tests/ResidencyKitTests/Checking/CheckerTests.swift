import Testing

@testable import ResidencyKit

/// Each case is a policy file with 1️⃣ where the diagnostic must point, and its code.
struct CheckerCase: CustomTestStringConvertible, Sendable {
    var name: String
    var source: String
    var code: String
    var help: String? = nil
    var testDescription: String { name }
}

private let header = """
    policy P-1 "t" {
      severity error
      for destination d

    """

@Suite struct CheckerTests {
    static let cases: [CheckerCase] = [
        CheckerCase(
            name: "unknown field", source: header + "  require d.1️⃣endpont.region == \"eu\"\n  message \"m\"\n}\n",
            code: "E0102", help: "did you mean `endpoint`?"),
        CheckerCase(
            name: "unknown name", source: header + "  require 1️⃣dd.enabled\n  message \"m\"\n}\n", code: "E0101",
            help: "did you mean `d`?"),
        CheckerCase(
            name: "unknown function", source: header + "  require d.name.1️⃣endWith(\"x\")\n  message \"m\"\n}\n",
            code: "E0103", help: "did you mean `endsWith`?"),
        CheckerCase(name: "wrong arity", source: header + "  require 1️⃣endsWith(d.name)\n  message \"m\"\n}\n", code: "E0104"),
        CheckerCase(
            name: "wrong argument type", source: header + "  require d.name.endsWith(1️⃣42)\n  message \"m\"\n}\n",
            code: "E0105"),
        CheckerCase(
            name: "string compared with date", source: header + "  require 1️⃣d.name == 2025-04-03\n  message \"m\"\n}\n",
            code: "E0106"),
        CheckerCase(name: "condition not bool", source: header + "  require 1️⃣d.name\n  message \"m\"\n}\n", code: "E0106"),
        CheckerCase(
            name: "unknown enum value", source: header + "  require d.workspace.region == 1️⃣\"eu-wst\"\n  message \"m\"\n}\n",
            code: "E0107", help: "did you mean \"eu-west\"?"),
        CheckerCase(
            name: "enum value in list",
            source: header + "  require d.endpoint.region in [\"eu\", 1️⃣\"europe\"]\n  message \"m\"\n}\n",
            code: "E0107"),
        CheckerCase(
            name: "field of a list", source: header + "  require d.workspace.sources.1️⃣enabled\n  message \"m\"\n}\n",
            code: "E0108"),
        CheckerCase(
            name: "unknown type", source: "define f(x: 1️⃣strin): bool = true\n", code: "E0109",
            help: "did you mean `string`?"),
        CheckerCase(
            name: "invalid cidr literal",
            source: header + "  require cidr(1️⃣\"1.2.3.4/40\") == cidr(\"1.2.3.4\")\n  message \"m\"\n}\n",
            code: "E0111"),
        CheckerCase(
            name: "catalog is not a value", source: header + "  require 1️⃣catalog == \"x\"\n  message \"m\"\n}\n",
            code: "E0112"),
        CheckerCase(
            name: "duplicate policy id",
            source: header
                + "  require true\n  message \"m\"\n}\npolicy 1️⃣P-1 \"again\" {\n  severity error\n  for source s\n  require true\n  message \"m\"\n}\n",
            code: "E0201"),
        CheckerCase(
            name: "missing require", source: "policy 1️⃣P-2 \"t\" {\n  severity error\n  for source s\n  message \"m\"\n}\n",
            code: "E0202"),
        CheckerCase(
            name: "unknown severity",
            source: "policy P-2 \"t\" {\n  severity 1️⃣eror\n  for source s\n  require true\n  message \"m\"\n}\n",
            code: "E0203", help: "did you mean `error`?"),
        CheckerCase(
            name: "unknown kind",
            source: "policy P-2 \"t\" {\n  severity error\n  for 1️⃣destinaton d\n  require true\n  message \"m\"\n}\n",
            code: "E0204", help: "did you mean `destination`?"),
        CheckerCase(
            name: "permit of unknown policy",
            source: header
                + "  require true\n  message \"m\"\n}\npermit X-1 \"p\" {\n  permits 1️⃣P-2\n  for destination d\n  basis \"b\"\n}\n",
            code: "E0205", help: "did you mean `P-1`?"),
        CheckerCase(
            name: "permit over another kind",
            source: header
                + "  require true\n  message \"m\"\n}\npermit X-1 \"p\" {\n  permits P-1\n  for 1️⃣source s\n  basis \"b\"\n}\n",
            code: "E0207"),
        CheckerCase(
            name: "permit without basis",
            source: header + "  require true\n  message \"m\"\n}\npermit 1️⃣X-1 \"p\" {\n  permits P-1\n  for destination d\n}\n",
            code: "E0202"),
        CheckerCase(
            name: "recursive define",
            source: "define 1️⃣a(x: int): bool = b(x)\ndefine b(x: int): bool = a(x)\n" + header
                + "  require a(1)\n  message \"m\"\n}\n",
            code: "E0208"),
        CheckerCase(
            name: "recursive define through method calls",
            source: "define 1️⃣a(x: int): bool = x.b()\ndefine b(x: int): bool = x.a()\n" + header
                + "  require 1.a()\n  message \"m\"\n}\n",
            code: "E0208"),
        CheckerCase(
            name: "define called as a method with a wrong receiver",
            source: "define sendsToEU(v: Destination): bool = v.endpoint.region == \"eu\"\n" + header
                + "  require 1️⃣d.name.sendsToEU()\n  message \"m\"\n}\n",
            code: "E0105"),
        CheckerCase(
            name: "division by zero between literals", source: "let x = 1️⃣1 / 0\n" + header + "  require x > 0\n  message \"m\"\n}\n",
            code: "E0117"),
        CheckerCase(
            name: "overflow between literals",
            source: header + "  require 1️⃣999999999999999999 * 999999999999999999 > 0\n  message \"m\"\n}\n", code: "E0117"),
        CheckerCase(
            name: "string arithmetic", source: header + "  require 1️⃣d.name + \"x\" == \"y\"\n  message \"m\"\n}\n",
            code: "E0106", help: "there is no string arithmetic; build text in a message with `{…}`"),
        CheckerCase(
            name: "date plus an int", source: header + "  require 1️⃣audit.date + 30 > 2025-01-01\n  message \"m\"\n}\n",
            code: "E0106"),
        CheckerCase(
            name: "an enum value without quotes", source: header + "  require d.endpoint.region == 1️⃣eu\n  message \"m\"\n}\n",
            code: "E0101", help: "`eu` is a region; write it as a string: \"eu\""),
        CheckerCase(
            name: "the variable of another policy",
            source: "policy P-0 \"s\" {\n  severity error\n  for source s\n  require s.enabled\n  message \"m\"\n}\n" + header
                + "  require 1️⃣s.enabled\n  message \"m\"\n}\n",
            code: "E0101", help: "`s` is the variable of policy P-0 (`for source s`); this one names its resource `d`"),
        CheckerCase(
            name: "braces in a message", source: header + "  require d.enabled\n  message \"use {1️⃣braces} here\"\n}\n",
            code: "E0101", help: "did you mean `facts`? Or, to write a brace in the text, double it: `{{` and `}}`"),
        CheckerCase(
            name: "assignment for comparison", source: header + "  require d.enabled 1️⃣= true\n  message \"m\"\n}\n",
            code: "E0041", help: "write `==` to compare two values"),
        CheckerCase(
            name: "ordering regions", source: header + "  require 1️⃣d.endpoint.region < \"us\"\n  message \"m\"\n}\n",
            code: "W0104"),
        CheckerCase(
            name: "exists of a field never missing", source: header + "  require exists(1️⃣d.workspace.slug)\n  message \"m\"\n}\n",
            code: "W0105"),
        CheckerCase(
            name: "a built-in policy's id",
            source: "policy 1️⃣RES-013 \"mine\" {\n  severity info\n  for workspace w\n  require true\n  message \"m\"\n}\n",
            code: "E0214"),
        CheckerCase(
            name: "permit without where",
            source: header
                + "  require d.enabled\n  message \"m\"\n}\npermit 1️⃣P-2 \"all\" {\n  permits P-1\n  for destination d\n"
                + "  basis \"b\"\n}\n",
            code: "W0106",
            help: "say which transfers the basis covers, e.g. `where d.vendor in facts.dpfCertified`; a permit meant for every "
                + "resource can say so with `where true`"),
        CheckerCase(
            name: "cyclic let", source: "let 1️⃣a = b\nlet b = a\n" + header + "  require a\n  message \"m\"\n}\n",
            code: "E0209"),
        CheckerCase(
            name: "param default not literal",
            source: "param p: bool = 1️⃣not true\n" + header + "  require p\n  message \"m\"\n}\n",
            code: "E0115"),
        CheckerCase(
            name: "param of record type", source: "param p: 1️⃣Destination\n" + header + "  require true\n  message \"m\"\n}\n",
            code: "E0116"),
        CheckerCase(
            name: "shadowed variable",
            source: header + "  require some 1️⃣d in d.workspace.destinations: d.enabled\n  message \"m\"\n}\n",
            code: "E0211"),
        CheckerCase(
            name: "quantifiers too deep through defines",
            source:
                "define deep(ws: Workspace): bool = every a in ws.sources: every b in ws.sources: every c in ws.sources: true\n"
                + "policy 1️⃣Q-1 \"t\" {\n  severity error\n  for workspace w\n  require every x in w.sources: every y in w.sources: deep(w)\n  message \"m\"\n}\n",
            code: "E0301"),
        CheckerCase(name: "in on a string", source: header + "  require \"x\" in 1️⃣d.name\n  message \"m\"\n}\n", code: "E0106"),
        CheckerCase(
            name: "define called with wrong type",
            source: "define eu(r: string): bool = r == \"eu\"\n" + header + "  require eu(1️⃣d.enabled)\n  message \"m\"\n}\n",
            code: "E0105"),
    ]

    /// One mistake, one error: a misspelt resource kind is reported once, not again at every
    /// use of the variable it binds.
    @Test func aMisspeltKindIsOneError() {
        let text = "policy P-1 \"t\" {\n  severity error\n  for destinaton d\n  where d.enabled\n  require d.endpoint.region == \"eu\"\n  message \"{d.name}\"\n}\n"
        let diagnostics = Audit.checkPolicies(texts: [("case.policy", text)]).diagnostics
        #expect(diagnostics.map(\.code) == ["E0204"])
    }

    /// `exists` of a field that may be missing, or of a never-missing field of a record that
    /// may be missing, is no warning.
    @Test func existsOfWhatMayBeMissingIsQuiet() {
        let text = header + "  require exists(d.name) and exists(d.source.id)\n  message \"m\"\n}\n"
        #expect(Audit.checkPolicies(texts: [("case.policy", text)]).diagnostics.isEmpty)
    }

    @Test(arguments: cases)
    func reportsAtMarker(_ c: CheckerCase) throws {
        let marked = MarkedSource(c.source)
        let checked = Audit.checkPolicies(texts: [("case.policy", marked.text)])
        let position = try #require(marked.positions["1️⃣"])
        let match = checked.diagnostics.first { $0.code == c.code }
        let found = checked.diagnostics.map {
            "\($0.code)@\($0.range?.start.line ?? 0):\($0.range?.start.column ?? 0) \($0.message)"
        }
        let d = try #require(match, "expected \(c.code); got \(found)")
        #expect(d.range?.start.line == position.line, "\(found)")
        #expect(d.range?.start.column == position.column, "\(found)")
        if let help = c.help { #expect(d.help == help) }
        #expect(checked.bundle == nil || d.severity == .warning)
    }

    @Test func unusedLetIsAWarningOnly() throws {
        let checked = Audit.checkPolicies(texts: [
            ("w.policy", "let unused = 1\n" + header + "  require true\n  message \"m\"\n}\n")
        ])
        #expect(checked.bundle != nil)
        #expect(checked.diagnostics.map(\.code) == ["W0101"])
    }

    @Test func missingMessageIsAWarning() throws {
        let checked = Audit.checkPolicies(texts: [("w.policy", header + "  require true\n}\n")])
        #expect(checked.bundle != nil)
        #expect(checked.diagnostics.map(\.code) == ["W0103"])
    }

    @Test func importsMakeDeclarationsVisible() throws {
        let checked = Audit.checkPolicies(texts: [
            (
                "dir/main.policy",
                "import \"lib/helpers.policy\"\n" + header
                    + "  require isEU(d.endpoint.region ?? \"us\") and swiss\n  message \"m\"\n}\n"
            ),
            ("dir/lib/helpers.policy", "param swiss: bool = false\ndefine isEU(r: string): bool = r == eu\nlet eu = \"eu\"\n"),
        ])
        #expect(checked.diagnostics.isEmpty, "\(checked.diagnostics.map(\.message))")
        #expect(checked.sources.files.count == 2)
    }

    @Test func namesAreNotVisibleWithoutImport() throws {
        let checked = Audit.checkPolicies(texts: [
            ("a.policy", header + "  require flag\n  message \"m\"\n}\n"),
            ("b.policy", "param flag: bool = true\n"),
        ])
        #expect(checked.diagnostics.contains { $0.code == "E0101" })
    }

    @Test func reportsEveryErrorNotOnlyTheFirst() throws {
        let source = header + "  require d.endpont == 1 and d.nme == \"x\" and nosuch(1)\n  message \"m\"\n}\n"
        let checked = Audit.checkPolicies(texts: [("m.policy", source)])
        #expect(checked.diagnostics.map(\.code) == ["E0102", "E0102", "E0103"])
    }
}

@Suite struct CheckerLimitTests {
    /// Thousands of chained defines: one clear error, and no deep recursion anywhere.
    @Test func longDefineChainsAreBounded() throws {
        var text = "define f0(x: int): bool = x > 0\n"
        for i in 1..<5000 { text += "define f\(i)(x: int): bool = f\(i - 1)(x)\n" }
        text += "policy P \"t\" {\n  severity error\n  for workspace w\n  require f4999(1)\n  message \"m\"\n}\n"
        let checked = Audit.checkPolicies(texts: [("chain.policy", text)])
        #expect(checked.bundle == nil)
        #expect(checked.diagnostics.filter { $0.code == "E0303" }.count == 1)
        #expect(checked.diagnostics.first { $0.code == "E0303" }?.message.contains("f32") == true)
    }

    @Test func chainsWithinTheLimitCompileAndRun() throws {
        var text = "define f0(x: int): bool = x > 0\n"
        for i in 1..<32 { text += "define f\(i)(x: int): bool = f\(i - 1)(x)\n" }
        text += "policy P \"t\" {\n  severity error\n  for workspace w\n  require f31(1)\n  message \"m\"\n}\n"
        let h = try Harness(text)
        #expect(h.outcomes([Fixtures.eu()]) == ["ws-eu": .pass])
    }
}
