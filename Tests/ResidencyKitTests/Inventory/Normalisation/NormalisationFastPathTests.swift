import Testing

@testable import ResidencyKit

/// The normalisation helpers have allocation-free fast paths; these hold them to the plain
/// definitions they replace.
@Suite struct NormalisationFastPathTests {
    static let labels = [
        "EU 🇪🇺", "US 🇺🇸", "europe", "Europe", "  North   America ", "north_america", "EU-West-1", "eu1", "EEA",
        "European Union", "India!", "日本", "K", "\u{212A}anada", "\u{130}ndia", "ＥＵ", "", "   ", "a  b\tc", "e\u{301}u",
        "Σ", "AU (Sydney)", "ca_central", "us east", "_eu_", "-", "--us--",
    ]

    @Test func labelWordsMatchLowercasedFilteredWords() {
        for label in Self.labels {
            let cleaned = label.lowercased().unicodeScalars.filter {
                $0.isASCII
                    && ($0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "-" || $0 == "_" || $0 == " ")
            }
            let expected = String(String.UnicodeScalarView(cleaned)).split(separator: " ").joined(separator: "_")
            #expect(RegionWords.labelWords(label) == expected, "\(label.debugDescription)")
        }
    }

    /// White space is Unicode's `White_Space`, scalar by scalar: a CRLF (one `Character`,
    /// equal to neither CR nor LF) trims like LF, and a combining mark after a space stays.
    @Test func trimmingMatchesTheScalarDefinition() {
        for text in Self.labels + [" a", "a ", "\r\n", "a\r\n", "\r\na\r\n", "\na", " \u{301}x", "x\n\u{301}", "\t", "a b"]
            + ["\u{A0}eu\u{3000}", "\u{2028}x\u{85}", "\u{B}\u{C}x", "\u{200B}x"]
        {
            let scalars = text.unicodeScalars
            let expected =
                scalars.firstIndex(where: { !$0.properties.isWhitespace }).map {
                    String(scalars[$0...scalars.lastIndex(where: { !$0.properties.isWhitespace })!])
                } ?? ""
            #expect(text.trimmingWhitespace() == expected, "\(text.debugDescription)")
        }
    }

    @Test(arguments: [
        ("eu\r\n", "eu"), ("\r\n eu-west \r\n", "eu-west"), ("a\r\nb\r\n", "a\r\nb"), ("\r\n", ""), ("\r", ""),
        (" \u{301}x", "\u{301}x"), ("\u{200B}x", "\u{200B}x"),
    ])
    func trimmingTakesCRLFAsWhiteSpace(text: String, trimmed: String) {
        #expect(text.trimmingWhitespace() == trimmed)
        #expect(Substring(text).trimmingWhitespace() == trimmed)
    }

    /// `BundleDecoder.setting` finds, without building it, the member a dictionary of the
    /// settings' members (first of equal keys kept, keys compared as Swift strings) holds,
    /// and says where its value is written.
    @Test func settingLookUpMatchesTheDictionary() throws {
        let json = #"{"endpoint": 1, "apiRegion": "EU", "endpoint": "dup", "e\u0301": true, "\u212Aey": "kelvin", "Key": null}"#
        let root = try JSONReader.parse(json).get().root
        var all: [String: (value: SettingValue, offset: Int)] = [:]
        for (key, _, value) in root.members where all[key] == nil { all[key] = (SettingValue(value), value.start) }
        for key in ["endpoint", "apiRegion", "\u{E9}", "e\u{301}", "Key", "\u{212A}ey", "missing", ""] {
            let found = BundleDecoder.setting(root, key, file: "s.json")
            #expect(found?.value == all[key]?.value, "\(key.debugDescription)")
            #expect(found?.origin == all[key].map { Origin(file: "s.json", offset: $0.offset) }, "\(key.debugDescription)")
        }
        // Not an object, or no object: no setting.
        #expect(BundleDecoder.setting(nil, "endpoint", file: "s.json") == nil)
        let list = try JSONReader.parse(#"[{"endpoint": 1}]"#).get().root
        #expect(BundleDecoder.setting(list, "endpoint", file: "s.json") == nil)
    }

    @Test func catalogKeyMatchesTrimmedLowercased() {
        for name in Self.labels + [
            "actions-mixpanel", "Mixpanel (Actions)", " slack", "slack\n", "\r\n", "a\r\n", "x\u{B}", "Slack\r\n",
        ] {
            #expect(Catalog.key(name) == name.trimmingWhitespace().lowercased(), "\(name.debugDescription)")
        }
    }
}
