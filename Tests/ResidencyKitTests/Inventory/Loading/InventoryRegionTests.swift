import Testing

@testable import ResidencyKit

/// The workspace region: Segment's API has no region field, so it is inferred from the host
/// that answered (`apiHost`), declared by the user (`region`), or both, which must agree.
@Suite struct InventoryRegionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// Extra bundle members, with an optional 1️⃣ where the diagnostic must point.
        var members: String
        var region: String?
        /// Expected diagnostic codes, in order.
        var codes: [String] = []
        var message: String? = nil
        var help: InventoryHelp = .unchecked
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "EU apiHost only", members: #""apiHost": "https://eu1.api.segmentapis.com""#, region: "eu-west"),
        Case(name: "US apiHost only", members: #""apiHost": "https://api.segmentapis.com""#, region: "us-west"),
        Case(name: "EU apiHost without scheme", members: #""apiHost": "eu1.api.segmentapis.com""#, region: "eu-west"),
        Case(
            name: "US apiHost with path and slash", members: #""apiHost": "https://api.segmentapis.com/v1/""#, region: "us-west"),
        Case(name: "EU apiHost upper case", members: #""apiHost": "HTTPS://EU1.API.SEGMENTAPIS.COM""#, region: "eu-west"),
        Case(name: "EU apiHost with port", members: #""apiHost": "https://eu1.api.segmentapis.com:443""#, region: "eu-west"),
        Case(name: "declared eu-west only", members: #""region": "eu-west""#, region: "eu-west"),
        Case(name: "declared us-west only", members: #""region": "us-west""#, region: "us-west"),
        Case(name: "declared with spaces and case", members: #""region": "  EU West ""#, region: "eu-west"),
        Case(name: "declared with underscore", members: #""region": "US_WEST""#, region: "us-west"),
        Case(
            name: "both agree (EU)", members: #""apiHost": "https://eu1.api.segmentapis.com", "region": "eu-west""#,
            region: "eu-west"),
        Case(
            name: "both agree (US)", members: #""apiHost": "https://api.segmentapis.com", "region": "us-west""#, region: "us-west"
        ),
        Case(
            name: "declared US, EU host", members: #""apiHost": "https://eu1.api.segmentapis.com", "region": 1️⃣"us-west""#,
            region: nil, codes: ["E0606"],
            message: #"`region` is "us-west" but `apiHost` https://eu1.api.segmentapis.com answers for eu-west workspaces"#,
            help: .exactly("a workspace's region cannot change; check which host the export came from")),
        Case(
            name: "declared EU, US host", members: #""region": 1️⃣"EU-West", "apiHost": "https://api.segmentapis.com""#,
            region: nil, codes: ["E0606"],
            message: #"`region` is "eu-west" but `apiHost` https://api.segmentapis.com answers for us-west workspaces"#,
            help: .exactly("a workspace's region cannot change; check which host the export came from")),
        Case(
            name: "unknown region, close to eu-west", members: #""region": 1️⃣"eu-wset""#, region: nil, codes: ["E0607"],
            message: #"unknown workspace region "eu-wset"; expected "eu-west" or "us-west""#,
            help: .exactly(#"did you mean "eu-west"?"#)),
        Case(
            name: "unknown region, close to us-west", members: #""region": 1️⃣"us-wes""#, region: nil, codes: ["E0607"],
            message: #"unknown workspace region "us-wes"; expected "eu-west" or "us-west""#,
            help: .exactly(#"did you mean "us-west"?"#)),
        Case(
            name: "unknown region, nothing close", members: #""region": 1️⃣"mars-north""#, region: nil, codes: ["E0607"],
            message: #"unknown workspace region "mars-north"; expected "eu-west" or "us-west""#, help: .exactly(nil)),
        Case(
            name: "unknown region wins over an EU host",
            members: #""apiHost": "https://eu1.api.segmentapis.com", "region": 1️⃣"eu-central""#,
            region: nil, codes: ["E0607"], message: #"unknown workspace region "eu-central""#),
        Case(
            name: "unknown apiHost, no region", members: #""apiHost": 1️⃣"https://api.segment.io""#, region: nil, codes: ["W0605"],
            message: "`apiHost` https://api.segment.io is not a Segment Public API host; the region cannot be inferred from it",
            help: .exactly("US workspaces answer at https://api.segmentapis.com, EU ones at https://eu1.api.segmentapis.com")),
        Case(
            name: "the EU tracking host is not the Public API host",
            members: #""apiHost": 1️⃣"https://events.eu1.segmentapis.com""#,
            region: nil, codes: ["W0605"]),
        Case(
            name: "unknown apiHost, declared region kept",
            members: #""apiHost": 1️⃣"https://segment.example.com", "region": "eu-west""#,
            region: "eu-west", codes: ["W0605"]),
        Case(name: "neither", members: "", region: nil),
        Case(name: "null region and apiHost", members: #""region": null, "apiHost": null"#, region: nil),
        Case(
            name: "region of the wrong type", members: #""region": 1️⃣["eu-west"], "apiHost": "https://eu1.api.segmentapis.com""#,
            region: "eu-west", codes: ["E0602"], message: "`region` must be a string, found an array"),
    ]

    @Test(arguments: cases)
    func region(_ c: Case) throws {
        let marked = InventoryMarked(InventoryFixture.bundle(c.members))
        let loaded = InventoryFixture.load(marked.text)
        #expect(loaded.codes == c.codes)
        let model = try #require(loaded.only)
        #expect(model.workspace.region == c.region)
        #expect(model.workspace.dataRegion == c.region.map { $0 == "eu-west" ? "eu" : "us" })
        guard let d = loaded.diagnostics.first else { return }
        #expect(d.lineColumn == marked.at())
        if let message = c.message { #expect(d.message.contains(message), "\(d.message)") }
        if case .exactly(let help) = c.help { #expect(d.help == help) }
    }

    @Test func apiHostIsKeptAsGiven() throws {
        let model = try #require(InventoryFixture.load(InventoryFixture.bundle(#""apiHost": "eu1.api.segmentapis.com""#)).only)
        #expect(model.workspace.apiHost == "eu1.api.segmentapis.com")
    }

    @Test(arguments: [("eu-west", "eu"), ("us-west", "us")])
    func dataRegionOfEachWorkspaceRegion(region: String, data: String) {
        #expect(Workspace(id: "w", slug: "s", region: region).dataRegion == data)
    }

    @Test func dataRegionOfNoOrUnknownRegionIsNil() {
        #expect(Workspace(id: "w", slug: "s").dataRegion == nil)
        #expect(Workspace(id: "w", slug: "s", region: "ap-south").dataRegion == nil)
    }

    @Test func regionInYAMLIsReportedAtItsValue() {
        let marked = InventoryMarked("workspace: {id: w, slug: s}\nsources: []\ndestinations: []\nwarehouses: []\napiHost: https://eu1.api.segmentapis.com\nregion: 1️⃣us-west\n")
        let loaded = InventoryFixture.load(marked.text, path: "r.yaml")
        #expect(loaded.codes == ["E0606"])
        #expect(loaded.diagnostics.first?.lineColumn == marked.at())
    }
}
