/// The waiver stages of a run: loading the `--waivers` file, and applying it to the findings.
extension AuditRun {
    /// The `--waivers` file's waivers (none without one), checked against the bundle; its
    /// problems join `diagnostics`.
    static func loadWaivers(
        _ options: Options, _ bundle: CheckedBundle, auditDate: Day, diagnostics: inout [Diagnostic],
        files: inout [SourceFile]
    ) -> [Waiver] {
        guard let path = options.waivers else { return [] }
        let (waivers, file, d) = WaiverLoader.load(
            path: path, policies: bundle.policies.map(\.id), permits: bundle.permits.map(\.id), auditDate: auditDate,
            maximumDays: options.waiverMaximumDays)
        if let file { files.append(file) }
        diagnostics += d
        return waivers
    }

    /// Applies the waivers to the findings. An expired waiver (its findings fail again) and a
    /// stale one (it matches no failing or undecided finding) are each a warning and a notice.
    static func applyWaivers(
        _ waivers: [Waiver], to results: inout [Finding], _ workspaces: [WorkspaceModel], auditDate: Day,
        diagnostics: inout [Diagnostic]
    ) -> [ResultDocument.Notice] {
        let use = markWaivers(waivers, in: &results, workspaces, auditDate: auditDate)
        return waiverNotices(use.report(waivers), diagnostics: &diagnostics)
    }

    /// The waivers' marks on the findings of `workspaces` (a run's, or a batch's).
    static func markWaivers(
        _ waivers: [Waiver], in results: inout [Finding], _ workspaces: [WorkspaceModel], auditDate: Day
    ) -> WaiverUse {
        var ids: [String: String] = [:]
        for w in workspaces { ids[w.workspace.slug] = w.workspace.id }
        return Waiver.mark(waivers, to: &results, workspaceIDs: ids, auditDate: auditDate)
    }

    /// A warning and a notice for each expired or stale waiver, once every finding was seen.
    static func waiverNotices(_ waived: WaiverReport, diagnostics: inout [Diagnostic]) -> [ResultDocument.Notice] {
        var notices: [ResultDocument.Notice] = []
        // Each expired or stale waiver is said twice: a warning for the log, a notice for the report.
        func say(_ w: Waiver, _ warning: Diagnostic, _ code: String, _ what: String) {
            diagnostics.append(warning)
            let which = "waiver for \(w.policy) (\(w.resource ?? "all resources"), approved by \(w.approvedBy))"
            notices.append(.init(code: code, policy: w.policy, message: "\(which) \(what)"))
        }
        for w in waived.expired {
            say(
                w,
                .warning(
                    .W0901, "waiver for \(w.policy) expired on \(w.expires): its findings fail again", at: w.origin,
                    help: "renew it with a new expiry and approval, or fix the finding"),
                "expired-waiver", "expired on \(w.expires)")
        }
        for w in waived.stale {
            say(
                w,
                .warning(
                    .W0902, "waiver for \(w.policy) matches no failing or undecided finding", at: w.origin,
                    help: "remove it: what it excused is fixed or gone"),
                "stale-waiver", "matches nothing")
        }
        return notices
    }
}
