/// A 64-bit hash of UTF-8 bytes, eight at a time (a multiply and a shift per word, with
/// splitmix64's constants): the texts hashed on the hot paths are ids, names, slugs and
/// pieces of messages, mostly under 64 bytes, where SipHash's setup and finalisation cost
/// more than the bytes themselves.
enum ByteHash {
    /// Mixed into every hash, so that texts chosen to collide in one process's tables (an
    /// inventory written to slow the run down) do not in another's. Nothing that is written
    /// depends on it: tables number their texts by first use.
    static let processSeed = UInt64.random(in: 0...UInt64.max)

    static func hash(_ text: UnsafeBufferPointer<UInt8>, seed: UInt64) -> UInt64 {
        var h = seed ^ (UInt64(text.count) &* 0x9E37_79B9_7F4A_7C15)
        guard let p = text.baseAddress else { return mix(h) }
        let raw = UnsafeRawPointer(p)
        var i = 0
        while i + 8 <= text.count {
            h = mix(h ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            i += 8
        }
        if i < text.count {
            var tail: UInt64 = 0
            if text.count >= 8 {
                // The last eight bytes, overlapping the word before: one load, not a loop.
                tail = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: text.count - 8, as: UInt64.self))
            } else {
                var shift: UInt64 = 0
                while i < text.count {
                    tail |= UInt64(p[i]) << shift
                    shift += 8
                    i += 1
                }
            }
            h = mix(h ^ tail)
        }
        return mix(h)
    }

    @inline(__always)
    private static func mix(_ x: UInt64) -> UInt64 {
        var z = x &* 0xBF58_476D_1CE4_E5B9
        z ^= z >> 31
        z = z &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 29)
    }
}

/// A map from texts to values with `[String: Value]`'s meaning of a key (two texts are one key
/// when `==` says so: canonical equivalence), found by hashing bytes rather than by SipHash.
///
/// Decoding a night's inventories looks up some two million ids and names (a destination's
/// source, its catalog row by id, slug or name, the ids met before); through `[String: …]` each
/// cost some 500 instructions of hashing and of comparing every key on the probe's way, 4% of
/// `check`. Here a key is hashed eight bytes at a time and compared by its stored hash first.
///
/// Byte keys must still answer as `String.==` does. A text of ASCII bytes is its own canonical
/// form; the only other texts canonically equal to an ASCII one are those whose other code points
/// are the three singletons that decompose to ASCII (U+212A KELVIN SIGN to `K`, U+037E GREEK
/// QUESTION MARK to `;`, U+1FEF GREEK VARIA to `` ` ``), which are stored and looked up by that
/// ASCII form. Every other text (`é`, however it is composed) goes to a `[String: Int]` kept
/// for them, which no ASCII text can equal (`aTextMapAnswersAsADictionaryDoes` checks the two
/// against each other over texts built to collide).
struct TextMap<Value> {
    /// Held in one object, copied on write: a struct of eight arrays was copied (eight
    /// retains) into every closure a look-up made.
    private var storage = Storage()

    init(minimumCapacity: Int = 0) {
        storage.reserve(minimumCapacity)
    }

    var count: Int { storage.values.count }
    var isEmpty: Bool { storage.values.isEmpty }

    /// The keys, in the order they were first inserted, each spelled as it was given.
    var keys: [String] { storage.keyTexts }

    subscript(key: String) -> Value? {
        let s = storage
        var utf8 = key
        let n = utf8.withUTF8 { bytes -> Int? in
            if Text.isASCII(bytes: bytes) { return s.probe(bytes, ByteHash.hash(bytes, seed: ByteHash.processSeed)).found }
            return s.nonASCII(key)
        }
        return n.map { s.values[$0] }
    }

    /// Inserts `value` for `key` unless the key is there already; returns the value it had.
    @discardableResult
    mutating func insertIfAbsent(_ key: String, _ value: Value) -> Value? {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage.insertIfAbsent(key, value)
    }

