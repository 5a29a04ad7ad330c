/// The schema that policies are checked against: every record type the language knows,
/// its fields with their types, and how to read each field from the model. The checker
/// uses the names and types; the compiler uses the accessors.

/// The kinds of record a value can refer to.
package enum RecordKind: UInt8, Sendable, Hashable, CaseIterable, Codable {
    case workspace, source, destination, warehouse
    case endpoint, sdkConfig, integration
    case catalogDestination, catalogSource, catalogWarehouse
    case facts, audit

    /// Whether records of this kind belong to one workspace (rather than to the catalog or
    /// the run), so that reading them through `workspaces` needs that workspace.
    var isWorkspaceRecord: Bool {
        switch self {
        case .workspace, .source, .destination, .warehouse, .endpoint, .sdkConfig, .integration: true
        default: false
        }
    }

    /// The name of the type in diagnostics and docs.
    var typeName: String {
        switch self {
        case .workspace: "Workspace"
        case .source: "Source"
        case .destination: "Destination"
        case .warehouse: "Warehouse"
        case .endpoint: "Endpoint"
        case .sdkConfig: "SDKConfig"
        case .integration: "Integration"
        case .catalogDestination: "CatalogDestination"
        case .catalogSource: "CatalogSource"
        case .catalogWarehouse: "CatalogWarehouse"
        case .facts: "Facts"
        case .audit: "Audit"
        }
    }

    /// The kinds a policy can range over with `for <kind> <variable>`, by keyword.
    static let resourceKinds: [String: RecordKind] = [
        "workspace": .workspace, "source": .source, "destination": .destination, "warehouse": .warehouse,
    ]

    /// The keyword of a resource kind (`destination`), as reports name kinds.
    var keyword: String {
        switch self {
        case .workspace: "workspace"
        case .source: "source"
        case .destination: "destination"
        case .warehouse: "warehouse"
        default: typeName
        }
    }
}

/// What evaluation reads from: one workspace's model plus the run-wide data.
package final class EvalContext: Sendable {
    let model: WorkspaceModel
    package let catalog: Catalog
    let facts: Facts
    /// The audit date (`audit.date`), from the run's one injectable clock.
    let auditDate: Day
    let factsLists: [Value]
    /// Every workspace of the run (`workspaces`), and which of them `model` is. Records of
    /// another workspace are `Value.foreign`; this one's are `Value.ref`.
    let workspaces: [WorkspaceModel]
    let workspaceIndex: Int

    init(
        model: WorkspaceModel, catalog: Catalog, facts: Facts, auditDate: Day, workspaces: [WorkspaceModel]? = nil,
        workspaceIndex: Int = 0
    ) {
        self.model = model
        self.catalog = catalog
        self.facts = facts
        self.auditDate = auditDate
        self.factsLists = [facts.dpfCertified, facts.sccVendors, facts.bcrVendors].map(Value.of)
        self.workspaces = workspaces ?? [model]
        self.workspaceIndex = workspaces == nil ? 0 : workspaceIndex
    }

    /// The context of another workspace of the run, sharing everything else.
    func other(_ w: Int) -> EvalContext {
        EvalContext(
            model: workspaces[w], catalog: catalog, facts: facts, auditDate: auditDate, workspaces: workspaces,
            workspaceIndex: w)
    }

    /// The catalog row of a kind named `name`. Asked here, of the stored catalog: the
    /// compiled look-up calling `f.ctx.catalog.destination(named:)` itself copied the whole
    /// catalog (a dozen retains and releases) for every evaluation.
    func catalogRow(_ kind: RecordKind, named name: String) -> Int32? {
        switch kind {
        case .catalogDestination: catalog.destination(named: name)
        case .catalogSource: catalog.source(named: name)
        default: catalog.warehouse(named: name)
        }
    }
}

/// Reads one field of the record at an index.
typealias FieldAccessor = @Sendable (EvalContext, Int) -> Value

/// Where a derived field's value came from, for the evidence chain of a finding.
typealias ProvenanceAccessor = @Sendable (EvalContext, Int) -> Derivation?

/// One field of a record type.
struct FieldSpec: Sendable {
    var name: String
    var type: ValueType
    /// Whether an inventory may lack it (then it reads as missing).
    var optional: Bool
    var doc: String
    var get: FieldAccessor
    /// For derived values (an endpoint's region, a catalog fact): what the value rests on.
    var provenance: ProvenanceAccessor?
}

/// One record type: its fields in documentation order.
struct RecordSpec: Sendable {
    var kind: RecordKind
    var doc: String
    var fields: [FieldSpec]
    private var index: [String: Int]

    init(_ kind: RecordKind, _ doc: String, _ fields: [FieldSpec]) {
        self.kind = kind
        self.doc = doc
        self.fields = fields
        var index: [String: Int] = [:]
        for (i, f) in fields.enumerated() { index[f.name] = i }
        self.index = index
    }

    package func field(_ name: String) -> FieldSpec? { index[name].map { fields[$0] } }
}

/// The global names every policy can use besides its own declarations.
enum Namespace: String, Sendable, CaseIterable {
    /// `catalog.destination(name)`, `catalog.source(name)`, `catalog.warehouse(name)`.
    case catalog
    /// `facts.dpfCertified` …: the organisation's facts file.
    case facts
    /// `audit.date`: the run itself.
    case audit
    /// Every workspace of the run, for rules that look across workspaces.
    case workspaces
}

func field(
    _ name: String, _ type: ValueType, optional: Bool = true, _ doc: String, from provenance: ProvenanceAccessor? = nil,
    _ get: @escaping FieldAccessor
) -> FieldSpec {
    FieldSpec(name: name, type: type, optional: optional, doc: doc, get: get, provenance: provenance)
}

/// The schema: every record type by kind.
enum Schema {
    static let records: [RecordKind: RecordSpec] = {
        var map: [RecordKind: RecordSpec] = [:]
        for spec in resourceRecords + auxiliaryRecords { map[spec.kind] = spec }
        return map
    }()

    static func record(_ kind: RecordKind) -> RecordSpec { records[kind]! }
}
