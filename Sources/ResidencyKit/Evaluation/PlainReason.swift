/// Why a result could not be decided, in words for the people who read the report (issue 13):
/// what is missing, named as a person would name it ("its endpoint region", "the facts' list
/// of DPF-certified vendors"), never in policy syntax, and who can supply it.
struct PlainReason: Sendable {
    /// Where the missing value would come from, which decides who can supply it.
    enum Supplier: Sendable {
        /// The export (or plan) of the workspace.
        case inventory
        /// The organisation's facts file.
        case facts
        /// Segment's catalog (bundled, the export's metadata, or the user's catalog files).
        case catalog
        /// A computation that had no value (overflow, division by zero).
        case arithmetic
    }

    var phrase: String
    var supplier: Supplier

    /// The reason for a node whose value was missing, with what it was derived from when that
    /// is known, and whether the workspace came from a Terraform plan.
    func text(derivation: String?, fromPlan: Bool) -> String {
        switch supplier {
        case .facts:
            return "\(phrase) is not given in the organisation's facts file"
        case .catalog:
            return "\(phrase) is not known: the catalog does not list the integration\(derivation.map { " (\($0))" } ?? "")"
        case .arithmetic:
            return "\(phrase) has no value (a number too large, a division by zero, or a date outside the years 1–9999)"
        case .inventory:
            if derivation == TerraformPlanDecoder.afterApplyEvidence {
                return "\(phrase) is known only after apply: the plan does not know its settings yet"
            }
            if let derivation { return "\(phrase) is not known: \(derivation)" }
            return fromPlan ? "\(phrase) is known only after apply" : "\(phrase) is not in the workspace's export"
        }
    }

    /// What to do about it, in the same terms.
    func remediation(derivation: String?, fromPlan: Bool) -> String {
        switch supplier {
        case .facts:
            return "Add the missing fact to the organisation's facts file (docs/language.md, \"record and fact\"), then run the audit again."
        case .catalog:
            return "Describe the integration in a catalog file of your own (docs/catalog.md), then run the audit again."
        case .arithmetic:
            return "Check the values the policy computes with; then run the audit again."
        case .inventory:
            if fromPlan || derivation == TerraformPlanDecoder.afterApplyEvidence {
                return "Audit the workspace again once the plan is applied (its export), or set the value in the Terraform configuration."
            }
            return "Complete the workspace's export with the missing value (docs/inventory.md), then run the audit again."
        }
    }

    // MARK: - Naming

    /// The words for what `e` reads (a fact, a field of the inventory, a computed value).
    static func of(_ e: Expr, _ bundle: CheckedBundle) -> PlainReason {
        if case .binary(let op, _, _) = e.kind, op.isArithmetic {
            return PlainReason(phrase: "a value the policy computes", supplier: .arithmetic)
        }
        if PolicyProgram.readsFacts(e, bundle) {
            return PlainReason(phrase: factsPhrase(e), supplier: .facts)
        }
        if readsCatalog(e, bundle) {
            return PlainReason(phrase: phrase(e, bundle) ?? "what the catalog says of the integration", supplier: .catalog)
        }
        return PlainReason(phrase: phrase(e, bundle) ?? "a value the policy needs", supplier: .inventory)
    }

