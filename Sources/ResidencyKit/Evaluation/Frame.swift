/// Code the compiler produces: closures over a frame, specialised by static type so a
/// condition never boxes its truth value.
typealias ValueCode = @Sendable (Frame) -> Value
typealias BoolCode = @Sendable (Frame) -> Tri
typealias TextCode = @Sendable (Frame) -> String

/// The mutable state of one evaluation thread: the workspace being evaluated and the
/// variable slots (slot 0 holds the policy's subject). One per workspace task, never shared.
final class Frame {
    let ctx: EvalContext
    /// A raw buffer rather than an array: a `let` pointer in a class is read without the
    /// exclusivity and copy-on-write checks an array property costs on every access. Read and
    /// written only through `subscript(slot:)`, which checks the index in debug builds.
    private let slots: UnsafeMutablePointer<Value>
    private let slotCount: Int

    /// Variable slot `i`: the compiler numbers slots below the program's `slotCount`, so an
    /// index out of range is a compiler fault; debug builds (and so the tests) trap on it.
    @inline(__always) subscript(slot i: Int) -> Value {
        get {
            assert(i >= 0 && i < slotCount, "slot \(i) of a frame of \(slotCount)")
            return slots[i]
        }
        set {
            assert(i >= 0 && i < slotCount, "slot \(i) of a frame of \(slotCount)")
            slots[i] = newValue
        }
    }
    /// Set only when explaining: every traced node appends its value here.
    var trace: [(node: Int32, value: Value)]?
    /// For traced reads of derived fields: what the value at that trace index rests on.
    var derivations = TraceDerivations()
    /// Derivations already spelled out for this workspace: the same catalog row or setting
    /// backs many findings, and the same finding reads several fields of one endpoint.
    private var described: [DescribedKey: String] = [:]

    /// A derivation as the key of `described`: hashed by where it was read and its text's
    /// length, compared whole. Hashing the text itself (often 60 bytes or more, for each
    /// evidence item of each failing result) was most of the cost of the look-up; two
    /// derivations read at one offset with texts of one length are rare and still told apart.
    /// Texts are compared by their bytes, as the hash counts them: two spellings of one text
    /// that Swift calls equal are two keys, each described with its own bytes.
    private struct DescribedKey: Hashable {
        let derivation: Derivation
        static func == (a: Self, b: Self) -> Bool {
            a.derivation.origin == b.derivation.origin && Text.sameBytes(a.derivation.text, b.derivation.text)
        }
        func hash(into h: inout Hasher) {
            h.combine(derivation.text.utf8.count)
            if let origin = derivation.origin { h.combine(origin.offset) } else { h.combine(derivation.text) }
        }
    }

    /// Where the pieces of the text being built meet (`Finding.messageBreaks`): a template
    /// records one break before each piece after the first.
    var textBreaks: [UInt32] = []
    /// The bytes of the text being built, kept between texts for their room (`Compiler.text`).
    var textBytes: [UInt8] = []

    /// A template's text and where its pieces meet.
    func text(_ code: TextCode) -> (String, [UInt32]) {
        textBreaks = []
        let text = code(self)
        return (text, textBreaks)
    }

    /// The breaks between `pieces` once joined.
    static func breaks(_ pieces: [String]) -> [UInt32] {
        var offset = 0
        return pieces.dropLast().map {
            offset += $0.utf8.count
            return UInt32(offset)
        }
    }

    /// `ctx.describe(d)`, once per distinct derivation of the workspace.
    func describe(_ d: Derivation) -> String {
        if let text = described[DescribedKey(derivation: d)] { return text }
        let text = ctx.describe(d)
        described[DescribedKey(derivation: d)] = text
        return text
    }
    /// The evidence text of the list each traced node last read, while it stays the same
    /// list: most findings of a workspace quote its facts and data subjects, and spelling
    /// a list out was the costliest part of their evidence.
    private var listEvidence: [Int32: (list: [Value], text: String)] = [:]

    /// Contexts of the run's other workspaces, made on first use, and `workspaces` as this
    /// workspace sees it: its own record as `.ref`, the others as `.foreign`.
    private var remotes: [Int32: EvalContext] = [:]
    private var workspaces: Value?

    var workspaceList: Value {
        if let workspaces { return workspaces }
        let own = ctx.workspaceIndex
        let list = Value.list(
            ctx.workspaces.indices.map { w in w == own ? .ref(.workspace, 0) : .foreign(.workspace, workspace: Int32(w), index: 0)
            })
        workspaces = list
        return list
    }

