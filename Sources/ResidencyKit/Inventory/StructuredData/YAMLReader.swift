import Yams

/// Reads YAML inventories into the same position-keeping `DataTree` as JSON, so loaders see
/// one shape. Scalars are typed by the YAML 1.2 core schema, not YAML 1.1: `NO` (Norway) and
/// `on` stay strings, only `true`/`false`, `null`/`~` and numbers are typed.
enum YAMLReader {
    /// A syntax error with its byte offset in the file, or aliases that expand too far.
    struct SyntaxError: Error, Sendable, Hashable {
        enum Kind: Sendable, Hashable { case syntax, aliasExpansion }
        var offset: Int
        var message: String
        var kind = Kind.syntax
        /// For a duplicate key found at its repeat: where the key is first written.
        var firstOffset: Int? = nil

        func diagnostic(in file: SourceFile) -> Diagnostic {
            switch kind {
            case .syntax:
                let d = Diagnostic.yamlSyntax(message, at: file.range(offset, offset + 1))
                return firstOffset.map { d.noting("first here", at: file.range($0, $0 + 1)) } ?? d
            case .aliasExpansion: return .yamlAliasBomb(message, at: file.range(offset, offset + 1))
            }
        }
    }

    /// Parses one YAML document (a stream of several is an error: one file, one document).
    static func parse(_ file: SourceFile) -> Result<DataTree, SyntaxError> {
        if let bomb = aliasExpansionError(file) { return .failure(bomb) }
        // Yams takes a Swift string, which would turn a stray byte into U+FFFD (three bytes)
        // and read on: the value would differ from the file and its end would lie past it.
        if let bad = firstInvalidUTF8(file.bytes) { return .failure(bad) }
        let offsets = Offsets(file)
        let text = file.text
        let node: Node?
        do {
            node = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            return .failure(syntaxError(error, offsets))
        } catch {
            return .failure(SyntaxError(offset: 0, message: "\(error)"))
        }
        guard let node else { return .failure(SyntaxError(offset: 0, message: "the file is empty")) }
        var builder = DataTreeBuilder()
        // An explicit stack: deeply nested input must not overflow ours. Each open container
        // keeps its children as an array, made once when it opens: making it again for every
        // child would be quadratic in the length of a list of 100,000 resources.
        var stack: [(node: Node, children: [(key: Node?, value: Node)], next: Int)] = []
        // The builder passed in, not captured: it cannot be copied, and a local function's
        // capture is treated as one that may escape.
        func open(_ n: Node, _ builder: inout DataTreeBuilder) {
            let start = offsets.offset(n.mark)
            switch n {
            case .mapping(let m):
                builder.beginObject(start: start)
                stack.append((n, m.map { ($0.key, $0.value) }, 0))
            case .sequence(let s):
                builder.beginArray(start: start)
                stack.append((n, s.map { (nil, $0) }, 0))
            case .scalar(let s):
                scalar(s, start: start, limit: offsets.file.bytes.count, &builder)
            case .alias:
                builder.null(start: start, end: min(start + 1, file.bytes.count))
            }
        }
        open(node, &builder)
        while let (n, children, next) = stack.last {
            if next < children.count {
                stack[stack.count - 1].next += 1
                let (key, value) = children[next]
                // YAML 1.1's merge key: in the 1.2 core schema read here it is an ordinary key,
                // and the keys it would bring in would be missing without a word.
                if let key, case .scalar(let s) = key, s.string == "<<", s.style == .plain {
                    return .failure(
                        SyntaxError(
                            offset: offsets.offset(key.mark),
                            message: "a merge key (`<<`): YAML 1.2, which residency reads, has no merge keys, so the keys "
                                + "it would bring in would be missing; write them out"))
                }
                if let key { builder.key(key.string ?? "\(key)", start: offsets.offset(key.mark)) }
                open(value, &builder)
                continue
            }
            stack.removeLast()
            builder.end(end: min(offsets.offset(n.mark) + 1, file.bytes.count))
        }
        return .success(builder.finish())
    }

    /// A scalar's end is estimated from its value, since libyaml marks only starts; escapes
    /// such as `\L` (two bytes written, three read) can make the value longer than its
    /// text, so the end is kept inside the file (a mark is never past it).
    private static func scalar(_ s: Node.Scalar, start: Int, limit: Int, _ builder: inout DataTreeBuilder) {
        let text = s.string
        let end = min(start + max(1, text.utf8.count), limit)
        guard s.style == .plain else {
            builder.string(text, start: start, end: end)
            return
        }
        switch text {
        case "true", "True", "TRUE": builder.bool(true, start: start, end: end)
        case "false", "False", "FALSE": builder.bool(false, start: start, end: end)
        case "", "~", "null", "Null", "NULL": builder.null(start: start, end: end)
        default:
            if isNumber(text) {
                builder.number(text: text, start: start, end: end)
            } else {
                builder.string(text, start: start, end: end)
            }
        }
    }

