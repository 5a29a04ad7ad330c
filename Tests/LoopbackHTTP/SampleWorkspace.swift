/// A small EU workspace as the Public API returns it (shapes from Segment's published SDK
/// models), shared by the library and CLI tests of `residency export`.
public enum SampleWorkspace {
    /// Distinctive, so that scanning output for it cannot match by accident.
    public static let token = "sgp_tEsT.Zx9Qw7Rt5Yu3Io1Pa8Sd6Fg4Hj2Kl0"

    public static let workspace = #"{"id": "9aQ1Lj62S4bomZKLF4DPqW", "slug": "acme-eu", "name": "Acme EU"}"#

    public static let sources = [
        #"{"id": "qQEHquLrjRDN9j1ByrChyn", "slug": "android-app", "name": "Android app", "enabled": true, "workspaceId": "9aQ1Lj62S4bomZKLF4DPqW", "writeKeys": ["AbCdEfGh"], "labels": [{"key": "team", "value": "mobile"}], "metadata": {"id": "9EMcTqiKok", "slug": "kotlin-android", "name": "Kotlin (Android)", "categories": ["Mobile"], "isCloudEventSource": false}}"#,
        #"{"id": "rh5BDZp6QDHvXFCkibm4pR", "slug": "orders-backend", "name": "Orders backend", "enabled": true, "workspaceId": "9aQ1Lj62S4bomZKLF4DPqW", "writeKeys": [], "labels": [], "metadata": {"id": "yy6Q2Tk8bA", "slug": "node-js", "name": "Node.js", "categories": ["Server"], "isCloudEventSource": false}}"#,
        #"{"id": "kR6b2ixxrhJCgu2Uo7A9Bm", "slug": "website", "name": "acme.eu \"shop\"", "enabled": true, "workspaceId": "9aQ1Lj62S4bomZKLF4DPqW", "writeKeys": [], "labels": [], "metadata": {"id": "IqDTy1TpoU", "slug": "javascript", "name": "Javascript", "categories": ["Website"], "isCloudEventSource": false}}"#,
    ]

    public static let destinations = [
        #"{"id": "d-amplitude", "name": "Amplitude", "enabled": true, "sourceId": "qQEHquLrjRDN9j1ByrChyn", "settings": {"apiKey": "••••3f9a", "endpoint": "europe"}, "metadata": {"id": "5f7dd6d21ad74f3842b1fc47", "slug": "actions-amplitude", "name": "Amplitude (Actions)", "supportedRegions": ["us-west-2", "eu-west-1"], "regionEndpoints": ["US", "EU"]}}"#,
        #"{"id": "d-mixpanel", "name": "Mixpanel", "enabled": true, "sourceId": "kR6b2ixxrhJCgu2Uo7A9Bm", "settings": {"projectToken": "••••dada", "apiRegion": "US 🇺🇸"}, "metadata": {"id": "615c7438d93d9b61b1e9e192", "slug": "actions-mixpanel", "name": "Mixpanel (Actions)", "supportedRegions": ["us-west-2", "eu-west-1"], "regionEndpoints": ["US", "EU"]}}"#,
        #"{"id": "d-braze", "name": "Braze", "enabled": false, "sourceId": "qQEHquLrjRDN9j1ByrChyn", "settings": {"endpoint": "https://rest.fra-01.braze.eu", "batchSize": 75, "ratio": 1.50e2, "empty": {}, "none": null}, "metadata": {"id": "60f9d0d048950c356be2e4da", "slug": "actions-braze-cloud", "name": "Braze Cloud Mode (Actions)", "supportedRegions": ["us-west-2", "eu-west-1"], "regionEndpoints": ["US", "EU"]}}"#,
        #"{"id": "d-customerio", "name": "Customer.io", "enabled": true, "sourceId": "rh5BDZp6QDHvXFCkibm4pR", "settings": {"accountRegion": "EU 🇪🇺"}, "metadata": {"id": "5f7dd78fe27ce7ff2b8bfa37", "slug": "actions-customerio", "name": "Customer.io (Actions)", "supportedRegions": ["us-west-2", "eu-west-1"], "regionEndpoints": ["US", "EU"]}}"#,
        #"{"id": "d-intercom", "name": "Intercom", "enabled": true, "sourceId": "kR6b2ixxrhJCgu2Uo7A9Bm", "settings": {"apiBase": "https://api-iam.eu.intercom.io"}, "metadata": {"id": "6170af0d88a02a8ec8c8ef76", "slug": "actions-intercom-web", "name": "Intercom Web (Actions)", "supportedRegions": ["us-west-2", "eu-west-1"], "regionEndpoints": ["US", "EU"]}}"#,
    ]

    public static let warehouses = [
        #"{"id": "w-redshift", "enabled": true, "workspaceId": "9aQ1Lj62S4bomZKLF4DPqW", "settings": {"name": "Analytics", "hostname": "acme.c1x2.eu-west-1.redshift.amazonaws.com", "port": 5439}, "metadata": {"id": "aea3c55dsz", "slug": "redshift", "name": "Redshift"}}"#
    ]

    public static let catalog = [
        #"{"id": "5f7dd6d21ad74f3842b1fc47", "slug": "actions-amplitude", "name": "Amplitude (Actions)", "supportedRegions": ["us-west-2", "eu-west-1"], "regionEndpoints": ["US", "EU"]}"#
    ]

    /// A fake Public API holding this workspace.
    public static func api() throws -> FakePublicAPI {
        try FakePublicAPI(
            token: token, workspace: workspace,
            lists: [
                "/sources": ("sources", sources), "/destinations": ("destinations", destinations),
                "/warehouses": ("warehouses", warehouses), "/catalog/destinations": ("destinationsCatalog", catalog),
            ])
    }
}
