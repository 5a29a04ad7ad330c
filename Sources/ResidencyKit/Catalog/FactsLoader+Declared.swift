/// The organisation's own facts: values the policies declare with `fact` (and `record`), read
/// from the facts file against their declared types. A value of the wrong kind, an unknown
/// field of a record or a `null` is an error at its place in the file: a fact a policy reads
/// must be what its author believes it to be, or the run does not start.
extension FactsLoader {
    /// A fact the policies compare with an enumeration (a region): each of its strings must be
    /// one of its values, exactly (`"US"` is not the region `"us"`, and `!=` would hold for every
    /// resource). An error at the value, like a literal's (E0107).
    static func checkEnumeration(_ node: DataNode, _ en: EnumType, _ path: String, _ reader: inout NodeReader) {
        if let s = node.string, !en.values.contains(s) {
            reader.report(
                .factType(
                    "fact `\(path)` is \"\(s)\", which is not a \(en.name), and the policies compare it with one",
                    at: reader.range(node),
                    help: Suggestions.didYouMean(value: s, in: en.values)
                        ?? "write one of \(en.quotedValues)"))
        } else if node.kind == .array {
            for (i, item) in node.elements.enumerated() { checkEnumeration(item, en, "\(path)[\(i)]", &reader) }
        }
    }

    /// The value of a declared fact's node, or nil (reported) when it does not fit the type.
    static func value(_ node: DataNode, _ type: ValueType, _ path: String, _ reader: inout NodeReader) -> Value? {
        func wrong(_ expected: String) -> Value? {
            reader.report(
                .factType(
                    "fact `\(path)` is \(node.typeName), where the policies declare \(type)", at: reader.range(node),
                    help: "write \(expected)"))
            return nil
        }
        if node.isNull {
            return wrong("a value, or leave `\(path)` out (then it is missing): `null` says neither")
        }
        switch type {
        case .string, .enumeration:
            guard let s = node.string else { return wrong("a string") }
            return .string(s)
        case .int:
            guard node.kind == .number, let i = node.int else { return wrong("a whole number") }
            return .int(i)
        case .bool:
            guard let b = node.bool else { return wrong("`true` or `false`") }
            return .bool(b)
        case .date:
            guard let s = node.string, let d = Day(iso: s) else { return wrong("a date as \"YYYY-MM-DD\"") }
            return .date(d)
        case .cidr:
            guard let s = node.string else { return wrong("a CIDR string such as \"10.0.0.0/8\"") }
            do {
                return .cidr(try CIDR(parsing: s, strict: true))
            } catch {
                reader.report(.factType("fact `\(path)` is not a CIDR: \(error.message)", at: reader.range(node)))
                return nil
            }
        case .list(let element):
            guard node.kind == .array else { return wrong("a list: `[…]`") }
            var items: [Value] = []
            for (i, item) in node.elements.enumerated() {
                guard let v = value(item, element, "\(path)[\(i)]", &reader) else { continue }
                items.append(v)
            }
            return .list(items)
        case .map(let element):
            guard node.kind == .object else { return wrong("a map: `{\"key\": …}`") }
            var entries: [(String, Value)] = []
            for (key, _, item) in node.members {
                guard let v = value(item, element, "\(path)[\"\(key)\"]", &reader) else { continue }
                entries.append((key, v))
            }
            return .map(MapBox(entries))
        case .userRecord(let record):
            guard node.kind == .object else { return wrong("a \(record.name) record: `{\"field\": …}`") }
            for u in reader.unknownKeys(node, record.fields.map(\.name)) {
                reader.report(
                    .unknownFact(
                        "field `\(u.key)` of \(record.name) in fact `\(path)`", at: u.range,
                        help: u.help ?? "record \(record.name) has: \(record.fields.map(\.name).joined(separator: ", "))"))
            }
            var entries: [(String, Value)] = []
            for field in record.fields {
                guard let item = node[field.name] else { continue }
                guard let v = value(item, field.type, "\(path).\(field.name)", &reader) else { continue }
                entries.append((field.name, v))
            }
            return .map(MapBox(entries))
        default:
            return wrong("a value of a type facts can hold")
        }
    }
}

extension Diagnostic {
    /// A key of the facts file, or of a record in it, that nothing declares.
    static func unknownFact(_ what: String, at r: SourceRange, help: String?) -> Diagnostic {
        .error(.E0710, "unknown \(what)", at: r, help: help)
    }

    /// A declared fact whose value does not fit its declared type.
    static func factType(_ message: String, at r: SourceRange, help: String? = nil) -> Diagnostic {
        .error(.E0711, message, at: r, help: help)
    }
}
