/// A value a policy looked at: the expression as written and the value it had.
public struct Evidence: Sendable, Hashable, Codable {
    public var expression: String
    public var value: String
    /// For a derived value, what it rests on and where: `settings.endpoint = "north_america"
    /// (acme-eu.json:41:55)`, or the catalog row and who decided.
    public var from: String?
    public init(expression: String, value: String, from: String? = nil) {
        self.expression = expression
        self.value = value
        self.from = from
    }
}

/// One (policy, resource) result with everything a report shows: the message, why the
/// outcome came about, and the values it was decided on.
///
/// What only some results say (a message, a reason, a permit, a waiver …; a pass says none of
/// it) is kept behind one copy-on-write reference, `details`: a night's 600,000 results are
/// then 128 bytes each rather than 296, and copying a pass retains a few references rather than
/// a dozen. The properties read and write as plain stored ones.
public struct Finding: Sendable, Hashable {
    public var policy: String
    public var title: String
    public var severity: PolicySeverity
    public var outcome: Outcome
    public var workspace: String
    public var resourceKind: String
    public var resourceId: String
    public var resourceName: String
    public var evidence: [Evidence]
    /// A stable key of (policy, workspace id, resource kind, resource id): it survives the
    /// inventory's order and a resource's display name changing. Baselines match on it.
    public var fingerprint: String = ""
    private var details: DetailsBox?

    /// The optional parts of a finding, together.
    ///
    /// A message or remediation read back from a result document may be kept as the numbers of
    /// its pieces in its workspace's strings (`messagePieces`), joined when it is read: a night's
    /// 131,000 failed and permitted results then hold some 50 bytes of numbers each where the
    /// joined texts and their breaks were some 400. Two details are equal when they say the
    /// same, however each text is kept.
    struct Details: Sendable, Hashable {
        var message: String?
        var remediation: String?
        var reason: String?
        var permit: String?
        var basis: String?
        var change: Change?
        var waiver: WaiverNote?
        var messageBreaks: [UInt32] = []
        var remediationBreaks: [UInt32] = []
        /// When set, the message (and its breaks) is these pieces, and `message` is not read.
        var messagePieces: Pieces?
        var remediationPieces: Pieces?

        var fullMessage: String? { messagePieces?.text ?? message }
        var fullMessageBreaks: [UInt32] { messagePieces?.breaks ?? messageBreaks }
        var fullRemediation: String? { remediationPieces?.text ?? remediation }
        var fullRemediationBreaks: [UInt32] { remediationPieces?.breaks ?? remediationBreaks }

        /// Whether these details say nothing: the same as `== Details()`, without building an
        /// empty one and joining texts to compare with it (each finding of a night asked).
        var isEmpty: Bool {
            message == nil && remediation == nil && reason == nil && permit == nil && basis == nil && change == nil
                && waiver == nil && messageBreaks.isEmpty && remediationBreaks.isEmpty && messagePieces == nil
                && remediationPieces == nil
        }

        /// The texts kept as pieces joined, before one of them is changed.
        mutating func join() {
            if let p = messagePieces { (message, messageBreaks, messagePieces) = (p.text, p.breaks, nil) }
            if let p = remediationPieces { (remediation, remediationBreaks, remediationPieces) = (p.text, p.breaks, nil) }
        }

        static func == (a: Details, b: Details) -> Bool {
            a.fullMessage == b.fullMessage && a.fullMessageBreaks == b.fullMessageBreaks
                && a.fullRemediation == b.fullRemediation && a.fullRemediationBreaks == b.fullRemediationBreaks
                && a.reason == b.reason && a.permit == b.permit && a.basis == b.basis && a.change == b.change
                && a.waiver == b.waiver
        }

        func hash(into h: inout Hasher) {
            h.combine(fullMessage)
            h.combine(fullRemediation)
            h.combine(reason)
            h.combine(permit)
            h.combine(basis)
            h.combine(change)
            h.combine(waiver)
        }
    }

