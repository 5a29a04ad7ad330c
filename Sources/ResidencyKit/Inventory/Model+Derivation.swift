/// How a derived value came about, so every finding can show its evidence chain:
/// `d.endpoint.region = "us" ← settings.endpoint = "north_america" (acme-eu.json:41:55)`.

/// One link of an evidence chain: what a derived value was read from, in words, and where
/// that input is. The place is a byte offset; reports turn it into `file:line:col` only for
/// the findings they show.
struct Derivation: Sendable, Hashable {
    /// `settings.endpoint = "north_america"`, `bundled catalog 2025-11-06: supportedRegions …`.
    var text: String
    /// Where the value is in an input file; nil for a default or a fact of the run.
    var origin: Origin?

    init(_ text: String, at origin: Origin? = nil) {
        self.text = text
        self.origin = origin
    }
}

/// Which of the three sources of catalog facts decided a value (docs/catalog.md,
/// "Precedence"): a user's catalog file outranks the export's own metadata, which outranks
/// the bundled catalog.
enum CatalogDecider: Sendable, Hashable {
    case userCatalog(path: String)
    case exportMetadata
    case bundledCatalog(version: String)

    var label: String {
        switch self {
        case .userCatalog(let path): Catalog.Layer.label(user: path)
        case .exportMetadata: "export metadata"
        case .bundledCatalog(let version): Catalog.Layer.label(bundled: version)
        }
    }
}

/// Where one of an integration's lists came from: who gave it, under which name, and where.
/// Kept as parts, not text: every destination of a large run has two, and the text is
/// needed only for the findings a report shows.
struct ListSource: Sendable, Hashable {
    var decider: CatalogDecider
    /// `metadata.supportedRegions`, or the catalog's `supportedRegions`.
    package var field: String
    /// The catalog row's name, when a catalog gave it.
    var rowName: String?
    var origin: Origin?

    /// The same source but perhaps for its place (`origin`), compared field by field: a copy
    /// with its place taken out, compared whole, copied every text (`EndpointRules.CatalogAnswers`).
    /// Every other field is compared (`sameBesidesPlaceComparesEveryOtherField`).
    func sameBesidesPlace(_ other: borrowing ListSource) -> Bool {
        decider == other.decider && field == other.field && rowName == other.rowName
    }
}

/// What the catalog (or the export's own metadata) says about a resource's integration:
/// where Segment offers it and which regional endpoints it has, with who said so.
struct IntegrationFacts: Sendable, Hashable {
    /// The catalog row found, and how it was found.
    var row: Int32?
    var match: Catalog.Match?
    var supportedRegions: [String]?
    var regionEndpoints: [String]?
    var regionsSource: ListSource?
    var endpointsSource: ListSource?
    // No initialiser declared here: the ones Swift writes (`IntegrationFacts()` and the
    // memberwise one) build the value in place, where one declared in the body is copied out
    // of it whole (see `IntegrationResolver.facts`).

    /// Whether a catalog knows the integration: a row was found, or some layer gave its regions.
    /// An endpoint answered from the catalog says so when it does not (`EndpointRules`).
    var inCatalog: Bool { row != nil || regionsSource != nil }

    /// Who gave `supportedRegions` and where: `export metadata: metadata.supportedRegions = […]`.
    var regionsFrom: Derivation? { regionsSource.map { Self.derivation($0, supportedRegions ?? []) } }
    var endpointsFrom: Derivation? { endpointsSource.map { Self.derivation($0, regionEndpoints ?? []) } }

    static func derivation(_ s: ListSource, _ values: [String]) -> Derivation {
        // Built as one buffer each (`Text`): read for every failing result that quotes a fact.
        let list = Text.quotedList(values)
        switch s.decider {
        case .exportMetadata: return Derivation(Text.concat(s.field, " = ", list), at: s.origin)
        default:
            return Derivation(
                Text.concat(s.decider.label, ": ", s.rowName ?? "?", " ", s.field, Text.concat(" ", list)), at: s.origin)
        }
    }

    /// Offered in EU workspaces: an EU region among the supported ones; nil when unknown.
    package var euWorkspace: Bool? { supportedRegions.map { $0.contains { CatalogRegion.of($0) == .eu } } }
    var usWorkspace: Bool? { supportedRegions.map { $0.contains { CatalogRegion.of($0) == .us } } }
    /// Offered in EU workspaces with an EU endpoint; nil when either list is unknown.
    package var euEndpoint: Bool? {
        guard let eu = euWorkspace, let ends = regionEndpoints else { return nil }
        return eu && ends.contains { CatalogRegion.of($0) == .eu }
    }
    /// Offered in EU workspaces with a US endpoint.
    var usEndpoint: Bool? {
        guard let eu = euWorkspace, let ends = regionEndpoints else { return nil }
        return eu && ends.contains { CatalogRegion.of($0) == .us }
    }
    /// The endpoints' region, when the catalog lists exactly one (`EU` only: Attio, Emarsys).
    /// nil when a listed endpoint is one residency does not know (an export's `["EU", "AP"]`):
    /// that is not "EU only".
    var onlyEndpoint: String? {
        guard let ends = regionEndpoints else { return nil }
        var only: CatalogRegion?
        for e in ends {
            guard let r = CatalogRegion.of(e) else { return nil }
            if let o = only, o != r { return nil }
            only = r
        }
        return only?.rawValue
    }
    /// Who decided, in words, for evidence: one decider, or both when they differ.
    var decidedBy: String? {
        switch (regionsSource?.decider, endpointsSource?.decider) {
        case (let a?, let b?) where a == b: a.label
        case (let a?, let b?): "\(a.label) (supportedRegions), \(b.label) (regionEndpoints)"
        case (let a?, nil): a.label
        case (nil, let b?): b.label
        default: nil
        }
    }
}
