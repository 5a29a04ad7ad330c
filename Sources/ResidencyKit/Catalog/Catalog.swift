/// Segment's regional support data: which integrations work in EU workspaces and which
/// offer an EU endpoint. Policies read it with `catalog.destination(name)` and friends.
public struct Catalog: Sendable {
    /// One integration row of Segment's "Destination support" table.
    public struct DestinationEntry: Sendable, Hashable {
        public var name: String
        public var slug: String?
        /// Offered in US workspaces.
        public var usWorkspace: Bool?
        /// Offered in EU workspaces, sending to the integration's US endpoint.
        public var euWorkspace: Bool?
        /// Offered in EU workspaces with an EU endpoint.
        public var euEndpoint: Bool?
        public var vendor: String?

        public init(
            name: String, slug: String? = nil, usWorkspace: Bool? = nil, euWorkspace: Bool? = nil,
            euEndpoint: Bool? = nil, vendor: String? = nil
        ) {
            self.name = name
            self.slug = slug
            self.usWorkspace = usWorkspace
            self.euWorkspace = euWorkspace
            self.euEndpoint = euEndpoint
            self.vendor = vendor
        }
    }

    /// One row of the source or warehouse support tables.
    public struct SupportEntry: Sendable, Hashable {
        public var name: String
        public var slug: String?
        public var usWorkspace: Bool?
        public var euWorkspace: Bool?
        public init(name: String, slug: String? = nil, usWorkspace: Bool? = nil, euWorkspace: Bool? = nil) {
            self.name = name
            self.slug = slug
            self.usWorkspace = usWorkspace
            self.euWorkspace = euWorkspace
        }
    }

    public var version: String
    public var destinations: [DestinationEntry]
    public var sources: [SupportEntry]
    public var warehouses: [SupportEntry]
    private var destinationIndex: [String: Int32] = [:]
    private var sourceIndex: [String: Int32] = [:]
    private var warehouseIndex: [String: Int32] = [:]
    private var destinationExact: [String: Int32] = [:]
    private var sourceExact: [String: Int32] = [:]
    private var warehouseExact: [String: Int32] = [:]

    public init(
        version: String = "empty", destinations: [DestinationEntry] = [], sources: [SupportEntry] = [],
        warehouses: [SupportEntry] = []
    ) {
        self.version = version
        self.destinations = destinations
        self.sources = sources
        self.warehouses = warehouses
        for (i, e) in destinations.enumerated() {
            Catalog.index(&destinationIndex, e.name, e.slug, Int32(i))
            if destinationExact[e.name] == nil { destinationExact[e.name] = Int32(i) }
        }
        for (i, e) in sources.enumerated() {
            Catalog.index(&sourceIndex, e.name, e.slug, Int32(i))
            if sourceExact[e.name] == nil { sourceExact[e.name] = Int32(i) }
        }
        for (i, e) in warehouses.enumerated() {
            Catalog.index(&warehouseIndex, e.name, e.slug, Int32(i))
            if warehouseExact[e.name] == nil { warehouseExact[e.name] = Int32(i) }
        }
    }

    /// Look-ups ignore case and surrounding space: exports spell names inconsistently.
    public static func key(_ name: String) -> String {
        name.trimmingWhitespace().lowercased()
    }

    private static func index(_ map: inout [String: Int32], _ name: String, _ slug: String?, _ i: Int32) {
        if map[key(name)] == nil { map[key(name)] = i }
        if let slug, map[key(slug)] == nil { map[key(slug)] = i }
    }

    /// Exact spellings first (the common case, no allocation), then the normalised key.
    public func destination(named name: String) -> Int32? {
        destinationExact[name] ?? destinationIndex[Catalog.key(name)]
    }
    public func source(named name: String) -> Int32? { sourceExact[name] ?? sourceIndex[Catalog.key(name)] }
    public func warehouse(named name: String) -> Int32? { warehouseExact[name] ?? warehouseIndex[Catalog.key(name)] }
}

/// Facts about the organisation that only its people know (which vendors are certified
/// under the DPF, which have signed SCCs); kept in a file the user maintains.
public struct Facts: Sendable, Hashable {
    public var dpfCertified: [String]
    public var sccVendors: [String]
    public var bcrVendors: [String]

    public init(dpfCertified: [String] = [], sccVendors: [String] = [], bcrVendors: [String] = []) {
        self.dpfCertified = dpfCertified
        self.sccVendors = sccVendors
        self.bcrVendors = bcrVendors
    }
}

extension StringProtocol {
    /// The string without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }
}
