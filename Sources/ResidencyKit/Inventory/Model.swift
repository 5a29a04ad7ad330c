/// The typed, normalised model that policies see: the same whatever the input was
/// (an export bundle, a Terraform plan, a test fixture). Optional fields are the ones an
/// inventory may lack; a nil there becomes `missing` in the language, never a default.

/// Where a model value came from, so diagnostics and evidence can point into the input.
/// A byte offset, not a line and column: working those out for every resource of a large
/// one-line JSON export would cost more than loading it; `SourceFile.location(of:)` does it
/// when something is reported.
package struct Origin: Sendable, Hashable, Codable {
    var file: String
    var offset: Int
    // The memberwise initialiser, `init(file:offset:)`: see `Endpoint`.
}

/// A Segment workspace and everything in it: the unit that is evaluated in parallel.
package struct WorkspaceModel: Sendable {
    var workspace: Workspace
    package var sources: [Source]
    package var destinations: [Destination]
    package var warehouses: [Warehouse]
    /// The file the workspace was read from, so evidence can say `file:line:col`.
    var file: SourceFile?
    /// Links built by `link()`: each source's destinations, as ready-made list values.
    private(set) var destinationsOfSource: [Value] = []
    private(set) var sourceList: Value = .list([])
    private(set) var destinationList: Value = .list([])
    private(set) var warehouseList: Value = .list([])
    /// Index of each destination's source, or -1 when its `sourceId` names no source here.
    private(set) var sourceOfDestination: [Int32] = []
    /// List-valued fields as ready-made values, so reading one in a policy never allocates.
    private(set) var lists = ListValues()

    /// List-valued fields, converted once by `link()`.
    struct ListValues: Sendable {
        var dataSubjects: Value = .missing
        var sourceCategories: [Value] = []
        var sourceWriteKeys: [Value] = []
        var sourceLabels: [Value] = []
        var destinationSupportedRegions: [Value] = []
        var destinationRegionEndpoints: [Value] = []
        var warehouseCidrs: [Value] = []
    }

    package init(workspace: Workspace, sources: [Source] = [], destinations: [Destination] = [], warehouses: [Warehouse] = []) {
        self.workspace = workspace
        self.sources = sources
        self.destinations = destinations
        self.warehouses = warehouses
        link()
    }

    /// Rebuilds the links both ways; call after changing the resource arrays.
    mutating func link() {
        // By index throughout: iterating or mapping the resource arrays copies each resource
        // (a dozen retains) to read one field of it.
        // The last source of an id wins, as a dictionary assigned in order would have it (two
        // sources of one id are reported by the decoder).
        var sourceIndex = TextMap<Int32>(minimumCapacity: sources.count)
        for i in sources.indices.reversed() { sourceIndex.insertIfAbsent(sources[i].id, Int32(i)) }
        sourceOfDestination = destinations.indices.map { sourceIndex[destinations[$0].sourceId] ?? -1 }
        // Each source's list made with room for all of its destinations, counted first: grown
        // one append at a time, the lists of the harness's bundles were reallocated 116 times
        // a bundle.
        var counts = [Int](repeating: 0, count: sources.count)
        for s in sourceOfDestination where s >= 0 { counts[Int(s)] += 1 }
        var perSource = counts.map { n -> [Value] in
            var list: [Value] = []
            list.reserveCapacity(n)
            return list
        }
        for (i, s) in sourceOfDestination.enumerated() where s >= 0 { perSource[Int(s)].append(.ref(.destination, Int32(i))) }
        destinationsOfSource = perSource.map(Value.list)
        sourceList = .list(sources.indices.map { .ref(.source, Int32($0)) })
        destinationList = .list(destinations.indices.map { .ref(.destination, Int32($0)) })
        warehouseList = .list(warehouses.indices.map { .ref(.warehouse, Int32($0)) })
        lists = ListValues(
            dataSubjects: .of(workspace.dataSubjects),
            sourceCategories: sources.indices.map { .of(sources[$0].categories) },
            sourceWriteKeys: sources.indices.map { .of(sources[$0].writeKeys) },
            sourceLabels: sources.indices.map { .of(sources[$0].labels) },
            destinationSupportedRegions: destinations.indices.map { .of(destinations[$0].supportedRegions) },
            destinationRegionEndpoints: destinations.indices.map { .of(destinations[$0].regionEndpoints) },
            warehouseCidrs: warehouses.indices.map { i in
                warehouses[i].allowlistedCidrs.map { .list($0.map(Value.cidr)) } ?? .missing
            })
    }

    /// Calls `body` with the integration facts behind `Integration` record `i` (sources first,
    /// then destinations, then warehouses, numbered in one range), borrowed: a policy reads them
    /// for every resource, and a copy retained their lists and sources each time.
    func withIntegration<R>(_ i: Int, _ body: (borrowing IntegrationFacts) -> R) -> R {
        if i < sources.count { return body(sources[i].integration) }
        if i < sources.count + destinations.count { return body(destinations[i - sources.count].integration) }
        return body(warehouses[i - sources.count - destinations.count].integration)
    }

    /// Calls `body` with the catalog row of record `i`, by address, when one was found.
    func withIntegrationRow<R>(_ i: Int, _ catalog: Catalog, _ body: (UnsafePointer<Catalog.Entry>) -> R) -> R? {
        guard let row = withIntegration(i, { $0.row }) else { return nil }
        let table: Catalog.Table =
            i < sources.count ? .sources : i < sources.count + destinations.count ? .destinations : .warehouses
        return catalog.withRow(table, Int(row), body)
    }

    /// Every resource of the workspace, itself included (the summary's `resources`).
    var resourceCount: Int { 1 + sources.count + destinations.count + warehouses.count }

    /// The number of resources of a kind (the workspace itself counts as one).
    func count(of kind: RecordKind) -> Int {
        switch kind {
        case .workspace: 1
        case .source: sources.count
        case .destination: destinations.count
        case .warehouse: warehouses.count
        default: 0
        }
    }

    /// The stable id of a resource, as reports name it.
    func id(of kind: RecordKind, _ index: Int) -> String {
        switch kind {
        case .workspace: workspace.id
        case .source: sources[index].id
        case .destination: destinations[index].id
        case .warehouse: warehouses[index].id
        default: ""
        }
    }

    /// Where a resource is written in its input file, when known.
    func origin(of kind: RecordKind, _ index: Int) -> Origin? {
        switch kind {
        case .source: sources[index].origin
        case .destination: destinations[index].origin
        case .warehouse: warehouses[index].origin
        default: nil
        }
    }

    /// The display name of a resource (its name, else its slug or id).
    func name(of kind: RecordKind, _ index: Int) -> String {
        // `if let` rather than `??`: its autoclosures copied the whole resource per call.
        switch kind {
        case .workspace:
            if let name = workspace.name { return name }
            return workspace.slug
        case .source:
            if let name = sources[index].name { return name }
            return sources[index].slug
        case .destination:
            if let name = destinations[index].name { return name }
            if let name = destinations[index].catalogName { return name }
            return destinations[index].id
        case .warehouse:
            if let name = warehouses[index].name { return name }
            return warehouses[index].id
        default: return ""
        }
    }
}

