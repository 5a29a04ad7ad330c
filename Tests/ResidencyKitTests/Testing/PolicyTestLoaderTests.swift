import Testing

@testable import ResidencyKit

/// Every mistake in a test file is an error at its place, never a test that checks less.
struct PolicyTestLoaderTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        var code: String
        /// `line:column` of the diagnostic.
        var at: String
        var testDescription: String { name }
    }

    static let inventory = TestPack.inventory()

    static let cases: [Case] = [
        Case(
            name: "unknown key in an expectation",
            text: """
                tests:
                  - name: t
                    inventory:
                \(inventory)
                    expect:
                      - {policy: T-1, resource: d1, outcme: pass}
                """, code: "E1102", at: "10:37"),
        Case(
            name: "unknown key in a test",
            text: """
                tests:
                  - name: t
                    inventroy: {}
                    expect: [{policy: T-1, resource: d1, outcome: pass}]
                """, code: "E1102", at: "3:5"),
        Case(
            name: "unknown policy",
            text: """
                tests:
                  - name: t
                    inventory:
                \(inventory)
                    expect: [{policy: T-9, resource: d1, outcome: pass}]
                """, code: "E1103", at: "9:23"),
        Case(
            name: "a permit named as the policy",
            text: """
                tests:
                  - name: t
                    inventory:
                \(inventory)
                    expect: [{policy: T-2, resource: d1, outcome: pass}]
                """, code: "E1103", at: "9:23"),
        Case(
            name: "unknown outcome",
            text: """
                tests:
                  - name: t
                    inventory:
                \(inventory)
                    expect: [{policy: T-1, resource: d1, outcome: passed}]
                """, code: "E1104", at: "9:51"),
        Case(
            name: "waived is not an outcome a test can expect",
            text: """
                tests:
                  - name: t
                    inventory:
                \(inventory)
                    expect: [{policy: T-1, resource: d1, outcome: waived}]
                """, code: "E1104", at: "9:51"),
        Case(
            name: "permit on an outcome other than permitted",
            text: """
                tests:
                  - name: t
                    inventory:
                \(inventory)
                    expect: [{policy: T-1, resource: d1, outcome: fail, permit: T-2}]
                """, code: "E1105", at: "9:65"),
        Case(
            name: "permit that does not permit the policy",
            text: """
                tests:
                  - name: t
                    inventory:
                \(inventory)
                    expect: [{policy: T-1, resource: d1, outcome: permitted, permit: T-3}]
                """, code: "E1105", at: "9:70"),
        Case(
            name: "impossible date",
            text: """
                date: 2026-02-30
                tests:
                  - name: t
                    inventory:
                \(inventory)
                    expect: [{policy: T-1, resource: d1, outcome: pass}]
                """, code: "E1106", at: "1:7"),
        Case(
            name: "no inventory",
            text: """
                tests:
                  - name: t
                    expect: [{policy: T-1, resource: d1, outcome: pass}]
                """, code: "E1107", at: "2:11"),
        Case(
            name: "both inventory and fixture",
            text: """
                tests:
                  - name: t
                    fixture: x.json
                    inventory:
                \(inventory)
                    expect: [{policy: T-1, resource: d1, outcome: pass}]
                """, code: "E1107", at: "2:11"),
        Case(
            name: "no expectations",
            text: """
                tests:
                  - name: t
                    inventory:
                \(inventory)
                    expect: []
                """, code: "E1108", at: "2:11"),
        Case(
            name: "two tests with one name",
            text: """
                tests:
                  - name: t
                    inventory:
                \(inventory)
                    expect: [{policy: T-1, resource: d1, outcome: pass}]
                  - name: t
                    inventory:
                \(inventory)
                    expect: [{policy: T-1, resource: d1, outcome: pass}]
                """, code: "E1109", at: "10:11"),
        Case(name: "no tests", text: "date: 2026-11-28\ntests: []\n", code: "E1111", at: "2:8"),
        Case(
            name: "param value that is an object",
            text: """
                params: {strict: {a: 1}}
                tests:
                  - name: t
                    inventory:
                \(inventory)
                    expect: [{policy: T-1, resource: d1, outcome: pass}]
                """, code: "E1112", at: "1:18"),
        Case(
            name: "missing outcome",
            text: """
                tests:
                  - name: t
                    inventory:
                \(inventory)
                    expect: [{policy: T-1, resource: d1}]
                """, code: "E0603", at: "9:14"),
        Case(
            name: "a problem in the inline inventory points into the test file",
            text: """
                tests:
                  - name: t
                    inventory:
                \(TestPack.inventory(enabled: "yes"))
                    expect: [{policy: T-1, resource: d1, outcome: pass}]
                """, code: "E0602", at: "8:54"),
        Case(name: "not YAML", text: "tests: [\n", code: "E0610", at: "2:1"),
    ]

    @Test(arguments: cases)
    func mistakeIsAnErrorAtItsPlace(_ c: Case) {
        let loaded = TestPack.load(c.text)
        #expect(loaded.suite == nil)
        let d = loaded.diagnostics.first { $0.severity == .error }
        #expect(d?.code == c.code, "\(loaded.diagnostics.map { "\($0.code) \($0.message)" })")
        #expect(d.flatMap { $0.range.map { "\($0.start.line):\($0.start.column)" } } == c.at, "\(d?.message ?? "")")
    }

    @Test func unknownKeySuggestsTheKnownOne() {
        let loaded = TestPack.load(
            """
            tests:
              - name: t
                inventory:
            \(Self.inventory)
                expect:
                  - {policy: T-1, resource: d1, outcme: pass}
            """)
        #expect(loaded.diagnostics.contains { $0.code == "E1102" && $0.help == "did you mean `outcome`?" })
    }

    @Test func aValidFileLoadsWithDefaultsAndOverrides() throws {
        let loaded = TestPack.load(
            """
            date: 2026-01-02
            params: {strict: false}
            facts: {dpfCertified: [Mixpanel]}
            tests:
              - name: first
                inventory:
            \(Self.inventory)
                expect: [{policy: T-1, resource: d1, outcome: pass}]
              - name: second
                date: 2026-03-04
                params: {strict: true}
                facts: {sccVendors: [Mixpanel]}
                inventory:
            \(Self.inventory)
                expect: [{policy: T-1, resource: d1, workspace: acme-eu, outcome: pass, message: "x"}]
            """)
        let suite = try #require(loaded.suite, "\(loaded.diagnostics)")
        #expect(suite.cases.map(\.name) == ["first", "second"])
        #expect(suite.cases.map(\.date.description) == ["2026-01-02", "2026-03-04"])
        #expect(suite.cases.map(\.params) == [["strict": "false"], ["strict": "true"]])
        #expect(suite.cases[0].facts == Facts(dpfCertified: ["Mixpanel"]))
        #expect(suite.cases[1].facts == Facts(sccVendors: ["Mixpanel"]))
        #expect(suite.cases[1].expectations.first?.workspace == "acme-eu")
        #expect(suite.cases[1].expectations.first?.messageContains == "x")
        #expect(suite.cases[0].workspaces.first?.destinations.first?.endpoint.region == "eu")
        // The inline inventory has no `warehouses`: a made-up world has none, and is complete
        // (an inventory file without the list is W0609, IncompleteInventoryTests).
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))")
        #expect(suite.cases[0].workspaces.first?.workspace.incomplete.isEmpty == true)
    }

    @Test func testFilesAreFoundByName() {
        #expect(PolicyTestLoader.isTestFile("policies/eu.test.yaml"))
        #expect(PolicyTestLoader.isTestFile("policies/eu.test.json"))
        #expect(!PolicyTestLoader.isTestFile("policies/eu.yaml"))
        #expect(!PolicyTestLoader.isTestFile("policies/eu.policy"))
    }
}