    /// The first byte that does not begin or continue a valid UTF-8 character, as an error
    /// that names it (YAML 1.2 streams are Unicode; we read UTF-8 only, as for JSON).
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> SyntaxError? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error(let length):
                let shown = bytes[offset..<offset + length].map { "0x" + String($0, radix: 16, uppercase: true) }
                let what = shown.count == 1 ? "byte \(shown[0]) is" : "bytes \(shown.joined(separator: " ")) are"
                return SyntaxError(
                    offset: offset, message: "invalid UTF-8: \(what) not a valid character (YAML files must be UTF-8)")
            }
        }
    }

    /// The core schema's decimal numbers (the JSON subset): `-12`, `3.5`, `1e3`.
    static func isNumber(_ t: String) -> Bool {
        var u = Substring(t).utf8[...]
        if u.first == UInt8(ascii: "-") || u.first == UInt8(ascii: "+") { u = u.dropFirst() }
        let digits = u.prefix { $0 >= 48 && $0 <= 57 }
        guard !digits.isEmpty else { return false }
        if digits.count > 1, digits.first == 48 { return false }
        u = u.dropFirst(digits.count)
        if u.first == UInt8(ascii: ".") {
            u = u.dropFirst()
            let frac = u.prefix { $0 >= 48 && $0 <= 57 }
            guard !frac.isEmpty else { return false }
            u = u.dropFirst(frac.count)
        }
        if u.first == UInt8(ascii: "e") || u.first == UInt8(ascii: "E") {
            u = u.dropFirst()
            if u.first == UInt8(ascii: "-") || u.first == UInt8(ascii: "+") { u = u.dropFirst() }
            let exp = u.prefix { $0 >= 48 && $0 <= 57 }
            guard !exp.isEmpty else { return false }
            u = u.dropFirst(exp.count)
        }
        return u.isEmpty
    }

    private static func syntaxError(_ error: YamlError, _ offsets: Offsets) -> SyntaxError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let text = context.map { "\(problem) \($0.text)" } ?? problem
            return SyntaxError(offset: offsets.offset(mark), message: text)
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams marks the first occurrence; the error belongs at the repeat (YAMLReader+Duplicates).
            let first = offsets.offset(context.mark)
            let repeat_ = repeatOfKey(at: first, in: offsets.file.bytes)
            return SyntaxError(
                offset: repeat_ ?? first,
                message:
                    "duplicate key\(duplicates.count == 1 ? "" : "s") \(duplicates.map { "`\($0)`" }.joined(separator: ", "))",
                firstOffset: repeat_ == nil ? nil : first)
        case .reader(let problem, let offset, _, _):
            return SyntaxError(offset: offset ?? 0, message: problem)
        default:
            return SyntaxError(offset: 0, message: "\(error)")
        }
    }

    /// libyaml marks are line and column (in Unicode scalars); the tree wants byte offsets.
    ///
    /// Lines are counted as libyaml counts them, not as our diagnostics do: a lone CR, NEL
    /// (U+0085), LS (U+2028) and PS (U+2029) each end a line there (YAML 1.1 line breaks,
    /// libyaml's `IS_BREAK` and `SKIP_LINE`); a byte order mark counts as a column, as it
    /// does in libyaml's marks. Counting only LF put marks after a lone CR on the wrong line,
    /// and a value past the file's end (found by fuzz-yaml).
    ///
    /// Each look-up walks the line's bytes from the last mark found when it is on the same
    /// line (marks come nearly in document order), else from the line's start, counting
    /// scalars as bytes that do not continue a UTF-8 sequence. Decoding the whole line for
    /// every mark made a one-line flow document (JSON read as YAML) quadratic.
    final class Offsets {
        let file: SourceFile
        /// Where each of libyaml's lines starts.
        let lineStarts: [Int]
        /// The last mark found: its line, column and byte offset.
        private var line = 0, column = 1, offset = 0

        init(_ file: SourceFile) {
            self.file = file
            self.lineStarts = Self.libyamlLineStarts(file.bytes)
        }

        static func libyamlLineStarts(_ bytes: [UInt8]) -> [Int] {
            var starts = [0]
            bytes.withUnsafeBufferPointer { b in
                var i = 0
                while i < b.count {
                    switch b[i] {
                    case 0x0A: i += 1
                    case 0x0D: i += i + 1 < b.count && b[i + 1] == 0x0A ? 2 : 1
                    case 0xC2 where i + 1 < b.count && b[i + 1] == 0x85: i += 2
                    case 0xE2 where i + 2 < b.count && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9): i += 3
                    default:
                        i += 1
                        continue
                    }
                    starts.append(i)
                }
            }
            return starts
        }

        func offset(_ mark: Mark?) -> Int {
            guard let mark else { return 0 }
            return offset(line: mark.line, column: mark.column)
        }

        /// The byte offset of a 1-based line and column (in Unicode scalars).
        func offset(line markLine: Int, column markColumn: Int) -> Int {
            guard markLine >= 1, markLine <= lineStarts.count else { return 0 }
            let lineStart = lineStarts[markLine - 1]
            let lineEnd = markLine < lineStarts.count ? lineStarts[markLine] : file.bytes.count
            var (i, col) = markLine == line ? (offset, column) : (lineStart, 1)
            file.bytes.withUnsafeBufferPointer { bytes in
                while col > markColumn && i > lineStart {
                    i -= 1
                    while i > lineStart && bytes[i] & 0xC0 == 0x80 { i -= 1 }
                    col -= 1
                }
                while col < markColumn && i < lineEnd {
                    i += 1
                    while i < lineEnd && bytes[i] & 0xC0 == 0x80 { i += 1 }
                    col += 1
                }
            }
            (line, column, offset) = (markLine, col, i)
            return i
        }
    }
}
