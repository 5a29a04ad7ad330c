import Testing

@testable import ResidencyKit

/// Hostile text from an inventory, as each medium shows it. The table is shared by the
/// renderers' tests: every value must reach a terminal, a log, Markdown, SARIF and JUnit
/// inert, on its line and short.
@Suite struct NeutraliseTests {
    /// (what, the text, as `Neutralise.terminal` shows it).
    static let hostile: [(String, String, String)] = [
        ("plain", "Mixpanel (Actions)", "Mixpanel (Actions)"),
        ("an ANSI colour", "\u{1B}[32mcompliant\u{1B}[0m", #"\x1b[32mcompliant\x1b[0m"#),
        ("a cleared line", "x\r\u{1B}[2Kverdict: compliant", #"x\r\x1b[2Kverdict: compliant"#),
        ("a forged verdict", "\nverdict:     compliant", #"\nverdict:     compliant"#),
        ("CRLF, one Character", "a\r\nb", #"a\r\nb"#),
        ("a tab and a bell", "a\tb\u{7}", #"a\tb\x07"#),
        ("DEL and a C1 control", "a\u{7F}b\u{85}c\u{9B}", #"a\x7fb\u{85}c\u{9B}"#),
        ("a bidi override", "invoice\u{202E}fdp.exe", #"invoice\u{202E}fdp.exe"#),
        ("bidi isolates", "\u{2066}a\u{2067}b\u{2068}c\u{2069}", #"\u{2066}a\u{2067}b\u{2068}c\u{2069}"#),
        ("bidi marks", "a\u{200E}b\u{200F}c\u{61C}", #"a\u{200E}b\u{200F}c\u{61C}"#),
        (
            "zero-width characters", "pay\u{200B}pal\u{200C}\u{200D}\u{2060}\u{FEFF}",
            #"pay\u{200B}pal\u{200C}\u{200D}\u{2060}\u{FEFF}"#
        ),
        ("line and paragraph separators", "a\u{2028}b\u{2029}c", #"a\u{2028}b\u{2029}c"#),
        ("a Hangul filler", "admin\u{3164}", #"admin\u{3164}"#),
        ("noncharacters", "a" + String(Unicode.Scalar(0xFFFF)!) + "b" + String(Unicode.Scalar(0xFDD0)!), #"a\u{FFFF}b\u{FDD0}"#),
        ("letters and emoji stay", "Zürich 日本 EU 🇪🇺 e\u{301}", "Zürich 日本 EU 🇪🇺 e\u{301}"),
        ("a URL and an e-mail stay", "https://evil.example dpo@evil.example", "https://evil.example dpo@evil.example"),
        ("Markdown stays", "[x](y) **b** `c` | d", "[x](y) **b** `c` | d"),
        ("a backslash stays", #"C:\Users\x1b"#, #"C:\Users\x1b"#),
    ]

    @Test(arguments: hostile)
    func theTerminalSeesVisibleEscapes(what: String, text: String, shown: String) {
        let out = Neutralise.terminal(text)
        #expect(out == shown, "\(what)")
        #expect(!out.unicodeScalars.contains { Neutralise.isHidden($0) }, "\(what)")
    }

    /// The byte-at-a-time path says what the definition (one scalar at a time) says: with each
    /// choice of kept tabs and line feeds, over seeded texts of every ASCII byte (controls and
    /// DEL among them) and, in one text of three, letters of two, three and four bytes, hidden
    /// (C1 controls, format characters, fillers, noncharacters, tags) or not.
    @Test func textIsShownAsTheDefinitionShowsIt() {
        var rng = SplitMix64(state: 20_261_206)
        let wide: [Unicode.Scalar] = [
            "é", "\u{85}", "\u{9B}", "\u{A0}", "\u{61C}", "日", "…", "\u{200B}", "\u{202E}", "\u{2028}", "\u{3164}",
            "\u{FEFF}", "🇪", "\u{1F600}", "\u{E0041}", "\u{1D173}",
        ] + [0xFDD0, 0xFFFF, 0x10FFFF].map { Unicode.Scalar($0)! }  // noncharacters, which literals refuse
        let letters: [Unicode.Scalar] = (0..<0x80).map { Unicode.Scalar(UInt8($0)) } + wide
        for round in 0..<3_000 {
            let count = Int(rng.next() % 40)
            var text = ""
            for _ in 0..<count {
                let pick = Int(rng.next() % UInt64(round % 3 == 0 ? letters.count : 0x80))
                text.unicodeScalars.append(letters[pick])
            }
            for (tabs, feeds) in [(false, false), (true, false), (false, true), (true, true)] {
                #expect(
                    Neutralise.visible(text, keepTabs: tabs, keepLineFeeds: feeds)
                        == Neutralise.visibleByScalars(text, keepTabs: tabs, keepLineFeeds: feeds), "\(text.debugDescription)")
            }
        }
    }

    @Test func longTextIsCutInScalars() {
        let mb = String(repeating: "x", count: 1 << 20)
        #expect(Neutralise.terminal(mb, limit: 120) == String(repeating: "x", count: 120) + "…")
        #expect(Neutralise.terminal(mb).unicodeScalars.count == Neutralise.textLimit + 1)
        // One Character of a million combining marks is cut like a million characters.
        let zalgo = "a" + String(repeating: "\u{301}", count: 1 << 20)
        #expect(zalgo.count == 1)
        #expect(Neutralise.terminal(zalgo, limit: 10).unicodeScalars.count == 11)
        // Escapes do not hide length: a million ESCs still make a short line.
        #expect(Neutralise.terminal(String(repeating: "\u{1B}", count: 1 << 20), limit: 10).utf8.count == 10 * 4 + 3)
        #expect(Neutralise.terminal("short", limit: 10) == "short")
    }

    @Test func theMiddleOfALongMessageIsLeftOut() {
        let message = "unknown region \"" + String(repeating: "x", count: 100_000) + "\"; expected \"eu\""
        let cut = Neutralise.clipMiddle(message, limit: 100)
        #expect(cut.hasPrefix("unknown region \"xxx"))
        #expect(cut.hasSuffix("xx\"; expected \"eu\""))
        #expect(cut.unicodeScalars.count == 103)
    }
}
