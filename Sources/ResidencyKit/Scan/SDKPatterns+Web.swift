/// Analytics.js in the browser, and requests written by hand to Segment's tracking API.
extension SDKPatterns {
    /// `AnalyticsBrowser.load({ writeKey, cdnURL }, { integrations: { 'Segment.io': { apiHost } } })`
    /// from `@segment/analytics-next`, and the snippet's `analytics.load("writeKey", options)`
    /// (segmentio/analytics-next packages/browser/src/browser/index.ts; segmentio/snippet
    /// template/snippet.js). Without an `apiHost` in code, Analytics.js takes the one in the
    /// source's settings from Segment's CDN, which follows the workspace's region.
    func browser() -> [SDKUse] {
        let npm = file.mentions("@segment/analytics-next")
        guard npm || file.mentions("segment") else { return [] }
        return file.calls("load").compactMap { k in
            guard let dot = file.token(k - 1), dot.isPunctuation("."), let owner = file.token(k - 2),
                owner.text == "AnalyticsBrowser" || owner.text == "analytics" || (npm && owner.kind == .identifier)
            else { return nil }
            let args = file.arguments(k + 1)
            guard let first = args.first else { return nil }
            var key: FileArgument? = first
            var settings: [(String, FileArgument?)] = []
            if let loadSettings = entries(first) {
                key = file.value(loadSettings, "writeKey")
                settings.append(("cdnHost", file.value(loadSettings, "cdnURL")))
            }
            let integrations = entries(file.value(entries(args.dropFirst().first) ?? [], "integrations"))
            let segmentio = entries(file.value(integrations ?? [], "Segment.io"))
            settings.append(("apiHost", file.value(segmentio ?? [], "apiHost")))
            return use("analytics.js", at: k, writeKey: key, settings: settings)
        }
    }

    /// Segment's tracking hosts, and the API paths a hand-written request posts to.
    static let trackingHosts = ["api.segment.io", "segmentapis.com"]
    static let trackingPaths = [
        "/v1/track", "/v1/identify", "/v1/page", "/v1/screen", "/v1/group", "/v1/alias", "/v1/batch", "/v1/import",
    ]

    /// A string in code (not in a comment) that is a Segment tracking API URL with its path,
    /// outside any SDK setting found: a request written by hand (`http-api`).
    func rawHTTP(excluding uses: [SDKUse]) -> [SDKUse] {
        let taken = Set(uses.flatMap { $0.settings.map(\.location.start.offset) })
        return file.tokens.indices.compactMap { k in
            let t = file.tokens[k]
            guard t.kind == .string, !taken.contains(t.start), Self.trackingHosts.contains(where: { t.text.contains($0) }),
                Self.trackingPaths.contains(where: { t.text.contains($0) }), !t.text.contains("/v1/projects")
            else { return nil }
            return use("http-api", at: k, writeKey: nil, settings: [("endpoint", FileArgument(label: nil, value: k..<(k + 1)))])
        }
    }
}
