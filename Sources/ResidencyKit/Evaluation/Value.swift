/// A run-time value. `missing` is the value of anything the inventory lacks; it makes the
/// checks that need it indeterminate instead of passing or failing them.
package enum Value: Sendable, Hashable {
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

    var isMissing: Bool {
        if case .missing = self { return true }
        return false
    }

    /// Wraps an optional model field.
    @inlinable
    static func of(_ s: String?) -> Value { s.map(Value.string) ?? .missing }
    @inlinable
    static func of(_ b: Bool?) -> Value { b.map(Value.bool) ?? .missing }
    @inlinable
    static func of(_ d: Day?) -> Value { d.map(Value.date) ?? .missing }
    /// A list of strings; a nil list (not known) is missing, an empty one is not.
    static func of(_ l: [String]?) -> Value { l.map { .list($0.map(Value.string)) } ?? .missing }
}

/// The entries of a `Value.map`, sorted by key in code point order (so evidence lists them
/// the same way every run), looked up by binary search. Keys compare by code points, like
/// every string of the language. No hash table: every destination's and source's settings
/// become a map when an export is read, and building an index for each cost more than all
/// the look-ups policies make (a settings map has a handful of keys).
package final class MapBox: Sendable, Hashable {
    let keys: [String]
    let values: [Value]

    init(_ entries: [(key: String, value: Value)]) {
        // Keys already in strictly increasing order (many exports write them so) need neither
        // sorting nor a check for repeats.
        if zip(entries, entries.dropFirst()).allSatisfy({ Text.less($0.key, $1.key) }) {
            keys = entries.map(\.key)
            values = entries.map(\.value)
            return
        }
        // Sorted by key, a repeated key's entries in reverse order of appearance, so that the
        // first of each run of equal keys is the last written: the last of a repeated key wins.
        let order = entries.indices.sorted { i, j in
            let (a, b) = (entries[i].key, entries[j].key)
            if Text.less(a, b) { return true }
            if Text.less(b, a) { return false }
            return i > j
        }
        var keys: [String] = []
        var values: [Value] = []
        keys.reserveCapacity(order.count)
        values.reserveCapacity(order.count)
        for i in order where keys.last.map({ !Text.same($0, entries[i].key) }) ?? true {
            keys.append(entries[i].key)
            values.append(entries[i].value)
        }
        self.keys = keys
        self.values = values
    }

    /// Keys already in strictly increasing code point order, each with its value (a reader
    /// that sorted and dropped repeats itself).
    init(sortedKeys keys: [String], values: [Value]) {
        self.keys = keys
        self.values = values
    }

    /// The value under `key`, or nil when there is none.
    subscript(key: String) -> Value? {
        var (low, high) = (0, keys.count)
        while low < high {
            let mid = (low + high) / 2
            if Text.less(keys[mid], key) { low = mid + 1 } else { high = mid }
        }
        return low < keys.count && Text.same(keys[low], key) ? values[low] : nil
    }

    var count: Int { keys.count }

    package static func == (a: MapBox, b: MapBox) -> Bool { a === b || (a.keys == b.keys && a.values == b.values) }
    package func hash(into h: inout Hasher) {
        h.combine(keys.count)
        for (k, v) in zip(keys, values) {
            Value.string(k).hash(into: &h)
            v.hash(into: &h)
        }
    }
}

/// A compiled regular expression inside a `Value`; equal when the patterns are.
package final class RegexBox: Sendable, Hashable {
    let regex: RegexPattern
    init(_ regex: RegexPattern) { self.regex = regex }
    package static func == (a: RegexBox, b: RegexBox) -> Bool { a.regex.pattern == b.regex.pattern }
    package func hash(into h: inout Hasher) { h.combine(regex.pattern) }
}

/// Three-valued truth: what a condition is when some value it needs is missing.
enum Tri: UInt8, Sendable {
    case no = 0, yes = 1, unknown = 2

    @inlinable
    init(_ b: Bool) { self = b ? .yes : .no }

    @inlinable
    var value: Value {
        switch self {
        case .yes: .bool(true)
        case .no: .bool(false)
        case .unknown: .missing
        }
    }

    @inlinable
    static func from(_ v: Value) -> Tri {
        if case .bool(let b) = v { return b ? .yes : .no }
        return .unknown
    }
}
