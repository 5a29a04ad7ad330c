import ResidencyKit

/// A deterministic generated model: the same arguments always give the same workspaces.
enum BenchModel {
    static let catalogNames = [
        "Amplitude (Actions)", "Mixpanel (Actions)", "Braze Cloud Mode (Actions)", "Customer.io (Actions)",
        "Google Ads (Classic)", "Slack", "Intercom Web (Actions)", "HubSpot", "Webhooks (Actions)", "Iterable (Actions)",
    ]
    static let vendors = [
        "Amplitude", "Mixpanel", "Braze", "Customer.io", "Google", "Slack", "Intercom", "HubSpot", "Webhooks", "Iterable",
    ]

    static let catalog = Catalog(
        version: "bench",
        destinations: catalogNames.enumerated().map { i, name in
            .init(
                name: name, vendor: vendors[i], supportedRegions: i != 5 ? ["us-west-2", "eu-west-1"] : ["us-west-2"],
                regionEndpoints: i < 4 || i == 6 || i == 7 ? ["US", "EU"] : ["US"])
        })

    static let facts = Facts(
        dpfCertified: ["Amplitude", "Mixpanel", "Google", "Slack", "HubSpot"], sccVendors: ["Braze", "Iterable"])

    /// `perWorkspace` destinations per workspace, a handful of sources they hang off.
    static func generate(workspaces: Int, perWorkspace: Int) -> [WorkspaceModel] {
        var rng = SplitMix(seed: 2026)
        return (0..<workspaces).map { w in
            let eu = w % 4 != 3
            let sourceCount = 8
            let sources = (0..<sourceCount).map { s in
                Source(
                    id: "src-\(w)-\(s)", slug: "s\(s)", name: "Source \(s)", catalogName: "Node.js",
                    ingestHost: s % 5 == 4 ? "api.segment.io" : "events.eu1.segmentapis.com",
                    ingestRegion: s % 5 == 4 ? "us" : "eu")
            }
            let destinations = (0..<perWorkspace).map { d -> Destination in
                let c = Int(rng.next() % UInt64(catalogNames.count))
                let r = rng.next() % 10
                let region: String? = r < 6 ? "eu" : (r < 9 ? "us" : nil)
                let host: String? =
                    region == "eu"
                    ? "api.\(vendors[c].lowercased()).eu" : (region == "us" ? "api.\(vendors[c].lowercased()).com" : nil)
                return Destination(
                    id: "dst-\(w)-\(d)", name: "\(vendors[c]) \(d)", enabled: rng.next() % 8 != 0,
                    sourceId: "src-\(w)-\(d % sourceCount)", catalogName: catalogNames[c], vendor: vendors[c],
                    endpoint: .resolved(region: region, host: host))
            }
            return WorkspaceModel(
                workspace: Workspace(
                    id: "ws-\(w)", slug: "ws\(w)", region: eu ? "eu-west" : "us-west",
                    dataSubjects: w % 7 == 0 ? ["EU", "CH"] : ["EU"]),
                sources: sources, destinations: destinations)
        }
    }
}

/// A tiny deterministic generator, so runs are comparable across machines.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