    /// A text as the numbers of its pieces in a table of strings (a workspace record's).
    struct Pieces: Sendable {
        let strings: [String]
        let numbers: [UInt32]

        var text: String {
            guard numbers.count > 1 else { return numbers.first.map { strings[Int($0)] } ?? "" }
            var text = ""
            text.reserveCapacity(numbers.reduce(0) { $0 + strings[Int($1)].utf8.count })
            for n in numbers { text += strings[Int(n)] }
            return text
        }

        /// Where the pieces meet, as UTF-8 offsets; none for a text of one piece.
        var breaks: [UInt32] {
            guard numbers.count > 1 else { return [] }
            var breaks: [UInt32] = []
            breaks.reserveCapacity(numbers.count - 1)
            var at = 0
            for n in numbers.dropLast() {
                at += strings[Int(n)].utf8.count
                breaks.append(UInt32(at))
            }
            return breaks
        }
    }

    /// `Details` shared between copies until one of them changes it.
    final class DetailsBox: @unchecked Sendable, Hashable {
        // Mutated only while uniquely referenced (`Finding.update`): never while shared.
        var value: Details

        /// Takes the details given (`consuming`): a read document boxes 130,000 of them, and
        /// each was copied field by field into its box, then destroyed.
        init(_ value: consuming Details) { self.value = value }

        static func == (a: DetailsBox, b: DetailsBox) -> Bool { a === b || a.value == b.value }
        func hash(into hasher: inout Hasher) { value.hash(into: &hasher) }
    }

    /// Whether the finding has no details at all: no message, remediation, reason, permit,
    /// basis, change or waiver (details that say nothing are no box, `update`). Answered
    /// without reading the fields one by one, which joins a message kept as pieces.
    var hasNoDetails: Bool { details == nil }

    /// All the details at once (a reader that has every one of them: one box, not one per field).
    mutating func setDetails(_ d: consuming Details) {
        details = d.isEmpty ? nil : DetailsBox(d)
    }

    /// One of the details, read from or changed in the box; `empty` when there is no box.
    private subscript<T>(detail key: WritableKeyPath<Details, T>, empty empty: T) -> T {
        get { details?.value[keyPath: key] ?? empty }
        set { update { $0[keyPath: key] = newValue } }
    }

    /// Changes the details: in place when this finding alone holds them, else in a new box.
    /// Details that say nothing are no box at all, so equal findings compare equal.
    private mutating func update(_ change: (inout Details) -> Void) {
        if details != nil, isKnownUniquelyReferenced(&details!) {
            change(&details!.value)
            if details!.value.isEmpty { details = nil }
        } else {
            var d = details?.value ?? Details()
            change(&d)
            details = d.isEmpty ? nil : DetailsBox(d)
        }
    }

    /// The policy's message, for outcomes other than pass and not-applicable.
    public var message: String? {
        get { details?.value.fullMessage }
        set {
            update {
                $0.join()
                $0.message = newValue
            }
        }
    }
    public var remediation: String? {
        get { details?.value.fullRemediation }
        set {
            update {
                $0.join()
                $0.remediation = newValue
            }
        }
    }
    /// Why the outcome is what it is, in words (which value was unknown, which permit applied).
    public var reason: String? {
        get { self[detail: \.reason, empty: nil] }
        set { self[detail: \.reason, empty: nil] = newValue }
    }
    /// For permitted results: the permit and the legal basis it records.
    public var permit: String? {
        get { self[detail: \.permit, empty: nil] }
        set { self[detail: \.permit, empty: nil] = newValue }
    }
    public var basis: String? {
        get { self[detail: \.basis, empty: nil] }
        set { self[detail: \.basis, empty: nil] = newValue }
    }
    /// Against a baseline (`--baseline`), what a fail or indeterminate result is.
    public enum Change: String, Sendable, Hashable, CaseIterable {
        /// The baseline did not have it.
        case new
        /// The baseline had it too (matched by fingerprint).
        case unchanged
    }

