/// A handle on one value of a `DataTree`: the tree plus a node index.
///
/// Handles are cheap to copy (one retain) and keep the whole tree alive. Accessors that do
/// not apply to the value's kind return `nil`, `0` or empty rather than trapping, so loaders
/// can write `node["region"]?.string` and report a type mismatch when it is `nil`.
struct DataNode: Sendable {
    let storage: DataTree.Storage
    /// The node's index in its tree: 0 for the root, then document order.
    let index: Int

    init(storage: DataTree.Storage, index: Int) {
        self.storage = storage
        self.index = index
    }

    @inline(__always)
    var node: DataTree.Node { storage.nodes[index] }

    /// The tree this value belongs to.
    var tree: DataTree { DataTree(storage: storage) }

    /// What kind of value this is.
    var kind: DataKind {
        switch node.tag {
        case .object: .object
        case .array: .array
        case .rawString, .tableString: .string
        case .int, .double, .rawNumber, .tableNumber: .number
        case .trueValue, .falseValue: .bool
        case .null: .null
        }
    }

    /// The kind with an article ("an object", "a string", …) for messages.
    var typeName: String { kind.typeName }

    /// Byte offset where the value starts in its source file (for a string, its opening quote).
    var start: Int { Int(node.start) }

    /// Byte offset just past the value (for a container, past its closing bracket).
    var end: Int { Int(node.end) }

    /// The text of a string value; `nil` for other kinds.
    var string: String? { string(interning: nil) }

    /// `string`, taken from `interner` when the file has read the same text before.
    func string(interning interner: TextInterner?) -> String? {
        let n = node
        switch n.tag {
        case .rawString: return storage.text(lo: n.a, hi: n.b, interner: interner)
        case .tableString: return storage.strings[Int(n.a)]
        default: return nil
        }
    }

    /// The value of a number that is exactly an integer representable as `Int` (so `3`,
    /// `3.0` and `3e0` but not `3.5`, `1e30` or `9223372036854775808`); `nil` otherwise.
    var int: Int? { Self.int(of: node, in: storage) }

    /// The `int` of element `position` of an array, read in place (no handle made for it);
    /// nil when there is no such element or it is not an integer.
    ///
    /// Inlined, with a plain integer read on the spot: a record's rows are lists of numbers,
    /// and two calls for each (the element's place, then its value) were 3% of reading the
    /// night's document back.
    @inline(__always)
    func int(ofElement position: Int) -> Int? {
        guard let i = elementIndex(position) else { return nil }
        let e = storage.nodes[i]
        if e.tag == .int { return Int(Int64(bitPattern: e.bits)) }
        return Self.int(of: e, in: storage)
    }

    /// The node index of element `position` of an array; nil when there is no such element.
    @inline(__always)
    private func elementIndex(_ position: Int) -> Int? {
        let n = node
        guard n.tag == .array, position >= 0, position < Int(n.b) else { return nil }
        return Int(storage.elements[Int(n.a) + position])
    }

    /// The `int` of each element of an array in turn, with its position (none for any other
    /// kind): read in place, for lists of numbers, without a handle (a retain and a release)
    /// or a look-up of the array for each.
    func forEachElementInt(_ body: (_ position: Int, _ value: Int?) -> Void) {
        let n = node
        guard n.tag == .array else { return }
        let (base, count) = (Int(n.a), Int(n.b))
        storage.elements.withUnsafeBufferPointer { elements in
            storage.nodes.withUnsafeBufferPointer { nodes in
                for k in 0..<count { body(k, Self.int(of: nodes[Int(elements[base + k])], in: storage)) }
            }
        }
    }

    /// The elements of an array of whole numbers each in `0..<limit` and written as plain
    /// integers, as `Number`s; nil when the value is not an array or any element is anything
    /// else (its caller then reads them one by one, and names the one that is wrong). Read
    /// from the tree's lists straight into the result: a result document's message pieces are
    /// such lists, and element by element through a closure each list cost some 800
    /// instructions.
    func plainIntegers<Number: FixedWidthInteger>(below limit: Int, as _: Number.Type) -> [Number]? {
        let n = node
        // Every number below the limit fits `Number` (else the caller's reading, which
        // converts each checked, decides), so none is truncated here.
        guard n.tag == .array, limit <= 0 || Number(exactly: limit - 1) != nil else { return nil }
        let (base, count) = (Int(n.a), Int(n.b))
        let nodes = storage.nodes, elements = storage.elements
        precondition(base >= 0 && base + count <= elements.count, "DataNode: elements \(base)+\(count) out of range")
        // Made with room for them and appended to: `Array(unsafeUninitializedCapacity:)` and
        // `Array(repeating:count:)` made their buffer through the library's unspecialised
        // path, some 700 instructions a list.
        var out: [Number] = []
        out.reserveCapacity(count)
        var whole = true
        for k in 0..<count {
            let e = nodes[Int(elements.base[base + k])]
            let value = Int64(bitPattern: e.bits)
            guard e.tag == .int, value >= 0, value < Int64(limit) else {
                whole = false
                break
            }
            out.append(Number(truncatingIfNeeded: value))
        }
        return whole ? out : nil
    }

