/// Where a warehouse keeps data, from its settings: an explicit location (BigQuery `EU`,
/// `europe-west3`), or the cloud region inside its host name (Redshift and Postgres hosts,
/// Snowflake account locators). Anything else stays unknown.
public enum WarehouseRules {
    /// Settings keys that name a location, in the order they are trusted.
    static let locationKeys = ["location", "region", "dataset_location", "datasetLocation"]
    /// Settings keys that hold a host name or account locator.
    static let hostKeys = ["hostname", "host", "account", "accountId", "account_id", "server"]

    /// The location as configured and the region it names.
    public static func resolve(_ settings: [String: SettingValue]) -> (location: String?, resolution: Resolution) {
        for key in locationKeys {
            guard case .string(let value)? = settings[key], !value.trimmingWhitespace().isEmpty else { continue }
            let evidence = "settings.\(key) = \"\(value)\""
            let region = RegionWords.cloudRegion(value.trimmingWhitespace()) ?? RegionWords.region(ofLabel: value)
            return (
                value, Resolution(region: region, evidence: region == nil ? "\(evidence), which names no known region" : evidence)
            )
        }
        for key in hostKeys {
            guard case .string(let value)? = settings[key], let host = URLParts(value)?.host ?? Optional(value.lowercased())
            else {
                continue
            }
            for label in host.split(separator: ".") {
                if let region = awsRegion(String(label)) {
                    return (String(label), Resolution(region: region, evidence: "settings.\(key) = \"\(value)\""))
                }
            }
            return (nil, Resolution(region: nil, evidence: "settings.\(key) = \"\(value)\", which names no region"))
        }
        return (nil, Resolution(region: nil, evidence: "no location setting"))
    }

    /// `eu-west-1`, `us-east-2`, `eu-central-1` … (the AWS and Snowflake spelling).
    static func awsRegion(_ label: String) -> String? {
        let parts = label.split(separator: "-")
        guard parts.count == 3, parts[0].count == 2, parts[2].allSatisfy(\.isNumber) else { return nil }
        return RegionWords.cloudRegion(label)
    }
}
