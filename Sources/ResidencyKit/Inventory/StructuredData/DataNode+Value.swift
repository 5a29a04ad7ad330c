/// JSON (or YAML) values as the policy language sees them, for `settings` and facts: strings,
/// booleans and lists as themselves, objects as maps, integers as `int`. The language has no
/// fractions, so a number that is not an integer — and `null` — is missing: a check that
/// reads one is indeterminate rather than decided on a value it cannot represent.
extension DataNode {
    var languageValue: Value { languageValue(interning: nil) }

    /// `languageValue`, with the texts of keys and string values longer than a small string
    /// taken from `interner` when the file has read them before (a night's settings repeat the
    /// same keys in every destination of an integration).
    func languageValue(interning interner: TextInterner?) -> Value {
        switch kind {
        case .string: return .of(string(interning: interner))
        case .bool: return .of(bool)
        case .number:
            guard let i = int else { return .missing }
            return .int(i)
        case .null: return .missing
        case .array: return .list(elements.map { $0.languageValue(interning: interner) })
        case .object: return .map(objectMap(interner))
        }
    }

    /// An object's members as a map, straight from their storage: the keys compared as the
    /// bytes they are stored as, sorted (when they are not already) by a list of member
    /// numbers, and only the keys kept made into strings. The map's order and its answer to
    /// a repeated key are `MapBox(entries)`'s: code point order (which UTF-8's byte order is),
    /// the last of a repeated key written. Gathering the pairs first and handing them to that
    /// initialiser built three arrays and compared keys as strings, for every destination's
    /// and source's settings. Keys already in order (most exports write them so) are read
    /// straight from the members, without a list of their numbers.
    private func objectMap(_ interner: TextInterner?) -> MapBox {
        let range = memberRange
        let members = storage.members
        var keys: [String] = []
        var values: [Value] = []
        keys.reserveCapacity(range.count)
        values.reserveCapacity(range.count)
        func keep(_ m: DataTree.Member) {
            keys.append(storage.text(lo: m.keyLo, hi: m.keyHi, interner: interner))
            values.append(DataNode(storage: storage, index: Int(m.value)).languageValue(interning: interner))
        }
        if !range.dropFirst().contains(where: { keyOrder(members[$0 - 1], members[$0]) >= 0 }) {
            for i in range { keep(members[i]) }
            return MapBox(sortedKeys: keys, values: values)
        }
        // Equal keys in reverse order of appearance, so the first of each run is the last written.
        func before(_ i: Int, _ j: Int) -> Bool {
            let c = keyOrder(members[i], members[j])
            return c != 0 ? c < 0 : i > j
        }
        func keepInOrder(_ order: UnsafeMutableBufferPointer<Int>) {
            var last: Int?
            for i in order {
                if let last, keyOrder(members[last], members[i]) == 0 { continue }
                keep(members[i])
                last = i
            }
        }
        if range.count <= 16 {
            // A settings object has a handful of keys: inserting each in place costs a few
            // compares, where the library's sort cost some 800 instructions for two keys. The
            // order is kept on the stack: an array of it was an allocation per object.
            withUnsafeTemporaryAllocation(of: Int.self, capacity: range.count) { order in
                for (k, i) in range.enumerated() {
                    var at = k
                    while at > 0, before(i, order[at - 1]) {
                        order[at] = order[at - 1]
                        at -= 1
                    }
                    order[at] = i
                }
                keepInOrder(order)
            }
        } else {
            var order = Array(range)
            order.sort(by: before)
            order.withUnsafeMutableBufferPointer { keepInOrder($0) }
        }
        return MapBox(sortedKeys: keys, values: values)
    }

    /// How two members' keys compare, by their bytes (`Text.order`): negative, zero or positive.
    private func keyOrder(_ a: DataTree.Member, _ b: DataTree.Member) -> Int {
        storage.withKeyBytes(lo: a.keyLo, hi: a.keyHi) { x in
            storage.withKeyBytes(lo: b.keyLo, hi: b.keyHi) { y in Text.order(x, y) }
        }
    }
}