    /// Against a baseline: `new` or `unchanged` for fail and indeterminate results.
    public var change: Change? {
        get { self[detail: \.change, empty: nil] }
        set { self[detail: \.change, empty: nil] = newValue }
    }
    /// The waiver that covers (or, expired, no longer covers) this result.
    public var waiver: WaiverNote? {
        get { self[detail: \.waiver, empty: nil] }
        set { self[detail: \.waiver, empty: nil] = newValue }
    }
    /// Where the pieces of `message` and `remediation` meet, as UTF-8 offsets: the policy's
    /// own text and each value put into it. The result document stores a text as its pieces,
    /// so that what a policy says of every resource is written once per workspace (schema 3).
    /// Empty for a text of one piece.
    public var messageBreaks: [UInt32] {
        get { details?.value.fullMessageBreaks ?? [] }
        set {
            update {
                $0.join()
                $0.messageBreaks = newValue
            }
        }
    }
    public var remediationBreaks: [UInt32] {
        get { details?.value.fullRemediationBreaks ?? [] }
        set {
            update {
                $0.join()
                $0.remediationBreaks = newValue
            }
        }
    }

    /// A finding of empty texts, which holds no references: what a result moved out of an
    /// array leaves in its place (`Array.appendMoving`).
    static let empty = Finding(
        policy: "", title: "", severity: .info, outcome: .notApplicable, workspace: "", resourceKind: "", resourceId: "",
        resourceName: "", evidence: [])

    public struct WaiverNote: Sendable, Hashable {
        public var approvedBy: String
        public var reason: String
        public var expires: String
        public var expired: Bool
    }

    /// The fingerprint of a (policy, workspace, resource): 60 bits of FNV-1a in 15 hex
    /// digits (short enough for Swift's inline strings: a million results, no allocation).
    public static func fingerprint(policy: String, workspaceID: String, kind: String, resourceID: String) -> String {
        fingerprint(seed: fingerprintSeed(policy: policy, workspaceID: workspaceID, kind: kind), resourceID: resourceID)
    }

    /// The hash of a fingerprint's first three parts: the same for every result of one policy
    /// in one workspace, so a reader or writer of a group of results mixes it once.
    static func fingerprintSeed(policy: String, workspaceID: String, kind: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        mix(policy, &h)
        mix(workspaceID, &h)
        mix(kind, &h)
        return h
    }

    /// The fingerprint from its seed and the resource id. Computed for every result of a run
    /// (600,000 in a night): no array of the parts and no intermediate strings, just the hash
    /// and its 15 hex digits written in place.
    static func fingerprint(seed: UInt64, resourceID: String) -> String {
        let value = fingerprintValue(seed: seed, resourceID: resourceID)
        return String(unsafeUninitializedCapacity: 15) { buffer in
            for i in 0..<15 { buffer[i] = fingerprintDigit(value, i) }
            return 15
        }
    }

    /// Whether `fingerprint` is the one `fingerprint(seed:resourceID:)` gives, without building
    /// it: the result document leaves out a fingerprint the reader can compute, and asks for
    /// each of a night's 600,000 results.
    ///
    /// The digits are compared as two words, the first eight and the last eight (the eighth in
    /// both): digit by digit through a closure, the comparison cost three times the hash.
    static func isFingerprint(_ fingerprint: String, seed: UInt64, resourceID: String) -> Bool {
        guard fingerprint.utf8.count == 15 else { return false }
        let value = fingerprintValue(seed: seed, resourceID: resourceID)
        var first: UInt64 = 0, last: UInt64 = 0
        for i in 0..<8 {
            first |= UInt64(fingerprintDigit(value, i)) << UInt64(8 * i)
            last |= UInt64(fingerprintDigit(value, 7 + i)) << UInt64(8 * i)
        }
        var written = fingerprint
        return written.withUTF8 { bytes in
            guard let p = bytes.baseAddress.map(UnsafeRawPointer.init) else { return false }
            return UInt64(littleEndian: p.loadUnaligned(as: UInt64.self)) == first
                && UInt64(littleEndian: (p + 7).loadUnaligned(as: UInt64.self)) == last
        }
    }

