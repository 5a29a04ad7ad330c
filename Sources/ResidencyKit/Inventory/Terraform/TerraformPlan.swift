import Foundation

/// Reads the JSON form of a Terraform plan (`terraform show -json tfplan`) for the
/// `segmentio/segment` provider as one workspace: what the workspace will hold once
/// `terraform apply` has run. So a CI job can gate the apply on `residency check`.
///
/// The planned state (`resource_changes[].change.after`) of `segment_source`,
/// `segment_destination` and `segment_warehouse` becomes the same model an export bundle
/// gives, through the same normalisation. Values Terraform knows only after apply
/// (`after_unknown`) stay missing, so policies that need them are indeterminate, and every
/// resource is named by its Terraform address. See docs/terraform.md.
struct TerraformPlanDecoder {
    /// Reports problems through its reader, and lends its catalog look-ups.
    var base: BundleDecoder

    /// The resources that hold or send data. A Profiles Sync warehouse (`segment_profiles_warehouse`)
    /// receives a space's profiles: a warehouse like the others, whose region its settings decide.
    static let resourceTypes: Set<String> = [
        "segment_source", "segment_destination", "segment_warehouse", "segment_profiles_warehouse",
        insertFunctionType,
    ]

    init(file: SourceFile, catalog: Catalog) {
        self.base = BundleDecoder(file: file, catalog: catalog)
    }

    var file: SourceFile { base.reader.file }
    var catalog: Catalog { base.catalog }

    /// Whether a parsed file is Terraform's JSON output rather than an export bundle: plans
    /// carry `format_version` and `resource_changes` or `planned_values`; anything with a
    /// `terraform_version` (a state file too) is Terraform's, and is refused with a reason.
    static func isPlan(_ root: DataNode) -> Bool {
        guard root.kind == .object, root["workspace"] == nil, root["workspaces"] == nil else { return false }
        if root["terraform_version"] != nil { return true }
        return root["format_version"] != nil && (root["resource_changes"] != nil || root["planned_values"] != nil)
    }

    /// Decodes the plan in `root`; nil when it is not a plan residency can read.
    mutating func decode(_ root: DataNode) -> WorkspaceModel? {
        if root.index == 0 { base.reader.reportDuplicateKeys(root.tree) }
        guard base.reader.object(root, "plan") != nil else { return nil }
        if root["resource_changes"] == nil, root["planned_values"] == nil {
            base.reader.report(.stateNotPlan(at: base.reader.range(root)))
            return nil
        }
        if let v = root["format_version"], let text = base.reader.string(root, "format_version", "plan"),
            text.split(separator: ".").first != "1"
        {
            base.reader.report(.unsupportedPlanFormat(text, at: base.reader.range(v)))
            return nil
        }
        // What Terraform itself says is missing: the workspace cannot be compliant on it.
        var incomplete: [Workspace.Incompleteness] = []
        if let errored = root["errored"], errored.bool == true {
            base.reader.report(.planIncomplete("marked errored", at: base.reader.range(errored)))
            incomplete.append(
                .init(
                    reason: "Terraform marks the plan errored: resources it did not get to are missing",
                    origin: base.reader.origin(errored)))
        } else if let complete = root["complete"], complete.bool == false {
            base.reader.report(
                .planIncomplete("incomplete (some changes are deferred to a later plan)", at: base.reader.range(complete)))
            incomplete.append(
                .init(
                    reason: "Terraform marks the plan incomplete (`complete: false`): deferred changes are missing",
                    origin: base.reader.origin(complete)))
        }
        let changes = plannedResources(root)
        var workspace = decodeWorkspace(root, changes)
        workspace.fromPlan = true
        workspace.incomplete = incomplete
        (workspace.region, workspace.apiHost) = region(root)

        var sources: [Source] = []
        // Segment ids the plan knows, to link destinations to their sources by address.
        var addressOfID: [String: String] = [:]
        for change in changes where change.type == "segment_source" {
            sources.append(decodeSource(change))
            for id in [change.planned.values["id"]?.string, change.before?["id"]?.string].compactMap({ $0 }) {
                addressOfID[id] = change.address
            }
        }
        let links = SourceLinks(addressOfID: addressOfID, addresses: sources.map(\.id), configuration: root["configuration"])
        var platforms: [String: EndpointRules.SourcePlatform?] = [:]
        for s in sources where platforms[s.id] == nil { platforms[s.id] = s.platform }
        var destinations: [Destination] = []
        var warehouses: [Warehouse] = []
        for change in changes {
            switch change.type {
            case "segment_destination":
                destinations.append(decodeDestination(change, links, platforms: platforms, workspaceRegion: workspace.dataRegion))
            case "segment_warehouse", "segment_profiles_warehouse": warehouses.append(decodeWarehouse(change))
            default: break
            }
        }
        applyInsertFunctions(changes, links, sources: sources, &destinations, workspaceRegion: workspace.dataRegion)
        applyOutputs(root, &workspace, &sources, &warehouses)
        var model = WorkspaceModel(workspace: workspace, sources: sources, destinations: destinations, warehouses: warehouses)
        model.file = file
        return model
    }

