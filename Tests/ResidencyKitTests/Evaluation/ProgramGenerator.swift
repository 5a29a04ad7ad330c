@testable import ResidencyKit

/// Random, well-typed policies and small inventories for the evaluator's property tests:
/// every operator, quantifier, built-in family, let, param and define the language has, over
/// destinations whose fields are each present or missing at random.
struct ProgramGenerator {
    private var state: UInt64
    /// Whether `exists` and `??` may appear: they decide on missingness by design, so the
    /// "missing never flips a decided outcome" property excludes them.
    var guards: Bool
    private var binders: [String] = []

    init(seed: UInt64, guards: Bool) {
        state = seed
        self.guards = guards
    }

    /// SplitMix64: small, fast, and the same sequence on every platform.
    mutating func next(_ n: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(n))
    }

    mutating func pick<T>(_ options: [T]) -> T { options[next(options.count)] }

    /// The declarations every generated policy can use.
    static let prelude = """
        let eu = "eu"
        let noScheme = scheme("events.eu1.segmentapis.com/v1")
        let vendors = ["Mixpanel", "Amplitude"]
        param vendor: string = "Mixpanel"
        param cutoff: date = 2025-01-01
        define euEndpoint(v: Destination): bool = v.endpoint.region == "eu"
        define named(v: Destination, n: string): bool = v.name == n

        """

    /// A policy with a permit, both over destinations.
    mutating func policy() -> String {
        let condition = bool(2), requirement = bool(3), permit = bool(2)
        return Self.prelude + """
            policy T-1 "generated" {
              severity error
              for destination d
              where \(condition)
              require \(requirement)
              message "m"
            }
            permit T-2 "generated permit" {
              permits T-1
              for destination d
              where \(permit)
              basis "b"
            }

            """
    }

    mutating func bool(_ depth: Int) -> String {
        if depth <= 0 {
            return pick([
                "d.enabled", "true", "false", "euEndpoint(d)", "d.euEndpoint()", "d.endpoint.region == \"eu\"",
                "d.endpoint.region in [\"eu\", \"us\"]", "\(string(0)) == \(string(0))",
            ])
        }
        switch next(guards ? 18 : 16) {
        case 0: return "not (\(bool(depth - 1)))"
        case 1: return "(\(bool(depth - 1)) and \(bool(depth - 1)))"
        case 2: return "(\(bool(depth - 1)) or \(bool(depth - 1)))"
        case 3: return "\(string(depth - 1)) \(pick(["==", "!=", "<", ">="])) \(string(depth - 1))"
        case 4: return "\(string(depth - 1)) \(pick(["in", "not in"])) \(list(depth - 1))"
        case 5: return "\(list(depth - 1)) \(pick(["==", "!="])) \(list(depth - 1))"
        case 6, 7:
            // The domain first: the binder is not in scope there.
            let domain = list(depth - 1), x = binder()
            defer { binders.removeLast() }
            return "(\(pick(["every", "some"])) \(x) in \(domain): \(bool(depth - 1)))"
        case 8:
            let domain = list(depth - 1), x = binder()
            defer { binders.removeLast() }
            return "count(\(x) in \(domain) where \(bool(depth - 1))) \(pick([">=", "==", "<"])) \(next(3))"
        case 9: return "\(string(depth - 1)).\(pick(["startsWith", "endsWith", "contains"]))(\(string(depth - 1)))"
        case 10: return "\(string(depth - 1)).matches(\(pick(["re\"^e\"", "re\"(?i)EU\"", "re\"\\\\.com$\""])))"
        case 11: return "\(int(depth - 1)) \(pick([">", "==", "<="])) \(int(depth - 1))"
        case 12: return "\(list(depth - 1)).isEmpty()"
        case 13: return next(2) == 0 ? "named(d, \(string(depth - 1)))" : "d.named(\(string(depth - 1)))"
        case 14:
            let date = pick(["cutoff", "date(\(string(depth - 1)))", "2026-01-01", "cutoff + days(\(int(depth - 1)))"])
            return "audit.date \(pick(["<", ">="])) \(date)"
        case 15: return "d.enabled == (\(bool(depth - 1)))"
        case 16: return "exists(\(string(depth - 1)))"
        default: return "(\(bool(depth - 1))) ?? \(pick(["true", "false"]))"
        }
    }

    mutating func string(_ depth: Int) -> String {
        var options = [
            "\"eu\"", "\"Mixpanel\"", "\"\"", "\"events.eu1.segmentapis.com\"", "\"https://api.eu.amplitude.com/2\"",
            "d.name", "d.vendor", "d.endpoint.host", "d.catalogName", "d.workspace.slug", "eu", "noScheme", "vendor",
            "d.settings[\"apiRegion\"]", "d.settings[\"hosts\"][0]",
        ]
        options += binders
        if depth <= 0 { return pick(options) }
        switch next(guards ? 8 : 7) {
        case 0: return "\(pick(["lower", "upper", "trim", "host", "scheme", "path"]))(\(string(depth - 1)))"
        case 1: return "\(string(depth - 1)).\(pick(["trimPrefix", "trimSuffix"]))(\(string(depth - 1)))"
        default:
            if depth > 0, guards, next(7) == 0 { return "(\(string(depth - 1)) ?? \(string(0)))" }
            return pick(options)
        }
    }

    /// Integers: lengths, counts, literals and arithmetic over them (with a division that
    /// can be by zero, and products that can overflow).
    mutating func int(_ depth: Int) -> String {
        if depth <= 0 { return pick(["0", "1", "3", "length(\(string(0)))", "999999999999999999"]) }
        switch next(6) {
        case 0: return "(\(int(depth - 1)) \(pick(["+", "-", "*", "/"])) \(int(depth - 1)))"
        case 1:
            let domain = list(depth - 1), x = binder()
            defer { binders.removeLast() }
            return "count(\(x) in \(domain) where \(bool(depth - 1)))"
        case 2: return "length(\(list(depth - 1)))"
        default: return "length(\(string(depth - 1)))"
        }
    }

    mutating func list(_ depth: Int) -> String {
        let options = [
            "d.workspace.dataSubjects", "facts.dpfCertified", "vendors", "[\"eu\", \"us\"]", "d.settings[\"hosts\"]",
            "[\(string(depth)), \(string(depth))]", "[\(string(depth))]",
        ]
        return pick(options)
    }

    private mutating func binder() -> String {
        let name = "x\(binders.count)"
        binders.append(name)
        return name
    }

    // MARK: Inventories

    /// One EU workspace with five destinations whose fields are each set or missing.
    mutating func workspace() -> WorkspaceParts {
        var parts = WorkspaceParts(
            workspace: Workspace(
                id: "ws", slug: "acme-eu", name: "Acme", region: "eu-west",
                dataSubjects: pick([["EU"], ["EU", "CH"], nil, []])),
            destinations: [])
        for i in 0..<5 {
            let settings = settingsValue()
            parts.destinations.append(
                Destination(
                    id: "d\(i)", name: maybe(["Mixpanel", "eu", "Amplitude EU", ""]),
                    enabled: maybe([true, false]), sourceId: "none",
                    catalogName: maybe(["Mixpanel (Actions)", "Slack", "https://api.eu.amplitude.com/2"]),
                    vendor: maybe(["Mixpanel", "Amplitude", "Slack"]),
                    endpoint: Endpoint(
                        region: maybe(["eu", "us"]),
                        host: maybe(["events.eu1.segmentapis.com", "api.mixpanel.com", "HTTPS://EU.example/"]))))
            parts.destinations[i].settings = settings
        }
        return parts
    }

    /// A destination's settings: missing, or a map whose keys are each present or absent,
    /// with values of the kinds exports hold (strings, numbers, lists).
    private mutating func settingsValue() -> Value {
        guard next(6) > 0 else { return .missing }
        var entries: [(String, Value)] = []
        if next(3) > 0 { entries.append(("apiRegion", pick([.string("EU 🇪🇺"), .string("US 🇺🇸"), .string("eu"), .int(5)]))) }
        if next(3) > 0 {
            let hosts = (0..<next(3)).map { _ in Value.string(pick(["api.mixpanel.com", "eu", "events.eu1.segmentapis.com"])) }
            entries.append(("hosts", .list(hosts)))
        }
        return .map(MapBox(entries))
    }

    private mutating func maybe<T>(_ values: [T]) -> T? {
        next(5) == 0 ? nil : pick(values)
    }
}

