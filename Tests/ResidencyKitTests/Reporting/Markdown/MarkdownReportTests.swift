import Foundation
import Testing

@testable import ResidencyKit

/// The Markdown summary: golden files of the example (re-record with `RECORD_GOLDEN=1`, see `Golden`),
/// the size limit, and escaping of everything an inventory controls.
@Suite struct MarkdownReportTests {
    @Test func exampleMatchesTheGoldenFile() throws {
        try Golden.match(MarkdownReport().render(try ReportFixtures.example()), "reports/example-summary.md")
    }

    /// Waivers, a baseline and `--fail-on warning`: every section there is.
    @Test func exampleWithWaiversAndABaselineMatchesTheGoldenFile() throws {
        let doc = try ReportFixtures.example(failOn: .warning, waivers: true, baseline: true)
        try Golden.match(MarkdownReport().render(doc), "reports/example-warning-baseline-waivers.md")
    }

    /// The verdict is about compliance whatever the gate (issue 13: `--fail-on never` used to
    /// print COMPLIANT above failed results); the gate is stated apart.
    @Test(arguments: [
        (AuditRun.FailOn.error, "**Gate: failed**"),
        (.never, "**Gate: not applied**"),
    ])
    func verdictComesFirst(failOn: AuditRun.FailOn, gate: String) throws {
        let text = MarkdownReport().render(try ReportFixtures.example(failOn: failOn))
        #expect(text.hasPrefix("## ❌ residency: NOT COMPLIANT\n"))
        #expect(text.contains(gate))
        #expect(!text.contains("--fail-on"))  // the gate in words, not as the flag that set it
    }

    /// Only undecided results trip the gate: the verdict says so rather than "not compliant".
    /// (Changed with issue 10: the bundled example has no undecided result any more, so this
    /// uses the example with Mixpanel's region unreadable; before: 2 undecided of the example.)
    @Test func undecidedWhenOnlyUndecidedResultsTripTheGate() throws {
        var doc = try ReportFixtures.undecidedExample()
        doc.results.removeAll { $0.outcome == .fail && $0.severity == .error }
        doc.summary.bySeverity[.error, .fail] = 0
        doc.summary.verdict = .notDecided
        let text = MarkdownReport().render(doc)
        #expect(text.hasPrefix("## ❓ residency: NOT DECIDED\n"))
        #expect(text.contains("**Gate: failed** at severity error"))
        #expect(text.contains("0 failed and 1 could not be decided"))
        #expect(text.contains("| **UNDECIDED** | RES-001 | error | acme-eu | Mixpanel (destination \(ReportFixtures.mixpanel))"))
    }

