/// Where an app's SDK sends events: the URL each Segment SDK builds from its settings, read
/// from the SDK's own code (docs/inventory.md, "SDK URLs", cites each repository and path).
/// A documented default is a value, not a gap: an SDK without `apiHost` posts to its default
/// host, and React Native without `useSegmentEndpoints` behaves as `false`.
///
/// The SDKs build their URL by string concatenation, so a value written in another form than
/// the SDK expects (a scheme where it adds one, `/v1` where it appends its own) makes a URL
/// the SDK really posts to and that Segment does not accept; the URL shows it.
enum SDKRules {
    /// How a library turns its settings into the URL it posts a batch to.
    struct Library: Sendable {
        /// The settings it reads, in the order evidence names them.
        var keys: [String]
        /// The URL, and the evidence for it, from the declared settings.
        var build: @Sendable (SDKConfig) -> (url: String?, evidence: String)
        /// Where the code that builds the URL is.
        var source: String
    }

    static let usAPIHost = "api.segment.io/v1"

    /// The `unresolved` entry of a source set up differently in two places in code (`check
    /// --scan`): whatever the library, its URL is then unknown.
    static let conflictingSetups = "setups"

    /// Settings that replace how an SDK sends (a request or connection factory, an HTTP
    /// client): code a scan does not follow, so their value is always unknown, and with it the
    /// URL, never the one the other settings would give.
    static let transports: Set<String> = [
        "requestFactory", "connectionFactory", "client", "httpClient", "httpClientProvider", "autoAddSegmentDestination",
    ]
    static let usHost = "https://api.segment.io"

