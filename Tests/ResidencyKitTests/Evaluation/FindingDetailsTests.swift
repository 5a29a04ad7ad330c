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

    @Test func codableKeepsEveryField() throws {
        var f = Self.pass()
        f.outcome = .waived
        f.message = "m"
        f.remediation = "fix"
        f.reason = "r"
        f.basis = "DPF"
        f.change = "new"
        f.waiver = .init(approvedBy: "dpo", reason: "because", expires: "2027-01-01", expired: true)
        f.fingerprint = "abc"
        let data = try JSONEncoder().encode(f)
        #expect(try JSONDecoder().decode(Finding.self, from: data) == f)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["messageBreaks"] == nil)
        #expect(object["permit"] == nil)
    }

    /// What the box is for: a night holds 600,000 of these.
    @Test func aFindingStaysSmall() {
        #expect(MemoryLayout<Finding>.stride <= 144, "\(MemoryLayout<Finding>.stride)")
    }
}
