/// Reading the workspace records of schemas 3 and 4 back (`ResultDocument+Compact.swift`):
/// each record's `strings` first, then its flows, evidence and results by number. A number that names no
/// string, resource or evidence row is refused at its place (E1510), as is a result that
/// names a resource twice: every report reads these, and a wrong number would put one
/// resource's message under another's name.
extension ResultDocument {
    /// One workspace record, its results handed to `results` in document order (straight into
    /// the document's array: a nightly document holds 600,000 results, and every copy of them
    /// cost a tenth of a second and as many megabytes).
    static func readRecord<Sink: FindingSink>(
        _ n: DataNode, _ path: String, policies: [String: PolicyInfo], _ r: inout ResultDocumentReader,
        into results: inout Sink
    ) -> WorkspaceInfo {
        guard let o = r.element(n, path) else {
            return WorkspaceInfo(id: "", slug: "", sources: [], destinations: [], warehouses: [])
        }
        var strings: [String] = []
        for (i, s) in r.array(o, "strings", path).enumerated() {
            strings.append(r.text(s, "\(path).strings[\(i)]") ?? "")
        }
        var rows = RecordRows(strings: strings, path: path)
        let sources = rows.list(o, "sources", columns: 8...9, &r) { c, r in
            FlowSource(
                id: c.text(0, &r) ?? "", name: c.text(1, &r) ?? "", catalogName: c.text(2, &r), enabled: c.flag(3, &r),
                line: c.number(4, &r), library: c.text(5, &r), ingestHost: c.text(6, &r), ingestRegion: c.text(7, &r),
                code: c.text(8, &r))
        }
        let destinations = rows.list(o, "destinations", columns: 10, &r) { c, r in
            FlowDestination(
                id: c.text(0, &r) ?? "", name: c.text(1, &r) ?? "", catalogName: c.text(2, &r), enabled: c.flag(3, &r),
                line: c.number(4, &r), sourceId: c.text(5, &r) ?? "", vendor: c.text(6, &r), region: c.text(7, &r),
                host: c.text(8, &r), evidence: c.text(9, &r))
        }
        let warehouses = rows.list(o, "warehouses", columns: 7, &r) { c, r in
            FlowWarehouse(
                id: c.text(0, &r) ?? "", name: c.text(1, &r) ?? "", catalogName: c.text(2, &r), enabled: c.flag(3, &r),
                line: c.number(4, &r), location: c.text(5, &r), region: c.text(6, &r))
        }
        let ws = WorkspaceInfo(
            id: r.string(o, "id", path), slug: r.string(o, "slug", path), name: r.optionalString(o, "name", path),
            region: r.optionalString(o, "region", path), source: r.optionalString(o, "source", path),
            line: r.optionalInt(o, "line", path), dataSubjects: r.optionalStrings(o, "dataSubjects", path),
            sources: sources, destinations: destinations, warehouses: warehouses)
        rows.evidence = rows.list(o, "evidence", columns: 2...3, &r) { c, r in
            Evidence(expression: c.text(0, &r) ?? "", value: c.text(1, &r) ?? "", from: c.from(2, &r))
        }
        for (g, group) in r.array(o, "results", path).enumerated() {
            let p = "\(path).results[\(g)]"
            guard let group = r.element(group, p) else { continue }
            rows.group(group, p, ws, policies: policies, &r, into: &results)
        }
        return ws
    }
}

/// The numbered things of one record, and reads of its rows' columns.
private struct RecordRows {
    let strings: [String]
    let path: String
    var evidence: [Evidence] = []
    /// Each list of evidence numbers met in the record, with its rows: a list written again
    /// shares the first one's array. Three of four are written again in a night's document (one
    /// workspace's evidence of a kind under several resources and policies: 131,000 lists, 33,000
    /// of them different), whose rows were otherwise copied into 36 MB of arrays.
    var evidenceLists: [EvidenceNumbers: [Evidence]] = [:]

