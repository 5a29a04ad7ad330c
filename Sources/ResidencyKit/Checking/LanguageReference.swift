import Foundation

/// The reference part of docs/language.md, generated from the schema and the built-in
/// table so the documentation cannot drift from the code (a test compares the two, and
/// `residency reference` prints it).
package enum LanguageReference {
    static let beginMarker = "<!-- BEGIN GENERATED REFERENCE: residency reference -->"
    static let endMarker = "<!-- END GENERATED REFERENCE -->"

    /// Markdown for the record types and the built-in functions.
    package static func markdown() -> String {
        var out = "## Schema: what policies can read\n\n"
        out += "A policy ranges over one resource kind with `for <kind> <variable>`: "
        out += RecordKind.resourceKinds.keys.sorted().map { "`\($0)`" }.joined(separator: ", ") + ". "
        out += "Fields marked *may be missing* read as missing when the inventory lacks them, which makes "
        out += "a check that needs them indeterminate unless the policy handles it with `exists(…)` or `??`.\n\n"
        out += "Global names: `facts` (the organisation's facts file), `audit` (the run), and the look-ups "
        out += "`catalog.destination(name)`, `catalog.source(name)`, `catalog.warehouse(name)`, which are missing "
        out += "when the catalog has no such entry.\n"
        for kind in RecordKind.allCases {
            let spec = Schema.record(kind)
            out += "\n### \(kind.typeName)\n\n\(spec.doc)\n\n| field | type | may be missing | meaning |\n|---|---|---|---|\n"
            for f in spec.fields {
                out +=
                    "| `\(f.name)` | \(typeText(f.type)) | \(f.optional ? "yes" : "no") | \(f.doc.replacingOccurrences(of: "|", with: "\\|")) |\n"
            }
        }
        out += "\nEnumerations: a \(EnumType.workspaceRegion.name) is one of "
        out += EnumType.workspaceRegion.values.map { "`\"\($0)\"`" }.joined(separator: ", ")
        out += "; a \(EnumType.region.name) is one of " + EnumType.region.values.map { "`\"\($0)\"`" }.joined(separator: ", ")
        out += ". Comparing one with any other string literal is an error.\n"
        out += "\n## Built-in functions\n\n"
        out += "Every built-in can also be called as a method on its first argument: `s.endsWith(\"/v1\")` is "
        out += "`endsWith(s, \"/v1\")`. A missing argument gives a missing result (except for `exists`).\n\n"
        out += "| function | meaning | example |\n|---|---|---|\n"
        for b in Builtin.all.values.sorted(by: { $0.name < $1.name }) {
            out +=
                "| `\(b.signature.replacingOccurrences(of: "|", with: "\\|"))` | \(b.doc.replacingOccurrences(of: "|", with: "\\|")) | `\(b.example.replacingOccurrences(of: "|", with: "\\|"))` |\n"
        }
        return out
    }

    private static func typeText(_ t: ValueType) -> String {
        switch t {
        case .enumeration(let e): e.name
        default: t.description.replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
    }
}
