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
        // Every key is read, not only the first set: two that name different regions leave the
        // region unknown (`location: "EU"` beside `region: "us-east-1"`).
        var locations: [(key: String, value: String, region: String?, origin: Origin?)] = []
        for key in locationKeys {
            guard let s = setting(key), case .string(let value) = s.value, !value.trimmingWhitespace().isEmpty else { continue }
            locations.append((key, value, RegionWords.cloudRegion(value.trimmingWhitespace()), s.origin))
        }
        var hosts: [(key: String, value: String, region: String?, label: String?, origin: Origin?)] = []
        for key in hostKeys {
            guard let s = setting(key), case .string(let value) = s.value, !value.trimmingWhitespace().isEmpty else { continue }
            let (label, region) = hostRegion(value)
            hosts.append((key, value, region, label, s.origin))
        }
        let named =
            locations.map { ($0.key, $0.value, $0.region, $0.origin) } + hosts.map { ($0.key, $0.value, $0.region, $0.origin) }
        let regional = named.filter { $0.2 != nil }
        if let a = regional.first, let b = regional.first(where: { $0.2 != a.2 }) {
            return (
                locations.first?.value,
                Resolution(
                    region: nil,
                    evidence: "settings.\(a.0) = \"\(a.1)\" (\(a.2!.uppercased())) disagrees with settings.\(b.0) = "
                        + "\"\(b.1)\" (\(b.2!.uppercased())): which one the warehouse is in cannot be told",
                    origin: a.3)
            )
        }
        // A location written as something no table knows (`region: "us-east-7"`) may name any
        // region: another key's region is not taken over it. (A host on a domain that does not
        // write its region says nothing, which is not the same.)
        if let unread = locations.first(where: { $0.region == nil }), let other = regional.first {
            return (
                unread.value,
                Resolution(
                    region: nil,
                    evidence: "settings.\(unread.key) = \"\(unread.value)\" names no known region, beside settings.\(other.0) = "
                        + "\"\(other.1)\" (\(other.2!.uppercased())): which one the warehouse is in cannot be told",
                    origin: unread.origin)
            )
        }
        let fromLocation = locations.first
        let fromHost = hosts.first
        switch (fromLocation, fromHost) {
        case (let l?, _) where l.region != nil:
            return (l.value, Resolution(region: l.region, evidence: "settings.\(l.key) = \"\(l.value)\"", origin: l.origin))
        case (_, let h?) where h.region != nil:
            return (h.label, Resolution(region: h.region, evidence: "settings.\(h.key) = \"\(h.value)\"", origin: h.origin))
        case (let l?, _):
            return (
                l.value,
                Resolution(
                    region: nil, evidence: "settings.\(l.key) = \"\(l.value)\", which names no known region", origin: l.origin)
            )
        case (nil, let h?):
            return (
                nil,
                Resolution(
                    region: nil,
                    evidence: "settings.\(h.key) = \"\(h.value)\", which is not a host whose provider writes its region in it",
                    origin: h.origin)
            )
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
