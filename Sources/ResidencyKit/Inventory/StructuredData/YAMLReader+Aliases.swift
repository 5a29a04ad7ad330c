// libyaml, which Yams builds as its C module: Yams composes a tree with every alias resolved,
// and does not show the events from which the expansion can be measured before it happens.
internal import CYaml

/// A bound on YAML alias expansion, for every YAML input (inventories, facts, waivers, test
/// files, `--workspaces`).
///
/// An alias repeats its anchor's whole value, and anchors can hold aliases: nine lines of
/// nested aliases ("billion laughs") stand for 10⁹ values. Yams shares the repeated nodes,
/// but the tree built from them, and the hashing of mapping keys inside Yams, visit every
/// copy: a 625-byte inventory grew past 3.9 GB. So before Yams composes, the event stream is
/// read once and the expansion measured: each anchor's size once its value ends, each alias
/// adding its anchor's size. Past the bound, the file is refused at the alias that crossed it.
extension YAMLReader {
    /// The most values (scalars, lists and mappings, keys included) aliases may add to what a
    /// file spells out. Real files use an anchor for a shared block of settings, or a test
    /// inventory repeated across tests: thousands of values. A million still builds in well
    /// under a second; a bomb is stopped within it.
    static let maximumAliasValues = 1_000_000
    /// The most scalar text, in bytes, aliases may add: one long string repeated a million
    /// times would otherwise pass the count.
    static let maximumAliasText = 64 << 20

    /// What an anchor's value holds, written out.
    private struct Size {
        var values = 0
        var text = 0

        static func += (a: inout Size, b: Size) {
            a.values += b.values
            a.text += b.text
        }
    }

    /// The error at the first alias whose expansion passes the bounds; nil when the file is
    /// within them, has no alias, or has a syntax error (which composing reports).
    static func aliasExpansionError(_ file: SourceFile) -> SyntaxError? {
        // No `*`, no alias: most files skip the second pass.
        guard file.bytes.contains(UInt8(ascii: "*")) else { return nil }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        return file.bytes.withUnsafeBufferPointer { bytes -> SyntaxError? in
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
            var anchors: [String: Size] = [:]
            // The open lists and mappings: their anchors and what they hold so far.
            var open: [(anchor: String?, size: Size)] = []
            var added = Size()
            var event = yaml_event_t()
            func close(_ anchor: String?, _ size: Size) {
                if let anchor { anchors[anchor] = size }
                if !open.isEmpty { open[open.count - 1].size += size }
            }
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_SCALAR_EVENT:
                    let scalar = event.data.scalar
                    close(name(scalar.anchor), Size(values: 1, text: scalar.length))
                case YAML_SEQUENCE_START_EVENT:
                    open.append((name(event.data.sequence_start.anchor), Size(values: 1)))
                case YAML_MAPPING_START_EVENT:
                    open.append((name(event.data.mapping_start.anchor), Size(values: 1)))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    if let (anchor, size) = open.popLast() { close(anchor, size) }
                case YAML_ALIAS_EVENT:
                    // An alias to an anchor not yet closed is an error Yams reports.
                    let size = name(event.data.alias.anchor).flatMap { anchors[$0] } ?? Size(values: 1)
                    added += size
                    close(nil, size)
                    if added.values > maximumAliasValues || added.text > maximumAliasText {
                        let mark = event.start_mark
                        return SyntaxError(
                            offset: Offsets(file).offset(line: Int(mark.line) + 1, column: Int(mark.column) + 1),
                            message: added.values > maximumAliasValues
                                ? "its aliases expand to more than \(maximumAliasValues.formatted) values"
                                : "its aliases expand to more than \(maximumAliasText >> 20) MiB of text",
                            kind: .aliasExpansion)
                    }
                default:
                    break
                }
            }
            return nil
        }
    }

    private static func name(_ anchor: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        anchor.map { String(cString: $0) }
    }
}

extension Int {
    /// With thousands separators, as messages write counts: "1,000,000".
    fileprivate var formatted: String {
        let digits = Array(String(self))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }
}

extension Diagnostic {
    /// A YAML file whose aliases expand past `YAMLReader`'s bounds, at the alias that crossed.
    static func yamlAliasBomb(_ message: String, at r: SourceRange) -> Diagnostic {
        .error(
            .E1702, "YAML refused: \(message)", at: r,
            help: "each alias repeats its anchor's whole value, so aliases inside anchors multiply; "
                + "write the values out, or use fewer nested aliases")
    }
}
