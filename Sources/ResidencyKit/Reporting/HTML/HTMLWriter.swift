import Dispatch

/// Writes a page of the HTML report straight into buffers of UTF-8 bytes, in document
/// order: no tree of elements is built, so a night's report costs little more than its bytes.
///
/// It writes what the Plot library wrote before it, byte for byte (the committed example
/// report and every page of a 1,000-workspace night compared equal when it replaced Plot):
/// no whitespace between elements, `<br/>`-style void elements, attributes in the order
/// given, each value escaped for a double-quoted attribute and an empty one written as the
/// bare name. Every string from a document goes through `text`, `name` or an `Attribute`, and
/// so through HTMLMarkup; `raw` is for the report's own markup only. Element and attribute
/// names are static strings: copied from the binary, never counted or retained.
struct HTMLWriter {
    /// An attribute whose value is escaped (HTMLMarkup) when it is written.
    struct Attribute {
        var name: StaticString
        var value: String

        static func attr(_ name: StaticString, _ value: String) -> Attribute { Attribute(name: name, value: value) }

        static func cls(_ names: String) -> Attribute { Attribute(name: "class", value: names) }
    }

    /// The page so far: the pieces cut off, then the piece being written. A night's report is
    /// 25 MB; written into one array it was copied on every doubling, and at the last one 17
    /// and 34 MB were held together.
    private var pieces: [[UInt8]] = []
    private var bytes: [UInt8] = []

    /// About the size of a piece: one is cut off at the first element that ends beyond it.
    static let pieceSize = 1 << 20

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// Each of `parts` written by a writer of its own, on as many threads as there are, then
    /// appended in order: the page is the same bytes as when they are written one by one.
    mutating func appendInParallel(_ parts: [@Sendable (inout HTMLWriter) -> Void]) {
        let written = ParallelSlots<[[UInt8]]>(count: parts.count)
        DispatchQueue.concurrentPerform(iterations: parts.count) { i in
            var w = HTMLWriter(capacity: 1 << 14)
            parts[i](&w)
            written.store(i, w.finish())
        }
        pieces.append(bytes)
        for part in written.take() { pieces += part.filter { !$0.isEmpty } }
        bytes = []
        bytes.reserveCapacity(1 << 14)
    }

    /// The page, in pieces, in order.
    consuming func finish() -> [[UInt8]] {
        pieces.append(bytes)
        return pieces
    }

    /// Markup of the report's own making, written as it is: never text from a document.
    mutating func raw(_ markup: String) { bytes.append(contentsOf: markup.utf8) }

    /// Escaped, visible, clipped text.
    mutating func text(_ s: String, limit: Int = HTMLMarkup.clipLimit) { HTMLMarkup.appendText(s, limit: limit, to: &bytes) }

    /// A name where it labels something: clipped shorter.
    mutating func name(_ s: String) { text(s, limit: HTMLMarkup.nameLimit) }

    mutating func open(_ tag: StaticString, _ attributes: [Attribute]) {
        start(tag, attributes)
        bytes.append(UInt8(ascii: ">"))
    }

    mutating func open(_ tag: StaticString, _ attributes: Attribute...) { open(tag, attributes) }

    mutating func close(_ tag: StaticString) {
        bytes.append(UInt8(ascii: "<"))
        bytes.append(UInt8(ascii: "/"))
        append(tag)
        bytes.append(UInt8(ascii: ">"))
        if bytes.count >= Self.pieceSize {
            pieces.append(bytes)
            bytes = []
            bytes.reserveCapacity(Self.pieceSize + Self.pieceSize / 4)
        }
    }

    /// An element, its attributes and what `content` writes, closed explicitly (also when
    /// empty: `<td></td>`, `<rect …></rect>`).
    mutating func element(_ tag: StaticString, _ attributes: [Attribute], _ content: (inout HTMLWriter) -> Void) {
        open(tag, attributes)
        content(&self)
        close(tag)
    }

    mutating func element(_ tag: StaticString, _ attributes: Attribute..., content: (inout HTMLWriter) -> Void = { _ in }) {
        element(tag, attributes, content)
    }

    /// An element holding one string of text.
    mutating func element(_ tag: StaticString, _ attributes: Attribute..., text: String, limit: Int = HTMLMarkup.clipLimit) {
        open(tag, attributes)
        self.text(text, limit: limit)
        close(tag)
    }

    /// An element that has no content and no end tag, written `<br/>`, `<meta …/>`.
    mutating func void(_ tag: StaticString, _ attributes: Attribute...) {
        start(tag, attributes)
        bytes.append(contentsOf: "/>".utf8)
    }

    /// `<tag` and its attributes.
    private mutating func start(_ tag: StaticString, _ attributes: [Attribute]) {
        bytes.append(UInt8(ascii: "<"))
        append(tag)
        for a in attributes {
            bytes.append(UInt8(ascii: " "))
            append(a.name)
            guard !a.value.isEmpty else { continue }
            bytes.append(contentsOf: #"=""#.utf8)
            HTMLMarkup.appendAttribute(a.value, to: &bytes)
            bytes.append(UInt8(ascii: "\""))
        }
    }

    private mutating func append(_ name: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    }

    /// A link to an anchor in this page.
    mutating func link(_ fragment: String, _ label: String) {
        // `link(href: "#" + fragment, label)` without the string the two made, when the
        // fragment is written as it is (an anchor always is).
        let before = bytes.count
        bytes.append(contentsOf: ##"<a href="#"##.utf8)
        guard HTMLMarkup.appendUnchanged(fragment, limit: HTMLMarkup.clipLimit - 1, quotes: true, to: &bytes) else {
            bytes.removeSubrange(before...)
            return link(href: "#" + fragment, label)
        }
        bytes.append(contentsOf: #"">"#.utf8)
        name(label)
        close("a")
    }

    /// A link to `href` as it is (another page of an `--html-dir` folder, with its anchor).
    mutating func link(href: String, _ label: String) {
        open("a", .attr("href", href))
        name(label)
        close("a")
    }
}
