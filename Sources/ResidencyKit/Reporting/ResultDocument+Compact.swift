import Foundation

/// The workspace records (schemas 3 and 4): one line per workspace holding its data flows and
/// every result of it, with each text written once in the line's `strings` and referred to by
/// index (docs/results.md). A nightly run's results are mostly passes and not-applicables
/// (a resource index each, or a run `"first..last"` of them) and failures whose messages
/// repeat the policy's text around a few names: written out in full, as schema 2 did, 200,000
/// resources made 327 MB; written once per workspace, 29 MB, and the reader rebuilds every
/// result byte for byte.
extension ResultDocument {
    /// The columns of the rows of a workspace record, as the document's `columns` names them.
    static let columns: [(key: String, names: [String])] = [
        ("sources", ["id", "name", "catalogName", "enabled", "line", "library", "ingestHost", "ingestRegion", "code"]),
        ("destinations", ["id", "name", "catalogName", "enabled", "line", "sourceId", "vendor", "region", "host", "evidence"]),
        ("warehouses", ["id", "name", "catalogName", "enabled", "line", "location", "region"]),
        ("evidence", ["expression", "value", "from"]),
        (
            "results",
            ["resource", "message", "evidence", "remediation", "reason", "permit", "basis", "change", "waiver", "fingerprint"]
        ),
    ]

    /// The results of each workspace, in `workspaces` order: the range of `results` each holds.
    /// Results are grouped by workspace in that order (as `build` makes them); a document
    /// whose results are not cannot be written in this schema, which is a programming error.
    func resultRanges() -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(workspaces.count)
        var start = 0
        for ws in workspaces {
            var end = start
            while end < results.count, results[end].workspace == ws.slug { end += 1 }
            ranges.append(start..<end)
            start = end
        }
        precondition(
            start == results.count,
            "result \(start) (workspace \(start < results.count ? results[start].workspace : "")) is not grouped under a listed workspace"
        )
        return ranges
    }

    /// The line of workspace `w` with the results in `range`, without its leading
    /// indentation and separator.
    func appendWorkspaceRecord(_ w: Int, _ range: Range<Int>, defaults: [String: PolicyDefaults], to out: inout [UInt8]) {
        var record = WorkspaceRecord(workspace: workspaces[w], defaults: defaults)
        results.withUnsafeBufferPointer { record.results($0[range]) }
        record.finish(into: &out)
    }
}

extension ResultDocument {
    /// What a results group of a policy leaves out when it is the policy's own (`policies[]`):
    /// its resource kind and severity. The first listing of an id counts, as for its title.
    struct PolicyDefaults: Sendable {
        var kind: String
        var severity: String?
    }

    func policyDefaults() -> [String: PolicyDefaults] {
        var out: [String: PolicyDefaults] = [:]
        for p in policies where out[p.id] == nil { out[p.id] = .init(kind: p.resourceKind, severity: p.severity) }
        return out
    }
}

extension ResultDocument.WorkspaceInfo {
    /// The ids and names of the workspace's resources of `kind` (a policy's resource kind), in
    /// inventory order: what a result names by index. For `workspace`, the workspace itself.
    /// Nil for a kind a policy cannot range over.
    func resources(ofKind kind: String) -> [(id: String, name: String)]? {
        switch kind {
        case "workspace": [(id, name ?? slug)]
        case "source": sources.map { ($0.id, $0.name) }
        case "destination": destinations.map { ($0.id, $0.name) }
        case "warehouse": warehouses.map { ($0.id, $0.name) }
        default: nil
        }
    }
}

