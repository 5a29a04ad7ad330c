/// Where a destination sends data, from its own settings: one table, one row per
/// integration, covering the messy values real exports carry ("EU 🇪🇺", `north_america`,
/// Braze clusters, Intercom hosts, HubSpot booleans). A value no row resolves stays unknown.
public enum EndpointRules {
    /// How a row reads its setting.
    enum Reading: Sendable {
        /// A label such as `"EU 🇪🇺"` or `europe`; `blank` is the region an empty string means.
        case label(blank: String?)
        /// A boolean switch: true means `whenTrue`, false `whenFalse`.
        case flag(whenTrue: String, whenFalse: String)
        /// A URL or host; the region comes from the host (`knownHosts` first).
        case url(knownHosts: [String: String])
    }

    /// A class, not a struct: rows are looked up for every destination of an inventory, and
    /// handing one around is then one retain instead of one per field.
    final class Rule: Sendable {
        /// Catalog slugs and names the row applies to.
        let integrations: [String]
        let setting: String
        let reading: Reading
        /// The region when the setting is absent: the integration's documented default.
        let absent: String?
        /// The API host of each region, when the row knows it.
        let hosts: [String: String]
        /// How evidence names the setting: `settings.<setting>`.
        let evidenceKey: String

        init(integrations: [String], setting: String, reading: Reading, absent: String?, hosts: [String: String] = [:]) {
            self.integrations = integrations
            self.setting = setting
            self.reading = reading
            self.absent = absent
            self.hosts = hosts
            evidenceKey = "settings.\(setting)"
        }
    }

    static let rules: [Rule] = [
        Rule(
            integrations: ["actions-amplitude", "Amplitude (Actions)"], setting: "endpoint",
            reading: .label(blank: "us"), absent: "us",
            hosts: ["us": "api2.amplitude.com", "eu": "api.eu.amplitude.com"]),
        Rule(
            integrations: ["amplitude", "Amplitude"], setting: "endpoint",
            reading: .label(blank: "us"), absent: "us",
            hosts: ["us": "api2.amplitude.com", "eu": "api.eu.amplitude.com"]),
        Rule(
            integrations: ["actions-mixpanel", "Mixpanel (Actions)"], setting: "apiRegion",
            reading: .label(blank: nil), absent: "us",
            hosts: ["us": "api.mixpanel.com", "eu": "api-eu.mixpanel.com", "in": "api-in.mixpanel.com"]),
        Rule(
            integrations: ["mixpanel", "Mixpanel (Legacy)", "Mixpanel"], setting: "enableEuropeanUnionEndpoint",
            reading: .flag(whenTrue: "eu", whenFalse: "us"), absent: "us",
            hosts: ["us": "api.mixpanel.com", "eu": "api-eu.mixpanel.com"]),
        Rule(
            integrations: ["actions-braze-cloud", "Braze Cloud Mode (Actions)"], setting: "endpoint",
            reading: .url(knownHosts: [:]), absent: nil),
        Rule(
            integrations: ["actions-braze-web", "Braze Web Device Mode (Actions)"], setting: "endpoint",
            reading: .url(knownHosts: [:]), absent: nil),
        Rule(
            integrations: ["actions-customerio", "Customer.io (Actions)"], setting: "accountRegion",
            reading: .label(blank: nil), absent: "us",
            hosts: ["us": "track.customer.io", "eu": "track-eu.customer.io"]),
        Rule(
            integrations: ["actions-iterable", "Iterable (Actions)"], setting: "dataCenterLocation",
            reading: .label(blank: nil), absent: "us",
            hosts: ["us": "api.iterable.com", "eu": "api.eu.iterable.com"]),
        Rule(
            integrations: ["intercom", "Intercom", "actions-intercom-web", "Intercom Web (Actions)"], setting: "apiBase",
            reading: .url(knownHosts: ["api-iam.intercom.io": "us", "api.intercom.io": "us"]), absent: "us"),
        Rule(
            integrations: ["hubspot", "HubSpot"], setting: "enableEuropeanDataCenter",
            reading: .flag(whenTrue: "eu", whenFalse: "us"), absent: "us"),
    ]

