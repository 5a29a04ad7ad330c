/// Record types that are not resources: endpoints, SDK configurations, catalog entries,
/// the facts file and the audit run.

private let strings = ValueType.list(.string)

extension Schema {
    static let auxiliaryRecords: [RecordSpec] = [
        RecordSpec(
            .endpoint, "Where a destination sends data, resolved from its settings or the catalog.",
            [
                field("region", .enumeration(.region), "`eu`, `us`, … ; missing when nothing resolves it.", from: endpointFrom) {
                    c, i in .of(c.model.destinations[i].endpoint.region)
                },
                field("host", .string, "The endpoint host, when known.", from: endpointFrom) { c, i in
                    .of(c.model.destinations[i].endpoint.host)
                },
                field("evidence", .string, "The setting and value the region was resolved from.", from: endpointFrom) { c, i in
                    .of(c.model.destinations[i].endpoint.evidence)
                },
                field(
                    "mode", .string,
                    "The connection mode the region holds for (`cloud mode`, `device mode (web)`), where the integration's "
                        + "setting depends on it."
                ) { c, i in .of(c.model.destinations[i].endpoint.mode) },
            ]),
        RecordSpec(
            .integration,
            "Where Segment offers a resource's integration, and who said so: a user's catalog file, else the export's own "
                + "metadata, else the bundled catalog (docs/catalog.md, \"Precedence\").",
            [
                field("name", .string, "The catalog row's name.") { c, i in
                    .of(c.model.withIntegrationRow(i, c.catalog) { $0.pointee.name } ?? nil)
                },
                field("id", .string, "Segment's catalog id.") { c, i in
                    .of(c.model.withIntegrationRow(i, c.catalog) { $0.pointee.id } ?? nil)
                },
                field("slug", .string, "Segment's catalog slug.") { c, i in
                    .of(c.model.withIntegrationRow(i, c.catalog) { $0.pointee.slug } ?? nil)
                },
                field("supportedRegions", strings, "Segment's `supportedRegions`.", from: regionsFrom) { c, i in
                    .of(c.model.withIntegration(i) { $0.supportedRegions })
                },
                field("regionEndpoints", strings, "Segment's `regionEndpoints`.", from: endpointsFrom) { c, i in
                    .of(c.model.withIntegration(i) { $0.regionEndpoints })
                },
                field("usWorkspace", .bool, "Offered in US workspaces.", from: regionsFrom) { c, i in
                    .of(c.model.withIntegration(i) { $0.usWorkspace })
                },
                field(
                    "euWorkspace", .bool, "Offered in EU workspaces (`eu-west-1` among the supported regions).", from: regionsFrom
                ) {
                    c, i in .of(c.model.withIntegration(i) { $0.euWorkspace })
                },
                field("euEndpoint", .bool, "Offered in EU workspaces with an EU endpoint.", from: endpointsFrom) { c, i in
                    .of(c.model.withIntegration(i) { $0.euEndpoint })
                },
                field("usEndpoint", .bool, "Offered in EU workspaces with a US endpoint.", from: endpointsFrom) { c, i in
                    .of(c.model.withIntegration(i) { $0.usEndpoint })
                },
                field(
                    "decidedBy", .string,
                    "Who gave these facts: `user catalog FILE`, `export metadata` or `bundled catalog VERSION`."
                ) {
                    c, i in .of(c.model.withIntegration(i) { $0.decidedBy })
                },
            ]),
        RecordSpec(
            .sdkConfig, "An app's SDK settings for reaching Segment.",
            [
                field("library", .string, "e.g. `analytics-swift`, `analytics-node`.") { c, i in
                    .of(c.model.sources[i].sdk?.library)
                },
                field("apiHost", .string, "iOS, Android, Flutter, Xamarin: `apiHost`.") { c, i in
                    .of(c.model.sources[i].sdk?.apiHost)
                },
                field("cdnHost", .string, "`cdnHost`.") { c, i in .of(c.model.sources[i].sdk?.cdnHost) },
                field("proxy", .string, "React Native: `proxy`.") { c, i in .of(c.model.sources[i].sdk?.proxy) },
                field("cdnProxy", .string, "React Native: `cdnProxy`.") { c, i in .of(c.model.sources[i].sdk?.cdnProxy) },
                field("useSegmentEndpoints", .bool, "React Native: `useSegmentEndpoints`.") { c, i in
                    .of(c.model.sources[i].sdk?.useSegmentEndpoints)
                },
                field("host", .string, "Node.js, Python, Java, C#: `host`.") { c, i in .of(c.model.sources[i].sdk?.host) },
                field("path", .string, "Node.js: `path`.") { c, i in .of(c.model.sources[i].sdk?.path) },
                field("endpoint", .string, "Java's `endpoint` builder setting; for custom HTTP requests, the URL they post to.") {
                    c, i in .of(c.model.sources[i].sdk?.endpoint)
                },
            ]),
        RecordSpec(
            .catalogDestination, "A row of Segment's destination support table.",
            [
                field("name", .string, optional: false, "The integration name.") { c, i in .string(c.catalog.destinations[i].name)
                },
                field("usWorkspace", .bool, "Offered in US workspaces.") { c, i in .of(c.catalog.destinations[i].usWorkspace) },
                field("euWorkspace", .bool, "Offered in EU workspaces (with its US endpoint).") { c, i in
                    .of(c.catalog.destinations[i].euWorkspace)
                },
                field("euEndpoint", .bool, "Offers an EU endpoint in EU workspaces.") { c, i in
                    .of(c.catalog.destinations[i].euEndpoint)
                },
                field("usEndpoint", .bool, "Offered in EU workspaces with a US endpoint.") { c, i in
                    .of(c.catalog.destinations[i].usEndpoint)
                },
                field("id", .string, "Segment's catalog id.") { c, i in .of(c.catalog.destinations[i].id) },
                field("slug", .string, "Segment's catalog slug.") { c, i in .of(c.catalog.destinations[i].slug) },
                field("vendor", .string, "The company behind the integration.") { c, i in .of(c.catalog.destinations[i].vendor) },
            ]),
        RecordSpec(
            .catalogSource, "A row of Segment's source support table.",
            [
                field("name", .string, optional: false, "The source name.") { c, i in .string(c.catalog.sources[i].name) },
                field("usWorkspace", .bool, "Supported in US workspaces.") { c, i in .of(c.catalog.sources[i].usWorkspace) },
                field("euWorkspace", .bool, "Supported in EU workspaces.") { c, i in .of(c.catalog.sources[i].euWorkspace) },
                field("cloud", .bool, "A cloud source Segment hosts, rather than an SDK or API the customer calls.") { c, i in
                    .of(c.catalog.sources[i].cloud)
                },
            ]),
        RecordSpec(
            .catalogWarehouse, "A row of Segment's warehouse support table.",
            [
                field("name", .string, optional: false, "The warehouse name.") { c, i in .string(c.catalog.warehouses[i].name) },
                field("usWorkspace", .bool, "Supported in US workspaces.") { c, i in .of(c.catalog.warehouses[i].usWorkspace) },
                field("euWorkspace", .bool, "Supported in EU workspaces.") { c, i in .of(c.catalog.warehouses[i].euWorkspace) },
                field("euEndpoint", .bool, "Supported in EU workspaces with an EU endpoint.") { c, i in
                    .of(c.catalog.warehouses[i].euEndpoint)
                },
                field("requiresCidr", .bool, "Segment connects from its warehouse CIDRs, which must be allowed.") { c, i in
                    .of(c.catalog.warehouses[i].requiresCidr)
                },
            ]),
        RecordSpec(
            .facts, "The organisation's facts file.",
            [
                field("dpfCertified", strings, "Vendors certified under the EU-US Data Privacy Framework.") {
                    c, _ in
                    c.factsLists[0]
                },
                field("sccVendors", strings, "Vendors with signed standard contractual clauses.") { c, _ in
                    c.factsLists[1]
                },
                field("bcrVendors", strings, "Vendors with approved binding corporate rules.") { c, _ in
                    c.factsLists[2]
                },
            ]),
        RecordSpec(
            .audit, "The audit run.",
            [
                field("date", .date, optional: false, "The date of the run (UTC), from the run's clock.") { c, _ in
                    .date(c.auditDate)
                }
            ]),
    ]
}

private let endpointFrom: ProvenanceAccessor = { c, i in
    // Read in place: a copy of the endpoint retained its every text.
    c.model.destinations[i].endpoint.evidence.map { Derivation($0, at: c.model.destinations[i].endpoint.origin) }
}
private let regionsFrom: ProvenanceAccessor = { c, i in c.model.withIntegration(i) { $0.regionsFrom } }
private let endpointsFrom: ProvenanceAccessor = { c, i in c.model.withIntegration(i) { $0.endpointsFrom } }
