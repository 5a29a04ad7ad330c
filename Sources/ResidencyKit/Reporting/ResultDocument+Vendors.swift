/// What the organisation's facts file says about each vendor the run's destinations send to,
/// carried in the result document so that the record of transfers (issue 13, item 3) can
/// show the data categories and the next review date without the facts file.
///
/// Read from the declared fact `vendors` (a `map` of a record, docs/language.md "record and
/// fact"): a field `categories` (`list<string>`) gives the data categories, a field
/// `nextReview` (`date`) the next review of the transfer. A vendor, or a field, the facts
/// file does not give is left out, and the record says "not declared in the facts file".
extension ResultDocument {
    public struct VendorFacts: Sendable, Codable, Hashable {
        public var name: String
        public var categories: [String]?
        public var nextReview: String?
    }

    /// The facts of every vendor a destination of `workspaces` names, sorted by name; only
    /// vendors the facts file says something about.
    static func vendorFacts(_ facts: Facts, _ workspaces: [WorkspaceModel]) -> [VendorFacts] {
        guard case .map(let declared)? = facts.declared["vendors"] else { return [] }
        var names = Set<String>()
        for m in workspaces { for d in m.destinations { if let v = d.vendor { names.insert(v) } } }
        return names.sorted().compactMap { name in
            guard case .map(let record)? = declared[name] else { return nil }
            var out = VendorFacts(name: name)
            if case .list(let items)? = record["categories"] {
                out.categories = items.compactMap { if case .string(let s) = $0 { s } else { nil } }
            }
            if case .date(let day)? = record["nextReview"] { out.nextReview = day.description }
            return out.categories == nil && out.nextReview == nil ? nil : out
        }
    }

    func writeVendors(_ w: inout JSONWriter) {
        w.key("vendors")
        w.beginArray()
        for v in vendors {
            w.beginObject(inline: true)
            w.field("name", v.name)
            if let c = v.categories { w.field("categories", strings: c) }
            w.field("nextReview", v.nextReview)
            w.endObject()
        }
        w.endArray()
    }

    static func readVendors(_ root: DataNode, _ r: inout ResultDocumentReader) -> [VendorFacts] {
        // Optional: documents written before the record of transfers carried facts have none.
        guard let list = r.optionalArray(root, "vendors", "") else { return [] }
        return list.enumerated().compactMap { i, n in
            let path = "vendors[\(i)]"
            guard let o = r.element(n, path) else { return nil }
            return VendorFacts(
                name: r.string(o, "name", path), categories: r.optionalStrings(o, "categories", path),
                nextReview: r.optionalString(o, "nextReview", path))
        }
    }
}
