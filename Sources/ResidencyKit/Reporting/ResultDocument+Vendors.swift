/// What the organisation's facts file says about each vendor the run's destinations send to,
/// carried in the result document so that the record of transfers (issue 13, item 3) can
/// show the data categories and the next review date without the facts file.
///
/// Read from the declared fact `vendors` (a `map` of a record, docs/language.md "record and
/// fact"): a field `categories` gives the data categories, a field `nextReview` the next
/// review of the transfer. The standard pack declares them `list<string>` and `date`; a pack
/// that declares them otherwise still has its values shown, as text, never dropped. A vendor
/// or a field the facts file does not give is left out, and the record says "not declared in
/// the facts file".
extension ResultDocument {
    public struct VendorFacts: Sendable, Hashable {
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
        func text(_ v: Value) -> String {
            if case .string(let s) = v { return s }
            return EvalContext.empty.render(v)
        }
        return names.sorted().compactMap { name in
            guard case .map(let record)? = declared[name] else { return nil }
            var out = VendorFacts(name: name)
            switch record["categories"] {
            case .list(let items)?: out.categories = items.map(text)
            case let other?: out.categories = [text(other)]
            case nil: break
            }
            out.nextReview = record["nextReview"].map(text)
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
