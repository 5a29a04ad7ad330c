import Testing

@testable import ResidencyKit

/// Test-only printer: the tree as a compact, fully parenthesised s-expression, so that
/// precedence and structure can be compared as one string.
enum SExpr {
    static func print(_ e: Expr) -> String {
        switch e.kind {
        case .bool(let b): return "\(b)"
        case .integer(let i): return "\(i)"
        case .string(let s): return SyntaxDump.quote(s)
        case .date(let d): return "(date \(d))"
        case .regex(let r): return "(re \(SyntaxDump.quote(r)))"
        case .list(let xs): return "[" + xs.map(print).joined(separator: " ") + "]"
        case .name(let n): return n
        case .member(let base, let field): return "(. \(print(base)) \(field.name))"
        case .index(let base, let key): return "([] \(print(base)) \(print(key)))"
        case .call(let receiver, let function, let arguments):
            let head = receiver.map { ".\(function.name) \(print($0))" } ?? function.name
            return "(call \(head)" + arguments.map { " " + print($0) }.joined() + ")"
        case .unary(let op, let x): return "(\(op.rawValue) \(print(x)))"
        case .binary(let op, let l, let r):
            return "(\(op == .notIn ? "not-in" : op.rawValue) \(print(l)) \(print(r)))"
        case .quantified(let q, let v, let domain, let body):
            return "(\(q.rawValue) \(v.name) \(print(domain)) \(print(body)))"
        case .count(let v, let domain, let condition):
            return "(count \(v.name) \(print(domain))" + (condition.map { " " + print($0) } ?? "") + ")"
        case .invalid: return "<invalid>"
        }
    }

    static func print(_ t: TypeSyntax) -> String {
        switch t {
        case .named(let id): id.name
        case .list(let element, _): "(list \(print(element)))"
        case .map(let element, _): "(map \(print(element)))"
        }
    }

    static func print(_ t: Template) -> String {
        t.parts.map {
            switch $0 {
            case .text(let s): SyntaxDump.quote(s)
            case .expression(let e): "{\(print(e))}"
            }
        }.joined(separator: " ")
    }

    static func print(_ d: Declaration) -> String {
        switch d {
        case .importFile(let i):
            return "(import \(SyntaxDump.quote(i.path.value)))"
        case .record(let r):
            return "(record \(r.name.name)" + r.fields.map { " (\($0.name.name) \(print($0.type)))" }.joined() + ")"
        case .fact(let f):
            return "(fact \(f.name.name) \(print(f.type)))"
        case .param(let p):
            return "(param \(p.name.name) \(print(p.type))" + (p.defaultValue.map { " " + print($0) } ?? "") + ")"
        case .constant(let l):
            return "(let \(l.name.name) \(l.type.map(print) ?? "_") \(print(l.value)))"
        case .define(let f):
            let params = f.parameters.map { "(\($0.name.name) \(print($0.type)))" }.joined(separator: " ")
            return "(define \(f.name.name) (\(params)) \(f.returnType.map(print) ?? "_") \(print(f.body)))"
        case .policy(let p):
            var out = "(policy \(p.id.name) \(SyntaxDump.quote(p.title.value))"
            if let s = p.severity { out += " (severity \(s.name))" }
            out += common(p.rationale, p.references, p.subject, p.condition)
            if let r = p.requirement { out += " (require \(print(r)))" }
            if let m = p.message { out += " (message \(print(m)))" }
            if let r = p.remediation { out += " (remediation \(print(r)))" }
            if p.expectSome != nil { out += " (expect some)" }
            return out + ")"
        case .permit(let p):
            var out = "(permit \(p.id.name) \(SyntaxDump.quote(p.title.value))"
            if !p.permits.isEmpty { out += " (permits \(p.permits.map(\.name).joined(separator: " ")))" }
            out += common(p.rationale, p.references, p.subject, p.condition)
            if let b = p.basis { out += " (basis \(print(b)))" }
            return out + ")"
        }
    }

    private static func common(
        _ rationale: TextLiteral?, _ references: [TextLiteral]?, _ subject: Subject?, _ condition: Expr?
    ) -> String {
        var out = ""
        if let r = rationale { out += " (rationale \(SyntaxDump.quote(r.value)))" }
        if let refs = references { out += " (references" + refs.map { " " + SyntaxDump.quote($0.value) }.joined() + ")" }
        if let s = subject { out += " (for \(s.kind.name) \(s.variable.name))" }
        if let c = condition { out += " (where \(print(c)))" }
        return out
    }
}

/// Source text with error markers `1️⃣`…`9️⃣` stripped out, and where each one stood
/// (by marker number), from the shared `MarkedSource`.
struct Marked {
    var text: String
    /// Line and column (1-based, as `SourceFile` counts them) per marker number.
    var markers: [Int: (line: Int, column: Int)] = [:]

    init(_ source: String) {
        let marked = MarkedSource(source)
        text = marked.text
        for (marker, position) in marked.positions {
            markers[MarkedSource.markers.firstIndex(of: marker)! + 1] = position
        }
    }
}

/// Parses `source` (with markers) and expects exactly one diagnostic per marker, marker
/// n carrying `codes[n - 1]` at the marker's position. Returns the diagnostics in order.
@discardableResult
func expectDiagnostics(
    _ source: String, _ codes: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> [Diagnostic] {
    let marked = Marked(source)
    let (_, diagnostics) = Parser.parse(SourceFile(path: "test.policy", text: marked.text))
    let rendered = diagnostics.map { d in
        "\(d.code)@\(d.range.map { "\($0.start.line):\($0.start.column)" } ?? "-"): \(d.message)"
    }
    #expect(diagnostics.count == codes.count, "got \(rendered)", sourceLocation: sourceLocation)
    for (i, code) in codes.enumerated() {
        guard let place = marked.markers[i + 1] else {
            Issue.record("no marker \(i + 1) in the source", sourceLocation: sourceLocation)
            continue
        }
        let hit = diagnostics.contains {
            $0.code == code && $0.range?.start.line == place.line && $0.range?.start.column == place.column
        }
        #expect(hit, "expected \(code) at \(place.line):\(place.column), got \(rendered)", sourceLocation: sourceLocation)
    }
    return diagnostics
}

/// Parses a file that must have no diagnostics.
@discardableResult
func parseClean(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> FileSyntax {
    let (file, diagnostics) = Parser.parse(SourceFile(path: "test.policy", text: text))
    #expect(
        diagnostics.isEmpty,
        "\(diagnostics.map { "\($0.code) \($0.range?.start.line ?? 0):\($0.range?.start.column ?? 0) \($0.message)" })",
        sourceLocation: sourceLocation)
    return file
}

/// The source text a range covers.
func slice(_ text: String, _ range: SourceRange) -> String {
    let bytes = Array(text.utf8)
    return String(decoding: bytes[range.start.offset..<range.end.offset], as: UTF8.self)
}
