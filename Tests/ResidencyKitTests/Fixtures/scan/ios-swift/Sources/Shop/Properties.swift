import Segment

// Settings written as properties of the configuration, as Segment's migration guide shows them.
func makeExtensionAnalytics() -> Analytics {
    let configuration = Configuration(writeKey: "swiftProperties000005")
    configuration.apiHost = "events.eu1.segmentapis.com/v1"
    configuration.flushAt = 3
    return Analytics(configuration: configuration)
}