    /// A list of evidence numbers as a key, hashed two numbers to a word (each is below the
    /// record's count of evidence rows, a 32-bit number): hashed one to a word, the lists of a
    /// night's document cost 80 million instructions, more than the copies they save.
    struct EvidenceNumbers: Hashable {
        let numbers: [Int]

        func hash(into h: inout Hasher) {
            h.combine(numbers.count)
            var k = 0
            while k + 1 < numbers.count {
                h.combine(UInt64(truncatingIfNeeded: numbers[k]) << 32 | UInt64(truncatingIfNeeded: numbers[k + 1]))
                k += 2
            }
            if k < numbers.count { h.combine(numbers[k]) }
        }
    }
    /// The workspace's resources of each kind, listed once for all of its policies' groups.
    var resourcesByKind: [String: [(id: String, name: String)]] = [:]

    init(strings: [String], path: String) {
        self.strings = strings
        self.path = path
    }

    /// The columns of one row, read by position.
    struct Columns {
        let row: DataNode
        /// The row's place, spelled out only for a diagnostic: `base.key[index]` (a night's
        /// 330,000 rows would otherwise each build their path).
        let base: String
        let key: String
        let index: Int
        let strings: [String]

        init(row: DataNode, base: String, key: String, index: Int, strings: [String]) {
            (self.row, self.base, self.key, self.index, self.strings) = (row, base, key, index, strings)
        }

        init(row: DataNode, path: String, strings: [String]) {
            self.init(row: row, base: path, key: "", index: -1, strings: strings)
        }

        var path: String { index < 0 ? base : "\(base).\(key)[\(index)]" }

        /// Column `k`, or nil when the row ends before it or holds null there.
        func value(_ k: Int) -> DataNode? {
            guard k < row.count, let v = row[k], !v.isNull else { return nil }
            return v
        }

        func text(_ k: Int, _ r: inout ResultDocumentReader) -> String? {
            // The string's number read in place, without a handle on the column (a retain and
            // a release for each of a night's two million texts read). Anything else, the
            // general way: the path's autoclosure captured these columns, a copy of them (four
            // retains) for each column read, so it is made only for a bad one.
            if let s = RecordRows.numbered(row, k, strings) { return s }
            guard let v = value(k) else { return nil }
            return RecordRows.string(v, "\(path)[\(k)]", strings, &r)
        }

        /// A derivation: a text, or `[text, file, line, column]` for `text (file:line:column)`.
        func from(_ k: Int, _ r: inout ResultDocumentReader) -> String? {
            guard let v = value(k), v.kind == .array else { return text(k, &r) }
            guard v.count == 4, let said = v[0], let file = v[1] else {
                r.report {
                    .documentType(
                        "\(path)[\(k)]", expected: "[text, file, line, column]", found: v, at: ResultDocumentReader.range(v, $0))
                }
                return nil
            }
            // Read in place when well formed; the place's own path (a string built for each of a
            // night's evidence rows, 3% of a read) only for one that is not.
            if let said = RecordRows.numbered(v, 0, strings), let file = RecordRows.numbered(v, 1, strings),
                let line = v.int(ofElement: 2), line >= 0, let column = v.int(ofElement: 3), column >= 0
            {
                return ResultDocument.joinPlace(said, file, line, column)
            }
            // A place without its line or column is not a place: refused, not read as no place.
            for j in 2...3 {
                guard let e = v[j], e.isNull else { continue }
                r.report {
                    .documentType(
                        "\(path)[\(k)][\(j)]", expected: "a whole number", found: e, at: ResultDocumentReader.range(e, $0))
                }
                return nil
            }
            let place = Columns(row: v, path: "\(path)[\(k)]", strings: strings)
            guard let said = RecordRows.string(said, "\(path)[\(k)][0]", strings, &r),
                let file = RecordRows.string(file, "\(path)[\(k)][1]", strings, &r),
                let line = place.number(2, &r), let column = place.number(3, &r)
            else { return nil }
            return ResultDocument.joinPlace(said, file, line, column)
        }

