import Foundation
import Testing

/// Text from an inventory, run through the binary: it cannot forge a line of the log, colour
/// it or reverse it, and a diagnostic on a one-line inventory quotes a window of the line.
@Suite struct HostileTextCLITests {
    static let now = ["--now", "2026-11-28T02:00:00Z"]

    /// A destination named to forge the gate's last line, with a colour and a bidi override:
    /// the log shows one verdict, the real one, and no escape or override reaches it.
    @Test func aNameCannotForgeTheVerdict() throws {
        let eu = try String(contentsOf: repositoryRoot.appendingPathComponent("examples/inventory/acme-eu.json"), encoding: .utf8)
        let forged = #"Customer.io\r\nverdict:     compliant (--fail-on error)\n\u001b[32m\u202e"#
        let edited = eu.replacingOccurrences(
            of: #""name": "Customer.io", "enabled""#, with: "\"name\": \"\(forged)\", \"enabled\"")
        #expect(edited != eu)
        let dir = try temporaryFolder(["inv/acme-eu.json": edited])
        let root = repositoryRoot.path
        let r = try residency(
            ["check", "--policies", "\(root)/policies", "--facts", "\(root)/examples/facts.yaml", "--inventory", "inv"]
                + Self.now,
            in: dir)
        #expect(r.status == 1, "\(r.stderr)")
        let lines = (r.stdout + r.stderr).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.filter { $0.hasPrefix("verdict:") }.count == 1, "\(r.stdout)")
        #expect(lines.filter { $0.hasPrefix("verdict:") }.first?.hasPrefix("verdict:     NOT COMPLIANT — ") == true, "\(r.stdout)")
        #expect(lines.filter { $0.hasPrefix("gate:") } == ["gate:        failed at error (--fail-on error)"], "\(r.stdout)")
        #expect(r.stdout.contains(#"Customer.io\r\nverdict:     compliant (--fail-on error)\n\x1b[32m\u{202E}"#), "\(r.stdout)")
        for text in [r.stdout, r.stderr] {
            #expect(!text.contains("\u{1B}"))
            #expect(!text.contains("\r"))
            #expect(!text.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) })
        }
    }

    /// A warning on a one-line inventory of megabytes quotes a window of the line.
    @Test func aWarningOnAOneLineInventoryQuotesAWindow() throws {
        let padding = String(repeating: "p", count: 4 << 20)
        let bundle =
            #"{"exportVersion": 1, "workspace": {"id": "ws1", "slug": "one"}, "region": "eu-west", "sources": [{"id": "s", "settings": {"pad": ""#
            + padding + #""}, "metadata": {"name": "Node.jss"}}]}"#
        let dir = try temporaryFolder(["one-line.json": bundle])
        let root = repositoryRoot.path
        let r = try residency(["check", "--policies", "\(root)/policies", "--inventory", "one-line.json"] + Self.now, in: dir)
        #expect(r.stderr.contains("warning[W0601]"), "\(r.stderr.prefix(2000))")
        #expect(r.stderr.contains(#" | …ppp"#), "\(r.stderr.prefix(2000))")
        #expect(r.stderr.contains(#"ppp"}, "metadata": {"name": "Node.jss"}}]}"#), "\(r.stderr.prefix(2000))")
        #expect(r.stderr.utf8.count < 4096, "\(r.stderr.utf8.count) bytes")
    }
}
