/// Where an app's SDK sends events, from the settings the user declared for it. Keys and
/// defaults per library follow each SDK's documentation; Segment's table of what they must
/// be in an EU workspace lives in the policies (RES-004), not here.
public enum SDKRules {
    /// How a library is configured.
    enum Family: Sendable {
        /// `apiHost` without a scheme, default `api.segment.io/v1` (Swift, Kotlin, Flutter, Xamarin).
        case apiHost
        /// `proxy` with `useSegmentEndpoints` (React Native), default `api.segment.io`.
        case proxy
        /// `host` with a scheme, default `https://api.segment.io` (Node.js, Python, C#); Java also `endpoint`.
        case host
        /// A hand-written request URL: no default.
        case http
        /// Analytics.js takes its endpoint from the source's settings, i.e. the workspace's region.
        case automatic
    }

    /// Library ids as users declare them, and their family.
    static let libraries: [String: Family] = [
        "analytics-swift": .apiHost, "analytics-ios": .apiHost, "analytics-kotlin": .apiHost,
        "analytics-android": .apiHost, "analytics-flutter": .apiHost, "analytics-xamarin": .apiHost,
        "analytics-react-native": .proxy,
        "analytics-node": .host, "analytics-python": .host, "analytics-java": .host, "analytics-csharp": .host,
        "http-api": .http,
        "analytics.js": .automatic,
    ]

    /// Every library id the tool knows, for "did you mean".
    public static var knownLibraries: [String] { libraries.keys.sorted() }

    static let usDefaultHost = "api.segment.io"

    /// The host and region an SDK configuration sends to; unknown when the settings do not
    /// say and the library has no default.
    public static func resolve(_ sdk: SDKConfig, workspaceRegion: String?) -> Resolution {
        guard let library = sdk.library else {
            return Resolution(region: nil, evidence: "the SDK configuration names no library")
        }
        guard let family = libraries[library] else {
            return Resolution(region: nil, evidence: "library \"\(library)\" is not one residency knows")
        }
        switch family {
        case .apiHost:
            return fromSetting("apiHost", sdk.apiHost, default: usDefaultHost)
        case .proxy:
            if let proxy = sdk.proxy { return fromSetting("proxy", proxy, default: nil) }
            return fromSetting("proxy", nil, default: usDefaultHost)
        case .host:
            // Java's builder calls it `endpoint`; C# is documented both as `host` (Segment's
            // regional page) and `apiHost` (the SDK's own): read whichever was declared.
            if sdk.host == nil, let endpoint = sdk.endpoint { return fromSetting("endpoint", endpoint, default: nil) }
            if sdk.host == nil, library == "analytics-csharp", let apiHost = sdk.apiHost {
                return fromSetting("apiHost", apiHost, default: nil)
            }
            return fromSetting("host", sdk.host, default: usDefaultHost)
        case .http:
            if sdk.endpoint == nil, let host = sdk.host { return fromSetting("host", host, default: nil) }
            return fromSetting("endpoint", sdk.endpoint, default: nil)
        case .automatic:
            let region = workspaceRegion == "eu-west" ? "eu" : workspaceRegion == "us-west" ? "us" : nil
            let host = region == "eu" ? "events.eu1.segmentapis.com" : region == "us" ? usDefaultHost : nil
            return Resolution(region: region, host: host, evidence: "analytics.js takes its endpoint from the source settings")
        }
    }

    private static func fromSetting(_ key: String, _ value: String?, default fallback: String?) -> Resolution {
        guard let value else {
            guard let fallback else { return Resolution(region: nil, evidence: "sdk.\(key) not set") }
            return Resolution(
                region: RegionWords.region(ofHost: fallback), host: fallback,
                evidence: "sdk.\(key) not set (the library's default is \(fallback))")
        }
        let evidence = "sdk.\(key) = \"\(value)\""
        guard let host = URLParts(value)?.host else {
            return Resolution(region: nil, evidence: "\(evidence), which is not a host")
        }
        return Resolution(region: RegionWords.region(ofHost: host), host: host, evidence: evidence)
    }
}
