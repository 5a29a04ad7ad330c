/// Where in the repository a SARIF result points: the resource's line in the inventory file
/// its workspace came from, as the result document records it (`workspaces[].source` and
/// each resource's `line`).
///
/// Code scanning shows a result only at a file of the repository, so every result gets one:
/// the resource's line; else its workspace's line in that file; else the line the policy is
/// written at; else the first inventory. Paths become URIs relative to `%SRCROOT%`.
struct SARIFLocator {
    /// Per workspace slug: its file, its line, and each resource's line by kind, then id (a
    /// key of `kind/id` built a string, mostly on the heap, for each of a night's resources).
    private var workspaces: [String: (source: String?, line: Int?, resources: [String: [String: Int]])] = [:]
    /// Per workspace slug and source id: where in application code its SDK's URL is
    /// decided, when `check --scan` found it (`path:line:col`).
    private var code: [String: [String: String]] = [:]
    private var policies: [String: (file: String, line: Int)] = [:]
    private let fallback: String
    private let root: String?
    /// The inventory files that reported results point into.
    private(set) var referenced: Set<String> = []

    static let baseId = "%SRCROOT%"

    /// Indexes the resources of the workspaces that `results` (indices into the document's
    /// results) belong to: a run can hold hundreds of thousands of resources.
    init(_ doc: ResultDocument, root: String?, results: [Int]) {
        self.root = root
        fallback = doc.inputs.inventories.first?.path ?? doc.inputs.policies.first?.path ?? "."
        var needed: Set<String> = []
        for i in results { needed.insert(doc.results[i].workspace) }
        for ws in doc.workspaces where workspaces[ws.slug] == nil {
            var lines: [String: [String: Int]] = [:]
            if needed.contains(ws.slug) {
                // Each row read in place: `for d in ws.destinations` copied every one.
                var sources: [String: Int] = [:], destinations: [String: Int] = [:], warehouses: [String: Int] = [:]
                for k in ws.sources.indices {
                    if let l = ws.sources[k].line { sources[ws.sources[k].id] = l }
                    if let at = ws.sources[k].code { code[ws.slug, default: [:]][ws.sources[k].id] = at }
                }
                for k in ws.destinations.indices {
                    if let l = ws.destinations[k].line { destinations[ws.destinations[k].id] = l }
                }
                for k in ws.warehouses.indices { if let l = ws.warehouses[k].line { warehouses[ws.warehouses[k].id] = l } }
                lines = ["source": sources, "destination": destinations, "warehouse": warehouses]
            }
            workspaces[ws.slug] = (ws.source, ws.line, lines)
        }
        for p in doc.policies where policies[p.id] == nil && p.line > 0 && !p.file.hasPrefix("(") {
            policies[p.id] = (p.file, p.line)
        }
        for i in results { referenced.insert(file(of: doc.results[i]).path) }
    }

    /// The file and line a finding is shown at: for a finding about an SDK set up in scanned
    /// code (its evidence names the line of code), that line; else the resource in its inventory.
    func file(of f: Finding) -> (path: String, line: Int) {
        if f.resourceKind == "source", let at = code[f.workspace]?[f.resourceId],
            f.evidence.contains(where: { $0.value.contains(at) || $0.from?.contains(at) == true }),
            let place = Self.place(at)
        {
            return place
        }
        if let ws = workspaces[f.workspace], let source = ws.source {
            let line = f.resourceKind == "workspace" ? ws.line : ws.resources[f.resourceKind]?[f.resourceId]
            return (source, line ?? ws.line ?? 1)
        }
        if let p = policies[f.policy] { return (p.file, p.line) }
        return (fallback, 1)
    }

    /// The file and line of a place in code written `path:line:col`, as the scan writes them.
    static func place(_ at: String) -> (path: String, line: Int)? {
        guard let colon = at.lastIndex(of: ":"), let lineColon = at[..<colon].lastIndex(of: ":"),
            let line = Int(at[at.index(after: lineColon)..<colon])
        else { return nil }
        return (String(at[..<lineColon]), line)
    }

    /// Where a policy is written (for results about the policy itself).
    func file(ofPolicy id: String) -> (path: String, line: Int) {
        policies[id] ?? (fallback, 1)
    }

    /// `{"uri": …, "uriBaseId": "%SRCROOT%"}`, or an absolute `file:` URI outside the root.
    func writeArtifactLocation(_ path: String, _ w: inout JSONWriter) {
        let (uri, relative) = Self.uri(path, root: root)
        w.beginObject()
        w.field("uri", uri)
        if relative { w.field("uriBaseId", Self.baseId) }
        w.endObject()
    }

    /// A `physicalLocation` at a line of a file.
    func writePhysicalLocation(_ place: (path: String, line: Int), _ w: inout JSONWriter) {
        w.key("physicalLocation")
        w.beginObject()
        w.key("artifactLocation")
        writeArtifactLocation(place.path, &w)
        w.key("region")
        w.beginObject()
        w.field("startLine", max(1, place.line))
        w.endObject()
        w.endObject()
    }

    /// A path as a URI reference: relative paths (and absolute ones under `root`) relative
    /// to the source root, without `./`; other absolute paths as `file:` URIs. Every byte
    /// outside RFC 3986's unreserved set and `/` is percent-encoded.
    static func uri(_ path: String, root: String?) -> (uri: String, relative: Bool) {
        var path = path
        if path.hasPrefix("/") {
            guard let root, !root.isEmpty else { return ("file://" + PercentEncoding.encode(path, keepingSlashes: true), false) }
            let prefix = root.hasSuffix("/") ? root : root + "/"
            guard path.hasPrefix(prefix) else { return ("file://" + PercentEncoding.encode(path, keepingSlashes: true), false) }
            path = String(path.dropFirst(prefix.count))
        }
        while path.hasPrefix("./") { path = String(path.dropFirst(2)) }
        return (PercentEncoding.encode(path, keepingSlashes: true), true)
    }
}
