import Synchronization

/// Where a destination sends data, decided as the integration's own code decides it: from the
/// setting Segment documents for it (its `regionSettings`), for the connection mode it runs
/// in, with the catalog's documented default when the setting is absent. The table of rows
/// is in EndpointRules+Table.swift, each with its source. A value no row resolves stays
/// unknown (indeterminate), never guessed.
enum EndpointRules {
    /// A region and the host it means.
    struct Target: Sendable, Hashable {
        var region: String
        var host: String?
        init(_ region: String, _ host: String? = nil) {
            self.region = region
            self.host = host
        }
    }

    /// How a setting's value is read.
    enum Reading: Sendable {
        /// One of the values the integration documents. `exact` compares as the integration's
        /// code does (`apiRegion == "EU 🇪🇺"`); otherwise case, emoji and punctuation are
        /// dropped first (`"EU 🇪🇺"` reads `eu`). A value not in the table goes to `otherwise`
        /// where the code falls back to a default for it, else it is unknown.
        case choices([String: Target], exact: Bool = false, otherwise: Target? = nil)
        /// The region follows from the value's first character (Dynamic Yield's section ids).
        case firstCharacter([Character: Target])
        /// A boolean switch.
        case flag(whenTrue: Target, whenFalse: Target)
        /// A URL or host, matched against the vendor's documented hosts (never a guess from
        /// some label reading `eu`).
        case hosts([HostPattern], blank: Target? = nil)
        /// An AWS region name (`eu-west-1`).
        case awsRegion
    }

    /// A host the vendor documents: exact, or a suffix after a label pattern.
    struct HostPattern: Sendable {
        /// The host, with `*` standing for one label (`rest.*.braze.com` is not allowed:
        /// patterns list every documented cluster).
        var host: String
        var region: String

        func matches(_ h: String) -> Bool { h == host }
    }

    /// How one mode is decided: by settings, or fixed by the integration's code.
    enum ModeSource: Sendable {
        case settings([SettingReading])
        /// The code always sends to one place in this mode, whatever the settings say.
        case fixed(Target, because: String)
        /// The integration's code in this mode does not read the settings: where it sends is
        /// decided outside Segment (the app's own configuration), so it is unknown.
        case unknown(because: String)
    }

    /// One setting of a mode's reading, tried in order: an override (`customEndpoint`) decides
    /// only when it is set to something; the last setting decides, by value or default.
    struct SettingReading: Sendable {
        var setting: String
        var reading: Reading
        var overrideOnly = false
        /// The integration puts `https://` before a value that does not start with `http://` or
        /// `https://` (Braze's web SDK: `ftp://sdk.fra-01.braze.eu` becomes a URL whose host is
        /// `ftp`), so the host is read from what it builds, not from the value as a URL.
        var httpsAdded = false
    }

    /// Which connection modes a reading covers.
    enum ModeFilter: Sendable, Hashable {
        case device(Catalog.Platform)
        case cloud
        /// Cloud mode for sources of these platforms only (HubSpot's mobile and server setting).
        case cloudFrom(Set<Catalog.Platform>)
        case any

        func covers(_ m: Mode) -> Bool {
            switch (self, m) {
            case (.any, _): true
            case (.cloud, .cloud): true
            case (.cloudFrom(let ps), .cloud(let p)): ps.contains(p)
            case (.device(let p), .device(let q)): p == q
            default: false
            }
        }
    }

    /// A connection mode a destination can run in for a source.
    enum Mode: Sendable, Hashable, CustomStringConvertible {
        case device(Catalog.Platform)
        case cloud(Catalog.Platform)

        var description: String {
            switch self {
            case .device(let p): "device mode (\(p.rawValue))"
            case .cloud: "cloud mode"
            }
        }
        var isCloud: Bool { if case .cloud = self { true } else { false } }
    }

    /// How a row decides, per mode; a mode no reading covers is decided by the catalog.
    enum Decision: Sendable {
        case modes([(ModeFilter, ModeSource)])
        /// Segment's own destinations: wherever the workspace keeps data. `unless`: a deprecated
        /// setting that, where it names another region, may still send there (Repeater).
        case workspaceRegion(evidence: String, unless: String? = nil)
    }

    /// One row of the table: the integrations (by slug) and how their endpoint is decided.
    struct Rule: Sendable {
        var slugs: [String]
        var decision: Decision
        /// Where the row's facts come from (repository and path, or the catalog), for docs.
        var source: String
    }

