import Testing

@testable import ResidencyKit

/// `workspaces`: rules across the workspaces of one run (issue 12), on export bundles shaped
/// as the Public API returns them. A Repeater destination's `writeKeys` setting names the
/// sources it re-sends every event to.
@Suite struct CrossWorkspaceTests {
    static let eu = InventoryFixture.bundle(
        #"""
        "region": "eu-west",
        "sources": [{"id": "src-eu-web", "slug": "web", "name": "EU web", "writeKeys": ["wk-shared", "wk-eu"]},
                    {"id": "src-eu-app", "slug": "app", "name": "EU app", "writeKeys": ["wk-eu-app"]}],
        "destinations": [{"id": "dst-repeat", "sourceId": "src-eu-web", "name": "Repeat to US",
                          "metadata": {"name": "Repeater"}, "settings": {"writeKeys": ["wk-us"]}},
                         {"id": "dst-repeat-eu", "sourceId": "src-eu-web", "name": "Repeat to EU",
                          "metadata": {"name": "Repeater"}, "settings": {"writeKeys": ["wk-eu-app"]}}]
        """#, workspace: #"{"id": "ws-eu", "slug": "acme-eu"}"#)
    static let us = InventoryFixture.bundle(
        #"""
        "region": "us-west",
        "sources": [{"id": "src-us-web", "slug": "web", "name": "US web", "writeKeys": ["wk-us", "wk-shared"]}]
        """#, workspace: #"{"id": "ws-us", "slug": "acme-us"}"#)

    static let policies = """
        policy XW-1 "A write key belongs to one workspace" {
          severity error
          for source s
          require every o in workspaces: o.id == s.workspace.id
            or not (some t in o.sources: some k in s.writeKeys: k in t.writeKeys)
          message "{s.name} in {s.workspace.slug} shares a write key with another workspace"
        }

        policy XW-2 "EU events do not reach a US workspace through Repeater" {
          severity error
          for destination d
          where d.workspace.region == "eu-west" and d.catalogName == "Repeater"
          require every o in workspaces: o.region != "us-west"
            or not (some t in o.sources: some k in t.writeKeys: k in d.settings["writeKeys"])
          message "{d.name} repeats events of EU workspace {d.workspace.slug} into a US workspace"
        }

        """

    static func models() throws -> [WorkspaceModel] {
        let loaded = InventoryFixture.load([("eu.json", eu), ("us.json", us)])
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))")
        return loaded.workspaces
    }

    @Test func sharedWriteKeysAndRepeatersAcrossWorkspacesFail() throws {
        let models = try Self.models()
        #expect(models.map(\.workspace.slug) == ["acme-eu", "acme-us"])
        let outcomes = try Harness(Self.policies).findings(models).reduce(into: [String: Outcome]()) {
            $0["\($1.policy)/\($1.workspace)/\($1.resourceId)"] = $1.outcome
        }
        #expect(outcomes["XW-1/acme-eu/src-eu-web"] == .fail)
        #expect(outcomes["XW-1/acme-us/src-us-web"] == .fail)
        #expect(outcomes["XW-1/acme-eu/src-eu-app"] == .pass)
        #expect(outcomes["XW-2/acme-eu/dst-repeat"] == .fail)
        #expect(outcomes["XW-2/acme-eu/dst-repeat-eu"] == .pass)
    }

    /// The finding names both sides: its own resource, and in its evidence the record of the
    /// other workspace the decisive values were read from.
    @Test func findingsNameTheOtherWorkspace() throws {
        let models = try Self.models()
        let findings = try Harness(Self.policies).findings(models)
        let repeater = try #require(findings.first { $0.resourceId == "dst-repeat" })
        #expect(repeater.message == "Repeat to US repeats events of EU workspace acme-eu into a US workspace")
        let froms = repeater.evidence.compactMap(\.from).joined(separator: "\n")
        #expect(froms.contains("read from workspace acme-us"), "\(repeater.evidence)")
        #expect(froms.contains(#"read from source "US web" (src-us-web) in workspace acme-us"#), "\(repeater.evidence)")
    }

    /// One workspace alone: `workspaces` is just it, and the rules pass.
    @Test func aRunOfOneWorkspace() throws {
        let models = try Self.models()
        let outcomes = try Harness(Self.policies).outcomes([models[0]])
        #expect(outcomes["src-eu-web"] == .pass)
        #expect(outcomes["dst-repeat"] == .pass)
    }
}

/// A derived value read from another workspace keeps what it was derived from there (the
/// setting in that workspace's export), ahead of which record and workspace it came from.
@Suite struct CrossWorkspaceDerivationTests {
    @Test func aForeignDerivedValueKeepsItsEvidence() throws {
        let us = InventoryFixture.bundle(
            #"""
            "region": "us-west",
            "sources": [{"id": "s-us", "slug": "web", "name": "US web"}],
            "destinations": [{"id": "mix-us", "sourceId": "s-us", "name": "Mixpanel US",
                              "metadata": {"name": "Mixpanel (Actions)"}, "settings": {"apiRegion": "US 🇺🇸"}}]
            """#, workspace: #"{"id": "ws-us", "slug": "acme-us"}"#)
        let loaded = InventoryFixture.load([("eu.json", CrossWorkspaceTests.eu), ("us.json", us)])
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))")
        let policy = """
            policy XW-3 "No other workspace sends Mixpanel data to the US" {
              severity error
              for workspace w
              where w.region == "eu-west"
              require every o in workspaces: every t in o.destinations: t.endpoint.region != "us"
              message "m"
            }

            """
        let finding = try #require(try Harness(policy).findings(loaded.workspaces).first { $0.resourceKind == "workspace" })
        #expect(finding.outcome == .fail)
        let region = try #require(finding.evidence.first { $0.expression == "t.endpoint.region" && $0.value == "\"us\"" })
        let from = try #require(region.from)
        #expect(from.contains(#"settings.apiRegion = "US 🇺🇸""#), "\(from)")
        #expect(from.contains("read from Endpoint in workspace acme-us"), "\(from)")
        #expect(from.contains("us.json:"), "\(from)")
    }
}
