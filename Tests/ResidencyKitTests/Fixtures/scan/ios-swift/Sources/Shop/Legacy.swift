import Segment

/// The watch app still uses the SDK's default endpoint (api.segment.io).
func makeWatchAnalytics() -> Analytics {
    let help = "Configuration(writeKey: \"inAString\").apiHost(\"api.segment.io/v1\")"
    print(help)
    return Analytics(configuration: Configuration(writeKey: "swiftUSdefault0000002").trackApplicationLifecycleEvents(true))
}
