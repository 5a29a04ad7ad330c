#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a file was not read, worded to follow "cannot read <what> <path>: ".
enum FileReadError: Error, Sendable, Hashable, CustomStringConvertible {
    case noSuchFile
    case permissionDenied
    /// Not a regular file; the words name what it is ("a FIFO (named pipe)").
    case notAFile(String)
    /// Larger than the limit for its kind.
    case tooLarge(FileSizeLimit)
    /// A folder whose entries could not be listed, and why in the system's words.
    case folderNotListed(String)
    /// Another failure of the system call, in the system's words.
    case failed(String)

    var description: String {
        switch self {
        case .noSuchFile: "no such file or folder"
        case .permissionDenied: "permission denied"
        case .notAFile(let what): "it is \(what), not a regular file"
        case .tooLarge(let limit): "it is larger than \(limit.text), the most \(limit.what) may be"
        case .folderNotListed(let why): "it is a folder that cannot be listed (\(why))"
        case .failed(let message): message
        }
    }

    /// The error for an `errno`.
    static func system(_ code: Int32) -> FileReadError {
        switch code {
        case ENOENT, ENOTDIR: .noSuchFile
        case EACCES, EPERM: .permissionDenied
        case ELOOP: .failed("too many levels of symbolic links")
        default: .failed(String(cString: strerror(code)))
        }
    }

    /// What a `stat` mode is, when it is not a regular file; nil for a regular file.
    static func kind(of mode: mode_t) -> FileReadError? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: .notAFile("a folder")
        case S_IFIFO: .notAFile("a FIFO (named pipe)")
        case S_IFSOCK: .notAFile("a socket")
        case S_IFCHR: .notAFile("a character device")
        case S_IFBLK: .notAFile("a block device")
        case S_IFLNK: .notAFile("a symbolic link")
        default: .notAFile("a special file")
        }
    }
}

/// The most a file of one kind may hold. Every input is read whole into memory, so a file
/// without a bound (`/dev/zero`, a log that keeps growing, a mistaken path to a disk image)
/// would run the machine out of memory before anything could be said about it; a bound
/// gives a clear error instead.
struct FileSizeLimit: Sendable, Hashable {
    package var bytes: Int
    /// The kind of file, with its article, for messages: "an inventory".
    var what: String

    init(bytes: Int, what: String) {
        self.bytes = bytes
        self.what = what
    }

    /// Inventories: the nightly 1,000-workspace export is 59 MB of JSON, and a `DataTree`
    /// keeps byte offsets as `UInt32`, so 4 GiB is a hard ceiling; 2 GiB stays well clear of
    /// it (and of `Int32` in any C library) while allowing 30 times the largest real export.
    static let inventory = FileSizeLimit(bytes: 2 << 30, what: "an inventory")
    /// Result documents and baselines grow with the inventories (294 MB for the nightly
    /// export) and are read by the same reader: the same bound.
    static let resultDocument = FileSizeLimit(bytes: 2 << 30, what: "a result document")
    /// Policies are written by hand (the standard pack is 17 KB in all, and a policy may
    /// hold at most 20,000 nodes once inlined): 16 MiB is a thousand times what is real.
    static let policy = FileSizeLimit(bytes: 16 << 20, what: "a policy file")
    /// Catalogs: the bundled one is 190 KB; a user's, or the inputs of `catalog generate`
    /// (Segment's catalog data and answers), stay within a few megabytes.
    package static let catalog = FileSizeLimit(bytes: 64 << 20, what: "a catalog file")
    /// Facts, waivers and `--workspaces` files are short lists written by hand.
    static let facts = FileSizeLimit(bytes: 16 << 20, what: "a facts file")
    static let waivers = FileSizeLimit(bytes: 16 << 20, what: "a waivers file")
    static let workspaces = FileSizeLimit(bytes: 16 << 20, what: "a workspaces file")
    /// Test files hold small inline inventories (the largest in the pack is 30 KB); big
    /// ones belong in fixtures, which are inventories.
    static let testFile = FileSizeLimit(bytes: 64 << 20, what: "a test file")
    /// Files of code `residency scan` reads: an app's own source is kilobytes; what is larger
    /// is generated or minified (a bundle), and is counted as passed by, not read.
    static let code = FileSizeLimit(bytes: 4 << 20, what: "a file of code")
    /// `.gitignore`, `.env` and `--env` files: short lists written by hand.
    static let settingsFile = FileSizeLimit(bytes: 1 << 20, what: "a settings file")

