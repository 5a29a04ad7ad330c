/// Insert functions: `segment_insert_function_instance` (terraform-provider-segment
/// `docs/resources/insert_function_instance.md`) connects a function of the workspace's own code
/// to a source or destination (`integration_id`). The code runs on the events before the
/// destination gets them (on a source, before each of its destinations), and may send them
/// anywhere it likes (`fetch`): no setting of the destination says where. So the endpoint of
/// a destination an enabled insert function runs before is unknown, never its settings', unless
/// its settings already send the events out of the workspace's region: that flow is certain,
/// and a finding about it says more than "unknown" would.
extension TerraformPlanDecoder {
    static let insertFunctionType = "segment_insert_function_instance"

    /// Makes unknown the endpoint of each destination an insert function of the plan runs before.
    /// A function the plan cannot tie to its source or destination (`integration_id` through a
    /// variable) may run before any of them: W1410, and every destination's endpoint is unknown.
    mutating func applyInsertFunctions(
        _ changes: [PlannedResource], _ links: SourceLinks, sources: [Source], _ destinations: inout [Destination],
        workspaceRegion: String?
    ) {
        var destinationOfID: [String: String] = [:]
        for change in changes where change.type == "segment_destination" {
            for id in [change.planned.values["id"]?.string, change.before?["id"]?.string].compactMap({ $0 }) {
                destinationOfID[id] = change.address
            }
        }
        for change in changes where change.type == Self.insertFunctionType {
            let p = change.planned
            // A function switched off runs on nothing.
            if !p.isUnknown("enabled"), p.values["enabled"]?.bool == false { continue }
            let runsBefore: (Destination) -> Bool
            if !p.isUnknown("integration_id"), let id = p.values["integration_id"]?.string {
                // A destination's or a source's id; a source outside the plan is still the
                // `sourceId` of the plan's destinations that name it.
                let source = links.addressOfID[id] ?? id
                let destination = destinationOfID[id]
                // An id that is no destination of the plan may be a source's, and a destination
                // whose source the plan does not say (`sourceId` empty, W1409) may be of it.
                runsBefore = { $0.id == destination || $0.sourceId == source || (destination == nil && $0.sourceId.isEmpty) }
            } else if let named = links.referenced(
                by: change.address, "integration_id", types: ["segment_source", "segment_destination"])
            {
                let sourceAddresses = Set(sources.map(\.id).filter { named.contains(SourceLinks.withoutKeys($0)) })
                // A destination whose source the plan does not say (W1409: a source of several
                // `for_each` instances) may be of a source the function runs on.
                let onASource = named.contains { $0.split(separator: ".").dropLast().last == "segment_source" }
                runsBefore = {
                    named.contains(SourceLinks.withoutKeys($0.id)) || sourceAddresses.contains($0.sourceId)
                        || (onASource && $0.sourceId.isEmpty)
                }
            } else {
                base.reader.report(.unattachedInsertFunction(change.address, at: base.reader.range(change.node)))
                runsBefore = { _ in true }
            }
            let endpoint = Endpoint(
                evidence: "insert function `\(change.address)` runs the workspace's own code on the events before they "
                    + "reach this destination, and may send them anywhere: no setting says where",
                origin: base.reader.origin(change.node))
            for i in destinations.indices where runsBefore(destinations[i]) {
                let region = destinations[i].endpoint.region
                if let region, let workspaceRegion, region != workspaceRegion { continue }
                destinations[i].endpoint = endpoint
            }
        }
    }
}
