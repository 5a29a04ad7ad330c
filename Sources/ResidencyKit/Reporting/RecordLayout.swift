#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A result document laid out in records as `check` writes it (`ResultDocument+JSON.swift`):
/// a line `  "workspaces": [`, then one line per workspace record (`    {…},`), then `  ]` or
/// `  ],`. JSON strings hold no raw line feed, so every line feed is layout. What the layout
/// gives: where each record is, and the document without its records (each record's line a
/// `    0`), which keeps every line and column of the head and the tail; what is found in the
/// tail is moved back by `shift` (`ResultDocument.restoring`).
///
/// Found in one pass over the bytes, a block at a time: from a file without holding it
/// (`scan`, for a baseline: 10,000 workspaces' document is 294 MB that a run need not hold to
/// read the failing results it needs) or from bytes already read (`of`, for `report`). The
/// rules are these alone; any other layout (re-indented by `jq`, say) is read whole.
struct RecordLayout: Sendable {
    /// The document with each record's line replaced by `    0` (and its comma).
    var text: [UInt8]
    /// Where the tail starts in `text`, and how far it is from there in the file.
    var tailStart: Int
    var shift: Int
    /// Each record's bytes in the file.
    var records: [Range<Int>]

    /// The size of each read.
    static let blockSize = 1 << 20
    /// The most a head or tail may be before the file is taken as laid out otherwise (and read
    /// whole, as before): a night's head and tail are some kilobytes.
    static let headLimit = 64 << 20

    private static let marker = Array("\n  \"workspaces\": [\n".utf8)
    private static let recordStart = Array("    {".utf8)

    /// The layout of bytes in memory; nil when they are not laid out in records.
    static func of(_ bytes: [UInt8]) -> RecordLayout? {
        var scanner = Scanner()
        guard scanner.feed(bytes[...], at: 0) else { return nil }
        return scanner.layout
    }

    /// The layout of the file open at `descriptor`, read from its start, and the file's SHA-256
    /// in lower-case hex; nil when it is not laid out in records (or cannot be read: the caller
    /// reads it whole, which says why). `blockSize`: the size of each read (smaller in tests,
    /// so that lines span reads).
    static func scan(_ descriptor: Int32, blockSize: Int = RecordLayout.blockSize) -> (layout: RecordLayout, sha256: String)? {
        var scanner = Scanner()
        var digest = SHA256()
        var block = [UInt8](repeating: 0, count: blockSize)
        var offset = 0
        while true {
            let n = block.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, blockSize, off_t(offset)) }
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else { return nil }
            if n == 0 { break }
            let read = block[0..<n]
            digest.update(read)
            guard scanner.feed(read, at: offset) else { return nil }
            offset += n
        }
        return scanner.layout.map { ($0, digest.finalizeHex()) }
    }

    /// The state of one pass: the text kept so far, the records found, and the line being read.
    private struct Scanner {
        enum Phase { case head, records, tail }
        var phase = Phase.head
        var text: [UInt8] = []
        var records: [Range<Int>] = []
        /// Where in `text` the last record's `0` ends.
        var tailStart: Int?
        /// The line being read in the records: where it starts, its first bytes (up to five) and
        /// its last two, and its length so far.
        var lineStart = 0
        var first: [UInt8] = []
        var lastTwo: (UInt8, UInt8) = (0, 0)
        var length = 0

        /// Takes the next bytes of the file, which start at `offset`; false once the file is
        /// known not to be laid out in records.
        mutating func feed(_ bytes: ArraySlice<UInt8>, at offset: Int) -> Bool {
            var i = bytes.startIndex
            if case .head = phase {
                // The marker may start in what was kept of earlier blocks: searched across the
                // boundary first, then in these bytes; only the head is kept.
                let m = RecordLayout.marker.count
                let kept = min(text.count, m - 1)
                let window = Array(text.suffix(kept)) + bytes.prefix(m - 1)
                var end: Int?
                if let found = window[...].firstRange(ofBytes: RecordLayout.marker), found.lowerBound < kept {
                    end = bytes.startIndex + found.upperBound - kept
                } else if let found = bytes.firstRange(ofBytes: RecordLayout.marker) {
                    end = found.upperBound
                }
                guard let end else {
                    text += bytes
                    return text.count <= RecordLayout.headLimit
                }
                text += bytes[..<end]
                i = end
                phase = .records
                lineStart = offset + (i - bytes.startIndex)
            }
            if case .records = phase {
                while i < bytes.endIndex {
                    let newline = Self.lineFeed(in: bytes[i...])
                    let end = newline ?? bytes.endIndex
                    take(bytes[i..<end])
                    guard let newline else { return true }
                    guard lineEnded(at: offset + (newline - bytes.startIndex)) else { return false }
                    i = newline + 1
                    if case .tail = phase { break }
                }
            }
            if case .tail = phase {
                text += bytes[i...]
                return text.count <= RecordLayout.headLimit * 2
            }
            return true
        }

        /// The index of the first line feed, found by `memchr` (a night's records are 29 MB of
        /// long lines, 290 MB at ten times the workspaces).
        private static func lineFeed(in bytes: ArraySlice<UInt8>) -> Int? {
            bytes.withUnsafeBufferPointer { b in
                guard let base = b.baseAddress, let hit = memchr(base, 0x0A, b.count) else { return nil }
                return bytes.startIndex + base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            }
        }

        /// What was found, once the list's end was read.
        var layout: RecordLayout? {
            guard case .tail = phase, let tailStart, let last = records.last else { return nil }
            return RecordLayout(text: text, tailStart: tailStart, shift: last.upperBound - tailStart, records: records)
        }

        /// Part of the current line.
        private mutating func take(_ part: ArraySlice<UInt8>) {
            if first.count < 5 { first += part.prefix(5 - first.count) }
            for b in part.suffix(2) { lastTwo = (lastTwo.1, b) }
            length += part.count
        }

        /// The line that ends at the file offset `end` (its line feed): a record, or the
        /// list's end. False for anything else.
        private mutating func lineEnded(at end: Int) -> Bool {
            defer {
                lineStart = end + 1
                first = []
                lastTwo = (0, 0)
                length = 0
            }
            if length >= 6, first == RecordLayout.recordStart {
                let comma = lastTwo.1 == UInt8(ascii: ",")
                guard (comma ? lastTwo.0 : lastTwo.1) == UInt8(ascii: "}") else { return false }
                records.append((lineStart + 4)..<(comma ? end - 1 : end))
                text += "    0".utf8
                tailStart = text.count
                text += comma ? ",\n".utf8 : "\n".utf8
                return true
            }
            // `  ]` or `  ],`, after at least one record: the tail starts at this line.
            guard !records.isEmpty, length == 3 || length == 4, first.starts(with: "  ]".utf8),
                length == 3 || first.last == UInt8(ascii: ",")
            else { return false }
            text += first
            text.append(0x0A)
            phase = .tail
            return true
        }
    }
}
