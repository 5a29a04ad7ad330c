/// The data flows of each workspace (sources → destinations and warehouses, with the region
/// each sends to), recorded in the result document so that reports can draw them without
/// the inventory.
extension ResultDocument {
    public struct FlowSource: Sendable, Codable {
        public var id: String
        public var name: String
        public var catalogName: String?
        public var enabled: Bool?
        public var library: String?
        public var ingestHost: String?
        public var ingestRegion: String?
    }

    public struct FlowDestination: Sendable, Codable {
        public var id: String
        public var name: String
        public var catalogName: String?
        public var enabled: Bool?
        public var sourceId: String
        public var vendor: String?
        public var region: String?
        public var host: String?
        public var evidence: String?
    }

    public struct FlowWarehouse: Sendable, Codable {
        public var id: String
        public var name: String
        public var catalogName: String?
        public var enabled: Bool?
        public var location: String?
        public var region: String?
    }

    static func workspaceInfo(_ m: WorkspaceModel) -> WorkspaceInfo {
        WorkspaceInfo(
            id: m.workspace.id, slug: m.workspace.slug, name: m.workspace.name, region: m.workspace.region,
            source: m.workspace.origin?.file, dataSubjects: m.workspace.dataSubjects,
            sources: m.sources.indices.map { i in
                let s = m.sources[i]
                return FlowSource(
                    id: s.id, name: m.name(of: .source, i), catalogName: s.catalogName, enabled: s.enabled,
                    library: s.sdk?.library, ingestHost: s.ingestHost, ingestRegion: s.ingestRegion)
            },
            destinations: m.destinations.indices.map { i in
                let d = m.destinations[i]
                return FlowDestination(
                    id: d.id, name: m.name(of: .destination, i), catalogName: d.catalogName, enabled: d.enabled,
                    sourceId: d.sourceId, vendor: d.vendor, region: d.endpoint.region, host: d.endpoint.host,
                    evidence: d.endpoint.evidence)
            },
            warehouses: m.warehouses.indices.map { i in
                let w = m.warehouses[i]
                return FlowWarehouse(
                    id: w.id, name: m.name(of: .warehouse, i), catalogName: w.catalogName, enabled: w.enabled,
                    location: w.location, region: w.region)
            })
    }

    func writeFlows(_ ws: WorkspaceInfo, _ w: inout JSONWriter) {
        func optionalBool(_ k: String, _ v: Bool?) { if let v { w.field(k, v) } }
        w.key("sources")
        w.beginArray()
        for s in ws.sources {
            w.beginObject(inline: true)
            w.field("id", s.id)
            w.field("name", s.name)
            w.field("catalogName", s.catalogName)
            optionalBool("enabled", s.enabled)
            w.field("library", s.library)
            w.field("ingestHost", s.ingestHost)
            w.field("ingestRegion", s.ingestRegion)
            w.endObject()
        }
        w.endArray()
        w.key("destinations")
        w.beginArray()
        for d in ws.destinations {
            w.beginObject(inline: true)
            w.field("id", d.id)
            w.field("name", d.name)
            w.field("catalogName", d.catalogName)
            optionalBool("enabled", d.enabled)
            w.field("sourceId", d.sourceId)
            w.field("vendor", d.vendor)
            w.field("region", d.region)
            w.field("host", d.host)
            w.field("evidence", d.evidence)
            w.endObject()
        }
        w.endArray()
        w.key("warehouses")
        w.beginArray()
        for h in ws.warehouses {
            w.beginObject(inline: true)
            w.field("id", h.id)
            w.field("name", h.name)
            w.field("catalogName", h.catalogName)
            optionalBool("enabled", h.enabled)
            w.field("location", h.location)
            w.field("region", h.region)
            w.endObject()
        }
        w.endArray()
    }
}
