import Testing

@testable import ResidencyKit

/// A region compared with a value that is not one (`"US"` where regions are `"us"`) makes `!=`
/// and `not in` hold for every resource, a US one too. A literal in the comparison was an
/// error (E0107); a `let`, a param or a fact holding it was not, and the gate passed. Now each
/// is checked where its value is known: a `let`'s literal and a param's default by the checker,
/// a `--param` value when the run starts (E0502), a facts file's value when it is read (E0711).
@Suite struct EnumerationNamesTests {
    static func policy(_ declarations: String, require: String) -> String {
        declarations + """

            policy T-1 "t" {
              severity error
              for destination d
              require \(require)
              message "m"
            }

            """
    }

    @Test(
        arguments: [
            ("let forbidden = \"US\"", "d.endpoint.region != forbidden", ["E0107"]),
            ("let forbidden = [\"eu\", \"US\"]", "d.endpoint.region not in forbidden", ["E0107"]),
            ("let a = \"US\"\nlet b = a", "d.endpoint.region != b", ["E0107"]),
            ("param banned: list<string> = [\"US\"]", "d.endpoint.region not in banned", ["E0107"]),
            ("param home: string = \"Eu\"", "d.endpoint.region == home", ["E0107"]),
            ("let forbidden = \"us\"", "d.endpoint.region != forbidden", []),
            // Not compared with a region: any text.
            ("let note = \"US\"", "d.name != note", []),
            // A region with a fallback is a region or the fallback: `"US"` is neither.
            ("", "(d.endpoint.region ?? \"none\") != \"US\"", ["E0107"]),
            ("", "(\"none\" ?? d.endpoint.region) != \"US\"", ["E0107"]),
            ("let forbidden = \"US\"", "(d.endpoint.region ?? \"none\") != forbidden", ["E0107"]),
            ("", "(d.endpoint.region ?? \"none\") not in [\"us\", \"Other\"]", ["E0107"]),
            ("", "(d.endpoint.region ?? \"none\") not in [\"us\", \"none\"]", []),
            ("", "(d.endpoint.region ?? \"eu\") != \"us\"", []),
        ])
    func namesWhoseValuesTheCheckerKnows(_ declarations: String, _ require: String, _ codes: [String]) {
        let diagnostics = Audit.checkPolicies(texts: [("t.policy", Self.policy(declarations, require: require))]).diagnostics
        #expect(diagnostics.filter { $0.severity == .error }.map(\.code) == codes, "\(diagnostics.map(\.message))")
    }

    @Test(arguments: [("US,eu", "\"US\" is not a region"), ("eu,us", nil), ("", nil)] as [(String, String?)])
    func paramValuesGivenAtTheRun(_ value: String, _ error: String?) throws {
        let text = Self.policy("param banned: list<string> = [\"us\"]", require: "d.endpoint.region not in banned")
        let bundle = try #require(Audit.checkPolicies(texts: [("t.policy", text)]).bundle)
        let (_, diagnostics) = ParamValues.resolve(bundle, overrides: ["banned": value])
        #expect(diagnostics.map(\.code) == (error == nil ? [] : ["E0502"]))
        if let error { #expect(diagnostics.first?.message.contains(error) == true, "\(diagnostics.map(\.message))") }
    }

    @Test(
        arguments: [
            ("forbiddenRegions: [eu, US]\n", ["E0711"]), ("forbiddenRegions: [eu, us]\n", []),
            ("forbiddenRegions: []\n", []),
        ])
    func factsGivenInTheFactsFile(_ file: String, _ codes: [String]) throws {
        let text = Self.policy("fact forbiddenRegions: list<string>", require: "d.endpoint.region not in facts.forbiddenRegions")
        let bundle = try #require(Audit.checkPolicies(texts: [("t.policy", text)]).bundle)
        let (_, diagnostics) = FactsLoader.load(SourceFile(path: "facts.yaml", text: file), declared: bundle.facts)
        #expect(diagnostics.map(\.code) == codes, "\(diagnostics.map(\.message))")
        if !codes.isEmpty {
            #expect(
                diagnostics.first?.message
                    == #"fact `forbiddenRegions[1]` is "US", which is not a region, and the policies compare it with one"#)
            #expect(diagnostics.first?.help == #"did you mean "us"?"#)
        }
    }

    /// A fact not compared with a region may hold any text.
    @Test func aFactNotComparedWithARegionIsAnyText() throws {
        let text = Self.policy("fact teams: list<string>", require: "d.name not in facts.teams")
        let bundle = try #require(Audit.checkPolicies(texts: [("t.policy", text)]).bundle)
        let (_, diagnostics) = FactsLoader.load(SourceFile(path: "facts.yaml", text: "teams: [US]\n"), declared: bundle.facts)
        #expect(diagnostics.isEmpty)
    }
}
