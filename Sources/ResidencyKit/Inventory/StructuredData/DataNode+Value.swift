/// JSON (or YAML) values as the policy language sees them, for `settings` and facts: strings,
/// booleans and lists as themselves, objects as maps, integers as `int`. The language has no
/// fractions, so a number that is not an integer — and `null` — is missing: a check that
/// reads one is indeterminate rather than decided on a value it cannot represent.
extension DataNode {
    var languageValue: Value {
        switch kind {
        case .string: return .of(string)
        case .bool: return .of(bool)
        case .number:
            guard let i = int else { return .missing }
            return .int(i)
        case .null: return .missing
        case .array: return .list(elements.map(\.languageValue))
        case .object: return .map(objectMap())
        }
    }

    /// An object's members as a map, straight from their storage: the keys compared as the
    /// bytes they are stored as, sorted (when they are not already) by a list of member
    /// numbers, and only the keys kept made into strings. The map's order and its answer to
    /// a repeated key are `MapBox(entries)`'s: code point order (which UTF-8's byte order is),
    /// the last of a repeated key written. Gathering the pairs first and handing them to that
    /// initialiser built three arrays and compared keys as strings, for every destination's
    /// and source's settings.
    private func objectMap() -> MapBox {
        let range = memberRange
        let members = storage.members
        var order = Array(range)
        if zip(order, order.dropFirst()).contains(where: { keyOrder(members[$0], members[$1]) >= 0 }) {
            // Equal keys in reverse order of appearance, so the first of each run is the last written.
            order.sort { i, j in
                let c = keyOrder(members[i], members[j])
                return c != 0 ? c < 0 : i > j
            }
        }
        var keys: [String] = []
        var values: [Value] = []
        keys.reserveCapacity(order.count)
        values.reserveCapacity(order.count)
        var last: Int?
        for i in order {
            let m = members[i]
            if let last, keyOrder(members[last], m) == 0 { continue }
            keys.append(storage.text(lo: m.keyLo, hi: m.keyHi))
            values.append(DataNode(storage: storage, index: Int(m.value)).languageValue)
            last = i
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
