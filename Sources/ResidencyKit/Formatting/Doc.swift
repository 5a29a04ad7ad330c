/// A document for the pretty printer: text, and the places where a line may break.
///
/// The algebra is Wadler's "prettier printer" (groups that are laid out flat when they fit
/// and broken otherwise, nesting, alignment) with two additions from the JavaScript tool
/// prettier: `fill`, which breaks only the separators that must break (how long lists wrap),
/// and line suffixes, which hold an end-of-line comment until the line ends.
indirect enum Doc: Sendable {
    /// Text without line breaks.
    case text(String)
    /// A space, or a line break when its group is broken.
    case line
    /// Nothing, or a line break when its group is broken.
    case softLine
    /// Always a line break; the groups around it are broken.
    case hardLine
    /// A line break unless nothing but indentation has been written on the line yet: what an
    /// own-line comment needs before it, wherever it turns up.
    case freshLine
    case concat([Doc])
    /// Lines inside are indented `n` more columns than the enclosing indentation.
    case nest(Int, Doc)
    /// Lines inside are indented to the column where this document starts.
    case align(Doc)
    /// Laid out flat if it fits in the rest of the line, broken otherwise; `broken` is set
    /// when it contains a hard line break and can never be flat.
    case grouped(Doc, broken: Bool)
    /// Content, separator, content, …: each separator breaks only when the content after it
    /// does not fit on the line. A slice, so that the printer takes one content at a time
    /// without copying the rest.
    case fill(ArraySlice<Doc>)
    /// An end-of-line comment: written at the end of the line it is on, however much follows
    /// on that line before it breaks.
    case lineSuffix(String)

    /// Nothing.
    static let empty = Doc.concat([])

    /// A group (see `grouped`), broken when its contents force it.
    static func group(_ doc: Doc) -> Doc { .grouped(doc, broken: doc.forcesBreak) }

    /// `docs` with `separator` between them.
    static func join(_ docs: [Doc], _ separator: Doc) -> Doc {
        var parts: [Doc] = []
        for (i, d) in docs.enumerated() {
            if i > 0 { parts.append(separator) }
            parts.append(d)
        }
        return .concat(parts)
    }

    /// True when the document contains a line break that no layout can avoid.
    var forcesBreak: Bool {
        switch self {
        case .text, .line, .softLine, .lineSuffix: false
        case .hardLine, .freshLine: true
        case .concat(let docs): docs.contains { $0.forcesBreak }
        case .fill(let docs): docs.contains { $0.forcesBreak }
        case .nest(_, let d), .align(let d): d.forcesBreak
        case .grouped(_, let broken): broken
        }
    }
}

extension Doc: ExpressibleByStringLiteral {
    /// `"text"` for `.text("text")`, which keeps layouts readable.
    init(stringLiteral value: String) { self = .text(value) }
}
