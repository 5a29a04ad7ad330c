/// Builds a `DataTree` from a stream of events in document order, for front ends other than
/// `JSONReader` (the YAML converter walks Yams nodes and calls these methods).
///
/// Offsets are byte offsets into the source file, so diagnostics point at the same places
/// whatever the format. Call order mirrors the text: `beginObject`, then for each member
/// `key` followed by one value, then `end`; arrays likewise without keys. Misuse (a value in
/// an object without a key, an unbalanced `end`, two top-level values) is a programming error
/// and traps.
///
/// Its lists are `TreeBuffer`s, owned by this one builder and handed to the tree it finishes
/// without a copy: the builder is used up by `finish()`, and never copied.
struct DataTreeBuilder: ~Copyable, Sendable {
    var nodes: TreeBuffer<DataTree.Node>
    var members: TreeBuffer<DataTree.Member>
    var elements: TreeBuffer<UInt32>
    var strings: [String] = []
    /// Members and elements of the containers still open, innermost last. A container's
    /// entries are contiguous here and move to `members`/`elements` when it closes, so every
    /// finished container's children end up contiguous without knowing their count upfront.
    var openMembers = TreeBuffer<DataTree.Member>(capacity: 256)
    var openElements = TreeBuffer<UInt32>(capacity: 256)
    var frames = TreeBuffer<Frame>(capacity: 64)
    /// Whether `key` was called and its value has not arrived yet (public API checks only).
    var keyPending = false
    let bytes: [UInt8]

    struct Frame: Sendable, BitwiseCopyable {
        var node: UInt32
        /// Where this container's entries start in `openMembers` or `openElements`.
        var base: UInt32
        var isObject: Bool
    }

    /// An empty builder. Strings and numbers are copied into the tree's table.
    init() {
        self.bytes = []
        nodes = TreeBuffer()
        members = TreeBuffer()
        elements = TreeBuffer()
    }

    /// A builder whose raw string and number nodes refer to `bytes` (used by `JSONReader`),
    /// with room for a document of that size so that the lists rarely grow.
    init(bytes: [UInt8], estimatedNodes: Int) {
        self.bytes = bytes
        nodes = TreeBuffer(capacity: estimatedNodes)
        members = TreeBuffer(capacity: estimatedNodes / 2)
        elements = TreeBuffer(capacity: estimatedNodes / 8)
    }

    /// Opens an object whose `{` (or first key, in block YAML) is at `start`.
    package mutating func beginObject(start: Int) {
        open(isObject: true, start: start)
    }

    /// Opens an array whose `[` (or first `-`, in block YAML) is at `start`.
    package mutating func beginArray(start: Int) {
        open(isObject: false, start: start)
    }

    /// Names the next member of the innermost open object; its value comes next.
    package mutating func key(_ key: String, start: Int) {
        guard let top = frames.last, top.isObject, !keyPending else {
            preconditionFailure("DataTreeBuilder: key(\"\(key)\") outside an object or twice in a row")
        }
        strings.append(key)
        openMembers.append(
            DataTree.Member(
                keyStart: Self.offset(start), keyLo: UInt32(strings.count - 1),
                keyHi: DataTree.Member.tableMarker, value: UInt32(nodes.count)))
        keyPending = true
    }

    /// A string value spanning `start..<end` in the source.
    mutating func string(_ value: String, start: Int, end: Int) {
        strings.append(value)
        append(
            DataTree.Node(
                tag: .tableString, start: Self.offset(start), end: Self.offset(end),
                a: UInt32(strings.count - 1)))
    }

    /// A number given as decimal text (`-12`, `0.5`, `1e3`); `int` and `double` are computed
    /// from this text, so an integer stays exact whatever its size.
    mutating func number(text: String, start: Int, end: Int) {
        var text = text
        if let small = text.withUTF8({ DecimalText.smallInteger($0) }) {
            append(Self.bitsNode(.int, UInt64(bitPattern: small), start, end))
        } else {
            strings.append(text)
            append(
                DataTree.Node(
                    tag: .tableNumber, start: Self.offset(start), end: Self.offset(end),
                    a: UInt32(strings.count - 1)))
        }
    }

