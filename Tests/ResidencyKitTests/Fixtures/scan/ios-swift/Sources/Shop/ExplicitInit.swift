import Segment

// The initialiser named explicitly.
let explicitConfiguration = Configuration.init(writeKey: "swiftExplicitInit00007")
    .apiHost("events.eu1.segmentapis.com/v1")
