import Foundation

/// Approved, temporary exceptions, kept in their own file apart from the policies: each
/// names one policy and one resource (or, written out explicitly, every resource of the
/// policy), why, who approved it and until when. An expired waiver stops applying, so the
/// finding fails again and the waiver is reported; one that matches nothing is reported as
/// stale. Loaded from JSON or YAML: `{"waivers": [ … ]}`.
package struct Waiver: Sendable, Hashable {
    var policy: String
    /// The workspace (slug or id); nil for any workspace.
    var workspace: String?
    /// The resource id; nil with `allResources` or `fingerprint`.
    var resource: String?
    /// A result's stable fingerprint (from the result document), as an alternative selector.
    var fingerprint: String? = nil
    /// Written out explicitly to waive a policy for every resource.
    var allResources: Bool
    var reason: String
    var approvedBy: String
    /// The last day the waiver applies (inclusive).
    var expires: Day
    /// Where it is written, for diagnostics about it.
    var origin: SourceRange

    /// Whether it covers a finding (policy, workspace and resource match).
    func covers(_ f: Finding, workspaceID: String) -> Bool {
        guard f.policy == policy else { return false }
        if let fingerprint { return fingerprint == f.fingerprint }
        if let ws = workspace, ws != f.workspace, ws != workspaceID { return false }
        return allResources || resource == f.resourceId
    }
}

/// Reads waiver files and checks them against the policies.
package enum WaiverLoader {
    /// The longest a waiver may run by default, from the audit date.
    package static let defaultMaximumDays = 365

    /// Every key a waiver may have (docs/waivers.md).
    static let keys = ["policy", "workspace", "resource", "fingerprint", "allResources", "reason", "approvedBy", "expires"]

    package static func load(
        path: String, policies: [String], permits: [String] = [], auditDate: Day, maximumDays: Int = defaultMaximumDays
    ) -> ([Waiver], SourceFile?, [Diagnostic]) {
        let bytes: [UInt8]
        switch readFileBytes(atPath: path, limit: .waivers) {
        case .success(let b): bytes = b
        case .failure(let error): return ([], nil, [.error(.E0907, "cannot read waivers file \(path): \(error)", at: nil)])
        }
        let file = SourceFile(path: path, bytes: bytes)
        let (waivers, diagnostics) = load(
            file, policies: policies, permits: permits, auditDate: auditDate, maximumDays: maximumDays)
        return (waivers, file, diagnostics)
    }

    package static func load(
        _ file: SourceFile, policies: [String], permits: [String] = [], auditDate: Day, maximumDays: Int = defaultMaximumDays
    ) -> ([Waiver], [Diagnostic]) {
        let tree: DataTree
        switch InventoryLoader.parse(file) {
        case .failure(let d): return ([], [d])
        case .success(let t): tree = t
        }
        var reader = NodeReader(file: file)
        reader.isExport = false
        reader.reportDuplicateKeys(tree)
        if tree.root.kind == .object {
            for u in reader.unknownKeys(tree.root, ["waivers"]) {
                reader.report(.unknownWaiverKey(u.key, in: "the waivers file", at: u.range, help: u.help))
            }
        }
        guard let root = reader.object(tree.root, "waivers file"), let list = reader.list(root, "waivers", "") else {
            if tree.root.kind == .object, tree.root["waivers"] == nil {
                reader.report(
                    .inventoryMissing("the waivers file", field: "waivers", at: reader.range(tree.root), fromExport: false))
            }
            return ([], reader.diagnostics)
        }
        var waivers: [Waiver] = []
        for (i, item) in list.elements.enumerated() {
            let path = "waivers[\(i)]"
            guard let w = reader.object(item, path) else {
                if item.isNull {
                    reader.report(.inventoryType(path, expected: "a waiver", found: item, at: reader.range(item)))
                }
                continue
            }
            let at = reader.range(w)
            // A misspelt selector (`worksapce:`) would widen the waiver to every workspace.
            let unknown = reader.unknownKeys(w, Self.keys)
            for u in unknown { reader.report(.unknownWaiverKey(u.key, in: "a waiver", at: u.range, help: u.help)) }
            // An empty selector is a mistake, not a wildcard: each is reported, and the waiver
            // is left out. So is a null one: `workspace:` with nothing after it is YAML's null,
            // which read as absent would widen the waiver to every workspace.
            let empty = ["workspace", "resource", "fingerprint"].filter { key in
                w[key].map { $0.isNull || $0.string?.trimmingWhitespace().isEmpty == true } ?? false
            }
            for key in empty { reader.report(.emptyWaiverSelector(key, null: w[key]!.isNull, at: reader.range(w[key]!))) }
            guard unknown.isEmpty, empty.isEmpty else { continue }
            guard let policy = reader.requiredString(w, "policy", path, what: "a waiver"),
                let reason = reader.requiredString(w, "reason", path, what: "a waiver"),
                let approvedBy = reader.requiredString(w, "approvedBy", path, what: "a waiver"),
                let expiresText = reader.requiredString(w, "expires", path, what: "a waiver")
            else { continue }
            // Who approved it and why are what a waiver is kept for: blanks say neither.
            let blank = [("reason", reason), ("approvedBy", approvedBy)].filter { $0.1.trimmingWhitespace().isEmpty }
            for (key, _) in blank {
                reader.report(.inventoryMissing("a waiver", field: key, at: reader.range(w[key]!), fromExport: false))
            }
            guard blank.isEmpty else { continue }
            if !policies.contains(policy) {
                let help =
                    permits.contains(policy)
                    ? "\(policy) is a permit: waive the policy whose finding you mean"
                    : Suggestions.didYouMean(policy, in: policies)
                reader.report(
                    .error(.E0901, "waiver names unknown policy `\(policy)`", at: reader.range(w["policy"]!), help: help))
                continue
            }
            guard let expires = Day(iso: expiresText) else {
                reader.report(
                    .error(
                        .E0902, "`expires` must be a real date written YYYY-MM-DD, found \"\(expiresText)\"",
                        at: reader.range(w["expires"]!)))
                continue
            }
            let days = Int(expires.daysSinceEpoch) - Int(auditDate.daysSinceEpoch)
            if days > maximumDays {
                reader.report(
                    .error(
                        .E0903, "waiver expires \(expires), \(days) days from the audit date; the limit is \(maximumDays) days",
                        at: reader.range(w["expires"]!),
                        help: "waivers are temporary: renew it when it expires, or raise --waiver-max-days"))
                continue
            }
            let all = reader.bool(w, "allResources", path) ?? false
            let resource = reader.string(w, "resource", path)
            let fingerprint = reader.string(w, "fingerprint", path)
            let selectors = [all, resource != nil, fingerprint != nil].filter { $0 }.count
            if selectors != 1 {
                reader.report(
                    .error(
                        .E0904,
                        selectors == 0
                            ? "a waiver names its `resource` (an id) or `fingerprint`"
                            : "a waiver names exactly one of `resource`, `fingerprint` and `allResources: true`",
                        at: at, help: "waiving a whole policy must be written out as `allResources: true`"))
                continue
            }
            waivers.append(
                Waiver(
                    policy: policy, workspace: reader.string(w, "workspace", path), resource: resource,
                    fingerprint: fingerprint, allResources: all, reason: reason, approvedBy: approvedBy, expires: expires,
                    origin: at))
        }
        return (waivers, reader.diagnostics)
    }
}

