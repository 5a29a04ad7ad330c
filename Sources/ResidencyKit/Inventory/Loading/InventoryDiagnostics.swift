/// Diagnostics about inventory files (E06xx errors, W06xx warnings). Every one points at the
/// offending value in the file, says what was expected and what was found.
extension Diagnostic {
    static func inventoryType(_ path: String, expected: String, found: DataNode, at r: SourceRange) -> Diagnostic {
        // Paths inside a single-bundle file start at the bundle: `.sources[2]` reads `sources[2]`.
        let shown = path.hasPrefix(".") ? String(path.dropFirst()) : path
        return .error(.E0602, "`\(shown)` must be \(expected), found \(found.typeName)", at: r)
    }
    /// `fromExport`: the file is (part of) an export, whose API objects always have the field.
    static func inventoryMissing(_ what: String, field: String, at r: SourceRange, fromExport: Bool = true) -> Diagnostic {
        .error(
            .E0603, "\(what) has no `\(field)`", at: r,
            help: fromExport ? "Segment's API always returns `\(field)` here: was the export edited or cut short?" : nil)
    }
    static func inventoryDuplicateID(_ kind: String, _ id: String, at r: SourceRange, first: SourceRange) -> Diagnostic {
        Diagnostic.error(.E0604, "duplicate \(kind) id `\(id)` in this workspace", at: r)
            .noting("first used here", at: first)
    }
    static func danglingSource(_ destination: String, _ source: String, at r: SourceRange, candidates: [String]) -> Diagnostic {
        .error(
            .E0605, "destination `\(destination)` names source `\(source)`, which is not in this workspace", at: r,
            help: Suggestions.didYouMean(source, in: candidates) ?? "export the workspace's sources with its destinations")
    }
    static func regionDisagrees(_ region: String, _ apiHost: String, _ implied: String, at r: SourceRange) -> Diagnostic {
        .error(
            .E0606, "`region` is \"\(region)\" but `apiHost` \(apiHost) answers for \(implied) workspaces", at: r,
            help: "a workspace's region cannot change; check which host the export came from")
    }
    static func unknownRegion(_ value: String, at r: SourceRange) -> Diagnostic {
        .error(
            .E0607, "unknown workspace region \"\(value)\"; expected \"eu-west\" or \"us-west\"", at: r,
            help: (Suggestions.closest(to: value, in: ["eu-west", "us-west"]).first
                ?? ["eu": "eu-west", "us": "us-west"][String(value.lowercased().prefix(2))]).map { "did you mean \"\($0)\"?" })
    }
    static func unsupportedExportVersion(_ version: String, at r: SourceRange) -> Diagnostic {
        .error(.E0608, "export version \(version) is not supported; this residency reads version 1", at: r)
    }
    static func notABundle(_ found: String, at r: SourceRange) -> Diagnostic {
        .error(
            .E0609, "expected an export bundle (an object with `workspace`) or `{\"workspaces\": [bundle, …]}`, found \(found)",
            at: r, help: "see docs/inventory.md for the bundle format")
    }
    static func yamlSyntax(_ message: String, at r: SourceRange) -> Diagnostic {
        .error(.E0610, "invalid YAML: \(message)", at: r)
    }
    static func unreadableInventory(_ path: String, _ reason: String) -> Diagnostic {
        .error(.E0611, "cannot read inventory \(path): \(reason)", at: nil)
    }
    static func unknownReference(_ what: String, _ id: String, at r: SourceRange, candidates: [String]) -> Diagnostic {
        .error(
            .E0612, "\(what) names `\(id)`, which is not in this workspace", at: r,
            help: Suggestions.didYouMean(id, in: candidates))
    }
    static func invalidInventoryCIDR(_ message: String, at r: SourceRange) -> Diagnostic {
        .error(.E0613, "invalid CIDR: \(message)", at: r)
    }
    static func noInventory(_ path: String) -> Diagnostic {
        .error(.E0614, "no inventory files (*.json, *.yaml, *.yml) in \(path)", at: nil)
    }
    /// A repeated key; `inside` names an embedded document (a plan's `settings` string).
    static func duplicateKey(_ key: String, inside: String? = nil, at r: SourceRange, first: SourceRange) -> Diagnostic {
        Diagnostic.error(
            .E0616, "duplicate key `\(key)`\(inside.map { " in \($0)" } ?? ""): JSON readers disagree on which one counts",
            at: r, help: "keep one of them"
        )
        .noting("first here", at: first)
    }
    /// `where_`: "the bundle", "an sdkConfigs entry", …
    static func unknownInventoryKey(_ key: String, in where_: String, at r: SourceRange, help: String?) -> Diagnostic {
        .error(
            .E0617, "unknown key `\(key)` in \(where_)", at: r,
            help: help ?? "see docs/inventory.md for the keys a bundle has")
    }
    static func nullList(_ path: String, at r: SourceRange) -> Diagnostic {
        let shown = path.hasPrefix(".") ? String(path.dropFirst()) : path
        return .error(
            .E0618, "`\(shown)` is null where a list belongs", at: r,
            help: "write `[]` for none, or leave the key out when it is not known")
    }
    static func bundleBesideWorkspaces(_ key: String, at r: SourceRange) -> Diagnostic {
        .error(
            .E0619, "`\(key)` beside `workspaces`: a file holds one bundle or `{\"workspaces\": [bundle, …]}`, not both",
            at: r, help: "move it into the bundle it belongs to in `workspaces`")
    }
    static func unknownPlace(_ value: String, _ path: String, at r: SourceRange) -> Diagnostic {
        let shown = path.hasPrefix(".") ? String(path.dropFirst()) : path
        return .error(
            .E0620,
            "unknown place \"\(value)\" in `\(shown)`: expected an ISO 3166-1 country code or name, or EU or EEA",
            at: r, help: Countries.suggestion(for: value) ?? "see docs/inventory.md, \"Places\"")
    }
    static func misplacedList(_ key: String, inside: String, at r: SourceRange) -> Diagnostic {
        .error(
            .E0621, "`\(key)` inside \(inside) is not read: it belongs at the bundle's top level", at: r,
            help: "move it out, beside `workspace`")
    }
    /// E0615: one workspace twice, by id; or two workspaces with one slug, which every report
    /// names workspaces by (findings, pages, JUnit files), so they could not be told apart.
    static func duplicateWorkspace(_ id: String, slug: String? = nil, at r: SourceRange, first: SourceRange) -> Diagnostic {
        let (message, help, note) =
            slug.map {
                (
                    "workspace `\(id)` has the slug `\($0)` of another workspace in the inventories",
                    Optional("reports name workspaces by slug; audit the two in separate runs"),
                    "the other workspace with that slug"
                )
            } ?? ("workspace `\(id)` appears twice in the inventories", nil, "first here")
        return Diagnostic.error(.E0615, message, at: r, help: help).noting(note, at: first)
    }

