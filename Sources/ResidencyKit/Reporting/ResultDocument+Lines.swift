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
        for i in range {
            if i > range.lowerBound || leadingComma { out.append(UInt8(ascii: ",")) }
            Self.appendLine(results[i], to: &out)
        }
    }

    private static func appendLine(_ r: Finding, to out: inout [UInt8]) {
        JSONBytes.append("\n    {\"policy\": ", to: &out)
        JSONBytes.appendString(r.policy, to: &out)
        JSONBytes.append(", \"severity\": ", to: &out)
        JSONBytes.appendString(r.severity.rawValue, to: &out)
        JSONBytes.append(", \"outcome\": ", to: &out)
        JSONBytes.appendString(r.outcome.rawValue, to: &out)
        JSONBytes.append(", \"workspace\": ", to: &out)
        JSONBytes.appendString(r.workspace, to: &out)
        JSONBytes.append(", \"resource\": {\"kind\": ", to: &out)
        JSONBytes.appendString(r.resourceKind, to: &out)
        JSONBytes.append(", \"id\": ", to: &out)
        JSONBytes.appendString(r.resourceId, to: &out)
        JSONBytes.append(", \"name\": ", to: &out)
        JSONBytes.appendString(r.resourceName, to: &out)
        out.append(UInt8(ascii: "}"))
        // Absent values are left out, not written as null.
        if let v = r.message { field(", \"message\": ", v, &out) }
        if let v = r.remediation { field(", \"remediation\": ", v, &out) }
        if let v = r.reason { field(", \"reason\": ", v, &out) }
        if let v = r.permit { field(", \"permit\": ", v, &out) }
        if let v = r.basis { field(", \"basis\": ", v, &out) }
        if !r.evidence.isEmpty {
            JSONBytes.append(", \"evidence\": [", to: &out)
            for (k, e) in r.evidence.enumerated() {
                JSONBytes.append(k == 0 ? "{\"expression\": " : ", {\"expression\": ", to: &out)
                JSONBytes.appendString(e.expression, to: &out)
                JSONBytes.append(", \"value\": ", to: &out)
                JSONBytes.appendString(e.value, to: &out)
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "}"))
    }

    @inline(__always)
    private static func field(_ key: StaticString, _ value: String, _ out: inout [UInt8]) {
        JSONBytes.append(key, to: &out)
        JSONBytes.appendString(value, to: &out)
    }
}
