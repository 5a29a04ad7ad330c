import Testing

@testable import ResidencyKit

/// `d.settings[…]` and `s.settings[…]`: a resource's settings as exported, read as JSON values
/// (issue 12). Shapes as the Public API returns them: `settings` is an object of the
/// integration's own keys (Mixpanel's `apiRegion` is `"EU 🇪🇺"`, Amplitude's `endpoint`).
struct SettingsCase: CustomTestStringConvertible, Sendable {
    var requirement: String
    var expected: Outcome
    var testDescription: String { requirement }
}

@Suite struct SettingsTests {
    static let inventory = InventoryFixture.bundle(
        #"""
        "sources": [{"id": "s1", "slug": "web", "settings": {"trackedDomains": ["acme.eu"], "consent": true}}],
        "destinations": [{"id": "d1", "sourceId": "s1", "name": "Mixpanel",
          "metadata": {"name": "Mixpanel (Actions)"},
          "settings": {"apiRegion": "EU 🇪🇺", "projectToken": "t0k", "batchSize": 100, "ratio": 1.5, "gone": null,
                       "servers": ["api-eu.mixpanel.com", "api.mixpanel.com"], "nested": {"region": "eu", "port": 443}}}]
        """#)

    static let cases: [SettingsCase] = [
        SettingsCase(requirement: #"d.settings["apiRegion"] == "EU 🇪🇺""#, expected: .pass),
        SettingsCase(requirement: #"d.settings["apiRegion"] in ["EU 🇪🇺", "EU"]"#, expected: .pass),
        SettingsCase(requirement: #"d.settings["apiRegion"].startsWith("EU")"#, expected: .pass),
        SettingsCase(requirement: #"d.settings["apiregion"] == "EU 🇪🇺""#, expected: .indeterminate),
        SettingsCase(requirement: #"exists(d.settings["absent"])"#, expected: .fail),
        SettingsCase(requirement: #"(d.settings["absent"] ?? "US 🇺🇸") == "US 🇺🇸""#, expected: .pass),
        SettingsCase(requirement: #"d.settings["absent"] != "US 🇺🇸""#, expected: .indeterminate),
        SettingsCase(requirement: #"exists(d.settings["gone"])"#, expected: .fail),
        SettingsCase(requirement: #"exists(d.settings["ratio"])"#, expected: .fail),
        SettingsCase(requirement: #"d.settings["batchSize"] > 50"#, expected: .pass),
        // A value of another kind than compared with decides neither `==` nor `!=` (before: `==`
        // was false, so `!=` and `not in` passed on data that is not what the policy expects).
        SettingsCase(requirement: #"d.settings["batchSize"] == "100""#, expected: .indeterminate),
        SettingsCase(requirement: #"d.settings["batchSize"] != "us""#, expected: .indeterminate),
        SettingsCase(requirement: #"d.settings["batchSize"] not in ["us", "US"]"#, expected: .indeterminate),
        SettingsCase(requirement: #"d.settings["apiRegion"] != true"#, expected: .indeterminate),
        SettingsCase(requirement: #"d.settings["nested"] != "eu""#, expected: .indeterminate),
        SettingsCase(requirement: #"d.settings["batchSize"] in [100, 200]"#, expected: .pass),
        SettingsCase(requirement: #""x" in d.settings["servers"]"#, expected: .fail),
        SettingsCase(requirement: #"d.settings["batchSize"] != 100"#, expected: .fail),
        SettingsCase(requirement: #"d.settings["nested"]["region"] == "eu""#, expected: .pass),
        SettingsCase(requirement: #"d.settings["nested"]["port"] == 443"#, expected: .pass),
        SettingsCase(requirement: #"d.settings["servers"][0] == "api-eu.mixpanel.com""#, expected: .pass),
        SettingsCase(requirement: #"d.settings["servers"][2] == "x""#, expected: .indeterminate),
        SettingsCase(requirement: #"every h in d.settings["servers"]: h.endsWith(".mixpanel.com")"#, expected: .pass),
        SettingsCase(requirement: #"some h in d.settings["apiRegion"]: h == "x""#, expected: .indeterminate),
        SettingsCase(requirement: #""api.mixpanel.com" in d.settings["servers"]"#, expected: .pass),
        SettingsCase(requirement: #"length(d.settings) == 7"#, expected: .pass),
        SettingsCase(requirement: #"d.source.settings["consent"] == true"#, expected: .pass),
        SettingsCase(requirement: #""acme.eu" in d.source.settings["trackedDomains"]"#, expected: .pass),
    ]

    @Test(arguments: cases)
    func outcome(_ c: SettingsCase) throws {
        let loaded = InventoryFixture.load(Self.inventory)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))")
        let model = try #require(loaded.only)
        let policy = "policy T-1 \"t\" {\n  severity error\n  for destination d\n  require \(c.requirement)\n  message \"m\"\n}\n"
        #expect(try Harness(policy).outcomes([model])["d1"] == c.expected)
    }

    /// An absent key is named as the unknown value, and the entry read is the evidence.
    @Test func findingsNameTheSettingRead() throws {
        let model = try #require(InventoryFixture.load(Self.inventory).only)
        let policy =
            "policy T-1 \"t\" {\n  severity error\n  for destination d\n  require d.settings[\"region\"] == \"eu\" or d.settings[\"apiRegion\"] == \"US 🇺🇸\"\n  message \"m\"\n}\n"
        let finding = try #require(try Harness(policy).findings([model]).first)
        #expect(finding.outcome == .indeterminate)
        #expect(finding.reason == "its setting “region” is not in the workspace's export")
        #expect(finding.evidence.map(\.expression).contains(#"d.settings["apiRegion"]"#))
        #expect(!finding.evidence.map(\.expression).contains("d.settings"))
    }

    @Test func typeErrors() {
        func codes(_ requirement: String) -> [String] {
            let text = "policy T-1 \"t\" {\n  severity error\n  for destination d\n  require \(requirement)\n  message \"m\"\n}\n"
            return Audit.checkPolicies(texts: [("t.policy", text)]).diagnostics.filter { $0.severity == .error }.map(\.code)
        }
        #expect(codes(#"d.settings[1] == "x""#) == ["E0106"] || codes(#"d.settings[1] == "x""#) == ["E0105"])
        #expect(codes(#"d.name["x"] == "y""#) == ["E0106"])
        #expect(codes(#"d["name"] == "y""#) == ["E0106"])
        #expect(codes(#"d.settings["x"] == 2025-01-01"#) == ["E0106"])
        #expect(codes(#"d.settings["x"] == "y""#) == [])
    }
}
