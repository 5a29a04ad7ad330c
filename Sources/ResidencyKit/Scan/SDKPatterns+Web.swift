/// Analytics.js in the browser, and requests written by hand to Segment's tracking API.
extension SDKPatterns {
    /// `AnalyticsBrowser.load({ writeKey, cdnURL }, { integrations: { 'Segment.io': { apiHost } } })`
    /// from `@segment/analytics-next`, and the snippet's `analytics.load("writeKey", options)`
    /// (segmentio/analytics-next packages/browser/src/browser/index.ts; segmentio/snippet
    /// template/snippet.js). Without an `apiHost` in code, Analytics.js takes the one in the
    /// source's settings from Segment's CDN, which follows the workspace's region.
    func browser() -> [SDKUse] {
        let npm = file.mentions("@segment/analytics-next")
        // The snippet names Segment's CDN, and, where the CDN is proxied, still marks itself
        // (`analytics.invoked`, `SNIPPET_VERSION`, `_writeKey`; segmentio/snippet template/snippet.js).
        let snippet = ["segment", "SNIPPET_VERSION", "analytics.invoked", "_writeKey"].contains { file.mentions($0) }
        // The consent wrappers (`withOneTrust(analytics).load(…)`, `withCMP(…)`;
        // segmentio/analytics-next packages/consent) hand `load` on to AnalyticsBrowser's.
        let wrapped = file.mentions("@segment/analytics-consent")
        guard npm || snippet || wrapped else { return [] }
        return file.calls("load").compactMap { k in
            guard let dot = file.token(k - 1), dot.isPunctuation("."), let owner = file.token(k - 2),
                owner.text == "AnalyticsBrowser" || owner.text == "analytics" || (npm && owner.kind == .identifier)
                    || ((npm || wrapped) && owner.isPunctuation(")") && wrapperCall(closingAt: k - 2))
            else { return nil }
            let args = file.arguments(k + 1)
            guard let first = args.first else { return nil }
            var key: FileArgument? = first
            var settings: [(String, FileArgument?)] = []
            // The load settings as an object literal, or opaque when the variable holding them is
            // changed before they are used (`s.cdnURL = …`): the CDN serves the source's settings,
            // Segment.io's apiHost among them.
            if entries(first) != nil {
                let loadSettings = options(first)
                key = file.value(loadSettings, "writeKey")
                settings.append(("cdnHost", file.value(loadSettings, "cdnURL")))
            }
            // Each level an object literal, or opaque: `load(settings, initOptions)` may set apiHost.
            let integrations = file.value(options(args.dropFirst().first), "integrations")
            let segmentio = integrations.map { file.isSpread($0) ? [$0] : options($0) } ?? []
            let entry = file.value(segmentio, "Segment.io")
            settings.append(("apiHost", entry.map { file.isSpread($0) ? $0 : file.value(options($0), "apiHost") } ?? nil))
            return use("analytics.js", at: k, writeKey: key, settings: settings)
        }
    }

    /// Whether the `)` at `close` ends a call of a consent wrapper, `withSomething(analytics)`.
    private func wrapperCall(closingAt close: Int) -> Bool {
        var depth = 0
        var k = close
        while k >= 0 {
            let t = file.tokens[k]
            if t.isPunctuation(")") { depth += 1 }
            if t.isPunctuation("(") {
                depth -= 1
                if depth == 0 {
                    guard let name = file.token(k - 1), name.kind == .identifier else { return false }
                    return name.text.hasPrefix("with") && name.text.count > 4
                }
            }
            k -= 1
        }
        return false
    }

    /// The snippet rendered on the server by `@segment/snippet`: `snippet.min({ apiKey, host })`
    /// or `max` (segmentio/snippet `types.d.ts`; Next.js apps pass it to
    /// `dangerouslySetInnerHTML`). `host` is where analytics.js is loaded from.
    func snippetPackage() -> [SDKUse] {
        guard file.mentions("@segment/snippet") else { return [] }
        let imported = file.imported
        return (file.calls("min") + file.calls("max")).sorted().compactMap { k in
            guard file.token(k - 1)?.isPunctuation(".") == true, let owner = file.token(k - 2), imported.contains(owner.text),
                let arg = only(k + 1)
            else { return nil }
            let config = options(arg)
            return use(
                "analytics.js", at: k, writeKey: file.value(config, "apiKey"), settings: [("cdnHost", file.value(config, "host"))]
            )
        }
    }

