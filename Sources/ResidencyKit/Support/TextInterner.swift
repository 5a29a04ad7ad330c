/// One `String` for each text of an inventory file that repeats: the keys of every
/// destination's `settings`, their values, the catalog names in each `metadata`.
///
/// A `String` of more than 15 UTF-8 bytes is an allocation of its own, made (and validated
/// as UTF-8) each time the tree's bytes are read as one, and freed with the model. A night's
/// exports repeat the same few hundred setting keys and integration names in every
/// workspace, so the second and later reads of a text take the first one's `String` (a
/// retain) instead. Texts are found by their bytes (`ByteTable`), never by `String.==`, which
/// equates the NFC and NFD spellings of a text: a key keeps the spelling its file gives it.
///
/// Kept per file and used on the one thread that decodes it. Texts of 15 bytes or fewer are
/// stored inside the `String` itself and are made anew, which costs less than a look-up.
/// Past `limit` different texts it stops keeping new ones, so a file of unique long values
/// (names, descriptions) costs a bounded table rather than one that grows with the file.
final class TextInterner {
    private let table = ByteTable()
    private var texts: [String] = []
    let limit: Int

    init(limit: Int = 4096) { self.limit = limit }

    /// How many different texts are kept.
    var count: Int { texts.count }

    /// The text with these UTF-8 bytes (already validated), the one kept for them if any.
    func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.count > 15 else { return String(decoding: bytes, as: UTF8.self) }
        guard texts.count < limit else { return table.find(bytes).map { texts[$0] } ?? String(decoding: bytes, as: UTF8.self) }
        // Hashed once: found, or numbered as the next text.
        let (n, inserted) = table.insert(bytes)
        if inserted { texts.append(String(decoding: bytes, as: UTF8.self)) }
        return texts[n]
    }
}
