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
        case .object:
            // Straight from the members' storage: `members` would build every key's offset
            // and handle first, only to be mapped again.
            var entries: [(key: String, value: Value)] = []
            entries.reserveCapacity(count)
            for i in memberRange {
                let m = storage.members[i]
                entries.append(
                    (storage.text(lo: m.keyLo, hi: m.keyHi), DataNode(storage: storage, index: Int(m.value)).languageValue))
            }
            return .map(MapBox(entries))
        }
    }
}
