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

    /// The workspace as the document records it; `line` turns a model origin into its line
    /// (nil when the model did not come from a file the run read).
    static func workspaceInfo(_ m: WorkspaceModel, line: @Sendable (Origin?) -> Int?) -> WorkspaceInfo {
        WorkspaceInfo(
            id: m.workspace.id, slug: m.workspace.slug, name: m.workspace.name, region: m.workspace.region,
            source: m.workspace.origin?.file, line: line(m.workspace.origin), dataSubjects: m.workspace.dataSubjects,
            sources: m.sources.indices.map { i in
                let s = m.sources[i]
                return FlowSource(
                    id: s.id, name: m.name(of: .source, i), catalogName: s.catalogName, enabled: s.enabled,
                    line: line(s.origin), library: s.sdk?.library, ingestHost: s.ingestHost, ingestRegion: s.ingestRegion)
            },
            destinations: m.destinations.indices.map { i in
                let d = m.destinations[i]
                return FlowDestination(
                    id: d.id, name: m.name(of: .destination, i), catalogName: d.catalogName, enabled: d.enabled,
                    line: line(d.origin), sourceId: d.sourceId, vendor: d.vendor, region: d.endpoint.region,
                    host: d.endpoint.host, evidence: d.endpoint.evidence)
            },
            warehouses: m.warehouses.indices.map { i in
                let w = m.warehouses[i]
                return FlowWarehouse(
                    id: w.id, name: m.name(of: .warehouse, i), catalogName: w.catalogName, enabled: w.enabled,
                    line: line(w.origin), location: w.location, region: w.region)
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
            [("library", $0.library), ("ingestHost", $0.ingestHost), ("ingestRegion", $0.ingestRegion)]
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
