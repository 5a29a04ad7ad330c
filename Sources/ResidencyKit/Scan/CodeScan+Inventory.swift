/// `check --scan`: the SDK setups found in code become the SDK configurations of the sources
/// whose write keys they use, so RES-004, RES-005 and RES-008 decide from the code that ships
/// rather than from what someone wrote into a bundle by hand. What cannot be matched is said.
extension CodeScan {
    /// The settings of a `SDKConfig` a setup in code can give, as strings.
    static let stringSettings = ["apiHost", "cdnHost", "proxy", "cdnProxy", "host", "path", "endpoint", "uploadURL"]

    /// An SDK configuration from a setup in code: resolved settings as values, the others
    /// named as unresolved (the URL is then unknown, never the SDK's default).
    static func configuration(_ use: SDKUse) -> SDKConfig {
        var sdk = SDKConfig(library: use.library)
        for s in use.settings {
            sdk.codeLocations[s.name] = ScanReport.where_(s.location)
            if let text = s.value.literal, stringSettings.contains(s.name) {
                switch s.name {
                case "apiHost": sdk.apiHost = text
                case "cdnHost": sdk.cdnHost = text
                case "proxy": sdk.proxy = text
                case "cdnProxy": sdk.cdnProxy = text
                case "host": sdk.host = text
                case "path": sdk.path = text
                case "endpoint": sdk.endpoint = text
                default: sdk.uploadURL = text
                }
            } else if s.name == "useSegmentEndpoints", let b = s.value.boolean {
                sdk.useSegmentEndpoints = b
            } else {
                sdk.unresolved[s.name] = s.value.described
            }
        }
        sdk.codeLocation = ScanReport.where_(use.location)
        return sdk
    }

    /// Sets the SDK configuration of every source whose write key a setup in code uses, and
    /// resolves those sources' ingest URLs again. Returns the notices: files the scan could not
    /// read, write keys no workspace has, write keys the code reads from somewhere the scan cannot
    /// see, and a source set up differently in two places (whose URL is then unknown: which
    /// setup ships is not in the code).
    static func apply(_ outcome: Outcome, to workspaces: inout [WorkspaceModel]) -> [ResultDocument.Notice] {
        var byKey: [String: [(workspace: Int, source: Int)]] = [:]
        for w in workspaces.indices {
            for s in workspaces[w].sources.indices {
                for key in workspaces[w].sources[s].writeKeys ?? [] { byKey[key, default: []].append((w, s)) }
            }
        }
        // What the scan could not read may set up an SDK: said in every report, not only on stderr.
        var notices = outcome.diagnostics.filter { $0.severity == .warning }.map {
            ResultDocument.Notice(code: "scan-file-not-read", policy: nil, message: $0.message)
        }
        if outcome.largeFiles + outcome.binaryFiles > 0 {
            notices.append(
                .init(
                    code: "scan-file-not-read", policy: nil,
                    message:
                        "\(outcome.largeFiles) files of code over \(FileSizeLimit.code.text) and \(outcome.binaryFiles) binary files "
                        + "were not scanned"))
        }
        var setups: [[Int]: [SDKUse]] = [:]
        for use in outcome.uses {
            let at = ScanReport.where_(use.location)
            if use.library == "http-api" {
                // A request written by hand carries its write key in a header the scan does not
                // follow, so it feeds no source the run can name. To an EU host that is no
                // transfer (the seed: "Data sent to the EU endpoint using a US-region write key will
                // get rejected"); anywhere else it may be.
                let r = SDKRules.resolve(configuration(use), workspaceRegion: nil)
                if r.region != "eu" {
                    notices.append(
                        .init(
                            code: "scan-write-key-unresolved", policy: nil,
                            message:
                                "\(at): a request written by hand posts to \(r.url ?? "an unknown URL") (\(r.region.map { "region \($0)" } ?? "region unknown")); its write key is not in the code, so it is matched to no source and where its events belong is not decided",
                            location: at))
                }
                continue
            }
            guard let key = use.writeKey?.literal else {
                notices.append(
                    .init(
                        code: "scan-write-key-unresolved", policy: nil,
                        message:
                            "\(at): \(use.library) is set up with write key \(use.writeKey?.described ?? "(none found)"), which the scan cannot resolve, so it is matched to no source (give it with --scan-env or a .env file)",
                        location: at))
                continue
            }
            guard let sources = byKey[key] else {
                notices.append(
                    .init(
                        code: "scan-unknown-write-key", policy: nil,
                        message:
                            "\(at): \(use.library) is set up with write key \(key), which no source of the audited workspaces has: its events go to a workspace this run does not audit",
                        location: at))
                continue
            }
            for (w, s) in sources { setups[[w, s], default: []].append(use) }
        }
        for (index, uses) in setups.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            let (w, s) = (index[0], index[1])
            var sdk = configuration(uses[0])
            let distinct = Set(uses.map { sendingAlike(configuration($0)) })
            if distinct.count > 1 {
                let places = uses.map { ScanReport.where_($0.location) }.joined(separator: ", ")
                sdk.unresolved["apiHost"] = "set up differently in \(uses.count) places (\(places))"
                notices.append(
                    .init(
                        code: "scan-conflicting-setups", policy: nil,
                        message:
                            "source \(workspaces[w].sources[s].id) of workspace \(workspaces[w].workspace.slug) is set up differently in \(uses.count) places (\(places)): where its events go is unknown"
                    ))
            }
            workspaces[w].sources[s].sdk = sdk
        }
        for w in Set(setups.keys.map { $0[0] }).sorted() {
            BundleDecoder.resolveIngest(&workspaces[w].sources, workspaceRegion: workspaces[w].workspace.region)
        }
        return notices
    }

    /// A configuration without where it is written: two setups that send alike are equal.
    private static func sendingAlike(_ sdk: SDKConfig) -> SDKConfig {
        var copy = sdk
        copy.codeLocation = nil
        copy.codeLocations = [:]
        return copy
    }
}
