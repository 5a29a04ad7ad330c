import CSignalCleanup

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One temporary file of a batch of outputs, created exclusively beside its destination
/// (`O_CREAT|O_EXCL|O_NOFOLLOW`: never an existing file, never through a planted link), filled
/// through a buffer, and synced to disk before it may be renamed into place.
struct StagedFile {
    let path: String
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    /// The first error, kept until `finish` reports it.
    private var failure: Int32?

    /// Writes reach the kernel in pieces of this size (the JSON document streams 64 KiB chunks).
    static let bufferSize = 1 << 18

    /// Creates the file with mode 0666 less the umask, or, with `mode`, those permissions and
    /// (when it can, as root) that owner.
    init(path: String, mode: stat? = nil) throws(Errno) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw Errno(errno, "cannot create \(path)") }
        self.path = path
        self.descriptor = descriptor
        if let mode {
            // The owner first: changing it may clear set-id bits, which the mode then restores.
            _ = fchown(descriptor, mode.st_uid, mode.st_gid)
            if fchmod(descriptor, mode.st_mode & 0o7777) != 0 { failure = errno }
        }
        buffer.reserveCapacity(Self.bufferSize)
    }

    mutating func write(_ bytes: [UInt8]) {
        guard failure == nil else { return }
        if buffer.count + bytes.count > Self.bufferSize { flush() }
        if bytes.count >= Self.bufferSize {
            failure = bytes.withUnsafeBytes { Self.writeAll(descriptor, $0) }
        } else {
            buffer += bytes
        }
    }

    /// Flushes, syncs and closes; throws the first error of any of them. `later`: a file of a
    /// folder whose file system is synced once all its files are written
    /// (`OutputBatch.writeFolder`): its write-back is started, not waited for, where the system
    /// can do that (Linux), and it is synced now elsewhere.
    mutating func finish(syncedLater later: Bool = false) throws(Errno) {
        flush()
        if failure == nil, !(later && residency_start_writeback(descriptor) == 0), fsync(descriptor) != 0 {
            failure = errno
        }
        if close(descriptor) != 0, failure == nil { failure = errno }
        if let failure { throw Errno(failure, "cannot write \(path)") }
    }

    /// Closes without syncing, after a failure elsewhere; the caller removes the file.
    func abandon() { close(descriptor) }

    private mutating func flush() {
        guard !buffer.isEmpty, failure == nil else { return }
        failure = buffer.withUnsafeBytes { Self.writeAll(descriptor, $0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes everything, retrying short and interrupted writes; nil or the errno.
    /// Writes every byte at the descriptor's offset; the errno that stopped it, or nil.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let n = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if n > 0 {
                offset += n
            } else if n < 0, errno == EINTR {
                continue
            } else {
                return n < 0 ? errno : ENOSPC
            }
        }
        return nil
    }
}

#if canImport(Glibc)
    private let systemWrite = Glibc.write
#else
    private let systemWrite = Darwin.write
#endif

/// An errno with what was being done, for messages.
struct Errno: Error {
    var code: Int32
    var doing: String

    init(_ code: Int32, _ doing: String) {
        self.code = code
        self.doing = doing
    }

    var reason: String { String(cString: strerror(code)) }
}
