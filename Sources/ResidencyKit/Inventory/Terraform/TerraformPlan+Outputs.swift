/// What only the organisation knows about a workspace — whose data it holds, how its apps'
/// SDKs are configured, which networks its warehouses allow — is not in the Segment provider's
/// resources. A plan carries it as outputs of the root module, declared next to the resources
/// they describe, in the shapes an export bundle uses:
///
/// ```hcl
/// output "residency_data_subjects" { value = ["EU"] }
/// output "residency_sdk_configs" {
///   value = [{ sourceId = "segment_source.android", library = "analytics-kotlin",
///              apiHost = "events.eu1.segmentapis.com/v1" }]
/// }
/// output "residency_warehouse_access" {
///   value = [{ warehouseId = "segment_warehouse.redshift", allowlistedCidrs = ["3.251.148.96/29"] }]
/// }
/// ```
///
/// Resources are named by their Terraform address, as everywhere in a plan. An output whose
/// value is known only after apply is reported and left out, so what needs it stays
/// indeterminate. See docs/terraform.md.
extension TerraformPlanDecoder {
    static let dataSubjectsOutput = "residency_data_subjects"
    static let sdkConfigsOutput = "residency_sdk_configs"
    static let warehouseAccessOutput = "residency_warehouse_access"

    /// An output's planned value, or nil when the plan has no such output or does not know
    /// its value yet (then a warning says so).
    mutating func outputValue(_ root: DataNode, _ name: String) -> DataNode? {
        guard let output = root["planned_values"]?["outputs"]?[name] else { return nil }
        if let value = output["value"], !value.isNull { return value }
        base.reader.report(.unknownOutput(name, at: base.reader.range(output)))
        return nil
    }

    /// The elements of a list-valued output as list items, each checked to be an object.
    mutating func outputItems(_ root: DataNode, _ name: String) -> [BundleDecoder.ListItem] {
        guard let value = outputValue(root, name) else { return [] }
        let path = "outputs.\(name).value"
        guard let list = base.reader.array(value, path) else { return [] }
        return list.elements.enumerated().compactMap { i, node in
            let item = BundleDecoder.ListItem(node: node, list: path, index: i)
            return base.reader.object(node, item.path) != nil ? item : nil
        }
    }

    /// Applies the three outputs to the decoded workspace.
    mutating func applyOutputs(
        _ root: DataNode, _ workspace: inout Workspace, _ sources: inout [Source], _ warehouses: inout [Warehouse]
    ) {
        if let value = outputValue(root, Self.dataSubjectsOutput),
            let list = base.reader.array(value, "outputs.\(Self.dataSubjectsOutput).value")
        {
            // Through the one table of places, as a bundle's `dataSubjects` are.
            workspace.dataSubjects = base.places(list, "outputs.\(Self.dataSubjectsOutput).value")
        }
        // Also resolves every source's ingest host, with or without declared configurations.
        base.applySDKConfigs(outputItems(root, Self.sdkConfigsOutput), &sources, workspaceRegion: workspace.region)
        base.applyWarehouseAccess(outputItems(root, Self.warehouseAccessOutput), &warehouses)
    }
}
