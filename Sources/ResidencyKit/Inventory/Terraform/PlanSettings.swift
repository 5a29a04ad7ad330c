/// A resource's `settings` attribute: the segment provider takes it as a JSON document
/// written inside a JSON string (`jsonencode({...})`). It is parsed with the same reader
/// as every inventory, and a mistake in it is reported at its own place in the plan: offsets
/// in the decoded text are mapped back through the string's escapes.
enum PlanSettings {
    /// The settings object, or the diagnostic that explains why there is none.
    static func parse(_ node: DataNode, address: String, file: SourceFile) -> Result<DataNode, Diagnostic> {
        guard let text = node.string else {
            return .failure(
                .inventoryType(
                    "\(address).settings", expected: "a JSON string", found: node,
                    at: file.range(node.start, max(node.start + 1, node.end))))
        }
        switch JSONReader.parse(text, path: file.path) {
        case .failure(let e):
            let start = fileOffset(ofDecoded: e.offset, in: node, file: file)
            let end = fileOffset(ofDecoded: e.offset + e.length, in: node, file: file)
            return .failure(.invalidPlanSettings(address, e.message, at: file.range(start, max(start + 1, end))))
        case .success(let tree):
            guard tree.root.kind == .object else {
                return .failure(
                    .inventoryType(
                        "\(address).settings", expected: "a JSON object", found: tree.root,
                        at: file.range(node.start, max(node.start + 1, node.end))))
            }
            return .success(tree.root)
        }
    }

    /// Every repeated key inside a parsed `settings` document (`{"accountRegion": "EU 🇪🇺",
    /// "accountRegion": "US 🇺🇸"}`: the provider keeps the last, and so would Segment), as
    /// errors at the repeat in the plan, noting the first.
    static func duplicateKeys(in settings: DataNode, of node: DataNode, address: String, file: SourceFile) -> [Diagnostic] {
        settings.tree.duplicateKeys.map { dup in
            func range(_ decoded: Int) -> SourceRange {
                // The key with its quotes, mapped back through the string's escapes.
                let start = fileOffset(ofDecoded: decoded, in: node, file: file)
                let end = fileOffset(ofDecoded: decoded + dup.key.utf8.count + 2, in: node, file: file)
                return file.range(start, max(start + 1, end))
            }
            return .duplicateKey(
                dup.key, inside: "the `settings` of \(address)", at: range(dup.secondStart), first: range(dup.firstStart))
        }
    }

    /// The byte offset in `file` of the decoded string's byte `target`: each escape
    /// (`\"`, `\n`, `\u00e9`, a surrogate pair) stands for the bytes it decodes to. A string
    /// that is not a JSON literal in the file (a YAML plan) maps to its start.
    static func fileOffset(ofDecoded target: Int, in node: DataNode, file: SourceFile) -> Int {
        let bytes = file.bytes
        guard node.start < bytes.count, bytes[node.start] == UInt8(ascii: "\"") else { return node.start }
        let end = min(node.end, bytes.count)
        var i = node.start + 1
        var decoded = 0
        while i < end - 1 {
            if decoded >= target { return i }
            guard bytes[i] == UInt8(ascii: "\\"), i + 1 < end else {
                i += 1
                decoded += 1
                continue
            }
            guard bytes[i + 1] == UInt8(ascii: "u"), let unit = hex4(bytes, i + 2) else {
                i += 2
                decoded += 1
                continue
            }
            // A high surrogate followed by a low one is one scalar of four UTF-8 bytes.
            if (0xD800..<0xDC00).contains(unit), i + 11 < end, bytes[i + 6] == UInt8(ascii: "\\"),
                bytes[i + 7] == UInt8(ascii: "u"), let low = hex4(bytes, i + 8), (0xDC00..<0xE000).contains(low)
            {
                i += 12
                decoded += 4
                continue
            }
            i += 6
            decoded += unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3
        }
        return i
    }

    private static func hex4(_ bytes: [UInt8], _ at: Int) -> Int? {
        guard at + 4 <= bytes.count else { return nil }
        var value = 0
        for b in bytes[at..<at + 4] {
            guard let digit = Int(String(UnicodeScalar(b)), radix: 16) else { return nil }
            value = value * 16 + digit
        }
        return value
    }
}
