/// The two statements a run makes, kept apart (issue 13): the **compliance verdict**, a
/// statement about the workspaces that every result counts towards whatever the gate is set
/// to; and the **gate**, a statement about the build (`--fail-on`), which decides the exit code.
/// A run with the gate off can still be non-compliant, and every report says so.
public enum Compliance: String, Sendable, CaseIterable {
    /// An error-severity policy failed and nothing permits or waives it.
    case nonCompliant = "non-compliant"
    /// No error-severity failure, but an error-severity result could not be decided (a value
    /// is missing), or a policy expected to apply applied to nothing.
    case notDecided = "not-decided"
    /// Nothing at error severity failed or was undecided; a warning or info policy did.
    case compliantWithWarnings = "compliant-with-warnings"
    case compliant

    /// The verdict from counts by severity and outcome (`summary.bySeverity`). Permitted and
    /// waived results are not failures: they carry their legal basis or approval.
    /// `blocking`: how many notices leave it undecided (`ResultDocument.Notice.blocks`).
    public static func of(bySeverity: SeverityCounts, blocking: Int) -> Compliance {
        func n(_ s: PolicySeverity, _ o: Outcome) -> Int { bySeverity[s, o] }
        if n(.error, .fail) > 0 { return .nonCompliant }
        if n(.error, .indeterminate) > 0 || blocking > 0 { return .notDecided }
        if [PolicySeverity.warning, .info].contains(where: { n($0, .fail) + n($0, .indeterminate) > 0 }) {
            return .compliantWithWarnings
        }
        return .compliant
    }

    /// As reports write it in capitals: `NOT COMPLIANT`.
    public var headline: String {
        switch self {
        case .nonCompliant: "NOT COMPLIANT"
        case .notDecided: "NOT DECIDED"
        case .compliantWithWarnings: "COMPLIANT WITH WARNINGS"
        case .compliant: "COMPLIANT"
        }
    }

    /// In a sentence: `not compliant`.
    public var words: String { headline.lowercased() }

    /// Whether it is one of the two compliant verdicts.
    public var isCompliant: Bool { self == .compliant || self == .compliantWithWarnings }
}

/// What the gate (`--fail-on`) did with this run's results.
public enum GateState: String, Sendable, CaseIterable {
    /// A result at or above the threshold (or a policy that applied to nothing): exit 1.
    case failed
    case passed
    /// `--fail-on never`: the build is not gated on the results.
    case notApplied = "not-applied"

    /// `gate: failed at error`, `gate: not applied`: the same words in every report.
    public func words(threshold: String) -> String {
        switch self {
        case .failed: "gate: failed at \(threshold)"
        case .passed: "gate: passed at \(threshold)"
        case .notApplied: "gate: not applied"
        }
    }
}

extension ResultDocument.Summary {
    /// `gate: failed at error`.
    public var gateWords: String { gate.words(threshold: failOn.rawValue) }
}

extension ResultDocument {
    /// How many policies expected to apply to some resource and applied to none (the
    /// `unmatched` notices): they leave the verdict undecided and fail the gate. Other notices
    /// (no facts file, files not read, stale waivers …) decide nothing.
    public var unmatchedPolicies: Int { notices.reduce(0) { $0 + ($1.code == "unmatched" ? 1 : 0) } }

    /// The notices that fail the gate and leave the verdict undecided (`Notice.blocks`).
    public var blockingNotices: [Notice] { notices.filter(\.blocks) }

    /// The notices JUnit writes in its run suite: those that fail the gate, and those that say
    /// part of the input was not audited (`Notice.isGap`).
    var runSuiteNotices: [Notice] { notices.filter { $0.blocks || $0.isGap } }

    /// What of the input was not audited although the gate did not count it, in one sentence
    /// for the verdict box (nil when everything given was audited): a verdict of compliant over
    /// an inventory the run knew to be incomplete must say so where the verdict is read.
    var gapSentence: String? {
        let incomplete = notices.reduce(0) { $0 + ($1.code == "incomplete-allowed" ? 1 : 0) }
        let unread = notices.reduce(0) { $0 + ($1.isGap && $1.code != "incomplete-allowed" ? 1 : 0) }
        var parts: [String] = []
        if incomplete > 0 {
            parts.append(
                incomplete == 1
                    ? "1 workspace was audited although its inventory says it is incomplete (the run was told to accept it)"
                    : "\(incomplete) workspaces were audited although their inventories say they are incomplete "
                        + "(the run was told to accept them)")
        }
        if unread > 0 { parts.append(HTMLMarkup.count(unread, "notice names", "notices name") + " files that were not read") }
        guard !parts.isEmpty else { return nil }
        return "Not all of the input was audited: " + parts.joined(separator: "; ") + "."
    }