    /// The 60 bits a fingerprint spells: the hash of its parts, shifted right by 4.
    private static func fingerprintValue(seed: UInt64, resourceID: String) -> UInt64 {
        var h = seed
        mix(resourceID, &h)
        return h >> 4
    }

    /// Hex digit `i` (0 the most significant) of a fingerprint's 15.
    @inline(__always)
    private static func fingerprintDigit(_ value: UInt64, _ i: Int) -> UInt8 {
        JSONBytes.hexDigit(UInt8(truncatingIfNeeded: value >> UInt64(4 * (14 - i))) & 0xF)
    }

    /// What a failing or undecided result rests on, as a baseline compares it: its outcome and
    /// each derived value of its evidence (`d.endpoint.region = "us"`, `d.vendor = "Braze"`:
    /// the rows with a `from`), without their places in the files. The fingerprint names the
    /// (policy, resource); this says whether the problem is the one the baseline accepted. A
    /// destination that moved from one US endpoint to a Japanese one, a replaced Terraform
    /// resource of another vendor at the same address, a transfer that was undecided and is now
    /// a failure: each keeps its fingerprint, and each is a new problem. A renamed resource or
    /// workspace is not (names are not derived values).
    public var substance: UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        Self.mix(outcome.rawValue, &h)
        for e in evidence where e.from != nil {
            Self.mix(e.expression, &h)
            Self.mix(e.value, &h)
        }
        return h
    }

    /// FNV-1a over a part's UTF-8 and a separator byte.
    @inline(__always)
    private static func mix(_ part: String, _ h: inout UInt64) {
        func bytes(_ b: some Sequence<UInt8>) {
            for byte in b {
                h ^= UInt64(byte)
                h = h &* 0x100_0000_01b3
            }
        }
        if part.utf8.withContiguousStorageIfAvailable({ bytes($0) }) == nil { bytes(part.utf8) }
        h ^= 0xff
        h = h &* 0x100_0000_01b3
    }
}

extension Finding {
    // Outside the struct, so that it keeps its memberwise initialiser, which this one calls
    // (through `details`, a label only that one has): built field by field by an initialiser
    // of its own, each finding was copied whole on its way to the caller and the first
    // released, for every pass and not-applicable of a run.
    public init(
        policy: String, title: String, severity: PolicySeverity, outcome: Outcome, workspace: String, resourceKind: String,
        resourceId: String, resourceName: String, message: String? = nil, remediation: String? = nil,
        reason: String? = nil, permit: String? = nil, basis: String? = nil, evidence: [Evidence], fingerprint: String = "",
        change: Change? = nil, waiver: WaiverNote? = nil, messageBreaks: [UInt32] = [], remediationBreaks: [UInt32] = []
    ) {
        // Most findings are built without details (every pass, and each failing result before
        // `setDetails`): they are not gathered into an empty box to be thrown away.
        let detailed =
            message != nil || remediation != nil || reason != nil || permit != nil || basis != nil || change != nil
            || waiver != nil || !messageBreaks.isEmpty || !remediationBreaks.isEmpty
        self.init(
            policy: policy, title: title, severity: severity, outcome: outcome, workspace: workspace,
            resourceKind: resourceKind, resourceId: resourceId, resourceName: resourceName, evidence: evidence,
            fingerprint: fingerprint,
            details: detailed
                ? DetailsBox(
                    Details(
                        message: message, remediation: remediation, reason: reason, permit: permit, basis: basis,
                        change: change, waiver: waiver, messageBreaks: messageBreaks, remediationBreaks: remediationBreaks))
                : nil)
    }
}

