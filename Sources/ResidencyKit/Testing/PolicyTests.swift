/// Policy unit tests (`residency test`): files written next to the policies, each test a
/// small inventory (inline, or a fixture file) and the outcome expected for chosen
/// (policy, resource) pairs. See docs/testing.md for the file format.

/// One test file, loaded and checked against the policies it tests.
package struct PolicyTestSuite: Sendable {
    /// The test file (diagnostics and failures point into it).
    var file: SourceFile
    var cases: [PolicyTestCase]

    init(file: SourceFile, cases: [PolicyTestCase]) {
        self.file = file
        self.cases = cases
    }
}

/// One test: inputs, and what the policies must conclude about them.
struct PolicyTestCase: Sendable {
    var name: String
    /// Where the test is written: its `name`.
    var origin: SourceRange
    /// `audit.date` for this test.
    var date: Day
    /// `--param` values, as text (checked against the params' types when compiling).
    var params: [String: String]
    var facts: Facts
    /// The catalog the inventory was normalised with and the policies look up.
    package var catalog: Catalog
    /// The workspaces of the inline inventory or the fixture files.
    var workspaces: [WorkspaceModel]
    var expectations: [PolicyExpectation]

    init(
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
struct PolicyExpectation: Sendable, Hashable {
    var policy: String
    var resource: String
    /// The workspace (slug or id), needed only when the resource id is in several.
    var workspace: String?
    var outcome: Outcome
    /// For `permitted`: the permit that must have applied.
    var permit: String?
    /// Text the finding's message must contain (fail, permitted and indeterminate findings
    /// have one).
    var messageContains: String?
    /// Where the expectation is written.
    var origin: SourceRange

    init(
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
struct PolicyTestResult: Sendable {
    var suite: String
    var name: String
    var origin: SourceRange
    /// One entry per expectation that did not hold; empty when the test passed.
    var failures: [ExpectationFailure]
    /// How many expectations were checked.
    var checked: Int

    var passed: Bool { failures.isEmpty }
}

/// An expectation that did not hold, with the evaluation's evidence.
struct ExpectationFailure: Sendable {
    var expectation: PolicyExpectation
    /// What went wrong, in one line: "expected pass, got fail", "no destination `d9` …".
    package var problem: String
    /// How the outcome came about, when the pair was evaluated.
    var explanation: Explanation?
}

/// Everything a `residency test` run found.
package struct PolicyTestReport: Sendable {
    var results: [PolicyTestResult]
    /// Present when coverage was asked for.
    package var coverage: PolicyCoverage?
    /// Warnings about the tests' inventories that were counted but not shown.
    var hiddenWarnings = 0

    package var failed: Int { results.filter { !$0.passed }.count }
    var passed: Int { results.count - failed }
    var expectations: Int { results.reduce(0) { $0 + $1.checked } }
}
