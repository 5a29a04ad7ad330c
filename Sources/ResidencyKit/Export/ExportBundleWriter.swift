/// Writes an export bundle: a few header members, then the API's objects exactly as they
/// came (keys in the server's order, numbers in its spelling, strings re-escaped), indented
/// two spaces. The same answers give the same bytes, and a nightly export kept in git diffs
/// line by line.
struct ExportBundleWriter {
    private(set) var bytes: [UInt8] = []
    private var first = true

    init() { bytes.append(UInt8(ascii: "{")) }

    /// `"key": "value"` at the top level.
    mutating func member(_ key: String, _ value: String) {
        open(key)
        JSONBytes.appendString(value, to: &bytes)
    }

    /// `"key": 1` at the top level.
    mutating func member(_ key: String, _ value: Int) {
        open(key)
        bytes.append(contentsOf: String(value).utf8)
    }

    /// `"key": <the node, re-emitted>` at the top level.
    mutating func member(_ key: String, _ node: DataNode) {
        open(key)
        value(node, depth: 1)
    }

    /// `"key": [items…]` at the top level, one object after another.
    mutating func member(_ key: String, list items: [DataNode]) {
        open(key)
        array(items, depth: 1)
    }

    /// `"key": ["text", …]` at the top level, one string per line.
    mutating func member(_ key: String, strings: [String]) {
        open(key)
        bytes.append(UInt8(ascii: "["))
        for (i, text) in strings.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            newline(2)
            JSONBytes.appendString(text, to: &bytes)
        }
        newline(1)
        bytes.append(UInt8(ascii: "]"))
    }

    /// The finished document, ending with a newline.
    mutating func finish() -> [UInt8] {
        newline(0)
        bytes.append(contentsOf: "}\n".utf8)
        return bytes
    }

    private mutating func open(_ key: String) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        newline(1)
        JSONBytes.appendString(key, to: &bytes)
        bytes.append(contentsOf: ": ".utf8)
    }

    private mutating func newline(_ depth: Int) {
        bytes.append(10)
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }

    /// A list at `depth`, one element per line: the bundle's resource lists and every
    /// array inside them.
    private mutating func array(_ elements: some Collection<DataNode>, depth: Int) {
        guard !elements.isEmpty else { return bytes.append(contentsOf: "[]".utf8) }
        bytes.append(UInt8(ascii: "["))
        for (i, e) in elements.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            newline(depth + 1)
            value(e, depth: depth + 1)
        }
        newline(depth)
        bytes.append(UInt8(ascii: "]"))
    }

    /// One value at `depth`; duplicate keys are kept (the loader warns about them).
    private mutating func value(_ node: DataNode, depth: Int) {
        switch node.kind {
        case .object:
            let members = node.members
            guard !members.isEmpty else { return bytes.append(contentsOf: "{}".utf8) }
            bytes.append(UInt8(ascii: "{"))
            for (i, m) in members.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                newline(depth + 1)
                JSONBytes.appendString(m.key, to: &bytes)
                bytes.append(contentsOf: ": ".utf8)
                value(m.value, depth: depth + 1)
            }
            newline(depth)
            bytes.append(UInt8(ascii: "}"))
        case .array: array(node.elements, depth: depth)
        case .string: JSONBytes.appendString(node.string ?? "", to: &bytes)
        // The JSON reader keeps a number's text as written, which is valid JSON by then.
        case .number: bytes.append(contentsOf: (node.numberText ?? "0").utf8)
        case .bool: bytes.append(contentsOf: (node.bool == true ? "true" : "false").utf8)
        case .null: bytes.append(contentsOf: "null".utf8)
        }
    }
}