    /// Where the connected source runs, as connection modes distinguish it.
    enum SourcePlatform: String, Sendable, Hashable {
        case web, mobile, server
        /// A cloud source: its events reach destinations in cloud mode only.
        case cloudSource = "cloud source"
    }

    /// What happens to a setting the input does not carry.
    enum Absent: Sendable {
        /// The integration's documented default applies (an export; a planned create).
        case defaultApplies
        /// Unknown: Terraform manages only the keys its configuration sets, so an existing
        /// resource's other settings are not in the plan.
        case unmanaged
    }

    /// Everything a resolution looks at.
    struct Query {
        var name: String
        /// Of the integration's catalog row, what the rules read: its slug (which picks the
        /// rule), connection modes and documented settings. Only these are kept, not the row:
        /// a copy of a row retained its every list, twice for each destination decoded.
        var slug: String?
        var connectionModes: Catalog.ConnectionModes?
        var regionSettings: [Catalog.RegionSetting] = []
        var facts: IntegrationFacts
        var setting: (String) -> (value: SettingValue, origin: Origin?)?
        var absent: Absent = .defaultApplies
        var platform: SourcePlatform?
        /// The workspace's data region (`eu`, `us`).
        var workspaceRegion: String?
        /// Answers of `fromCatalog` already spelled out for this inventory file, if any.
        var catalogAnswers: CatalogAnswers?

        /// A setting's documented definition.
        func regionSetting(_ name: String) -> Catalog.RegionSetting? { regionSettings.first { $0.name == name } }
    }

    /// `fromCatalog`'s answers, by everything that decides them but the place of the list they
    /// rest on: a night's destinations repeat a few hundred integrations, and spelling out the
    /// same catalog sentence for each was a twelfth of decoding a night's bundles. The answer
    /// is a function of the key alone (not of the file or the catalog: a row's name and layer
    /// are in the key), so one object serves every file of a load, on every thread that
    /// decodes them (kept per file, a fifth of the look-ups spelled a sentence anew).
    ///
    /// Found by the name's bytes (a `ByteTable`), then among that name's few answers by the
    /// rest: a dictionary keyed by all of it built the key (an array of the endpoints, copies
    /// of the list's source) and compared whole keys on its probes, some 2,500 instructions a
    /// destination.
    final class CatalogAnswers: Sendable {
        /// One answer, and what decided it besides its name and the list's place.
        struct Known: Sendable {
            /// Compared by their bytes, as the name is: they end up in the answer's words.
            var endpoints: [String]?
            /// The list's source without its place (`origin`), and whether it has one.
            var source: ListSource?
            var placed: Bool
            var inCatalog: Bool
            var answer: Endpoint
            /// The next answer kept for the same name, in `known`.
            var next: Int?
        }

        private struct State {
            /// Names by their bytes: two spellings of one name are two names, so an answer's
            /// words keep the spelling of the destination they were made for.
            let names = ByteTable()
            /// For each name's number in `names`, its first answer in `known`.
            var first: [Int] = []
            var known: [Known] = []

            func answer(_ name: String, _ facts: borrowing IntegrationFacts) -> Endpoint? {
                var name = name
                guard var at = name.withUTF8({ names.find($0) }).map({ first[$0] }) else { return nil }
                return known.withUnsafeBufferPointer { known in
                    while true {
                        if CatalogAnswers.same(known.baseAddress! + at, facts) { return known[at].answer }
                        guard let next = known[at].next else { return nil }
                        at = next
                    }
                }
            }

            mutating func keep(_ name: String, _ answer: Known) {
                var name = name
                let (n, inserted) = name.withUTF8 { names.insert($0) }
                known.append(answer)
                if inserted {
                    first.append(known.count - 1)
                    return
                }
                var at = first[n]
                while let next = known[at].next { at = next }
                known[at].next = known.count - 1
            }
        }

        private let state = Mutex(State())

        /// How many answers are kept.
        var count: Int { state.withLock { $0.known.count } }

        /// The answer kept for a query of `name` whose facts differ from `facts` at most in the
        /// list's place.
        func answer(_ name: String, _ facts: borrowing IntegrationFacts) -> Endpoint? {
            state.withLock { $0.answer(name, facts) }
        }