        func flag(_ k: Int, _ r: inout ResultDocumentReader) -> Bool? {
            guard let v = value(k) else { return nil }
            if let b = v.bool { return b }
            r.report {
                .documentType("\(path)[\(k)]", expected: "true, false or null", found: v, at: ResultDocumentReader.range(v, $0))
            }
            return nil
        }

        func number(_ k: Int, _ r: inout ResultDocumentReader) -> Int? {
            guard let v = value(k) else { return nil }
            if let i = v.int, i >= 0 { return i }
            r.report {
                .documentType("\(path)[\(k)]", expected: "a whole number", found: v, at: ResultDocumentReader.range(v, $0))
            }
            return nil
        }
    }

    /// The string numbered by element `k` of `row`, read in place; nil when it numbers none
    /// (`string` then says why, at the element's path).
    @inline(__always)
    static func numbered(_ row: DataNode, _ k: Int, _ strings: [String]) -> String? {
        guard let i = row.int(ofElement: k), strings.indices.contains(i) else { return nil }
        return strings[i]
    }

    /// The string numbered by `n`.
    static func string(
        _ n: DataNode, _ path: @autoclosure () -> String, _ strings: [String], _ r: inout ResultDocumentReader
    )
        -> String?
    {
        guard let i = n.int else {
            r.report {
                .documentType(
                    path(), expected: "the number of a string in `strings`", found: n, at: ResultDocumentReader.range(n, $0))
            }
            return nil
        }
        guard strings.indices.contains(i) else {
            r.report { .documentBadNumber(path(), i, count: strings.count, of: "strings", at: ResultDocumentReader.range(n, $0)) }
            return nil
        }
        return strings[i]
    }

    /// The rows of list `key`, each of `columns` columns, read by `read`.
    func list<T>(
        _ o: DataNode, _ key: String, columns: ClosedRange<Int>, _ r: inout ResultDocumentReader,
        _ read: (Columns, inout ResultDocumentReader) -> T
    ) -> [T] {
        var out: [T] = []
        let elements = r.array(o, key, path)
        out.reserveCapacity(elements.count)
        for (i, n) in elements.enumerated() {
            guard n.kind == .array, columns.contains(n.count) else {
                let expected = columns.count == 1 ? "\(columns.lowerBound)" : "\(columns.lowerBound) to \(columns.upperBound)"
                let p = "\(path).\(key)[\(i)]"
                r.report {
                    .documentType(p, expected: "a list of \(expected) columns", found: n, at: ResultDocumentReader.range(n, $0))
                }
                continue
            }
            out.append(read(Columns(row: n, base: path, key: key, index: i, strings: strings), &r))
        }
        return out
    }

    func list<T>(
        _ o: DataNode, _ key: String, columns: Int, _ r: inout ResultDocumentReader,
        _ read: (Columns, inout ResultDocumentReader) -> T
    ) -> [T] { list(o, key, columns: columns...columns, &r, read) }

    /// A list of numbers, column `column` of row `c` (nil when the row has none there):
    /// indices of `what`, each below `count`. The row and column, not an autoclosure of the
    /// path: one captured the row's columns, a copy of them for each list read. The elements
    /// are read in place, without a handle for each.
    func numbers<Number: FixedWidthInteger>(
        _ c: Columns, _ column: Int, below count: Int, of what: String, as _: Number.Type = Int.self,
        _ r: inout ResultDocumentReader
    ) -> [Number]? {
        guard let n = c.value(column) else { return nil }
        guard n.kind == .array else {
            r.report {
                .documentType(
                    "\(c.path)[\(column)]", expected: "a list of numbers", found: n, at: ResultDocumentReader.range(n, $0))
            }
            return []
        }
        if let plain = n.plainIntegers(below: count, as: Number.self) { return plain }
        var out: [Number] = []
        out.reserveCapacity(n.count)
        n.forEachElementInt { k, value in
            if let i = value, i >= 0, i < count {
                out.append(Number(i))
                return
            }
            let e = n.elements[k], p = "\(c.path)[\(column)][\(k)]"
            if let i = value {
                r.report { .documentBadNumber(p, i, count: count, of: what, at: ResultDocumentReader.range(e, $0)) }
            } else {
                r.report { .documentType(p, expected: "a whole number", found: e, at: ResultDocumentReader.range(e, $0)) }
            }
        }
        return out
    }

