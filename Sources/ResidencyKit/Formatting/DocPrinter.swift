/// Lays a `Doc` out in a given line width and returns the text.
///
/// The algorithm is Wadler's, as prettier runs it: a stack of commands, each a document
/// with its indentation and mode (flat or broken); a group is flat when it and what follows
/// it up to the next possible line break fit in the rest of the line. End-of-line comments
/// (line suffixes) are written when their line ends, and a group that would carry one past
/// a line break it could have taken is broken instead, so a comment stays on its line.
/// Finally, the end-of-line comments of consecutive lines are aligned in one column.
struct DocPrinter {
    /// The width lines are laid out in; a line may still be longer when nothing breaks it.
    let width: Int

    private struct Command {
        var indent: Int
        var flat: Bool
        var doc: Doc
    }

    private struct Line {
        var code: String
        var comment: String?
    }

    private var lines: [Line] = []
    private var current = ""
    private var column = 0
    private var hasContent = false
    private var suffixes: [String] = []

    init(width: Int) { self.width = width }

    /// The text of `doc`, ending with a line break when it has any text.
    static func render(_ doc: Doc, width: Int) -> String {
        var printer = DocPrinter(width: width)
        printer.run(doc)
        return printer.finish()
    }

    /// `doc` on one line, as in a string interpolation (it must contain no hard line break).
    static func flat(_ doc: Doc) -> String {
        var printer = DocPrinter(width: .max)
        printer.run(doc)
        return printer.current
    }

    private mutating func run(_ doc: Doc) {
        var stack = [Command(indent: 0, flat: false, doc: doc)]
        while let command = stack.popLast() {
            let indent = command.indent, flat = command.flat
            switch command.doc {
            case .text(let s):
                // Nothing follows an end-of-line comment on its line but a closing bracket
                // or comma: other text goes on the next line, or, if a space, is not needed.
                if !suffixes.isEmpty, !s.isEmpty, !Self.mayPrecedeComment(s) {
                    if s.allSatisfy({ $0 == " " }) { continue }
                    newline(indent)
                }
                current += s
                column += s.count
                if !s.isEmpty { hasContent = true }
            case .line:
                if flat { write(" ") } else { newline(indent) }
            case .softLine:
                if !flat { newline(indent) }
            case .hardLine:
                newline(indent)
            case .freshLine:
                if hasContent { newline(indent) }
            case .concat(let docs):
                for d in docs.reversed() { stack.append(Command(indent: indent, flat: flat, doc: d)) }
            case .nest(let n, let d):
                stack.append(Command(indent: indent + n, flat: flat, doc: d))
            case .align(let d):
                stack.append(Command(indent: column, flat: flat, doc: d))
            case .grouped(let d, let broken):
                let asFlat = Command(indent: indent, flat: true, doc: d)
                let keepFlat = flat || (!broken && fits([asFlat], rest: stack, width: width - column))
                stack.append(keepFlat ? asFlat : Command(indent: indent, flat: false, doc: d))
            case .fill(let parts):
                fill(parts, indent: indent, flat: flat, into: &stack)
            case .lineSuffix(let s):
                suffixes.append(s)
            }
        }
    }

    /// Pushes the first content of a fill, the separator after it (broken only when the
    /// next content does not fit after it), and the rest of the fill.
    private func fill(_ parts: ArraySlice<Doc>, indent: Int, flat: Bool, into stack: inout [Command]) {
        guard let content = parts.first else { return }
        if flat {
            for d in parts.reversed() { stack.append(Command(indent: indent, flat: true, doc: d)) }
            return
        }
        let room = width - column
        let contentFlat = Command(indent: indent, flat: true, doc: content)
        let contentFits = !content.forcesBreak && fits([contentFlat], rest: [], width: room)
        let chosen = contentFits ? contentFlat : Command(indent: indent, flat: false, doc: content)
        let i = parts.startIndex
        guard parts.count > 2 else {
            if parts.count == 2 { stack.append(Command(indent: indent, flat: contentFits, doc: parts[i + 1])) }
            stack.append(chosen)
            return
        }
        let pair = Doc.concat([content, parts[i + 1], parts[i + 2]])
        let pairFits =
            contentFits && !pair.forcesBreak && fits([Command(indent: indent, flat: true, doc: pair)], rest: [], width: room)
        stack.append(Command(indent: indent, flat: false, doc: .fill(parts[(i + 2)...])))
        stack.append(Command(indent: indent, flat: pairFits, doc: parts[i + 1]))
        stack.append(chosen)
    }

