/// The baseline stages of a run (`--baseline`): reading last night's document, and comparing
/// tonight's findings with it, the built-in RES-010 (a workspace's region cannot change) included.
extension AuditRun {
    /// What comparing with the baseline gives the document: the delta and its notices.
    struct BaselineComparison {
        var delta: ResultDocument.BaselineDelta
        var notices: [ResultDocument.Notice]
    }

    /// The `--baseline` document, read (nil without one, or when it cannot be read: then the
    /// reasons are among the diagnostics).
    static func loadBaseline(_ options: Options, diagnostics: inout [Diagnostic], files: inout [SourceFile]) -> Baseline? {
        guard let path = options.baseline else { return nil }
        let (loaded, file, d) = Baseline.load(path: path)
        // Kept for rendering what is wrong with it: a night's document is tens of megabytes that
        // nothing else of the run reads.
        if let file, !d.isEmpty { files.append(file) }
        diagnostics += d
        return loaded
    }

    /// Marks each failing or undecided finding new or unchanged, adds RES-010's findings for
    /// regions that changed, and lists what was resolved; nil when the baseline changed while
    /// the run read it (`Baseline.changedWhileRead`).
    static func compare(
        _ results: inout [Finding], with baseline: Baseline, _ workspaces: [WorkspaceModel], failOnNew: Bool
    ) -> BaselineComparison? {
        var seen = Set<String>()
        var changes = ChangeCounts()
        mark(&results, baseline, workspaces, seen: &seen, counts: &changes)
        return comparison(
            baseline, seen: seen, present: Set(workspaces.map(\.workspace.slug)), counts: changes, failOnNew: failOnNew)
    }

    /// How many findings were new and unchanged.
    struct ChangeCounts {
        var new = 0
        var unchanged = 0
    }

    /// The comparison's part in `workspaces` (a run's, or a batch's): RES-010's findings put
    /// in place, findings marked, the baseline's fingerprints met added to `seen`.
    static func mark(
        _ results: inout [Finding], _ baseline: Baseline, _ workspaces: [WorkspaceModel], seen: inout Set<String>,
        counts: inout ChangeCounts
    ) {
        results = placing(regionChanges(workspaces, baseline), in: results, workspaces)
        baseline.mark(&results, seen: &seen)
        // Counted in one pass: filtering would copy every finding it keeps.
        for i in results.indices {
            if results[i].change == .new { counts.new += 1 } else if results[i].change == .unchanged { counts.unchanged += 1 }
        }
    }

    /// The delta once every finding was marked: what is resolved, and a notice per baseline
    /// workspace the run did not have (`present`: the slugs it had). Nil when the baseline's
    /// resolved findings can no longer be read from it.
    static func comparison(
        _ baseline: Baseline, seen: Set<String>, present: Set<String>, counts: ChangeCounts, failOnNew: Bool
    ) -> BaselineComparison? {
        // A finding of a workspace that is not in tonight's inventories was not resolved:
        // it was not looked at. Said in a notice per workspace, and not counted as resolved.
        guard let (resolved, unseen) = baseline.resolved(seen: seen, present: present) else { return nil }
        var notices: [ResultDocument.Notice] = []
        for (slug, count) in unseen.sorted(by: { $0.key < $1.key }) {
            notices.append(
                .init(
                    code: "baseline-workspace-missing", policy: nil,
                    message:
                        "workspace \(slug) is in the baseline but not in this run's inventories: its \(count) failing or "
                        + "undecided finding\(count == 1 ? " was" : "s were") not checked, so none is counted as resolved"
                ))
        }
        return BaselineComparison(
            delta: .init(
                path: baseline.path, sha256: baseline.sha256, new: counts.new, unchanged: counts.unchanged, resolved: resolved,
                failOnNew: failOnNew),
            notices: notices)
    }

    /// RES-010: a Segment workspace's region is fixed at creation; a different region than
    /// in the baseline means the data now sits elsewhere (a migration), which is its own error.
    static let regionChangePolicy = "RES-010"
    static let regionChangeTitle = "A workspace's region cannot change"

    static func regionChanges(_ workspaces: [WorkspaceModel], _ baseline: Baseline) -> [Finding] {
        workspaces.compactMap { m in
            guard let before = baseline.regions[m.workspace.id], let now = m.workspace.region, before != now else { return nil }
            var f = Finding(
                policy: regionChangePolicy, title: regionChangeTitle, severity: .error, outcome: .fail,
                workspace: m.workspace.slug, resourceKind: "workspace", resourceId: m.workspace.id,
                resourceName: m.workspace.name ?? m.workspace.slug,
                message:
                    "workspace \(m.workspace.slug) was \(before) in the baseline and is \(now) now: a Segment workspace's region cannot change, so its data was moved to another workspace",
                remediation: "Confirm the migration and its legal review, then audit the new workspace against a new baseline.",
                evidence: [
                    Evidence(expression: "baseline region", value: "\"\(before)\""),
                    Evidence(expression: "region", value: "\"\(now)\""),
                ])
            f.fingerprint = Finding.fingerprint(
                policy: regionChangePolicy, workspaceID: m.workspace.id, kind: "workspace", resourceID: m.workspace.id)
            return f
        }
    }

    static let regionChangePolicyInfo = ResultDocument.PolicyInfo(
        id: regionChangePolicy, kind: "policy", title: regionChangeTitle, severity: "error", resourceKind: "workspace",
        rationale:
            "Segment fixes a workspace's data processing region when it is created; data that now sits in another region was migrated, which needs its own review.",
        references: ["Segment: Regional Segment, Create a new workspace with a different region"],
        file: "(built in, with --baseline)", line: 0, permits: nil, permittedBy: [])
}
