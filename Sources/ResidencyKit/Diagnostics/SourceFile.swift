import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A text file the tool has read (a policy file, an inventory), kept so that diagnostics
/// can quote the offending line and so that positions can be computed from byte offsets.
public struct SourceFile: Sendable, Hashable {
    /// The path as the user gave it (or a synthetic name such as `<inline>`).
    public let path: String
    /// The file's text as UTF-8 bytes; offsets everywhere in the tool are into this array.
    public let bytes: [UInt8]
    /// Byte offset at which each line starts; `lineStarts[0] == 0`.
    public let lineStarts: [Int]
    /// Scalar counts at fixed byte steps, built on first need: evidence points at many
    /// places on the one line of a one-line export, and counting each column from the line's
    /// start made that quadratic.
    private let columns = ColumnIndex()

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        // Line breaks found with memchr, which scans many bytes at a time: inventories run to
        // tens of megabytes, often on one line, and a byte loop took a tenth of loading them.
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var from = 0
            while from < buffer.count, let hit = memchr(base + from, 10, buffer.count - from) {
                let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                starts.append(i + 1)
                from = i + 1
            }
        }
        self.lineStarts = starts
    }

    /// Two files are equal when they have the same path and bytes (the column index is a cache).
    public static func == (a: SourceFile, b: SourceFile) -> Bool { a.path == b.path && a.bytes == b.bytes }
    public func hash(into h: inout Hasher) {
        h.combine(path)
        h.combine(bytes)
    }

    /// The text of the file.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// 1-based line and column (in characters, not bytes) of a byte offset.
    public func location(of offset: Int) -> SourceLocation {
        let offset = max(0, min(offset, bytes.count))
        let lo = line(of: offset) - 1
        // Columns count Unicode scalars (as rustc counts chars): every byte that does not
        // continue a UTF-8 sequence starts one. No string is built.
        let lineStart = lineStarts[lo]
        if offset - lineStart > ColumnIndex.step {
            let column = 1 + columns.scalars(before: offset, in: bytes) - columns.scalars(before: lineStart, in: bytes)
            return SourceLocation(line: lo + 1, column: column, offset: offset)
        }
        var column = 1
        bytes.withUnsafeBufferPointer { b in
            for i in lineStart..<offset where b[i] & 0xC0 != 0x80 { column += 1 }
        }
        return SourceLocation(line: lo + 1, column: column, offset: offset)
    }

    /// The 1-based line of a byte offset, without the column: reports that point at many
    /// resources of a one-line export would otherwise scan the line once per resource.
    public func line(of offset: Int) -> Int {
        let offset = max(0, min(offset, bytes.count))
        // Binary search for the last line start <= offset.
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }

    /// A range of this file from byte offsets.
    public func range(_ start: Int, _ end: Int) -> SourceRange {
        SourceRange(file: path, start: location(of: start), end: location(of: max(start, end)))
    }

    /// The text of a 1-based line, without its line terminator.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] : bytes.count
        while end > start, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") {
            end -= 1
        }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}

/// A position in a source file: 1-based line and column (Unicode scalars), and the byte offset.
public struct SourceLocation: Sendable, Hashable, Codable, Comparable {
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool { a.offset < b.offset }
}

/// A half-open range in one file, the unit diagnostics point at.
public struct SourceRange: Sendable, Hashable, Codable {
    public var file: String
    public var start: SourceLocation
    public var end: SourceLocation

    public init(file: String, start: SourceLocation, end: SourceLocation) {
        self.file = file
        self.start = start
        self.end = end
    }
}

/// How many Unicode scalars start before each multiple of `step` bytes of a file, so that a
/// column far into a long line is counted from the nearest step, not from the line's start.
/// A class, built once under a lock, so the `SourceFile` that holds it stays a value.
final class ColumnIndex: @unchecked Sendable {
    static let step = 256
    private let lock = NSLock()
    private var counts: [Int]?

    /// Scalars starting in `bytes[0..<offset]`.
    func scalars(before offset: Int, in bytes: [UInt8]) -> Int {
        let counts = index(bytes)
        let k = offset / Self.step
        return counts[k] + bytes.withUnsafeBufferPointer { Self.scalarStarts($0, k * Self.step, offset) }
    }

    /// How many of `b[lo..<hi]` start a scalar (are not continuation bytes, `10xxxxxx`), eight
    /// bytes at a time: a byte-at-a-time count of a night's 59 MB of inventories was 1% of
    /// `check`.
    static func scalarStarts(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Int {
        guard let base = b.baseAddress, lo < hi else { return 0 }
        let raw = UnsafeRawPointer(base)
        var n = 0
        var i = lo
        while i + 8 <= hi {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            // A byte's top bit set and the next one clear: bit 6 moved up to bit 7 by the shift
            // (what crosses into the next byte is masked off).
            let continuation = w & ~(w << 1) & 0x8080_8080_8080_8080
            n += 8 - continuation.nonzeroBitCount
            i += 8
        }
        while i < hi {
            if b[i] & 0xC0 != 0x80 { n += 1 }
            i += 1
        }
        return n
    }

    private func index(_ bytes: [UInt8]) -> [Int] {
        lock.lock()
        defer { lock.unlock() }
        if let counts { return counts }
        var out = [0]
        out.reserveCapacity(bytes.count / Self.step + 2)
        var n = 0
        bytes.withUnsafeBufferPointer { b in
            var i = 0
            while i < b.count {
                let end = min(i + Self.step, b.count)
                n += Self.scalarStarts(b, i, end)
                out.append(n)
                i = end
            }
        }
        counts = out
        return out
    }
}