    /// Library ids as users declare them.
    static let libraries: [String: Library] = [
        // `HTTPClient.segmentURL(for:path:)`: "https://\(host)\(path)" with path "/b".
        "analytics-swift": concat("apiHost", prefix: "https://", suffix: "/b", default: usAPIHost,
            source: "segmentio/analytics-swift Sources/Segment/Utilities/Networking/HTTPClient.swift"),
        // `RequestFactory.upload(apiHost)`: "https://$apiHost/b".
        "analytics-kotlin": concat("apiHost", prefix: "https://", suffix: "/b", default: usAPIHost,
            source: "segmentio/analytics-kotlin core/src/main/java/com/segment/analytics/kotlin/core/HTTPClient.kt"),
        // `_url(host, "/b")`: "https://$host$path".
        "analytics-flutter": concat("apiHost", prefix: "https://", suffix: "/b", default: usAPIHost,
            source: "segmentio/analytics_flutter packages/core/lib/utils/http_client.dart"),
        // `SegmentURL(host, path) => "https://" + host + path` with "/b".
        "analytics-csharp": concat("apiHost", alias: "host", prefix: "https://", suffix: "/b", default: usAPIHost,
            source: "segmentio/Analytics-CSharp Analytics-CSharp/Segment/Analytics/Utilities/HTTPClient.cs"),
        // Classic Analytics.NET and Analytics.Xamarin: `new Uri(Config.Host + "/v1/import")`.
        "analytics-dotnet": concat("host", prefix: "", suffix: "/v1/import", default: usHost,
            source: "segmentio/Analytics.NET Analytics/Request/BlockingRequestHandler.cs"),
        // Xamarin: Segment's page gives `apiHost` as for the mobile SDKs, which is
        // Analytics-CSharp on Xamarin (Segment points Xamarin users there); a `host` is the
        // classic Analytics.Xamarin's `Config.SetHost`, which posts to `host + "/v1/import"`.
        "analytics-xamarin": Library(keys: ["apiHost", "host"], build: { sdk in
            if sdk.apiHost == nil, let host = sdk.host {
                return (host + "/v1/import", "sdk.host = \"\(host)\" (classic Analytics.Xamarin) → {host}/v1/import")
            }
            let value = sdk.apiHost ?? usAPIHost
            return ("https://" + value + "/b", evidence(sdk.apiHost, "apiHost", usAPIHost, "https://{apiHost}/b (Analytics-CSharp)"))
        }, source: "segmentio/Analytics-CSharp HTTPClient.cs; segmentio/Analytics.Xamarin Analytics.Xamarin.Pcl/Request/BlockingRequestHandler.cs"),
        // Classic analytics-ios: the stored host (https:// ensured) + "/batch".
        "analytics-ios": Library(keys: ["apiHost"], build: { sdk in
            let host = sdk.apiHost ?? "https://api.segment.io/v1"
            let base = host.contains("https://") ? host : "https://" + host
            return (base + "/batch", evidence(sdk.apiHost, "apiHost", "https://api.segment.io/v1", "{apiHost}/batch"))
        }, source: "segmentio/analytics-ios Segment/Classes/SEGHTTPClient.m, Segment/Internal/SEGUtils.m"),
        // Classic analytics-android: `String.format("https://%s/import", apiHost)`.
        "analytics-android": concat("apiHost", prefix: "https://", suffix: "/import", default: usAPIHost,
            source: "segmentio/analytics-android analytics/src/main/java/com/segment/analytics/ConnectionFactory.java"),
        "analytics-react-native": Library(keys: ["proxy", "useSegmentEndpoints"], build: reactNative,
            source: "segmentio/analytics-react-native packages/core/src/plugins/SegmentDestination.ts (getEndpoint), "
                + "packages/core/src/constants.ts"),
        // `@segment/analytics-node`: `new URL(path, host)`, path "/v1/batch" (a path in host is replaced).
        "analytics-node": Library(keys: ["host", "path"], build: { sdk in
            let host = sdk.host ?? usHost
            let path = sdk.path ?? "/v1/batch"
            let url = URLParts(host).flatMap { $0.scheme == nil ? nil : $0.resolving(path: path) }
            return (url, evidence(sdk.host, "host", usHost, "new URL(\(sdk.path == nil ? "\"/v1/batch\"" : "path"), host)"))
        }, source: "segmentio/analytics-next packages/node/src/lib/create-url.ts"),
        // The legacy `analytics-node` package: `removeSlash(host) + removeSlash(path)` as strings,
        // so a `/v1` in host is doubled.
        "analytics-node-legacy": Library(keys: ["host", "path"], build: { sdk in
            func removeSlash(_ s: String) -> String { s.hasSuffix("/") ? String(s.dropLast()) : s }
            let url = removeSlash(sdk.host ?? usHost) + removeSlash(sdk.path ?? "/v1/batch")
            return (url, evidence(sdk.host, "host", usHost, "{host}{path}"))
        }, source: "segmentio/analytics-node index.js"),
        // `remove_trailing_slash(host) + '/v1/batch'`.
        "analytics-python": Library(keys: ["host"], build: { sdk in
            var host = sdk.host ?? usHost
            if host.hasSuffix("/") { host.removeLast() }
            return (host + "/v1/batch", evidence(sdk.host, "host", usHost, "{host}/v1/batch"))
        }, source: "segmentio/analytics-python segment/analytics/request.py"),
        // `HttpUrl.parse(endpoint + "/v1/import/")`; a value without a scheme does not parse and
        // `build()` silently falls back to the US default.
        "analytics-java": Library(keys: ["endpoint", "host"], build: { sdk in
            // `setUploadURL`: the URL as given, when no endpoint is set (`build()`).
            if sdk.endpoint == nil, sdk.host == nil, let upload = sdk.uploadURL {
                return (upload, "sdk.uploadURL = \"\(upload)\" (setUploadURL) → {uploadURL}")
            }
            guard let value = sdk.endpoint ?? sdk.host else {
                return (usHost + "/v1/import/", "sdk.endpoint not set: the library's default \(usHost) + /v1/import/")
            }
            let key = sdk.endpoint != nil ? "sdk.endpoint" : "sdk.host"
            guard URLParts(value)?.scheme != nil else {
                return (usHost + "/v1/import/",
                    "\(key) = \"\(value)\" has no scheme, so the SDK's HttpUrl.parse fails and it falls back to \(usHost)/v1/import/")
            }
            return (value + "/v1/import/", "\(key) = \"\(value)\" → {endpoint}/v1/import/")
        }, source: "segmentio/analytics-java analytics/src/main/java/com/segment/analytics/Analytics.java (Builder.endpoint, build)"),
        // `c.Endpoint + "/v1/batch"`.
        "analytics-go": concat("endpoint", alias: "host", prefix: "", suffix: "/v1/batch", default: usHost,
            source: "segmentio/analytics-go analytics.go (client.upload)"),
        // `Net::HTTP.new(host, 443)` posting to path "/v1/import": host is a bare host name.
        "analytics-ruby": Library(keys: ["host", "path"], build: { sdk in
            // The port is an option of its own: a host with one is no host name Net::HTTP can
            // connect to, so no request goes to the EU endpoint it seems to name.
            if let host = sdk.host, host.contains(":") || host.contains("/") {
                return (nil, "host = \"\(host)\", which Net::HTTP.new(host, port) takes whole as a host name")
            }
            let url = "https://" + (sdk.host ?? "api.segment.io") + (sdk.path ?? "/v1/import")
            return (url, evidence(sdk.host, "host", "api.segment.io", "https://{host}{path}"))
        }, source: "segmentio/analytics-ruby lib/segment/analytics/transport.rb, defaults.rb"),
        // `$this->protocol . $host . '/v1/batch'`.
        "analytics-php": concat("host", prefix: "https://", suffix: "/v1/batch", default: "api.segment.io",
            source: "segmentio/analytics-php lib/Consumer/LibCurl.php"),
        // Requests written by hand: the URL is what the user says it is.
        "http-api": Library(keys: ["endpoint", "host"], build: { sdk in
            guard let value = sdk.endpoint ?? sdk.host else { return (nil, "sdk.endpoint not set: a hand-written request has no default") }
            return (value, "\(sdk.endpoint != nil ? "sdk.endpoint" : "sdk.host") = \"\(value)\"")
        }, source: "Segment: HTTP Tracking API"),
    ]

