/// Typed reads from a parsed result document that report problems at the offending value
/// (E15xx) instead of failing, as `NodeReader` does for inventories: a wrong type, a missing
/// field or an unknown word becomes a diagnostic and a stand-in value, and the document is
/// refused once any was reported.
///
/// Paths (`results[17].resource.kind`) are autoclosures: they are spelled out only for a
/// diagnostic, not for each of a nightly run's million values.
struct ResultDocumentReader {
    /// The most problems reported from one document: a file with one systematic mistake would
    /// otherwise give one per result, and a column in a one-line file costs a scan of the line.
    static let diagnosticLimit = 10

    let file: SourceFile
    private(set) var diagnostics: [Diagnostic] = []
    /// Problems found past `diagnosticLimit`, counted and not described.
    private(set) var dropped = 0
    /// A record of the file that is not JSON on its own was met (`readRecords`): the file is
    /// then read whole, which says what is wrong as a reader of the whole file would.
    var unparsed = false
    /// Whether passing and not-applicable results are built and kept (`ResultDocument.Passes`).
    /// When not, each is still checked as it is read, then counted in `notKept`, so that the
    /// summary is checked against every result the records list.
    var keepsPasses = true
    /// The passing and not-applicable results read but not kept (`ResultDocument.notKept`).
    var notKept = ResultDocument.NotKept()

    init(file: SourceFile) { self.file = file }

    var failed: Bool { !diagnostics.isEmpty }

    /// Records the problem `make` describes in the file; past the limit only counts it (its
    /// place is never computed).
    mutating func report(_ make: (SourceFile) -> Diagnostic) {
        if diagnostics.count < Self.diagnosticLimit { diagnostics.append(make(file)) } else { dropped += 1 }
    }

    /// Takes over another reader's problems (one that read a part of the same file in parallel).
    mutating func absorb(_ other: ResultDocumentReader) {
        for d in other.diagnostics { report { _ in d } }
        dropped += other.dropped
        unparsed = unparsed || other.unparsed
        notKept.merge(other.notKept)
    }

