import Segment

// The type named with its module, the settings in a compile-time branch, and a multi-line
// string that only looks like a setup.
final class QualifiedSetup {
    var configuration: Segment.Configuration?
    let example = """
        Configuration(writeKey: "swiftInMultilineString").apiHost("api.segment.io/v1")
        """

    func start() {
        let config = Segment.Configuration(writeKey: "swiftQualified0000006")
        #if DEBUG
            config.apiHost("events.eu1.segmentapis.com/v1")
        #endif
        configuration = config
    }
}