    /// An integer value a front end has already read. (The YAML converter passes its numbers
    /// as text: the core schema it follows has only decimal numbers.)
    mutating func integer(_ value: Int, start: Int, end: Int) {
        append(Self.bitsNode(.int, UInt64(bitPattern: Int64(value)), start, end))
    }

    /// A floating-point value a front end has already read, such as an infinity, which has
    /// no JSON text.
    mutating func double(_ value: Double, start: Int, end: Int) {
        append(Self.bitsNode(.double, value.bitPattern, start, end))
    }

    /// `true` or `false`.
    mutating func bool(_ value: Bool, start: Int, end: Int) {
        append(DataTree.Node(tag: value ? .trueValue : .falseValue, start: Self.offset(start), end: Self.offset(end)))
    }

    /// `null` (YAML `~`, `null` or an empty value).
    package mutating func null(start: Int, end: Int) {
        append(DataTree.Node(tag: .null, start: Self.offset(start), end: Self.offset(end)))
    }

    /// Closes the innermost open object or array, which ends just before `end`.
    mutating func end(end: Int) {
        precondition(!frames.isEmpty, "DataTreeBuilder: end(end:) without an open object or array")
        precondition(!keyPending, "DataTreeBuilder: an object closed after a key without a value")
        close(end: Self.offset(end))
    }

    /// The finished tree, which takes the builder's lists over. An empty builder gives a tree
    /// whose root is `null` at offset 0 (an empty YAML document).
    package consuming func finish() -> DataTree {
        precondition(frames.isEmpty, "DataTreeBuilder: finish() with \(frames.count) unclosed containers")
        if nodes.isEmpty { nodes.append(DataTree.Node(tag: .null, start: 0, end: 0)) }
        return DataTree(
            storage: DataTree.Storage(
                nodes: nodes.run(), members: members.run(), elements: elements.run(), strings: strings, bytes: bytes))
    }

    // MARK: - Shared with JSONReader, which has already checked the order of events.

    private mutating func open(isObject: Bool, start: Int) {
        let index = UInt32(nodes.count)
        append(DataTree.Node(tag: isObject ? .object : .array, start: Self.offset(start), end: 0))
        openContainer(node: index, isObject: isObject)
    }

    /// Checks the public call order, then records the value.
    private mutating func append(_ node: DataTree.Node) {
        if let top = frames.last {
            if top.isObject {
                precondition(keyPending, "DataTreeBuilder: a value in an object needs key(_:start:) first")
                keyPending = false
            } else {
                openElements.append(UInt32(nodes.count))
            }
        } else {
            precondition(nodes.isEmpty, "DataTreeBuilder: a second top-level value")
        }
        nodes.append(node)
    }

    @inline(__always)
    mutating func openContainer(node: UInt32, isObject: Bool) {
        let base = isObject ? openMembers.count : openElements.count
        frames.append(Frame(node: node, base: UInt32(truncatingIfNeeded: base), isObject: isObject))
    }

    /// Pops the innermost container, moves its entries to their final place and records its
    /// end offset and count.
    @inline(__always)
    mutating func close(end: UInt32) {
        let frame = frames.removeLast()
        let base = Int(frame.base)
        let first: Int, count: Int
        if frame.isObject {
            first = members.count
            count = openMembers.count - base
            openMembers.moveTail(from: base, to: &members)
        } else {
            first = elements.count
            count = openElements.count - base
            openElements.moveTail(from: base, to: &elements)
        }
        let i = Int(frame.node)
        var node = nodes[i]
        node.end = end
        node.a = UInt32(truncatingIfNeeded: first)
        node.b = UInt32(truncatingIfNeeded: count)
        nodes[i] = node
    }

    private static func offset(_ value: Int) -> UInt32 {
        guard let offset = UInt32(exactly: value) else {
            preconditionFailure("DataTreeBuilder: offset \(value) is negative or beyond 4 GiB")
        }
        return offset
    }

    private static func bitsNode(_ tag: DataTree.Tag, _ bits: UInt64, _ start: Int, _ end: Int) -> DataTree.Node {
        DataTree.Node(
            tag: tag, start: offset(start), end: offset(end),
            a: UInt32(truncatingIfNeeded: bits), b: UInt32(truncatingIfNeeded: bits >> 32))
    }
}