/// A workspace: its region (`eu-west`/`us-west`) and whose data it holds.
package struct Workspace: Sendable, Hashable {
    var id: String
    var slug: String
    var name: String?
    /// `eu-west` or `us-west`; nil when neither the export nor the user says.
    package var region: String?
    package var apiHost: String?
    /// Where the people the data is about are, as canonical codes of the one table
    /// (`Countries`: `EU`, `EEA`, `CH`, …); nil when not declared.
    var dataSubjects: [String]?
    /// What the inventory itself says it leaves out (a page not followed, a plan Terraform
    /// marks errored); empty when nothing says so. Such a workspace cannot be compliant:
    /// the audit adds an indeterminate result for it (RES-013) unless incompleteness is allowed.
    var incomplete: [Incompleteness] = []
    /// Whether the workspace was read from a Terraform plan, where a value can be unknown
    /// because Terraform computes it only when the plan is applied.
    var fromPlan = false

    /// One reason an inventory is known to be incomplete, and where the inventory says so.
    struct Incompleteness: Sendable, Hashable {
        var reason: String
        var origin: Origin?
        init(reason: String, origin: Origin?) {
            self.reason = reason
            self.origin = origin
        }
    }

    /// The region the workspace stores data in, from its processing region.
    var dataRegion: String? {
        switch region {
        case "eu-west": "eu"
        case "us-west": "us"
        default: nil
        }
    }
    var origin: Origin?

    package init(
        id: String, slug: String, name: String? = nil, region: String? = nil, apiHost: String? = nil,
        dataSubjects: [String]? = nil, origin: Origin? = nil
    ) {
        self.id = id
        self.slug = slug
        self.name = name
        self.region = region
        self.apiHost = apiHost
        self.dataSubjects = dataSubjects
        self.origin = origin
    }
}