    /// Whether `next` laid out as given, then `rest` (a command stack, top last) up to its
    /// first line break, fits in `width` columns. Text after an end-of-line comment does not
    /// fit in `next` (a line break must come after the comment, so it cannot be flat), and
    /// neither does a flat line break there, which would carry the comment past what
    /// follows it; in `rest` such text begins a new line, so everything before it fits.
    private func fits(_ next: [Command], rest: [Command], width: Int) -> Bool {
        var remaining = width
        var sawSuffix = !suffixes.isEmpty
        var todo = next
        var restIndex = rest.count
        var inRest = false
        while true {
            guard let command = todo.popLast() else {
                guard restIndex > 0 else { return true }
                restIndex -= 1
                inRest = true
                todo.append(rest[restIndex])
                continue
            }
            let flat = command.flat
            switch command.doc {
            case .text(let s):
                if sawSuffix, s.contains(where: { $0 != " " }), !Self.mayPrecedeComment(s) { return inRest }
                remaining -= s.count
                if remaining < 0 { return false }
            case .line, .softLine:
                if !flat { return true }
                if sawSuffix { return false }
                if case .line = command.doc { remaining -= 1 }
                if remaining < 0 { return false }
            case .hardLine, .freshLine:
                return true
            case .concat(let docs):
                for d in docs.reversed() { todo.append(Command(indent: command.indent, flat: flat, doc: d)) }
            case .fill(let docs):
                // Broken, a fill ends the line at its first separator or before.
                for d in (flat ? docs : docs.prefix(2)).reversed() {
                    todo.append(Command(indent: command.indent, flat: flat, doc: d))
                }
            case .nest(_, let d), .align(let d):
                todo.append(Command(indent: command.indent, flat: flat, doc: d))
            case .grouped(let d, let broken):
                todo.append(Command(indent: command.indent, flat: flat && !broken, doc: d))
            case .lineSuffix:
                sawSuffix = true
            }
        }
    }

    /// Punctuation that stays on the line of an end-of-line comment written before it, the
    /// comment moving after it: `f(a  # why` + `)` is `f(a)  # why`.
    private static func mayPrecedeComment(_ s: String) -> Bool { s == ")" || s == "]" || s == "," }

    private mutating func write(_ s: String) {
        current += s
        column += s.count
    }

    /// Ends the line (with its end-of-line comments) and indents the next one.
    private mutating func newline(_ indent: Int) {
        endLine()
        current = String(repeating: " ", count: indent)
        column = indent
        hasContent = false
    }

    private mutating func endLine() {
        var code = current
        while code.last == " " { code.removeLast() }
        guard let first = suffixes.first else {
            lines.append(Line(code: code, comment: nil))
            return
        }
        // Two comments can meet on one line only when the tokens they followed were joined;
        // each keeps a line of its own (the later ones below, at the line's indentation).
        let indentation = String(current.prefix { $0 == " " })
        if code.allSatisfy({ $0 == " " }) {
            lines.append(Line(code: indentation + first, comment: nil))
        } else {
            lines.append(Line(code: code, comment: first))
        }
        for more in suffixes.dropFirst() { lines.append(Line(code: indentation + more, comment: nil)) }
        suffixes.removeAll()
    }

    private mutating func finish() -> String {
        if hasContent || !suffixes.isEmpty { endLine() }
        while let last = lines.last, last.code.isEmpty, last.comment == nil { lines.removeLast() }
        var out = ""
        var i = 0
        while i < lines.count {
            guard lines[i].comment != nil else {
                out += lines[i].code + "\n"
                i += 1
                continue
            }
            // A run of consecutive lines with end-of-line comments: one column for them all,
            // two spaces after the longest line.
            var j = i
            while j < lines.count, lines[j].comment != nil { j += 1 }
            let column = lines[i..<j].map(\.code.count).max()! + 2
            for line in lines[i..<j] {
                out += line.code + String(repeating: " ", count: column - line.code.count) + line.comment! + "\n"
            }
            i = j
        }
        return out
    }
}
