/// What `residency scan` prints: a JSON document whose `sdkConfigs` entries have the shape of
/// an export bundle's (`library` and the SDK's settings), each with the code location it came
/// from and how each value was found; or lines for a terminal. docs/scan.md documents both.
public enum ScanReport {
    /// The JSON document's version; a change in its shape changes it.
    public static let version = 1

    /// `matched`, with `--inventory`: each entry keyed by the `sourceId` that has its write key
    /// too, the inventories listed, and the findings.
    public static func json(
        _ outcome: CodeScan.Outcome, paths: [String], inventories: [String] = [], matched: CodeScan.Matched? = nil
    ) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.field("scanVersion", version)
        w.key("tool")
        w.beginObject(inline: true)
        w.field("name", "residency")
        w.field("version", ResidencyVersion.current)
        w.endObject()
        w.field("paths", strings: paths)
        if matched != nil { w.field("inventories", strings: inventories) }
        w.field("environmentFiles", strings: outcome.environmentFiles)
        w.key("files")
        w.beginObject(inline: true)
        w.field("read", outcome.filesRead)
        w.field("binary", outcome.binaryFiles)
        w.field("tooLarge", outcome.largeFiles)
        w.field("unreadable", outcome.unreadableFiles)
        w.field("ignored", outcome.ignoredFiles)
        w.field("foldersSkipped", outcome.foldersSkipped)
        w.endObject()
        w.key("sdkConfigs")
        w.beginArray()
        for (u, use) in outcome.uses.enumerated() {
            let sources = matched?.sources[u] ?? []
            entry(use, sourceID: sources.count == 1 ? sources[0].source : nil, &w)
        }
        w.endArray()
        if let matched {
            w.key("findings")
            w.beginArray()
            for f in matched.findings {
                w.beginObject(inline: true)
                w.field("code", f.code)
                w.field("message", f.message)
                w.field("location", f.location)
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
        var bytes = w.bytes
        bytes.append(0x0A)
        return bytes
    }

    /// `sourceID`: the one source of the inventories with the entry's write key, which a bundle
    /// then matches by id.
    private static func entry(_ use: SDKUse, sourceID: String?, _ w: inout JSONWriter) {
        w.beginObject()
        if let sourceID { w.field("sourceId", sourceID) }
        if let key = use.writeKey?.literal { w.field("writeKey", key) }
        w.field("library", use.library)
        var unresolved: [(String, ScannedValue)] = []
        if let key = use.writeKey, key.literal == nil { unresolved.append(("writeKey", key)) }
        for s in use.settings {
            if let text = s.value.literal {
                w.field(s.name, text)
            } else if let b = s.value.boolean {
                w.field(s.name, b)
            } else {
                unresolved.append((s.name, s.value))
            }
        }
        w.field("location", where_(use.location))
        if !unresolved.isEmpty {
            w.key("unresolved")
            w.beginObject()
            for (name, value) in unresolved { w.field(name, value.described) }
            w.endObject()
        }
        w.key("evidence")
        w.beginArray()
        if let key = use.writeKey, let at = use.writeKeyLocation { evidence("writeKey", key, at, &w) }
        for s in use.settings { evidence(s.name, s.value, s.location, &w) }
        w.endArray()
        w.endObject()
    }

    private static func evidence(_ name: String, _ value: ScannedValue, _ at: SourceRange, _ w: inout JSONWriter) {
        w.beginObject(inline: true)
        w.field("setting", name)
        w.field("value", value.described)
        w.field("location", where_(at))
        if !value.via.isEmpty { w.field("via", strings: value.via) }
        w.endObject()
    }

    /// `path:line:col`.
    static func where_(_ r: SourceRange) -> String { "\(r.file):\(r.start.line):\(r.start.column)" }

    /// One line per SDK set up, then what was read and passed by.
    /// With `matched` (`--inventory`), each line names the sources that have its write key, and
    /// the findings follow the setups.
    public static func text(_ outcome: CodeScan.Outcome, matched: CodeScan.Matched? = nil) -> String {
        var out = ""
        for (u, use) in outcome.uses.enumerated() {
            var line = "\(where_(use.location))  \(use.library)"
            if let key = use.writeKey { line += "  writeKey \(key.described)" }
            for s in use.settings { line += "  \(s.name) \(s.value.described)" }
            if !SDKRules.knownLibraries.contains(use.library) {
                line += "  (the library cannot be told: its endpoint is unknown)"
            } else if use.settings.isEmpty, use.library != "analytics.js" {
                line += "  (no endpoint set: the SDK's default)"
            }
            if let sources = matched?.sources[u], !sources.isEmpty {
                line += "  → " + sources.map { "source \($0.source) (\($0.workspace))" }.joined(separator: ", ")
            }
            out += Neutralise.terminal(line, limit: 1000) + "\n"
        }
        for f in matched?.findings ?? [] { out += Neutralise.terminal("FINDING \(f.code): \(f.message)", limit: 1000) + "\n" }
        let files = outcome.uses.map(\.location.file)
        var passed: [String] = []
        if outcome.foldersSkipped > 0 {
            passed.append(plural(outcome.foldersSkipped, "folder") + " skipped (ignored, dependencies or build output)")
        }
        if outcome.ignoredFiles > 0 { passed.append(plural(outcome.ignoredFiles, "file") + " ignored by .gitignore") }
        if outcome.binaryFiles > 0 { passed.append(plural(outcome.binaryFiles, "binary file")) }
        if outcome.largeFiles > 0 { passed.append(plural(outcome.largeFiles, "file") + " over \(FileSizeLimit.code.text)") }
        if outcome.unreadableFiles > 0 { passed.append(plural(outcome.unreadableFiles, "unreadable file")) }
        out += "\(plural(outcome.uses.count, "SDK setup")) in \(plural(Set(files).count, "file")) of \(outcome.filesRead) read"
        out += passed.isEmpty ? "\n" : "; passed by: " + passed.joined(separator: ", ") + "\n"
        return out
    }

    private static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}

extension ScanReport {
    /// Writes the JSON document as every report is written (`OutputBatch`): to a temporary
    /// file, then renamed into place, so a failed scan leaves the previous file whole. `read`:
    /// the files the scan looked at, none of which an output may replace.
    public static func write(_ bytes: [UInt8], to path: String, read: [String], option: String = "--json") throws(Diagnostic) {
        let target = OutputTarget(option, path)
        if let problem = (OutputPaths.check([target]) + OutputPaths.check([target], read: read)).first { throw problem }
        let batch = try OutputBatch([target])
        defer { batch.discard() }
        try batch.write(path, bytes: bytes)
        try batch.commit()
    }
}
