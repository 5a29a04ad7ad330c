/// A map from texts to values with `[String: Value]`'s meaning of a key (two texts are one key
/// when `==` says so: canonical equivalence), found by hashing bytes rather than by SipHash.
///
/// Decoding a night's inventories looks up some two million ids and names (a destination's
/// source, its catalog row by id, slug or name, the ids met before); through `[String: …]` each
/// cost some 500 instructions of hashing and of comparing every key on the probe's way, 4% of
/// `check`. Here a key is found through a `ByteTable` of its bytes.
///
/// Byte keys must still answer as `String.==` does. A text of ASCII bytes is its own canonical
/// form; the only other texts canonically equal to an ASCII one are those whose other code points
/// are the three singletons that decompose to ASCII (U+212A KELVIN SIGN to `K`, U+037E GREEK
/// QUESTION MARK to `;`, U+1FEF GREEK VARIA to `` ` ``), which are stored and looked up by that
/// ASCII form. Every other text (`é`, however it is composed) goes to a `[String: Value]` kept
/// for them, which no ASCII text can equal (`aTextMapAnswersAsADictionaryDoes` checks the two
/// against each other over texts built to collide).
struct TextMap<Value> {
    /// Held in one object, copied on write: a struct of several arrays was copied (a retain
    /// each) into every closure a look-up made.
    private var storage: Storage

    init(minimumCapacity: Int = 0) {
        storage = Storage(table: ByteTable(minimumCapacity: minimumCapacity))
        storage.values.reserveCapacity(minimumCapacity)
        storage.keyTexts.reserveCapacity(minimumCapacity)
    }

    var count: Int { storage.keyTexts.count }
    var isEmpty: Bool { storage.keyTexts.isEmpty }

    /// The keys, in the order they were first inserted, each spelled as it was given.
    var keys: [String] { storage.keyTexts }

    subscript(key: String) -> Value? {
        let s = storage
        var utf8 = key
        return utf8.withUTF8 { bytes -> Value? in
            if Text.isASCII(bytes: bytes) { return s.table.find(bytes).map { s.values[$0] } }
            if let form = Self.asciiForm(key) {
                return form.withUnsafeBufferPointer { s.table.find($0) }.map { s.values[$0] }
            }
            return s.others.isEmpty ? nil : s.others[key]
        }
    }

    /// Inserts `value` for `key` unless the key is there already; returns the value it had.
    @discardableResult
    mutating func insertIfAbsent(_ key: String, _ value: Value) -> Value? {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        let s = storage
        var utf8 = key
        let had = utf8.withUTF8 { bytes -> Value?? in
            if Text.isASCII(bytes: bytes) { return s.insert(bytes, value) }
            guard let form = Self.asciiForm(key) else { return nil }
            return form.withUnsafeBufferPointer { s.insert($0, value) }
        }
        if let had {
            if had == nil { s.keyTexts.append(key) }
            return had
        }
        if let old = s.others[key] { return old }
        s.others[key] = value
        s.keyTexts.append(key)
        return nil
    }

    private final class Storage {
        /// The keys with an ASCII form, by it; `values[n]` is the value of the table's text `n`.
        /// A `let`: a look-up read a `var` of it with a retain and a release around the probe,
        /// a third of its instructions (callgrind, 100 harness bundles: 27.0 million in look-ups
        /// before, 18.4 after).
        let table: ByteTable
        var values: [Value] = []
        /// Keys without an ASCII form, by `String` equality.
        var others: [String: Value] = [:]
        var keyTexts: [String] = []

        init(table: ByteTable) { self.table = table }

        func copy() -> Storage {
            let c = Storage(table: table.copy())
            (c.values, c.others, c.keyTexts) = (values, others, keyTexts)
            return c
        }

        /// The value the key with this ASCII form had, or nil after adding it.
        func insert(_ form: UnsafeBufferPointer<UInt8>, _ value: Value) -> Value? {
            let (n, inserted) = table.insert(form)
            if !inserted { return values[n] }
            values.append(value)
            return nil
        }
    }

    /// The ASCII text canonically equal to a text with non-ASCII bytes, when there is one:
    /// every code point ASCII or one of the three singletons that decompose to ASCII.
    private static func asciiForm(_ key: String) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(key.utf8.count)
        for scalar in key.unicodeScalars {
            switch scalar.value {
            case 0..<0x80: out.append(UInt8(scalar.value))
            case 0x212A: out.append(UInt8(ascii: "K"))
            case 0x037E: out.append(UInt8(ascii: ";"))
            case 0x1FEF: out.append(UInt8(ascii: "`"))
            default: return nil
            }
        }
        return out
    }
}

/// Copied on write, like the standard library's collections: a value shared between threads
/// is only read.
extension TextMap: @unchecked Sendable where Value: Sendable {}
