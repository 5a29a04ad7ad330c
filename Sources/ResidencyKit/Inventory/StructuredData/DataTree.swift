import Foundation

/// The kind of a value in a `DataTree`: the JSON data model, onto which YAML documents map too.
enum DataKind: Sendable, Hashable, CaseIterable {
    case object, array, string, number, bool, null

    /// The kind with an article, for messages such as "expected a string, found a number".
    var typeName: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }
}

/// A parsed JSON or YAML document that remembers where every value came from.
///
/// Inventory loaders read exports of hundreds of thousands of resources and must point at the
/// offending value, so the tree is built for a fast single pass and for positions rather than
/// for mutation. Nodes live in flat lists (a "tape") inside one immutable storage object: no
/// class or indirect enum per node, so building and freeing a 50 MB export costs a handful of
/// allocations plus the strings that are actually read. Values are visited through `DataNode`
/// handles. Both `JSONReader` and the YAML converter (through `DataTreeBuilder`) produce it,
/// so loaders are written once for both formats.
struct DataTree: Sendable {
    let storage: Storage

    init(storage: Storage) {
        self.storage = storage
    }

    /// The top-level value; node 0, because the first value a builder receives is the root.
    package var root: DataNode { DataNode(storage: storage, index: 0) }

    /// How many values the tree holds (object keys are not values).
    var nodeCount: Int { storage.nodes.count }

    /// The value with the given `DataNode.index`.
    func node(at index: Int) -> DataNode {
        precondition(index >= 0 && index < storage.nodes.count, "DataTree: node index \(index) out of range")
        return DataNode(storage: storage, index: index)
    }

    /// Every repeated key in every object of the document, in document order of the repeat.
    ///
    /// JSON parsers disagree on which duplicate wins, so loaders report them instead of
    /// silently taking one; this saves walking the tree when only the duplicates matter.
    var duplicateKeys: [(key: String, firstStart: Int, secondStart: Int)] {
        var found: [(key: String, firstStart: Int, secondStart: Int)] = []
        let objects = storage.nodes.withUnsafeBufferPointer { nodes in
            storage.members.withUnsafeBufferPointer { members in
                storage.bytes.withUnsafeBufferPointer { bytes in
                    nodes.indices.filter { i in
                        nodes[i].tag == .object && nodes[i].b > 1
                            && Self.mayRepeat(members, Int(nodes[i].a)..<Int(nodes[i].a) + Int(nodes[i].b), bytes)
                    }
                }
            }
        }
        for i in objects {
            // Nearly always none: appending an empty list still made `found` a buffer of its own.
            let repeats = DataNode(storage: storage, index: i).duplicateKeys
            if !repeats.isEmpty { found += repeats }
        }
        return found.sorted { $0.secondStart < $1.secondStart }
    }

    /// Whether two of `members`' keys may have the same bytes: false only when none do. Each
    /// key's length and its first and last eight bytes pick one of 256 bits, and only a key
    /// whose bit is taken already is compared with the keys before it; a key kept in the
    /// string table (an escaped key may spell a plain one) sends the object to the exact search
    /// (`DataNode.duplicateKeys`), as does a repeat. Comparing every pair of keys of every
    /// object, 62,000 objects in the harness's first 100 bundles, was 2% of a `check`'s
    /// instructions.
    @inline(__always)
    private static func mayRepeat(
        _ members: UnsafeBufferPointer<Member>, _ range: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        // A range of indices, not a slice of the buffer: a slice's `indices` went through the
        // generic, unspecialised `Slice`, at some 950 instructions an object.
        guard let base = bytes.baseAddress else { return true }
        var seen: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        for j in range {
            let m = members[j]
            let lo = Int(m.keyLo), hi = Int(m.keyHi)
            // The eight bytes from the key's start (past its end the quote and what follows, so
            // masked to its length), and its last eight: the file holds more than a key's
            // bytes after it, and a key too near the end is sent to the exact search.
            guard m.keyHi != Member.tableMarker, lo + 8 <= bytes.count else { return true }
            let length = hi - lo
            var first = UnsafeRawPointer(base + lo).loadUnaligned(as: UInt64.self)
            if length < 8 { first &= (1 << (UInt64(length) &* 8)) &- 1 }
            let last = length > 8 ? UnsafeRawPointer(base + hi - 8).loadUnaligned(as: UInt64.self) : 0
            let mixed = (first ^ (last &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(length)) &* 0xFF51_AFD7_ED55_8CCD
            let slot = mixed >> 56, bit = UInt64(1) << (slot & 63)
            let taken: Bool
            switch slot >> 6 {
            case 0: (taken, seen.0) = (seen.0 & bit != 0, seen.0 | bit)
            case 1: (taken, seen.1) = (seen.1 & bit != 0, seen.1 | bit)
            case 2: (taken, seen.2) = (seen.2 & bit != 0, seen.2 | bit)
            default: (taken, seen.3) = (seen.3 & bit != 0, seen.3 | bit)
            }
            guard taken else { continue }
            for i in range.lowerBound..<j where members[i].keyHi &- members[i].keyLo == m.keyHi &- m.keyLo {
                if memcmp(base + Int(members[i].keyLo), base + lo, length) == 0 { return true }
            }
        }
        return false
    }
}

extension DataTree {
    /// The lists behind a tree. One reference-counted object, so that copying a `DataNode`
    /// costs one retain rather than one per list. The three lists of values are the
    /// builder's memory, taken over as it was filled (`TreeBuffer`) and freed here.
    final class Storage: Sendable {
        let nodes: TreeRun<Node>
        /// The members of all objects; each object's members are contiguous, in document order.
        let members: TreeRun<Member>
        /// The element node indices of all arrays; each array's are contiguous.
        let elements: TreeRun<UInt32>
        /// Strings that are not a plain byte range of `bytes`: ones with escapes, and every
        /// string a builder was given (YAML values are already decoded by the YAML library).
        let strings: [String]
        /// The source text, for strings and numbers stored as byte ranges. Shared with the
        /// `SourceFile` it came from, not copied.
        let bytes: [UInt8]