    @Test(arguments: [MarkdownReport.minimumLimit, 6_000, 20_000, MarkdownReport.defaultLimit])
    func staysWithinTheLimitDroppingWholeRows(limit: Int) throws {
        let doc = try ReportFixtures.large(copies: 3_000)
        let text = MarkdownReport(limit: limit, fullReport: "reports/report.html").render(doc)
        #expect(MarkdownText.length(text) <= limit)
        #expect(text.contains("rows left out to stay within \(MarkdownText.thousands(limit)) characters"))
        #expect(text.contains("the full report is `reports/report.html`"))
        // Whole rows only: every table line is complete, and the most urgent row is kept.
        for line in text.split(separator: "\n") where line.hasPrefix("|") { #expect(line.hasSuffix("|")) }
        if limit > MarkdownReport.minimumLimit { #expect(text.contains("| **FAIL** | RES-007 | error | acme-eu | Looker")) }
        // The verdict and the provenance note are never cut.
        #expect(text.hasPrefix("## ❌ residency: NOT COMPLIANT"))
        #expect(text.hasSuffix("SHA-256 digests, abridged.</sub>\n"))
    }

    @Test func underTheLimitNothingIsLeftOut() throws {
        let text = MarkdownReport().render(try ReportFixtures.example())
        #expect(!text.contains("left out"))
        #expect(MarkdownReport(limit: 10).limit == MarkdownReport.minimumLimit)
    }

    @Test(arguments: [
        ("a|b", #"a\|b"#),
        ("`rm -rf`", #"\`rm -rf\`"#),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ("two\nlines\r\nhere", #"two\\nlines\\r\\nhere"#),
        ("[click](https://evil.example)", "\\[click\\](https:\u{2060}//evil.example)"),
        // GitHub's autolinks: a scheme's `://`, `www.` and e-mail addresses make no link.
        ("see https://evil.example/x", "see https:\u{2060}//evil.example/x"),
        ("ftp://files.example", "ftp:\u{2060}//files.example"),
        ("www.evil.example and WWW.EVIL.EXAMPLE", "w\u{2060}ww.evil.example and W\u{2060}WW.EVIL.EXAMPLE"),
        ("mail dpo@evil.example", "mail dpo@\u{2060}evil.example"),
        ("&lt;b&gt;", "&amp;lt;b&amp;gt;"),
        ("*bold* _it_ ~~s~~", #"\*bold\* \_it\_ \~\~s\~\~"#),
        ("cost $5 or $6", #"cost \$5 or \$6"#),
        ("@acme/privacy and org/repo#12", "@\u{2060}acme/privacy and org/repo#\u{2060}12"),
        ("back\\slash", #"back\\slash"#),
        ("evil\u{202E}txt", #"evil\\u{202E}txt"#),
        ("bell\u{7}", #"bell\\x07"#),
        ("\u{1B}[31mred", #"\\x1b\[31mred"#),
        ("zero\u{200B}width\u{2060}joiner", #"zero\\u{200B}width\\u{2060}joiner"#),
        ("- not a list", "- not a list"),
        ("RES-001", "RES-001"),
    ])
    func escapesWhatAnInventoryControls(input: String, escaped: String) {
        #expect(MarkdownText.escape(input) == escaped)
    }

    @Test(arguments: [
        ("- item", #"\- item"#), ("1. first", #"1\. first"#), ("# heading", "#\u{2060} heading"),
        ("2026 is fine", "2026 is fine"),
    ])
    func escapesWhatWouldStartABlockAtTheStartOfALine(input: String, escaped: String) {
        #expect(MarkdownText.escape(input, lineStart: true) == escaped)
    }

    @Test(arguments: [
        ("reports/report.html", "`reports/report.html`"), ("a`b", "``a`b``"), ("`x", "`` `x ``"), ("a|b", #"`a\|b`"#),
    ])
    func codeSpansFenceBackticksAndEscapePipes(input: String, span: String) {
        #expect(MarkdownText.code(input) == span)
    }

    @Test func longNamesAreCut() {
        let long = String(repeating: "x", count: 5_000)
        #expect(MarkdownText.escape(long, limit: MarkdownText.nameLimit) == String(repeating: "x", count: 120) + "…")
    }

    /// A hostile inventory cannot add a table column, a tag, a link or a mention.
    @Test func hostileInventoryCannotBreakOutOfItsCells() throws {
        let doc = ReportFixtures.relativised(try HTMLFixtures.hostile())
        let text = MarkdownReport().render(doc)
        #expect(!text.contains("<script"))
        #expect(!text.contains("<img"))
        #expect(!text.contains("<svg"))
        #expect(!text.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) })
        var columns: Int?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("|") else {
                columns = nil
                continue
            }
            // Cells are separated by pipes that no backslash escapes.
            var count = 0, escaped = false
            for c in line {
                if c == "|" && !escaped { count += 1 }
                escaped = c == "\\" && !escaped
            }
            if let columns { #expect(count == columns, "\(line.prefix(200))") } else { columns = count }
        }
    }

    @Test func sameDocumentRendersIdentically() throws {
        let doc = try ReportFixtures.example(waivers: true, baseline: true)
        #expect(MarkdownReport().render(doc) == MarkdownReport().render(doc))
    }
}
