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

    /// What the setups found in code feed, matched by write key to the sources of the
    /// workspaces given, and what cannot be matched.
    public struct Matching: Sendable {
        /// Per setup (an index into the outcome's `uses`): the sources that have its write key,
        /// as (workspace, source) indices. Empty for a setup matched to nothing.
        public var sources: [[SourceIndex]]
        /// Per source set up in code, in workspace and source order: the setups, in scan order.
        public var setups: [(source: SourceIndex, uses: [Int])]
        /// The sources set up differently in two places or more.
        public var conflicting: Set<SourceIndex>
        /// Files the scan could not read, write keys no workspace has, write keys the code reads
        /// from somewhere the scan cannot see, requests written by hand to a non-EU host, and
        /// sources set up two ways: the run's notices.
        public var notices: [ResultDocument.Notice]

        /// The notices that make the scan's findings (all but files not read).
        public var findings: [ResultDocument.Notice] { notices.filter { $0.code != "scan-file-not-read" } }
    }

    public struct SourceIndex: Hashable, Comparable, Sendable {
        public var workspace: Int
        public var source: Int
        public static func < (a: Self, b: Self) -> Bool { (a.workspace, a.source) < (b.workspace, b.source) }
    }

    /// Matches every setup found in code to the sources that have its write key.
    package static func match(_ outcome: Outcome, _ workspaces: [WorkspaceModel]) -> Matching {
        var byKey: [String: [SourceIndex]] = [:]
        for w in workspaces.indices {
            for s in workspaces[w].sources.indices {
                for key in workspaces[w].sources[s].writeKeys ?? [] {
                    byKey[key, default: []].append(SourceIndex(workspace: w, source: s))
                }
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
        var matched: [[SourceIndex]] = []
        var setups: [SourceIndex: [Int]] = [:]
        let euAudited = workspaces.contains { $0.workspace.region == "eu-west" }
        for (u, use) in outcome.uses.enumerated() {
            let at = ScanReport.where_(use.location)
            let found = use.writeKey?.literal.flatMap { byKey[$0] } ?? []
            matched.append(use.library == "http-api" ? [] : found)
            if let notice = unmatchedNotice(use, at: at, known: !found.isEmpty, euAudited: euAudited) { notices.append(notice) }
            if use.library != "http-api" { for source in found { setups[source, default: []].append(u) } }
        }
        var conflicting: Set<SourceIndex> = []
        let ordered = setups.sorted { $0.key < $1.key }.map { (source: $0.key, uses: $0.value) }
        for (source, uses) in ordered where Set(uses.map { sendingAlike(configuration(outcome.uses[$0])) }).count > 1 {
            conflicting.insert(source)
            let places = uses.map { ScanReport.where_(outcome.uses[$0].location) }.joined(separator: ", ")
            let s = workspaces[source.workspace].sources[source.source]
            notices.append(
                .init(
                    code: "scan-conflicting-setups", policy: nil,
                    message:
                        "source \(s.id) of workspace \(workspaces[source.workspace].workspace.slug) is set up differently in \(uses.count) places (\(places)): where its events go is unknown"
                ))
        }
        return Matching(sources: matched, setups: ordered, conflicting: conflicting, notices: notices)
    }

    /// The notice for a setup no source can be named for, if it is one.
    /// `euAudited`: whether an audited workspace is in the EU region.
    private static func unmatchedNotice(_ use: SDKUse, at: String, known: Bool, euAudited: Bool) -> ResultDocument.Notice? {
        if use.library == "http-api" {
            // A request written by hand carries its write key in a header the scan does not
            // follow, so it feeds no source the run can name. To an EU host that is no
            // transfer (the seed: "Data sent to the EU endpoint using a US-region write key will
            // get rejected"); anywhere else it may be one, when the run audits an EU workspace
            // whose key it could be. A run of US workspaces alone has no EU data to move.
            let r = SDKRules.resolve(configuration(use), workspaceRegion: nil)
            guard r.region != "eu", euAudited else { return nil }
            return .init(
                code: "scan-write-key-unresolved", policy: nil,
                message:
                    "\(at): a request written by hand posts to \(r.url ?? "an unknown URL") (\(r.region.map { "region \($0)" } ?? "region unknown")); its write key is not in the code, so it is matched to no source and where its events belong is not decided",
                location: at)
        }
        if use.writeKey?.literal != nil, known { return nil }
        // A setup whose own URL is Segment's EU endpoint moves nothing out of the EU whatever its
        // key: a US workspace's key is refused there (the seed page). It is said, and decides
        // nothing. Anywhere else (the US default, an unknown URL, Analytics.js following the
        // settings of whichever workspace its key is) it fails the gate.
        let r = SDKRules.resolve(configuration(use), workspaceRegion: nil)
        if r.region == "eu" {
            return .init(
                code: "scan-setup-unmatched", policy: nil,
                message:
                    "\(at): \(use.library) is set up with write key \(use.writeKey?.described ?? "(none found)"), which \(use.writeKey?.literal != nil ? "no source of the audited workspaces has" : "the scan cannot resolve"); it sends to the EU endpoint (\(r.url ?? "")), so it moves no data out of the EU",
                location: at)
        }
        guard let key = use.writeKey?.literal else {
            return .init(
                code: "scan-write-key-unresolved", policy: nil,
                message:
                    "\(at): \(use.library) is set up with write key \(use.writeKey?.described ?? "(none found)"), which the scan cannot resolve, so it is matched to no source (give it with --scan-env or a .env file)",
                location: at)
        }
        guard known else {
            return .init(
                code: "scan-unknown-write-key", policy: nil,
                message:
                    "\(at): \(use.library) is set up with write key \(key), which no source of the audited workspaces has: its events go to a workspace this run does not audit",
                location: at)
        }
        return nil
    }

    /// Sets the SDK configuration of every source whose write key a setup in code uses, and
    /// resolves those sources' ingest URLs again; a source set up differently in two places has
    /// an unknown URL (which setup ships is not in the code). Returns the run's notices
    /// (`Matching.notices`).
    static func apply(_ outcome: Outcome, to workspaces: inout [WorkspaceModel]) -> [ResultDocument.Notice] {
        let matching = match(outcome, workspaces)
        for (source, uses) in matching.setups {
            var sdk = configuration(outcome.uses[uses[0]])
            if matching.conflicting.contains(source) {
                let places = uses.map { ScanReport.where_(outcome.uses[$0].location) }.joined(separator: ", ")
                // Under a key of its own, read for every library (not only those whose setting is `apiHost`).
                sdk.unresolved[SDKRules.conflictingSetups] = "set up differently in \(uses.count) places (\(places))"
            }
            workspaces[source.workspace].sources[source.source].sdk = sdk
        }
        for w in Set(matching.setups.map(\.source.workspace)).sorted() {
            BundleDecoder.resolveIngest(&workspaces[w].sources, workspaceRegion: workspaces[w].workspace.region)
        }
        return matching.notices
    }

    /// A configuration without where it is written: two setups that send alike are equal.
    private static func sendingAlike(_ sdk: SDKConfig) -> SDKConfig {
        var copy = sdk
        copy.codeLocation = nil
        copy.codeLocations = [:]
        return copy
    }
}
