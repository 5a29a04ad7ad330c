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

    /// One location or host key as set, and the region it names (nil: none it can tell).
    private struct Reading {
        var key: String
        /// The value as evidence quotes it: `"EU"`, or `5` for a value that is not text.
        var shown: String
        /// The value, when it is text.
        var text: String?
        var region: String?
        /// A host's region label (`eu-west-1`).
        var label: String?
        /// A host on a provider's own domain whose region residency cannot tell: a region label
        /// no table knows (`ap-east-2`), or a value that names the domain but does not read as a
        /// host (`jdbc:redshift://….us-east-1.redshift.amazonaws.com:5439/dev`).
        var providerUnread = false
        var origin: Origin?
        var said: String { "settings.\(key) = \(shown)" }

        /// A key's reading; nil when it is not set (absent, null or blank). A value that is not
        /// text names no region, and is kept: beside a key that names one, it leaves the region
        /// unknown, never that key's answer.
        init?(_ key: String, _ s: Setting?, host: Bool) {
            guard let s else { return nil }
            (self.key, origin) = (key, s.origin)
            switch s.value {
            case .null: return nil
            case .string(let v) where v.trimmingWhitespace().isEmpty: return nil
            case .string(let v):
                (shown, text) = ("\"\(v)\"", v)
                if host {
                    // Only an account key holds a Snowflake identifier without its domain: a
                    // `hostname` of `warehouse.eu-central-1` is a host on a private network.
                    (label, region) = WarehouseRules.hostRegion(v, bareAccount: key.hasPrefix("account"))
                    providerUnread = region == nil && (label != nil || WarehouseRules.namesProviderButIsNoHost(v))
                } else {
                    region = RegionWords.cloudRegion(v.trimmingWhitespace())
                }
            default: shown = s.value.description
            }
        }
    }

    /// The location as configured and the region it names.
    static func resolve(_ setting: (String) -> Setting?) -> (location: String?, resolution: Resolution) {
        // Every key is read, not only the first set: two that name different regions leave the
        // region unknown (`location: "EU"` beside `region: "us-east-1"`).
        let locations = locationKeys.compactMap { Reading($0, setting($0), host: false) }
        let hosts = hostKeys.compactMap { Reading($0, setting($0), host: true) }
        let regional = (locations + hosts).filter { $0.region != nil }
        if let a = regional.first, let b = regional.first(where: { $0.region != a.region }) {
            return (
                locations.first?.text,
                Resolution(
                    region: nil,
                    evidence: "\(a.said) (\(a.region!.uppercased())) disagrees with \(b.said) (\(b.region!.uppercased())): "
                        + "which one the warehouse is in cannot be told",
                    origin: a.origin)
            )
        }
        // A location written as something no table knows (`region: "us-east-7"`, a number) may
        // name any region: another key's region is not taken over it. (A host on a domain that
        // does not write its region says nothing, which is not the same.)
        if let unread = locations.first(where: { $0.region == nil }), let other = regional.first {
            return (
                unread.text,
                Resolution(
                    region: nil,
                    evidence: "\(unread.said) names no known region, beside \(other.said) (\(other.region!.uppercased())): "
                        + "which one the warehouse is in cannot be told",
                    origin: unread.origin)
            )
        }
        // A provider's host whose region cannot be told may be anywhere: a location key beside
        // it does not decide (it did, and `….ap-east-2.redshift.amazonaws.com` beside
        // `location: eu-west-1` was EU).
        if let unread = hosts.first(where: \.providerUnread) {
            let what =
                unread.label.map { "names the region `\($0)`, which residency's tables do not know" }
                ?? "names the provider's domain but does not read as a host"
            return (
                locations.first?.text,
                Resolution(
                    region: nil, evidence: "\(unread.said) \(what): where the warehouse is cannot be told", origin: unread.origin)
            )
        }
        // What is said without another key's region: the first key set to text (one that is not
        // text says nothing by itself).
        switch (locations.first { $0.text != nil }, hosts.first { $0.text != nil }) {
        case (let l?, _) where l.region != nil:
            return (l.text, Resolution(region: l.region, evidence: l.said, origin: l.origin))
        case (_, let h?) where h.region != nil:
            return (h.label, Resolution(region: h.region, evidence: h.said, origin: h.origin))
        case (let l?, _):
            return (l.text, Resolution(region: nil, evidence: "\(l.said), which names no known region", origin: l.origin))
        case (nil, let h?):
            return (
                nil,
                Resolution(
                    region: nil, evidence: "\(h.said), which is not a host whose provider writes its region in it",
                    origin: h.origin)
            )
        case (nil, nil):
            return (nil, Resolution(region: nil, evidence: "no location setting"))
        }
    }

    /// The region label and region of a provider host, or nils for any other host.
    ///
    /// - Redshift, Redshift Serverless, RDS: `<name>.<id>.<aws-region>.{redshift,redshift-serverless,rds}.amazonaws.com`.
    /// - Snowflake: `<locator>.<region>[.<cloud>].snowflakecomputing.com` or, in an account key
    ///   (`bareAccount`), the bare identifier `<locator>.<region>[.<cloud>]`; a locator without a region is in AWS
    ///   US West (Oregon), as Snowflake documents; an `<org>-<account>` name says nothing.
    static func hostRegion(_ text: String, bareAccount: Bool = true) -> (label: String?, region: String?) {
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
        if bareAccount, n >= 2, n <= 3, !text.contains("/"), labels.allSatisfy({ !$0.isEmpty }),
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
            return labels[0].contains("-") || labels[0].contains("_") ? (nil, nil) : ("us-west-2", "us")
        case 2: return (labels[1], CloudRegions.snowflake(labels[1], cloud: nil))
        case 3: return ("\(labels[1]).\(labels[2])", CloudRegions.snowflake(labels[1], cloud: labels[2]))
        default: return (nil, nil)
        }
    }

    /// The providers' domains whose hosts carry their region.
    static let providerDomains = ["amazonaws.com", "snowflakecomputing.com"]

    /// Whether the text names a provider's domain but does not read as a host on it (a JDBC
    /// URL, a host and port with a space): it says a region residency cannot read out of it.
    static func namesProviderButIsNoHost(_ text: String) -> Bool {
        let lower = text.lowercased()
        guard providerDomains.contains(where: { lower.contains("." + $0) }) else { return false }
        var host = URLParts(text)?.host ?? text.trimmingWhitespace().lowercased()
        if host.hasSuffix(".") { host.removeLast() }
        return !providerDomains.contains { host.hasSuffix("." + $0) }
    }

    /// `eu-west-1`, `us-east-2`, … : an AWS region's jurisdiction.
    static func awsRegion(_ label: String) -> String? { CloudRegions.aws[label] }
}
