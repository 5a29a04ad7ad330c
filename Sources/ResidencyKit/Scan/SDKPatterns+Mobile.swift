/// The mobile and desktop SDKs: analytics-swift, analytics-kotlin (and its Java builder),
/// classic analytics-android, Flutter, Analytics-CSharp and the classic .NET libraries, React
/// Native. Their configuration APIs, with the repository and path each was read from, are in
/// docs/scan.md.
extension SDKPatterns {
    /// Classic analytics-ios in Objective-C: `[SEGAnalyticsConfiguration
    /// configurationWithWriteKey:@"…"]`, with `configuration.apiHost = …` set on the variable
    /// (segmentio/analytics-ios Segment/Classes/SEGAnalyticsConfiguration.h, SEGHTTPClient.m).
    /// Swift code, analytics-swift's and analytics-ios's, is read by the Swift parser (SwiftSetups.swift).
    func analyticsIOS() -> [SDKUse] {
        analyticsSwiftObjC()
            + file.tokens.indices.compactMap { k in
                guard file.tokens[k].isIdentifier("configurationWithWriteKey"),
                    file.token(k - 1)?.isIdentifier("SEGAnalyticsConfiguration") == true,
                    file.token(k + 1)?.isPunctuation(":") == true,
                    file.token(k - 2)?.isPunctuation("[") == true
                else { return nil }
                let set = propertiesOnVariable(assignedAt: k - 2)
                return use(
                    "analytics-ios", at: k - 1, writeKey: FileArgument(label: nil, value: (k + 2)..<file.close(k - 2)),
                    settings: [("apiHost", set["apiHost"]), ("requestFactory", set["requestFactory"])])
            }
    }

    /// analytics-swift from Objective-C: `[[SEGConfiguration alloc] initWithWriteKey:@"…"]`, then
    /// `config.apiHost = …` (segmentio/analytics-swift Sources/Segment/ObjC/ObjCConfiguration.swift;
    /// Examples/apps/ObjCExample/ObjCExample/AppDelegate.m).
    private func analyticsSwiftObjC() -> [SDKUse] {
        file.tokens.indices.compactMap { k in
            guard file.tokens[k].isIdentifier("initWithWriteKey"), file.token(k + 1)?.isPunctuation(":") == true,
                file.token(k - 1)?.isPunctuation("]") == true, file.token(k - 2)?.isIdentifier("alloc") == true,
                file.token(k - 3)?.isIdentifier("SEGConfiguration") == true, file.token(k - 4)?.isPunctuation("[") == true,
                file.token(k - 5)?.isPunctuation("[") == true
            else { return nil }
            let set = propertiesOnVariable(assignedAt: k - 5)
            return use(
                "analytics-swift", at: k - 3, writeKey: FileArgument(label: nil, value: (k + 2)..<file.close(k - 5)),
                settings: [("apiHost", set["apiHost"]), ("cdnHost", set["cdnHost"]), ("requestFactory", set["requestFactory"])])
        }
    }