    /// The path of a member: `run.startedAt`, or `run` at the top.
    static func child(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// Where a value is written.
    static func range(_ n: DataNode, _ file: SourceFile) -> SourceRange { file.range(n.start, max(n.start + 1, n.end)) }

    /// An object's opening brace, where "has no `x`" points.
    static func start(_ n: DataNode, _ file: SourceFile) -> SourceRange { file.range(n.start, n.start + 1) }

    // MARK: Members

    /// A member that must be there; a missing (or null) one is reported at its object.
    mutating func required(_ obj: DataNode, _ key: String, _ path: @autoclosure () -> String) -> DataNode? {
        guard let n = obj[key], !n.isNull else {
            report { .documentMissing(path(), key, at: Self.start(obj, $0)) }
            return nil
        }
        return n
    }

    /// A member of the given kind, or nil after reporting what it is instead.
    private mutating func typed(
        _ n: DataNode?, _ kind: DataKind, _ path: @autoclosure () -> String, _ expected: String
    ) -> DataNode? {
        guard let n else { return nil }
        guard n.kind == kind else {
            report { .documentType(path(), expected: expected, found: n, at: Self.range(n, $0)) }
            return nil
        }
        return n
    }

    mutating func object(_ obj: DataNode, _ key: String, _ path: @autoclosure () -> String) -> DataNode? {
        typed(required(obj, key, path()), .object, Self.child(path(), key), "an object")
    }

    mutating func optionalObject(_ obj: DataNode, _ key: String, _ path: @autoclosure () -> String) -> DataNode? {
        typed(present(obj, key), .object, Self.child(path(), key), "an object")
    }

    /// A list member; its elements, or none after reporting.
    mutating func array(_ obj: DataNode, _ key: String, _ path: @autoclosure () -> String) -> DataNode.Elements {
        typed(required(obj, key, path()), .array, Self.child(path(), key), "a list")?.elements ?? Self.noElements
    }

    mutating func optionalArray(_ obj: DataNode, _ key: String, _ path: @autoclosure () -> String) -> DataNode.Elements? {
        guard let n = present(obj, key) else { return nil }
        return typed(n, .array, Self.child(path(), key), "a list")?.elements ?? Self.noElements
    }

    /// An element of a list that must be an object.
    mutating func element(_ n: DataNode, _ path: @autoclosure () -> String) -> DataNode? {
        typed(n, .object, path(), "an object")
    }

    mutating func string(_ obj: DataNode, _ key: String, _ path: @autoclosure () -> String) -> String {
        guard let n = required(obj, key, path()) else { return "" }
        return text(n, Self.child(path(), key)) ?? ""
    }

    mutating func optionalString(_ obj: DataNode, _ key: String, _ path: @autoclosure () -> String) -> String? {
        present(obj, key).flatMap { text($0, Self.child(path(), key)) }
    }

    mutating func int(_ obj: DataNode, _ key: String, _ path: @autoclosure () -> String) -> Int {
        guard let n = required(obj, key, path()) else { return 0 }
        return number(n, Self.child(path(), key)) ?? 0
    }

    mutating func optionalInt(_ obj: DataNode, _ key: String, _ path: @autoclosure () -> String) -> Int? {
        present(obj, key).flatMap { number($0, Self.child(path(), key)) }
    }

    mutating func bool(_ obj: DataNode, _ key: String, _ path: @autoclosure () -> String) -> Bool {
        guard let n = required(obj, key, path()) else { return false }
        return truth(n, Self.child(path(), key)) ?? false
    }

    mutating func optionalBool(_ obj: DataNode, _ key: String, _ path: @autoclosure () -> String) -> Bool? {
        present(obj, key).flatMap { truth($0, Self.child(path(), key)) }
    }

    mutating func strings(_ obj: DataNode, _ key: String, _ path: @autoclosure () -> String) -> [String] {
        guard let n = required(obj, key, path()) else { return [] }
        return list(n, Self.child(path(), key))
    }

    mutating func optionalStrings(_ obj: DataNode, _ key: String, _ path: @autoclosure () -> String) -> [String]? {
        present(obj, key).map { list($0, Self.child(path(), key)) }
    }

    /// A string that must be one of `words` (an outcome, a severity …), with a suggestion.
    mutating func word<T: RawRepresentable>(
        _ obj: DataNode, _ key: String, _ path: @autoclosure () -> String, _ words: [T]
    ) -> T? where T.RawValue == String {
        guard let n = required(obj, key, path()) else { return nil }
        return word(n, Self.child(path(), key), words)
    }

    mutating func optionalWord<T: RawRepresentable>(
        _ obj: DataNode, _ key: String, _ path: @autoclosure () -> String, _ words: [T]
    ) -> T? where T.RawValue == String {
        present(obj, key).flatMap { word($0, Self.child(path(), key), words) }
    }

    mutating func word<T: RawRepresentable>(_ n: DataNode, _ path: @autoclosure () -> String, _ words: [T]) -> T?
    where T.RawValue == String {
        guard let s = text(n, path()) else { return nil }
        if let w = T(rawValue: s) { return w }
        report { .documentUnknownWord(path(), s, words.map(\.rawValue), at: Self.range(n, $0)) }
        return nil
    }

    /// An object of numbers by key (the summary's counts), in document order.
    /// Counts by outcome; an outcome this version does not know is an error, not a count left out.
    mutating func counts(_ n: DataNode, _ path: @autoclosure () -> String) -> OutcomeCounts {
        var out = OutcomeCounts()
        for m in n.members {
            guard let outcome = Outcome(rawValue: m.key) else {
                report { .documentUnknownWord(path(), m.key, Outcome.allCases.map(\.rawValue), at: Self.range(m.value, $0)) }
                continue
            }
            if let v = number(m.value, Self.child(path(), m.key)) { out[outcome] = v }
        }
        return out
    }

    // MARK: Values

    /// The member when it is there and not null (absent values are left out by the writer).
    private func present(_ obj: DataNode, _ key: String) -> DataNode? {
        guard let n = obj[key], !n.isNull else { return nil }
        return n
    }

    mutating func text(_ n: DataNode, _ path: @autoclosure () -> String) -> String? {
        if let s = n.string { return s }
        report { .documentType(path(), expected: "a string", found: n, at: Self.range(n, $0)) }
        return nil
    }

    private mutating func number(_ n: DataNode, _ path: @autoclosure () -> String) -> Int? {
        if let i = n.int { return i }
        report { .documentType(path(), expected: "a whole number", found: n, at: Self.range(n, $0)) }
        return nil
    }

    private mutating func truth(_ n: DataNode, _ path: @autoclosure () -> String) -> Bool? {
        if let b = n.bool { return b }
        report { .documentType(path(), expected: "true or false", found: n, at: Self.range(n, $0)) }
        return nil
    }

    private mutating func list(_ n: DataNode, _ path: @autoclosure () -> String) -> [String] {
        guard typed(n, .array, path(), "a list of strings") != nil else { return [] }
        var out: [String] = []
        out.reserveCapacity(n.count)
        for (i, e) in n.elements.enumerated() {
            if let s = text(e, "\(path())[\(i)]") { out.append(s) }
        }
        return out
    }
}

extension ResultDocumentReader {
    /// No elements: what a list that was not one reads as (after its diagnostic).
    static let noElements: DataNode.Elements = {
        guard case .success(let tree) = JSONReader.parse("[]") else { preconditionFailure("`[]` is valid JSON") }
        return tree.root.elements
    }()
}

/// Problems in a result document read back (E15xx): each points at the offending value and
/// says what was expected and what was found.
extension Diagnostic {
    static func documentUnreadable(_ path: String, _ reason: String) -> Diagnostic {
        .error(.E1501, "cannot read result document \(path): \(reason)", at: nil)
    }

