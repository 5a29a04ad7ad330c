import Foundation

/// Parsing a result document a workspace record at a time. `check` writes each record on a
/// line of its own (`ResultDocument+JSON.swift`); parsed whole, a nightly document is one tree
/// of some six million values built on one thread, and held whole (150 MB of nodes) until its
/// last result is read. Laid out as `check` writes it, the file is parsed as two things: the
/// document with every record's line replaced by a `0` (so every value keeps its line and
/// column; a few kilobytes, not a copy of the whole file), here, and each record on its own by
/// the thread that reads it (`readRecords`), let go once it is read. A file laid out otherwise
/// (re-indented by `jq`, say), or one with a record that is not JSON on its own, is parsed
/// whole, as before, and reads the same.
struct ParsedDocument {
    /// The document; with `records`, each record stands there as a `0`.
    var tree: DataTree
    /// Each record's bytes in the file, to be parsed on their own; nil when the tree holds the
    /// records.
    var records: [Range<Int>]?
    /// With `records`: the text `tree` was parsed from (the document without its records), and
    /// what puts a diagnostic found in it back at its place in the file.
    var head: (file: SourceFile, restore: @Sendable (Diagnostic) -> Diagnostic)? = nil
}

extension ResultDocument {
    static func parse(_ file: SourceFile) -> Result<ParsedDocument, JSONSyntaxError> {
        if let layout = RecordLayout.of(file.bytes) {
            let text = layout.text
            let restore = restoring(path: file.path, tailStart: layout.tailStart, shift: layout.shift)
            let head = SourceFile(path: file.path + Self.headMarker, bytes: text)
            // Each `0` must stand where its record does, as an element of `workspaces`: any
            // other reading of the layout is not the one assumed, and the file is parsed whole.
            // Only schemas whose records are the workspaces' lines (3 on): in 1 and 2 a workspace
            // is read as a whole value of the tree.
            if case .success(let tree) = JSONReader.parse(text, range: 0..<text.count), isRecordSchema(tree.root),
                let list = tree.root["workspaces"], list.kind == .array, list.count == layout.records.count,
                list.elements.allSatisfy({ $0.int == 0 })
            {
                return .success(ParsedDocument(tree: tree, records: layout.records, head: (head, restore)))
            }
        }
        return JSONReader.parse(file).map { ParsedDocument(tree: $0, records: nil) }
    }

    /// The path the head's text is read under, so that what is found in it is told apart from
    /// what is found in the records (read from the file itself) and put back at its place.
    static let headMarker = "\u{0}head"

    /// What moves a diagnostic found in a document's text without its records to its place in
    /// the file: its path back to `path`, and offsets from `tailStart` on by `shift` (what the
    /// records took; lines and columns are already the file's).
    static func restoring(path: String, tailStart: Int, shift: Int) -> @Sendable (Diagnostic) -> Diagnostic {
        let marked = path + headMarker
        @Sendable func fixed(_ r: SourceRange?) -> SourceRange? {
            guard let r, r.file == marked else { return r }
            func moved(_ l: SourceLocation) -> SourceLocation {
                l.offset >= tailStart ? SourceLocation(line: l.line, column: l.column, offset: l.offset + shift) : l
            }
            return SourceRange(file: path, start: moved(r.start), end: moved(r.end))
        }
        return { d in
            var d = d
            d.range = fixed(d.range)
            for i in d.notes.indices { d.notes[i].range = fixed(d.notes[i].range) }
            return d
        }
    }
}