    private static func phrase(_ e: Expr, _ bundle: CheckedBundle) -> String? {
        var words: [String] = []
        var e = e
        while true {
            switch e.kind {
            case .member(let base, let field):
                words.insert(noun(field.name), at: 0)
                e = base
            case .index(let base, let key):
                if case .string(let k) = key.kind { words.insert("setting “\(k)”", at: 0) } else { words.insert("entry", at: 0) }
                if case .member(let b, let f) = base.kind, f.name == "settings" { e = b } else { e = base }
            case .name:
                switch bundle.name(e) {
                case .subject?: return "its " + possessive(words)
                case .namespace(.audit)?: return "the audit's " + possessive(words)
                default:
                    if case .record(let kind) = bundle.type(of: e) {
                        return "the \(kind.keyword == kind.typeName.lowercased() ? kind.keyword : kind.typeName)'s " + possessive(words)
                    }
                    return words.isEmpty ? nil : "the " + possessive(words)
                }
            case .call(_, let function, let args):
                if case .catalog(let kind)? = bundle.call(e) {
                    let table = kind == .catalogSource ? "source" : kind == .catalogWarehouse ? "warehouse" : "destination"
                    let named = args.last.flatMap { phrase($0, bundle) } ?? "it"
                    let head = "the catalog's \(table) entry for \(named)"
                    return words.isEmpty ? head : head + "'s " + possessive(words)
                }
                let of = args.first.flatMap { phrase($0, bundle) }
                let head = "the \(humanize(function.name)) of \(of ?? "a value")"
                return words.isEmpty ? head : head + "'s " + possessive(words)
            default:
                return words.isEmpty ? nil : "the " + possessive(words)
            }
        }
    }

    /// `facts.dpfCertified` as "the facts' list of DPF-certified vendors", a declared fact by
    /// its name.
    private static func factsPhrase(_ e: Expr) -> String {
        var e = e
        var fields: [String] = []
        var indexed = false
        while true {
            switch e.kind {
            case .member(let base, let field):
                if case .name = base.kind {
                    var head =
                        switch field.name {
                        case "dpfCertified": "the list of vendors certified under the Data Privacy Framework"
                        case "sccVendors": "the list of vendors with standard contractual clauses"
                        case "bcrVendors": "the list of vendors with binding corporate rules"
                        default: "the fact “\(field.name)”"
                        }
                    if indexed { head += " for this resource" }
                    if !fields.isEmpty { head = "the \(fields.reversed().joined(separator: " ")) in " + head }
                    return head
                }
                fields.append(humanize(field.name))
                e = base
            case .index(let base, _):
                indexed = true
                e = base
            default:
                return "a fact the policy needs"
            }
        }
    }

    /// Whether `e` reads what the catalog says: through a resource's `integration`, or a
    /// `catalog.…(name)` look-up.
    private static func readsCatalog(_ e: Expr, _ bundle: CheckedBundle) -> Bool {
        var e = e
        while true {
            switch e.kind {
            case .member(let base, let field):
                if field.name == "integration" { return true }
                e = base
            case .index(let base, _): e = base
            case .call:
                if case .catalog? = bundle.call(e) { return true }
                return false
            default: return false
            }
        }
    }

    /// `workspace`, `region` as "workspace's region".
    private static func possessive(_ words: [String]) -> String {
        words.enumerated().map { k, w in k < words.count - 1 ? w + "'s" : w }.joined(separator: " ")
    }

    /// A field as a noun: the few whose name is not one, spelled out; the rest humanised.
    private static func noun(_ field: String) -> String {
        switch field {
        case "enabled": "enabled flag"
        case "euWorkspace": "availability in EU workspaces"
        case "usWorkspace": "availability in US workspaces"
        case "euEndpoint": "EU endpoint"
        case "usEndpoint": "US endpoint"
        case "cloud": "cloud-source flag"
        case "requiresCidr": "need for an allowed IP range"
        case "isCloudSource": "cloud-source flag"
        case "useSegmentEndpoints": "useSegmentEndpoints setting"
        default: humanize(field)
        }
    }

    /// `apiHost` as "API host", `dataSubjects` as "data subjects".
    static func humanize(_ name: String) -> String {
        var words: [String] = []
        var current = ""
        for c in name {
            if c.isUppercase, !current.isEmpty, !(current.last?.isUppercase ?? false) {
                words.append(current)
                current = ""
            }
            current.append(c)
        }
        if !current.isEmpty { words.append(current) }
        let acronyms: Set<String> = ["sdk", "api", "url", "id", "cdn", "eu", "us", "dpf", "scc", "bcr", "cidr", "cidrs", "dpa"]
        return words.map { w in
            let l = w.lowercased()
            if acronyms.contains(l) { return l == "cidrs" ? "CIDRs" : l.uppercased() }
            return l
        }.joined(separator: " ")
    }
}
