import Foundation

/// Renders diagnostics for people (like the Swift compiler or rustc) or as JSON for
/// editors and CI. The renderer looks source lines up in the files it was given.
public struct DiagnosticRenderer: Sendable {
    /// Output formats of `--diagnostics-format`.
    public enum Format: String, Sendable, CaseIterable {
        case human, json
    }

    private let files: [String: SourceFile]
    /// Colour is for terminals only; reports and pipes never get escape codes.
    public var colour: Bool

    public init(files: [SourceFile], colour: Bool = false) {
        var map: [String: SourceFile] = [:]
        for f in files { map[f.path] = f }
        self.files = map
        self.colour = colour
    }

    /// Renders in the requested format, in the stable output order.
    public func render(_ diagnostics: [Diagnostic], format: Format) -> String {
        let sorted = diagnostics.sortedForOutput()
        switch format {
        case .human: return sorted.map(human).joined()
        case .json: return json(sorted)
        }
    }

    /// The most scalars of a message, a help line or a note shown; longer ones lose their middle.
    static let messageLimit = 1000
    /// The most scalars of a source line quoted: a longer line (a one-line export runs to
    /// megabytes) is quoted as a window around the column, cut with `…`.
    static let snippetWidth = 120
    /// How much of the window comes before the column, at most.
    static let snippetLead = 40

    /// One diagnostic in the human format, ending with a newline. Everything in it may quote
    /// an input (a name, a value, a server's message), so it passes `Neutralise` on the way:
    /// no escape sequence, line break or bidirectional override reaches the terminal as such.
    func human(_ d: Diagnostic) -> String {
        var out = ""
        let label = "\(d.severity.rawValue)[\(Self.text(d.code))]"
        let where_ = d.range.map { "\(Self.text($0.file)):\($0.start.line):\($0.start.column): " } ?? "residency: "
        out += bold(where_) + paint(label, d.severity) + bold(": \(Self.text(d.message))") + "\n"
        if let r = d.range, let file = files[r.file] {
            out += snippet(file, r, trailer: d.help.map { "help: \(Self.text($0))" })
        } else if let help = d.help {
            out += "  = help: \(Self.text(help))\n"
        }
        for note in d.notes {
            if let r = note.range {
                out += "  = note: \(Self.text(r.file)):\(r.start.line):\(r.start.column): \(Self.text(note.message))\n"
            } else {
                out += "  = note: \(Self.text(note.message))\n"
            }
        }
        return out
    }

    /// Text of a diagnostic as a terminal shows it: on one line, long text without its middle.
    static func text(_ s: String) -> String {
        Neutralise.visible(Neutralise.clipMiddle(s, limit: messageLimit))
    }

    /// The line the range starts on, with a caret line under the range. Only a window of
    /// `snippetWidth` scalars around the column is read and quoted, straight from the file's
    /// bytes: a 34 MB line costs no more than a short one.
    private func snippet(_ file: SourceFile, _ r: SourceRange, trailer: String?) -> String {
        let gutter = String(r.start.line)
        let pad = String(repeating: " ", count: gutter.count)
        let quoted = Self.window(file, r)
        var caretLine = "\(pad) | \(quoted.lead)\(String(repeating: "^", count: quoted.width))"
        if let trailer { caretLine += " \(trailer)" }
        return "  \(gutter) | \(quoted.text)\n  \(caretLine)\n"
    }

    /// The quoted part of the range's first line: its text (hidden characters escaped, tabs
    /// kept, `…` where the line goes on), the lead that puts the caret under the column (tabs
    /// kept so that it lines up under tab-indented code) and the caret's width.
    static func window(_ file: SourceFile, _ r: SourceRange) -> (text: String, lead: String, width: Int) {
        guard r.start.line >= 1, r.start.line <= file.lineStarts.count else { return ("", "", 1) }
        let bytes = file.bytes
        let lineStart = file.lineStarts[r.start.line - 1]
        var lineEnd = r.start.line < file.lineStarts.count ? file.lineStarts[r.start.line] : bytes.count
        while lineEnd > lineStart, bytes[lineEnd - 1] == UInt8(ascii: "\n") || bytes[lineEnd - 1] == UInt8(ascii: "\r") {
            lineEnd -= 1
        }
        func isScalarStart(_ i: Int) -> Bool { i >= lineEnd || bytes[i] & 0xC0 != 0x80 }
        /// The byte `n` scalars after `i`, at most `limit`.
        func forward(_ i: Int, _ n: Int, _ limit: Int) -> (at: Int, moved: Int) {
            var i = i, moved = 0
            while moved < n, i < limit {
                i += 1
                while i < limit, !isScalarStart(i) { i += 1 }
                moved += 1
            }
            return (i, moved)
        }
        // The column's byte: the location's offset when it lies on the line, else counted.
        var at = r.start.offset
        if at < lineStart || at > lineEnd || !isScalarStart(at) {
            at = forward(lineStart, max(0, r.start.column - 1), lineEnd).at
        }
        var end = lineEnd
        if r.end.line == r.start.line {
            end = r.end.offset >= at && r.end.offset <= lineEnd && isScalarStart(r.end.offset) ? r.end.offset : at
            if end == at, r.end.column > r.start.column { end = forward(at, r.end.column - r.start.column, lineEnd).at }
        }
        // The window: the whole line when it fits; else up to `snippetLead` scalars before
        // the column and the rest after it, what one side does not need going to the other.
        var from = lineStart, to = lineEnd
        if forward(lineStart, snippetWidth, lineEnd).at < lineEnd {
            let after = forward(at, snippetWidth - snippetLead, lineEnd).moved
            var before = 0
            from = at
            while before < snippetWidth - after, from > lineStart {
                from -= 1
                while from > lineStart, !isScalarStart(from) { from -= 1 }
                before += 1
            }
            to = forward(at, snippetWidth - before, lineEnd).at
        }
        let cutLeft = from > lineStart, cutRight = to < lineEnd

        var text = cutLeft ? "…" : ""
        var lead = cutLeft ? " " : ""
        var width = 0
        // Scalar by scalar from the bytes, so that a malformed sequence (one U+FFFD) keeps
        // the count of bytes right.
        var i = from
        while i < to {
            let next = forward(i, 1, to).at
            for u in String(decoding: bytes[i..<next], as: UTF8.self).unicodeScalars {
                let w = Neutralise.width(u, keepTabs: true)
                if i < at {
                    lead += u == "\t" ? "\t" : String(repeating: " ", count: w)
                } else if i < end {
                    width += w
                }
                if Neutralise.isHidden(u), u != "\t" { Neutralise.escape(u, into: &text) } else { text.unicodeScalars.append(u) }
            }
            i = next
        }
        if cutRight { text += "…" }
        return (text, lead, max(1, width))
    }

    private func json(_ diagnostics: [Diagnostic]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(DiagnosticsDocument(diagnostics: diagnostics))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private func paint(_ s: String, _ severity: Diagnostic.Severity) -> String {
        guard colour else { return s }
        let code =
            switch severity {
            case .error: "31"
            case .warning: "33"
            case .note: "36"
            }
        return "\u{1B}[1;\(code)m\(s)\u{1B}[0m"
    }

    private func bold(_ s: String) -> String { colour ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
}

/// The JSON shape of `--diagnostics-format json`: versioned so editors can rely on it.
struct DiagnosticsDocument: Encodable {
    var version = 1
    var diagnostics: [Diagnostic]
}