/// How an app's SDK is configured to reach Segment (these settings live in the app).
package struct SDKConfig: Sendable, Hashable {
    var library: String?
    package var apiHost: String?
    var cdnHost: String?
    var proxy: String?
    var cdnProxy: String?
    var useSegmentEndpoints: Bool?
    var host: String?
    package var path: String?
    var endpoint: String?
    /// analytics-java's `setUploadURL`: the full URL it posts batches to.
    var uploadURL: String?
    /// Settings the code gives as something a scan could not resolve, with what they are
    /// (`apiHost` → `env SEGMENT_API_HOST`): the URL is then unknown, never the default.
    var unresolved: [String: String] = [:]
    /// Where the SDK is set up in application code (`path:line:col`), when `scan` found it,
    /// and where each of its settings is written there.
    var codeLocation: String?
    var codeLocations: [String: String] = [:]
    /// Where the configuration is written (the `sdkConfigs` entry).
    var origin: Origin?

    init(
        library: String? = nil, apiHost: String? = nil, cdnHost: String? = nil, proxy: String? = nil,
        cdnProxy: String? = nil, useSegmentEndpoints: Bool? = nil, host: String? = nil,
        path: String? = nil, endpoint: String? = nil
    ) {
        self.library = library
        self.apiHost = apiHost
        self.cdnHost = cdnHost
        self.proxy = proxy
        self.cdnProxy = cdnProxy
        self.useSegmentEndpoints = useSegmentEndpoints
        self.host = host
        self.path = path
        self.endpoint = endpoint
    }
}

/// A Segment source (`SourceV1`) and, when the user declared it, its SDK configuration.
package struct Source: Sendable, Hashable {
    var id: String
    var slug: String
    var name: String?
    var enabled: Bool?
    /// The catalog name of the source's integration (`metadata.name`, e.g. "Node.js").
    var catalogName: String?
    var catalogSlug: String?
    var isCloudSource: Bool?
    var categories: [String]?
    var writeKeys: [String]?
    var labels: [String]?
    var sdk: SDKConfig?
    /// The source's `settings` as exported: a map of JSON values (`Value.map`), or missing
    /// when the export has none.
    var settings: Value = .missing
    /// The host the source's data is sent to, resolved from the SDK configuration.
    var ingestHost: String?
    /// The region of that host (`eu`/`us`), nil when unknown.
    var ingestRegion: String?
    /// The setting and value the ingest host was resolved from.
    var ingestEvidence: String?
    /// The URL the SDK posts events to, built from its settings as the SDK builds it.
    var ingestURL: String?
    /// Where the setting the ingest host came from is written.
    var ingestOrigin: Origin?
    /// Where in application code that setting is written (`path:line:col`), or the SDK set
    /// up when the URL is its default, when `check --scan` found it.
    var ingestCode: String?
    /// Where Segment offers the source's integration, and who said so.
    var integration = IntegrationFacts()
    /// Where the source runs (web, mobile, server, a cloud source), which picks the
    /// connection mode of its destinations; nil when neither catalog nor metadata says.
    var platform: EndpointRules.SourcePlatform?
    var origin: Origin?
}

extension Source {
    // Outside the struct, to keep its memberwise initialiser for the decoder, and chosen for
    // every call it can take, as `Destination`'s is; it reaches the memberwise one through the
    // labels only that one has (`settings`, `integration`, `platform`).
    package init(
        id: String, slug: String, name: String? = nil, enabled: Bool? = true, catalogName: String? = nil,
        catalogSlug: String? = nil, isCloudSource: Bool? = nil, categories: [String]? = nil,
        writeKeys: [String]? = nil, labels: [String]? = nil, sdk: SDKConfig? = nil,
        ingestHost: String? = nil, ingestRegion: String? = nil, origin: Origin? = nil
    ) {
        self.init(
            id: id, slug: slug, name: name, enabled: enabled, catalogName: catalogName, catalogSlug: catalogSlug,
            isCloudSource: isCloudSource, categories: categories, writeKeys: writeKeys, labels: labels, sdk: sdk,
            settings: .missing, ingestHost: ingestHost, ingestRegion: ingestRegion, integration: IntegrationFacts(),
            platform: nil, origin: origin)
    }
}