extension ResultDocument {
    /// A derivation's text with where it was read: `what (file:line:column)`.
    static func joinPlace(_ said: String, _ file: String, _ line: Int, _ column: Int) -> String {
        // Each part's bytes copied once into room made for the whole, the numbers' digits
        // written there too: interpolated, the text grew as it went, and joined from a list of
        // its parts (`String(line)` among them) it still cost some 2,600 instructions for each
        // of a night's evidence places. Written through one moving pointer: local functions
        // that wrote at a shared offset kept it in a box of its own.
        var said = said, file = file
        return said.withUTF8 { said in
            file.withUTF8 { file in
                String(unsafeUninitializedCapacity: said.count + file.count + 2 * 20 + 5) { out in
                    var at = out.baseAddress!
                    at = copy(said, to: at)
                    at[0] = UInt8(ascii: " ")
                    at[1] = UInt8(ascii: "(")
                    at = copy(file, to: at + 2)
                    at[0] = UInt8(ascii: ":")
                    at += 1 + JSONBytes.writeDecimal(line, at + 1)
                    at[0] = UInt8(ascii: ":")
                    at += 1 + JSONBytes.writeDecimal(column, at + 1)
                    at[0] = UInt8(ascii: ")")
                    return at + 1 - out.baseAddress!
                }
            }
        }
    }

    /// Copies `bytes` to `to`; returns the place after them.
    @inline(__always)
    private static func copy(_ bytes: UnsafeBufferPointer<UInt8>, to: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8>
    {
        if let from = bytes.baseAddress { to.initialize(from: from, count: bytes.count) }
        return to + bytes.count
    }
}

/// A record's references to its texts (a marker byte 0x01 and four bytes of the text's number
/// in first-use order) resolved to the texts' final numbers, once the record is finished.
enum RecordReferences {
    /// `bytes` with every reference replaced by its text's final number. The markers are found
    /// with `memchr`, and the bytes between them and each number's digits are written straight
    /// into room made for them at once: the generic search and appends this replaced were a
    /// thirtieth of a night's run (a marker every ~40 bytes).
    static func resolve(_ bytes: [UInt8], _ rank: [Int], into out: inout [UInt8]) {
        // A reference takes five bytes; its number at most as many digits as the largest rank.
        let digits = max(1, String(max(0, rank.count - 1)).utf8.count)
        let room = bytes.count + (digits > 5 ? (digits - 5) * (bytes.count / 5 + 1) : 0)
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: room))
        let written = bytes.withUnsafeBufferPointer { b -> Int in
            out.withUnsafeMutableBufferPointer { o -> Int in
                guard let base = b.baseAddress, let to = o.baseAddress.map({ $0 + start }) else { return 0 }
                var i = 0
                var at = 0
                while i < b.count {
                    let found = memchr(base + i, 1, b.count - i)
                    let marker = found.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? b.count
                    (to + at).update(from: base + i, count: marker - i)
                    at += marker - i
                    guard found != nil else { break }
                    let n =
                        Int(base[marker + 1]) | Int(base[marker + 2]) << 8 | Int(base[marker + 3]) << 16
                        | Int(base[marker + 4]) << 24
                    at += JSONBytes.writeDecimal(rank[n], to + at)
                    i = marker + 5
                }
                return at
            }
        }
        out.removeLast(room - written)
    }
}

/// Encodes one workspace record: the rows first (numbering texts as they are met), then the
/// record with its `strings` ahead of the rows that refer to them.
private struct WorkspaceRecord {
    let ws: ResultDocument.WorkspaceInfo
    let defaults: [String: ResultDocument.PolicyDefaults]
    let table = StringTable()
    /// The evidence rows, each once, and their numbers.
    var evidence: [UInt8] = []
    /// The evidence rows met so far, by their three texts' bytes (`rowKey`): a row's number
    /// in this table, first use first, is its number in `evidence`. A row repeated costs one
    /// hash of its bytes.
    let rowsMet = StringTable()
    /// The bytes of the row being looked up, kept for their room.
    var rowKey: [UInt8] = []
    var rows: [UInt8] = []
    var groups: [UInt8] = []

    init(workspace: ResultDocument.WorkspaceInfo, defaults: [String: ResultDocument.PolicyDefaults]) {
        ws = workspace
        self.defaults = defaults
        rows = flows()
    }

    // MARK: Bytes

    func text(_ s: String?, _ out: inout [UInt8]) {
        guard let s else { return out.append(contentsOf: "null".utf8) }
        ref(table.number(s), &out)
    }