    private final class Storage {
        var keyTexts: [String] = []
        var values: [Value] = []
        /// The ASCII form of every key that has one, one after another
        /// (`forms[starts[n]..<starts[n + 1]]`); an empty range for a key without one.
        var forms: [UInt8] = []
        var starts: [Int] = [0]
        var hashes: [UInt64] = []
        /// Whether key `n` has an ASCII form, so is in `slots` (its range of `forms` may be
        /// empty: the empty text).
        var hasForm: [Bool] = []
        /// Open addressing with linear probing over the keys with an ASCII form: a key's
        /// number plus one, 0 for an empty slot. Never more than half full.
        var slots = [Int32](repeating: 0, count: 16)
        /// Keys without an ASCII form, by `String` equality.
        var others: [String: Int] = [:]

        func reserve(_ n: Int) {
            var size = slots.count
            while size < 2 * n { size *= 2 }
            if size > slots.count { slots = [Int32](repeating: 0, count: size) }
            keyTexts.reserveCapacity(n)
            values.reserveCapacity(n)
            hashes.reserveCapacity(n)
            hasForm.reserveCapacity(n)
            starts.reserveCapacity(n + 1)
        }

        func copy() -> Storage {
            let c = Storage()
            (c.keyTexts, c.values, c.forms, c.starts) = (keyTexts, values, forms, starts)
            (c.hashes, c.hasForm, c.slots, c.others) = (hashes, hasForm, slots, others)
            return c
        }

        /// A key with non-ASCII bytes: by its ASCII form when it has one, else by `String.==`.
        func nonASCII(_ key: String) -> Int? {
            if let form = TextMap.asciiForm(key) {
                return form.withUnsafeBufferPointer { probe($0, ByteHash.hash($0, seed: ByteHash.processSeed)).found }
            }
            return others.isEmpty ? nil : others[key]
        }

        func insertIfAbsent(_ key: String, _ value: Value) -> Value? {
            var utf8 = key
            let inserted = utf8.withUTF8 { bytes -> (found: Int?, hasForm: Bool) in
                if Text.isASCII(bytes: bytes) { return (place(bytes), true) }
                guard let form = TextMap.asciiForm(key) else { return (others[key], false) }
                return (form.withUnsafeBufferPointer { place($0) }, true)
            }
            if let n = inserted.found { return values[n] }
            if !inserted.hasForm {
                others[key] = values.count
                hashes.append(0)
            }
            hasForm.append(inserted.hasForm)
            starts.append(forms.count)
            keyTexts.append(key)
            values.append(value)
            if 2 * values.count > slots.count { grow() }
            return nil
        }

        /// The number of the key with this ASCII form, or nil after taking a slot for it (the
        /// caller appends the rest of the key).
        private func place(_ form: UnsafeBufferPointer<UInt8>) -> Int? {
            let h = ByteHash.hash(form, seed: ByteHash.processSeed)
            let (n, slot) = probe(form, h)
            if n != nil { return n }
            slots[slot] = Int32(values.count + 1)
            forms.append(contentsOf: form)
            hashes.append(h)
            return nil
        }

        func probe(_ text: UnsafeBufferPointer<UInt8>, _ h: UInt64) -> (found: Int?, slot: Int) {
            let mask = slots.count - 1
            var i = Int(truncatingIfNeeded: h) & mask
            while true {
                let slot = slots[i]
                if slot == 0 { return (nil, i) }
                let n = Int(slot) - 1
                if hashes[n] == h && holds(n, text) { return (n, i) }
                i = (i + 1) & mask
            }
        }

        private func holds(_ n: Int, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
            let lo = starts[n], hi = starts[n + 1]
            guard hi - lo == text.count else { return false }
            if text.isEmpty { return true }
            return forms.withUnsafeBufferPointer { memoryEqual(UnsafeBufferPointer(rebasing: $0[lo..<hi]), text) }
        }

        private func grow() {
            var bigger = [Int32](repeating: 0, count: slots.count * 2)
            let mask = bigger.count - 1
            for n in hashes.indices where hasForm[n] {
                var i = Int(truncatingIfNeeded: hashes[n]) & mask
                while bigger[i] != 0 { i = (i + 1) & mask }
                bigger[i] = Int32(n + 1)
            }
            slots = bigger
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
