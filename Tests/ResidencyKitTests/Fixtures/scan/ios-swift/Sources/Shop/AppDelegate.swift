import Segment
import UIKit

/// Segment's EU workspace: events go to Dublin.
enum SegmentKeys {
    static let writeKey = "swiftEUwriteKey0000001"
    static let euHost = "events.eu1.segmentapis.com/v1"
}

@main
class AppDelegate: UIResponder, UIApplicationDelegate {
    var analytics: Analytics?

    func application(
        _ application: UIApplication, didFinishLaunchingWithOptions launchOptions: [UIApplication.LaunchOptionsKey: Any]?
    ) -> Bool {
        let configuration = Configuration(writeKey: SegmentKeys.writeKey)
            .apiHost(SegmentKeys.euHost)
            .trackApplicationLifecycleEvents(true)
            .flushAt(3)
        // Before the move to the EU workspace:
        // .apiHost("api.segment.io/v1")
        /* let old = Configuration(writeKey: "swiftCommentedOut0000")
               .apiHost("api.segment.io/v1") */
        analytics = Analytics(configuration: configuration)
        return true
    }
}