    /// A field of record `i` of workspace `w`, read in that workspace's context; the records
    /// it leads to are that workspace's too.
    func foreignRead(_ get: FieldAccessor, _ w: Int32, _ i: Int32) -> Value {
        Frame.foreign(get(remote(w), Int(i)), w, own: ctx.workspaceIndex)
    }

    /// The context of workspace `w` of the run, made on first use.
    private func remote(_ w: Int32) -> EvalContext {
        if let cached = remotes[w] { return cached }
        let remote = ctx.other(Int(w))
        remotes[w] = remote
        return remote
    }

    /// `foreignRead`, traced: the value's evidence names the record and workspace it was read
    /// from (`source "Shop app" (src-1) in workspace acme-us`), so a cross-workspace finding
    /// names both sides; a derived field keeps what it was derived from in that workspace
    /// (`provenance`, read in its context and pointing into its export) ahead of that.
    func tracedForeignRead(
        _ get: FieldAccessor, _ kind: RecordKind, _ w: Int32, _ i: Int32, provenance: ProvenanceAccessor? = nil
    ) -> Value {
        let v = foreignRead(get, w, i)
        if let k = trace?.count {
            let model = ctx.workspaces[Int(w)]
            let record: String
            switch kind {
            case .workspace: record = "workspace \(model.workspace.slug)"
            case .source, .destination, .warehouse:
                record =
                    "\(kind.keyword) \"\(model.name(of: kind, Int(i)))\" (\(model.id(of: kind, Int(i)))) in workspace \(model.workspace.slug)"
            default: record = "\(kind.typeName) in workspace \(model.workspace.slug)"
            }
            if let provenance, let d = provenance(remote(w), Int(i)) {
                derivations.record(
                    Derivation("\(d.text); read from \(record)", at: d.origin ?? model.origin(of: kind, Int(i))), at: k)
            } else {
                derivations.record(Derivation("read from \(record)", at: model.origin(of: kind, Int(i))), at: k)
            }
        }
        return v
    }

    /// `v` as read from workspace `w`: its workspace records become `.foreign` (the catalog,
    /// facts and audit are the run's own, and stay `.ref`).
    static func foreign(_ v: Value, _ w: Int32, own: Int) -> Value {
        guard Int(w) != own else { return v }
        switch v {
        case .ref(let k, let i) where k.isWorkspaceRecord: return .foreign(k, workspace: w, index: i)
        case .list(let items):
            guard items.contains(where: { if case .ref(let k, _) = $0 { k.isWorkspaceRecord } else { false } }) else { return v }
            return .list(items.map { foreign($0, w, own: own) })
        default: return v
        }
    }

    init(ctx: EvalContext, slotCount: Int) {
        self.ctx = ctx
        self.slotCount = max(1, slotCount)
        self.slots = .allocate(capacity: self.slotCount)
        self.slots.initialize(repeating: .missing, count: self.slotCount)
    }

    deinit {
        slots.deinitialize(count: slotCount)
        slots.deallocate()
    }

    /// `ctx.evidenceText(v)` for the value a traced node read.
    func evidenceText(_ v: Value, node: Int32) -> String {
        guard case .list(let items) = v else { return ctx.evidenceText(v) }
        // The same list is usually the same storage, which `==` recognises at once.
        if let last = listEvidence[node], last.list == items { return last.text }
        let text = ctx.evidenceText(v)
        listEvidence[node] = (items, text)
        return text
    }
}

extension EvalContext {
    /// A context with nothing in it, for folding constants at compile time.
    static let empty = EvalContext(
        model: WorkspaceModel(workspace: Workspace(id: "", slug: "")),
        catalog: Catalog(), facts: Facts(), auditDate: Day(daysSinceEpoch: 0))

    /// How a value reads in a message: text as is, lists joined, records by their name.
    func render(_ v: Value) -> String {
        switch v {
        case .missing: "unknown"
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .string(let s): s
        case .date(let d): d.description
        case .duration(let n): n == 1 || n == -1 ? "\(n) day" : "\(n) days"
        case .cidr(let c): c.description
        case .regex(let r): "re\"\(r.regex.pattern)\""
        case .list(let items): items.map(render).joined(separator: ", ")
        case .map: evidenceText(v)
        case .ref(let kind, let i): renderRecord(kind, Int(i))
        case .foreign(let kind, let w, let i):
            "\(other(Int(w)).renderRecord(kind, Int(i))) (workspace \(workspaces[Int(w)].workspace.slug))"
        }
    }

