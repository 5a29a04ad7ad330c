/// Diagnostics about Terraform plans read as inventories (E14xx errors, W14xx warnings).
/// The warnings are about what a plan cannot say: a region that is not a constant, an
/// integration known only by an id residency does not know. Policies that need such a
/// value are indeterminate; the warning says why.
extension Diagnostic {
    static func invalidPlanSettings(_ address: String, _ message: String, at r: SourceRange) -> Diagnostic {
        .error(
            .E1401, "`settings` of \(address) is not valid JSON: \(message)", at: r,
            help: "the provider takes settings as a JSON string; write them with jsonencode({...})")
    }
    static func unsupportedPlanFormat(_ version: String, at r: SourceRange) -> Diagnostic {
        .error(
            .E1402, "Terraform plan format_version \(version) is not supported; residency reads format 1.x", at: r)
    }
    static func stateNotPlan(at r: SourceRange) -> Diagnostic {
        .error(
            .E1403, "this is Terraform state, not a plan: it says what exists, not what `terraform apply` will make",
            at: r, help: "run `terraform plan -out=tfplan && terraform show -json tfplan > plan.json` and check plan.json")
    }

    static func planProviderURLMissing(_ what: String, at r: SourceRange) -> Diagnostic {
        .warning(
            .W1401, "\(what), so the workspace's region is unknown and policies that need it are indeterminate",
            at: r,
            help: "set `url` in the provider block to \"https://eu1.api.segmentapis.com\" (EU) or "
                + "\"https://api.segmentapis.com\" (US); PUBLIC_API_URL in the environment is not in the plan")
    }
    static func planProviderURLNotConstant(_ references: [String], at r: SourceRange) -> Diagnostic {
        let refs = references.isEmpty ? "an expression" : "an expression (\(references.joined(separator: ", ")))"
        return .warning(
            .W1402,
            "the segment provider's `url` is \(refs), not a constant: the plan does not record its value, "
                + "so the workspace's region is unknown", at: r,
            help: "write the url as a string literal in the provider block, one provider block per workspace")
    }
    static func planProviderURLUnknownHost(_ url: String, at r: SourceRange) -> Diagnostic {
        .warning(
            .W1403, "the segment provider's `url` \(url) is not a Segment Public API host; the region cannot be inferred",
            at: r,
            help: "US workspaces answer at https://api.segmentapis.com, EU ones at https://eu1.api.segmentapis.com")
    }
    static func planProvidersDisagree(_ urls: [String], at r: SourceRange) -> Diagnostic {
        .warning(
            .W1404,
            "the plan configures several segment providers (\(urls.joined(separator: ", "))); residency reads a plan "
                + "as one workspace, so its region is unknown", at: r,
            help: "plan each workspace in its own root module (one provider block), and check each plan")
    }
    static func unknownCatalogID(_ kind: String, _ address: String, _ id: String, at r: SourceRange) -> Diagnostic {
        .warning(
            .W1405,
            "\(address) is a \(kind) with catalog id \"\(id)\", which residency cannot name; checks that need its "
                + "integration are indeterminate", at: r,
            help: "the plan names the integration once the resource exists; known ids are listed in docs/catalog.md")
    }
    static func planWithoutSegmentResources(at r: SourceRange) -> Diagnostic {
        .warning(
            .W1406, "the plan has no segment_source, segment_destination or segment_warehouse resources", at: r,
            help: "was the plan made in the root module that manages the Segment workspace?")
    }
    static func planIncomplete(_ why: String, at r: SourceRange) -> Diagnostic {
        .warning(
            .W1407, "the plan is \(why): resources it did not get to are missing from the audit", at: r,
            help: untilComplete("fix the plan's errors (or apply its deferred parts) and plan again"))
    }

    static func unlinkedDestination(_ address: String, at r: SourceRange) -> Diagnostic {
        .warning(
            .W1409,
            "\(address): the plan does not say which source it belongs to, so it is in no source's `destinations` "
                + "(a policy over them does not see it)",
            at: r,
            help: "write `source_id` as a reference to one `segment_source` of the plan (not through a variable or a "
                + "`for_each` over several), or as the source's id")
    }

    static func unattachedInsertFunction(_ address: String, at r: SourceRange) -> Diagnostic {
        .warning(
            .W1410,
            "\(address): the plan does not say which source or destination this insert function is connected to, "
                + "so the endpoint of every destination of the plan is unknown",
            at: r,
            help: "write `integration_id` as a reference to one `segment_source` or `segment_destination` of the plan, "
                + "or as its id")
    }

    static func unknownOutput(_ name: String, at r: SourceRange) -> Diagnostic {
        .warning(
            .W1408, "output `\(name)` is known only after apply; what it declares is missing from the audit", at: r,
            help: "declare it with literal values (resource addresses as strings, not `.id` references)")
    }
}
