/// Problems with policy test files (E11xx). Each says what was expected and what was found,
/// at its place in the test file.
extension Diagnostic {
    static func noTestFiles(_ paths: [String]) -> Diagnostic {
        .error(
            .E1101, "no test files (*.test.yaml, *.test.yml, *.test.json) in \(paths.joined(separator: ", "))", at: nil,
            help: "a test run that ran nothing would pass anything; see docs/testing.md for the format")
    }

    static func unknownTestKey(_ key: String, in what: String, allowed: [String], at r: SourceRange) -> Diagnostic {
        .error(
            .E1102, "unknown key `\(key)` in \(what)", at: r,
            help: Suggestions.didYouMean(key, in: allowed) ?? "\(what) takes: \(allowed.joined(separator: ", "))")
    }

    static func unknownTestPolicy(_ id: String, policies: [String], permit: CheckedPermit?, at r: SourceRange) -> Diagnostic {
        let help =
            permit.map { _ in
                "\(id) is a permit: expect `outcome: permitted` and `permit: \(id)` on a policy it permits"
            } ?? Suggestions.didYouMean(id, in: policies)
        return .error(.E1103, "no policy `\(id)` in the policies under test", at: r, help: help)
    }

    static func unknownOutcome(_ text: String, at r: SourceRange) -> Diagnostic {
        let outcomes = Outcome.allCases.filter { $0 != .waived }.map(\.rawValue)
        return .error(
            .E1104, "unknown outcome \"\(text)\"", at: r,
            help: text == Outcome.waived.rawValue
                ? "tests run without waivers; expect the outcome the policy itself reaches"
                : Suggestions.didYouMean(text, in: outcomes) ?? "outcomes: \(outcomes.joined(separator: ", "))")
    }

    static func badExpectedPermit(_ message: String, at r: SourceRange, help: String? = nil) -> Diagnostic {
        .error(.E1105, message, at: r, help: help)
    }

    static func badTestDate(_ text: String, at r: SourceRange) -> Diagnostic {
        .error(.E1106, "`date` must be a real date written YYYY-MM-DD, found \"\(text)\"", at: r)
    }

    static func testInventoryCount(_ name: String, both: Bool, at r: SourceRange) -> Diagnostic {
        .error(
            .E1107,
            both
                ? "test \"\(name)\" has both `inventory` and `fixture`" : "test \"\(name)\" has no `inventory` or `fixture`",
            at: r, help: "give an inline export bundle under `inventory`, or the path of one under `fixture`")
    }

    static func testWithoutExpectations(_ name: String, at r: SourceRange) -> Diagnostic {
        .error(
            .E1108, "test \"\(name)\" expects nothing", at: r,
            help: "a test that cannot fail proves nothing: list outcomes under `expect`")
    }

    static func duplicateTestName(_ name: String, at r: SourceRange, first: SourceRange) -> Diagnostic {
        .error(.E1109, "a second test named \"\(name)\" in this file", at: r)
            .noting("the first is here", at: first)
    }

    static func unreadableTestFile(_ path: String, _ error: FileReadError) -> Diagnostic {
        .error(.E1110, "cannot read test file \(path): \(error)", at: nil)
    }

    static func noTests(at r: SourceRange) -> Diagnostic {
        .error(
            .E1111, "a test file holds a non-empty `tests` list", at: r,
            help: "see docs/testing.md for the format")
    }

    static func badParamValue(_ name: String, found: DataNode, at r: SourceRange) -> Diagnostic {
        .error(
            .E1112, "param `\(name)` takes a single value or a list of values, found \(found.typeName)", at: r)
    }

    static func noMatchingTest(_ filter: String) -> Diagnostic {
        .error(
            .E1113, "no test name contains \"\(filter)\"", at: nil,
            help: "a test run that ran nothing would pass anything; check the --run text")
    }
}