    // MARK: The workspace

    /// Who the workspace is: a `data "segment_workspace"` the plan read, else the
    /// `workspace_id` its resources carry, else the plan file itself.
    private mutating func decodeWorkspace(_ root: DataNode, _ changes: [PlannedResource]) -> Workspace {
        let stem = ((file.path as NSString).lastPathComponent as NSString).deletingPathExtension
        if let data = Self.dataSources(root["prior_state"]?["values"]?["root_module"], type: "segment_workspace").first,
            let values = data["values"], let id = values["id"]?.string, !id.isEmpty
        {
            return Workspace(
                id: id, slug: values["slug"]?.string ?? stem, name: values["name"]?.string, origin: base.reader.origin(data))
        }
        let owner = changes.lazy.compactMap { $0.planned.values["workspace_id"]?.string ?? $0.before?["workspace_id"]?.string }
            .first { !$0.isEmpty }
        return Workspace(id: owner ?? file.path, slug: stem, origin: base.reader.origin(root))
    }

    /// The data sources of a type in a state's module tree (`root_module` and its children).
    static func dataSources(_ module: DataNode?, type: String) -> [DataNode] {
        moduleResources(module, mode: "data").filter { $0["type"]?.string == type }
    }

    /// The resources of a mode (`managed`, `data`) in a state's module tree: `root_module` and
    /// its `child_modules`, each level's `resources` first.
    static func moduleResources(_ module: DataNode?, mode: String) -> [DataNode] {
        guard let module, module.kind == .object else { return [] }
        var out: [DataNode] = []
        if let resources = module["resources"], resources.kind == .array {
            out = resources.elements.filter { $0.kind == .object && $0["mode"]?.string == mode }
        }
        if let children = module["child_modules"], children.kind == .array {
            for child in children.elements { out += moduleResources(child, mode: mode) }
        }
        return out
    }

    // MARK: Planned resources

    /// One resource of the plan as it will be after apply.
    struct PlannedResource {
        var type: String
        var address: String
        /// The `resource_changes` entry, where diagnostics and origins point.
        var node: DataNode
        var planned: Planned
        /// The state before the change, for ids the plan already knows.
        var before: DataNode?
        /// Whether apply creates the object (a create, or the new half of a replace): only
        /// then does a setting the configuration leaves out take the integration's default.
        /// An existing object's other settings are not managed, so not in the plan.
        var creates = false
    }

    /// The segment resources that exist after apply. A deleted resource is left out; a
    /// replaced one is its new object; a forgotten one (`removed { lifecycle { destroy = false } }`)
    /// stays in Segment unmanaged, so its last known state is kept.
    private mutating func plannedResources(_ root: DataNode) -> [PlannedResource] {
        guard let list = base.reader.array(root["resource_changes"], "resource_changes") else {
            // A list of the wrong type was reported by `array`; a plan without changes has none.
            if root["resource_changes"]?.isNull ?? true { return refreshedOr([], root, at: root) }
            return []
        }
        var out: [PlannedResource] = []
        var sawSegment = false
        for (i, entry) in list.elements.enumerated() {
            let path = "resource_changes[\(i)]"
            guard base.reader.object(entry, path) != nil, entry["mode"]?.string != "data",
                let type = entry["type"]?.string, Self.resourceTypes.contains(type)
            else { continue }
            // An insert function holds no data itself (W1406 is about the ones that do).
            sawSegment = sawSegment || type != Self.insertFunctionType
            // A deposed object is an old instance on its way out.
            guard entry["deposed"] == nil,
                let address = base.reader.requiredString(entry, "address", path, what: "a resource change"),
                let change = base.reader.object(entry["change"], "\(address).change")
            else { continue }
            let actions = base.reader.strings(change, "actions", "\(address).change") ?? []
            let before = change["before"].flatMap { $0.kind == .object ? $0 : nil }
            if actions == ["delete"] { continue }
            if actions == ["forget"] {
                if let before {
                    out.append(
                        PlannedResource(
                            type: type, address: address, node: entry, planned: Planned(values: before), before: before))
                }
                continue
            }
            guard let after = base.reader.object(change["after"], "\(address).change.after") else { continue }
            let unknown = change["after_unknown"]
            out.append(
                PlannedResource(
                    type: type, address: address, node: entry, planned: Planned(values: after, unknown: unknown), before: before,
                    creates: actions.contains("create")))
        }
        return sawSegment ? out : refreshedOr(out, root, at: list)
    }

