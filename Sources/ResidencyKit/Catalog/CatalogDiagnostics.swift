/// Diagnostics about catalog files (E07xx). A catalog decides verdicts, so nothing in it is
/// skipped or guessed: each of these is an error at the offending value.
extension Diagnostic {
    static func unknownCatalogKey(_ key: String, in what: String, at r: SourceRange, known: [String]) -> Diagnostic {
        .error(
            .E0703, "unknown key `\(key)` in \(what)", at: r,
            help: Suggestions.didYouMean(key, in: known) ?? "the keys are: \(known.map { "`\($0)`" }.joined(separator: ", "))")
    }
    static func catalogMissing(_ what: String, field: String, at r: SourceRange) -> Diagnostic {
        .error(
            .E0704, "\(what) has no `\(field)`", at: r,
            help: "a catalog row must say where Segment offers the integration; residency does not assume it")
    }
    static func unknownCatalogRegion(_ value: String, _ field: String, at r: SourceRange) -> Diagnostic {
        let known = field == "regionEndpoints" ? ["US", "EU"] : ["us-west-2", "eu-west-1", "us", "eu"]
        return .error(
            .E0705, "`\(field)` has \"\(value)\", which is not a region Segment's catalog uses", at: r,
            help: Suggestions.didYouMean(value: value, in: known) ?? "use \(known.map { "\"\($0)\"" }.joined(separator: ", "))")
    }
    static func duplicateCatalogKey(_ table: String, _ field: String, _ value: String, at r: SourceRange, first: SourceRange)
        -> Diagnostic
    {
        Diagnostic.error(.E0706, "two \(table) rows have the \(field) \"\(value)\"", at: r)
            .noting("first used here", at: first)
    }
    static func unsupportedCatalogFormat(_ found: String, at r: SourceRange?) -> Diagnostic {
        .error(
            .E0707, "catalog format \(found) is not one this residency reads (it reads format \(CatalogLoader.formatVersion))",
            at: r,
            help: "regenerate the file with `residency catalog generate` (docs/catalog.md describes format 2)")
    }
    static func unreadableCatalog(_ path: String, _ error: FileReadError) -> Diagnostic {
        .error(
            .E0701, "cannot read catalog \(path): \(error)", at: nil,
            help: "pass --catalog FILE, or keep the bundled catalog in <policies>/catalog/")
    }
    static func notCatalogData(_ detail: String, at r: SourceRange?) -> Diagnostic {
        .error(
            .E0709, detail, at: r,
            help: "give Segment's catalog data (`destinations`/`sources`/`warehouses`, as segment-docs keeps it) or a "
                + "`residency export --catalog-output` file (`destinationsCatalog`)")
    }
    static func invalidCatalogValue(_ path: String, _ value: String, expected: String, at r: SourceRange) -> Diagnostic {
        .error(.E0708, "`\(path)` has \(value), expected \(expected)", at: r)
    }
}
