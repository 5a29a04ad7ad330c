import Foundation
import Testing

@testable import ResidencyKit

/// Issue 11's hostile-input corpus: every case the issue found where the gate passed, data
/// was lost or the tool crashed, as files under Tests/ResidencyKitTests/Fixtures/hostile/,
/// each audited with the standard pack and held to its expected diagnostics and outcomes
/// (cases.json says why each exists).
@Suite struct HostileCorpusTests {
    struct Case: Codable, Sendable, CustomTestStringConvertible {
        struct Expect: Codable, Sendable {
            /// Diagnostic codes the run must report (others may come too).
            var codes: [String]?
            /// `POLICY/resource id` → outcome.
            var outcomes: [String: String]?
        }
        var name: String
        var why: String
        var expect: Expect
        var testDescription: String { name }
    }

    static let folder = fixturesFolder.appendingPathComponent("hostile")

    static let cases: [Case] = {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("cases.json")) else { return [] }
        return (try? JSONDecoder().decode([Case].self, from: data)) ?? []
    }()

    @Test func theCorpusIsThere() {
        #expect(Self.cases.count >= 12)
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: Self.folder.path)) ?? []
        #expect(Set(Self.cases.map(\.name)) == Set(folders.filter { !$0.hasSuffix(".json") && !$0.hasPrefix(".") }))
    }

    @Test(arguments: cases)
    func eachCaseFailsClosed(_ c: Case) throws {
        let dir = Self.folder.appendingPathComponent(c.name)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        var options = AuditRun.Options()
        options.policies = [Pack.folder]
        options.inventories = files.filter { $0.hasPrefix("inventory") }.map { dir.appendingPathComponent($0).path }
        options.facts = files.contains("facts.yaml") ? dir.appendingPathComponent("facts.yaml").path : nil
        options.waivers = files.contains("waivers.yaml") ? dir.appendingPathComponent("waivers.yaml").path : nil
        options.clock = { Date(timeIntervalSince1970: 1_764_547_200) }  // 2025-12-01
        let outcome = AuditRun.run(options)
        let codes = Set(outcome.diagnostics.map(\.code))
        for code in c.expect.codes ?? [] {
            #expect(codes.contains(code), "\(c.name) (\(c.why)): expected \(code), got \(codes.sorted())")
        }
        // An error is exit 2 with no document; otherwise the gate must not pass.
        if outcome.diagnostics.contains(where: { $0.severity == .error }) {
            #expect(outcome.status == .invalidInput, "\(c.name)")
            #expect(outcome.document == nil, "\(c.name)")
        } else {
            #expect(outcome.status == .violations, "\(c.name): the gate passed (\(c.why))")
        }
        for (key, expected) in c.expect.outcomes ?? [:] {
            let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
            let result = outcome.document?.results.first { $0.policy == parts[0] && $0.resourceId == parts[1] }
            #expect(result?.outcome.rawValue == expected, "\(c.name) \(key) (\(c.why)): \(result?.outcome.rawValue ?? "no result")")
        }
    }
}