        /// Keeps the answer for `name` and `facts`, unless another thread kept one meanwhile.
        func keep(_ name: String, _ facts: borrowing IntegrationFacts, _ answer: Endpoint) {
            state.withLock { s in
                guard s.answer(name, facts) == nil else { return }
                var source = facts.endpointsSource
                source?.origin = nil
                s.keep(
                    name,
                    Known(
                        endpoints: facts.regionEndpoints, source: source, placed: facts.endpointsSource?.origin != nil,
                        inCatalog: facts.inCatalog, answer: answer))
            }
        }

        /// A kept answer read by address and compared with a query's facts in place, field by
        /// field: a probe built from the facts (their list's source copied, its place taken
        /// out) and compared whole copied each source twice more, some 4,000 instructions a
        /// destination where the answer was known.
        fileprivate static func same(_ a: UnsafePointer<Known>, _ facts: borrowing IntegrationFacts) -> Bool {
            guard a.pointee.inCatalog == facts.inCatalog,
                (a.pointee.endpoints == nil) == (facts.regionEndpoints == nil)
            else { return false }
            if let source = facts.endpointsSource {
                guard a.pointee.source?.sameBesidesPlace(source) == true, a.pointee.placed == (source.origin != nil)
                else { return false }
            } else if a.pointee.source != nil || a.pointee.placed {
                return false
            }
            guard let y = facts.regionEndpoints else { return true }
            let n = y.count
            guard a.pointee.endpoints!.count == n else { return false }
            for i in 0..<n where !Text.sameBytes(a.pointee.endpoints![i], y[i]) { return false }
            return true
        }
    }

    /// Byte-hashed (`TextMap`): every destination is looked up here. The last row naming a slug
    /// has it, as it had when this was a dictionary assigned in order.
    static let bySlug: TextMap<Rule> = {
        var map = TextMap<Rule>(minimumCapacity: table.count)
        for rule in table.reversed() { for slug in rule.slugs.reversed() { map.insertIfAbsent(slug, rule) } }
        return map
    }()

    /// The row for an integration, by its catalog slug.
    static func rule(slug: String?) -> Rule? { slug.flatMap { bySlug[$0] } }

    /// Whether a row exists for the integration's slug.
    static func hasRule(slug: String?) -> Bool { rule(slug: slug) != nil }

    /// The modes the destination can run in for its source: the source's platform picks
    /// them among the integration's connection modes. Unknown platform or modes: every mode.
    static func modes(_ platform: SourcePlatform?, _ modes: Catalog.ConnectionModes?) -> [Mode] {
        guard let modes else { return [] }
        let all = modes.device.sorted().map(Mode.device) + modes.cloud.sorted().map(Mode.cloud)
        let picked: [Mode]
        switch platform {
        case .web?: picked = all.filter { $0 == .device(.web) || $0 == .cloud(.web) }
        case .mobile?: picked = all.filter { $0 == .device(.mobile) || $0 == .cloud(.mobile) }
        case .server?: picked = all.filter { $0 == .cloud(.server) }
        case .cloudSource?: picked = all.filter(\.isCloud).prefix(1).map { _ in .cloud(.server) }
        case nil: picked = all
        }
        // A source the integration lists no mode for still sends it something if connected:
        // consider every mode rather than none.
        return picked.isEmpty ? all : picked
    }

