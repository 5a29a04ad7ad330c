/// What the plan's `configuration` says: the segment provider's `url` (the workspace's
/// region) and which source a destination created in the same plan belongs to.
extension TerraformPlanDecoder {
    /// How a provider block sets `url`.
    private enum URLSetting {
        case constant(String, DataNode)
        case expression([String], DataNode)
        case absent(DataNode)

        var label: String {
            switch self {
            case .constant(let url, _): url
            case .expression: "an expression"
            case .absent: "no url"
            }
        }
    }

    /// The region and API host from the segment provider's `url`, when it is a constant that
    /// names a Segment Public API host. Anything else leaves the region unknown, with a
    /// warning: the provider falls back to `PUBLIC_API_URL`, which the plan does not record.
    mutating func region(_ root: DataNode) -> (region: String?, apiHost: String?) {
        let configuration = root["configuration"]
        let blocks = (configuration?["provider_config"]?.members ?? []).map(\.value).filter(Self.isSegmentProvider)
        guard !blocks.isEmpty else {
            base.reader.report(
                .planProviderURLMissing("the plan configures no segment provider", at: base.reader.range(configuration ?? root)))
            return (nil, nil)
        }
        let settings = blocks.map(Self.urlSetting)
        if settings.count > 1 {
            let regions = settings.map { s -> String? in
                if case .constant(let url, _) = s { return BundleDecoder.region(ofAPIHost: url) }
                return nil
            }
            guard let first = regions.first ?? nil, regions.allSatisfy({ $0 == first }), case .constant(let url, _) = settings[0]
            else {
                base.reader.report(
                    .planProvidersDisagree(settings.map(\.label), at: base.reader.range(configuration!["provider_config"]!)))
                return (nil, nil)
            }
            return (first, url)
        }
        switch settings[0] {
        case .absent(let block):
            base.reader.report(.planProviderURLMissing("the segment provider block sets no `url`", at: base.reader.range(block)))
        case .expression(let references, let node):
            base.reader.report(.planProviderURLNotConstant(references, at: base.reader.range(node)))
        case .constant(let url, let node):
            if let region = BundleDecoder.region(ofAPIHost: url) { return (region, url) }
            base.reader.report(.planProviderURLUnknownHost(url, at: base.reader.range(node)))
        }
        return (nil, nil)
    }

    /// A provider block of `segmentio/segment` (by its source address when the plan gives
    /// one: another provider could also be called `segment` locally).
    private static func isSegmentProvider(_ block: DataNode) -> Bool {
        if let full = block["full_name"]?.string { return full.hasSuffix("/segmentio/segment") || full == "segmentio/segment" }
        return block["name"]?.string == "segment"
    }

    private static func urlSetting(_ block: DataNode) -> URLSetting {
        guard let url = block["expressions"]?["url"], url.kind == .object else { return .absent(block) }
        if let constant = url["constant_value"] {
            // `url = null` leaves the provider to its environment, like no `url` at all.
            guard let text = constant.string else { return .absent(block) }
            return .constant(text, constant)
        }
        return .expression(url["references"]?.elements.compactMap(\.string) ?? [], url)
    }
}

/// Which planned source a destination belongs to. A known `source_id` is looked up among the
/// Segment ids the plan knows; one that is known only after apply (the source is created in
/// the same plan) is read from the configuration: `source_id = segment_source.web.id`
/// references exactly one source resource.
struct SourceLinks {
    var addressOfID: [String: String]
    /// Planned source addresses by their address without instance keys (`[0]`, `["eu"]`).
    private var byBase: [String: [String]] = [:]
    var configuration: DataNode?

    init(addressOfID: [String: String], addresses: [String], configuration: DataNode?) {
        self.addressOfID = addressOfID
        self.configuration = configuration
        for a in addresses { byBase[Self.withoutKeys(a), default: []].append(a) }
    }

    /// The address of the source a destination's `source_id` (or its configuration) names;
    /// the id itself when the source is not in the plan; nil when it cannot be known.
    func source(of destination: String, sourceID: String?) -> String? {
        if let sourceID { return addressOfID[sourceID] ?? sourceID }
        guard let named = referenced(by: destination, "source_id", types: ["segment_source"]), named.count == 1,
            let candidates = byBase[named.first!], candidates.count == 1
        else { return nil }
        return candidates[0]
    }

    /// The resources of the given types an attribute of a resource refers to in the
    /// configuration (`source_id = segment_source.web.id`), as addresses without instance keys
    /// in the resource's module; nil when the configuration does not say (no configuration, no
    /// such resource, the attribute a literal or a variable).
    func referenced(by address: String, _ attribute: String, types: Set<String>) -> Set<String>? {
        var parts = Self.withoutKeys(address).split(separator: ".").map(String.init)
        var module = configuration?["root_module"]
        var prefix = ""
        while parts.count > 2, parts[0] == "module" {
            module = module?["module_calls"]?[parts[1]]?["module"]
            prefix += "module.\(parts[1])."
            parts.removeFirst(2)
        }
        let local = parts.joined(separator: ".")
        guard let resource = module?["resources"]?.elements.first(where: { $0["address"]?.string == local }),
            let references = resource["expressions"]?[attribute]?["references"]
        else { return nil }
        let named = Set(
            references.elements.compactMap { ref -> String? in
                let tokens = ref.string.map { Self.withoutKeys($0).split(separator: ".") } ?? []
                guard tokens.count >= 2, types.contains(String(tokens[0])) else { return nil }
                return prefix + tokens[0] + "." + tokens[1]
            })
        return named.isEmpty ? nil : named
    }

    /// An address without its instance keys: `module.a["x"].segment_source.web[0]` →
    /// `module.a.segment_source.web`.
    static func withoutKeys(_ address: String) -> String {
        var out = ""
        var depth = 0
        var quoted = false
        var escaped = false
        for c in address {
            if depth > 0 {
                if escaped {
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else if c == "\"" {
                    quoted.toggle()
                } else if !quoted, c == "]" {
                    depth -= 1
                }
                continue
            }
            if c == "[" { depth += 1 } else { out.append(c) }
        }
        return out
    }
}