extension WorkspaceParts {
    /// The settings with one entry missing (or all of them), and ways to fill it in.
    fileprivate func settingsVariants(
        _ i: Int, _ texts: [String], into out: inout [(what: String, missing: WorkspaceParts, completions: [WorkspaceParts])]
    ) {
        let settings = destinations[i].settings
        guard case .map(let m) = settings else { return }
        func with(_ value: Value) -> WorkspaceParts {
            var c = self
            c.destinations[i].settings = value
            return c
        }
        var whole = self
        whole.destinations[i].settings = .missing
        let maps = [Value.map(MapBox([])), settings, .map(MapBox([("apiRegion", .string("EU 🇪🇺"))]))]
        out.append(("\(destinations[i].id).settings", whole, maps.map(with)))
        for (key, _) in zip(m.keys, m.values) {
            let rest = zip(m.keys, m.values).filter { $0.0 != key }.map { ($0.0, $0.1) }
            let completions = (texts.map(Value.string) + [.int(5), .list([.string("eu")])]).map {
                with(.map(MapBox(rest + [(key, $0)])))
            }
            out.append(("\(destinations[i].id).settings[\"\(key)\"]", with(.map(MapBox(rest))), completions))
        }
    }
}

/// A workspace as separate parts, so one field can be removed and the model rebuilt (a
/// model's lists are computed when it is made).
struct WorkspaceParts {
    var workspace: Workspace
    var destinations: [Destination]

