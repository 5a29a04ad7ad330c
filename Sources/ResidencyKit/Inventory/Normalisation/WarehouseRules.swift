/// Where a warehouse keeps data: its configured location (BigQuery `EU`, `europe-west3`) and
/// the region written in its host, read only where the host is the provider's own domain
/// (`….eu-west-1.redshift.amazonaws.com`, a Snowflake account locator). A host on any other
/// domain says nothing, whatever its labels read. When location and host disagree, the
/// region is unknown and both are shown.
enum WarehouseRules {
    /// Settings keys that name a location, in the order they are trusted.
    static let locationKeys = ["location", "region", "dataset_location", "datasetLocation"]
    /// Settings keys that hold a host name or account locator.
    static let hostKeys = ["hostname", "host", "account", "accountId", "account_id", "server"]

    /// A setting as the rules read it, with where it is written.
    typealias Setting = (value: SettingValue, origin: Origin?)

    /// The location as configured and the region it names.
    static func resolve(_ setting: (String) -> Setting?) -> (location: String?, resolution: Resolution) {
        var fromLocation: (key: String, value: String, region: String?, origin: Origin?)?
        for key in locationKeys {
            guard let s = setting(key), case .string(let value) = s.value, !value.trimmingWhitespace().isEmpty else { continue }
            fromLocation = (key, value, RegionWords.cloudRegion(value.trimmingWhitespace()), s.origin)
            break
        }
        var fromHost: (key: String, value: String, region: String?, label: String?, origin: Origin?)?
        for key in hostKeys {
            guard let s = setting(key), case .string(let value) = s.value, !value.trimmingWhitespace().isEmpty else { continue }
            let (label, region) = hostRegion(value)
            fromHost = (key, value, region, label, s.origin)
            break
        }
        switch (fromLocation, fromHost) {
        case (let l?, let h?) where l.region != nil && h.region != nil && l.region != h.region:
            return (
                l.value,
                Resolution(
                    region: nil,
                    evidence: "settings.\(l.key) = \"\(l.value)\" (\(l.region!.uppercased())) disagrees with settings.\(h.key) = "
                        + "\"\(h.value)\" (\(h.region!.uppercased())): which one the warehouse is in cannot be told",
                    origin: l.origin))
        case (let l?, _) where l.region != nil:
            return (l.value, Resolution(region: l.region, evidence: "settings.\(l.key) = \"\(l.value)\"", origin: l.origin))
        case (_, let h?) where h.region != nil:
            return (h.label, Resolution(region: h.region, evidence: "settings.\(h.key) = \"\(h.value)\"", origin: h.origin))
        case (let l?, _):
            return (l.value, Resolution(region: nil, evidence: "settings.\(l.key) = \"\(l.value)\", which names no known region", origin: l.origin))
        case (nil, let h?):
            return (
                nil,
                Resolution(
                    region: nil,
                    evidence: "settings.\(h.key) = \"\(h.value)\", which is not a host whose provider writes its region in it",
                    origin: h.origin))
        case (nil, nil):
            return (nil, Resolution(region: nil, evidence: "no location setting"))
        }
    }

    /// The region label and region of a provider host, or nils for any other host.
    ///
    /// - Redshift, Redshift Serverless, RDS: `<name>.<id>.<aws-region>.{redshift,redshift-serverless,rds}.amazonaws.com`.
    /// - Snowflake: `<locator>.<region>[.<cloud>].snowflakecomputing.com` or the bare
    ///   identifier `<locator>.<region>[.<cloud>]`; a locator without a region is in AWS
    ///   US West (Oregon), as Snowflake documents; an `<org>-<account>` name says nothing.
    static func hostRegion(_ text: String) -> (label: String?, region: String?) {
        let host = URLParts(text)?.host ?? text.trimmingWhitespace().lowercased()
        var labels = host.split(separator: ".").map(String.init)
        if labels.last == "" { labels.removeLast() }
        let n = labels.count
        if n >= 5, labels[n - 2] == "amazonaws", labels[n - 1] == "com",
            ["redshift", "redshift-serverless", "rds"].contains(labels[n - 3])
        {
            let label = labels[n - 4]
            return (label, CloudRegions.aws[label])
        }
        if n >= 2, labels[n - 2] == "snowflakecomputing", labels[n - 1] == "com" {
            var account = Array(labels[0..<(n - 2)])
            // PrivateLink hosts add a label after the region: `xy12345.eu-west-1.privatelink.…`.
            if account.last == "privatelink" { account.removeLast() }
            return snowflake(account)
        }
        // A Snowflake account identifier given without the domain (`xy12345.eu-west-1`).
        if n >= 2, n <= 3, !text.contains("/"), labels.allSatisfy({ !$0.isEmpty }),
            CloudRegions.snowflake(labels[1], cloud: n == 3 ? labels[2] : nil) != nil
        {
            return snowflake(labels)
        }
        return (nil, nil)
    }

    private static func snowflake(_ labels: [String]) -> (label: String?, region: String?) {
        switch labels.count {
        case 1:
            // `xy12345.snowflakecomputing.com`: a locator in AWS us-west-2; `org-account`
            // (an organisation name) does not say where the account is.
            return labels[0].contains("-") ? (nil, nil) : ("us-west-2", "us")
        case 2: return (labels[1], CloudRegions.snowflake(labels[1], cloud: nil))
        case 3: return ("\(labels[1]).\(labels[2])", CloudRegions.snowflake(labels[1], cloud: labels[2]))
        default: return (nil, nil)
        }
    }

    /// `eu-west-1`, `us-east-2`, … : an AWS region's jurisdiction.
    static func awsRegion(_ label: String) -> String? { CloudRegions.aws[label] }
}
