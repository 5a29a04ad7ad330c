/// Segment's regional support data: which integrations work in EU workspaces and which
/// offer an EU endpoint. Policies read it with `catalog.destination(name)` and friends.
/// The bundled data is `policies/catalog/segment-regional.json` (see docs/catalog.md).
public struct Catalog: Sendable {
    /// One integration row of Segment's destination (or warehouse) support table.
    public struct DestinationEntry: Sendable, Hashable {
        public var name: String
        /// Segment catalog slugs that name the same integration (`actions-mixpanel`).
        public var slugs: [String]
        /// Offered in US workspaces.
        public var usWorkspace: Bool?
        /// Offered in EU workspaces (sending to the integration's US endpoint at least).
        public var euWorkspace: Bool?
        /// Offers an EU endpoint in EU workspaces.
        public var euEndpoint: Bool?
        /// The company behind the integration.
        public var vendor: String?
        /// Warehouses only: Segment must be allowed to connect from the warehouse CIDRs.
        public var requiresCidr: Bool?

        public init(
            name: String, slugs: [String] = [], usWorkspace: Bool? = nil, euWorkspace: Bool? = nil,
            euEndpoint: Bool? = nil, vendor: String? = nil, requiresCidr: Bool? = nil
        ) {
            self.name = name
            self.slugs = slugs
            self.usWorkspace = usWorkspace
            self.euWorkspace = euWorkspace
            self.euEndpoint = euEndpoint
            self.vendor = vendor
            self.requiresCidr = requiresCidr
        }
    }

    /// One row of the source support table.
    public struct SourceEntry: Sendable, Hashable {
        public var name: String
        public var slugs: [String]
        public var usWorkspace: Bool?
        public var euWorkspace: Bool?
        /// A cloud (hosted) source rather than an SDK or API the customer calls.
        public var cloud: Bool?

        public init(
            name: String, slugs: [String] = [], usWorkspace: Bool? = nil, euWorkspace: Bool? = nil, cloud: Bool? = nil
        ) {
            self.name = name
            self.slugs = slugs
            self.usWorkspace = usWorkspace
            self.euWorkspace = euWorkspace
            self.cloud = cloud
        }
    }

    /// A version string and digest that reports record, so a finding can be traced to the
    /// exact data it was decided on.
    public var version: String
    public var sha256: String?
    public var destinations: [DestinationEntry]
    public var sources: [SourceEntry]
    public var warehouses: [DestinationEntry]
    private var destinationIndex = NameIndex()
    private var sourceIndex = NameIndex()
    private var warehouseIndex = NameIndex()

    public init(
        version: String = "empty", sha256: String? = nil, destinations: [DestinationEntry] = [],
        sources: [SourceEntry] = [], warehouses: [DestinationEntry] = []
    ) {
        self.version = version
        self.sha256 = sha256
        self.destinations = destinations
        self.sources = sources
        self.warehouses = warehouses
        destinationIndex = NameIndex(destinations.map { ($0.name, $0.slugs) })
        sourceIndex = NameIndex(sources.map { ($0.name, $0.slugs) })
        warehouseIndex = NameIndex(warehouses.map { ($0.name, $0.slugs) })
    }

    /// Look-ups ignore case and surrounding space: exports spell names inconsistently.
    public static func key(_ name: String) -> String {
        // Most names and slugs are already keys (`actions-mixpanel`): return them uncopied.
        let utf8 = name.utf8
        if let first = utf8.first, let last = utf8.last, !isTrimmed(first), !isTrimmed(last),
            !utf8.contains(where: { $0 >= 0x80 || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) })
        {
            return name
        }
        return name.trimmingWhitespace().lowercased()
    }

    /// The bytes `trimmingWhitespace()` removes.
    private static func isTrimmed(_ b: UInt8) -> Bool {
        b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r")
    }

    public func destination(named name: String) -> Int32? { destinationIndex.find(name) }
    public func source(named name: String) -> Int32? { sourceIndex.find(name) }
    public func warehouse(named name: String) -> Int32? { warehouseIndex.find(name) }

    /// The names of each table, for "did you mean" suggestions.
    public var destinationNames: [String] { destinations.map(\.name) }
    public var sourceNames: [String] { sources.map(\.name) }
    public var warehouseNames: [String] { warehouses.map(\.name) }
}

/// Names and slugs to row indices: exact spellings first (no allocation on the hot path),
/// then a normalised key. The first row to claim a name keeps it.
struct NameIndex: Sendable {
    private var exact: [String: Int32] = [:]
    private var normalised: [String: Int32] = [:]

    init() {}

    init(_ rows: [(name: String, slugs: [String])]) {
        for (i, row) in rows.enumerated() {
            for n in [row.name] + row.slugs {
                if exact[n] == nil { exact[n] = Int32(i) }
                let k = Catalog.key(n)
                if normalised[k] == nil { normalised[k] = Int32(i) }
            }
        }
    }

    func find(_ name: String) -> Int32? { exact[name] ?? normalised[Catalog.key(name)] }
}

/// Facts about the organisation that only its people know (which vendors are certified
/// under the DPF, which have signed SCCs); kept in a file the user maintains. A list the
/// file does not give is missing, so checks that need it are indeterminate, not failed.
public struct Facts: Sendable, Hashable {
    public var dpfCertified: [String]?
    public var sccVendors: [String]?
    public var bcrVendors: [String]?

    public init(dpfCertified: [String]? = nil, sccVendors: [String]? = nil, bcrVendors: [String]? = nil) {
        self.dpfCertified = dpfCertified
        self.sccVendors = sccVendors
        self.bcrVendors = bcrVendors
    }
}

extension StringProtocol {
    /// The string without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        // The usual case, nothing to trim, without scanning for the first and last non-space.
        if let first = first, let last = last, !isSpace(first), !isSpace(last) { return String(self) }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }
}
