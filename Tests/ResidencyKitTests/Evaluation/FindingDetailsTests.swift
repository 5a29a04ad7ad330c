import Foundation
import Testing

@testable import ResidencyKit

/// `Finding` keeps its optional parts behind one copy-on-write reference; it must still behave
/// as a plain value: copies independent, equality and hashing by content, `Codable` as before.
@Suite struct FindingDetailsTests {
    static func pass() -> Finding {
        Finding(
            policy: "RES-001", title: "EU data stays in the EU", severity: .error, outcome: .pass, workspace: "acme-eu",
            resourceKind: "destination", resourceId: "d1", resourceName: "Mixpanel", evidence: [])
    }

    @Test func aCopyIsIndependentOfTheOriginal() {
        var a = Self.pass()
        a.message = "sends to the US"
        var b = a
        b.message = "changed"
        b.waiver = .init(approvedBy: "dpo", reason: "r", expires: "2027-01-01", expired: false)
        #expect(a.message == "sends to the US")
        #expect(a.waiver == nil)
        #expect(b.message == "changed")
        a.reason = "why"
        #expect(b.reason == nil)
    }

    /// A message read back from a document is kept as its pieces' numbers and joined when
    /// read: the same text and breaks, equal and hashed as the joined one, and joined before
    /// it is changed.
    @Test func aTextKeptAsPiecesIsTheTextJoined() {
        let strings = ["Mixpanel", " sends ", "EU data", " to ", "api.mixpanel.com", "ünïcode"]
        var pieces = Self.pass()
        var d = Finding.Details()
        d.messagePieces = Finding.Pieces(strings: strings, numbers: [0, 1, 2, 3, 4, 5])
        d.remediationPieces = Finding.Pieces(strings: strings, numbers: [2])
        pieces.setDetails(d)
        var joined = Self.pass()
        joined.message = "Mixpanel sends EU data to api.mixpanel.comünïcode"
        joined.messageBreaks = [8, 15, 22, 26, 42]
        joined.remediation = "EU data"
        #expect(pieces.message == joined.message)
        #expect(pieces.messageBreaks == joined.messageBreaks)
        #expect(pieces.remediation == "EU data" && pieces.remediationBreaks == [])
        #expect(pieces == joined)
        #expect(pieces.hashValue == joined.hashValue)
        var empty = Self.pass()
        var none = Finding.Details()
        none.messagePieces = Finding.Pieces(strings: strings, numbers: [])
        empty.setDetails(none)
        #expect(empty.message == "" && empty != Self.pass(), "an empty message is a message")
        var changed = pieces
        changed.messageBreaks = []
        #expect(changed.message == joined.message, "joined before its breaks changed")
        #expect(changed.remediation == "EU data")
        #expect(pieces.messageBreaks == joined.messageBreaks, "the copy it came from keeps its own")
    }

    @Test func equalContentIsEqualHowEverItWasBuilt() {
        var a = Self.pass()
        a.message = "x"
        a.messageBreaks = [1]
        a.message = nil
        a.messageBreaks = []
        #expect(a == Self.pass())
        #expect(a.hashValue == Self.pass().hashValue)
        var b = Self.pass()
        b.permit = "RES-002"
        let c = Finding(
            policy: "RES-001", title: "EU data stays in the EU", severity: .error, outcome: .pass, workspace: "acme-eu",
            resourceKind: "destination", resourceId: "d1", resourceName: "Mixpanel", permit: "RES-002", evidence: [])
        #expect(b == c)
        #expect(Set([b, c]).count == 1)
        #expect(b != Self.pass())
    }

    /// Every optional field survives the result document's one writer and one reader: a run
    /// with waivers and a baseline has results with each of them set.
    @Test func theDocumentKeepsEveryField() throws {
        let doc = try ResultDocumentReadTests.Run.warningWaiversBaseline.document()
        let fields: [(String, @Sendable (Finding) -> Bool)] = [
            ("change", { $0.change != nil }), ("waiver", { $0.waiver != nil }), ("reason", { $0.reason != nil }),
            ("basis", { $0.basis != nil }), ("permit", { $0.permit != nil }), ("remediation", { $0.remediation != nil }),
        ]
        for (field, isSet) in fields {
            let found = doc.results.contains { isSet($0) }
            #expect(found, "no result with \(field) to check")
        }
        let read = try ResultDocumentReadTests.roundTrip(doc)
        #expect(read.results == doc.results)
    }

    /// What the box is for: a night holds 600,000 of these.
    @Test func aFindingStaysSmall() {
        #expect(MemoryLayout<Finding>.stride <= 144, "\(MemoryLayout<Finding>.stride)")
    }
}
