import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The workspace records of a run in batches (AuditRun+Batches.swift), kept on disk until the
/// document around them is known: its head names every inventory's digest and its tail the
/// counts, so neither can be written before the last batch. The file is removed from its folder
/// as soon as it is opened, so it disappears with the process however the process ends, and it
/// is read back once, in pieces, into the JSON report's own temporary file.
package final class BatchRecords: @unchecked Sendable {
    // Used from one thread at a time: appended to as each batch ends, read once at the end.
    private let descriptor: Int32
    private(set) var size = 0
    /// The first error writing or reading, which makes the document unwritable.
    private(set) var failure: Int32?

    /// A new, already unlinked file in the temporary folder (named as the project names its
    /// temporaries, `TemporaryName`); nil when none can be made.
    init?(folder: String = NSTemporaryDirectory()) {
        let path = TemporaryName.make(for: "records", in: folder.hasSuffix("/") ? String(folder.dropLast()) : folder, .tmp)
        descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return nil }
        unlink(path)
    }

    deinit { close(descriptor) }

    var failed: Bool { failure != nil }

    /// Appends bytes at the end (the descriptor's offset: reads use `pread`, which leaves it).
    func append(_ bytes: [UInt8]) {
        guard failure == nil else { return }
        failure = bytes.withUnsafeBytes { StagedFile.writeAll(descriptor, $0) }
        size += bytes.count
    }

    /// Hands every byte written, in order, to `emit` in pieces of at most a mebibyte. False
    /// (with `failure` set) when the file cannot be read back whole.
    func read(_ emit: ([UInt8]) -> Void) -> Bool {
        guard failure == nil else { return false }
        var offset = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while offset < size {
            let wanted = min(chunk.count, size - offset)
            let n = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, wanted, off_t(offset)) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else {
                failure = n < 0 ? errno : EIO
                return false
            }
            emit(Array(chunk[0..<n]))
            offset += n
        }
        return true
    }

    /// Why the records could not be written or read, in words.
    var reason: String {
        failure.map { "the workspace records of a run in batches could not be kept: \(String(cString: strerror($0)))" } ?? ""
    }
}