    private static func int(of n: DataTree.Node, in storage: DataTree.Storage) -> Int? {
        switch n.tag {
        case .int: return Int(Int64(bitPattern: n.bits))
        case .double: return Int(exactly: Double(bitPattern: n.bits))
        case .rawNumber:
            return storage.bytes.withUnsafeBufferPointer {
                DecimalText.exactInteger(UnsafeBufferPointer(rebasing: $0[Int(n.start)..<Int(n.end)]))
            }
        case .tableNumber:
            var text = storage.strings[Int(n.a)]
            return text.withUTF8 { DecimalText.exactInteger($0) }
        default: return nil
        }
    }

    /// The value of a number as the nearest `Double` (parsed from the same text as `int`,
    /// so integers beyond 2^53 round the same way a JSON library would); `nil` for other kinds.
    /// Numbers too large for a Double are infinite.
    var double: Double? {
        let n = node
        switch n.tag {
        case .int: return Double(Int64(bitPattern: n.bits))
        case .double: return Double(bitPattern: n.bits)
        case .rawNumber, .tableNumber: return numberText.flatMap { Double($0) }
        default: return nil
        }
    }

    /// The number as written in the source (canonical text for numbers a builder was given
    /// as values); `nil` for other kinds. Useful for quoting a value in a message.
    var numberText: String? {
        let n = node
        switch n.tag {
        case .int: return String(Int64(bitPattern: n.bits))
        case .double: return String(Double(bitPattern: n.bits))
        case .rawNumber: return storage.text(lo: n.start, hi: n.end)
        case .tableNumber: return storage.strings[Int(n.a)]
        default: return nil
        }
    }

    /// The value of `true` or `false`; `nil` for other kinds.
    var bool: Bool? {
        switch node.tag {
        case .trueValue: true
        case .falseValue: false
        default: nil
        }
    }

    /// Whether the value is `null`.
    var isNull: Bool { node.tag == .null }

    /// The number of elements of an array or members of an object; 0 for other kinds.
    var count: Int {
        let n = node
        return n.tag == .object || n.tag == .array ? Int(n.b) : 0
    }

    /// The elements of an array, in order; empty for every other kind, objects included.
    var elements: Elements {
        let n = node
        return n.tag == .array
            ? Elements(storage: storage, base: Int(n.a), count: Int(n.b))
            : Elements(storage: storage, base: 0, count: 0)
    }

    /// The element at `position` of an array; `nil` when out of range or not an array.
    subscript(position: Int) -> DataNode? {
        // Straight to the element: through `elements` it built the list's handle first, a
        // retain and a release more for each of the three million columns a night's read takes.
        elementIndex(position).map { DataNode(storage: storage, index: $0) }
    }

    /// The elements of an array as a random-access collection of handles.
    struct Elements: RandomAccessCollection, Sendable {
        let storage: DataTree.Storage
        let base: Int
        /// How many elements there are.
        let count: Int

        /// Always 0.
        var startIndex: Int { 0 }
        /// `count`.
        var endIndex: Int { count }

        /// The element at `position` (0-based; must be in range).
        subscript(position: Int) -> DataNode {
            precondition(position >= 0 && position < count, "DataNode.Elements: index out of range")
            return DataNode(storage: storage, index: Int(storage.elements[base + position]))
        }
    }
}

extension DataNode {
    /// The members of an object in document order, duplicates included; empty for other kinds.
    /// `keyStart` is the key's byte offset, for "unknown key" and "duplicate key" messages.
    var members: [(key: String, keyStart: Int, value: DataNode)] {
        memberRange.map { i in
            let m = storage.members[i]
            return (storage.text(lo: m.keyLo, hi: m.keyHi), Int(m.keyStart), DataNode(storage: storage, index: Int(m.value)))
        }
    }

    /// The keys of an object in document order, duplicates included; empty for other kinds.
    var keys: [String] {
        memberRange.map { storage.text(lo: storage.members[$0].keyLo, hi: storage.members[$0].keyHi) }
    }

    /// The value of the first member named `key`, or `nil` when there is none or this is not
    /// an object. Keys match byte for byte, as in JSON.
    ///
    /// A linear scan: export objects have 10–30 keys, and comparing the stored key length
    /// first rejects nearly every non-matching member with one integer compare, which beats
    /// hashing the probe key for objects of this size.
    subscript(key: String) -> DataNode? {
        let range = memberRange
        if range.isEmpty { return nil }
        var probe = key
        // The members and the text read through one buffer each for the whole scan, and a
        // key's bytes compared only when its length is the probe's: through
        // `text(lo:hi:equals:)` each member compared opened the text's buffer again. Look-ups
        // are 5% of `check`'s instructions over the harness's bundles (220 each, 210 now): the
        // scan itself, which a decoder that walks each object's members once would not need.
        return probe.withUTF8 { keyBytes -> DataNode? in
            storage.members.withUnsafeBufferPointer { members in
                storage.bytes.withUnsafeBufferPointer { text in
                    for i in range {
                        let m = members[i]
                        if m.keyHi == DataTree.Member.tableMarker {
                            guard storage.text(lo: m.keyLo, hi: m.keyHi, equals: keyBytes) else { continue }
                        } else {
                            guard Int(m.keyHi &- m.keyLo) == keyBytes.count else { continue }
                            if let t = text.baseAddress,
                                !memoryEqual(UnsafeBufferPointer(start: t + Int(m.keyLo), count: keyBytes.count), keyBytes)
                            {
                                continue
                            }
                        }
                        return DataNode(storage: storage, index: Int(m.value))
                    }
                    return nil
                }
            }
        }
    }

