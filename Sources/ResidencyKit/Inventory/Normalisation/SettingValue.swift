/// A destination setting as exports carry it, reduced to what resolution rules look at.
public enum SettingValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case bool(Bool)
    case number(Double)
    /// Objects, arrays and nulls: present, but never a region.
    case other

    /// How evidence quotes the value: `"EU 🇪🇺"`, `true`.
    public var description: String {
        switch self {
        case .string(let s): "\"\(s)\""
        case .bool(let b): b ? "true" : "false"
        case .number(let n): n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .other: "(not a simple value)"
        }
    }
}

/// A resolved region with the evidence it came from.
public struct Resolution: Sendable, Hashable {
    public var region: String?
    public var host: String?
    public var evidence: String

    public init(region: String?, host: String? = nil, evidence: String) {
        self.region = region
        self.host = host
        self.evidence = evidence
    }
}