    /// The snippet pasted into a string of code: a template literal given to
    /// `dangerouslySetInnerHTML` (Next.js, Gatsby) or written into a page by the server. The
    /// string's content is read as JavaScript, each `${…}` in it as the file's own code (so
    /// `analytics.load("${process.env.KEY}")` reads `env KEY`), at its place in the file.
    func snippetsInStrings() -> [SDKUse] {
        guard file.mentions("analytics.load(") else { return [] }
        var out: [SDKUse] = []
        for t in file.tokens where t.kind == .string && t.end - t.start >= 2 && t.text.contains("analytics.load(") {
            let content = (t.start + 1)..<(t.end - 1)
            var bytes = file.source.bytes
            Self.unwrapInterpolations(&bytes, content)
            guard case .success(let tokens) = CodeTokenizer.tokens(bytes, .javascript, in: content) else { continue }
            let inner = CodeFile(source: SourceFile(path: file.path, bytes: bytes), language: file.language, tokens: tokens)
            out += SDKPatterns(file: inner, evaluator: CodeEvaluator(inner, elsewhere: evaluator.elsewhere)).browser()
        }
        return out
    }

    /// Rewrites a template's `${expr}` as ` (expr)`, and a quoted `"${expr}"` as `  (expr) `,
    /// byte for byte in place, so that the template's code reads with the file's lines and columns.
    static func unwrapInterpolations(_ bytes: inout [UInt8], _ range: Range<Int>) {
        var k = range.lowerBound
        while k + 1 < range.upperBound {
            guard bytes[k] == 0x24, bytes[k + 1] == 0x7B else {
                k += 1
                continue
            }
            var depth = 0
            var close = k + 2
            while close < range.upperBound {
                if bytes[close] == 0x7B {
                    depth += 1
                } else if bytes[close] == 0x7D {
                    if depth == 0 { break }
                    depth -= 1
                }
                close += 1
            }
            guard close < range.upperBound else { return }
            let quote = k > range.lowerBound ? bytes[k - 1] : 0
            if (quote == 0x22 || quote == 0x27), close + 1 < range.upperBound, bytes[close + 1] == quote {
                bytes[k - 1] = 0x20
                bytes[close + 1] = 0x20
            }
            bytes[k] = 0x20
            bytes[k + 1] = 0x28
            bytes[close] = 0x29
            k = close + 1
        }
    }

    /// Segment's tracking hosts, and the API paths a hand-written request posts to.
    static let trackingHosts = ["api.segment.io", "segmentapis.com"]
    static let trackingPaths = [
        "/v1/track", "/v1/identify", "/v1/page", "/v1/screen", "/v1/group", "/v1/alias", "/v1/batch", "/v1/import",
    ]

    /// A string in code (not in a comment) that is a Segment tracking API URL with its path, or
    /// the API's base URL with a scheme (`https://api.segment.io/v1`, to which a client adds
    /// `/track` at run time), outside any SDK setting found: a request written by hand
    /// (`http-api`). A base URL is not looked for in a file where an SDK setting could not be
    /// evaluated (`proxy: HOSTS[region]`): such strings are likely what it picks from. One that
    /// an SDK setting was read from, in any file, is dropped afterwards (`CodeScan`).
    func rawHTTP(excluding uses: [SDKUse]) -> [SDKUse] {
        let settingTokens = uses.flatMap { $0.settings.map(\.tokens) }
        let opaque = uses.contains { use in
            use.settings.contains { setting in setting.value.parts.contains { if case .unknown = $0 { true } else { false } } }
        }
        return file.tokens.indices.compactMap { k in
            let t = file.tokens[k]
            guard t.kind == .string, !settingTokens.contains(where: { $0.contains(k) }),
                Self.trackingHosts.contains(where: { t.text.contains($0) }),
                Self.trackingPaths.contains(where: { t.text.contains($0) }) && !t.text.contains("/v1/projects")
                    || !opaque && Self.isTrackingBaseURL(t.text)
            else { return nil }
            return use("http-api", at: k, writeKey: nil, settings: [("endpoint", FileArgument(label: nil, value: k..<(k + 1)))])
        }
    }

    /// `https://api.segment.io/v1`, `http://events.eu1.segmentapis.com/v1/`: a tracking host's
    /// API base, written with its scheme as an HTTP client's base URL is. Without a scheme
    /// (`api.segment.io/v1`) it is how the SDKs' `apiHost` is written, and is left to them.
    static func isTrackingBaseURL(_ text: String) -> Bool {
        let trimmed = text.hasSuffix("/") ? String(text.dropLast()) : text
        for scheme in ["https://", "http://"] where trimmed.hasPrefix(scheme) {
            let rest = trimmed.dropFirst(scheme.count)
            guard rest.hasSuffix("/v1") else { return false }
            let host = rest.dropLast(3)
            return host == "api.segment.io" || host.hasSuffix(".segmentapis.com") && host.hasPrefix("events.")
        }
        return false
    }
}
