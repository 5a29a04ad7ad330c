/// Resolves the value of every `param`: a `--param NAME=VALUE` override when given, else
/// the declared default. Values from the command line are parsed strictly by type.
enum ParamValues {
    static func resolve(_ bundle: CheckedBundle, overrides: [String: String]) -> ([Value], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let names = bundle.params.map { $0.decl.name.name }
        for name in overrides.keys.sorted() where !names.contains(name) {
            diagnostics.append(
                .error(
                    .E0501, "no param named `\(name)` in these policies", at: nil,
                    help: Suggestions.didYouMean(name, in: names)
                        ?? (names.isEmpty
                            ? "the policies declare no params" : "params: \(names.sorted().joined(separator: ", "))")))
        }
        let values: [Value] = bundle.params.map { p in
            let name = p.decl.name.name
            if let text = overrides[name] {
                guard let v = parse(text, as: p.type) else {
                    diagnostics.append(badValue(p, text, "expected \(describe(p.type))"))
                    return .missing
                }
                // Compared with a region, each value must be one (code points, as `==` compares).
                if let en = p.comparedWith {
                    let texts: [String] =
                        switch v {
                        case .string(let s): [s]
                        case .list(let items): items.compactMap { if case .string(let s) = $0 { s } else { nil } }
                        default: []
                        }
                    if let bad = texts.first(where: { !en.values.contains($0) }) {
                        diagnostics.append(
                            badValue(
                                p, text,
                                "\"\(bad)\" is not a \(en.name); expected one of "
                                    + en.quotedValues,
                                help: Suggestions.didYouMean(value: bad, in: en.values),
                                note: ", and the policies compare it with a \(en.name)"))
                        return .missing
                    }
                }
                return v
            }
            if let d = p.decl.defaultValue { return literal(d, bundle) }
            diagnostics.append(
                .error(
                    .E0503, "param `\(name)` has no default and no value was given", at: p.decl.name.range,
                    help: "pass `--param \(name)=VALUE`, or give it a default"))
            return .missing
        }
        return (values, diagnostics)
    }

    /// A `--param` value the param cannot take.
    private static func badValue(
        _ p: CheckedParam, _ text: String, _ why: String, help: String? = nil, note: String = ""
    ) -> Diagnostic {
        let name = p.decl.name.name
        return .error(.E0502, "`--param \(name)=\(text)`: \(why)", at: nil, help: help)
            .noting("param `\(name)` is declared here\(note)", at: p.decl.name.range)
    }

    /// A command-line value of a param's type, or nil when it does not parse.
    static func parse(_ text: String, as type: ValueType) -> Value? {
        switch type {
        case .bool: text == "true" ? .bool(true) : text == "false" ? .bool(false) : nil
        case .int: Int(text).map(Value.int)
        case .string, .enumeration: .string(text)
        case .date: Day(iso: text).map(Value.date)
        case .cidr: (try? CIDR(parsing: text, strict: true)).map(Value.cidr)
        case .list(.string):
            .list(text.split(separator: ",").map { .string($0.trimmingWhitespace()) }.filter { $0 != .string("") })
        default: nil
        }
    }

    private static func describe(_ type: ValueType) -> String {
        switch type {
        case .bool: "true or false"
        case .int: "a whole number"
        case .date: "a date such as 2025-04-03"
        case .cidr: "a CIDR such as 3.251.148.96/29"
        case .list: "a comma-separated list"
        default: "a \(type)"
        }
    }

    /// The value of a literal default (the checker has made sure it is one, and parsed its
    /// `cidr("…")`).
    static func literal(_ e: Expr, _ bundle: CheckedBundle) -> Value {
        switch e.kind {
        case .bool(let b): .bool(b)
        case .integer(let i): .int(i)
        case .string(let s): .string(s)
        case .date(let d): .date(d)
        case .list(let items): .list(items.map { literal($0, bundle) })
        default: bundle.literal(e) ?? .missing
        }
    }
}