/// Where a destination sends data, resolved from its settings or the catalog.
package struct Endpoint: Sendable, Hashable {
    /// `eu`, `us`, … ; nil when nothing resolves it (never guessed).
    package var region: String?
    var host: String?
    /// The setting and value it was resolved from, e.g. `settings.apiRegion = "EU 🇪🇺"`.
    var evidence: String?
    /// Where that setting is written (nil for a default, the catalog or the workspace).
    var origin: Origin?
    /// The connection mode the resolution assumed (`cloud mode`, `device mode (web)`), when
    /// the integration's setting depends on it.
    var mode: String?
    // No initialiser declared here: the memberwise one Swift writes, `init(region:host:
    // evidence:origin:mode:)` with every argument defaulting to nil, builds the value in
    // place, where one declared in the body is copied out of it (see `Destination`).
}

extension Endpoint {
    /// An endpoint for the package's other modules (the benchmarks' generated models), which
    /// cannot reach the memberwise initialiser.
    package static func resolved(region: String?, host: String?) -> Endpoint { Endpoint(region: region, host: host) }
}

/// A Segment destination (`DestinationV1`), linked to its source and workspace.
package struct Destination: Sendable, Hashable {
    var id: String
    var name: String?
    var enabled: Bool?
    var sourceId: String
    var catalogName: String?
    var catalogSlug: String?
    var catalogId: String?
    /// The company that processes the data (for transfer mechanisms such as the DPF).
    var vendor: String?
    var endpoint: Endpoint
    /// The destination's `settings` as exported or planned: a map of JSON values
    /// (`Value.map`), or missing when they are not known (a plan's settings before apply).
    var settings: Value = .missing
    var supportedRegions: [String]?
    var regionEndpoints: [String]?
    /// Where Segment offers the integration, and who said so (user catalog, export, bundled).
    var integration = IntegrationFacts()
    var origin: Origin?
}

extension Destination {
    // Outside the struct, so that it keeps its memberwise initialiser, which the decoder uses: a
    // value built by an initialiser of its own (fields set one by one) was copied whole on its
    // way to the caller and the first released (a dozen retains and releases a destination),
    // where the memberwise one builds it in place. This one is chosen for every call it can
    // take (it needs fewer defaults than the memberwise one), so `enabled` still defaults to
    // true; it reaches the memberwise one through a label only that one has (`settings`).
    package init(
        id: String, name: String? = nil, enabled: Bool? = true, sourceId: String, catalogName: String? = nil,
        catalogSlug: String? = nil, catalogId: String? = nil, vendor: String? = nil,
        endpoint: Endpoint = Endpoint(), supportedRegions: [String]? = nil,
        regionEndpoints: [String]? = nil, origin: Origin? = nil
    ) {
        self.init(
            id: id, name: name, enabled: enabled, sourceId: sourceId, catalogName: catalogName,
            catalogSlug: catalogSlug, catalogId: catalogId, vendor: vendor, endpoint: endpoint, settings: .missing,
            supportedRegions: supportedRegions, regionEndpoints: regionEndpoints, integration: IntegrationFacts(),
            origin: origin)
    }
}

/// A Segment warehouse (`WarehouseV1`) and the network access the user declared for it.
package struct Warehouse: Sendable, Hashable {
    var id: String
    var name: String?
    var enabled: Bool?
    /// The catalog name of the warehouse type ("Redshift", "Postgres", "BigQuery" …).
    var catalogName: String?
    var catalogSlug: String?
    /// The location as configured (e.g. "eu-west-1", "EU").
    var location: String?
    /// That location's region (`eu`, `us`, …), nil when unknown.
    package var region: String?
    /// CIDRs allowed to connect; nil when the user did not declare them.
    var allowlistedCidrs: [CIDR]?
    /// The setting and value the region was resolved from.
    var regionEvidence: String?
    /// Where that setting is written.
    var regionOrigin: Origin?
    /// Where Segment offers the warehouse type, and who said so.
    var integration = IntegrationFacts()
    var origin: Origin?

    init(
        id: String, name: String? = nil, enabled: Bool? = true, catalogName: String? = nil,
        catalogSlug: String? = nil, location: String? = nil, region: String? = nil,
        allowlistedCidrs: [CIDR]? = nil, origin: Origin? = nil
    ) {
        self.id = id
        self.name = name
        self.enabled = enabled
        self.catalogName = catalogName
        self.catalogSlug = catalogSlug
        self.location = location
        self.region = region
        self.allowlistedCidrs = allowlistedCidrs
        self.origin = origin
    }
}
