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

    /// One diagnostic in the human format, ending with a newline.
    public func human(_ d: Diagnostic) -> String {
        var out = ""
        let label = "\(d.severity.rawValue)[\(d.code)]"
        let where_ = d.range.map { "\($0.file):\($0.start.line):\($0.start.column): " } ?? "residency: "
        out += bold(where_) + paint(label, d.severity) + bold(": \(d.message)") + "\n"
        if let r = d.range, let file = files[r.file] {
            out += snippet(file, r, trailer: d.help.map { "help: \($0)" })
        } else if let help = d.help {
            out += "  = help: \(help)\n"
        }
        for note in d.notes {
            if let r = note.range {
                out += "  = note: \(r.file):\(r.start.line):\(r.start.column): \(note.message)\n"
            } else {
                out += "  = note: \(note.message)\n"
            }
        }
        return out
    }

    private func snippet(_ file: SourceFile, _ r: SourceRange, trailer: String?) -> String {
        let text = file.lineText(r.start.line)
        let gutter = String(r.start.line)
        let pad = String(repeating: " ", count: gutter.count)
        let chars = Array(text.unicodeScalars)
        let startCol = max(1, min(r.start.column, chars.count + 1))
        var width = 1
        if r.end.line == r.start.line {
            width = max(1, r.end.column - r.start.column)
        } else {
            width = max(1, chars.count - startCol + 1)
        }
        // Keep tabs in the lead so the caret lines up under tab-indented code.
        var lead = ""
        for c in chars.prefix(startCol - 1) { lead.append(c == "\t" ? "\t" : " ") }
        var caretLine = "\(pad) | \(lead)\(String(repeating: "^", count: width))"
        if let trailer { caretLine += " \(trailer)" }
        return "  \(gutter) | \(text)\n  \(caretLine)\n"
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