    private static let byIntegration: [String: Rule] = {
        var map: [String: Rule] = [:]
        for rule in rules { for name in rule.integrations { map[Catalog.key(name)] = rule } }
        return map
    }()

    /// Whether a row exists for the integration (by slug or catalog name).
    public static func hasRule(slug: String?, name: String?) -> Bool {
        rule(slug: slug, name: name) != nil
    }

    /// The same rows by their exact spelling: the usual case, found without normalising.
    private static let byExactName: [String: Rule] = {
        var map: [String: Rule] = [:]
        for rule in rules { for name in rule.integrations { map[name] = rule } }
        return map
    }()

    static func rule(slug: String?, name: String?) -> Rule? {
        if let slug, let r = byExactName[slug] ?? byIntegration[Catalog.key(slug)] { return r }
        if let name, let r = byExactName[name] ?? byIntegration[Catalog.key(name)] { return r }
        return nil
    }

    /// Resolves a destination's endpoint from its settings: what the integration is set to is
    /// where the data goes. Only when no setting resolves it does the catalog decide, and only
    /// what it can: an integration Segment lists with no EU endpoint sends to the US. (A
    /// setting naming the EU on such an integration still resolves to the EU; RES-003 then
    /// reports that Segment lists no EU endpoint for it, so the contradiction is visible.)
    public static func resolve(
        slug: String?, name: String?, settings: [String: SettingValue], catalogEntry: Catalog.DestinationEntry?
    ) -> Endpoint {
        resolve(slug: slug, name: name, setting: { settings[$0] }, catalogEntry: catalogEntry)
    }

    /// The same, reading one setting at a time: the loader looks the row's one setting up in
    /// the export instead of building a dictionary of every setting of every destination.
    static func resolve(
        slug: String?, name: String?, setting: (String) -> SettingValue?, catalogEntry: Catalog.DestinationEntry?
    ) -> Endpoint {
        let fromSettings = rule(slug: slug, name: name).map { apply($0, setting) }
        if let r = fromSettings, r.region != nil {
            return Endpoint(region: r.region, host: r.host, evidence: r.evidence)
        }
        if let entry = catalogEntry, entry.euEndpoint == false {
            return Endpoint(region: "us", host: nil, evidence: "catalog: \(entry.name) offers no EU endpoint")
        }
        return Endpoint(region: nil, host: nil, evidence: fromSettings?.evidence ?? "no setting names the endpoint")
    }

    /// The rule's reading of the settings; the region is nil when the value cannot be read.
    static func apply(_ rule: Rule, _ setting: (String) -> SettingValue?) -> Resolution {
        let key = rule.evidenceKey
        guard let value = setting(rule.setting) else {
            guard let region = rule.absent else { return Resolution(region: nil, evidence: "\(key) not set") }
            return Resolution(
                region: region, host: rule.hosts[region],
                evidence: "\(key) not set (the integration's default is its \(region.uppercased()) endpoint)")
        }
        let evidence = "\(key) = \(value)"
        var region: String?
        var host: String?
        switch (rule.reading, value) {
        case (.label(let blank), .string(let s)):
            let trimmed = s.trimmingWhitespace()
            region = trimmed.isEmpty ? blank : RegionWords.region(ofLabel: trimmed)
        case (.flag(let yes, let no), .bool(let b)):
            region = b ? yes : no
        case (.flag(let yes, let no), .string(let s)) where s == "true" || s == "false":
            region = s == "true" ? yes : no
        case (.url(let known), .string(let s)):
            host = URLParts(s)?.host
            region = host.flatMap { known[$0] ?? RegionWords.region(ofHost: $0) }
        default:
            break
        }
        guard let region else { return Resolution(region: nil, host: host, evidence: "\(evidence), which names no known region") }
        return Resolution(region: region, host: host ?? rule.hosts[region], evidence: evidence)
    }
}
