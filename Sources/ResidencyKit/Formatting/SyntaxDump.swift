/// The syntax tree of a file as indented text, without positions: two files have equal
/// dumps exactly when they mean the same (parentheses, line breaks, comments and the split
/// of adjacent string literals are not in the tree). The formatter checks its output with
/// it, and tests compare with it.
enum SyntaxDump {
    /// One line per node, children indented under their parent.
    static func dump(_ file: FileSyntax) -> String {
        var out = Output()
        for declaration in file.declarations { out.declaration(declaration) }
        return out.text
    }

    /// One expression, as `dump` writes it.
    static func dump(_ e: Expr) -> String {
        var out = Output()
        out.expression(e)
        return out.text
    }

    /// A string as a literal of the language would spell it, control characters escaped.
    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                out += scalar.value < 0x20 ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
            }
        }
        return out + "\""
    }

    private struct Output {
        var text = ""
        var depth = 0

        mutating func line(_ s: String) {
            text += String(repeating: "  ", count: depth) + s + "\n"
        }

        mutating func nested(_ head: String, _ body: (inout Output) -> Void) {
            line(head)
            depth += 1
            body(&self)
            depth -= 1
        }

        static func type(_ t: TypeSyntax) -> String {
            switch t {
            case .named(let id): id.name
            case .list(let element, _): "list<\(type(element))>"
            case .map(let element, _): "map<\(type(element))>"
            }
        }

        mutating func declaration(_ d: Declaration) {
            switch d {
            case .importFile(let i):
                line("import \(SyntaxDump.quote(i.path.value))")
            case .record(let r):
                nested("record \(r.name.name)") { out in
                    for field in r.fields { out.line("\(field.name.name): \(Self.type(field.type))") }
                }
            case .fact(let f):
                line("fact \(f.name.name): \(Self.type(f.type))")
            case .param(let p):
                nested("param \(p.name.name): \(Self.type(p.type))") { out in p.defaultValue.map { out.expression($0) } }
            case .constant(let l):
                nested("let \(l.name.name): \(l.type.map(Self.type) ?? "_")") { $0.expression(l.value) }
            case .define(let f):
                let parameters = f.parameters.map { "\($0.name.name): \(Self.type($0.type))" }.joined(separator: ", ")
                nested("define \(f.name.name)(\(parameters)): \(f.returnType.map(Self.type) ?? "_")") { $0.expression(f.body) }
            case .policy(let p):
                nested("policy \(p.id.name) \(SyntaxDump.quote(p.title.value))") { out in
                    if let s = p.severity { out.line("severity \(s.name)") }
                    out.common(p.rationale, p.references, p.subject, p.condition)
                    if let r = p.requirement { out.nested("require") { $0.expression(r) } }
                    if let m = p.message { out.template("message", m) }
                    if let r = p.remediation { out.template("remediation", r) }
                    if p.expectSome != nil { out.line("expect some") }
                }
            case .permit(let p):
                nested("permit \(p.id.name) \(SyntaxDump.quote(p.title.value))") { out in
                    out.line("permits \(p.permits.map(\.name).joined(separator: ", "))")
                    out.common(p.rationale, p.references, p.subject, p.condition)
                    if let b = p.basis { out.template("basis", b) }
                }
            }
        }

        mutating func common(_ rationale: TextLiteral?, _ references: [TextLiteral]?, _ subject: Subject?, _ condition: Expr?) {
            if let r = rationale { line("rationale \(SyntaxDump.quote(r.value))") }
            if let r = references { line("references [\(r.map { SyntaxDump.quote($0.value) }.joined(separator: ", "))]") }
            if let s = subject { line("for \(s.kind.name) \(s.variable.name)") }
            if let c = condition { nested("where") { $0.expression(c) } }
        }

        mutating func template(_ clause: String, _ t: Template) {
            nested(clause) { out in
                for part in t.parts {
                    switch part {
                    case .text(let s): out.line("text \(SyntaxDump.quote(s))")
                    case .expression(let e): out.nested("interpolation") { $0.expression(e) }
                    }
                }
            }
        }

        mutating func expression(_ e: Expr) {
            switch e.kind {
            case .bool(let b): line("\(b)")
            case .integer(let n): line("integer \(n)")
            case .string(let s): line("string \(SyntaxDump.quote(s))")
            case .date(let d): line("date \(d.daysSinceEpoch)")
            case .regex(let r): line("regex \(SyntaxDump.quote(r))")
            case .name(let n): line("name \(n)")
            case .invalid: line("invalid")
            case .list(let items): nested("list") { out in items.forEach { out.expression($0) } }
            case .member(let base, let field): nested(".\(field.name)") { $0.expression(base) }
            case .index(let base, let key):
                nested("index") { out in
                    out.expression(base)
                    out.expression(key)
                }
            case .call(let receiver, let function, let arguments):
                nested("call \(function.name)\(receiver == nil ? "" : " on receiver")") { out in
                    receiver.map { out.expression($0) }
                    arguments.forEach { out.expression($0) }
                }
            case .unary(let op, let x): nested(op.rawValue) { $0.expression(x) }
            case .binary(let op, let l, let r):
                nested(op.rawValue) { out in
                    out.expression(l)
                    out.expression(r)
                }
            case .quantified(let q, let variable, let domain, let body):
                nested("\(q.rawValue) \(variable.name)") { out in
                    out.expression(domain)
                    out.expression(body)
                }
            case .count(let variable, let domain, let condition):
                nested("count \(variable.name)\(condition == nil ? "" : " where")") { out in
                    out.expression(domain)
                    condition.map { out.expression($0) }
                }
            }
        }
    }
}