    /// A plan whose changes hold no Segment resource that holds data: `terraform plan
    /// -refresh-only` changes nothing, so its `resource_changes` are empty (what changed outside
    /// Terraform is in `resource_drift`), and Terraform fills `planned_values` from the changes,
    /// so they are empty too. The refreshed state is `prior_state`: what the workspace holds, read
    /// as that rather than as a workspace with nothing in it (a hand-written plan's
    /// `planned_values` are read when `prior_state` has nothing). A plan that changes anything lists
    /// every managed resource in `resource_changes`, a no-op too, and is read from there. Nothing is
    /// created, so a setting the state leaves out is not the integration's default. With no
    /// data-holding Segment resource in either, `changes` (insert functions, or nothing) and W1406.
    /// The changes a plan does list (insert functions: a `-target`ed plan that only adds one)
    /// replace the state's resources of their address: read from the state alone, a function the
    /// plan creates was dropped, and the destination it runs before kept its settings' region.
    private mutating func refreshedOr(_ changes: [PlannedResource], _ root: DataNode, at node: DataNode) -> [PlannedResource] {
        for place in [root["prior_state"]?["values"], root["planned_values"]] {
            let found = stateResources(place?["root_module"])
            if found.contains(where: { $0.type != Self.insertFunctionType }) {
                let changed = Set(changes.map(\.address))
                return found.filter { !changed.contains($0.address) } + changes
            }
        }
        base.reader.report(.planWithoutSegmentResources(at: base.reader.range(node)))
        return changes
    }

    /// The managed Segment resources of a state's module tree, each as it is. One of a Segment
    /// type without its address or values is an error at its place, never left out: the
    /// workspace would be audited without it.
    private mutating func stateResources(_ module: DataNode?) -> [PlannedResource] {
        Self.moduleResources(module, mode: "managed").compactMap { r in
            guard let type = r["type"]?.string, Self.resourceTypes.contains(type),
                let address = base.reader.requiredString(r, "address", "a state resource", what: "a `\(type)` state resource")
            else { return nil }
            guard let node = r["values"], !node.isNull else {
                base.reader.report(
                    .inventoryMissing("state resource `\(address)`", field: "values", at: base.reader.range(r), fromExport: false)
                )
                return nil
            }
            guard let values = base.reader.object(node, "\(address).values") else { return nil }
            return PlannedResource(type: type, address: address, node: r, planned: Planned(values: values), before: values)
        }
    }
}

/// A planned object and which of its attributes Terraform knows only after apply:
/// `after_unknown` mirrors `after`, with `true` where a value is unknown.
struct Planned {
    var values: DataNode
    var unknown: DataNode?

    /// Whether the attribute, or anything inside it, is unknown until apply.
    func isUnknown(_ key: String) -> Bool {
        if unknown?.bool == true { return true }
        return unknown?[key].map(Self.containsTrue) ?? false
    }

    /// A nested object attribute (`metadata`), with its own unknowns; nil when unknown or absent.
    func nested(_ key: String) -> Planned? {
        if unknown?.bool == true || unknown?[key]?.bool == true { return nil }
        guard let v = values[key], v.kind == .object else { return nil }
        return Planned(values: v, unknown: unknown?[key])
    }

    private static func containsTrue(_ n: DataNode) -> Bool {
        switch n.kind {
        case .bool: n.bool == true
        case .array: n.elements.contains(where: containsTrue)
        case .object: n.members.contains { containsTrue($0.value) }
        default: false
        }
    }
}