    /// A reference to text `n` of the table, as a marker byte (0x01, which JSON text written
    /// here never holds raw: control characters are escaped) and four bytes of `n`, replaced
    /// by the text's final number when the record is finished.
    func ref(_ n: Int, _ out: inout [UInt8]) {
        // Byte by byte: appending the four through a raw buffer took the generic path.
        out.append(1)
        out.append(UInt8(truncatingIfNeeded: n))
        out.append(UInt8(truncatingIfNeeded: n >> 8))
        out.append(UInt8(truncatingIfNeeded: n >> 16))
        out.append(UInt8(truncatingIfNeeded: n >> 24))
    }

    /// A whole number in decimal. Most are text numbers and resource indices of one or two
    /// digits, written without a loop; longer ones through a 20-byte buffer on the stack.
    func int(_ n: Int, _ out: inout [UInt8]) {
        precondition(n >= 0, "indices and lines are never negative")
        if n < 10 { return out.append(UInt8(truncatingIfNeeded: 48 + n)) }
        if n < 100 {
            out.append(UInt8(truncatingIfNeeded: 48 + n / 10))
            return out.append(UInt8(truncatingIfNeeded: 48 + n % 10))
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            guard let p = digits.baseAddress else { return }
            out.append(contentsOf: UnsafeBufferPointer(start: p, count: JSONBytes.writeDecimal(n, p)))
        }
    }