        /// Owns the runs from now on.
        init(nodes: TreeRun<Node>, members: TreeRun<Member>, elements: TreeRun<UInt32>, strings: [String], bytes: [UInt8]) {
            self.nodes = nodes
            self.members = members
            self.elements = elements
            self.strings = strings
            self.bytes = bytes
        }

        deinit {
            nodes.release()
            members.release()
            elements.release()
        }

        /// The decoded text of a string stored either way; `lo..<hi` is a byte range of
        /// `bytes` unless `hi == tableMarker`, in which case `lo` indexes `strings`. With an
        /// `interner`, a text the file has read before is that one's `String`.
        func text(lo: UInt32, hi: UInt32, interner: TextInterner? = nil) -> String {
            if hi == Member.tableMarker { return strings[Int(lo)] }
            // The reader validated these bytes as UTF-8 already; decoding copies them once.
            return bytes.withUnsafeBufferPointer {
                let text = UnsafeBufferPointer(rebasing: $0[Int(lo)..<Int(hi)])
                return interner?.text(text) ?? String(decoding: text, as: UTF8.self)
            }
        }

        /// Calls `body` with the UTF-8 bytes of a stored string, without building a `String`
        /// for strings kept as ranges of the input.
        func withKeyBytes<R>(lo: UInt32, hi: UInt32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
            if hi == Member.tableMarker {
                var s = strings[Int(lo)]
                return s.withUTF8(body)
            }
            return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[Int(lo)..<Int(hi)])) }
        }

        /// Whether a stored string equals `key` byte for byte (JSON compares code units; Swift's
        /// `==` would also equate NFC and NFD spellings).
        func text(lo: UInt32, hi: UInt32, equals key: UnsafeBufferPointer<UInt8>) -> Bool {
            if hi == Member.tableMarker {
                var s = strings[Int(lo)]
                return s.withUTF8 { $0.count == key.count && (key.isEmpty || memoryEqual($0, key)) }
            }
            let length = Int(hi &- lo)
            guard length == key.count else { return false }
            if length == 0 { return true }
            return bytes.withUnsafeBufferPointer {
                memoryEqual(UnsafeBufferPointer(rebasing: $0[Int(lo)..<Int(hi)]), key)
            }
        }
    }

    /// What a node is stored as. More cases than `DataKind` because a string or number may
    /// be kept as source bytes (decoded on access) or in the string table.
    enum Tag: UInt8, Sendable {
        /// `a`: first index in `members`; `b`: member count.
        case object
        /// `a`: first index in `elements`; `b`: element count.
        case array
        /// Text without escapes: `bytes[a..<b]`, already validated UTF-8.
        case rawString
        /// `strings[a]`.
        case tableString
        /// An integer literal that fits Int64: low 32 bits in `a`, high 32 bits in `b`.
        case int
        /// A Double's bits: low 32 bits in `a`, high in `b`.
        case double
        /// JSON number text other than a small integer: `bytes[start..<end]`.
        case rawNumber
        /// Number text in `strings[a]`.
        case tableNumber
        case trueValue, falseValue, null
    }

    /// One value: 20 bytes, with offsets as UInt32 because inventories are far below 4 GiB
    /// and half-size nodes mean half the memory traffic when parsing.
    struct Node: Sendable {
        var start: UInt32
        var end: UInt32
        var a: UInt32
        var b: UInt32
        var tag: Tag

        init(tag: Tag, start: UInt32, end: UInt32, a: UInt32 = 0, b: UInt32 = 0) {
            self.start = start
            self.end = end
            self.a = a
            self.b = b
            self.tag = tag
        }

        /// The 64-bit payload of `.int` and `.double` nodes.
        var bits: UInt64 { UInt64(b) << 32 | UInt64(a) }
    }

    /// One object member. The key is kept like a string node (`keyLo..<keyHi` of `bytes`, or
    /// `strings[keyLo]` when `keyHi == tableMarker`), because keys are compared far more
    /// often than they are read as `String`.
    struct Member: Sendable {
        static let tableMarker = UInt32.max
        /// Offset of the key itself (its opening quote in JSON).
        var keyStart: UInt32
        var keyLo: UInt32
        var keyHi: UInt32
        /// Node index of the value.
        var value: UInt32
    }
}

/// Byte equality of two buffers: `memcmp`, whose word-at-a-time compare beat a byte loop by
/// several times on the ids and names a workspace record numbers.
@inline(__always)
func memoryEqual(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    guard let x = a.baseAddress, let y = b.baseAddress else { return true }
    return memcmp(x, y, a.count) == 0
}
