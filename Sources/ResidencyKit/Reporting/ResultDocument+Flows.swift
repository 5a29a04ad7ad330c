/// The data flows of each workspace (sources → destinations and warehouses, with the region
/// each sends to), recorded in the result document so that reports can draw them without
/// the inventory. Each resource records the line of the workspace's inventory file (`source`)
/// where it is written, so reports that must point into the repository (SARIF) can.
extension ResultDocument {
    public struct FlowSource: Sendable, Equatable {
        public var id: String
        public var name: String
        public var catalogName: String?
        public var enabled: Bool?
        /// Its line in the workspace's inventory file; nil when it came from no file.
        public var line: Int?
        public var library: String?
        public var ingestHost: String?
        public var ingestRegion: String?
        /// Where in application code the SDK setting its events go by is written
        /// (`path:line:col`), when `check --scan` found it there (docs/scan.md).
        public var code: String? = nil
    }

    public struct FlowDestination: Sendable, Equatable {
        public var id: String
        public var name: String
        public var catalogName: String?
        public var enabled: Bool?
        /// Its line in the workspace's inventory file; nil when it came from no file.
        public var line: Int?
        public var sourceId: String
        public var vendor: String?
        public var region: String?
        public var host: String?
        public var evidence: String?
    }

    public struct FlowWarehouse: Sendable, Equatable {
        public var id: String
        public var name: String
        public var catalogName: String?
        public var enabled: Bool?
        /// Its line in the workspace's inventory file; nil when it came from no file.
        public var line: Int?
        public var location: String?
        public var region: String?
    }

    /// The workspace as the document records it; `lines` turns a model origin into its line
    /// (nil when the model did not come from a file the run read).
    static func workspaceInfo(_ m: WorkspaceModel, lines: inout Lines) -> WorkspaceInfo {
        func line(_ o: Origin?) -> Int? { lines.line(o) }
        return WorkspaceInfo(
            id: m.workspace.id, slug: m.workspace.slug, name: m.workspace.name, region: m.workspace.region,
            source: m.workspace.origin?.file, line: line(m.workspace.origin), dataSubjects: m.workspace.dataSubjects,
            // Read in place: a copy of each resource (`let d = m.destinations[i]`) retained its
            // every field, a fifth of a million times a night.
            sources: m.sources.withUnsafeBufferPointer { ss in
                ss.indices.map { i in
                    FlowSource(
                        id: ss[i].id, name: m.name(of: .source, i), catalogName: ss[i].catalogName, enabled: ss[i].enabled,
                        line: line(ss[i].origin), library: ss[i].sdk?.library, ingestHost: ss[i].ingestHost,
                        ingestRegion: ss[i].ingestRegion, code: ss[i].ingestCode)
                }
            },
            destinations: m.destinations.withUnsafeBufferPointer { ds in
                ds.indices.map { i in
                    FlowDestination(
                        id: ds[i].id, name: m.name(of: .destination, i), catalogName: ds[i].catalogName, enabled: ds[i].enabled,
                        line: line(ds[i].origin), sourceId: ds[i].sourceId, vendor: ds[i].vendor, region: ds[i].endpoint.region,
                        host: ds[i].endpoint.host, evidence: ds[i].endpoint.evidence)
                }
            },
            warehouses: m.warehouses.withUnsafeBufferPointer { ws in
                ws.indices.map { i in
                    FlowWarehouse(
                        id: ws[i].id, name: m.name(of: .warehouse, i), catalogName: ws[i].catalogName, enabled: ws[i].enabled,
                        line: line(ws[i].origin), location: ws[i].location, region: ws[i].region)
                }
            })
    }

    func writeFlows(_ ws: WorkspaceInfo, _ w: inout JSONWriter) {
        /// One line per element: the fields every flow has, then its own.
        func list<T>(
            _ key: String, _ items: [T],
            _ common: (T) -> (id: String, name: String, catalogName: String?, enabled: Bool?, line: Int?),
            _ own: (T) -> [(String, String?)]
        ) {
            w.key(key)
            w.beginArray()
            for item in items {
                let c = common(item)
                w.beginObject(inline: true)
                w.field("id", c.id)
                w.field("name", c.name)
                w.field("catalogName", c.catalogName)
                if let enabled = c.enabled { w.field("enabled", enabled) }
                if let line = c.line { w.field("line", line) }
                for (k, v) in own(item) { w.field(k, v) }
                w.endObject()
            }
            w.endArray()
        }
        list("sources", ws.sources, { ($0.id, $0.name, $0.catalogName, $0.enabled, $0.line) }) {
            [("library", $0.library), ("ingestHost", $0.ingestHost), ("ingestRegion", $0.ingestRegion), ("code", $0.code)]
        }
        list("destinations", ws.destinations, { ($0.id, $0.name, $0.catalogName, $0.enabled, $0.line) }) {
            [
                ("sourceId", $0.sourceId), ("vendor", $0.vendor), ("region", $0.region), ("host", $0.host),
                ("evidence", $0.evidence),
            ]
        }
        list("warehouses", ws.warehouses, { ($0.id, $0.name, $0.catalogName, $0.enabled, $0.line) }) {
            [("location", $0.location), ("region", $0.region)]
        }
    }
}
