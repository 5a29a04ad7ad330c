/// Typed reads from a parsed inventory file that report problems at the offending value
/// instead of failing: a wrong type or a missing field becomes a diagnostic and a nil.
///
/// Paths (`workspaces[2].destinations[17].metadata`) are taken as autoclosures: they are
/// spelled out only for a diagnostic, not for each of the million values read.
struct NodeReader {
    let file: SourceFile
    var diagnostics: [Diagnostic] = []
    /// Whether the file is an export (a missing field then suggests an edited or cut export);
    /// false for files people write: waivers, tests, workspace lists.
    var isExport = true

    init(file: SourceFile) { self.file = file }

    func range(_ n: DataNode) -> SourceRange { file.range(n.start, max(n.start + 1, n.end)) }

    /// The range of a member's key (for "has no …" on an object, point at the object start).
    func keyRange(_ start: Int, _ key: String) -> SourceRange {
        // JSON keys are quoted, YAML keys usually are not.
        let quoted =
            start < file.bytes.count && (file.bytes[start] == UInt8(ascii: "\"") || file.bytes[start] == UInt8(ascii: "'"))
        return file.range(start, start + key.utf8.count + (quoted ? 2 : 0))
    }

    mutating func report(_ d: Diagnostic) { diagnostics.append(d) }

    /// Whether the file's duplicate keys have been reported: once per file, by whichever
    /// read comes first (`reportDuplicateKeys`, or `object` on the file's root).
    private var duplicatesReported = false

    /// An object, or a diagnostic saying what it is instead.
    mutating func object(_ n: DataNode?, _ path: @autoclosure () -> String) -> DataNode? {
        guard let n, !n.isNull else { return nil }
        guard n.kind == .object else {
            report(.inventoryType(path(), expected: "an object", found: n, at: range(n)))
            return nil
        }
        // Every reader of a file we define reads its root as an object first: the whole
        // file's duplicate keys are reported from here, so no reader can forget them.
        if n.index == 0 { reportDuplicateKeys(n.tree) }
        return n
    }

    /// Every repeated key in every object of a parsed file, as an error at the repeat noting
    /// the first: JSON readers disagree on which one counts (Node, Python and Segment's
    /// provider keep the last), so the file means different things to different tools.
    /// Called once per file by whoever parsed it, over the whole tree, so that objects the
    /// loader never reads (inside `settings`, nested metadata) are covered too.
    mutating func reportDuplicateKeys(_ tree: DataTree) {
        guard !duplicatesReported else { return }
        duplicatesReported = true
        for dup in tree.duplicateKeys {
            report(.duplicateKey(dup.key, at: keyRange(dup.secondStart, dup.key), first: keyRange(dup.firstStart, dup.key)))
        }
    }

    /// The members of an object whose keys we define that are none of `known`, each with the
    /// range of its key and the closest known key (for `help:`). Objects that are Segment's
    /// own (a source, its `settings`) may gain fields and are never checked this way.
    func unknownKeys(_ obj: DataNode, _ known: [String]) -> [(key: String, range: SourceRange, help: String?)] {
        var out: [(key: String, range: SourceRange, help: String?)] = []
        for (key, start, _) in obj.members where !known.contains(key) {
            out.append((key, keyRange(start, key), Suggestions.didYouMean(key, in: known)))
        }
        return out
    }

    /// A list member of an object we define: absent is nil (not given); `null` is an error,
    /// since it reads as "no items" to some tools and "not exported" to others.
    mutating func list(_ obj: DataNode, _ key: String, _ path: @autoclosure () -> String) -> DataNode? {
        guard let n = obj[key] else { return nil }
        return list(member: n, key, path())
    }

    /// `list(_:_:_:)` of a member already found.
    private mutating func list(member n: DataNode, _ key: String, _ path: @autoclosure () -> String) -> DataNode? {
        if n.isNull {
            report(.nullList("\(path()).\(key)", at: range(n)))
            return nil
        }
        return array(n, "\(path()).\(key)")
    }

    mutating func array(_ n: DataNode?, _ path: @autoclosure () -> String) -> DataNode? {
        guard let n, !n.isNull else { return nil }
        guard n.kind == .array else {
            report(.inventoryType(path(), expected: "a list", found: n, at: range(n)))
            return nil
        }
        return n
    }

    /// A string member; numbers are not silently turned into strings. `sharing`: for a member
    /// whose text repeats across the file (a catalog name in each `metadata`), the `String`
    /// already made for the same bytes.
    mutating func string(
        _ obj: DataNode, _ key: String, _ path: @autoclosure () -> String, sharing texts: TextInterner? = nil
    ) -> String? {
        guard let n = obj[key], !n.isNull else { return nil }
        guard let s = n.string(interning: texts) else {
            report(.inventoryType("\(path()).\(key)", expected: "a string", found: n, at: range(n)))
            return nil
        }
        return s
    }

    /// A required string member: missing is an error at the object.
    mutating func requiredString(_ obj: DataNode, _ key: String, _ path: @autoclosure () -> String, what: String) -> String? {
        guard let n = obj[key], !n.isNull else {
            report(.inventoryMissing(what, field: key, at: file.range(obj.start, obj.start + 1), fromExport: isExport))
            return nil
        }
        guard let s = n.string else {
            report(.inventoryType("\(path()).\(key)", expected: "a string", found: n, at: range(n)))
            return nil
        }
        if s.isEmpty { report(.inventoryMissing(what, field: key, at: range(n), fromExport: isExport)) }
        return s.isEmpty ? nil : s
    }

    mutating func bool(_ obj: DataNode, _ key: String, _ path: @autoclosure () -> String) -> Bool? {
        guard let n = obj[key], !n.isNull else { return nil }
        guard let b = n.bool else {
            report(.inventoryType("\(path()).\(key)", expected: "true or false", found: n, at: range(n)))
            return nil
        }
        return b
    }

    /// A list of strings; wrong elements are reported one by one and left out. `strict`: the
    /// list is ours (not a field of Segment's objects), so `null` is an error (see `list`).
    mutating func strings(
        _ obj: DataNode, _ key: String, _ path: @autoclosure () -> String, strict: Bool = false
    ) -> [String]? {
        // An absent member answered before the paths are put together: most `metadata` has no
        // `supportedRegions` or `regionEndpoints`, and building the autoclosures of their
        // paths (a copy of the object and of the key each) cost 950 instructions a look-up.
        guard let member = obj[key] else { return nil }
        guard let list = strict ? self.list(member: member, key, path()) : array(member, "\(path()).\(key)") else { return nil }
        var out: [String] = []
        out.reserveCapacity(list.count)
        for (i, e) in list.elements.enumerated() {
            if let s = e.string {
                out.append(s)
            } else {
                report(.inventoryType("\(path()).\(key)[\(i)]", expected: "a string", found: e, at: range(e)))
            }
        }
        return out
    }

    /// Where a value is, as the model records it.
    func origin(_ n: DataNode) -> Origin { Origin(file: file.path, offset: n.start) }
}