    var model: WorkspaceModel { WorkspaceModel(workspace: workspace, destinations: destinations) }

    /// Every variant with exactly one value missing, with the ways to fill it in again: the
    /// value it had and other values the generated policies compare with.
    var withOneValueMissing: [(what: String, missing: WorkspaceParts, completions: [WorkspaceParts])] {
        var out: [(what: String, missing: WorkspaceParts, completions: [WorkspaceParts])] = []
        func field<T>(_ what: String, _ key: WritableKeyPath<WorkspaceParts, T?>, _ values: [T]) {
            guard self[keyPath: key] != nil else { return }
            var missing = self
            missing[keyPath: key] = nil
            let completions = values.map { v -> WorkspaceParts in
                var c = self
                c[keyPath: key] = v
                return c
            }
            out.append((what, missing, completions))
        }
        let texts = [
            "eu", "Mixpanel", "", "events.eu1.segmentapis.com", "https://api.eu.amplitude.com/2", "acme-eu", "Amplitude",
            "zzz", "EU",
        ]
        field("workspace.dataSubjects", \.workspace.dataSubjects, [[], ["EU"], ["CH"], ["EU", "CH"], ["Mixpanel"]])
        for i in destinations.indices {
            let id = destinations[i].id
            field("\(id).name", \.destinations[i].name, texts)
            field("\(id).enabled", \.destinations[i].enabled, [true, false])
            field("\(id).vendor", \.destinations[i].vendor, texts)
            field("\(id).catalogName", \.destinations[i].catalogName, texts)
            field("\(id).endpoint.region", \.destinations[i].endpoint.region, ["eu", "us", "in"])
            field("\(id).endpoint.host", \.destinations[i].endpoint.host, texts)
            settingsVariants(i, texts, into: &out)
        }
        return out
    }
}