    /// analytics-kotlin: `Analytics(writeKey, context) { apiHost = "…"; cdnHost = "…" }`,
    /// `Configuration(writeKey = "…", apiHost = "…")`, and from Java
    /// `new ConfigurationBuilder(writeKey).setApiHost("…")` (segmentio/analytics-kotlin
    /// android/…/AndroidAnalytics.kt, core/…/Configuration.kt, core/…/compat/ConfigurationBuilder.kt).
    func kotlin() -> [SDKUse] {
        // Its samples written before the package moved to `com.segment.analytics.kotlin` import
        // `com.segment.analytics` (samples/kotlin-android-app-destinations, java-android-app), as
        // classic analytics-android does; the call `Analytics(writeKey, context) { … }` is this SDK's.
        guard file.mentions("com.segment.analytics.kotlin") || file.mentions("import com.segment.analytics") else { return [] }
        var out: [SDKUse] = []
        for k in file.calls("Analytics") {
            let close = file.close(k + 1)
            let args = file.arguments(k + 1)
            // `Analytics(writeKey, context) { … }` on Android, `Analytics(writeKey) { … }` on the
            // JVM, Java's `AndroidAnalyticsKt.Analytics(writeKey, context, configuration -> { … })`;
            // `Analytics(configuration)` is found at its `Configuration(…)`.
            let lambda = file.token(close + 1)?.isPunctuation("{") == true
            guard args.count >= 2 || (args.count == 1 && lambda), let key = file.value(args, "writeKey", position: 0) else {
                continue
            }
            var set = lambda ? assignments(in: close + 1) : [:]
            // `configs` given as an argument (`configs = { … }`, `configs = buildConfigs(…)`, a
            // third argument): a lambda written there is read like a trailing one; anything else
            // configures the SDK out of sight, so each setting is unknown, never the default.
            let javaLambda = args.count >= 3 && args[2].value.contains(where: { file.tokens[$0].isPunctuation("->") })
            if !lambda, !javaLambda,
                let configs = args.first(where: { $0.label == "configs" }) ?? (args.count >= 3 ? args[2] : nil)
            {
                if let open = configs.value.first, file.tokens[open].isPunctuation("{"),
                    file.close(open) == configs.value.upperBound - 1
                {
                    set = assignments(in: open)
                } else {
                    let opaque = use("analytics-kotlin", at: k, writeKey: key, settings: [])
                    out.append(setBy(configs, ["apiHost", "cdnHost"], in: opaque))
                    continue
                }
            }
            if javaLambda {
                // Java's lambda sets the configuration through its setters.
                for j in args[2].value where file.tokens[j].kind == .identifier && file.token(j + 1)?.isPunctuation("(") == true {
                    let names = [
                        "setApiHost": "apiHost", "setCdnHost": "cdnHost", "setRequestFactory": "requestFactory",
                        "setAutoAddSegmentDestination": "autoAddSegmentDestination",
                    ]
                    if let name = names[file.tokens[j].text], set[name] == nil, let value = only(j + 1) { set[name] = value }
                }
            }
            out.append(
                use(
                    "analytics-kotlin", at: k, writeKey: key,
                    settings: [
                        ("apiHost", set["apiHost"]), ("cdnHost", set["cdnHost"]), ("requestFactory", set["requestFactory"]),
                        ("autoAddSegmentDestination", set["autoAddSegmentDestination"]),
                    ]))
        }
        for k in file.calls("Configuration") {
            let args = file.arguments(k + 1)
            guard let key = file.value(args, "writeKey", position: 0) else { continue }
            let settings = ["apiHost", "cdnHost", "autoAddSegmentDestination"].map { ($0, file.value(args, $0)) }
            out.append(use("analytics-kotlin", at: k, writeKey: key, settings: settings))
        }
        for k in file.calls("ConfigurationBuilder") {
            guard let key = file.value(file.arguments(k + 1), "writeKey", position: 0) else { continue }
            let names = [
                "setApiHost": "apiHost", "setCdnHost": "cdnHost", "setAutoAddSegmentDestination": "autoAddSegmentDestination",
            ]
            out.append(builderUse("analytics-kotlin", at: k, writeKey: key, names))
        }
        return out
    }

    /// Classic analytics-android: `new Analytics.Builder(context, writeKey).defaultApiHost("…")`;
    /// a `connectionFactory` can send anywhere (segmentio/analytics-android
    /// analytics/src/main/java/com/segment/analytics/Analytics.java, ConnectionFactory.java).
    func android() -> [SDKUse] {
        guard file.mentions("com.segment.analytics.Analytics") || file.mentions("com.segment.analytics.*") else { return [] }
        return file.calls("Builder").compactMap { k in
            guard file.path(["Analytics", "Builder"], endsAt: k) else { return nil }
            let key = file.value(file.arguments(k + 1), "writeKey", position: 1)
            let names = ["defaultApiHost": "apiHost", "connectionFactory": "connectionFactory"]
            return builderUse("analytics-android", at: k, writeKey: key, names)
        }
    }

    /// Flutter: `createClient(Configuration("writeKey", apiHost: "…", cdnHost: "…"))`
    /// (segmentio/analytics_flutter packages/core/lib/state.dart, class Configuration).
    func flutter() -> [SDKUse] {
        guard file.mentions("segment_analytics") || file.mentions("package:analytics/") else { return [] }
        return file.calls("Configuration").compactMap { k in
            let args = file.arguments(k + 1)
            guard let key = file.value(args, "writeKey", position: 0) else { return nil }
            return use(
                "analytics-flutter", at: k, writeKey: key, settings: ["apiHost", "cdnHost"].map { ($0, file.value(args, $0)) })
        }
    }