    /// A text written as the numbers of its pieces (column `column` of row `c`, nil when the
    /// row has none there), kept so.
    func pieces(_ c: Columns, _ column: Int, _ r: inout ResultDocumentReader) -> Finding.Pieces? {
        // Read as the numbers kept, not as `Int`s then converted: one array, not two.
        guard let numbers = numbers(c, column, below: strings.count, of: "strings", as: UInt32.self, &r) else { return nil }
        return Finding.Pieces(strings: strings, numbers: numbers)
    }

    // MARK: Results

    /// One policy's results in the workspace, in resource order, handed to `out`.
    mutating func group<Sink: FindingSink>(
        _ o: DataNode, _ path: String, _ ws: ResultDocument.WorkspaceInfo, policies: [String: ResultDocument.PolicyInfo],
        _ r: inout ResultDocumentReader, into out: inout Sink
    ) {
        var base = Finding(
            policy: "", title: "", severity: .info, outcome: .pass, workspace: ws.slug, resourceKind: "", resourceId: "",
            resourceName: "", evidence: [])
        var listed: ResultDocument.PolicyInfo?
        if let p = r.required(o, "policy", path), let policy = r.text(p, "\(path).policy") {
            base.policy = policy
            if let info = policies[policy] {
                listed = info
                base.title = info.title
            } else {
                r.report {
                    .documentUnknownPolicy(
                        "\(path).policy", policy, at: ResultDocumentReader.range(p, $0), known: policies.keys.sorted())
                }
            }
        }
        // Left out when it is the policy's own (schema 4). A policy that is not listed has
        // none to lend, and is refused already (E1505, E1507).
        if let node = o["kind"], !node.isNull {
            base.resourceKind = r.text(node, "\(path).kind") ?? ""
            if node.string != nil, RecordKind.resourceKinds[base.resourceKind] == nil {
                let kind = base.resourceKind
                r.report {
                    .documentUnknownWord(
                        "\(path).kind", kind, RecordKind.resourceKinds.keys.sorted(), at: ResultDocumentReader.range(node, $0))
                }
            }
        } else if let listed {
            base.resourceKind = listed.resourceKind
        }
        if let node = o["severity"], !node.isNull {
            base.severity = r.word(node, "\(path).severity", PolicySeverity.allCases) ?? .info
        } else if let listed {
            if let s = listed.severity.flatMap(PolicySeverity.init(rawValue:)) {
                base.severity = s
            } else {
                _ = r.required(o, "severity", path)
            }
        }
        let resources: [(id: String, name: String)]
        if let listed = resourcesByKind[base.resourceKind] {
            resources = listed
        } else {
            resources = ws.resources(ofKind: base.resourceKind) ?? []
            resourcesByKind[base.resourceKind] = resources
        }
        // Where each result is written, in resource order, before any is built: a result is
        // built once, in its place (a resource written out, index nil, stands alone).
        var entries: [Entry] = []
        // More results than resources name one twice (refused below); none past that is kept,
        // so an edited run cannot make the reader allocate without bound (`resultBound`).
        let most = max(1, resources.count)
        outcomes: for outcome in Outcome.allCases {
            let key = outcome.rawValue
            guard let list = r.optionalArray(o, key, path) else { continue }
            entries.reserveCapacity(entries.count + list.count)
            for (k, e) in list.enumerated() {
                if entries.count > most { break outcomes }
                switch e.kind {
                case .array:
                    guard (1...10).contains(e.count) else {
                        r.report {
                            .documentType(
                                "\(path).\(key)[\(k)]", expected: "a list of 1 to 10 columns", found: e,
                                at: ResultDocumentReader.range(e, $0))
                        }
                        continue
                    }
                    guard let resource = e[0], !resource.isNull else {
                        r.report {
                            .documentMissing("\(path).\(key)[\(k)]", "resource (column 1)", at: ResultDocumentReader.range(e, $0))
                        }
                        continue
                    }
                    if resource.kind == .object {
                        entries.append(Entry(index: nil, outcome: outcome, node: e, row: true, k: k))
                    } else if let i = resourceNumber(
                        resource, "\(path).\(key)[\(k)][0]", resources.count, of: base.resourceKind, &r)
                    {
                        entries.append(Entry(index: i, outcome: outcome, node: e, row: true, k: k))
                    }
                case .string:
                    for i in resourceRun(e, "\(path).\(key)[\(k)]", resources.count, of: base.resourceKind, &r) {
                        entries.append(Entry(index: i, outcome: outcome, node: e, row: false, k: k))
                        if entries.count > most { break outcomes }
                    }
                default:
                    if let i = resourceNumber(e, "\(path).\(key)[\(k)]", resources.count, of: base.resourceKind, &r) {
                        entries.append(Entry(index: i, outcome: outcome, node: e, row: false, k: k))
                    }
                }
            }
        }
        // Each outcome's list is in resource order already; a group of one outcome needs no sort.
        if zip(entries, entries.dropFirst()).contains(where: { ($0.index ?? -1) > ($1.index ?? -1) }) {
            entries.sort { ($0.index ?? -1) < ($1.index ?? -1) }
        }
        // A resource written out stands alone; a resource is named once.
        if entries.count > 1, let lone = entries.first(where: { $0.index == nil }) {
            r.report {
                .documentType(
                    path, expected: "one result when a resource is written out", found: lone.node,
                    at: ResultDocumentReader.range(lone.node, $0))
            }
        }
        for k in entries.indices.dropFirst() where entries[k].index != nil && entries[k].index == entries[k - 1].index {
            // At the second one written.
            let node = entries[k].node.start > entries[k - 1].node.start ? entries[k].node : entries[k - 1].node
            r.report {
                .documentBadNumber(
                    path, entries[k].index!, count: resources.count, of: "\(base.resourceKind)s (named twice)",
                    at: ResultDocumentReader.range(node, $0))
            }
        }
        let seed = Finding.fingerprintSeed(policy: base.policy, workspaceID: ws.id, kind: base.resourceKind)
        // The group's results not kept, added to the policy's and the workspace's counts once,
        // not hashed for each.
        var notKept = SeverityCounts()
        var anyNotKept = false
        defer { if anyNotKept { r.notKept.add(policy: base.policy, workspace: ws.slug, notKept) } }
        for e in entries.prefix(most) {
            // Not kept (the reports read for list none): counted, and built only when written
            // as a row, whose columns are checked as any row's are.
            let counted = !r.keepsPasses && (e.outcome == .pass || e.outcome == .notApplicable)
            if counted, !e.row {
                notKept[base.severity, e.outcome] += 1
                anyNotKept = true
                continue
            }
            var f = base
            f.outcome = e.outcome
            if let i = e.index { (f.resourceId, f.resourceName) = resources[i] }
            if e.row {
                let row = Columns(row: e.node, base: path, key: e.outcome.rawValue, index: e.k, strings: strings)
                readRow(row, into: &f, seed: seed, &r)
            } else {
                f.fingerprint = Finding.fingerprint(seed: seed, resourceID: f.resourceId)
            }
            if let problem = f.basisProblem {
                r.report { .unsupportedOutcome(path, f.outcome, problem, at: ResultDocumentReader.range(e.node, $0)) }
            }
            if counted {
                notKept[f.severity, f.outcome] += 1
                r.notKept.count(f.change)
                anyNotKept = true
                continue
            }
            out.append(f)
        }
    }

