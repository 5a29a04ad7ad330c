/// Segment catalog ids (`metadata.id`) by the name the regional catalog gives the
/// integration. A Terraform plan that creates a resource knows only this id — the provider
/// fills in `metadata.name` and `slug` after apply — so the look-up goes id → name →
/// catalog entry, and a replaced catalog row (your own catalog file) still applies.
///
/// Only ids checked against a public source are listed; where each comes from is in
/// docs/catalog.md ("Catalog ids"). An id not listed is a warning (W1405) and leaves the
/// integration unknown, never guessed.
enum CatalogIDs {
    static let destinations: [String: String] = [
        // segmentio/action-destinations: packages/destination-actions/src/destinations/index.ts
        "5f7dd6d21ad74f3842b1fc47": "Amplitude (Actions)",
        "615c7438d93d9b61b1e9e192": "Mixpanel (Actions)",
        "60f9d0d048950c356be2e4da": "Braze Cloud Mode (Actions)",
        "63872c01c0c112b9b4d75412": "Braze Cohorts",
        "5f7dd78fe27ce7ff2b8bfa37": "Customer.io (Actions)",
        "645babd9362d97b777391325": "Iterable (Actions)",
        "62ded0cf5753c743883ca0f3": "Intercom Cloud Mode (Actions)",
        "632b1116e0cb83902f3fd717": "HubSpot Cloud Mode (Actions)",
        "60ad61f9ff47a16b8fb7b5d9": "Google Analytics 4 Cloud",
        "62d9aa9899b06480f83e8a66": "Fullstory Cloud Mode (Actions)",
        "5f7dd8e302173ff732db5cc4": "Slack (Actions)",
        "614a3c7d791c91c41bae7599": "Webhooks (Actions)",
        // segmentio/action-destinations: packages/browser-destinations (its destination index)
        "60fb01aec459242d3b6f20c1": "Braze Web Device Mode (Actions)",
        "62d9daff84a6bf190da9f592": "Intercom Web (Actions)",
        "631a1c2bfdce36a23f0a14ec": "HubSpot Web (Actions)",
        "6141153ee7500f15d3838703": "Fullstory (Actions)",
        "63ed446fe60a1b56c5e6f130": "Google Analytics 4 Web",
        "652d4cf5e00c0147e6eaf5e7": "Jimo (Actions)",
        // segmentio/segment-docs: the `id:` of each classic destination's catalog page
        "54521fd525e721e32a72ee91": "Amplitude",
        "54521fd525e721e32a72eea8": "Customer.io",
        "54521fd725e721e32a72eec1": "HubSpot",
        "54521fd725e721e32a72eec6": "Intercom",
        "56748689e954a874ca44ccfb": "Slack",
    ]

    static let sources: [String: String] = [
        // segmentio/segment-docs: the `id:` of each library's page; Javascript also in
        // Segment's Public API SDK examples (`metadataId: IqDTy1TpoU`).
        "IqDTy1TpoU": "Javascript",
        "B0X0QmvMny": "React Native",
        "9EMcTqiKok": "Kotlin (Android)",
        "yMu7LRR59b": "Kotlin",
        "XRksQPCr7X": "Python",
    ]

    static let warehouses: [String: String] = [
        // Segment's Public API SDK examples (metadata {id, slug: postgres, name: Postgres}).
        "55d3d3aea3c": "Postgres",
        // Segment's Config API warehouse metadata listing and the provider's own example.
        "aea3c55dsz": "Redshift",
        // Configurations `terraform import` generated from real workspaces (public repositories).
        "kwX50Df0hr": "BigQuery",
        "CCIl4HLQPz": "Snowflake",
    ]
}