    func raw(_ s: StaticString, _ out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    func flag(_ b: Bool?, _ out: inout [UInt8]) {
        switch b {
        case true?: raw("true", &out)
        case false?: raw("false", &out)
        case nil: raw("null", &out)
        }
    }

    func number(_ n: Int?, _ out: inout [UInt8]) {
        if let n { int(n, &out) } else { raw("null", &out) }
    }

    // MARK: Flows

    /// The three lists of flows, as `"sources": [[…], …], …`, for `rows`. Not `mutating`: a
    /// closure over a mutable `self` copied the whole record (every reference in it retained)
    /// for each row it wrote, 3% of a night's run in a profile.
    private func flows() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 * (ws.sources.count + ws.destinations.count + ws.warehouses.count) + 256)
        raw("\"sources\": [", &out)
        list(ws.sources, &out) { flow, out in
            column(flow.pointee.library, &out)
            column(flow.pointee.ingestHost, &out)
            column(flow.pointee.ingestRegion, &out)
            // The code column only where `check --scan` found one: rows stay as they were without.
            if let code = flow.pointee.code { column(code, &out) }
        }
        raw("], \"destinations\": [", &out)
        list(ws.destinations, &out) { flow, out in
            column(flow.pointee.sourceId, &out)
            column(flow.pointee.vendor, &out)
            column(flow.pointee.region, &out)
            column(flow.pointee.host, &out)
            column(flow.pointee.evidence, &out)
        }
        raw("], \"warehouses\": [", &out)
        list(ws.warehouses, &out) { flow, out in
            column(flow.pointee.location, &out)
            column(flow.pointee.region, &out)
        }
        out.append(93)
        return out
    }

    /// A text as the next column of a row, after a comma.
    private func column(_ v: String?, _ out: inout [UInt8]) {
        out.append(44)
        text(v, &out)
    }

    /// One list of flows, each row `[…]` with the columns every flow has and then its own
    /// (`columns`), each column in turn rather than through an array of them (an allocation
    /// per row). Rows are read in place, by address: a copy of each flow retained its every text.
    private func list<Flow: FlowColumns>(
        _ flows: [Flow], _ out: inout [UInt8], _ columns: (UnsafePointer<Flow>, inout [UInt8]) -> Void
    ) {
        flows.withUnsafeBufferPointer { rows in
            for k in rows.indices {
                row(k, rows.baseAddress! + k, &out)
                columns(rows.baseAddress! + k, &out)
                out.append(93)
            }
        }
    }

    /// The columns every flow has, after `[`.
    private func row<Flow: FlowColumns>(_ k: Int, _ flow: UnsafePointer<Flow>, _ out: inout [UInt8]) {
        if k > 0 { out.append(44) }
        out.append(91)
        text(flow.pointee.id, &out)
        out.append(44)
        text(flow.pointee.name, &out)
        out.append(44)
        text(flow.pointee.catalogName, &out)
        out.append(44)
        flag(flow.pointee.enabled, &out)
        out.append(44)
        number(flow.pointee.line, &out)
    }

    // MARK: Results

    /// The results as groups of one policy's results (`{"policy": …, "pass": [indices], …}`),
    /// each in resource order. A result the group cannot name by index (its resource is not
    /// among the workspace's flows, or comes out of order) is a group of its own, its resource
    /// written out.
    mutating func results(_ results: Slice<UnsafeBufferPointer<Finding>>) {
        var group = Group()
        var list: [(id: String, name: String)] = []
        var listKind = ""
        // The fingerprint's hash of policy, workspace and kind, mixed once per policy.
        var seedOf = (policy: "", kind: "")
        var seed = Finding.fingerprintSeed(policy: "", workspaceID: ws.id, kind: "")
        // Each result is read in place (`found[i]`, through the buffer's address; a slice's
        // subscript returns a copy): a copy of each of a night's 600,000 retained and released
        // its every field.
        let found = results.base
        guard let at = found.baseAddress, !results.isEmpty else { return }
        for i in results.indices {
            if group.count > 0,
                found[i].policy != group.policy || found[i].resourceKind != group.kind
                    || found[i].severity != group.severity
            {
                close(&group)
            }
            if found[i].resourceKind != listKind {
                list = ws.resources(ofKind: found[i].resourceKind) ?? []
                listKind = found[i].resourceKind
            }
            var index: Int?
            var k = group.next
            while k < list.count {
                if list[k].id == found[i].resourceId, list[k].name == found[i].resourceName {
                    index = k
                    break
                }
                k += 1
            }
            if seedOf != (found[i].policy, found[i].resourceKind) {
                seedOf = (found[i].policy, found[i].resourceKind)
                seed = Finding.fingerprintSeed(policy: found[i].policy, workspaceID: ws.id, kind: found[i].resourceKind)
            }
            // Left out when it is the one the reader computes.
            let readerComputes = Finding.isFingerprint(found[i].fingerprint, seed: seed, resourceID: found[i].resourceId)
            if group.count == 0 { group.start(at + i) }
            guard let index else {
                // Written out whole, in a group of its own.
                if group.count > 0 { close(&group) }
                group.start(at + i)
                group.count = 1
                finding(
                    at + i, resource: nil, fingerprint: readerComputes ? nil : found[i].fingerprint,
                    into: &group.lists[Group.slot(found[i].outcome)])
                close(&group)
                continue
            }
            group.next = index + 1
            group.count += 1
            let o = Group.slot(found[i].outcome)
            if Self.bare(at + i), readerComputes {
                if let run = group.runs[o], run.upperBound == index {
                    group.runs[o] = run.lowerBound..<(index + 1)
                } else {
                    flushRun(&group, o)
                    group.runs[o] = index..<(index + 1)
                }
            } else {
                flushRun(&group, o)
                if !group.lists[o].isEmpty { group.lists[o].append(44) }
                finding(
                    at + i, resource: index, fingerprint: readerComputes ? nil : found[i].fingerprint, into: &group.lists[o]
                )
            }
        }
        if group.count > 0 { close(&group) }
    }

    /// Whether a result says nothing but its outcome.
    /// Results are passed by address: passed by value, each was copied (its every reference
    /// retained and released), even as a `borrowing` parameter.
    private static func bare(_ r: UnsafePointer<Finding>) -> Bool {
        // A pass has no details box: answered by one compare (the fields read one by one were
        // 150 instructions a result).
        guard r.pointee.evidence.isEmpty else { return false }
        if r.pointee.hasNoDetails { return true }
        return r.pointee.message == nil && r.pointee.remediation == nil && r.pointee.reason == nil && r.pointee.permit == nil
            && r.pointee.basis == nil && r.pointee.change == nil && r.pointee.waiver == nil
    }

    /// One policy's results in a workspace as the record writes them: per outcome, the
    /// results' numbers and rows.
    private struct Group {
        var policy = "", kind = "", severity = PolicySeverity.error
        var count = 0
        /// The first index the next result may have.
        var next = 0
        var lists = [[UInt8]](repeating: [], count: Outcome.allCases.count)
        /// Per outcome, the run of consecutive bare results not yet written.
        var runs = [Range<Int>?](repeating: nil, count: Outcome.allCases.count)

        static func slot(_ o: Outcome) -> Int { Outcome.allCases.firstIndex(of: o)! }

        mutating func start(_ r: UnsafePointer<Finding>) {
            self = Group()
            (policy, kind, severity) = (r.pointee.policy, r.pointee.resourceKind, r.pointee.severity)
        }
    }

    /// Writes outcome `o`'s pending run of bare results: one or two as numbers, more as the
    /// text `"first..last"` (a policy's passes are mostly every resource of a kind in order).
    private func flushRun(_ g: inout Group, _ o: Int) {
        guard let run = g.runs[o] else { return }
        g.runs[o] = nil
        if !g.lists[o].isEmpty { g.lists[o].append(44) }
        if run.count < 3 {
            int(run.lowerBound, &g.lists[o])
            if run.count == 2 {
                g.lists[o].append(44)
                int(run.lowerBound + 1, &g.lists[o])
            }
            return
        }
        g.lists[o].append(34)
        int(run.lowerBound, &g.lists[o])
        raw("..", &g.lists[o])
        int(run.upperBound - 1, &g.lists[o])
        g.lists[o].append(34)
    }

    private mutating func close(_ g: inout Group) {
        for o in g.runs.indices { flushRun(&g, o) }
        var out = groups
        groups = []
        if !out.isEmpty { out.append(contentsOf: ", ".utf8) }
        raw("{\"policy\": ", &out)
        JSONBytes.appendString(g.policy, to: &out)
        // The policy's own kind and severity go without saying (`policies[]` lists them).
        let own = defaults[g.policy]
        if own?.kind != g.kind {
            raw(", \"kind\": ", &out)
            JSONBytes.appendString(g.kind, to: &out)
        }
        if own == nil || own?.severity != g.severity.rawValue {
            raw(", \"severity\": ", &out)
            JSONBytes.appendString(g.severity.rawValue, to: &out)
        }
        for (o, list) in zip(Outcome.allCases, g.lists) where !list.isEmpty {
            raw(", ", &out)
            JSONBytes.appendString(o.rawValue, to: &out)
            raw(": [", &out)
            out.append(contentsOf: list)
            out.append(93)
        }
        out.append(125)
        groups = out
        g = Group()
    }

    /// A result row: `[resource, message, evidence, remediation, reason, permit, basis,
    /// change, waiver, fingerprint]`, trailing nulls left out; `fingerprint` only when it is
    /// not the one the reader computes.
    private mutating func finding(
        _ r: UnsafePointer<Finding>, resource: Int?, fingerprint: String?, into out: inout [UInt8]
    ) {
        out.append(91)
        if let resource {
            int(resource, &out)
        } else {
            raw("{\"id\": ", &out)
            text(r.pointee.resourceId, &out)
            raw(", \"name\": ", &out)
            text(r.pointee.resourceName, &out)
            out.append(125)
        }
        // Columns in order; a null is written only when a later column has a value.
        var pending = 0
        func next(_ out: inout [UInt8]) {
            for _ in 0..<pending { raw(",null", &out) }
            pending = 0
            out.append(44)
        }
        if let m = r.pointee.message { next(&out); pieces(m, r.pointee.messageBreaks, &out) } else { pending += 1 }
        if !r.pointee.evidence.isEmpty { next(&out); evidenceList(r.pointee.evidence, &out) } else { pending += 1 }
        if let m = r.pointee.remediation { next(&out); pieces(m, r.pointee.remediationBreaks, &out) } else { pending += 1 }
        // Each in turn, not through an array of the three (an allocation per result).
        if let v = r.pointee.reason { next(&out); text(v, &out) } else { pending += 1 }
        if let v = r.pointee.permit { next(&out); text(v, &out) } else { pending += 1 }
        if let v = r.pointee.basis { next(&out); text(v, &out) } else { pending += 1 }
        if let c = r.pointee.change { next(&out); JSONBytes.appendString(c.rawValue, to: &out) } else { pending += 1 }
        if let w = r.pointee.waiver { next(&out); waiver(w, &out) } else { pending += 1 }
        if let f = fingerprint { next(&out); JSONBytes.appendString(f, to: &out) }
        out.append(93)
    }

    /// A text as the numbers of its pieces: `[3,7,4]`.
    private func pieces(_ s: String, _ breaks: [UInt32], _ out: inout [UInt8]) {
        out.append(91)
        defer { out.append(93) }
        let utf8 = s.utf8
        // Breaks out of order, past the end or inside a scalar's bytes (a finding built by
        // hand) keep the text whole. A scalar starts at every byte that is not a continuation
        // byte (`10xxxxxx`): a String's bytes are valid UTF-8.
        func wholeText(_ b: some RandomAccessCollection<UInt8>) -> Bool {
            var previous = 0
            for end in breaks.lazy.map(Int.init) {
                if end < previous || end > b.count { return true }
                if end < b.count && b[b.index(b.startIndex, offsetBy: end)] & 0xC0 == 0x80 { return true }
                previous = end
            }
            return breaks.isEmpty
        }
        let whole = utf8.withContiguousStorageIfAvailable { wholeText($0) } ?? wholeText(Array(utf8))
        if whole { return ref(table.number(s), &out) }
        var start = 0
        for (k, end) in breaks.enumerated() {
            if k > 0 { out.append(44) }
            ref(table.number(s, start..<Int(end)), &out)
            start = Int(end)
        }
        out.append(44)
        ref(table.number(s, start..<utf8.count), &out)
    }

    private mutating func evidenceList(_ list: [Evidence], _ out: inout [UInt8]) {
        out.append(91)
        // Rows passed by address: `list[k]` as an argument was copied, its three texts
        // retained and released, for each of a night's 750,000 evidence rows.
        list.withUnsafeBufferPointer { rows in
            for k in rows.indices {
                if k > 0 { out.append(44) }
                // Numbered first: a mutating call inside the arguments of `int` copied the whole
                // record (every reference in it retained) for each evidence row.
                let n = evidenceNumber(rows.baseAddress! + k)
                int(n, &out)
            }
        }
        out.append(93)
    }

    /// The number of an evidence row, written into `evidence` the first time it is met. Rows
    /// are keyed by their three texts' bytes, each followed by 0xFF, with 0xFE for no `from`:
    /// bytes that UTF-8 never holds, so no two rows share a key. A failing result's rows mostly
    /// repeat other results' (the same endpoint read by several policies). Texts are numbered
    /// in `table` (and their uses counted) only when the row is new, so the table is what it
    /// would be had every row been written in full once.
    private mutating func evidenceNumber(_ row: UnsafePointer<Evidence>) -> Int {
        var key = rowKey
        rowKey = []
        key.removeAll(keepingCapacity: true)
        Text.append(row.pointee.expression, to: &key)
        key.append(0xFF)
        Text.append(row.pointee.value, to: &key)
        key.append(0xFF)
        if let from = row.pointee.from {
            Text.append(from, to: &key)
            key.append(0xFF)
        } else {
            key.append(0xFE)
        }
        defer { rowKey = key }
        if let met = key.withUnsafeBufferPointer({ rowsMet.find(bytes: $0) }) { return met }
        let n = key.withUnsafeBufferPointer { rowsMet.number(bytes: $0) }
        // A new row: its texts numbered in the order they are written.
        var out = evidence
        evidence = []
        if n > 0 { out.append(44) }
        out.append(91)
        ref(table.number(row.pointee.expression), &out)
        out.append(44)
        ref(table.number(row.pointee.value), &out)
        if let from = row.pointee.from {
            out.append(44)
            if let place = Self.placeRanges(from) {
                out.append(91)
                ref(table.number(from, place.said), &out)
                out.append(44)
                ref(table.number(from, place.file), &out)
                out.append(44)
                int(place.line, &out)
                out.append(44)
                int(place.column, &out)
                out.append(93)
            } else {
                ref(table.number(from), &out)
            }
        }
        out.append(93)
        evidence = out
        return n
    }

    /// A derivation that ends with where it was read, `what (file:line:column)`, in its parts
    /// (UTF-8 offsets of `what` and `file`): the same setting read at a hundred places is then
    /// one text and a hundred places. Only when the parts give the text back exactly
    /// (`ResultDocument.joinPlace`): a line or column written with a leading zero does not.
    static func placeRanges(_ from: String) -> (said: Range<Int>, file: Range<Int>, line: Int, column: Int)? {
        // Read from the end in the UTF-8 bytes: the column, the line, then the last ` (` before
        // them. Foundation's backwards `range(of:)` and a split into `Character`s were 4% of a
        // night's `check` (one call per evidence row of every workspace).
        let found = from.utf8.withContiguousStorageIfAvailable { b -> (Range<Int>, Range<Int>, Int, Int)? in
            let n = b.count
            guard n > 0, b[n - 1] == UInt8(ascii: ")") else { return nil }
            /// A number as `joinPlace` writes one: decimal digits, no leading zero.
            func number(_ lo: Int, _ hi: Int) -> Int? {
                guard hi > lo, hi - lo <= 18, hi - lo == 1 || b[lo] != UInt8(ascii: "0") else { return nil }
                var v = 0
                for i in lo..<hi {
                    let digit = b[i] &- UInt8(ascii: "0")
                    guard digit < 10 else { return nil }
                    v = v * 10 + Int(digit)
                }
                return v
            }
            func colon(before end: Int) -> Int? {
                var k = end - 1
                while k >= 0, b[k] != UInt8(ascii: ":") { k -= 1 }
                return k >= 0 ? k : nil
            }
            guard let second = colon(before: n - 1), let column = number(second + 1, n - 1),
                let first = colon(before: second), let line = number(first + 1, second)
            else { return nil }
            var open = first - 1
            while open >= 1, !(b[open] == UInt8(ascii: "(") && b[open - 1] == UInt8(ascii: " ")) { open -= 1 }
            guard open >= 1 else { return nil }
            return (0..<(open - 1), (open + 1)..<first, line, column)
        }
        guard let found, let place = found else { return nil }
        return place
    }

    private func waiver(_ w: Finding.WaiverNote, _ out: inout [UInt8]) {
        raw("{\"approvedBy\": ", &out)
        JSONBytes.appendString(w.approvedBy, to: &out)
        raw(", \"reason\": ", &out)
        JSONBytes.appendString(w.reason, to: &out)
        raw(", \"expires\": ", &out)
        JSONBytes.appendString(w.expires, to: &out)
        raw(w.expired ? ", \"expired\": true}" : ", \"expired\": false}", &out)
    }

    // MARK: The record

    /// `{"id": …, …, "strings": […], "sources": …, "evidence": […], "results": […]}`.
    func finish(into out: inout [UInt8]) {
        var w = JSONWriter(capacity: 512)
        w.beginObject(inline: true)
        w.field("id", ws.id)
        w.field("slug", ws.slug)
        w.field("name", ws.name)
        w.field("region", ws.region)
        w.field("source", ws.source)
        if let line = ws.line { w.field("line", line) }
        if let subjects = ws.dataSubjects { w.field("dataSubjects", strings: subjects) }
        w.endObject()
        var head = w.bytes
        head.removeLast()  // the closing brace: the record goes on
        out.append(contentsOf: head)
        raw(", \"strings\": [", &out)
        let (order, rank) = table.ranks()
        for (k, i) in order.enumerated() {
            if k > 0 { out.append(44) }
            table.withBytes(of: i) { JSONBytes.appendString(utf8: $0, to: &out) }
        }
        raw("], ", &out)
        RecordReferences.resolve(rows, rank, into: &out)
        raw(", \"evidence\": [", &out)
        RecordReferences.resolve(evidence, rank, into: &out)
        raw("], \"results\": [", &out)
        RecordReferences.resolve(groups, rank, into: &out)
        raw("]}", &out)
    }
}

/// The columns every flow of the document starts with (`WorkspaceRecord.row`).
private protocol FlowColumns {
    var id: String { get }
    var name: String { get }
    var catalogName: String? { get }
    var enabled: Bool? { get }
    var line: Int? { get }
}

extension ResultDocument.FlowSource: FlowColumns {}
extension ResultDocument.FlowDestination: FlowColumns {}
extension ResultDocument.FlowWarehouse: FlowColumns {}