    /// How many SDKs set up in code send to a source the run cannot name (the blocking
    /// notices of `check --scan`).
    public var unmatchedSetups: Int { notices.reduce(0) { $0 + ($1.blocks && $1.code != "unmatched" ? 1 : 0) } }

    /// What the gate counted of them, in one sentence for people.
    static func setupsSentence(_ n: Int) -> String {
        "\(HTMLMarkup.count(n, "SDK set up in code sends", "SDKs set up in code send")) events with a write key that no "
            + "audited source has, or that the scan could not resolve: where they go is not decided."
    }

    /// Why the verdict is what it is, in words for the people who sign the report: counts of
    /// what failed or could not be decided, by severity, with no policy syntax and no flags.
    public var verdictReason: String {
        let s = summary
        func n(_ severities: [PolicySeverity], _ o: Outcome) -> Int {
            severities.reduce(0) { $0 + (s.bySeverity[$1, o]) }
        }
        let unmatched = unmatchedPolicies
        let errorFails = n([.error], .fail), errorUndecided = n([.error], .indeterminate)
        let lesser = n([.warning, .info], .fail) + n([.warning, .info], .indeterminate)
        var parts: [String] = []
        if errorFails > 0 { parts.append("\(HTMLMarkup.count(errorFails, "result")) of error-severity policies failed") }
        if errorUndecided > 0 {
            parts.append(
                "\(HTMLMarkup.count(errorUndecided, "result")) of error-severity policies could not be decided, because "
                    + "information they need is missing")
        }
        if unmatched > 0 {
            parts.append(
                "\(HTMLMarkup.count(unmatched, "policy", "policies")) expected to apply to some resource applied to none")
        }
        if unmatchedSetups > 0 {
            parts.append(
                "\(HTMLMarkup.count(unmatchedSetups, "SDK set up in code sends", "SDKs set up in code send")) events to a "
                    + "source this audit cannot name")
        }
        if lesser > 0 {
            parts.append("\(HTMLMarkup.count(lesser, "result")) of warning or info policies failed or could not be decided")
        }
        if parts.isEmpty {
            return "Every result passed, did not apply, rests on a recorded legal basis or was waived."
        }
        return parts.joined(separator: "; ") + "."
    }
}

/// How many results had each outcome; every outcome is there, zero when none had it.
public struct OutcomeCounts: Sendable, Equatable {
    private var counts = [Int](repeating: 0, count: Outcome.allCases.count)

    public init() {}

    public subscript(_ outcome: Outcome) -> Int {
        get { counts[outcome.ordinal] }
        set { counts[outcome.ordinal] = newValue }
    }

    /// Adds another part of the run's counts (a batch's).
    package static func += (a: inout Self, b: Self) {
        for o in Outcome.allCases { a[o] += b[o] }
    }
}

/// How many results of each severity's policies had each outcome.
public struct SeverityCounts: Sendable, Equatable {
    private var counts = [OutcomeCounts](repeating: OutcomeCounts(), count: PolicySeverity.allCases.count)

    public init() {}

    public subscript(_ severity: PolicySeverity) -> OutcomeCounts {
        get { counts[Self.index(severity)] }
        set { counts[Self.index(severity)] = newValue }
    }

    public subscript(_ severity: PolicySeverity, _ outcome: Outcome) -> Int {
        get { counts[Self.index(severity)][outcome] }
        set { counts[Self.index(severity)][outcome] = newValue }
    }

    /// A severity's place in `PolicySeverity.allCases`, its order of declaration: a switch,
    /// not a search of the list, which a read document made for each of the 470,000 passes
    /// it counts (1.4% of reading the night's document).
    static func index(_ s: PolicySeverity) -> Int {
        switch s {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    /// Adds another part of the run's counts (a batch's).
    package static func += (a: inout Self, b: Self) {
        for s in PolicySeverity.allCases { a[s] += b[s] }
    }
}
