/// The static types of the policy language. The checker assigns one to every expression;
/// the compiler uses them to pick specialised code.
indirect enum ValueType: Sendable, Hashable, CustomStringConvertible {
    case bool, int, string, date, cidr, regex
    /// A number of days (`days(30)`), added to or subtracted from a date.
    case duration
    /// A string whose values are known in advance (a workspace region); string literals
    /// compared with it are checked against the allowed values.
    case enumeration(EnumType)
    case list(ValueType)
    /// A map from strings to values, read with `m["key"]`.
    case map(ValueType)
    /// A JSON value whose shape is known only at run time (an entry of `settings`): usable
    /// where a string, int, bool, list or map is; where it turns out to be something else,
    /// built-ins give missing and comparisons are false.
    case json
    /// A record of the model (a resource, an endpoint, a catalog entry …).
    case record(RecordKind)
    /// A record type declared with `record` for the facts file (`Vendor`); a map at run time.
    case userRecord(UserRecordType)
    /// The element type of `[]`, which fits any list.
    case anything
    /// An expression whose error was already reported; it fits everywhere, so one mistake
    /// does not cascade into many diagnostics.
    case error

    /// How types are named to users in diagnostics and docs.
    var description: String {
        switch self {
        case .bool: "bool"
        case .int: "int"
        case .string: "string"
        case .date: "date"
        case .cidr: "cidr"
        case .regex: "regex"
        case .duration: "duration"
        case .enumeration(let e): e.name
        case .list(let t): "list<\(t)>"
        case .map(let t): "map<\(t)>"
        case .json: "json"
        case .record(let k): k.typeName
        case .userRecord(let r): r.name
        case .anything: "any"
        case .error: "<error>"
        }
    }

    /// Strings and enumerations are the same at run time.
    var isStringLike: Bool {
        switch self {
        case .string, .enumeration: true
        default: false
        }
    }

    /// True when a value of type `other` may be used where `self` is expected.
    func accepts(_ other: ValueType) -> Bool {
        switch (self, other) {
        case (.error, _), (_, .error), (.anything, _), (_, .anything): true
        case (.json, let t), (let t, .json): t.isJSONLike
        case (.string, .enumeration), (.enumeration, .string): true
        case (.enumeration(let a), .enumeration(let b)): a == b
        case (.list(let a), .list(let b)): a.accepts(b)
        case (.map(let a), .map(let b)): a.accepts(b)
        case (.userRecord(let a), .userRecord(let b)): a.name == b.name
        default: self == other
        }
    }

    /// A record, whose fields are read with `.`.
    var isRecordLike: Bool {
        if case .record = self { return true }
        return false
    }

    /// The types a JSON value can turn out to be.
    var isJSONLike: Bool {
        switch self {
        case .string, .enumeration, .int, .bool, .json, .error, .anything: true
        case .list(let t), .map(let t): t.isJSONLike
        default: false
        }
    }

    /// Whether a value of this type can be written in a facts file (no model records).
    var isFactType: Bool {
        switch self {
        case .bool, .int, .string, .date, .cidr, .userRecord, .error: true
        case .list(let t), .map(let t): t.isFactType
        default: false
        }
    }

    /// True when values of the two types can be compared with `==`.
    func comparable(with other: ValueType) -> Bool {
        accepts(other) || other.accepts(self)
    }

    /// The more specific of two compatible types (for list literals and `??`).
    func join(_ other: ValueType) -> ValueType? {
        switch (self, other) {
        case (.error, _), (_, .error): .error
        case (.anything, let t), (let t, .anything): t
        case (.json, let t), (let t, .json): t.isJSONLike ? .json : nil
        case (.enumeration, .string), (.string, .enumeration): .string
        case (.list(let a), .list(let b)): a.join(b).map(ValueType.list)
        case (.map(let a), .map(let b)): a.join(b).map(ValueType.map)
        default: self == other ? self : nil
        }
    }
}

/// A record type declared in the policies (`record Vendor { dpaExpires: date }`).
struct UserRecordType: Sendable, Hashable {
    struct Field: Sendable, Hashable {
        var name: String
        var type: ValueType
    }
    var name: String
    var fields: [Field]

    package func field(_ name: String) -> Field? { fields.first { $0.name == name } }
}

/// A closed set of string values, such as workspace regions.
struct EnumType: Sendable, Hashable {
    var name: String
    var values: [String]
    init(name: String, values: [String]) {
        self.name = name
        self.values = values
    }

    /// The values as they are written in a policy: `"eu", "us", …`.
    var quotedValues: String { values.map { "\"\($0)\"" }.joined(separator: ", ") }

    /// Region of a Segment workspace: the data processing region chosen at creation.
    static let workspaceRegion = EnumType(name: "workspace region", values: ["eu-west", "us-west"])
    /// Region of an endpoint or a storage location.
    package static let region = EnumType(name: "region", values: ["eu", "us", "in", "au", "ca", "jp"])
}