    /// Analytics-CSharp (Xamarin, Unity, .NET): `new Configuration(writeKey, apiHost: "…")` or
    /// its initialiser `{ ApiHost = "…" }`; the classic Analytics.NET and Analytics.Xamarin:
    /// `Analytics.Initialize(writeKey, new Config().SetHost("…"))` or `new Config(host: "…")`
    /// (segmentio/Analytics-CSharp Analytics-CSharp/Segment/Analytics/Configuration.cs;
    /// segmentio/Analytics.NET Analytics/Config.cs).
    func csharp() -> [SDKUse] {
        // `using Segment.Analytics;`, or the type named in full without one
        // (`new Segment.Analytics.Configuration(…)`, `Segment.Analytics.Initialize(…)`), or a
        // global using of the project (`global using Segment.Analytics;`, `<Using Include=…>`).
        let globalAnalytics = project.csharpNamespaces.contains("Segment.Analytics")
        let globalClassic = project.csharpNamespaces.contains("Segment")
        guard file.mentions("using Segment") || file.mentions("Segment.Analytics.") || globalAnalytics || globalClassic
        else { return [] }
        var out: [SDKUse] = []
        // Through a project's global using alone, only an object made (`new Configuration(…)`):
        // a constructor of some other class named `Configuration` is not a setup.
        let ownUsing = file.mentions("Segment.Analytics")
        for k in file.calls("Configuration") where ownUsing || globalAnalytics && file.token(k - 1)?.isIdentifier("new") == true {
            let args = file.arguments(k + 1)
            guard let key = file.value(args, "writeKey", position: 0) else { continue }
            // An HTTP client provider replaces how requests are made, URL included
            // (Analytics-CSharp README, "Proxying HTTP Calls"; Samples/UnitySample).
            var settings = ["apiHost", "cdnHost", "httpClientProvider", "autoAddSegmentDestination"].map {
                ($0, file.value(args, $0))
            }
            let close = file.close(k + 1)
            if file.token(close + 1)?.isPunctuation("{") == true {
                let set = assignments(in: close + 1)
                settings += [
                    ("apiHost", set["ApiHost"]), ("cdnHost", set["CdnHost"]), ("httpClientProvider", set["HttpClientProvider"]),
                    ("autoAddSegmentDestination", set["AutoAddSegmentDestination"]),
                ]
            }
            out.append(use("analytics-csharp", at: k, writeKey: key, settings: settings))
        }
        for k in file.calls("Initialize") where file.path(["Analytics", "Initialize"], endsAt: k) {
            let args = file.arguments(k + 1)
            guard let key = file.value(args, "writeKey", position: 0) else { continue }
            out.append(use("analytics-dotnet", at: k, writeKey: key, settings: [("host", classicHost(args.dropFirst().first))]))
        }
        return out
    }

    /// The host of a classic `Config`: `SetHost("…")` or `host:` in the argument, or on the
    /// `Config` the variable it names was made from.
    private func classicHost(_ arg: FileArgument?) -> FileArgument? {
        guard let arg else { return nil }
        var range = arg.value
        if range.count == 1, let name = file.token(range.lowerBound), name.kind == .identifier,
            let defined = evaluator.constants.byName[name.text]?.first
        {
            range = defined
        }
        var made = false
        for k in range where file.tokens[k].kind == .identifier {
            if file.tokens[k].text == "SetHost", file.token(k + 1)?.isPunctuation("(") == true { return only(k + 1) }
            if file.tokens[k].text == "Config", file.token(k + 1)?.isPunctuation("(") == true {
                made = true
                if let host = file.value(file.arguments(k + 1), "host", position: 0) { return host }
            }
        }
        // `c.SetHost(…)` on the variable after it is made.
        if arg.value.count == 1, let name = file.token(arg.value.lowerBound), name.kind == .identifier,
            let k = file.tokens.indices.first(where: { k in
                file.tokens[k].isIdentifier(name.text) && file.token(k + 1)?.isPunctuation(".") == true
                    && file.token(k + 2)?.isIdentifier("SetHost") == true && file.token(k + 3)?.isPunctuation("(") == true
            })
        {
            return only(k + 3)
        }
        // A `Config` made elsewhere (a method's result, a parameter) may set the host there:
        // the argument itself, which the scan cannot evaluate, never the library's default.
        return made ? nil : arg
    }

    /// React Native: `createClient({ writeKey, proxy, useSegmentEndpoints, cdnProxy })`
    /// (segmentio/analytics-react-native packages/core/src/types.ts, Config).
    func reactNative() -> [SDKUse] {
        guard file.mentions("@segment/analytics-react-native") else { return [] }
        return file.calls("createClient").compactMap { k in
            guard let arg = only(k + 1) else { return nil }
            let config = options(arg)
            var settings = ["proxy", "useSegmentEndpoints", "cdnProxy"].map { ($0, file.value(config, $0)) }
            // `autoAddSegmentDestination: false`: the events go through plugins the app adds, not
            // to Segment's destination; where they go is then not in the settings (types.ts).
            if let auto = file.value(config, "autoAddSegmentDestination"), evaluator.value(auto.value).boolean != true {
                settings.append(("autoAddSegmentDestination", auto))
            }
            return use("analytics-react-native", at: k, writeKey: file.value(config, "writeKey"), settings: settings)
        }
    }
}