    /// Where a result is written: its resource (nil when written out), its outcome, the list
    /// element (a number, a run or a row) and its place in the outcome's list.
    private struct Entry {
        var index: Int?
        var outcome: Outcome
        var node: DataNode
        var row: Bool
        var k: Int
    }

    /// A resource's number: an index into the workspace's list of that kind.
    func resourceNumber(
        _ n: DataNode, _ path: @autoclosure () -> String, _ count: Int, of kind: String, _ r: inout ResultDocumentReader
    ) -> Int? {
        guard let i = n.int else {
            r.report {
                .documentType(
                    path(), expected: "a resource's number or a result's row", found: n, at: ResultDocumentReader.range(n, $0))
            }
            return nil
        }
        guard i >= 0, i < count else {
            r.report { .documentBadNumber(path(), i, count: count, of: "\(kind)s", at: ResultDocumentReader.range(n, $0)) }
            return nil
        }
        return i
    }

    /// A run of resources, `"first..last"` (schema 4): each a result with nothing but its
    /// resource. Empty, with the reason reported, when the text is not such a run or names a
    /// resource the workspace does not have.
    func resourceRun(
        _ n: DataNode, _ path: @autoclosure () -> String, _ count: Int, of kind: String, _ r: inout ResultDocumentReader
    ) -> Range<Int> {
        guard let (first, last) = ResultDocument.runBounds(n.string ?? "") else {
            r.report {
                .documentType(
                    path(), expected: "a resource's number, a run \"first..last\" or a result's row", found: n,
                    at: ResultDocumentReader.range(n, $0))
            }
            return 0..<0
        }
        guard last < count else {
            r.report { .documentBadNumber(path(), last, count: count, of: "\(kind)s", at: ResultDocumentReader.range(n, $0)) }
            return 0..<0
        }
        return first..<(last + 1)
    }

