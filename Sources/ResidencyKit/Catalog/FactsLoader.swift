/// Reads the organisation's facts file (JSON or YAML): the vendors each legal basis covers,
/// `{"dpfCertified": [vendor, …], "sccVendors": […], "bcrVendors": […]}`. Vendor names are
/// compared with the catalog's vendors: a name no integration has (a typo, or a parent
/// company) is a warning with the closest vendor, since it can match no destination.
enum FactsLoader {
    package static func load(
        path: String, catalog: Catalog? = nil, declared: [CheckedFact] = []
    ) -> (Facts, SourceFile?, [Diagnostic]) {
        let bytes: [UInt8]
        switch readFileBytes(atPath: path, limit: .facts) {
        case .success(let b): bytes = b
        case .failure(let error): return (Facts(), nil, [.error(.E0702, "cannot read facts file \(path): \(error)", at: nil)])
        }
        let file = SourceFile(path: path, bytes: bytes)
        let (facts, diagnostics) = load(file, catalog: catalog, declared: declared)
        return (facts, file, diagnostics)
    }

    package static func load(_ file: SourceFile, catalog: Catalog? = nil, declared: [CheckedFact] = []) -> (Facts, [Diagnostic]) {
        switch InventoryLoader.parse(file) {
        case .failure(let d): return (Facts(), [d])
        case .success(let tree):
            var reader = NodeReader(file: file)
            reader.isExport = false
            reader.reportDuplicateKeys(tree)
            let facts = decode(tree.root, &reader, catalog: catalog, declared: declared)
            return (facts, reader.diagnostics)
        }
    }

    /// The facts of an object node, wherever it sits (a facts file's root, or a policy test's
    /// `facts:`); problems are reported through `reader`.
    static func decode(
        _ node: DataNode, _ reader: inout NodeReader, catalog: Catalog? = nil, declared: [CheckedFact] = []
    ) -> Facts {
        guard let root = reader.object(node, "facts") else { return Facts() }
        // An error, not a warning: `dpfCertifed:` would leave the list missing while its
        // author believes it given. A fact of the organisation's own needs a `fact`
        // declaration in the policies, which gives it a type to be checked against.
        let known = keys + declared.map(\.name)
        for u in reader.unknownKeys(root, known) {
            reader.report(
                .unknownFact(
                    "fact `\(u.key)`", at: u.range,
                    help: u.help
                        ?? "the facts are \(known.map { "`\($0)`" }.joined(separator: ", ")); declare others in a policy file: `fact \(u.key): list<string>`"
                ))
        }
        if let catalog { checkVendors(root, &reader, catalog) }
        var values: [String: Value] = [:]
        for fact in declared {
            guard let item = root[fact.name] else { continue }
            values[fact.name] = value(item, fact.type, fact.name, &reader)
            if let en = fact.comparedWith { checkEnumeration(item, en, fact.name, &reader) }
        }
        // `null` is neither "none" nor "not given": an error, as in every list we define.
        return Facts(
            dpfCertified: reader.strings(root, "dpfCertified", "facts", strict: true),
            sccVendors: reader.strings(root, "sccVendors", "facts", strict: true),
            bcrVendors: reader.strings(root, "bcrVendors", "facts", strict: true), declared: values)
    }

    static let keys = ["dpfCertified", "sccVendors", "bcrVendors"]

    /// Every vendor name against the catalog's vendors, compared as policies compare them
    /// (exactly), with a did-you-mean for a near miss or a different spelling.
    private static func checkVendors(_ root: DataNode, _ reader: inout NodeReader, _ catalog: Catalog) {
        let vendors = catalog.vendors
        guard !vendors.isEmpty else { return }
        let known = Set(vendors)
        for key in keys {
            guard let list = root[key], list.kind == .array else { continue }
            for item in list.elements {
                guard let name = item.string, !known.contains(name) else { continue }
                let sameKey = vendors.first { Catalog.key($0) == Catalog.key(name) }
                reader.report(
                    .warning(
                        .W0702,
                        "`\(name)` in `\(key)` is not the vendor of any integration in the catalog, so it permits no transfer",
                        at: reader.range(item),
                        help: sameKey.map { "the catalog spells it `\($0)`" } ?? Suggestions.didYouMean(name, in: vendors)
                            ?? "vendors are matched exactly as the catalog names them (docs/catalog.md, \"Vendors\")"))
            }
        }
    }
}
