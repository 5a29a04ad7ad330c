import Foundation
import Testing

/// Outside the repository (issue 13, item 9): with no ./policies, `check` finds the standard
/// pack and the bundled example through RESIDENCY_HOME (or beside an installed binary, as
/// scripts/install.sh lays it out), rather than failing with "no such file or folder: policies".
@Suite struct StandardPackCLITests {
    @Test func checkRunsOutsideTheRepository() throws {
        let dir = try temporaryFolder(["README.txt": "not a checkout\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try residency(
            ["check", "--now", "2026-11-28T02:00:00Z"], in: dir, environment: ["RESIDENCY_HOME": repositoryRoot.path])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout.contains("verdict:     NOT COMPLIANT"), "\(r.stdout)")
        let lint = try residency(["lint"], in: dir, environment: ["RESIDENCY_HOME": repositoryRoot.path])
        #expect(lint.status == 0, "\(lint.stderr)")
    }

    @Test func withoutThePackTheErrorSaysWhereItIsLookedFor() throws {
        let dir = try temporaryFolder(["README.txt": "not a checkout\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try residency(["check", "--now", "2026-11-28T02:00:00Z"], in: dir, environment: ["RESIDENCY_HOME": ""])
        #expect(r.status == 2)
        #expect(r.stderr.contains("policies"), "\(r.stderr)")
        // Each place it looked, and what to do.
        #expect(r.stderr.contains("looked for policies/ here, in RESIDENCY_HOME (not set) and at "), "\(r.stderr)")
        #expect(r.stderr.contains("share/residency/policies; pass --policies DIR"), "\(r.stderr)")
    }

    /// A RESIDENCY_HOME that holds no pack is the error, naming where it looked: never skipped
    /// for a pack found elsewhere.
    @Test func aHomeWithoutAPackIsTheError() throws {
        let dir = try temporaryFolder(["README.txt": "not a checkout\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let home = dir.appendingPathComponent("no-pack-here").path
        let r = try residency(["check", "--now", "2026-11-28T02:00:00Z"], in: dir, environment: ["RESIDENCY_HOME": home])
        #expect(r.status == 2)
        #expect(r.stderr.contains(home + "/policies"), "\(r.stderr)")
    }
}