    static func unknownCatalogName(_ kind: String, _ name: String, at r: SourceRange, candidates: [String]) -> Diagnostic {
        .warning(
            .W0601, "\(kind) integration \"\(name)\" is not in the regional catalog; checks that need it will be indeterminate",
            at: r,
            help: Suggestions.didYouMean(name, in: candidates) ?? "add it to your own catalog file (see docs/catalog.md)")
    }
    /// The help of every warning that makes a workspace incomplete: what to do, then what the
    /// run does until it is done.
    static func untilComplete(_ whatToDo: String) -> String {
        whatToDo + "; until then the workspace is indeterminate (RES-013), unless --allow-incomplete"
    }
    static func morePages(_ list: String, _ cursor: String, at r: SourceRange) -> Diagnostic {
        .warning(
            .W0603,
            "the `\(list)` export has more pages (pagination.next = \"\(cursor)\"): resources on later pages are missing",
            at: r,
            help: untilComplete("fetch every page (follow `pagination.next`)"))
    }
    static func pagesMissing(_ list: String, _ held: Int, _ total: Int, at r: SourceRange) -> Diagnostic {
        .warning(
            .W0606,
            "the `\(list)` export holds \(held) of the \(total) items its pages count (pagination.totalEntries): a page is missing",
            at: r,
            help: untilComplete("fetch every page (follow `pagination.next` from the first)"))
    }
    static func exportRecordedIncomplete(_ reason: String, at r: SourceRange) -> Diagnostic {
        .warning(
            .W0607, "the export of this workspace recorded that it is incomplete: \(reason)", at: r,
            help: untilComplete("export the workspace again"))
    }
    static func listAbsent(_ key: String, at r: SourceRange) -> Diagnostic {
        .warning(
            .W0609, "the bundle has no `\(key)` list: whether the workspace has \(key) is not known", at: r,
            help: untilComplete(
                "export the workspace again (`residency export` writes every list), or write `\"\(key)\": []` if it has none"))
    }
    /// `gap`: where the pages part, as a clause (`this page is "Mg==" (pagination.current), but
    /// the page before it named "MQ==" as the next`).
    static func cursorsDoNotChain(_ list: String, _ gap: String, at r: SourceRange) -> Diagnostic {
        .warning(
            .W0608, "the `\(list)` export's pages do not chain: \(gap): a page is missing", at: r,
            help: untilComplete("give every page, in order (follow `pagination.next` from the first)"))
    }
    static func unknownLibrary(_ library: String, at r: SourceRange) -> Diagnostic {
        .warning(
            .W0604, "unknown SDK library \"\(library)\"; its endpoint cannot be resolved", at: r,
            help: Suggestions.didYouMean(library, in: SDKRules.knownLibraries)
                ?? "known libraries: \(SDKRules.knownLibraries.joined(separator: ", "))")
    }
    static func unknownApiHost(_ host: String, at r: SourceRange) -> Diagnostic {
        .warning(
            .W0605, "`apiHost` \(host) is not a Segment Public API host; the region cannot be inferred from it", at: r,
            help: "US workspaces answer at https://api.segmentapis.com, EU ones at https://eu1.api.segmentapis.com")
    }
}
