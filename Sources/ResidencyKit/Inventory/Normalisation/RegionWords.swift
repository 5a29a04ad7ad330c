/// The one place where messy region spellings become region ids. Every resolver goes
/// through here, so "EU 🇪🇺", "europe", "eu-west-1" and "fra-01" agree.
public enum RegionWords {
    /// Region ids the model uses.
    public static let regions = ["eu", "us", "in", "au", "ca", "jp"]

    /// Words (after lower-casing and dropping everything but letters, digits, `-` and `_`)
    /// and the region they name. Anything else is unknown, never guessed.
    static let words: [String: String] = [
        "eu": "eu", "europe": "eu", "european_union": "eu", "eu1": "eu", "eea": "eu", "emea": "eu",
        "us": "us", "united_states": "us", "north_america": "us", "na": "us", "usa": "us",
        "in": "in", "india": "in",
        "au": "au", "australia": "au",
        "ca": "ca", "canada": "ca",
        "jp": "jp", "japan": "jp",
    ]

    /// A region from a label such as `"EU 🇪🇺"`, `"europe"`, `"North America"`.
    public static func region(ofLabel label: String) -> String? {
        let words = labelWords(label)
        if let r = RegionWords.words[words] { return r }
        if let r = RegionWords.words[words.replacingOccurrences(of: "-", with: "_")] { return r }
        return cloudRegion(words)
    }

    /// The label lower-cased, reduced to ASCII letters, digits, `-` and `_`, with its words
    /// (separated by spaces) joined by `_`: `"North  America 🌎"` reads `north_america`.
    ///
    /// In one pass over the scalars, with no intermediate strings; this is exactly
    /// `label.lowercased()` filtered and split, because `lowercased()` maps each scalar to
    /// its `lowercaseMapping` (which may hold ASCII even for a non-ASCII scalar: K, U+212A).
    static func labelWords(_ label: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(label.utf8.count)
        var spaceBefore = false
        func keep(_ b: UInt8) {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"),
                UInt8(ascii: "_"):
                if spaceBefore && !out.isEmpty { out.append(UInt8(ascii: "_")) }
                spaceBefore = false
                out.append(b)
            case UInt8(ascii: " "): spaceBefore = true
            default: break
            }
        }
        for scalar in label.unicodeScalars {
            if scalar.isASCII {
                let b = UInt8(scalar.value)
                keep((UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b) ? b | 0x20 : b)
            } else {
                for lower in scalar.properties.lowercaseMapping.unicodeScalars where lower.isASCII { keep(UInt8(lower.value)) }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A region from a cloud provider location: AWS `eu-west-1`, GCP `europe-west3`,
    /// Azure `westeurope`, BigQuery multi-regions `EU`/`US`.
    public static func cloudRegion(_ location: String) -> String? {
        let l = location.lowercased()
        for (p, r) in cloudPrefixes where l.hasPrefix(p) { return r }
        for (p, r) in azureRegions where l.hasPrefix(p) { return r }
        return words[l]
    }

    /// Cloud location prefixes, longest and most specific first; a location not listed stays
    /// unknown. Built once: `cloudRegion` runs for every warehouse and region label.
    static let cloudPrefixes: [(String, String)] = [
        ("eu-", "eu"), ("europe-", "eu"), ("us-", "us"), ("northamerica-northeast", "ca"), ("ca-", "ca"),
        ("ap-south-", "in"), ("asia-south1", "in"), ("asia-south2", "in"), ("ap-southeast-2", "au"),
        ("australia-", "au"), ("ap-northeast-1", "jp"), ("asia-northeast1", "jp"),
    ]
    /// Azure region names, by prefix.
    static let azureRegions: [(String, String)] = [
        ("northeurope", "eu"), ("westeurope", "eu"), ("francecentral", "eu"), ("germanywestcentral", "eu"),
        ("swedencentral", "eu"), ("eastus", "us"), ("westus", "us"), ("centralus", "us"), ("southcentralus", "us"),
    ]

    /// The region of a host name, from Segment's and vendors' naming of regional hosts.
    public static func region(ofHost host: String) -> String? {
        // Hosts from `URLParts` are already lower-case ASCII: skip the copy `lowercased()` makes.
        let h =
            host.utf8.contains { $0 >= 0x80 || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) } ? host.lowercased() : host
        if h == "api.segment.io" || h == "cdn.segment.com" || h == "api.segmentapis.com" { return "us" }
        if h == "events.eu1.segmentapis.com" || h == "eu1.api.segmentapis.com" || h.hasSuffix(".eu1.segmentapis.com") {
            return "eu"
        }
        let labels = h.split(separator: ".")
        // A `.eu` top-level domain (braze.eu) or an `eu` label (api-iam.eu.intercom.io, api.eu.amplitude.com).
        if labels.last == "eu" || labels.dropLast().contains("eu") { return "eu" }
        if labels.dropLast().contains("au") { return "au" }
        if labels.dropLast().contains("in") { return "in" }
        // Braze clusters: fra-01 / fra-02 are Frankfurt, iad-NN are Virginia.
        if labels.contains(where: { $0.hasPrefix("fra-") }) { return "eu" }
        if labels.contains(where: { $0.hasPrefix("iad-") }) { return "us" }
        return nil
    }
}
