/// The one place where region spellings become region ids. A region id names a
/// jurisdiction, not a cloud: `eu` is the EU and the EEA (GDPR's territory, so Norway and
/// Iceland are `eu`), while London is `uk` and Zurich `ch` even though AWS calls them
/// `eu-west-2` and `eu-central-2`. Anything not in a table is unknown, never guessed.
enum RegionWords {
    /// Region ids the model uses, with what each means (for docs and did-you-mean).
    static let names: [(id: String, name: String)] = [
        ("eu", "the EU and the EEA"), ("us", "the United States"), ("uk", "the United Kingdom"), ("ch", "Switzerland"),
        ("ca", "Canada"), ("in", "India"), ("au", "Australia"), ("jp", "Japan"), ("sg", "Singapore"), ("id", "Indonesia"),
        ("kr", "South Korea"), ("br", "Brazil"), ("hk", "Hong Kong"), ("za", "South Africa"), ("ae", "the United Arab Emirates"),
        ("il", "Israel"), ("sa", "Saudi Arabia"), ("mx", "Mexico"), ("tw", "Taiwan"), ("qa", "Qatar"), ("bh", "Bahrain"),
        ("nz", "New Zealand"), ("my", "Malaysia"), ("th", "Thailand"), ("cl", "Chile"),
    ]
    static let regions = names.map(\.id)

    /// Words (after lower-casing and dropping everything but letters, digits, `-` and `_`)
    /// and the region they name, for labels vendors use in their own settings.
    static let words: [String: String] = [
        "eu": "eu", "europe": "eu", "european_union": "eu", "eu1": "eu", "eea": "eu",
        "us": "us", "united_states": "us", "north_america": "us", "na": "us", "usa": "us",
        "in": "in", "india": "in", "au": "au", "australia": "au", "ca": "ca", "canada": "ca", "jp": "jp", "japan": "jp",
        "uk": "uk", "gb": "uk", "united_kingdom": "uk", "ch": "ch", "switzerland": "ch",
    ]

    /// A region from a label such as `"EU 🇪🇺"`, `"europe"`, `"North America"`.
    package static func region(ofLabel label: String) -> String? {
        let w = labelWords(label)
        return words[w] ?? words[w.replacingOccurrences(of: "-", with: "_")] ?? cloudRegion(w)
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

    /// A region from a cloud provider's location name: AWS `eu-west-1`, GCP `europe-west3`,
    /// Azure `westeurope`, BigQuery's multi-regions `EU` and `US`. Only names in the tables.
    static func cloudRegion(_ location: String) -> String? {
        let l = location.lowercased()
        return CloudRegions.aws[l] ?? CloudRegions.gcp[l] ?? CloudRegions.azure[l] ?? CloudRegions.multiRegions[l]
    }

    /// The region of a Segment host. Vendors' hosts are matched by each integration's own
    /// documented hosts (EndpointRules+Table.swift), never by a label that reads `eu`.
    package static func region(ofHost host: String) -> String? { SDKRules.region(ofIngestHost: host) }
}

/// Cloud providers' region names and where each is. From the providers' region lists
/// (AWS "Regions and Availability Zones", Google Cloud "Locations", Azure "Azure geographies").
enum CloudRegions {
    static let aws: [String: String] = [
        "us-east-1": "us", "us-east-2": "us", "us-west-1": "us", "us-west-2": "us", "us-gov-west-1": "us",
        "us-gov-east-1": "us", "ca-central-1": "ca", "ca-west-1": "ca",
        "eu-west-1": "eu", "eu-west-2": "uk", "eu-west-3": "eu", "eu-central-1": "eu", "eu-central-2": "ch",
        "eu-north-1": "eu", "eu-south-1": "eu", "eu-south-2": "eu",
        "ap-south-1": "in", "ap-south-2": "in", "ap-southeast-1": "sg", "ap-southeast-2": "au", "ap-southeast-3": "id",
        "ap-southeast-4": "au", "ap-southeast-5": "my", "ap-southeast-7": "th", "ap-northeast-1": "jp", "ap-northeast-2": "kr",
        "ap-northeast-3": "jp", "ap-east-1": "hk", "sa-east-1": "br", "af-south-1": "za", "me-south-1": "bh",
        "me-central-1": "ae", "il-central-1": "il", "mx-central-1": "mx",
    ]
    static let gcp: [String: String] = [
        "europe-west1": "eu", "europe-west2": "uk", "europe-west3": "eu", "europe-west4": "eu", "europe-west6": "ch",
        "europe-west8": "eu", "europe-west9": "eu", "europe-west10": "eu", "europe-west12": "eu", "europe-north1": "eu",
        "europe-north2": "eu", "europe-central2": "eu", "europe-southwest1": "eu",
        "us-central1": "us", "us-east1": "us", "us-east4": "us", "us-east5": "us", "us-south1": "us", "us-west1": "us",
        "us-west2": "us", "us-west3": "us", "us-west4": "us", "northamerica-northeast1": "ca", "northamerica-northeast2": "ca",
        "northamerica-south1": "mx", "southamerica-east1": "br", "southamerica-west1": "cl",
        "asia-south1": "in", "asia-south2": "in", "asia-southeast1": "sg", "asia-southeast2": "id", "asia-east1": "tw",
        "asia-east2": "hk", "asia-northeast1": "jp", "asia-northeast2": "jp", "asia-northeast3": "kr",
        "australia-southeast1": "au", "australia-southeast2": "au", "me-west1": "il", "me-central1": "qa",
        "me-central2": "sa", "africa-south1": "za",
    ]
    static let azure: [String: String] = [
        "westeurope": "eu", "northeurope": "eu", "francecentral": "eu", "francesouth": "eu", "germanywestcentral": "eu",
        "germanynorth": "eu", "swedencentral": "eu", "swedensouth": "eu", "norwayeast": "eu", "norwaywest": "eu",
        "polandcentral": "eu", "italynorth": "eu", "spaincentral": "eu", "switzerlandnorth": "ch", "switzerlandwest": "ch",
        "uksouth": "uk", "ukwest": "uk", "eastus": "us", "eastus2": "us", "westus": "us", "westus2": "us", "westus3": "us",
        "centralus": "us", "northcentralus": "us", "southcentralus": "us", "westcentralus": "us", "canadacentral": "ca",
        "canadaeast": "ca", "brazilsouth": "br", "australiaeast": "au", "australiasoutheast": "au", "japaneast": "jp",
        "japanwest": "jp", "koreacentral": "kr", "centralindia": "in", "southindia": "in", "westindia": "in",
        "southeastasia": "sg", "eastasia": "hk", "southafricanorth": "za", "uaenorth": "ae", "israelcentral": "il",
        "qatarcentral": "qa", "mexicocentral": "mx",
    ]
    /// BigQuery's and others' multi-region names.
    static let multiRegions: [String: String] = ["eu": "eu", "us": "us"]

    /// Snowflake's region ids for Azure and GCP (`west-europe.azure`, `europe-west4.gcp`):
    /// Snowflake writes Azure regions with hyphens.
    static func snowflake(_ region: String, cloud: String?) -> String? {
        switch cloud {
        case "azure"?: azure[region.replacingOccurrences(of: "-", with: "")]
        case "gcp"?: gcp[region]
        case "aws"?, nil: aws[region]
        default: nil
        }
    }
}