    /// The bound in words: "2 GiB", "16 MiB".
    var text: String {
        if bytes >= 1 << 30, bytes % (1 << 30) == 0 { return "\(bytes >> 30) GiB" }
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}

/// The bytes of a regular file (or a symbolic link to one), read straight into an array, or
/// why it was not read.
///
/// Only regular files are read: a FIFO would block until a writer came (forever, in a CI
/// job), and a device has no end (`/dev/zero`) or effects when opened. The kind is checked
/// with `stat` before opening, so a device is never opened, then again with `fstat` on what
/// was opened (opened without blocking, so a FIFO swapped in between cannot hang the run).
/// The size is bounded by `limit`, counting what is read and not only what `stat` says, since
/// files under /proc say 0 and a file may grow while it is read.
///
/// `FileManager.contents(atPath:)` gives `Data`, which then had to be copied into the
/// `[UInt8]` a `SourceFile` holds: for tens of megabytes of inventories, a second buffer
/// to fill, fault in and free.
func readFileBytes(atPath path: String, limit: FileSizeLimit) -> Result<[UInt8], FileReadError> {
    let opened = openRegularFile(atPath: path, limit: limit)
    guard case .success(let (fd, size)) = opened else { return opened.map { _ in [] } }
    defer { close(fd) }

    var failure: FileReadError?
    /// Reads up to `count` bytes to `buffer`, retrying interrupted reads; 0 at the end.
    func readSome(_ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        while true {
            let n = read(fd, buffer, count)
            if n >= 0 { return n }
            if errno != EINTR {
                failure = .system(errno)
                return 0
            }
        }
    }
    // The size the file has now, in one go …
    let expected = size
    var bytes = [UInt8](unsafeUninitializedCapacity: expected) { buffer, count in
        count = 0
        while count < expected {
            let n = readSome(buffer.baseAddress! + count, expected - count)
            if n == 0 { break }
            count += n
        }
    }
    // … then whatever it has beyond that (it grew, or says 0 like the files under /proc),
    // up to one byte past the limit, which is enough to know it is over.
    withUnsafeTemporaryAllocation(byteCount: 4096, alignment: 16) { chunk in
        while failure == nil, bytes.count <= limit.bytes {
            let n = readSome(chunk.baseAddress!, chunk.count)
            if n == 0 { break }
            bytes += UnsafeRawBufferPointer(rebasing: chunk[0..<n])
        }
    }
    if let failure { return .failure(failure) }
    if bytes.count > limit.bytes { return .failure(.tooLarge(limit)) }
    return .success(bytes)
}

/// The size of the file at `path` as `stat` gives it; 0 when it cannot be read (the read that
/// follows says why). FileManager's `attributesOfItem` builds a dictionary of every attribute
/// and casts the size out of `Any`: some 58,000 instructions a file, on the main thread
/// before a run's first batch starts.
func fileSize(atPath path: String) -> Int {
    var info = stat()
    guard stat(path, &info) == 0 else { return 0 }
    return max(0, Int(info.st_size))
}

/// A regular file (or a symbolic link to one) opened for reading, with its size, checked as
/// `readFileBytes` explains; the caller closes the descriptor.
func openRegularFile(atPath path: String, limit: FileSizeLimit) -> Result<(descriptor: Int32, size: Int), FileReadError> {
    var info = stat()
    guard stat(path, &info) == 0 else { return .failure(.system(errno)) }
    if let refused = FileReadError.kind(of: info.st_mode) { return .failure(refused) }
    if Int(info.st_size) > limit.bytes { return .failure(.tooLarge(limit)) }

    let fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
    guard fd >= 0 else { return .failure(.system(errno)) }
    guard fstat(fd, &info) == 0 else {
        let failure = FileReadError.system(errno)
        close(fd)
        return .failure(failure)
    }
    let refused = FileReadError.kind(of: info.st_mode) ?? (Int(info.st_size) > limit.bytes ? .tooLarge(limit) : nil)
    if let refused {
        close(fd)
        return .failure(refused)
    }
    return .success((fd, max(0, Int(info.st_size))))
}
