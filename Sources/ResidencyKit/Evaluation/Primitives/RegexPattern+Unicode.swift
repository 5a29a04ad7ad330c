/// Case folding as RE2 does it, and the Unicode classes `\pL`, `\p{Greek}` it accepts.
///
/// RE2 folds a class before negating it: `(?i)\w` also matches the Kelvin sign K (U+212A) and
/// long s ſ (U+017F), whose simple case folds are `k` and `s`, while `(?i)\W` and
/// `(?i)[[:^alpha:]]` match neither. Folding is by orbits — the sets of code points that
/// simple case mapping connects (`k K K`, `s S ſ`, `σ Σ ς`) — built from Unicode's simple
/// mappings, without the Turkic-only ones (`İ`, `ı`), which RE2 leaves unfolded too.
enum RegexUnicode {
    /// Every code point with a case partner, and its orbit (itself included), sorted.
    static let orbits: [UInt32: [UInt32]] = {
        var parent: [UInt32: UInt32] = [:]
        func root(_ v: UInt32) -> UInt32 {
            var v = v
            while let p = parent[v], p != v { v = p }
            return v
        }
        func join(_ a: UInt32, _ b: UInt32) {
            if parent[a] == nil { parent[a] = a }
            if parent[b] == nil { parent[b] = b }
            let (x, y) = (root(a), root(b))
            if x != y { parent[max(x, y)] = min(x, y) }
        }
        // Cased letters all lie below U+1F000 (the last are Adlam's, U+1E900–1E94B).
        for v in UInt32(0)..<0x1F000 {
            guard v != 0x130, v != 0x131, let u = Unicode.Scalar(v), u.properties.changesWhenCaseMapped else { continue }
            for mapping in [u.properties.lowercaseMapping, u.properties.uppercaseMapping, u.properties.titlecaseMapping] {
                let scalars = mapping.unicodeScalars
                guard scalars.count == 1, let m = scalars.first?.value, m != v, m != 0x130, m != 0x131 else { continue }
                join(v, m)
            }
        }
        var members: [UInt32: [UInt32]] = [:]
        for v in parent.keys { members[root(v), default: []].append(v) }
        var out: [UInt32: [UInt32]] = [:]
        for orbit in members.values {
            let sorted = orbit.sorted()
            for v in sorted { out[v] = sorted }
        }
        return out
    }()

    /// `set` with every member's orbit added: what RE2's `AddFoldedRange` builds.
    static func folded(_ set: RegexScalarSet) -> RegexScalarSet {
        var out = set
        for (v, orbit) in orbits where set.contains(v) {
            for w in orbit { out.insert(w...w) }
        }
        out.normalize()
        return out
    }

    /// A class escape or POSIX class as RE2 adds it to a class: folded first, then negated.
    static func group(_ set: RegexScalarSet, negated: Bool, flags: RegexFlags) -> RegexScalarSet {
        let base = flags.caseInsensitive ? folded(set) : set
        return negated ? base.inverted() : base
    }

    /// The orbit of a literal under `(?i)`, or nil when it has no case partner.
    static func orbit(_ scalar: Unicode.Scalar) -> RegexScalarSet? {
        guard let orbit = orbits[scalar.value] else { return nil }
        return RegexScalarSet(orbit.map { $0...$0 })
    }

    // MARK: - Unicode classes

    /// The names `\p{…}` accepts, as RE2 does: `Any`, the general categories (one letter for a
    /// group, two for one category), and the scripts.
    static func named(_ name: String) -> RegexScalarSet? {
        if name == "Any" { return RegexScalarSet([0...RegexScalarSet.maxScalar]) }
        if let set = categories[name] { return set }
        return RegexScalarSet.scripts[name].map { RegexScalarSet($0) }
    }

    static var knownNames: [String] { ["Any"] + categories.keys.sorted() + RegexScalarSet.scripts.keys.sorted() }

    /// General categories by their short names, from the Unicode tables of the Swift runtime,
    /// computed once on first use. `C` is RE2's: control, format, private use and surrogates
    /// (unassigned code points are in no class, as in RE2).
    static let categories: [String: RegexScalarSet] = {
        var ranges: [String: [ClosedRange<UInt32>]] = [:]
        var current: (name: String, start: UInt32)?
        func close(_ end: UInt32) {
            if let c = current { ranges[c.name, default: []].append(c.start...end) }
            current = nil
        }
        for v in UInt32(0)...RegexScalarSet.maxScalar {
            guard let u = Unicode.Scalar(v) else {
                close(v - 1)
                continue
            }
            let name = shortName(u.properties.generalCategory)
            if current?.name != name {
                if v > 0 { close(v - 1) }
                current = (name, v)
            }
        }
        close(RegexScalarSet.maxScalar)
        ranges["Cs"] = [0xD800...0xDFFF]
        ranges["Cn"] = nil
        var out: [String: RegexScalarSet] = [:]
        for (name, r) in ranges {
            out[name] = RegexScalarSet(r)
            out[String(name.prefix(1)), default: RegexScalarSet()].formUnion(RegexScalarSet(r))
        }
        for key in ["C", "L", "M", "N", "P", "S", "Z"] { out[key]?.normalize() }
        return out
    }()

    private static func shortName(_ c: Unicode.GeneralCategory) -> String {
        switch c {
        case .uppercaseLetter: "Lu"
        case .lowercaseLetter: "Ll"
        case .titlecaseLetter: "Lt"
        case .modifierLetter: "Lm"
        case .otherLetter: "Lo"
        case .nonspacingMark: "Mn"
        case .spacingMark: "Mc"
        case .enclosingMark: "Me"
        case .decimalNumber: "Nd"
        case .letterNumber: "Nl"
        case .otherNumber: "No"
        case .connectorPunctuation: "Pc"
        case .dashPunctuation: "Pd"
        case .openPunctuation: "Ps"
        case .closePunctuation: "Pe"
        case .initialPunctuation: "Pi"
        case .finalPunctuation: "Pf"
        case .otherPunctuation: "Po"
        case .mathSymbol: "Sm"
        case .currencySymbol: "Sc"
        case .modifierSymbol: "Sk"
        case .otherSymbol: "So"
        case .spaceSeparator: "Zs"
        case .lineSeparator: "Zl"
        case .paragraphSeparator: "Zp"
        case .control: "Cc"
        case .format: "Cf"
        case .surrogate: "Cs"
        case .privateUse: "Co"
        case .unassigned: "Cn"
        @unknown default: "Cn"
        }
    }
}
