import Foundation

/// WHATWG's "domain to ASCII": UTS #46 processing (nontransitional, STD3 rules off, hyphens
/// and DNS lengths not checked), then Punycode for non-ASCII labels.
///
/// UTS #46 maps each code point through the IDNA mapping table, which this package does not
/// carry. Unicode properties decide the common cases the same way the table does: ASCII and
/// code points NFKC_Casefold leaves alone are valid (ß and ς too: nontransitional processing
/// keeps them), upper case maps to its lower case when that is valid, and full-width forms,
/// the ideographic full stops and the table's ignored code points are listed here. Every other
/// non-ASCII code point fails closed: the host is nil, not a guess. Right-to-left scripts fail
/// too, instead of being checked against the Bidi rule, and so do ZWJ and ZWNJ, instead of
/// being checked against their joining contexts. Failing closed costs an unknown region, never
/// a wrong host.
extension URLParts {
    /// The ASCII domain, or nil where UTS #46 (as above) or WHATWG fails.
    static func domainToASCII(_ domain: [Unicode.Scalar]) -> String? {
        var mapped: [Unicode.Scalar] = []
        mapped.reserveCapacity(domain.count)
        var nonASCII = false
        for c in domain {
            if c.isASCII {
                mapped.append(asciiLowercased(c))
                continue
            }
            guard let m = idnaMapping(c) else { return nil }
            mapped.append(contentsOf: m)
            nonASCII = nonASCII || m.contains { !$0.isASCII }
        }
        if nonASCII {
            // "Normalize the domain name string to Unicode Normalization Form C."
            var text = ""
            text.unicodeScalars.append(contentsOf: mapped)
            mapped = Array(text.precomposedStringWithCanonicalMapping.unicodeScalars)
        }
        var labels: [String] = []
        for label in mapped.split(separator: ".", omittingEmptySubsequences: false) {
            guard let ascii = asciiLabel(label) else { return nil }
            labels.append(ascii)
        }
        let result = labels.joined(separator: ".")
        return result.isEmpty ? nil : result
    }

    /// One processed label as it goes into the ASCII domain: as it is when ASCII (an `xn--`
    /// label once its Punycode decodes to a valid label), else `xn--` and its Punycode.
    private static func asciiLabel(_ label: ArraySlice<Unicode.Scalar>) -> String? {
        if label.starts(with: ["x", "n", "-", "-"]) {
            guard label.allSatisfy(\.isASCII) else { return nil }
            let encoded = label.dropFirst(4).map { UInt8($0.value) }
            // The decoded label must hold a non-ASCII code point and be valid; WHATWG then
            // re-encodes it, which gives back the same text (Punycode has one encoding per label).
            guard let decoded = Punycode.decode(encoded), decoded.contains(where: { $0 >= 0x80 }) else { return nil }
            let scalars = decoded.compactMap(Unicode.Scalar.init)
            guard scalars.count == decoded.count, isValidLabel(scalars), isNFC(scalars),
                Punycode.encode(decoded) == String(decoding: encoded, as: UTF8.self)
            else { return nil }
            return string(label)
        }
        if label.allSatisfy(\.isASCII) { return string(label) }
        guard isValidLabel(Array(label)), let encoded = Punycode.encode(label.map(\.value)) else { return nil }
        return "xn--" + encoded
    }

    /// UTS #46's validity criteria for a processed label, with `isValidCodePoint` standing in
    /// for the mapping table's statuses.
    private static func isValidLabel(_ label: [Unicode.Scalar]) -> Bool {
        if label.starts(with: ["x", "n", "-", "-"]) || label.contains(".") { return false }
        if let first = label.first {
            switch first.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: return false
            default: break
            }
        }
        return label.allSatisfy { $0.isASCII || isValidCodePoint($0) }
    }

    private static func isNFC(_ label: [Unicode.Scalar]) -> Bool {
        var text = ""
        text.unicodeScalars.append(contentsOf: label)
        return Array(text.precomposedStringWithCanonicalMapping.unicodeScalars) == label
    }

    /// What UTS #46 maps a non-ASCII code point to, or nil where that is not decided here.
    private static func idnaMapping(_ c: Unicode.Scalar) -> [Unicode.Scalar]? {
        switch c.value {
        case 0xFF01...0xFF5E:
            // Full-width ASCII (`Ｅｕ`, `．`): the ASCII character, lower-cased.
            return [asciiLowercased(Unicode.Scalar(c.value - 0xFEE0)!)]
        case 0x3002, 0xFF61:
            // Ideographic and halfwidth ideographic full stops (U+FF0E is full-width ASCII).
            return ["."]
        default:
            break
        }
        if isIgnored(c) { return [] }
        if isValidCodePoint(c) { return [c] }
        if c.properties.changesWhenLowercased {
            let lower = Array(c.properties.lowercaseMapping.unicodeScalars)
            if lower.allSatisfy({ $0.isASCII || isValidCodePoint($0) }) { return lower }
        }
        return nil
    }

    /// A non-ASCII code point UTS #46 keeps as it is (valid, or a deviation kept by
    /// nontransitional processing), as far as Unicode properties tell; false when unsure.
    private static func isValidCodePoint(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0xDF, 0x3C2:
            // ß and ς: deviations, which nontransitional processing keeps.
            return true
        case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF, 0x10800...0x10FFF, 0x1E800...0x1EFFF:
            // Hebrew, Arabic, Syriac, Thaana, N'Ko and the other right-to-left blocks: the Bidi
            // rule is not checked here.
            return false
        case 0x2FF0...0x2FFF, 0x3002, 0x31E6...0x31EF, 0xFFFC, 0xFFFD:
            // Disallowed or mapped by the table although NFKC_Casefold leaves them alone.
            // (Checked against the Unicode 17 table: every other code point this file maps
            // or keeps, it maps or keeps as the table does.)
            return false
        default:
            break
        }
        if isIgnored(c) { return false }
        switch c.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .spaceSeparator, .lineSeparator,
            .paragraphSeparator:
            // Includes ZWJ and ZWNJ (format), whose joining contexts are not checked here.
            return false
        default:
            return !c.properties.changesWhenNFKCCaseFolded
        }
    }

    /// The IDNA mapping table's `ignored` code points (Unicode 17): soft hyphen, joiners and
    /// fillers, variation selectors, the byte order mark, which a client drops from a host.
    private static func isIgnored(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0xAD, 0x34F, 0x115F...0x1160, 0x17B4...0x17B5, 0x180B...0x180F, 0x200B, 0x2060...0x2064,
            0x206A...0x206F, 0x3164, 0xFE00...0xFE0F, 0xFEFF, 0xFFA0, 0x1BCA0...0x1BCA3, 0x1D173...0x1D17A,
            0xE0100...0xE01EF:
            true
        default: false
        }
    }

    @inline(__always)
    static func asciiLowercased(_ c: Unicode.Scalar) -> Unicode.Scalar {
        (0x41...0x5A).contains(c.value) ? Unicode.Scalar(c.value | 0x20)! : c
    }
}
