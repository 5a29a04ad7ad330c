/// The results of the run: one line each, like the result document's.
extension SARIFReport {
    func writeResult(
        _ f: Finding, _ doc: ResultDocument, _ ruleIndex: [String: Int], _ locator: SARIFLocator, _ w: inout JSONWriter
    ) {
        w.beginObject(inline: true)
        w.field("ruleId", f.policy)
        if let i = ruleIndex[f.policy] { w.field("ruleIndex", i) }
        w.field("level", Self.level(f.severity))
        w.key("message")
        w.beginObject()
        w.field("text", Self.messageText(f))
        w.endObject()
        w.key("locations")
        w.beginArray()
        w.beginObject()
        locator.writePhysicalLocation(locator.file(of: f), &w)
        w.key("logicalLocations")
        w.beginArray()
        w.beginObject()
        w.field("name", f.resourceName)
        w.field("fullyQualifiedName", "\(f.workspace)/\(f.resourceKind)/\(f.resourceId)")
        w.field("kind", "resource")
        w.endObject()
        w.endArray()
        w.endObject()
        w.endArray()
        if !f.fingerprint.isEmpty {
            w.key("partialFingerprints")
            w.beginObject()
            w.field(Self.fingerprintKey, f.fingerprint)
            w.endObject()
        }
        if let change = f.change { w.field("baselineState", change == "new" ? "new" : "unchanged") }
        w.key("properties")
        w.beginObject()
        w.field("residency/outcome", f.outcome.rawValue)
        w.field("residency/severity", f.severity.rawValue)
        w.field("residency/gating", doc.trips(f))
        w.field("residency/workspace", f.workspace)
        w.key("residency/resource")
        w.beginObject()
        w.field("kind", f.resourceKind)
        w.field("id", f.resourceId)
        w.field("name", f.resourceName)
        w.endObject()
        w.field("residency/reason", f.reason)
        if let waiver = f.waiver {
            // On a failing result, a waiver that has expired and no longer covers it.
            w.key("residency/waiver")
            w.beginObject()
            w.field("approvedBy", waiver.approvedBy)
            w.field("reason", waiver.reason)
            w.field("expires", waiver.expires)
            w.field("expired", waiver.expired)
            w.endObject()
        }
        if !f.evidence.isEmpty {
            w.key("residency/evidence")
            w.beginArray()
            for e in f.evidence {
                w.beginObject()
                w.field("expression", e.expression)
                w.field("value", HTMLMarkup.clip(e.value, limit: Self.messageLimit))
                w.field("from", e.from.map { HTMLMarkup.clip($0, limit: Self.messageLimit) })
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
        w.endObject()
    }

    /// A policy with `expect some` that applied to nothing: the gate fails on it, so it is a
    /// result, shown where the policy is written.
    func writeUnmatched(
        _ n: ResultDocument.Notice, _ doc: ResultDocument, _ ruleIndex: [String: Int], _ locator: SARIFLocator,
        _ w: inout JSONWriter
    ) {
        let id = n.policy ?? ""
        let severity = doc.policies.first { $0.id == id }?.severity
        w.beginObject(inline: true)
        w.field("ruleId", id)
        if let i = ruleIndex[id] { w.field("ruleIndex", i) }
        w.field("level", Self.level(severity))
        w.key("message")
        w.beginObject()
        w.field("text", n.message)
        w.endObject()
        w.key("locations")
        w.beginArray()
        w.beginObject()
        locator.writePhysicalLocation(locator.file(ofPolicy: id), &w)
        w.endObject()
        w.endArray()
        w.key("partialFingerprints")
        w.beginObject()
        w.field(Self.fingerprintKey, Finding.fingerprint(policy: id, workspaceID: "", kind: "expect-some", resourceID: ""))
        w.endObject()
        w.key("properties")
        w.beginObject()
        w.field("residency/outcome", "unmatched")
        w.field("residency/gating", doc.summary.failOn != AuditRun.FailOn.never.rawValue)
        w.endObject()
        w.endObject()
    }

    /// What a person reads in the alert: the finding (or why it could not be decided), then
    /// what to do. Controls and bidirectional overrides are made visible, long text is cut.
    static func messageText(_ f: Finding) -> String {
        var text = f.message ?? f.title
        if f.outcome == .indeterminate, f.message == nil, let reason = f.reason { text += ": could not decide: \(reason)" }
        if let remediation = f.remediation { text += "\nRemediation: \(remediation)" }
        if let waiver = f.waiver, waiver.expired {
            text += "\nThe waiver approved by \(waiver.approvedBy) expired on \(waiver.expires)."
        }
        return HTMLMarkup.visible(HTMLMarkup.clip(text, limit: messageLimit))
    }
}
