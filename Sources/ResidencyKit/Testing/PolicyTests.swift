/// Policy unit tests (`residency test`): files written next to the policies, each test a
/// small inventory (inline, or a fixture file) and the outcome expected for chosen
/// (policy, resource) pairs. See docs/testing.md for the file format.

/// One test file, loaded and checked against the policies it tests.
package struct PolicyTestSuite: Sendable {
    /// The test file (diagnostics and failures point into it).
    package var file: SourceFile
    package var cases: [PolicyTestCase]

    package init(file: SourceFile, cases: [PolicyTestCase]) {
        self.file = file
        self.cases = cases
    }
}

/// One test: inputs, and what the policies must conclude about them.
package struct PolicyTestCase: Sendable {
    package var name: String
    /// Where the test is written: its `name`.
    package var origin: SourceRange
    /// `audit.date` for this test.
    package var date: Day
    /// `--param` values, as text (checked against the params' types when compiling).
    package var params: [String: String]
    package var facts: Facts
    /// The catalog the inventory was normalised with and the policies look up.
    package var catalog: Catalog
    /// The workspaces of the inline inventory or the fixture files.
    package var workspaces: [WorkspaceModel]
    package var expectations: [PolicyExpectation]

    package init(
        name: String, origin: SourceRange, date: Day, params: [String: String] = [:], facts: Facts = Facts(),
        catalog: Catalog, workspaces: [WorkspaceModel], expectations: [PolicyExpectation]
    ) {
        self.name = name
        self.origin = origin
        self.date = date
        self.params = params
        self.facts = facts
        self.catalog = catalog
        self.workspaces = workspaces
        self.expectations = expectations
    }
}

/// "RES-001 on destination d1 is `fail`", optionally with the permit that applied and a piece
/// of the message.
package struct PolicyExpectation: Sendable, Hashable {
    package var policy: String
    package var resource: String
    /// The workspace (slug or id), needed only when the resource id is in several.
    package var workspace: String?
    package var outcome: Outcome
    /// For `permitted`: the permit that must have applied.
    package var permit: String?
    /// Text the finding's message must contain (fail, permitted and indeterminate findings
    /// have one).
    package var messageContains: String?
    /// Where the expectation is written.
    package var origin: SourceRange

    package init(
        policy: String, resource: String, workspace: String? = nil, outcome: Outcome, permit: String? = nil,
        messageContains: String? = nil, origin: SourceRange
    ) {
        self.policy = policy
        self.resource = resource
        self.workspace = workspace
        self.outcome = outcome
        self.permit = permit
        self.messageContains = messageContains
        self.origin = origin
    }
}

/// What running one test found.
package struct PolicyTestResult: Sendable {
    package var suite: String
    package var name: String
    package var origin: SourceRange
    /// One entry per expectation that did not hold; empty when the test passed.
    package var failures: [ExpectationFailure]
    /// How many expectations were checked.
    package var checked: Int

    package var passed: Bool { failures.isEmpty }
}

/// An expectation that did not hold, with the evaluation's evidence.
package struct ExpectationFailure: Sendable {
    package var expectation: PolicyExpectation
    /// What went wrong, in one line: "expected pass, got fail", "no destination `d9` …".
    package var problem: String
    /// How the outcome came about, when the pair was evaluated.
    package var explanation: Explanation?
}

/// Everything a `residency test` run found.
package struct PolicyTestReport: Sendable {
    package var results: [PolicyTestResult]
    /// Present when coverage was asked for.
    package var coverage: PolicyCoverage?
    /// Warnings about the tests' inventories that were counted but not shown.
    package var hiddenWarnings = 0

    package var failed: Int { results.filter { !$0.passed }.count }
    package var passed: Int { results.count - failed }
    package var expectations: Int { results.reduce(0) { $0 + $1.checked } }
}
