/// Policy unit tests (`residency test`): files written next to the policies, each test a
/// small inventory (inline, or a fixture file) and the outcome expected for chosen
/// (policy, resource) pairs. See docs/testing.md for the file format.

/// One test file, loaded and checked against the policies it tests.
public struct PolicyTestSuite: Sendable {
    /// The test file (diagnostics and failures point into it).
    public var file: SourceFile
    public var cases: [PolicyTestCase]

    public init(file: SourceFile, cases: [PolicyTestCase]) {
        self.file = file
        self.cases = cases
    }
}

/// One test: inputs, and what the policies must conclude about them.
public struct PolicyTestCase: Sendable {
    public var name: String
    /// Where the test is written: its `name`.
    public var origin: SourceRange
    /// `audit.date` for this test.
    public var date: Day
    /// `--param` values, as text (checked against the params' types when compiling).
    public var params: [String: String]
    public var facts: Facts
    /// The catalog the inventory was normalised with and the policies look up.
    public var catalog: Catalog
    /// The workspaces of the inline inventory or the fixture files.
    public var workspaces: [WorkspaceModel]
    public var expectations: [PolicyExpectation]

    public init(
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
public struct PolicyExpectation: Sendable, Hashable {
    public var policy: String
    public var resource: String
    /// The workspace (slug or id), needed only when the resource id is in several.
    public var workspace: String?
    public var outcome: Outcome
    /// For `permitted`: the permit that must have applied.
    public var permit: String?
    /// Text the finding's message must contain (fail, permitted and indeterminate findings
    /// have one).
    public var messageContains: String?
    /// Where the expectation is written.
    public var origin: SourceRange

    public init(
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
public struct PolicyTestResult: Sendable {
    public var suite: String
    public var name: String
    public var origin: SourceRange
    /// One entry per expectation that did not hold; empty when the test passed.
    public var failures: [ExpectationFailure]
    /// How many expectations were checked.
    public var checked: Int

    public var passed: Bool { failures.isEmpty }
}

/// An expectation that did not hold, with the evaluation's evidence.
public struct ExpectationFailure: Sendable {
    public var expectation: PolicyExpectation
    /// What went wrong, in one line: "expected pass, got fail", "no destination `d9` …".
    public var problem: String
    /// How the outcome came about, when the pair was evaluated.
    public var explanation: Explanation?
}

/// Everything a `residency test` run found.
public struct PolicyTestReport: Sendable {
    public var results: [PolicyTestResult]
    /// Present when coverage was asked for.
    public var coverage: PolicyCoverage?
    /// Warnings about the tests' inventories that were counted but not shown.
    public var hiddenWarnings = 0

    public var failed: Int { results.filter { !$0.passed }.count }
    public var passed: Int { results.count - failed }
    public var expectations: Int { results.reduce(0) { $0 + $1.checked } }
}