    /// The value of the first member whose key equals `key` as Swift compares strings
    /// (canonical equivalence, where the subscript compares bytes, as JSON does): the member
    /// a `[String: DataNode]` built from `members`, keeping the first of equal keys, would
    /// hold, found without building it.
    func firstMember(equivalentTo key: String) -> DataNode? {
        var probe = key
        return probe.withUTF8 { keyBytes -> DataNode? in
            let asciiKey = !keyBytes.contains { $0 >= 0x80 }
            for i in memberRange {
                let m = storage.members[i]
                // Two ASCII spellings are equal strings exactly when their bytes are equal;
                // anything else is compared as strings.
                let equal = storage.withKeyBytes(lo: m.keyLo, hi: m.keyHi) { stored in
                    asciiKey && !stored.contains { $0 >= 0x80 }
                        ? stored.count == keyBytes.count && memoryEqual(stored, keyBytes)
                        : String(decoding: stored, as: UTF8.self) == key
                }
                if equal { return DataNode(storage: storage, index: Int(m.value)) }
            }
            return nil
        }
    }

    /// Whether the object has a member named `key`.
    func hasKey(_ key: String) -> Bool { self[key] != nil }

    /// Each key that repeats an earlier key of this object, with the offsets of the first
    /// occurrence and of the repeat, in document order; empty for other kinds.
    var duplicateKeys: [(key: String, firstStart: Int, secondStart: Int)] {
        let range = memberRange
        guard range.count > 1 else { return [] }
        var found: [(key: String, firstStart: Int, secondStart: Int)] = []
        let members = storage.members
        if range.count <= 16 {
            // Pairwise is cheaper than hashing at this size and needs no allocation.
            // Keys are compared as stored bytes; a string is built only for a duplicate. Two
            // keys kept as ranges of the input (nearly all) are compared by length, then by
            // `memcmp`, in place: through the closures of `withKeyBytes` each pair cost several
            // times as much, for every object of every inventory.
            let repeats = members.withUnsafeBufferPointer { m in
                storage.bytes.withUnsafeBufferPointer { bytes -> [(Int, Int)] in
                    var repeats: [(Int, Int)] = []
                    for j in range.dropFirst() {
                        for i in range.lowerBound..<j where Self.sameKey(m[i], m[j], bytes, storage) {
                            repeats.append((i, j))
                            break
                        }
                    }
                    return repeats
                }
            }
            for (i, j) in repeats {
                found.append(
                    (storage.text(lo: members[j].keyLo, hi: members[j].keyHi), Int(members[i].keyStart), Int(members[j].keyStart))
                )
            }
        } else {
            var seen: [ByteKey: Int] = [:]
            for i in range {
                let m = members[i]
                let key = storage.text(lo: m.keyLo, hi: m.keyHi)
                if let first = seen[ByteKey(key)] {
                    found.append((key, first, Int(m.keyStart)))
                } else {
                    seen[ByteKey(key)] = Int(m.keyStart)
                }
            }
        }
        return found
    }

    /// Whether two members' keys have the same bytes.
    @inline(__always)
    private static func sameKey(
        _ a: DataTree.Member, _ b: DataTree.Member, _ bytes: UnsafeBufferPointer<UInt8>, _ storage: DataTree.Storage
    ) -> Bool {
        let marker = DataTree.Member.tableMarker
        if a.keyHi != marker && b.keyHi != marker {
            guard a.keyHi &- a.keyLo == b.keyHi &- b.keyLo else { return false }
            return memoryEqual(
                UnsafeBufferPointer(rebasing: bytes[Int(a.keyLo)..<Int(a.keyHi)]),
                UnsafeBufferPointer(rebasing: bytes[Int(b.keyLo)..<Int(b.keyHi)]))
        }
        return storage.withKeyBytes(lo: a.keyLo, hi: a.keyHi) { storage.text(lo: b.keyLo, hi: b.keyHi, equals: $0) }
    }

    /// Indices into `storage.members` of an object's members; empty for other kinds.
    var memberRange: Range<Int> {
        let n = node
        guard n.tag == .object else { return 0..<0 }
        return Int(n.a)..<Int(n.a) + Int(n.b)
    }
}

/// A string compared and hashed by its UTF-8 bytes, as JSON keys are.
struct ByteKey: Hashable {
    let text: String
    init(_ text: String) { self.text = text }
    static func == (a: ByteKey, b: ByteKey) -> Bool { Text.sameBytes(a.text, b.text) }
    func hash(into hasher: inout Hasher) {
        var bytes = text
        bytes.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