/// Every step of an evaluation, for `explain`: each traced sub-expression and its value.
package struct Explanation: Sendable {
    var finding: Finding
    /// Every traced sub-expression with its value, in evaluation order (operands before the
    /// expression they make up).
    var steps: [Evidence]
    /// For each step, the clause it belongs to: `where`, `require`, `permit RES-002`, or
    /// `define NAME` for expressions inside a called helper.
    var clauses: [String]
}

extension PolicyProgram {
    /// The most evidence items one finding carries (quantifiers can read many values).
    static let evidenceLimit = 24

    /// Turns a raw result into a finding, re-running the policy with tracing on to collect
    /// the evidence. Only results that a report shows need this, so the fast path stays lean.
    func describe(_ r: RawResult, in ctx: EvalContext) -> Finding {
        var trace: [(node: Int32, value: Value)] = []
        return traced(r, Frame(ctx: ctx, slotCount: slotCount), seed: nil, trace: &trace)
    }

    /// The findings of one workspace as reports record them, in order, sharing one frame
    /// rather than allocating one per result, each moved straight into its place: full detail
    /// (message, reason, evidence) for the outcomes that need explaining, and only the resource
    /// for passes and not-applicable ones, whose evidence `describe`/`explain` give on demand.
    /// This keeps a nightly run of a million results from re-running every pass with tracing on.
    func reportFindings(_ results: [RawResult], in ctx: EvalContext, into out: inout PartWriter<Finding>) {
        let frame = Frame(ctx: ctx, slotCount: slotCount)
        // The fingerprint's hash of policy, workspace and kind, mixed once per policy.
        var seed: (policy: Int32, hash: UInt64) = (-1, 0)
        for r in results {
            if seed.policy != Int32(r.policy) {
                let p = reports[Int(r.policy)]
                seed = (
                    Int32(r.policy),
                    Finding.fingerprintSeed(policy: p.id, workspaceID: ctx.model.workspace.id, kind: p.kind.keyword)
                )
            }
            guard r.outcome == .pass || r.outcome == .notApplicable else {
                var trace: [(node: Int32, value: Value)] = []
                out.append(traced(r, frame, seed: seed.hash, trace: &trace))
                continue
            }
            // A pass or not-applicable result carries only its resource, built where it is
            // stored: returned from a function, it was built, copied and destroyed.
            let p = Int(r.policy), i = Int(r.resource)
            let id = ctx.model.id(of: reports[p].kind, i)
            out.append(
                Finding(
                    policy: reports[p].id, title: reports[p].title, severity: reports[p].severity, outcome: r.outcome,
                    workspace: ctx.model.workspace.slug, resourceKind: reports[p].kind.keyword, resourceId: id,
                    resourceName: ctx.model.name(of: reports[p].kind, i), evidence: [],
                    fingerprint: Finding.fingerprint(seed: seed.hash, resourceID: id)))
        }
    }

    /// Re-runs one (policy, resource) with every node traced.
    package func explain(_ r: RawResult, in ctx: EvalContext) -> Explanation {
        let frame = Frame(ctx: ctx, slotCount: slotCount)
        let (finding, trace) = traced(r, frame)
        var steps: [Evidence] = []
        var clauses: [String] = []
        for (k, (node, value)) in trace.enumerated() {
            let e = tracedNodes[Int(node)]
            // A bare name of a record (`d`, `facts`) says nothing its fields do not.
            if case .name = e.kind, case .ref = value { continue }
            let step = Evidence(
                expression: nodeTexts[Int(node)].split(whereSeparator: \.isWhitespace).joined(separator: " "),
                value: ctx.evidenceText(value), from: frame.derivations[k].map(frame.describe))
            let clause = clause(of: e, policy: Int(r.policy))
            // A condition is traced as a value and as a truth value: show it once (with the
            // derivation, which only the value read records).
            if let last = steps.last, last.expression == step.expression, last.value == step.value, clauses.last == clause {
                continue
            }
            steps.append(step)
            clauses.append(clause)
        }
        return Explanation(finding: finding, steps: steps, clauses: clauses)
    }

