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

    /// The text of the file.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// 1-based line and column (in characters, not bytes) of a byte offset.
    public func location(of offset: Int) -> SourceLocation {
        let offset = max(0, min(offset, bytes.count))
        let lo = line(of: offset) - 1
        // Columns count Unicode scalars (as rustc counts chars): every byte that does not
        // continue a UTF-8 sequence starts one. No string is built.
        let lineStart = lineStarts[lo]
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
