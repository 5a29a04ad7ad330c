import Segment

typealias SegmentConfiguration = Segment.Configuration

// Declared first and assigned in each build's branch, then changed: each setup keeps what is
// done to the variable afterwards. The SDK's type under a typealias is the SDK's.
func deferredSetup() -> SegmentConfiguration {
    let configuration: SegmentConfiguration
    #if DEBUG
        configuration = SegmentConfiguration(writeKey: "swiftDeferredDebug0009")
    #else
        configuration = SegmentConfiguration(writeKey: "swiftDeferredRelease10")
    #endif
    configuration.apiHost("events.eu1.segmentapis.com/v1")
    return configuration
}