    /// Every expression a traced run of one result evaluated, with its value, in evaluation
    /// order (test coverage reads which branches a test took).
    func trace(_ r: RawResult, in ctx: EvalContext) -> (outcome: Outcome, permit: String?, steps: [(expr: Expr, value: Value)]) {
        let (finding, trace) = traced(r, Frame(ctx: ctx, slotCount: slotCount))
        return (finding.outcome, finding.permit, trace.map { (tracedNodes[Int($0.node)], $0.value) })
    }

    /// Which clause of the policy (or of one of its permits, or which define) a traced
    /// expression was written in, from where it is in the source.
    private func clause(of e: Expr, policy p: Int) -> String {
        func inside(_ outer: Expr?) -> Bool {
            guard let outer, outer.range.file == e.range.file else { return false }
            return outer.range.start.offset <= e.range.start.offset && e.range.end.offset <= outer.range.end.offset
        }
        let decl = bundle.policies[p].decl
        if inside(decl.condition) { return "where" }
        if inside(decl.requirement) { return "require" }
        for k in bundle.policies[p].permits where inside(bundle.permits[k].decl.condition) {
            return "permit \(bundle.permits[k].id)"
        }
        if let d = bundle.defines.first(where: { inside($0.decl.body) }) { return "define \(d.decl.name.name)" }
        return "message"
    }

    /// The finding of one traced run in `frame`, and the trace itself.
    private func traced(_ r: RawResult, _ frame: Frame) -> (Finding, [(node: Int32, value: Value)]) {
        var trace: [(node: Int32, value: Value)] = []
        let finding = traced(r, frame, seed: nil, trace: &trace)
        return (finding, trace)
    }

    /// `traced` with the trace left in `trace` and the finding returned alone (a tuple of
    /// the two cost a copy of every failing result's finding), its fingerprint from `seed`
    /// (the policy's, workspace's and kind's hash) when the caller has it.
    private func traced(
        _ r: RawResult, _ frame: Frame, seed: UInt64?, trace: inout [(node: Int32, value: Value)]
    ) -> Finding {
        let p = Int(r.policy)
        let policy = reports[p]
        let ctx = frame.ctx
        frame[slot: 0] = .ref(policy.kind, r.resource)
        frame.trace = []
        frame.trace?.reserveCapacity(64)
        frame.derivations.removeAll(keepingCapacity: true)
        let (outcome, permit) = decide(traced[p], bundle.policies[p].permits, tracedPermits, frame)
        trace = frame.trace ?? []
        frame.trace = nil

        let resourceID = ctx.model.id(of: policy.kind, Int(r.resource))
        // Computed here, in the parallel pass that builds findings, not in a serial one after.
        let seed =
            seed ?? Finding.fingerprintSeed(policy: policy.id, workspaceID: ctx.model.workspace.id, kind: policy.kind.keyword)
        var finding = Finding(
            policy: policy.id, title: policy.title, severity: policy.severity, outcome: outcome,
            workspace: ctx.model.workspace.slug, resourceKind: policy.kind.keyword, resourceId: resourceID,
            resourceName: ctx.model.name(of: policy.kind, Int(r.resource)), evidence: evidence(trace, frame),
            fingerprint: Finding.fingerprint(seed: seed, resourceID: resourceID))
        // The details gathered first and boxed once: each of their setters compares the box
        // with an empty one, which for the six a failing result sets was 1% of a night's run.
        var details = Finding.Details()
        if outcome == .fail || outcome == .permitted {
            if let message = fast[p].message {
                (details.message, details.messageBreaks) = frame.text(message)
            } else {
                details.message = policy.title
            }
            // A permitted transfer has its legal basis: a remediation would ask for what is
            // already there (issue 13: "record its legal basis" beside the basis recorded).
            if outcome == .fail, let remediation = fast[p].remediation {
                (details.remediation, details.remediationBreaks) = frame.text(remediation)
            }
        }
        switch outcome {
        case .permitted:
            details.permit = permitReports[permit].id
            details.basis = fastPermits[permit].basis.map { frame.text($0).0 }
            details.reason = permitReports[permit].reason
        case .indeterminate:
            // The policy's message describes a violation; an undecided result says what is missing.
            let (reason, remediation) = unknownReason(trace, frame)
            details.reason = reason
            let pieces = [policy.title, ": could not decide for ", finding.resourceName, ", because ", reason]
            details.message = pieces.joined()
            details.messageBreaks = Frame.breaks(pieces)
            details.remediation = remediation
        case .notApplicable:
            details.reason = "the policy's `where` condition is false for this resource"
        default:
            break
        }
        finding.setDetails(details)
        return finding
    }

