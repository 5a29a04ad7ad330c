import Segment

/// The classic SDK from Swift (its Objective-C class under its Swift name), on the default host.
struct Tracker {
    init() {
        let configuration = AnalyticsConfiguration(writeKey: "swiftClassicKey000001")
        configuration.trackApplicationLifecycleEvents = true
        Analytics.setup(with: configuration)
    }
}