    /// Every library id the tool knows, for "did you mean".
    static var knownLibraries: [String] { (Array(libraries.keys) + ["analytics.js"]).sorted() }

    /// A library that concatenates one setting between a fixed prefix and suffix.
    static func concat(
        _ key: String, alias: String? = nil, prefix: String, suffix: String, default value: String, source: String
    ) -> Library {
        Library(keys: [key], build: { sdk in
            let declared = sdk.value(key) ?? alias.flatMap { sdk.value($0) }
            let name = sdk.value(key) == nil && alias.map({ sdk.value($0) != nil }) == true ? alias! : key
            return (prefix + (declared ?? value) + suffix, evidence(declared, name, value, "\(prefix){\(name)}\(suffix)"))
        }, source: source)
    }

    static func evidence(_ declared: String?, _ key: String, _ fallback: String, _ template: String) -> String {
        guard let declared else { return "sdk.\(key) not set: the library's default \"\(fallback)\" → \(template)" }
        return "sdk.\(key) = \"\(declared)\" → \(template)"
    }

    /// React Native's `getEndpoint`: with a proxy, the proxy (https:// added when it has no
    /// scheme) plus `/b` only when `useSegmentEndpoints` is true (default false); without one,
    /// the default `https://api.segment.io/v1/b`.
    @Sendable static func reactNative(_ sdk: SDKConfig) -> (url: String?, evidence: String) {
        let use = sdk.useSegmentEndpoints ?? false
        let useText = sdk.useSegmentEndpoints == nil ? "useSegmentEndpoints not set (default false)" : "useSegmentEndpoints = \(use)"
        guard let proxy = sdk.proxy, !proxy.isEmpty else {
            return ("https://api.segment.io/v1/b", "sdk.proxy not set: the library's default https://api.segment.io/v1/b")
        }
        var base = proxy
        if !base.lowercased().hasPrefix("http://") && !base.lowercased().hasPrefix("https://") { base = "https://" + base }
        let url = use ? base + (base.hasSuffix("/") ? "b" : "/b") : base
        return (url, "sdk.proxy = \"\(proxy)\", \(useText) → \(use ? "{proxy}/b" : "{proxy} as is")")
    }