    /// A deprecated setting that names a region other than the workspace's (or names none it
    /// can tell): unknown, since Segment keeps such destinations working where they were
    /// configured before the setting was retired, and routes new ones within the region; which
    /// of the two this one is, an export does not say. Absent or blank, Segment's catalog
    /// default is read in its place. nil when the value (or that default) names the workspace's
    /// own region, or the setting is unset and the catalog gives no default. Left out of a
    /// plan's update, it is whatever Segment holds, which the plan does not say: unknown too.
    private static func otherRegion(_ setting: String, _ q: Query, workspace region: String) -> Endpoint? {
        let found = q.setting(setting)
        if found == nil, q.absent == .unmanaged { return Endpoint(evidence: unmanaged(setting).evidence) }
        // Unset, Segment's documented default applies, as for any setting an export leaves out:
        // for Repeater that is the US endpoint, so an EU one left unset is as undecided as one
        // that holds the default.
        let unset = found?.value.isUnset ?? true
        let value: SettingValue
        let said: String
        if let set = found?.value, !unset {
            (value, said) = (set, "settings.\(setting) = \(set)")
        } else {
            guard let documented = q.regionSetting(setting)?.defaultValue else { return nil }
            (value, said) = (documented, "settings.\(setting) is not set, and Segment's catalog default \(documented)")
        }
        let origin = found?.origin
        switch value {
        case .string(let text):
            let named = URLParts(text.trimmingWhitespace())?.host.flatMap(RegionWords.region(ofHost:))
            if named == region { return nil }
            var what = named.map { "names the \($0.uppercased()) endpoint" } ?? "names no Segment region"
            // Segment's catalog gives the US endpoint as the default: a newer destination may
            // hold it only because it was never changed, an older one sends there.
            if !unset, q.regionSetting(setting)?.defaultValue == value {
                what += " (Segment's catalog default, which a destination made after the setting was retired may hold unchanged)"
            }
            return Endpoint(
                evidence: "\(said) \(what), not the workspace's (\(region.uppercased())): Segment keeps a destination "
                    + "configured so before the setting was retired sending there, and routes a newer one within the "
                    + "region; which this one is, the export does not say",
                origin: origin)
        default:
            return Endpoint(evidence: "\(said) is not a URL, so it names no region", origin: origin)
        }
    }

    static func resolve(_ q: Query) -> Endpoint {
        guard let rule = rule(slug: q.slug) else { return fromCatalog(q) }
        switch rule.decision {
        case .workspaceRegion(let evidence, let unless):
            guard let region = q.workspaceRegion else {
                return Endpoint(evidence: "\(evidence); the workspace's region is unknown")
            }
            if let unless, let other = otherRegion(unless, q, workspace: region) { return other }
            let host = region == "eu" ? "events.eu1.segmentapis.com" : "api.segment.io"
            return Endpoint(region: region, host: host, evidence: "\(evidence): the workspace's region, \(region.uppercased())")
        case .modes(let readings):
            // Most rows read one setting whatever the mode: no mode to work out.
            if readings.count == 1, readings[0].0 == .any {
                switch readings[0].1 {
                case .fixed(let target, let because):
                    return Endpoint(region: target.region, host: target.host, evidence: because)
                case .unknown(let because):
                    return Endpoint(evidence: because)
                case .settings(let settings):
                    let r = read(settings, q)
                    return Endpoint(region: r.region, host: r.host, evidence: r.evidence, origin: r.origin)
                }
            }
            let modes = modes(q.platform, q.connectionModes)
            // Without mode data, a row whose readings all cover any mode still decides.
            let considered: [Mode?] = modes.isEmpty ? [nil] : modes.map { $0 }
            var results: [(Mode?, Resolution?)] = []
            for mode in considered {
                let covering = readings.first { filter, _ in mode.map(filter.covers) ?? (filter == .any) }
                switch covering?.1 {
                case nil: results.append((mode, nil))
                case .fixed(let target, let because)?:
                    results.append((mode, Resolution(region: target.region, host: target.host, evidence: because)))
                case .unknown(let because)?:
                    results.append((mode, Resolution(region: nil, evidence: because)))
                case .settings(let settings)?: results.append((mode, read(settings, q)))
                }
            }
            return combine(results, q)
        }
    }

    /// One mode's reading: overrides first, then the deciding setting.
    static func read(_ settings: [SettingReading], _ q: Query) -> Resolution {
        for s in settings {
            let found = q.setting(s.setting)
            if s.overrideOnly {
                // Unset (absent, null or blank), an override leaves the decision to the next
                // setting; set to anything, it decides, as `apply` reads it (a value that is not
                // text names no region: unknown, never the next setting's answer). A plan's update
                // does not say whether an override its configuration leaves out is set in Segment.
                switch found?.value {
                case nil where q.absent == .unmanaged: return unmanaged(s.setting)
                case let value? where !value.isUnset: return apply(s, value, origin: found?.origin, q)
                default: continue
                }
            }
            if let found { return apply(s, found.value, origin: found.origin, q) }
            switch q.absent {
            case .unmanaged: return unmanaged(s.setting)
            case .defaultApplies:
                guard let documented = q.regionSetting(s.setting) else {
                    return Resolution(
                        region: nil, evidence: "settings.\(s.setting) is not set and Segment's catalog gives no default")
                }
                // A setting Segment requires is always stored: its absence means the export is
                // not what Segment holds, not that the default applies.
                if documented.required {
                    return Resolution(
                        region: nil, evidence: "settings.\(s.setting) is not set, though Segment's catalog marks it required")
                }
                guard let value = documented.defaultValue else {
                    return Resolution(
                        region: nil, evidence: "settings.\(s.setting) is not set and Segment's catalog gives no default")
                }
                var r = apply(s, value, origin: nil, q)
                r.evidence = "settings.\(s.setting) not set: Segment's catalog default \(value) applies; \(r.evidence)"
                return r
            }
        }
        return Resolution(region: nil, evidence: "no setting selects the endpoint")
    }

