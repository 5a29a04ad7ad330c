@testable import ResidencyKit

/// Parses `text`, throwing the syntax error so that a failing test shows its message.
func parseJSON(_ text: String) throws(JSONSyntaxError) -> DataTree {
    switch JSONReader.parse(SourceFile(path: "test.json", text: text)) {
    case .success(let tree): return tree
    case .failure(let error): throw error
    }
}

/// A canonical compact rendering of a value, for comparing whole trees in table-driven tests:
/// members in document order, numbers as written, strings with only `"`, `\` and control
/// characters escaped.
func render(_ node: DataNode) -> String {
    switch node.kind {
    case .object:
        return "{" + node.members.map { quote($0.key) + ":" + render($0.value) }.joined(separator: ",") + "}"
    case .array:
        return "[" + node.elements.map(render).joined(separator: ",") + "]"
    case .string: return quote(node.string!)
    case .number: return node.numberText!
    case .bool: return node.bool! ? "true" : "false"
    case .null: return "null"
    }
}

func quote(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case _ where scalar.value < 0x20:
            let hex = String(scalar.value, radix: 16)
            out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}
