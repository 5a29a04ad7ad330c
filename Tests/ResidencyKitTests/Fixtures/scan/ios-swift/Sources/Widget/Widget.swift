import Segment

// The seed table's form with a scheme: analytics-swift adds https:// itself.
let widgetAnalytics = Analytics(configuration: Configuration(writeKey: "swiftWidget0000000004")
    .apiHost("https://events.eu1.segmentapis.com/v1"))
