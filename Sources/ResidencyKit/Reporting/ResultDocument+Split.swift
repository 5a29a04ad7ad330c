import Dispatch
import Foundation

/// Parsing a result document a workspace record at a time. `check` writes each record on a
/// line of its own (`ResultDocument+JSON.swift`); parsed whole, a nightly document is one tree
/// of some five million values built on one thread. Laid out as `check` writes it, the file is
/// parsed as two things: the document with every record's line replaced by a `0` (so every
/// value keeps its line and column; a few kilobytes, not a copy of the whole file), and each
/// record on its own, in parallel. A file laid out otherwise (re-indented by `jq`, say) is
/// parsed whole, as before, and reads the same.
struct ParsedDocument {
    /// The document; with `records`, each record stands there as a `0`.
    var tree: DataTree
    /// Each record parsed on its own; nil when the tree holds the records.
    var records: [RecordTree]?
    /// With `records`: the text `tree` was parsed from (the document without its records), and
    /// what puts a diagnostic found in it back at its place in the file.
    var head: (file: SourceFile, restore: @Sendable (Diagnostic) -> Diagnostic)? = nil
}

extension ResultDocument {
    static func parse(_ file: SourceFile) -> Result<ParsedDocument, JSONSyntaxError> {
        let bytes = file.bytes
        if let layout = RecordLayout.of(bytes) {
            // The document without its records on one thread while the records are parsed on the others.
            let (text, records) = (layout.text, layout.records)
            let restore = restoring(path: file.path, tailStart: layout.tailStart, shift: layout.shift)
            let head = SourceFile(path: file.path + Self.headMarker, bytes: text)
            let masked = ParallelSlots<Result<DataTree, JSONSyntaxError>>(count: 1)
            let trees = ParallelSlots<RecordTree?>(count: records.count)
            DispatchQueue.concurrentPerform(iterations: records.count + 1) { i in
                guard i > 0 else { return masked.store(0, JSONReader.parse(text, range: 0..<text.count)) }
                let r = records[i - 1]
                // A record is mostly small numbers: a value every three or four bytes.
                guard case .success(let tree) = JSONReader.parse(bytes, range: r, valuesEvery: 4) else {
                    return trees.store(i - 1, nil)
                }
                trees.store(i - 1, RecordTree(node: tree.root, bound: resultBound(tree.root)))
            }
            // Each `0` must stand where its record does, as an element of `workspaces`: any
            // other reading of the layout is not the one assumed, and the file is parsed whole.
            // Only schemas whose records are the workspaces' lines (3 on): in 1 and 2 a workspace
            // is read as a whole value of the tree. A record that is not JSON on its own: the
            // whole file tells what is wrong, as a reader of the whole file would.
            let parsed = trees.take()
            if case .success(let tree) = masked.take()[0], isRecordSchema(tree.root),
                let list = tree.root["workspaces"], list.kind == .array, list.count == records.count,
                list.elements.allSatisfy({ $0.int == 0 }), parsed.allSatisfy({ $0 != nil })
            {
                return .success(ParsedDocument(tree: tree, records: parsed.map { $0! }, head: (head, restore)))
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

/// One record, let go once it is read (its tree with it, when parsed on its own): each is
/// read and released by the one thread that reads its part.
final class RecordTree: @unchecked Sendable {
    var node: DataNode?
    let bound: Int

    init(node: DataNode, bound: Int) {
        self.node = node
        self.bound = bound
    }
}
