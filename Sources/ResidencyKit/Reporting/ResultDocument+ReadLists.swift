/// Reading the long lists of a result document back: policies, workspaces with their data
/// flows, and the results (hundreds of thousands in a nightly run, read in parallel).
extension ResultDocument {
    static func readPolicy(_ o: DataNode, _ path: String, _ r: inout ResultDocumentReader) -> PolicyInfo {
        PolicyInfo(
            id: r.string(o, "id", path), kind: r.word(o, "kind", path, DeclarationKind.allCases)?.rawValue ?? "",
            title: r.string(o, "title", path), severity: r.optionalWord(o, "severity", path, PolicySeverity.allCases)?.rawValue,
            resourceKind: r.string(o, "resourceKind", path), rationale: r.optionalString(o, "rationale", path),
            references: r.strings(o, "references", path), file: r.string(o, "file", path), line: r.int(o, "line", path),
            permits: r.optionalStrings(o, "permits", path), permittedBy: r.optionalStrings(o, "permittedBy", path))
    }

    static func readWorkspace(_ n: DataNode, _ path: String, _ r: inout ResultDocumentReader) -> WorkspaceInfo {
        guard let o = r.element(n, path) else {
            return WorkspaceInfo(id: "", slug: "", sources: [], destinations: [], warehouses: [])
        }
        /// The fields every flow has.
        func common(_ f: DataNode, _ p: String) -> (String, String, String?, Bool?, Int?) {
            (
                r.string(f, "id", p), r.string(f, "name", p), r.optionalString(f, "catalogName", p),
                r.optionalBool(f, "enabled", p), r.optionalInt(f, "line", p)
            )
        }
        func flows<T>(_ key: String, _ read: (DataNode, String) -> T) -> [T] {
            r.array(o, key, path).enumerated().compactMap { i, n in
                let p = "\(path).\(key)[\(i)]"
                return r.element(n, p).map { read($0, p) }
            }
        }
        let sources = flows("sources") { f, p in
            let (id, name, catalogName, enabled, line) = common(f, p)
            return FlowSource(
                id: id, name: name, catalogName: catalogName, enabled: enabled, line: line,
                library: r.optionalString(f, "library", p), ingestHost: r.optionalString(f, "ingestHost", p),
                ingestRegion: r.optionalString(f, "ingestRegion", p), code: r.optionalString(f, "code", p))
        }
        let destinations = flows("destinations") { f, p in
            let (id, name, catalogName, enabled, line) = common(f, p)
            return FlowDestination(
                id: id, name: name, catalogName: catalogName, enabled: enabled, line: line, sourceId: r.string(f, "sourceId", p),
                vendor: r.optionalString(f, "vendor", p), region: r.optionalString(f, "region", p),
                host: r.optionalString(f, "host", p), evidence: r.optionalString(f, "evidence", p))
        }
        let warehouses = flows("warehouses") { f, p in
            let (id, name, catalogName, enabled, line) = common(f, p)
            return FlowWarehouse(
                id: id, name: name, catalogName: catalogName, enabled: enabled, line: line,
                location: r.optionalString(f, "location", p), region: r.optionalString(f, "region", p))
        }
        return WorkspaceInfo(
            id: r.string(o, "id", path), slug: r.string(o, "slug", path), name: r.optionalString(o, "name", path),
            region: r.optionalString(o, "region", path), source: r.optionalString(o, "source", path),
            line: r.optionalInt(o, "line", path), dataSubjects: r.optionalStrings(o, "dataSubjects", path),
            sources: sources, destinations: destinations, warehouses: warehouses)
    }

    /// One result; its title, which the file keeps once per policy, from `titles`.
    static func readResult(
        _ n: DataNode, _ i: Int, titles: [String: String], _ r: inout ResultDocumentReader
    ) -> Finding {
        var finding = Finding(
            policy: "", title: "", severity: .info, outcome: .pass, workspace: "", resourceKind: "", resourceId: "",
            resourceName: "", evidence: [])
        guard let o = r.element(n, "results[\(i)]") else { return finding }
        if let p = r.required(o, "policy", "results[\(i)]"), let policy = r.text(p, "results[\(i)].policy") {
            finding.policy = policy
            if let title = titles[policy] {
                finding.title = title
            } else {
                r.report {
                    .documentUnknownPolicy(
                        "results[\(i)].policy", policy, at: ResultDocumentReader.range(p, $0), known: titles.keys.sorted())
                }
            }
        }
        finding.severity = r.word(o, "severity", "results[\(i)]", PolicySeverity.allCases) ?? .info
        finding.outcome = r.word(o, "outcome", "results[\(i)]", Outcome.allCases) ?? .pass
        finding.workspace = r.string(o, "workspace", "results[\(i)]")
        if let resource = r.object(o, "resource", "results[\(i)]") {
            finding.resourceKind = r.string(resource, "kind", "results[\(i)].resource")
            finding.resourceId = r.string(resource, "id", "results[\(i)].resource")
            finding.resourceName = r.string(resource, "name", "results[\(i)].resource")
        }
        if let fingerprint = r.optionalString(o, "fingerprint", "results[\(i)]") { finding.fingerprint = fingerprint }
        // Most results are passes, with nothing but the members read so far: when every member
        // is accounted for, the optional ones are absent and need not be looked for one by one.
        guard o.count > (finding.fingerprint.isEmpty ? 5 : 6) else { return finding }
        finding.change = r.optionalWord(o, "change", "results[\(i)]", Change.allCases)
        finding.message = r.optionalString(o, "message", "results[\(i)]")
        finding.remediation = r.optionalString(o, "remediation", "results[\(i)]")
        finding.reason = r.optionalString(o, "reason", "results[\(i)]")
        finding.permit = r.optionalString(o, "permit", "results[\(i)]")
        finding.basis = r.optionalString(o, "basis", "results[\(i)]")
        if let w = r.optionalObject(o, "waiver", "results[\(i)]") {
            finding.waiver = Finding.WaiverNote(
                approvedBy: r.string(w, "approvedBy", "results[\(i)].waiver"),
                reason: r.string(w, "reason", "results[\(i)].waiver"),
                expires: r.string(w, "expires", "results[\(i)].waiver"), expired: r.bool(w, "expired", "results[\(i)].waiver"))
        }
        if let evidence = r.optionalArray(o, "evidence", "results[\(i)]") {
            finding.evidence.reserveCapacity(evidence.count)
            for (k, e) in evidence.enumerated() {
                guard let item = r.element(e, "results[\(i)].evidence[\(k)]") else { continue }
                finding.evidence.append(
                    Evidence(
                        expression: r.string(item, "expression", "results[\(i)].evidence[\(k)]"),
                        value: r.string(item, "value", "results[\(i)].evidence[\(k)]"),
                        from: r.optionalString(item, "from", "results[\(i)].evidence[\(k)]")))
            }
        }
        return finding
    }

    /// What `policies[].kind` may be.
    enum DeclarationKind: String, CaseIterable {
        case policy, permit
    }

    /// What `results[].change` may be, against a baseline.
    typealias Change = Finding.Change
}
