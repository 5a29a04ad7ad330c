import Foundation
import ResidencyKit

/// Writes generated export bundles shaped like Segment's Public API responses, one file per
/// workspace, for timing `residency check` end to end. Deterministic for given arguments.
enum BundleGenerator {
    nonisolated(unsafe) static let integrations: [(slug: String, name: String, settings: (Int) -> [(String, String)])] = [
        (
            "actions-amplitude", "Amplitude (Actions)",
            { i in [("apiKey", "••••3f9a"), ("endpoint", i % 3 == 0 ? "north_america" : "europe")] }
        ),
        (
            "actions-mixpanel", "Mixpanel (Actions)",
            { i in [("projectToken", "••••dada"), ("apiRegion", i % 4 == 0 ? "US 🇺🇸" : "EU 🇪🇺")] }
        ),
        (
            "actions-braze-cloud", "Braze Cloud Mode (Actions)",
            { i in
                [
                    ("api_key", "••••a1b2"),
                    ("endpoint", i % 5 == 0 ? "https://rest.iad-01.braze.com" : "https://rest.fra-01.braze.eu"),
                ]
            }
        ),
        (
            "actions-customerio", "Customer.io (Actions)",
            { i in [("siteId", "••••77aa"), ("accountRegion", i % 2 == 0 ? "EU 🇪🇺" : "US 🇺🇸")] }
        ),
        (
            "actions-intercom-web", "Intercom Web (Actions)",
            { i in
                [
                    ("appId", "abc\(i)"),
                    ("apiBase", i % 3 == 0 ? "https://api-iam.intercom.io" : "https://api-iam.eu.intercom.io"),
                ]
            }
        ),
        ("hubspot", "HubSpot", { _ in [("portalId", "1234567")] }),
        ("actions-google-analytics-4", "Google Analytics 4 Cloud", { _ in [("measurementId", "G-ABC123XYZ")] }),
        ("slack", "Slack", { _ in [("incomingWebhookUrl", "••••/T000/B000")] }),
        ("fullstory", "FullStory", { _ in [("org", "ACME")] }),
        ("webhooks", "Webhooks (Actions)", { _ in [("url", "https://hooks.example.com/segment")] }),
    ]

    static func generate(
        into folder: String, workspaces: Int, perWorkspace: Int
    ) throws -> (files: Int, bytes: Int, resources: Int) {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var total = 0, resources = 0
        for w in 0..<workspaces {
            let eu = w % 4 != 3
            let sources = 8, warehouses = 2
            let destinations = max(0, perWorkspace - sources - warehouses - 1)
            var j = JSONWriter(capacity: 400 * perWorkspace, pretty: false)
            j.beginObject()
            j.field("exportVersion", 1)
            j.field("exportedAt", "2026-11-28T02:00:00Z")
            j.field("apiHost", eu ? "https://eu1.api.segmentapis.com" : "https://api.segmentapis.com")
            j.key("workspace")
            j.beginObject()
            j.field("id", "ws\(w)x9aQ1Lj62S4bomZKLF")
            j.field("slug", "workspace-\(w)")
            j.field("name", "Workspace \(w)")
            j.endObject()
            j.field("dataSubjects", strings: w % 7 == 0 ? ["EU", "CH"] : ["EU"])
            j.key("sources")
            j.beginObject(); j.key("data"); j.beginObject(); j.key("sources"); j.beginArray()
            for s in 0..<sources {
                j.beginObject()
                j.field("id", "src\(w)-\(s)")
                j.field("slug", "source-\(s)")
                j.field("name", "Source \(s)")
                j.field("enabled", true)
                j.field("workspaceId", "ws\(w)x9aQ1Lj62S4bomZKLF")
                j.field("writeKeys", strings: ["wk\(w)\(s)AbCdEfGhIjKlMnOpQrStUv"])
                j.key("metadata"); j.beginObject()
                j.field("id", "yy6Q2Tk8bA"); j.field("slug", "node-js"); j.field("name", "Node.js")
                j.field("categories", strings: ["Server"]); j.field("isCloudEventSource", false)
                j.endObject()
                j.endObject()
            }
            j.endArray()
            j.endObject()
            j.key("pagination"); j.beginObject(); j.field("current", "MA=="); j.key("next"); j.null();
            j.field("totalEntries", sources); j.endObject()
            j.endObject()
            j.key("destinations")
            j.beginArray()
            for d in 0..<destinations {
                let integration = integrations[(w * 31 + d * 7) % integrations.count]
                j.beginObject()
                j.field("id", "dst\(w)-\(d)")
                j.field("name", "\(integration.name) \(d)")
                j.field("enabled", d % 8 != 0)
                j.field("sourceId", "src\(w)-\(d % sources)")
                j.key("settings"); j.beginObject()
                for (k, v) in integration.settings(d) { j.field(k, v) }
                j.endObject()
                j.key("metadata"); j.beginObject()
                j.field("id", "5f7dd6d21ad74f3842b1fc\(d % 100)")
                j.field("slug", integration.slug)
                j.field("name", integration.name)
                j.field("supportedRegions", strings: ["us-west-2", "eu-west-1"])
                j.endObject()
                j.endObject()
            }
            j.endArray()
            j.key("warehouses")
            j.beginArray()
            for h in 0..<warehouses {
                j.beginObject()
                j.field("id", "wh\(w)-\(h)")
                j.field("enabled", true)
                j.key("settings"); j.beginObject()
                j.field("name", h == 0 ? "Redshift" : "BigQuery")
                if h == 0 {
                    j.field("hostname", "acme.c1x2y3.eu-west-1.redshift.amazonaws.com")
                } else {
                    j.field("location", w % 3 == 0 ? "US" : "EU")
                }
                j.endObject()
                j.key("metadata"); j.beginObject()
                j.field("slug", h == 0 ? "redshift" : "bigquery"); j.field("name", h == 0 ? "Redshift" : "BigQuery")
                j.endObject()
                j.endObject()
            }
            j.endArray()
            j.key("sdkConfigs")
            j.beginArray()
            for s in 0..<sources {
                j.beginObject()
                j.field("sourceId", "src\(w)-\(s)")
                j.field("library", "analytics-node")
                j.field("host", s % 5 == 4 ? "https://api.segment.io" : "https://events.eu1.segmentapis.com")
                j.endObject()
            }
            j.endArray()
            j.key("warehouseAccess")
            j.beginArray()
            j.beginObject(); j.field("warehouseId", "wh\(w)-0"); j.field("allowlistedCidrs", strings: ["3.251.148.96/29"]);
            j.endObject()
            j.endArray()
            j.endObject()
            let bytes = j.bytes + [10]
            try Data(bytes).write(to: URL(fileURLWithPath: "\(folder)/workspace-\(String(format: "%04d", w)).json"))
            total += bytes.count
            resources += 1 + sources + destinations + warehouses
        }
        return (workspaces, total, resources)
    }
}