    /// The columns after the resource of one result row, `[resource, message, evidence,
    /// remediation, reason, permit, basis, change, waiver, fingerprint]`, into `f`, whose
    /// resource is set.
    /// `seed` is the fingerprint's seed of the group (its policy, workspace and kind).
    private mutating func readRow(_ c: Columns, into f: inout Finding, seed: UInt64, _ r: inout ResultDocumentReader) {
        if let resource = c.value(0), resource.kind == .object {
            f.resourceId =
                r.required(resource, "id", "\(c.path)[0]").flatMap { Self.string($0, "\(c.path)[0].id", strings, &r) } ?? ""
            f.resourceName =
                r.required(resource, "name", "\(c.path)[0]").flatMap { Self.string($0, "\(c.path)[0].name", strings, &r) } ?? ""
        }
        // The group's seed: the same policy, workspace and kind, mixed once per group.
        f.fingerprint = Finding.fingerprint(seed: seed, resourceID: f.resourceId)
        var d = Finding.Details()
        // Texts kept as their pieces' numbers, joined when a report reads them (`Finding.Pieces`).
        d.messagePieces = pieces(c, 1, &r)
        if let e = numbers(c, 2, below: evidence.count, of: "evidence", &r) {
            let key = EvidenceNumbers(numbers: e)
            if let shared = evidenceLists[key] {
                f.evidence = shared
            } else {
                let list = e.map { evidence[$0] }
                evidenceLists[key] = list
                f.evidence = list
            }
        }
        d.remediationPieces = pieces(c, 3, &r)
        d.reason = c.text(4, &r)
        d.permit = c.text(5, &r)
        d.basis = c.text(6, &r)
        if let change = c.value(7) {
            d.change = r.word(change, "\(c.path)[7]", ResultDocument.Change.allCases)
        }
        if let w = c.value(8), let o = r.element(w, "\(c.path)[8]") {
            let p = "\(c.path)[8]"
            d.waiver = Finding.WaiverNote(
                approvedBy: r.string(o, "approvedBy", p), reason: r.string(o, "reason", p), expires: r.string(o, "expires", p),
                expired: r.bool(o, "expired", p))
        }
        f.setDetails(d)
        if let fp = c.value(9) { f.fingerprint = r.text(fp, "\(c.path)[9]") ?? f.fingerprint }
    }
}