    /// A setting a plan's update leaves out: Terraform manages only the settings its
    /// configuration sets, so the value Segment holds is not in the plan.
    private static func unmanaged(_ setting: String) -> Resolution {
        Resolution(
            region: nil,
            evidence: "settings.\(setting) is not set in the Terraform configuration, so its value in Segment "
                + "is not in the plan (Terraform manages only the settings it sets)")
    }

    static func apply(_ s: SettingReading, _ value: SettingValue, origin: Origin?, _ q: Query) -> Resolution {
        let said = Text.concat("settings.", s.setting, " = ", value.description)
        var target: Target?
        var host: String?
        switch (s.reading, value) {
        case (.choices(let table, let exact, let otherwise), .string(let text)):
            target = table[exact ? text : RegionWords.labelWords(text)]
            if target == nil, let otherwise {
                return Resolution(
                    region: otherwise.region, host: otherwise.host,
                    evidence:
                        "\(said), which \(q.name)'s code does not know, so it falls back to \(otherwise.host ?? otherwise.region)",
                    origin: origin)
            }
            if target == nil {
                let known = table.keys.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
                return Resolution(
                    region: nil, evidence: "\(said), which is not a value \(q.name) documents (\(known))", origin: origin)
            }
        case (.firstCharacter(let table), .string(let text)):
            target = text.first.flatMap { table[$0] }
            if target == nil {
                return Resolution(region: nil, evidence: "\(said), whose first character names no data centre", origin: origin)
            }
        case (.flag(let yes, let no), .bool(let b)):
            target = b ? yes : no
        case (.flag, .string):
            // Text where Segment stores a boolean: integrations read it differently (analytics.js
            // as truthy, so "false" is on; the Swift plugins with `as? Bool`, so "true" is off).
            return Resolution(region: nil, evidence: "\(said), which is text, not true or false", origin: origin)
        case (.hosts(_, let blank?), .string(let text)) where text.trimmingWhitespace().isEmpty:
            target = blank
        case (.hosts(let patterns, _), .string(let text)):
            let built = s.httpsAdded && !(text.hasPrefix("http://") || text.hasPrefix("https://")) ? "https://" + text : text
            guard let h = URLParts(built)?.host else {
                return Resolution(region: nil, evidence: "\(said), which is not a URL or host", origin: origin)
            }
            host = h
            target = patterns.first { $0.matches(h) }.map { Target($0.region, h) }
            if target == nil {
                return Resolution(
                    region: nil, host: h, evidence: "\(said): host \(h) is not one \(q.name) documents for a region",
                    origin: origin)
            }
        case (.awsRegion, .string(let text)):
            let t = text.trimmingWhitespace().lowercased()
            target = WarehouseRules.awsRegion(t).map { Target($0) }
            if target == nil {
                return Resolution(region: nil, evidence: "\(said), which is not an AWS region", origin: origin)
            }
        default:
            return Resolution(region: nil, evidence: "\(said), which names no region", origin: origin)
        }
        guard let target else { return Resolution(region: nil, evidence: said, origin: origin) }
        return Resolution(region: target.region, host: host ?? target.host, evidence: said, origin: origin)
    }