    /// `render(v)`'s bytes appended to `out`, lists without a string per element.
    func render(_ v: Value, into out: inout [UInt8]) {
        guard case .list(let items) = v else { return Text.append(render(v), to: &out) }
        for (k, item) in items.enumerated() {
            if k > 0 { Text.append(", ", to: &out) }
            render(item, into: &out)
        }
    }

    func renderRecord(_ kind: RecordKind, _ i: Int) -> String {
        switch kind {
        case .workspace, .source, .destination, .warehouse: model.name(of: kind, i)
        case .endpoint:
            model.destinations[i].endpoint.host ?? model.destinations[i].endpoint.region ?? "unknown endpoint"
        case .sdkConfig: model.sources[i].sdk?.library ?? "SDK configuration"
        case .integration: model.withIntegrationRow(i, catalog) { $0.pointee.name } ?? "integration"
        case .catalogDestination: catalog.destinations[i].name
        case .catalogSource: catalog.sources[i].name
        case .catalogWarehouse: catalog.warehouses[i].name
        case .facts: "facts"
        case .audit: "audit"
        }
    }

    /// A derivation as evidence shows it: its text and, when the value is written in an
    /// input, that input's `file:line:col`.
    func describe(_ d: Derivation) -> String {
        guard let origin = d.origin, let file = file(origin.file) else { return d.text }
        let at = file.location(of: origin.offset)
        return Text.concat(d.text, " (", origin.file, ":", String(at.line), Text.concat(":", String(at.column), ")"))
    }

    /// The input file a derivation points into: the workspace's own, a catalog file, or
    /// (read across workspaces) another workspace's. The catalog's few files come before the
    /// run's workspaces: most derivations that are not the workspace's own are catalog rows,
    /// and searching 10,000 workspaces' files for each made a night's findings stage grow with
    /// the square of the workspaces.
    private func file(_ path: String) -> SourceFile? {
        if let f = model.file, f.path == path { return f }
        if let f = catalog.files.first(where: { $0.path == path }) { return f }
        return workspaces.lazy.compactMap(\.file).first { $0.path == path }
    }

    /// A value as evidence shows it: strings quoted, so an empty string is visible.
    func evidenceText(_ v: Value) -> String {
        if case .string(let s) = v { return Text.concat("\"", s, "\"") }
        switch v {
        case .list, .map: break
        default: return render(v)
        }
        var out = ""
        evidenceText(v, into: &out)
        return out
    }

    /// `evidenceText(v)` appended to `out`, lists without a string per element.
    private func evidenceText(_ v: Value, into out: inout String) {
        switch v {
        case .string(let s):
            out += "\""
            out += s
            out += "\""
        case .list(let items):
            out += "["
            for (k, item) in items.enumerated() {
                if k > 0 { out += ", " }
                evidenceText(item, into: &out)
            }
            out += "]"
        case .map(let m):
            // JSON-like, keys in code point order: `{"apiRegion": "EU 🇪🇺", "region": "eu"}`.
            out += "{"
            for (k, (key, value)) in zip(m.keys, m.values).enumerated() {
                if k > 0 { out += ", " }
                evidenceText(.string(key), into: &out)
                out += ": "
                evidenceText(value, into: &out)
            }
            out += "}"
        default: out += render(v)
        }
    }
}

/// What the values at some trace indices rest on, one entry per index, in the order they were
/// set. A traced finding has a handful: scanning them was cheaper than hashing the index into a
/// dictionary, which was 1% of a night's run for the three look-ups of each failing result.
struct TraceDerivations {
    private var entries: [(at: Int, derivation: Derivation)] = []

    subscript(k: Int) -> Derivation? {
        for e in entries where e.at == k { return e.derivation }
        return nil
    }

    /// Records what the value at trace index `k` rests on; a later record for `k` replaces it.
    mutating func record(_ d: Derivation, at k: Int) {
        if let i = entries.firstIndex(where: { $0.at == k }) { entries[i].derivation = d } else { entries.append((k, d)) }
    }

    mutating func removeAll(keepingCapacity keep: Bool) { entries.removeAll(keepingCapacity: keep) }
}
