import Foundation
import Testing

@testable import ResidencyKit

/// The result lines are written as raw bytes for speed; these tests hold them to what
/// `JSONWriter` writes for the same object, and the whole document to valid JSON.
@Suite struct ResultDocumentJSONTests {
    static let findings: [Finding] = [
        Finding(
            policy: "RES-007", title: "t", severity: .error, outcome: .pass, workspace: "acme-eu", resourceKind: "source",
            resourceId: "src-1", resourceName: "Backend", evidence: []),
        Finding(
            policy: "RES-001", title: "t", severity: .warning, outcome: .fail, workspace: "acme \"eu\"",
            resourceKind: "destination", resourceId: "dst\\1", resourceName: "Line\nbreak\u{1}",
            message: "Mixpanel sends to the US 🇺🇸", remediation: "Switch\tendpoints", reason: nil, permit: nil, basis: nil,
            evidence: [
                Evidence(expression: "d.endpoint.region", value: "\"us\""),
                Evidence(expression: "facts.dpfCertified", value: "[\"Mixpanel\", \"Google\"]"),
            ]),
        Finding(
            policy: "RES-001", title: "t", severity: .error, outcome: .permitted, workspace: "w", resourceKind: "destination",
            resourceId: "d", resourceName: "n", message: "m", remediation: nil, reason: "r", permit: "RES-002", basis: "b",
            evidence: [Evidence(expression: "audit.date", value: "2026-11-28")]),
    ]

    static func document(_ results: [Finding]) -> ResultDocument {
        ResultDocument(
            run: .init(startedAt: "s", finishedAt: "f", auditDate: "2026-11-28", ranBy: .unknown),
            inputs: .init(policies: [], catalog: [], facts: nil, inventories: []), params: [:],
            summary: .init(
                verdict: "compliant", gate: "passed", failOn: "error", workspaces: 1, policies: 1, permits: 0, resources: 1,
                evaluated: results.count, outcomes: [:], bySeverity: [:]),
            policies: [], workspaces: [], results: results, notices: [])
    }

    /// What `JSONWriter` writes for one finding as an inline object.
    static func writerLine(_ r: Finding) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject(inline: true)
        w.field("policy", r.policy)
        w.field("severity", r.severity.rawValue)
        w.field("outcome", r.outcome.rawValue)
        w.field("workspace", r.workspace)
        w.key("resource")
        w.beginObject()
        w.field("kind", r.resourceKind)
        w.field("id", r.resourceId)
        w.field("name", r.resourceName)
        w.endObject()
        if !r.fingerprint.isEmpty { w.field("fingerprint", r.fingerprint) }
        w.field("change", r.change)
        w.field("message", r.message)
        w.field("remediation", r.remediation)
        w.field("reason", r.reason)
        w.field("permit", r.permit)
        w.field("basis", r.basis)
        if let waiver = r.waiver {
            w.key("waiver")
            w.beginObject()
            w.field("approvedBy", waiver.approvedBy)
            w.field("reason", waiver.reason)
            w.field("expires", waiver.expires)
            w.field("expired", waiver.expired)
            w.endObject()
        }
        if !r.evidence.isEmpty {
            w.key("evidence")
            w.beginArray()
            for e in r.evidence {
                w.beginObject()
                w.field("expression", e.expression)
                w.field("value", e.value)
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
        return w.bytes
    }

    @Test func linesMatchTheWriter() {
        let doc = Self.document(Self.findings)
        var out: [UInt8] = []
        doc.appendResultLines(0..<Self.findings.count, leadingComma: false, to: &out)
        let expected = Self.findings.map { Array("\n    ".utf8) + Self.writerLine($0) }
            .map { String(decoding: $0, as: UTF8.self) }.joined(separator: ",")
        #expect(String(decoding: out, as: UTF8.self) == expected)

        var later: [UInt8] = []
        doc.appendResultLines(1..<2, leadingComma: true, to: &later)
        #expect(later.first == UInt8(ascii: ","))
    }

    @Test func escapingCheckFindsEverySpecialByteAtEveryPosition() {
        for special: UInt8 in [0x22, 0x5C, 0x00, 0x0A, 0x1F] {
            for length in 1...20 {
                for position in 0..<length {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    bytes[position] = special
                    let found = bytes.withUnsafeBufferPointer(JSONBytes.needsEscaping)
                    #expect(found, "byte \(special) at \(position) of \(length)")
                }
            }
        }
        for plain in ["", "a", "plain ASCII text, long enough for words", "Zürich 🇨🇭 → ü", "~\u{7F}\u{80}"] {
            var s = plain
            let found = s.withUTF8(JSONBytes.needsEscaping)
            #expect(!found, "\(plain.debugDescription)")
        }
    }

    @Test func documentIsValidJSONWithEveryResult() throws {
        // More results than one encoding chunk, so chunks are joined with commas.
        let many = (0..<5000).map { Self.findings[$0 % Self.findings.count] }
        for results in [many, Array(many.prefix(1)), []] {
            let bytes = Self.document(results).json()
            let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
            #expect((object["results"] as? [Any])?.count == results.count)
            #expect(bytes.last == 10)
        }
    }
}