    /// The modes' answers made one: agreed, or unknown with the reason why not.
    static func combine(_ results: [(Mode?, Resolution?)], _ q: Query) -> Endpoint {
        // A mode the rule does not cover is decided by the catalog alone.
        let filled: [(Mode?, Resolution)] = results.map { mode, r in
            if let r { return (mode, r) }
            let c = fromCatalog(q)
            return (mode, Resolution(region: c.region, host: c.host, evidence: c.evidence ?? "", origin: c.origin))
        }
        guard let first = filled.first else { return fromCatalog(q) }
        let regions = Set(filled.map(\.1.region))
        // Cloud mode is one mode whatever the platform: name each mode once.
        var modeNote: [String] = []
        for m in filled.compactMap(\.0) where !modeNote.contains(m.description) { modeNote.append(m.description) }
        // Every mode unknown for the same reason: that reason, not a disagreement.
        if regions == [nil], Set(filled.map(\.1.evidence)).count == 1 {
            return Endpoint(
                host: first.1.host, evidence: first.1.evidence, origin: first.1.origin, mode: modeNote.joined(separator: " and "))
        }
        if regions.count == 1, let region = first.1.region {
            let mode = modeNote.isEmpty ? nil : modeNote.joined(separator: " and ")
            return Endpoint(region: region, host: first.1.host, evidence: first.1.evidence, origin: first.1.origin, mode: mode)
        }
        if filled.count == 1 || Set(filled.map { $0.1.evidence }).count == 1 {
            return Endpoint(host: first.1.host, evidence: first.1.evidence, origin: first.1.origin, mode: modeNote.first)
        }
        // Modes disagree, or one is unknown: which mode runs is not in any export.
        let parts = filled.map { mode, r in
            "\(mode?.description ?? "any mode"): \(r.evidence) → \(r.region?.uppercased() ?? "unknown")"
        }
        let origin = filled.first { $0.1.origin != nil }?.1.origin
        return Endpoint(
            evidence: "\(q.name) can run in \(modeNote.joined(separator: " or ")) for this source, and they differ ("
                + parts.joined(separator: "; ") + "); the export does not say which mode is used",
            origin: origin)
    }

    /// No row: the catalog decides what it can. One regional endpoint means that region;
    /// both, with no setting known to choose, is unknown.
    static func fromCatalog(_ q: Query) -> Endpoint {
        guard let cache = q.catalogAnswers else { return spelledFromCatalog(q) }
        if var known = cache.answer(q.name, q.facts) {
            // The one thing that differs between the queries of one key: where the list is.
            if known.origin != nil { known.origin = q.facts.endpointsSource?.origin }
            return known
        }
        let answer = spelledFromCatalog(q)
        cache.keep(q.name, q.facts, answer)
        return answer
    }

    private static func spelledFromCatalog(_ q: Query) -> Endpoint {
        guard let ends = q.facts.regionEndpoints, let from = q.facts.endpointsFrom else {
            if !q.facts.inCatalog {
                return Endpoint(evidence: "\(q.name) is not in the catalog and the export gives no regionEndpoints")
            }
            return Endpoint(evidence: "neither the catalog nor the export gives regionEndpoints for \(q.name)")
        }
        if let only = q.facts.onlyEndpoint {
            return Endpoint(
                region: only,
                evidence:
                    "Segment lists only a\(only == "eu" ? "n" : "") \(only.uppercased()) endpoint for \(q.name) (\(from.text))",
                origin: from.origin)
        }
        return Endpoint(
            evidence: "\(q.name) has endpoints \(IntegrationResolver.quoted(ends)) (\(from.text)) and no setting residency "
                + "knows selects one",
            origin: from.origin)
    }
}

extension EndpointRules.Query {
    /// The query for row `row` of the catalog's destinations (nil: none found), the row's
    /// fields read in place. Outside the struct, so that it keeps its memberwise initialiser:
    /// built field by field by an initialiser of its own, each destination's query was copied
    /// whole on its way to `resolve` and the first released.
    init(
        name: String, catalog: Catalog, row: Int?, facts: IntegrationFacts,
        setting: @escaping (String) -> (value: SettingValue, origin: Origin?)?, absent: EndpointRules.Absent = .defaultApplies,
        platform: EndpointRules.SourcePlatform? = nil, workspaceRegion: String? = nil,
        catalogAnswers: EndpointRules.CatalogAnswers? = nil
    ) {
        var slug: String?, modes: Catalog.ConnectionModes?, regionSettings: [Catalog.RegionSetting] = []
        if let row {
            slug = catalog.destinations[row].slug
            modes = catalog.destinations[row].connectionModes
            regionSettings = catalog.destinations[row].regionSettings
        }
        self.init(
            name: name, slug: slug, connectionModes: modes, regionSettings: regionSettings, facts: facts, setting: setting,
            absent: absent, platform: platform, workspaceRegion: workspaceRegion, catalogAnswers: catalogAnswers)
    }
}