/// What applying waivers did, beyond changing outcomes.
struct WaiverReport: Sendable {
    /// Expired waivers that matched a finding (which stays a failure).
    var expired: [Waiver] = []
    /// Waivers that matched no failing or undecided finding.
    var stale: [Waiver] = []
}

/// Which waivers matched a finding so far, unexpired or expired: summed over the batches of
/// a run in batches, and only then a `WaiverReport` (a waiver is stale when no batch used it).
struct WaiverUse: Sendable {
    var used: [Bool]
    var expiredUsed: [Bool]

    init(count: Int) {
        used = [Bool](repeating: false, count: count)
        expiredUsed = used
    }

    mutating func formUnion(_ other: WaiverUse) {
        for k in used.indices {
            used[k] = used[k] || other.used[k]
            expiredUsed[k] = expiredUsed[k] || other.expiredUsed[k]
        }
    }

    func report(_ waivers: [Waiver]) -> WaiverReport {
        var report = WaiverReport()
        for k in waivers.indices {
            if expiredUsed[k] { report.expired.append(waivers[k]) } else if !used[k] { report.stale.append(waivers[k]) }
        }
        return report
    }
}

extension Waiver {
    /// Applies waivers to findings in place: a fail or indeterminate finding covered by an
    /// unexpired waiver becomes `waived`; one covered only by an expired waiver is left
    /// as it was, with the expiry noted in its reason.
    static func apply(
        _ waivers: [Waiver], to findings: inout [Finding], workspaceIDs: [String: String], auditDate: Day
    ) -> WaiverReport {
        mark(waivers, to: &findings, workspaceIDs: workspaceIDs, auditDate: auditDate).report(waivers)
    }

    /// `apply` without the report: what it marked, for summing over batches.
    static func mark(
        _ waivers: [Waiver], to findings: inout [Finding], workspaceIDs: [String: String], auditDate: Day
    ) -> WaiverUse {
        var use = WaiverUse(count: waivers.count)
        guard !waivers.isEmpty else { return use }
        for i in findings.indices where findings[i].outcome == .fail || findings[i].outcome == .indeterminate {
            let wsID = workspaceIDs[findings[i].workspace] ?? ""
            guard let k = waivers.indices.first(where: { waivers[$0].covers(findings[i], workspaceID: wsID) }) else { continue }
            let w = waivers[k]
            findings[i].waiver = .init(
                approvedBy: w.approvedBy, reason: w.reason, expires: w.expires.description, expired: auditDate > w.expires)
            if auditDate <= w.expires {
                use.used[k] = true
                findings[i].outcome = .waived
                findings[i].reason = "waived until \(w.expires), approved by \(w.approvedBy): \(w.reason)"
            } else {
                use.expiredUsed[k] = true
                findings[i].reason = [findings[i].reason, "a waiver by \(w.approvedBy) expired on \(w.expires)"]
                    .compactMap { $0 }.joined(separator: "; ")
            }
        }
        return use
    }
}

/// Waiver diagnostics declared here beside the loader (E0901–E0904 and E0907 are inline above).
extension Diagnostic {
    static func unknownWaiverKey(_ key: String, in what: String, at r: SourceRange, help: String?) -> Diagnostic {
        .error(
            .E0908, "unknown key `\(key)` in \(what)", at: r,
            help: help ?? "a waiver has \(WaiverLoader.keys.map { "`\($0)`" }.joined(separator: ", "))")
    }
    static func emptyWaiverSelector(_ key: String, null: Bool, at r: SourceRange) -> Diagnostic {
        .error(
            .E0909, "`\(key)` is \(null ? "null" : "empty"): a waiver names what it covers", at: r,
            help: key == "workspace" ? "leave `workspace` out to cover every workspace" : "write the \(key) the result names")
    }
}
