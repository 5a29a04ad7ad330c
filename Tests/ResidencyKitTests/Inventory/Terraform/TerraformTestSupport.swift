import Testing

@testable import ResidencyKit

/// Small `terraform show -json` plans for the Terraform tests, written as JSON text so that
/// markers (1️⃣) can sit where a diagnostic must point.
enum PlanFixture {
    static let euURL = #"{"constant_value": "https://eu1.api.segmentapis.com"}"#
    static let usURL = #"{"constant_value": "https://api.segmentapis.com"}"#

    /// A plan around `resource_changes` entries; `url` is the provider's `url` expression
    /// (nil for a provider block without one), `rootModule` the configuration's root module,
    /// `extra` more top-level members.
    static func plan(
        _ changes: [String], url: String? = euURL, rootModule: String = #"{"resources": []}"#, extra: String = ""
    ) -> String {
        let expressions = url.map { #"{"url": \#($0)}"# } ?? "{}"
        return """
            {
              "format_version": "1.2",
              "terraform_version": "1.9.8",
              "resource_changes": [
                \(changes.joined(separator: ",\n    "))
              ],
              "configuration": {
                "provider_config": {
                  "segment": {"name": "segment", "full_name": "registry.terraform.io/segmentio/segment", "expressions": \(expressions)}
                },
                "root_module": \(rootModule)
              }\(extra.isEmpty ? "" : ",\n  " + extra)
            }
            """
    }

    /// One `resource_changes` entry.
    static func change(
        _ address: String, _ actions: [String] = ["create"], after: String, unknown: String = "{}", before: String = "null"
    ) -> String {
        let type = address.split(separator: ".").dropLast().last.map(String.init) ?? address
        let quoted = actions.map { "\"\($0)\"" }.joined(separator: ", ")
        return """
            {"address": "\(address.replacingOccurrences(of: "\"", with: "\\\""))", "mode": "managed", "type": "\(type)", "name": "x",
             "provider_name": "registry.terraform.io/segmentio/segment",
             "change": {"actions": [\(quoted)], "before": \(before), "after": \(after), "after_unknown": \(unknown)}}
            """
    }

    /// A destination's planned values: `settings` is the JSON text *inside* the string
    /// (escaped here), or nil for none; `metadata` the members of its metadata object.
    static func destination(
        settings: String? = nil, metadata: String = #""id": "615c7438d93d9b61b1e9e192""#, sourceID: String? = "src1",
        enabled: String = "true", name: String = "My destination"
    ) -> String {
        var members = [#""enabled": \#(enabled)"#, #""metadata": {\#(metadata)}"#, #""name": "\#(name)""#]
        if let sourceID { members.append(#""source_id": "\#(sourceID)""#) }
        if let settings { members.append(#""settings": \#(quote(settings))"#) }
        return "{" + members.joined(separator: ", ") + "}"
    }

    /// JSON text as a JSON string literal, as `jsonencode` output appears in a plan.
    static func quote(_ json: String) -> String {
        "\"" + json.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func load(_ text: String, path: String = "plan.json") -> InventoryLoader.Loaded {
        InventoryFixture.load(text, path: path)
    }
}
