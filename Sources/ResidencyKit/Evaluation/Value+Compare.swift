/// Equality, membership and order of values, as the language defines them (docs/language.md,
/// "Conformance"): strings compare by code points (Text.swift), and anything that involves a
/// missing value is unknown unless the other values already decide it.
extension Value {
    /// Exact equality, strings by code points: what `Set<Value>` and list look-ups use once
    /// missing values are ruled out. A missing value equals only a missing value here; the
    /// language's `==` never asks that question (see `equal`).
    package static func == (a: Value, b: Value) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): Text.same(x, y)
        case (.missing, .missing): true
        case (.bool(let x), .bool(let y)): x == y
        case (.int(let x), .int(let y)): x == y
        case (.date(let x), .date(let y)): x == y
        case (.duration(let x), .duration(let y)): x == y
        case (.cidr(let x), .cidr(let y)): x == y
        case (.regex(let x), .regex(let y)): x == y
        case (.list(let x), .list(let y)): x == y
        case (.map(let x), .map(let y)): x == y
        case (.ref(let k, let i), .ref(let l, let j)): k == l && i == j
        case (.foreign(let k, let w, let i), .foreign(let l, let v, let j)): k == l && w == v && i == j
        default: false
        }
    }

    package func hash(into h: inout Hasher) {
        switch self {
        case .missing: h.combine(0)
        case .bool(let b): h.combine(b)
        case .int(let i): h.combine(i)
        case .string(let s):
            // The bytes, not the `String`, whose hash follows canonical equivalence.
            var bytes = s
            bytes.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
        case .date(let d): h.combine(d)
        case .duration(let n): h.combine(n)
        case .cidr(let c): h.combine(c)
        case .regex(let r): h.combine(r)
        case .list(let l):
            h.combine(l.count)
            for v in l { v.hash(into: &h) }
        case .map(let m): h.combine(m)
        case .ref(let k, let i):
            h.combine(k)
            h.combine(i)
        case .foreign(let k, let w, let i):
            h.combine(k)
            h.combine(w)
            h.combine(i)
        }
    }

    /// The language's `==`, three-valued: unknown when a missing value could make the two
    /// equal or not. Lists are equal element by element: lists of different lengths, or
    /// with one pair of known elements that differ, are unequal whatever else is missing.
    /// Maps likewise, key by key (keys by their bytes): `{"a": missing} == {"a": missing}` is
    /// unknown, as two missing values are, never equal because both are missing.
    static func equal(_ a: Value, _ b: Value) -> Tri {
        switch (a, b) {
        case (.missing, _), (_, .missing): return .unknown
        case (.list(let x), .list(let y)):
            guard x.count == y.count else { return .no }
            return equal(pairs: zip(x, y))
        case (.map(let x), .map(let y)):
            guard x.count == y.count, zip(x.keys, y.keys).allSatisfy({ Text.same($0, $1) }) else { return .no }
            return equal(pairs: zip(x.values, y.values))
        // Values of two kinds (a settings value `"true"` against `true`, `5` against `"us"`):
        // the data is not what the policy compares it as, so neither `==` nor `!=` is decided.
        default: return sameKind(a, b) ? Tri(a == b) : .unknown
        }
    }

    /// Whether two known values are of one kind. Only `json` values (settings) can be of another
    /// kind than the checker typed them as; every other comparison is of one kind already.
    static func sameKind(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.bool, .bool), (.int, .int), (.string, .string), (.date, .date), (.duration, .duration), (.cidr, .cidr),
            (.regex, .regex), (.list, .list), (.map, .map), (.ref, .ref), (.foreign, .foreign), (.ref, .foreign),
            (.foreign, .ref):
            true
        default: false
        }
    }

    /// Equal when every pair is; unequal when one pair is, whatever else is missing.
    private static func equal(pairs: Zip2Sequence<[Value], [Value]>) -> Tri {
        var unknown = false
        for (p, q) in pairs {
            switch equal(p, q) {
            case .no: return .no
            case .unknown: unknown = true
            case .yes: break
            }
        }
        return unknown ? .unknown : .yes
    }

    /// The language's `x in items`: true when an element equals `x`, false when every element
    /// differs from it, unknown when `x` is missing or no element decides it and one could
    /// (`"x" in [missing, "a"]` is unknown, `"a" in [missing, "a"]` is true; an element of
    /// another kind could be the one, as with `==`).
    static func member(_ x: Value, _ items: [Value]) -> Tri {
        if x.isMissing { return .unknown }
        var unknown = false
        // The usual case, a string in a list of strings (`d.vendor in facts.dpfCertified`).
        if case .string(let s) = x {
            for item in items {
                switch item {
                case .string(let t): if Text.same(s, t) { return .yes }
                // Missing, or of another kind: it could be the one.
                default: unknown = true
                }
            }
            return unknown ? .unknown : .no
        }
        for item in items {
            switch equal(x, item) {
            case .yes: return .yes
            case .unknown: unknown = true
            case .no: break
            }
        }
        return unknown ? .unknown : .no
    }

    /// Whether the value holds a missing value anywhere (a list with a missing element).
    var containsMissing: Bool {
        switch self {
        case .missing: true
        case .list(let items): items.contains { $0.containsMissing }
        case .map(let m): m.values.contains { $0.containsMissing }
        default: false
        }
    }

    /// -1, 0 or 1 for ordered values of one type (ints, dates, strings by code points); nil
    /// when either is missing.
    static func order(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.int(let x), .int(let y)): x < y ? -1 : (x == y ? 0 : 1)
        case (.date(let x), .date(let y)): x < y ? -1 : (x == y ? 0 : 1)
        case (.duration(let x), .duration(let y)): x < y ? -1 : (x == y ? 0 : 1)
        case (.string(let x), .string(let y)): Text.same(x, y) ? 0 : (Text.less(x, y) ? -1 : 1)
        default: nil
        }
    }
}

extension Value {
    /// `base[key]`: a map's entry by string key, a list's element by index from 0; missing
    /// when there is no such entry or element, or either side is missing.
    static func index(_ base: Value, _ key: Value) -> Value {
        switch (base, key) {
        case (.map(let m), .string(let k)): m[k] ?? .missing
        case (.list(let items), .int(let i)): items.indices.contains(i) ? items[i] : .missing
        default: .missing
        }
    }
}

extension Value {
    /// A record or a whole map: read on the way to a field or an entry, which evidence shows
    /// instead.
    var isIntermediate: Bool {
        switch self {
        case .ref, .foreign, .map: true
        default: false
        }
    }
}
