/// The members of the `results` array, one result per line: compact enough for a million
/// results, still readable and diffable.
///
/// Written straight as bytes rather than through `JSONWriter`: every line has the same
/// shape, so its keys and punctuation are constants, and a run's hundreds of megabytes of
/// results need none of the writer's per-key bookkeeping. The bytes are exactly what
/// `JSONWriter` writes for an inline object (`{"a": 1, "b": {"c": 2}}`) four spaces deep
/// inside the document's `results` array; `ResultDocumentJSONTests` holds them together.
extension ResultDocument {
    /// Appends the results in `range`, each on its own line; `leadingComma` when results
    /// before the range have already been written.
    func appendResultLines(_ range: Range<Int>, leadingComma: Bool, to out: inout [UInt8]) {
        let line = LineScratch()
        // Findings are read in place through a pointer: passing `results[i]` along copies the
        // finding (a dozen retains and releases) for every line.
        results.withUnsafeBufferPointer { results in
            for i in range {
                let r = results.baseAddress! + i
                line.start(room: Self.room(r))
                if i > range.lowerBound || leadingComma { line.put(UInt8(ascii: ",")) }
                Self.write(r, line)
                out.append(contentsOf: line.bytes)
            }
        }
    }

    /// An upper bound on the bytes of a finding's line: keys and punctuation, plus each
    /// string at its longest escaped (`\u00XX`, six bytes per byte) with its quotes.
    private static func room(_ finding: UnsafePointer<Finding>) -> Int {
        func text(_ s: String?) -> Int { s.map { 6 * $0.utf8.count + 2 } ?? 0 }
        let r = finding.pointee
        var room =
            320 + text(r.policy) + text(r.workspace) + text(r.resourceKind) + text(r.resourceId)
            + text(r.resourceName) + text(r.message) + text(r.waiver?.approvedBy) + text(r.waiver?.reason) + text(r.remediation)
            + text(r.reason) + text(r.permit) + text(r.basis)
        for e in r.evidence { room += 50 + text(e.expression) + text(e.value) + text(e.from) }
        return room
    }

    private static func write(_ finding: UnsafePointer<Finding>, _ line: LineScratch) {
        let r = finding.pointee
        line.put("\n    {\"policy\": ")
        line.put(string: r.policy)
        line.put(", \"severity\": ")
        line.put(string: r.severity.rawValue)
        line.put(", \"outcome\": ")
        line.put(string: r.outcome.rawValue)
        line.put(", \"workspace\": ")
        line.put(string: r.workspace)
        line.put(", \"resource\": {\"kind\": ")
        line.put(string: r.resourceKind)
        line.put(", \"id\": ")
        line.put(string: r.resourceId)
        line.put(", \"name\": ")
        line.put(string: r.resourceName)
        line.put(UInt8(ascii: "}"))
        if !r.fingerprint.isEmpty { line.put(", \"fingerprint\": "); line.put(string: r.fingerprint) }
        if let v = r.change { line.put(", \"change\": "); line.put(string: v) }
        // Absent values are left out, not written as null.
        if let v = r.message { line.put(", \"message\": "); line.put(string: v) }
        if let v = r.remediation { line.put(", \"remediation\": "); line.put(string: v) }
        if let v = r.reason { line.put(", \"reason\": "); line.put(string: v) }
        if let v = r.permit { line.put(", \"permit\": "); line.put(string: v) }
        if let v = r.basis { line.put(", \"basis\": "); line.put(string: v) }
        if let w = r.waiver {
            line.put(", \"waiver\": {\"approvedBy\": ")
            line.put(string: w.approvedBy)
            line.put(", \"reason\": ")
            line.put(string: w.reason)
            line.put(", \"expires\": ")
            line.put(string: w.expires)
            line.put(w.expired ? ", \"expired\": true}" : ", \"expired\": false}")
        }
        if !r.evidence.isEmpty {
            line.put(", \"evidence\": [")
            for (k, e) in r.evidence.enumerated() {
                line.put(k == 0 ? "{\"expression\": " : ", {\"expression\": ")
                line.put(string: e.expression)
                line.put(", \"value\": ")
                line.put(string: e.value)
                if let from = e.from {
                    line.put(", \"from\": ")
                    line.put(string: from)
                }
                line.put(UInt8(ascii: "}"))
            }
            line.put(UInt8(ascii: "]"))
        }
        line.put(UInt8(ascii: "}"))
    }
}

/// Memory for one line, written through a raw pointer. `start(room:)` makes room for the
/// whole line at once (an upper bound), so the puts that follow need no capacity checks;
/// appending to `[UInt8]` piece by piece cost a uniqueness and capacity check per piece,
/// most of the time spent encoding.
private final class LineScratch {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var room = 0
    private var count = 0

    init() {
        capacity = 4096
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// Empties the scratch and makes room for `room` bytes; writing more traps.
    func start(room: Int) {
        if room > capacity {
            base.deallocate()
            capacity = max(room, 2 * capacity)
            base = .allocate(capacity: capacity)
        }
        self.room = room
        count = 0
    }

    @inline(__always)
    private func claim(_ n: Int) -> UnsafeMutablePointer<UInt8> {
        precondition(count + n <= room, "LineScratch: more than the room reserved for the line")
        defer { count += n }
        return base + count
    }

    @inline(__always)
    func put(_ b: UInt8) { claim(1).pointee = b }

    @inline(__always)
    func put(_ s: StaticString) {
        claim(s.utf8CodeUnitCount).update(from: s.utf8Start, count: s.utf8CodeUnitCount)
    }

    /// `s` as a quoted JSON string, escaped as `JSONBytes.appendString` escapes it.
    func put(string s: String) {
        put(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            guard let start = utf8.baseAddress else { return }
            if !JSONBytes.needsEscaping(utf8) {
                claim(utf8.count).update(from: start, count: utf8.count)
                return
            }
            for b in utf8 {
                switch b {
                case UInt8(ascii: "\""), 92: put(92); put(b)
                case 10: put(92); put(UInt8(ascii: "n"))
                case 13: put(92); put(UInt8(ascii: "r"))
                case 9: put(92); put(UInt8(ascii: "t"))
                case 0..<0x20:
                    put("\\u00")
                    put(JSONBytes.hexDigit(b >> 4))
                    put(JSONBytes.hexDigit(b & 15))
                default: put(b)
                }
            }
        }
        put(UInt8(ascii: "\""))
    }
}