    /// Worded as a baseline's E1002: the same mistake (a file that is not what
    /// `check --json` writes, or was written by a residency of another schema).
    static func notAResultDocument(_ path: String, found: String, version: String?, at r: SourceRange) -> Diagnostic {
        .error(
            .E1502, "\(path) is not a residency result document (schemaVersion \(ResultDocument.schemaVersion)): \(found)",
            at: r,
            help: version.map {
                "it was written by residency \($0): render it with that version, or run `residency check --json` again"
            } ?? "pass a file a previous `residency check --json` wrote")
    }

    static func documentSyntax(_ error: JSONSyntaxError, in file: SourceFile) -> Diagnostic {
        .error(
            .E1503, "invalid JSON: \(error.message)", at: file.range(error.offset, error.offset + error.length),
            help: "a result document is written whole or not at all: was it cut short or edited?")
    }

    static func documentType(_ path: String, expected: String, found: DataNode, at r: SourceRange) -> Diagnostic {
        .error(.E1504, "`\(path)` must be \(expected), found \(found.typeName)", at: r)
    }

    static func documentMissing(_ path: String, _ field: String, at r: SourceRange) -> Diagnostic {
        .error(
            .E1505, "\(path.isEmpty ? "the document" : "`\(path)`") has no `\(field)`", at: r,
            help: "`residency check --json` always writes `\(field)` here: was the document edited?")
    }

    static func documentUnknownWord(_ path: String, _ value: String, _ words: [String], at r: SourceRange) -> Diagnostic {
        .error(
            .E1506,
            "`\(path)` is \"\(value)\"; expected \(words.map { "\"\($0)\"" }.joined(separator: ", "))", at: r,
            help: Suggestions.didYouMean(value: value, in: words))
    }

    static func documentUnknownPolicy(_ path: String, _ policy: String, at r: SourceRange, known: [String]) -> Diagnostic {
        .error(
            .E1507, "`\(path)` names policy `\(policy)`, which `policies` does not list", at: r,
            help: Suggestions.didYouMean(policy, in: known)
                ?? "every result's policy is listed in `policies`, which gives its title")
    }

    static func documentDuplicateSlug(_ path: String, _ slug: String, first: Int, at r: SourceRange) -> Diagnostic {
        .error(
            .E1511, "`\(path)` is \"\(slug)\", the slug of workspaces[\(first)]", at: r,
            help: "reports name workspaces by slug, and `residency check` never writes two with one: was the document edited?")
    }

    static func documentUnsafeLink(_ path: String, _ url: String, at r: SourceRange) -> Diagnostic {
        .error(
            .E1508, "`\(path)` must be a plain http(s) link, found \"\(url)\"", at: r,
            help: "reports link to it; `residency check` records only http(s) links without credentials, query or fragment")
    }
}
