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
        let cleaned = label.lowercased().unicodeScalars
            .filter { $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "-" || $0 == "_" || $0 == " ") }
        let words = String(String.UnicodeScalarView(cleaned)).split(separator: " ").joined(separator: "_")
        if let r = RegionWords.words[words] { return r }
        if let r = RegionWords.words[words.replacingOccurrences(of: "-", with: "_")] { return r }
        return cloudRegion(words)
    }

    /// A region from a cloud provider location: AWS `eu-west-1`, GCP `europe-west3`,
    /// Azure `westeurope`, BigQuery multi-regions `EU`/`US`.
    public static func cloudRegion(_ location: String) -> String? {
        let l = location.lowercased()
        // Longest, most specific prefixes first; a location not listed stays unknown.
        let prefixes: [(String, String)] = [
            ("eu-", "eu"), ("europe-", "eu"), ("us-", "us"), ("northamerica-northeast", "ca"), ("ca-", "ca"),
            ("ap-south-", "in"), ("asia-south1", "in"), ("asia-south2", "in"), ("ap-southeast-2", "au"),
            ("australia-", "au"), ("ap-northeast-1", "jp"), ("asia-northeast1", "jp"),
        ]
        for (p, r) in prefixes where l.hasPrefix(p) { return r }
        let azure: [(String, String)] = [
            ("northeurope", "eu"), ("westeurope", "eu"), ("francecentral", "eu"), ("germanywestcentral", "eu"),
            ("swedencentral", "eu"), ("eastus", "us"), ("westus", "us"), ("centralus", "us"), ("southcentralus", "us"),
        ]
        for (p, r) in azure where l.hasPrefix(p) { return r }
        return words[l]
    }

    /// The region of a host name, from Segment's and vendors' naming of regional hosts.
    public static func region(ofHost host: String) -> String? {
        let h = host.lowercased()
        if h == "api.segment.io" || h == "cdn.segment.com" || h == "api.segmentapis.com" { return "us" }
        if h == "events.eu1.segmentapis.com" || h == "eu1.api.segmentapis.com" || h.hasSuffix(".eu1.segmentapis.com") { return "eu" }
        let labels = h.split(separator: ".").map(String.init)
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
