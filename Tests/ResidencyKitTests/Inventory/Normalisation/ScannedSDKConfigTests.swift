import Testing

@testable import ResidencyKit

/// `sdkConfigs` entries in the shape `residency scan` writes (docs/scan.md): matched to a
/// source by write key, with the code's location in the evidence, and unresolved settings
/// making the URL unknown rather than the SDK's default.
@Suite struct ScannedSDKConfigTests {
    static let sources = #""sources": [{"id": "ios", "writeKeys": ["keyIOS"]}, {"id": "java", "writeKeys": ["keyJava"]}],"#

    @Test func anEntryIsMatchedByItsWriteKey() throws {
        let loaded = InventoryFixture.load(
            InventoryFixture.bundle(
                Self.sources + #"""
                    "sdkConfigs": [
                      {"writeKey": "keyIOS", "library": "analytics-swift", "apiHost": "events.eu1.segmentapis.com/v1",
                       "location": "App/AppDelegate.swift:17:29", "evidence": []},
                      {"writeKey": "keyJava", "library": "analytics-java", "uploadURL": "https://events.eu1.segmentapis.com/v1/import"}
                    ]
                    """#))
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        let sources = try #require(loaded.only).sources
        #expect(sources[0].ingestURL == "https://events.eu1.segmentapis.com/v1/b")
        #expect(
            sources[0].ingestEvidence?.hasSuffix(
                "= https://events.eu1.segmentapis.com/v1/b (set up at App/AppDelegate.swift:17:29)") == true,
            "\(sources[0].ingestEvidence ?? "")")
        // analytics-java's setUploadURL: the URL as given.
        #expect(sources[1].ingestURL == "https://events.eu1.segmentapis.com/v1/import")
        #expect(sources[1].ingestRegion == "eu")
    }

    @Test func anUnresolvedSettingLeavesTheURLUnknown() throws {
        let loaded = InventoryFixture.load(
            InventoryFixture.bundle(
                Self.sources + #"""
                    "sdkConfigs": [{"writeKey": "keyIOS", "library": "analytics-swift", "unresolved": {"apiHost": "env SEGMENT_API_HOST"}}]
                    """#))
        #expect(loaded.diagnostics.isEmpty)
        let ios = try #require(loaded.only).sources[0]
        #expect(ios.ingestURL == nil, "never the SDK's US default")
        #expect(ios.ingestRegion == nil)
        #expect(
            ios.ingestEvidence
                == "sdk.apiHost is env SEGMENT_API_HOST in the code, which no environment file given to the scan sets")
    }

    /// A request factory set in code decides every URL: the URL is unknown, whatever the host says.
    @Test func aTransportSetInCodeLeavesTheURLUnknown() throws {
        let loaded = InventoryFixture.load(
            InventoryFixture.bundle(
                Self.sources + #"""
                    "sdkConfigs": [{"writeKey": "keyIOS", "library": "analytics-swift", "apiHost": "events.eu1.segmentapis.com/v1",
                                    "unresolved": {"requestFactory": "unknown (MyFactory())"}}]
                    """#))
        #expect(loaded.diagnostics.isEmpty)
        let ios = try #require(loaded.only).sources[0]
        #expect(ios.ingestURL == nil)
        #expect(
            ios.ingestEvidence
                == "sdk.requestFactory is set in the code (unknown (MyFactory())): it decides the URL of every request, which reading the code cannot follow"
        )
    }

    /// The legacy analytics-node package joins host and path as strings: a /v1 in host is doubled.
    @Test func theLegacyNodePackageJoinsHostAndPath() throws {
        let loaded = InventoryFixture.load(
            InventoryFixture.bundle(
                Self.sources + #"""
                    "sdkConfigs": [{"writeKey": "keyJava", "library": "analytics-node-legacy", "host": "https://events.eu1.segmentapis.com/v1/"}]
                    """#))
        #expect(loaded.diagnostics.isEmpty)
        #expect(try #require(loaded.only).sources[1].ingestURL == "https://events.eu1.segmentapis.com/v1/v1/batch")
    }

    @Test func aWriteKeyNoSourceHasIsAnError() throws {
        let loaded = InventoryFixture.load(
            InventoryFixture.bundle(Self.sources + #""sdkConfigs": [{"writeKey": "keyIOs", "library": "analytics-swift"}]"#))
        #expect(loaded.codes == ["E0612"])
        #expect(loaded.diagnostics.first?.message == "sdkConfig writeKey names `keyIOs`, which is not in this workspace")
        #expect(loaded.diagnostics.first?.help == "did you mean `keyIOS`?")
    }
}
