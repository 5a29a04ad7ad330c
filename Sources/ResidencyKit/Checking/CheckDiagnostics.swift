/// Diagnostics of the checker, declared next to each other so that every code is unique
/// and its wording is reviewed in one place. Codes E01xx are names and types, E02xx the
/// structure of declarations, E03xx limits; W01xx are warnings. Documented in docs/diagnostics.md.
extension Diagnostic {
    static func unknownName(_ name: String, at r: SourceRange, candidates: [String], help: String? = nil) -> Diagnostic {
        .error(.E0101, "unknown name `\(name)`", at: r, help: help ?? Suggestions.didYouMean(name, in: candidates))
    }
    static func orderedEnumeration(_ type: EnumType, _ op: String, at r: SourceRange) -> Diagnostic {
        .warning(
            .W0104, "`\(op)` orders \(type.name)s by their spelling, which means nothing about them", at: r,
            help: "compare with `==`, `!=` or `in [\(type.quotedValues)]`")
    }
    static func existsNeverMissing(_ text: String, at r: SourceRange) -> Diagnostic {
        .warning(
            .W0105, "`\(text)` is never missing, so `exists(…)` of it is always true", at: r,
            help: "the schema (docs/language.md) marks the fields that may be missing")
    }
    static func permitWithoutCondition(_ id: String, at r: SourceRange) -> Diagnostic {
        .warning(
            .W0106,
            "permit \(id) has no `where`: it permits every result of the policies it names, whatever the resource, "
                + "and an undecided one too (whether data leaves the EU is then never asked)",
            at: r,
            help: "say which transfers the basis covers, e.g. `where d.vendor in facts.dpfCertified`; a permit meant "
                + "for every resource can say so with `where true`")
    }
    static func unknownField(
        _ name: String, on type: String, at r: SourceRange, candidates: [String], help: String? = nil
    ) -> Diagnostic {
        .error(
            .E0102, "unknown field `\(name)` on \(type)", at: r,
            help: Suggestions.didYouMean(name, in: candidates) ?? help ?? "\(type) has: \(candidates.joined(separator: ", "))")
    }
    static func unknownFunction(_ name: String, at r: SourceRange, candidates: [String]) -> Diagnostic {
        .error(
            .E0103, "unknown function `\(name)`", at: r,
            help: Suggestions.didYouMean(name, in: candidates) ?? "see docs/language.md for the built-in functions")
    }
    static func wrongArity(_ name: String, expected: Int, found: Int, signature: String, at r: SourceRange) -> Diagnostic {
        .error(
            .E0104, "`\(name)` takes \(expected) argument\(expected == 1 ? "" : "s"), found \(found)", at: r,
            help: "the signature is \(signature)")
    }
    static func argumentType(_ name: String, _ message: String, signature: String, at r: SourceRange) -> Diagnostic {
        .error(.E0105, "wrong argument to `\(name)`: \(message)", at: r, help: "the signature is \(signature)")
    }
    static func typeMismatch(_ message: String, at r: SourceRange, help: String? = nil) -> Diagnostic {
        .error(.E0106, message, at: r, help: help)
    }
    static func unknownEnumValue(_ value: String, _ type: EnumType, at r: SourceRange) -> Diagnostic {
        .error(
            .E0107,
            "\"\(value)\" is not a \(type.name); expected one of \(type.quotedValues)",
            at: r, help: Suggestions.didYouMean(value: value, in: type.values))
    }
    static func notARecord(_ field: String, type: ValueType, at r: SourceRange) -> Diagnostic {
        let help: String? =
            if case .list = type {
                "this is a list: use `every x in …: x.\(field) …` or `some x in …: …`"
            } else { nil }
        return .error(.E0108, "cannot read field `\(field)` of a \(type)", at: r, help: help)
    }
    static func unknownType(_ name: String, at r: SourceRange, candidates: [String]) -> Diagnostic {
        .error(.E0109, "unknown type `\(name)`", at: r, help: Suggestions.didYouMean(name, in: candidates))
    }
    static func invalidRegex(_ message: String, at r: SourceRange) -> Diagnostic {
        .error(.E0110, "invalid regular expression: \(message)", at: r)
    }
    static func builtInName(_ name: String, _ what: String, at r: SourceRange, help: String? = nil) -> Diagnostic {
        .error(.E0212, "`\(name)` is \(what) and cannot be declared", at: r, help: help)
    }
    static func recordContainsItself(_ name: String, at r: SourceRange) -> Diagnostic {
        .error(
            .E0213, "record `\(name)` contains itself", at: r,
            help: "a facts record is a finite tree: refer to another record by its name, as a string")
    }
    static func constantArithmetic(_ problem: String, at r: SourceRange) -> Diagnostic {
        .error(
            .E0117, "\(problem) in a constant", at: r,
            help: "integers are exact (64-bit): a result that does not fit, or a division by zero, has no value")
    }
    static func invalidCIDR(_ message: String, at r: SourceRange) -> Diagnostic {
        .error(.E0111, "invalid CIDR: \(message)", at: r)
    }
    static func namespaceMisuse(_ ns: Namespace, at r: SourceRange) -> Diagnostic {
        let help =
            switch ns {
            case .catalog: "use catalog.destination(name), catalog.source(name) or catalog.warehouse(name)"
            case .facts: "read a fact with facts.dpfCertified, facts.sccVendors or facts.bcrVendors"
            case .audit: "use audit.date"
            case .workspaces: "`workspaces` is a list: `some o in workspaces: …`"
            }
        return .error(.E0112, "`\(ns.rawValue)` is not a value", at: r, help: help)
    }
    static func defineNotCalled(_ name: String, at r: SourceRange) -> Diagnostic {
        .error(.E0113, "`\(name)` is a define and must be called", at: r, help: "write `\(name)(…)`")
    }
    static func notCallable(_ name: String, at r: SourceRange) -> Diagnostic {
        .error(.E0114, "`\(name)` is not a function", at: r)
    }
    static func nonConstantParamDefault(_ name: String, at r: SourceRange) -> Diagnostic {
        .error(
            .E0115, "the default of param `\(name)` must be a literal", at: r,
            help: "a default is written like `false`, `\"eu\"`, `2025-04-03` or `[\"EU\"]`")
    }
    static func unsupportedParamType(_ type: ValueType, at r: SourceRange) -> Diagnostic {
        .error(
            .E0116, "a param cannot have type \(type)", at: r,
            help: "params are bool, int, string, date, cidr or list<string>")
    }

