import Testing

@testable import ResidencyKit

/// Quoting the line a diagnostic points at: a window of the line around the column, cut
/// with `…`, hidden characters shown as escapes, and the caret under the range still.
@Suite struct DiagnosticRendererTests {
    /// The quoted line and the caret line of a warning at `target` (the first occurrence).
    static func render(_ line: String, at target: String, message: String = "m") throws -> (quoted: String, caret: String) {
        let file = SourceFile(path: "inv.json", text: line + "\n")
        let found = try #require(line.utf8.firstRange(of: Array(target.utf8)))
        let start = line.utf8.distance(from: line.utf8.startIndex, to: found.lowerBound)
        let d = Diagnostic.warning(.W0601, message, at: file.range(start, start + target.utf8.count))
        let lines = DiagnosticRenderer(files: [file]).human(d).split(separator: "\n", omittingEmptySubsequences: false)
        try #require(lines.count >= 3)
        return (String(lines[1]), String(lines[2]))
    }

    /// The columns where `needle` starts in the quoted line and where the carets start.
    static func columns(_ r: (quoted: String, caret: String), _ needle: String) throws -> (text: Int, caret: Int, width: Int) {
        let quoted = Array(r.quoted.unicodeScalars), caret = Array(r.caret.unicodeScalars)
        let n = Array(needle.unicodeScalars)
        let at = try #require(quoted.indices.first { Array(quoted[$0..<min(quoted.count, $0 + n.count)]) == n })
        let hat = try #require(caret.firstIndex(of: "^"))
        return (at, hat, caret[hat...].prefix { $0 == "^" }.count)
    }

    @Test func aShortLineIsQuotedWhole() throws {
        let r = try Self.render(#"  "region": "eu-wset","#, at: #""eu-wset""#)
        #expect(r.quoted == #"  1 |   "region": "eu-wset","#)
        #expect(r.caret == #"    |             ^^^^^^^^^"#)
    }

    /// A warning on a one-line inventory of a megabyte quotes a window of it, not the line.
    @Test(arguments: [0, 10, 500_000, 999_990])
    func aLongLineIsQuotedAsAWindowAroundTheColumn(position: Int) throws {
        let line = String(repeating: "x", count: position) + "TARGET" + String(repeating: "y", count: 1_000_000 - position)
        let r = try Self.render(line, at: "TARGET")
        #expect(r.quoted.unicodeScalars.count <= 8 + DiagnosticRenderer.snippetWidth + 2)
        #expect(r.quoted.hasSuffix("…") == (position < 999_990 - DiagnosticRenderer.snippetWidth))
        #expect(r.quoted.contains("| …") == (position > DiagnosticRenderer.snippetLead))
        let c = try Self.columns(r, "TARGET")
        #expect(c.text == c.caret)
        #expect(c.width == 6)
    }

    /// Escapes are wider than what they stand for: the caret moves with them.
    @Test(arguments: [
        ("\u{1B}[31m", #"\x1b[31m"#), ("\u{202E}", #"\u{202E}"#), ("\u{200B}\u{200B}", #"\u{200B}\u{200B}"#),
        ("\r", #"\r"#), ("日本", "日本"),
    ])
    func hiddenCharactersShowAsEscapesAndTheCaretFollows(hidden: String, shown: String) throws {
        let r = try Self.render("{\"name\": \"a\(hidden)b\", \"region\": \"TARGET\"}", at: "TARGET")
        #expect(r.quoted.contains("a\(shown)b"))
        #expect(!r.quoted.unicodeScalars.contains { Neutralise.isHidden($0) })
        let c = try Self.columns(r, "TARGET")
        #expect(c.text == c.caret)
    }

    @Test func hiddenCharactersUnderTheCaretWidenIt() throws {
        let r = try Self.render("x = \"\u{1B}\u{202E}\"", at: "\u{1B}\u{202E}")
        let c = try Self.columns(r, #"\x1b\u{202E}"#)
        #expect(c.text == c.caret)
        #expect(c.width == #"\x1b\u{202E}"#.count)
    }

    @Test func tabsStayInTheLead() throws {
        let r = try Self.render("\t\tregion: TARGET", at: "TARGET")
        #expect(r.caret == "    | \t\t        ^^^^^^")
    }

    /// Messages, help and notes quote values too: they stay on their line, without their
    /// middle when long.
    @Test func messagesStayOnTheirLine() throws {
        let file = SourceFile(path: "inv.json", text: "{}\n")
        let value = "eu\n  = help: ignore this\u{1B}[2K" + String(repeating: "x", count: 100_000)
        var d = Diagnostic.error(.E0601, "unknown region \"\(value)\"; expected \"eu\"", at: file.range(0, 1), help: value)
        d = d.noting(value)
        let out = DiagnosticRenderer(files: [file]).human(d)
        let lines = out.split(separator: "\n")
        #expect(lines.count == 4, "\(out.prefix(400))")
        #expect(lines[0].hasPrefix(#"inv.json:1:1: error[E0601]: unknown region "eu\n  = help: ignore this\x1b[2Kxxx"#))
        #expect(lines[0].hasSuffix(#"xxx"; expected "eu""#))
        #expect(out.utf8.count < 4 * DiagnosticRenderer.messageLimit)
        #expect(!out.unicodeScalars.contains { $0 != "\n" && Neutralise.isHidden($0) })
    }

    /// A range over several lines underlines to the end of the window.
    @Test func aRangeOverSeveralLinesUnderlinesToTheWindowsEnd() throws {
        let line = String(repeating: "a", count: 300)
        let file = SourceFile(path: "p.policy", text: line + "\n" + line + "\n")
        let d = Diagnostic.error(.E0601, "m", at: file.range(10, 400))
        let lines = DiagnosticRenderer(files: [file]).human(d).split(separator: "\n")
        #expect(lines[1].hasSuffix("…"))
        #expect(lines[2].hasSuffix(String(repeating: "^", count: DiagnosticRenderer.snippetWidth - 10)))
    }
}
