import Foundation
import Testing

@Suite struct FmtCLITests {
    static let messy = "let x=1\npolicy P \"t\" { severity error\n for destination d\n require d.enabled }\n"
    static let canonical = "let x = 1\n\npolicy P \"t\" {\n  severity error\n  for destination d\n  require d.enabled\n}\n"

    private func read(_ dir: URL, _ name: String) throws -> String {
        try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func rewritesChangedFilesInPlaceAndListsThem() throws {
        let dir = try temporaryFolder(["policies/a.policy": Self.messy, "policies/lib/b.policy": Self.canonical])
        let r = try residency(["fmt"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "policies/a.policy\n")
        #expect(r.stderr.isEmpty)
        #expect(try read(dir, "policies/a.policy") == Self.canonical)
        #expect(try read(dir, "policies/lib/b.policy") == Self.canonical)
        let again = try residency(["fmt", "policies"], in: dir)
        #expect(again.status == 0)
        #expect(again.stdout.isEmpty, "a second run changes nothing")
    }

    @Test func diffIsPrintedWhileWriting() throws {
        let dir = try temporaryFolder(["a.policy": Self.messy])
        let r = try residency(["fmt", "--diff", "a.policy"], in: dir)
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("a.policy\n--- a/a.policy\n+++ b/a.policy\n@@ -1,4 +1,7 @@\n-let x=1\n"))
        #expect(r.stdout.contains("\n+let x = 1\n+\n+policy P \"t\" {\n"))
        #expect(try read(dir, "a.policy") == Self.canonical)
    }

    @Test func checkPrintsADiffWritesNothingAndExitsOne() throws {
        let dir = try temporaryFolder(["policies/a.policy": Self.messy, "policies/b.policy": Self.canonical])
        let r = try residency(["fmt", "--check", "policies"], in: dir)
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix("--- a/policies/a.policy\n+++ b/policies/a.policy\n@@ "))
        #expect(r.stdout.contains("\n-let x=1\n") && r.stdout.contains("\n+let x = 1\n"))
        #expect(!r.stdout.contains("b.policy"))
        #expect(try read(dir, "policies/a.policy") == Self.messy)
    }

    @Test func checkPassesOnCanonicalFiles() throws {
        let dir = try temporaryFolder(["policies/b.policy": Self.canonical])
        let r = try residency(["fmt", "--check"], in: dir)
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.isEmpty)
    }

    @Test func theStandardPackIsCanonical() throws {
        let r = try residency(["fmt", "--check", "policies"])
        #expect(r.status == 0, "run `residency fmt policies`:\n\(r.stdout)")
    }

    @Test func syntaxErrorsExitTwoWithTheirPlaceAndLeaveTheFile() throws {
        let bad = "let x = (1\nlet y = 2\n"
        let dir = try temporaryFolder(["bad.policy": bad, "good.policy": Self.messy])
        let r = try residency(["fmt", "bad.policy", "good.policy"], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("bad.policy:2:1: error[E0024]: expected `)` to close the `(` at 1:9, found `let`"))
        #expect(try read(dir, "bad.policy") == bad)
        #expect(r.stdout == "good.policy\n", "the other files are still formatted")
        let json = try residency(["fmt", "--check", "--diagnostics-format", "json", "bad.policy"], in: dir)
        #expect(json.status == 2)
        #expect(json.stdout.contains("\"code\" : \"E0024\"") || json.stdout.contains("\"code\": \"E0024\""))
    }

    @Test func unreadablePathsExitTwo() throws {
        let r = try residency(["fmt", "--check", "no/such/dir"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("no such file or folder: no/such/dir"))
    }

    @Test func standardInputIsFormattedToStandardOutput() throws {
        let dir = try temporaryFolder([:])
        let r = try residency(["fmt", "-"], input: Self.messy, in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == Self.canonical)
        let check = try residency(["fmt", "--check", "-"], input: Self.messy, in: dir)
        #expect(check.status == 1)
        #expect(check.stdout.hasPrefix("--- a/<stdin>\n+++ b/<stdin>\n"))
        let clean = try residency(["fmt", "--check", "-"], input: Self.canonical, in: dir)
        #expect(clean.status == 0)
        #expect(clean.stdout.isEmpty)
        let bad = try residency(["fmt", "-"], input: "policy {", in: dir)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("<stdin>:1:8: error[E0021]"))
        #expect(bad.stdout.isEmpty)
    }

    @Test func standardInputCannotBeMixedWithPaths() throws {
        let r = try residency(["fmt", "-", "policies"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("cannot be combined"))
    }
}
