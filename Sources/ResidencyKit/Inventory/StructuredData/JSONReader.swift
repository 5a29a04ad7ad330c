/// Reads JSON (RFC 8259, strictly) into a `DataTree` that keeps the byte offset of every value.
///
/// Hand-written because no reader at hand keeps what loaders need: Foundation's give values
/// no positions, keep one of two duplicate keys without a word (on `{"a":1,"a":2}`
/// JSONSerialization keeps the last, JSONDecoder the first; loaders report E0616 instead) and
/// manage about 17 MB/s on Linux, and no package on the project's mirror does better.
/// Inventories are tens of megabytes and every loader error must name file:line:column.
///
/// This reader works directly on the file's bytes, allocates nothing per value except the
/// strings that need unescaping, and nests with an explicit stack so hostile input cannot
/// overflow the thread's stack. It stops at the first error: JSON has no reliable
/// resynchronisation point, and a guessed one produces cascades of nonsense errors.
enum JSONReader {
    /// The deepest nesting of objects and arrays accepted; real exports stay under 10.
    static let maximumDepth = 512

    /// Parses the whole of `file` as one JSON value. A UTF-8 byte order mark is skipped.
    static func parse(_ file: SourceFile) -> Result<DataTree, JSONSyntaxError> {
        parse(file.bytes, range: 0..<file.bytes.count)
    }

    /// Parses the bytes in `range` of `bytes` as one JSON value, its offsets those of `bytes`
    /// (one record of a file, read on its own, keeps its place in the file). `valuesEvery`:
    /// the bytes per value expected, for the room reserved up front.
    static func parse(_ bytes: [UInt8], range: Range<Int>, valuesEvery: Int = 12) -> Result<DataTree, JSONSyntaxError> {
        guard bytes.count < Int(UInt32.max) else {
            return .failure(JSONSyntaxError(offset: 0, length: 0, message: "the file is 4 GiB or larger, which is not supported"))
        }
        // A compact export has a value every ~18 bytes; reserving for one every 12 means the
        // node list almost never grows (a regrowth may copy everything parsed so far), and
        // untouched reserved pages cost no physical memory.
        var builder = DataTreeBuilder(bytes: bytes, estimatedNodes: range.count / valuesEvery + 16)
        let outcome = bytes.withUnsafeBufferPointer { buffer -> JSONSyntaxError? in
            guard let base = buffer.baseAddress, !buffer.isEmpty else {
                return JSONSyntaxError(offset: 0, length: 0, message: "the file is empty")
            }
            var parser = JSONParser(base: base, count: range.upperBound)
            parser.pos = range.lowerBound
            do throws(JSONSyntaxError) {
                try parser.parse(into: &builder)
                return nil
            } catch {
                return error
            }
        }
        if var outcome {
            // A UTF-16 or UTF-32 file fails at its first zero byte, which says nothing useful.
            if range.lowerBound == 0, let encoding = wideEncoding(bytes) {
                outcome = JSONSyntaxError(
                    offset: 0, length: min(2, bytes.count),
                    message: "the file is \(encoding), not UTF-8 (JSON exchanged between systems is UTF-8, RFC 8259 §8.1); "
                        + "convert it, e.g. iconv -f \(encoding) -t UTF-8")
            }
            return .failure(outcome)
        }
        return .success(builder.finish())
    }

    /// The encoding of a file that starts as UTF-16 or UTF-32 text does: with its byte order
    /// mark, or with zero bytes beside the first ASCII character (`{` is `7B 00` in UTF-16LE).
    static func wideEncoding(_ b: [UInt8]) -> String? {
        guard b.count >= 2 else { return nil }
        if b.count >= 4, b[0] == 0xFF, b[1] == 0xFE, b[2] == 0, b[3] == 0 { return "UTF-32LE" }
        if b.count >= 4, b[0] == 0, b[1] == 0, b[2] == 0xFE, b[3] == 0xFF { return "UTF-32BE" }
        if b[0] == 0xFF, b[1] == 0xFE { return "UTF-16LE" }
        if b[0] == 0xFE, b[1] == 0xFF { return "UTF-16BE" }
        if b.count >= 4, b[0] != 0, b[1] == 0, b[2] == 0, b[3] == 0 { return "UTF-32LE" }
        if b.count >= 4, b[0] == 0, b[1] == 0, b[2] == 0, b[3] != 0 { return "UTF-32BE" }
        if b[0] != 0, b[0] < 0x80, b[1] == 0 { return "UTF-16LE" }
        if b[0] == 0, b[1] != 0, b[1] < 0x80 { return "UTF-16BE" }
        return nil
    }

    /// Parses JSON text given as a string; the offsets refer to its UTF-8 bytes.
    static func parse(_ text: String, path: String = "<inline>") -> Result<DataTree, JSONSyntaxError> {
        parse(SourceFile(path: path, text: text))
    }
}

/// Why a file is not valid JSON, at the first offending byte.
struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Byte offset of the offending text in the file.
    var offset: Int
    /// How many bytes the offending text covers (0 at the end of the file).
    var length: Int
    /// What is wrong, without a prefix, e.g. "expected `,` or `]` after an array element, found `}`".
    var message: String

    /// An error covering `length` bytes at `offset`.
    init(offset: Int, length: Int, message: String) {
        self.offset = offset
        self.length = length
        self.message = message
    }

    /// The message with its byte offset, for logs and test failures.
    var description: String { "\(message) (at byte \(offset))" }
}

extension JSONSyntaxError {
    /// The error as the tool's diagnostic (code `E0601`) at the offending bytes of `file`.
    func diagnostic(in file: SourceFile) -> Diagnostic {
        .error(.E0601, "invalid JSON: \(message)", at: file.range(offset, offset + length))
    }
}
