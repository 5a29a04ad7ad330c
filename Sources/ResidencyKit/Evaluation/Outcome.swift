/// What a policy concluded about one resource.
public enum Outcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// The requirement holds.
    case pass
    /// The requirement does not hold and no permit applies: a violation.
    case fail
    /// A value the policy needed is missing or unknown: neither a pass nor a fail.
    case indeterminate
    /// The policy's `where` is false for this resource.
    case notApplicable = "not-applicable"
    /// The requirement does not hold but a permit gives a legal basis.
    case permitted
    /// An approved, unexpired waiver covers the finding.
    case waived

    /// Position in `allCases`, for tallies kept in arrays rather than dictionaries.
    var ordinal: Int {
        switch self {
        case .pass: 0
        case .fail: 1
        case .indeterminate: 2
        case .notApplicable: 3
        case .permitted: 4
        case .waived: 5
        }
    }
}

/// One (policy, resource) outcome as evaluation produces it: four small numbers, so a run
/// over hundreds of thousands of resources allocates nothing per result. Messages and
/// evidence are produced on demand from these (see `PolicyProgram.describe`).
package struct RawResult: Sendable, Hashable {
    /// Index into `PolicyProgram.policies`.
    var policy: Int32
    /// Index of the resource in its workspace's table for the policy's kind.
    var resource: Int32
    var outcome: Outcome
    /// Index into `PolicyProgram.permits` of the permit that applied, or -1.
    var permit: Int32
}

/// The results of one workspace, in policy order then resource order.
struct WorkspaceResults: Sendable {
    var workspace: Int
    var results: [RawResult]
}

/// A whole run: results per workspace in input order, and what could not be concluded.
package struct Evaluation: Sendable {
    var workspaces: [WorkspaceResults]
    /// Policies with `expect some` that applied to no resource at all.
    var unmatchedPolicies: [Int]

    /// Counts of each outcome across the run.
    package var counts: [Outcome: Int] {
        var tally = [Int](repeating: 0, count: Outcome.allCases.count)
        for w in workspaces { for r in w.results { tally[r.outcome.ordinal] += 1 } }
        var c: [Outcome: Int] = [:]
        for (i, o) in Outcome.allCases.enumerated() where tally[i] > 0 { c[o] = tally[i] }
        return c
    }

    /// The number of (policy, resource) pairs evaluated.
    package var evaluated: Int { workspaces.reduce(0) { $0 + $1.results.count } }
}
