import Foundation
import Segment

let stagingHost = ProcessInfo.processInfo.environment["SEGMENT_API_HOST"] ?? "api.segment.io/v1"

func makeStagingAnalytics() -> Analytics {
    let config = Configuration(writeKey: "swiftStaging000000003")
    config.apiHost(stagingHost)
    return Analytics(configuration: config)
}
