/// The one diagnostic type of the tool: the language, inventories, the catalog and waivers
/// all report problems this way, so that every front end renders them alike.
public struct Diagnostic: Sendable, Hashable, Codable, Error {
    /// How bad a diagnostic is. Errors stop a run; warnings and notes do not.
    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        case error, warning, note

        private var rank: Int {
            switch self {
            case .error: 2
            case .warning: 1
            case .note: 0
            }
        }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    /// A secondary message, optionally pointing at another place.
    public struct Note: Sendable, Hashable, Codable {
        public var message: String
        public var range: SourceRange?
        public init(_ message: String, at range: SourceRange? = nil) {
            self.message = message
            self.range = range
        }
    }

    public var severity: Severity
    /// A stable code such as `E0102` (a `DiagnosticCode`'s id); documented in
    /// `docs/diagnostics.md`, never reused.
    public var code: String
    public var message: String
    /// Where the problem is; `nil` for problems that have no place (a missing file argument).
    public var range: SourceRange?
    public var notes: [Note]
    /// One line telling the user what to do, shown as `help:` under the caret.
    public var help: String?

    public init(
        _ severity: Severity, _ code: DiagnosticCode, _ message: String,
        at range: SourceRange?, notes: [Note] = [], help: String? = nil
    ) {
        self.severity = severity
        self.code = code.id
        self.message = message
        self.range = range
        self.notes = notes
        self.help = help
    }

    public static func error(_ code: DiagnosticCode, _ message: String, at range: SourceRange?, help: String? = nil) -> Diagnostic {
        Diagnostic(.error, code, message, at: range, help: help)
    }

    public static func warning(
        _ code: DiagnosticCode, _ message: String, at range: SourceRange?, help: String? = nil
    ) -> Diagnostic {
        Diagnostic(.warning, code, message, at: range, help: help)
    }

    /// Returns a copy with an extra note.
    public func noting(_ message: String, at range: SourceRange? = nil) -> Diagnostic {
        var copy = self
        copy.notes.append(Note(message, at: range))
        return copy
    }
}

extension Array where Element == Diagnostic {
    /// True when any diagnostic is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Diagnostics in a stable order: by file, position, then code. Rendering and JSON
    /// output use this order so that the same inputs always print the same text.
    public func sortedForOutput() -> [Diagnostic] {
        enumerated().sorted { l, r in
            let a = l.element, b = r.element
            let fa = a.range?.file ?? "", fb = b.range?.file ?? ""
            if fa != fb { return fa < fb }
            let oa = a.range?.start.offset ?? -1, ob = b.range?.start.offset ?? -1
            if oa != ob { return oa < ob }
            return l.offset < r.offset
        }.map(\.element)
    }
}
