/// A set of Unicode scalar values as sorted, disjoint, non-adjacent ranges, so membership is a
/// binary search however large the class (`[^a]` is two ranges, not a million scalars).
struct RegexScalarSet: Sendable, Hashable {
    private(set) var ranges: [ClosedRange<UInt32>]

    init(_ ranges: [ClosedRange<UInt32>] = []) {
        self.ranges = ranges
        normalize()
    }

    init(scalars: String) {
        self.init(scalars.unicodeScalars.map { $0.value...$0.value })
    }

    static let maxScalar: UInt32 = 0x10FFFF

    mutating func insert(_ range: ClosedRange<UInt32>) {
        ranges.append(range)
    }

    mutating func formUnion(_ other: RegexScalarSet) {
        ranges.append(contentsOf: other.ranges)
    }

    /// Sorts and merges; callers insert freely and normalize once when the class is complete.
    mutating func normalize() {
        guard ranges.count > 1 else { return }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        var merged: [ClosedRange<UInt32>] = []
        merged.reserveCapacity(ranges.count)
        for range in ranges {
            if let last = merged.last, range.lowerBound <= last.upperBound &+ 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        ranges = merged
    }

    /// The complement over all scalar values; expects a normalized set.
    func inverted() -> RegexScalarSet {
        var result: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for range in ranges {
            if range.lowerBound > next { result.append(next...(range.lowerBound - 1)) }
            next = range.upperBound &+ 1
        }
        if next <= Self.maxScalar { result.append(next...Self.maxScalar) }
        return RegexScalarSet(result)
    }

    func contains(_ value: UInt32) -> Bool {
        var low = 0
        var high = ranges.count
        while low < high {
            let mid = (low + high) / 2
            let range = ranges[mid]
            if value < range.lowerBound {
                high = mid
            } else if value > range.upperBound {
                low = mid + 1
            } else {
                return true
            }
        }
        return false
    }
}

extension RegexScalarSet {
    // RE2 keeps the Perl classes ASCII-only; matching Unicode digits would surprise users
    // who validate account numbers or ports.
    static let digits = RegexScalarSet([0x30...0x39])
    static let word = RegexScalarSet([0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A])
    // Go and RE2 leave \v out of \s; POSIX [:space:] includes it.
    static let space = RegexScalarSet(scalars: "\t\n\u{0C}\r ")

    static let posixClasses: [String: RegexScalarSet] = [
        "alnum": RegexScalarSet([0x30...0x39, 0x41...0x5A, 0x61...0x7A]),
        "alpha": RegexScalarSet([0x41...0x5A, 0x61...0x7A]),
        "ascii": RegexScalarSet([0x00...0x7F]),
        "blank": RegexScalarSet(scalars: "\t "),
        "cntrl": RegexScalarSet([0x00...0x1F, 0x7F...0x7F]),
        "digit": RegexScalarSet([0x30...0x39]),
        "graph": RegexScalarSet([0x21...0x7E]),
        "lower": RegexScalarSet([0x61...0x7A]),
        "print": RegexScalarSet([0x20...0x7E]),
        "punct": RegexScalarSet([0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E]),
        "space": RegexScalarSet(scalars: "\t\n\u{0B}\u{0C}\r "),
        "upper": RegexScalarSet([0x41...0x5A]),
        "word": RegexScalarSet([0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A]),
        "xdigit": RegexScalarSet([0x30...0x39, 0x41...0x46, 0x61...0x66]),
    ]

    static var posixClassNames: String {
        posixClasses.keys.sorted().joined(separator: ", ")
    }
}

/// A bracketed or Perl class as the matcher sees it. Under `(?i)` its set is already folded
/// (RegexPattern+Unicode.swift), so matching is one look-up.
struct RegexClass: Sendable, Hashable {
    var set: RegexScalarSet
    var negated: Bool

    @inline(__always)
    func matches(_ value: UInt32) -> Bool {
        set.contains(value) != negated
    }
}

extension Unicode.Scalar {
    /// ASCII letters, digits and underscore: what RE2's `\b` treats as word characters.
    @inline(__always)
    var isRegexWordScalar: Bool {
        let v = value
        return (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) || v == 0x5F
    }

    /// 0–9 for ASCII digits, else nil.
    var primitiveDecimalDigit: Int? {
        (0x30...0x39).contains(value) ? Int(value - 0x30) : nil
    }

    /// 0–15 for ASCII hexadecimal digits, else nil.
    var primitiveHexDigit: UInt32? {
        switch value {
        case 0x30...0x39: return value - 0x30
        case 0x41...0x46: return value - 0x41 + 10
        case 0x61...0x66: return value - 0x61 + 10
        default: return nil
        }
    }
}
