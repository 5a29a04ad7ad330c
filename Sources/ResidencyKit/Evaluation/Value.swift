/// A run-time value. `missing` is the value of anything the inventory lacks; it makes the
/// checks that need it indeterminate instead of passing or failing them.
public enum Value: Sendable, Hashable {
    case missing
    case bool(Bool)
    case int(Int)
    case string(String)
    case date(Day)
    /// A number of days (`days(30)`).
    case duration(Int)
    /// Boxed (`indirect`) so that a CIDR does not double the size of every value.
    indirect case cidr(CIDR)
    case regex(RegexBox)
    case list([Value])
    /// A map from strings to values: a resource's `settings` (JSON objects), a facts record.
    case map(MapBox)
    /// A record of the model: the kind and its index in the workspace (or catalog) tables.
    case ref(RecordKind, Int32)
    /// A record of another workspace of the run (read through `workspaces`): the kind, that
    /// workspace's index in the run, and the record's index in its tables.
    case foreign(RecordKind, workspace: Int32, index: Int32)

    public var isMissing: Bool {
        if case .missing = self { return true }
        return false
    }

    /// Wraps an optional model field.
    @inlinable
    public static func of(_ s: String?) -> Value { s.map(Value.string) ?? .missing }
    @inlinable
    public static func of(_ b: Bool?) -> Value { b.map(Value.bool) ?? .missing }
    @inlinable
    public static func of(_ d: Day?) -> Value { d.map(Value.date) ?? .missing }
    /// A list of strings; a nil list (not known) is missing, an empty one is not.
    public static func of(_ l: [String]?) -> Value { l.map { .list($0.map(Value.string)) } ?? .missing }
}

/// The entries of a `Value.map`, sorted by key in code point order (so evidence lists them
/// the same way every run), with an index for look-ups. Keys compare by code points, like
/// every string of the language.
public final class MapBox: Sendable, Hashable {
    public let keys: [String]
    public let values: [Value]
    private let index: [Value: Int]

    public init(_ entries: [(key: String, value: Value)]) {
        var seen = Set<Value>()
        let unique = entries.reversed().filter { seen.insert(.string($0.key)).inserted }  // the last of a repeated key wins
        let sorted = unique.sorted { Text.less($0.key, $1.key) }
        keys = sorted.map(\.key)
        values = sorted.map(\.value)
        index = Dictionary(uniqueKeysWithValues: keys.enumerated().map { (Value.string($1), $0) })
    }

    /// The value under `key`, or nil when there is none.
    public subscript(key: String) -> Value? {
        index[.string(key)].map { values[$0] }
    }

    public var count: Int { keys.count }

    public static func == (a: MapBox, b: MapBox) -> Bool { a === b || (a.keys == b.keys && a.values == b.values) }
    public func hash(into h: inout Hasher) {
        h.combine(keys.count)
        for (k, v) in zip(keys, values) {
            Value.string(k).hash(into: &h)
            v.hash(into: &h)
        }
    }
}

/// A compiled regular expression inside a `Value`; equal when the patterns are.
public final class RegexBox: Sendable, Hashable {
    public let regex: RegexPattern
    public init(_ regex: RegexPattern) { self.regex = regex }
    public static func == (a: RegexBox, b: RegexBox) -> Bool { a.regex.pattern == b.regex.pattern }
    public func hash(into h: inout Hasher) { h.combine(regex.pattern) }
}

/// Three-valued truth: what a condition is when some value it needs is missing.
public enum Tri: UInt8, Sendable {
    case no = 0, yes = 1, unknown = 2

    @inlinable
    public init(_ b: Bool) { self = b ? .yes : .no }

    @inlinable
    public var value: Value {
        switch self {
        case .yes: .bool(true)
        case .no: .bool(false)
        case .unknown: .missing
        }
    }

    @inlinable
    public static func from(_ v: Value) -> Tri {
        if case .bool(let b) = v { return b ? .yes : .no }
        return .unknown
    }
}
