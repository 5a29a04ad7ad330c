/// A destination setting as exports carry it, reduced to what resolution rules look at.
enum SettingValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case bool(Bool)
    case number(Double)
    /// `null`: present, but the same as not set.
    case null
    /// Objects and arrays: present, but never a region.
    case other

    /// Null or blank text: as good as not set, so the next setting or Segment's default
    /// decides (an override left empty, Repeater's endpoint cleared).
    var isUnset: Bool {
        switch self {
        case .null: true
        case .string(let text): text.trimmingWhitespace().isEmpty
        default: false
        }
    }

    /// How evidence quotes the value: `"EU 🇪🇺"`, `true`.
    var description: String {
        switch self {
        case .string(let s): Text.concat("\"", s, "\"")
        case .bool(let b): b ? "true" : "false"
        case .number(let n): n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .null: "null"
        case .other: "(not a simple value)"
        }
    }
}

/// A resolved region with the evidence it came from.
struct Resolution: Sendable, Hashable {
    package var region: String?
    var host: String?
    /// The whole URL, where the rule builds one (an SDK's batch URL).
    var url: String?
    var evidence: String
    /// Where the setting it was read from is written.
    var origin: Origin?

    init(region: String?, host: String? = nil, url: String? = nil, evidence: String, origin: Origin? = nil) {
        self.region = region
        self.host = host
        self.url = url
        self.evidence = evidence
        self.origin = origin
    }
}

extension URLParts {
    /// The URL with its path replaced by `path`, as WHATWG's URL constructor resolves an
    /// absolute path against a base (`new URL("/v1/batch", host)`); nil without a scheme or host.
    func resolving(path: String) -> String? {
        guard let scheme, let host else { return nil }
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(shownHost)\(port.map { ":\($0)" } ?? "")\(path)"
    }
}
