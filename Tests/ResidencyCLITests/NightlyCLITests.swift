import Foundation
import Testing

/// The nightly run over many workspaces: JUnit as a folder per workspace, replaced as a whole;
/// progress in logs; the testcase cap.
@Suite struct NightlyCLITests {
    static let now = ["--now", "2026-11-28T02:00:00Z"]

    static func files(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    }

    @Test func junitFolderHasAFilePerWorkspaceAndIsReplacedAsAWhole() throws {
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("junit")
        let first = try residency(["check", "--junit-dir", out.path] + Self.now)
        #expect(first.status == 1, "\(first.stderr)")
        #expect(try Self.files(out) == [".residency-junit", "acme-eu.xml", "acme-us.xml"])
        let eu = try String(contentsOf: out.appendingPathComponent("acme-eu.xml"), encoding: .utf8)
        #expect(eu.contains(#"name="acme-eu/destination/"#) && !eu.contains(#"name="acme-us/"#))

        // The next run audits one workspace only: the other's file goes with the old folder.
        let second = try residency(
            [
                "check", "--inventory", "examples/inventory/acme-us.yaml", "--facts", "examples/facts.yaml", "--junit-dir",
                out.path,
            ] + Self.now)
        #expect(second.status == 1, "\(second.stderr)")
        #expect(try Self.files(out) == [".residency-junit", "acme-us.xml"])
        #expect(try Self.files(dir) == ["junit"])  // no staging or old folder left behind
    }

    @Test func aFolderResidencyDidNotWriteIsLeftAlone() throws {
        let dir = try temporaryFolder(["mine/notes.txt": "keep me"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try residency(["check", "--junit-dir", dir.appendingPathComponent("mine").path] + Self.now)
        #expect(r.status == 2)
        #expect(r.stderr.contains("is not a folder residency wrote"))
        #expect(try Self.files(dir.appendingPathComponent("mine")) == ["notes.txt"])
    }

    @Test func progressLinesInLogsOnlyWhenAskedOrLong() throws {
        let quiet = try residency(["check"] + Self.now)
        #expect(!quiet.stderr.contains("residency: inventory files"))
        // In batches: each file once audited (read, evaluated, written), then the reports.
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let sarif = dir.appendingPathComponent("r.sarif").path
        let shown = try residency(["check", "--progress", "always", "--sarif", sarif] + Self.now)
        #expect(shown.stderr.contains("residency: inventory files audited 2/2 (100%)\n"))
        #expect(shown.stderr.contains("residency: reports written 1/1 (100%)\n"))
        #expect(!shown.stderr.contains("\u{1B}"))  // no terminal control in a log
        let batched = try residency(["check", "--progress", "always"] + Self.now)
        #expect(batched.stderr.contains("residency: inventory files audited 2/2 (100%)\n"))
        #expect(!batched.stderr.contains("workspaces evaluated"))
    }

    /// The run in batches keeps its records in the temporary folder; without one it runs in one
    /// piece, with the same document and summary, and says nothing it need not.
    @Test func noTemporaryFolderMeansTheRunInOnePiece() throws {
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let (a, b) = (dir.appendingPathComponent("a.json").path, dir.appendingPathComponent("b.json").path)
        let batched = try residency(["check", "--json", a, "--progress", "always"] + Self.now)
        let whole = try residency(
            ["check", "--json", b, "--progress", "always"] + Self.now,
            environment: ["TMPDIR": dir.appendingPathComponent("missing").path])
        #expect(batched.status == 1 && whole.status == 1)
        #expect(batched.stderr.contains("inventory files audited"))
        #expect(whole.stderr.contains("workspaces evaluated"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)))
        #expect(batched.stdout.replacingOccurrences(of: a, with: b) == whole.stdout)
    }

    @Test func theTestcaseCapFoldsPasses() throws {
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("j.xml").path
        let r = try residency(["check", "--junit", path, "--junit-max-cases", "20"] + Self.now)
        #expect(r.status == 1)
        let xml = try String(contentsOfFile: path, encoding: .utf8)
        #expect(xml.components(separatedBy: "<testcase ").count - 1 <= 20)
        #expect(xml.contains("passing resources"))
        let bad = try residency(["check", "--junit-max-cases", "0"])
        #expect(bad.status == 2)
    }
}
