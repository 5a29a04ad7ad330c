/// Every policy says how bad it is, what it ranges over and what it requires; every permit
/// names existing policies over the same kind of resource and records a legal basis.
extension Checker {
    static func checkStructure(_ ctx: CheckContext) {
        for i in ctx.bundle.policies.indices {
            let p = ctx.bundle.policies[i].decl
            let what = "policy \(p.id.name)"
            if let sev = p.severity {
                if let s = PolicySeverity(rawValue: sev.name) {
                    ctx.bundle.policies[i].severity = s
                } else {
                    ctx.report(.unknownSeverity(sev.name, at: sev.range))
                }
            } else {
                ctx.report(.missingClause("severity", in: what, example: "severity error", at: p.id.range))
            }
            checkSubject(ctx, p.subject, what, at: p.id.range)
            if p.requirement == nil {
                ctx.report(.missingClause("require", in: what, example: "require <condition>", at: p.id.range))
            }
            if p.message == nil { ctx.report(.missingMessage(p.id.name, at: p.id.range)) }
        }
        for i in ctx.bundle.permits.indices {
            let p = ctx.bundle.permits[i].decl
            let what = "permit \(p.id.name)"
            let subjectOK = checkSubject(ctx, p.subject, what, at: p.id.range)
            if p.permits.isEmpty {
                ctx.report(.missingClause("permits", in: what, example: "permits RES-001", at: p.id.range))
            }
            if subjectOK, p.condition == nil { ctx.report(.permitWithoutCondition(p.id.name, at: p.id.range)) }
            if p.basis == nil {
                ctx.report(
                    .missingClause(
                        "basis", in: what, example: "basis \"the legal basis, e.g. GDPR Art. 45\"",
                        at: p.id.range))
            }
            for target in p.permits {
                guard let (isPermit, j) = ctx.ids[target.name] else {
                    ctx.report(
                        .unknownPermitTarget(
                            target.name, at: target.range,
                            candidates: ctx.bundle.policies.map(\.id)))
                    continue
                }
                if isPermit {
                    ctx.report(.permitTargetIsPermit(target.name, at: target.range))
                    continue
                }
                let policy = ctx.bundle.policies[j]
                if subjectOK, policy.decl.subject.flatMap({ RecordKind.resourceKinds[$0.kind.name] }) != nil,
                    policy.kind != ctx.bundle.permits[i].kind
                {
                    ctx.report(
                        .permitKindMismatch(
                            p.id.name, ctx.bundle.permits[i].kind, target.name, policy.kind,
                            at: p.subject?.kind.range ?? target.range))
                    continue
                }
                ctx.bundle.permits[i].targets.append(j)
                ctx.bundle.policies[j].permits.append(i)
            }
        }
    }

    @discardableResult
    private static func checkSubject(_ ctx: CheckContext, _ subject: Subject?, _ what: String, at r: SourceRange) -> Bool {
        guard let subject else {
            ctx.report(.missingClause("for", in: what, example: "for destination d", at: r))
            return false
        }
        guard RecordKind.resourceKinds[subject.kind.name] != nil else {
            ctx.report(.unknownResourceKind(subject.kind.name, at: subject.kind.range))
            return false
        }
        return true
    }

    static func checkUnused(_ ctx: CheckContext) {
        // A file other files import is a library: its declarations are its interface, and
        // files not loaded this time may use them.
        let libraries = Set(ctx.sources.imports.enumerated().flatMap { i, targets in targets.filter { $0 != i } })
        for (i, c) in ctx.bundle.constants.enumerated() where !ctx.usedConstants.contains(i) && !libraries.contains(c.file) {
            ctx.report(.unusedLet(c.decl.name.name, at: c.decl.name.range))
        }
        for (i, d) in ctx.bundle.defines.enumerated() where !ctx.usedDefines.contains(i) && !libraries.contains(d.file) {
            ctx.report(.unusedDefine(d.decl.name.name, at: d.decl.name.range))
        }
    }
}