    static func builtInPolicyID(_ name: String, at r: SourceRange) -> Diagnostic {
        .error(
            .E0214, "`\(name)` is the id of a built-in policy", at: r,
            help: "give this one another id: a waiver or permit naming `\(name)` would otherwise reach the built-in "
                + "policy's results, and reports would list the two as one")
    }
    static func duplicateDeclaration(_ what: String, _ name: String, at r: SourceRange, first: SourceRange) -> Diagnostic {
        Diagnostic.error(.E0201, "duplicate \(what) `\(name)`", at: r)
            .noting("first declared here", at: first)
    }
    static func missingClause(_ clause: String, in what: String, example: String, at r: SourceRange) -> Diagnostic {
        .error(.E0202, "\(what) has no `\(clause)` clause", at: r, help: "add `\(example)`")
    }
    static func unknownSeverity(_ value: String, at r: SourceRange) -> Diagnostic {
        .error(
            .E0203, "unknown severity `\(value)`; expected error, warning or info", at: r,
            help: Suggestions.didYouMean(value, in: ["error", "warning", "info"]))
    }
    static func unknownResourceKind(_ value: String, at r: SourceRange) -> Diagnostic {
        .error(
            .E0204, "unknown resource kind `\(value)`; expected workspace, source, destination or warehouse", at: r,
            help: Suggestions.didYouMean(value, in: RecordKind.resourceKinds.keys.sorted()))
    }
    static func unknownPermitTarget(_ id: String, at r: SourceRange, candidates: [String]) -> Diagnostic {
        .error(.E0205, "permit names unknown policy `\(id)`", at: r, help: Suggestions.didYouMean(id, in: candidates))
    }
    static func permitTargetIsPermit(_ id: String, at r: SourceRange) -> Diagnostic {
        .error(.E0206, "`\(id)` is a permit; a permit can only permit policies", at: r)
    }
    static func permitKindMismatch(
        _ permit: String, _ kind: RecordKind, _ policy: String, _ policyKind: RecordKind,
        at r: SourceRange
    ) -> Diagnostic {
        .error(
            .E0207, "permit \(permit) ranges over \(kind.keyword)s but policy \(policy) ranges over \(policyKind.keyword)s",
            at: r, help: "write `for \(policyKind.keyword) …` in the permit")
    }
    static func recursiveDefine(_ cycle: [String], at r: SourceRange) -> Diagnostic {
        .error(
            .E0208, "define `\(cycle[0])` is recursive: \(cycle.joined(separator: " → "))", at: r,
            help: "defines cannot call themselves, directly or through others, so that every policy terminates")
    }
    static func cyclicLet(_ name: String, at r: SourceRange) -> Diagnostic {
        .error(.E0209, "let `\(name)` depends on itself", at: r)
    }
    static func conflictingImport(_ name: String, at r: SourceRange, other: SourceRange) -> Diagnostic {
        Diagnostic.error(.E0210, "`\(name)` is declared more than once in this file's scope", at: r)
            .noting("also declared here", at: other)
    }
    static func shadowing(_ name: String, at r: SourceRange) -> Diagnostic {
        .error(.E0211, "`\(name)` is already bound here", at: r, help: "choose another variable name")
    }

    static func quantifierDepth(limit: Int, at r: SourceRange) -> Diagnostic {
        .error(
            .E0301, "quantifiers nest more than \(limit) deep (counting those inside called defines)", at: r,
            help: "each nesting level multiplies the work per resource; split the policy")
    }
    static func programTooLarge(_ size: Int, limit: Int, at r: SourceRange) -> Diagnostic {
        .error(.E0302, "this policy expands to \(size) expression nodes once defines are inlined (the limit is \(limit))", at: r)
    }

    static func defineChainTooLong(_ name: String, limit: Int, at r: SourceRange) -> Diagnostic {
        .error(
            .E0303, "define `\(name)` starts a chain of more than \(limit) defines calling each other", at: r,
            help: "flatten the helpers; long chains make policies hard to read and to bound")
    }

    static func unusedLet(_ name: String, at r: SourceRange) -> Diagnostic {
        .warning(.W0101, "let `\(name)` is never used", at: r, help: "remove it, or use it in a policy")
    }
    static func unusedDefine(_ name: String, at r: SourceRange) -> Diagnostic {
        .warning(.W0102, "define `\(name)` is never used", at: r, help: "remove it, or call it from a policy")
    }
    static func missingMessage(_ id: String, at r: SourceRange) -> Diagnostic {
        .warning(
            .W0103, "policy \(id) has no `message`; its findings will show only the title", at: r,
            help: "add `message \"…\"` saying what is wrong, with {…} for the values")
    }
}