extension ResultDocument {
    /// The ends of a run `"first..last"` of resource numbers (schema 4), each written in plain
    /// decimal digits, `first` not past `last`; nil for any other text. The reader and the
    /// count of a record's results (`resultBound`) read runs with this one rule.
    static func runBounds(_ text: String) -> (first: Int, last: Int)? {
        let bounds = text.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard bounds.count == 3, bounds[1].isEmpty, let first = digits(bounds[0]), let last = digits(bounds[2]), first <= last
        else { return nil }
        return (first, last)
    }

    /// A whole number written in plain decimal digits, nothing else.
    private static func digits(_ s: Substring) -> Int? {
        guard !s.isEmpty, s.utf8.count <= 9, s.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
        return Int(s)
    }
}

/// Where a record's results go: an array, or their place in the document's (`PartWriter`).
protocol FindingSink {
    mutating func append(_ finding: consuming Finding)
}

extension Array: FindingSink where Element == Finding {}
extension PartWriter: FindingSink where Element == Finding {}

extension Finding {
    /// What is wrong with the waiver or permit a result read back names, if anything.
    /// `check` writes a waiver on a waived result, and on a failing or undecided one whose
    /// waiver expired; a permit only on a permitted result. Without this, a failure turned
    /// into `"waived": [3]` by hand read as waived, and `report` rendered a compliant verdict
    /// from a document no waiver or permit had decided; and a waiver written on a pass by hand
    /// was read, and listed by no report, as if it were there. A legal basis is a permit's,
    /// so it too is refused on any result but a permitted one.
    var basisProblem: BasisProblem? {
        switch outcome {
        case .waived where waiver == nil: return .missing("waiver")
        case .permitted where permit == nil: return .missing("permit")
        default: break
        }
        if permit != nil, outcome != .permitted { return .unexpected("permit") }
        // The basis is the permit's: on any other result `report --junit` printed a "legal
        // basis" inside a failing test case, as if the failure had one.
        if basis != nil, outcome != .permitted { return .unexpected("basis") }
        guard let waiver else { return nil }
        if outcome == .pass || outcome == .notApplicable || outcome == .permitted { return .unexpected("waiver") }
        // A waiver waives while it runs; past its day it leaves the result as it was.
        if waiver.expired == (outcome == .waived) { return .waiverState(expired: waiver.expired) }
        return nil
    }

    /// A waiver or permit a result must name and does not, or names and cannot have.
    enum BasisProblem: Equatable {
        case missing(String)
        case unexpected(String)
        /// A waived result whose waiver had expired, or a failing one whose waiver had not.
        case waiverState(expired: Bool)
    }
}

extension Diagnostic {
    /// A result whose waiver or permit is missing or out of place (`Finding.basisProblem`).
    static func unsupportedOutcome(
        _ path: String, _ outcome: Outcome, _ problem: Finding.BasisProblem, at r: SourceRange
    )
        -> Diagnostic
    {
        let result = "a \(outcome.rawValue) result in `\(path)`"
        let (message, help): (String, String) =
            switch problem {
            case .missing(let what):
                ("\(result) names no \(what)", "`check` writes the \(what) a \(outcome.rawValue) result rests on")
            case .unexpected("permit"): ("\(result) names a permit", "`check` writes a permit only on a permitted result")
            case .unexpected("basis"):
                ("\(result) names a legal basis", "`check` writes a legal basis only on a permitted result, from its permit")
            case .unexpected(let what):
                (
                    "\(result) names a \(what)",
                    "`check` writes a waiver only on a waived result, or on a failing or undecided one whose waiver expired"
                )
            case .waiverState(let expired):
                (
                    "\(result) names a waiver that \(expired ? "had expired" : "had not expired")",
                    "an unexpired waiver waives the result it covers, and an expired one leaves it as it was"
                )
            }
        return .error(.E1512, message, at: r, help: help + ": was the document edited?")
    }

    /// A number in a workspace record that names nothing there.
    static func documentBadNumber(_ path: String, _ number: Int, count: Int, of what: String, at r: SourceRange) -> Diagnostic {
        .error(
            .E1510, "`\(path)` is \(number), but the workspace record has \(count) \(what)", at: r,
            help: "numbers in a workspace record count from 0 within that record's own lists: was the document edited?")
    }
}
