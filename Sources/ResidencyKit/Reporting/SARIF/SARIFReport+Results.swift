/// The results of the run: one line each, like the result document's.
extension SARIFReport {
    func writeResult(
        _ f: Finding, _ doc: ResultDocument, _ ruleIndex: [String: Int], _ locator: SARIFLocator, _ w: inout JSONWriter
    ) {
        w.beginObject(inline: true)
        w.field("ruleId", Self.text(f.policy))
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
        w.field("name", Self.text(f.resourceName))
        w.field("fullyQualifiedName", Self.text("\(f.workspace)/\(f.resourceKind)/\(f.resourceId)", limit: 3 * Self.fieldLimit))
        w.field("kind", "resource")
        w.endObject()
        w.endArray()
        w.endObject()
        w.endArray()
        if !f.fingerprint.isEmpty {
            w.key("partialFingerprints")
            w.beginObject()
            w.field(Self.fingerprintKey, Self.text(f.fingerprint))
            w.endObject()
        }
        if let change = f.change { w.field("baselineState", change.rawValue) }
        w.key("properties")
        w.beginObject()
        w.field("residency/outcome", f.outcome.rawValue)
        w.field("residency/severity", f.severity.rawValue)
        w.field("residency/gating", doc.trips(f))
        w.field("residency/workspace", Self.text(f.workspace))
        w.key("residency/resource")
        w.beginObject()
        w.field("kind", Self.text(f.resourceKind))
        w.field("id", Self.text(f.resourceId))
        w.field("name", Self.text(f.resourceName))
        w.endObject()
        w.field("residency/reason", f.reason.map { Self.text($0, limit: Self.messageLimit) })
        if let waiver = f.waiver {
            // On a failing result, a waiver that has expired and no longer covers it.
            w.key("residency/waiver")
            w.beginObject()
            w.field("approvedBy", Self.text(waiver.approvedBy))
            w.field("reason", Self.text(waiver.reason, limit: Self.messageLimit))
            w.field("expires", Self.text(waiver.expires))
            w.field("expired", waiver.expired)
            w.endObject()
        }
        if !f.evidence.isEmpty {
            w.key("residency/evidence")
            w.beginArray()
            for e in f.evidence {
                w.beginObject()
                w.field("expression", Self.text(e.expression))
                w.field("value", Self.text(e.value, limit: Self.messageLimit))
                w.field("from", e.from.map { Self.text($0, limit: Self.messageLimit) })
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
        w.endObject()
    }

    /// A notice that fails the gate, as a result: a policy with `expect some` that applied to
    /// nothing, shown where the policy is written; an SDK set up in code for a source the run
    /// cannot name, shown at its line of code (its rule is the notice's code).
    func writeUnmatched(
        _ n: ResultDocument.Notice, _ doc: ResultDocument, _ ruleIndex: [String: Int], _ locator: SARIFLocator,
        _ w: inout JSONWriter
    ) {
        let id = n.policy ?? n.code
        let severity = n.policy.flatMap { id in doc.policies.first { $0.id == id }?.severity }
        w.beginObject(inline: true)
        w.field("ruleId", Self.text(id))
        if let i = ruleIndex[id] { w.field("ruleIndex", i) }
        w.field("level", Self.level(severity))
        w.key("message")
        w.beginObject()
        w.field("text", Self.text(n.message, limit: Self.messageLimit))
        w.endObject()
        w.key("locations")
        w.beginArray()
        w.beginObject()
        locator.writePhysicalLocation(n.location.flatMap(SARIFLocator.place) ?? locator.file(ofPolicy: id), &w)
        w.endObject()
        w.endArray()
        w.key("partialFingerprints")
        w.beginObject()
        // A setup's notice is identified by its file and what it says, without its line and
        // column: code scanning keeps an alert as the same one when a line is added above it.
        let (kind, resource) = n.code == "unmatched" ? ("expect-some", "") : (n.code, Self.lineFree(n))
        w.field(Self.fingerprintKey, Finding.fingerprint(policy: id, workspaceID: "", kind: kind, resourceID: resource))
        w.endObject()
        w.key("properties")
        w.beginObject()
        w.field("residency/outcome", n.code == "unmatched" ? "unmatched" : "indeterminate")
        w.field("residency/gating", doc.summary.failOn != .never)
        w.endObject()
        w.endObject()
    }

    /// A notice's file and message with its `path:line:col` taken out of both.
    static func lineFree(_ n: ResultDocument.Notice) -> String {
        guard let at = n.location, let place = SARIFLocator.place(at) else { return n.location ?? n.message }
        return place.path + "\n" + n.message.replacingOccurrences(of: at, with: place.path)
    }

    /// What a person reads in the alert: the finding (or why it could not be decided), then
    /// what to do, each part neutralised on its own line (`text`), the whole cut at
    /// `messageLimit`.
    static func messageText(_ f: Finding) -> String {
        var text = Self.text(f.message ?? f.title, limit: messageLimit)
        if f.outcome == .indeterminate, f.message == nil, let reason = f.reason {
            text += ": could not decide: \(Self.text(reason, limit: messageLimit))"
        }
        if let remediation = f.remediation { text += "\nRemediation: \(Self.text(remediation, limit: messageLimit))" }
        if let waiver = f.waiver, waiver.expired {
            text += "\nThe waiver approved by \(Self.text(waiver.approvedBy)) expired on \(Self.text(waiver.expires))."
        }
        return Neutralise.clip(text, limit: messageLimit)
    }
}