    /// Whether a node's value counts as evidence: fields, params, lets and catalog look-ups
    /// do; the subject and define parameters are aliases whose values are recorded where
    /// they were read; operators are derived.
    static func isEvidence(_ e: Expr, _ bundle: CheckedBundle) -> Bool {
        switch e.kind {
        case .member, .index: return true
        case .name:
            switch bundle.name(e) {
            case .subject?, .defineParameter?: return false
            default: return true
            }
        case .call:
            if case .catalog? = bundle.call(e) { return true }
            return false
        default: return false
        }
    }

    /// The values read, in the order they were read, without intermediate records.
    private func evidence(_ trace: [(node: Int32, value: Value)], _ frame: Frame) -> [Evidence] {
        // Sized once: growing the array item by item reallocated it several times per finding.
        var candidates = 0
        for (node, value) in trace where evidenceNodes[Int(node)] {
            if value.isIntermediate { continue }
            candidates += 1
        }
        var out: [Evidence] = []
        out.reserveCapacity(min(candidates, PolicyProgram.evidenceLimit))
        var outTexts: [Int32] = []
        outTexts.reserveCapacity(out.capacity)
        for (k, (node, value)) in trace.enumerated() where evidenceNodes[Int(node)] {
            if value.isIntermediate { continue }
            let item = Evidence(
                expression: nodeTexts[Int(node)], value: frame.evidenceText(value, node: node),
                from: frame.derivations[k].map(frame.describe))
            // At most a couple of dozen items: a scan is cheaper than hashing. A derived value
            // read twice (as a value, then as a condition) is one item, with its derivation.
            let text = nodeTextIDs[Int(node)]
            if let k = outTexts.indices.first(where: { outTexts[$0] == text && out[$0].value == item.value }) {
                if out[k].from == nil { out[k].from = item.from }
            } else {
                out.append(item)
                outTexts.append(text)
            }
            if out.count == PolicyProgram.evidenceLimit { break }
        }
        return out
    }

    /// Names the first value that was missing where it mattered, and, for a derived value,
    /// why it could not be derived (`… is unknown: Intercom can run in device mode or …`).
    private func unknownReason(_ trace: [(node: Int32, value: Value)], _ frame: Frame) -> (String, String) {
        let fromPlan = frame.ctx.model.workspace.fromPlan
        for (k, (node, value)) in trace.enumerated() where value.isMissing && reasonNodes[Int(node)] {
            guard let reason = unknownReasons[Int(node)] else { continue }
            let derivation = frame.derivations[k]?.text
            return (
                reason.text(derivation: derivation, fromPlan: fromPlan),
                reason.remediation(derivation: derivation, fromPlan: fromPlan)
            )
        }
        let generic = PlainReason(phrase: "a value the policy needs", supplier: .inventory)
        return (generic.text(derivation: nil, fromPlan: fromPlan), generic.remediation(derivation: nil, fromPlan: fromPlan))
    }
}