    /// The URL, host and region an SDK configuration sends to.
    static func resolve(_ sdk: SDKConfig, workspaceRegion: String?) -> Resolution {
        guard let library = sdk.library else {
            return Resolution(region: nil, evidence: "the SDK configuration names no library")
        }
        if let result = unresolvedResolution(sdk, library) { return result }
        if library == "analytics.js", let apiHost = sdk.apiHost {
            // `integrations['Segment.io'].apiHost` in code overrides the source's settings; the
            // batching dispatcher posts to `https://${apiHost}/b`.
            let url = "https://" + apiHost + "/b"
            return Resolution(
                region: URLParts(url)?.host.flatMap { region(ofIngestHost: $0) }, host: URLParts(url)?.host, url: url,
                evidence: located(
                    "sdk.apiHost = \"\(apiHost)\" (integrations['Segment.io'].apiHost in code) → https://{apiHost}/b = \(url)", sdk))
        }
        if library == "analytics.js" {
            // Analytics.js takes its endpoint from the source's settings: the workspace's region.
            let region = workspaceRegion == "eu-west" ? "eu" : workspaceRegion == "us-west" ? "us" : nil
            let url = region == "eu" ? "https://events.eu1.segmentapis.com/v1/b" : region == "us" ? "https://api.segment.io/v1/b" : nil
            return Resolution(
                region: region, host: url.flatMap { URLParts($0)?.host }, url: url,
                evidence: "analytics.js takes its endpoint from the source's settings (the workspace's region)")
        }
        guard let rule = libraries[library] else {
            return Resolution(region: nil, evidence: "library \"\(library)\" is not one residency knows")
        }
        let (url, evidence) = rule.build(sdk)
        guard let url, let parts = URLParts(url), let host = parts.host else {
            return Resolution(
                region: nil, url: url, evidence: located("\(evidence), which is not a URL an HTTP client can post to", sdk))
        }
        return Resolution(
            region: region(ofIngestHost: host), host: host, url: url, evidence: located("\(evidence) = \(url)", sdk))
    }

    /// Unknown when a setting the library reads is one the code gives unresolved (an
    /// environment variable no environment file sets): never the library's default.
    /// A request factory, connection factory or HTTP client set in code counts too: it decides
    /// the URL of every request, whatever the other settings say.
    private static func unresolvedResolution(_ sdk: SDKConfig, _ library: String) -> Resolution? {
        let keys = [conflictingSetups] + (libraries[library]?.keys ?? ["apiHost"]) + ["uploadURL"] + transports.sorted()
        guard let key = keys.first(where: { sdk.unresolved[$0] != nil }), let value = sdk.unresolved[key] else { return nil }
        let evidence =
            if key == conflictingSetups {
                "the source is \(value) in the code: which setup ships is not in the code"
            } else if transports.contains(key) {
                "sdk.\(key) is set in the code (\(value)): it decides the URL of every request, "
                    + "which reading the code cannot follow"
            } else if value.hasPrefix("env ") {
                "sdk.\(key) is \(value) in the code, which no environment file given to the scan sets"
            } else {
                "sdk.\(key) is \(value) in the code, a value reading the code cannot tell"
            }
        return Resolution(region: nil, evidence: located(evidence, sdk))
    }

    /// Evidence with where in code the setting the URL came from is written, or where the
    /// SDK is set up when the URL is its default, when a scan found it there.
    private static func located(_ evidence: String, _ sdk: SDKConfig) -> String {
        if let key = decisiveSetting(sdk) { return "\(evidence) (\(key) at \(sdk.codeLocations[key]!))" }
        return sdk.codeLocation.map { "\(evidence) (set up at \($0))" } ?? evidence
    }

    /// The first setting the library reads that the code writes, if any.
    private static func decisiveSetting(_ sdk: SDKConfig) -> String? {
        let keys = (sdk.library.flatMap { libraries[$0]?.keys } ?? ["apiHost"]) + ["uploadURL"]
        return keys.first { sdk.codeLocations[$0] != nil }
    }

    /// Where in code the URL is decided: the setting's line, or the setup's when the URL is
    /// the library's default; nil when no scan found the SDK in code.
    static func codeLocation(_ sdk: SDKConfig) -> String? {
        decisiveSetting(sdk).map { sdk.codeLocations[$0]! } ?? sdk.codeLocation
    }

    /// The region of a Segment host: its tracking hosts and Public API hosts (which are no
    /// tracking hosts, but whose region Segment documents). Any other host (a proxy of the
    /// customer's) is unknown: where it forwards to is not in the inventory.
    package static func region(ofIngestHost host: String) -> String? {
        switch host.lowercased() {
        case "api.segment.io", "api.segmentapis.com": "us"
        case "events.eu1.segmentapis.com", "eu1.api.segmentapis.com": "eu"
        default: nil
        }
    }
}

extension SDKConfig {
    /// A string setting by its key.
    func value(_ key: String) -> String? {
        switch key {
        case "apiHost": apiHost
        case "host": host
        case "endpoint": endpoint
        case "proxy": proxy
        case "path": path
        default: nil
        }
    }
}
