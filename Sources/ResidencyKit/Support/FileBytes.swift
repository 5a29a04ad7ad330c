#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The bytes of a file, read straight into an array; nil when it cannot be opened or read
/// (no such file, no permission, a folder).
///
/// `FileManager.contents(atPath:)` gives `Data`, which then had to be copied into the
/// `[UInt8]` a `SourceFile` holds: for tens of megabytes of inventories, a second buffer
/// to fill, fault in and free.
func readFileBytes(atPath path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { return nil }
    var failed = false
    /// Reads up to `count` bytes to `buffer`, retrying interrupted reads; 0 at the end.
    func readSome(_ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        while true {
            let n = read(fd, buffer, count)
            if n >= 0 { return n }
            if errno != EINTR {
                failed = true
                return 0
            }
        }
    }
    // The size the file has now, in one go …
    let expected = max(0, Int(info.st_size))
    var bytes = [UInt8](unsafeUninitializedCapacity: expected) { buffer, count in
        count = 0
        while count < expected {
            let n = readSome(buffer.baseAddress! + count, expected - count)
            if n == 0 { break }
            count += n
        }
    }
    // … then whatever it has beyond that (it grew, or has no size, like a pipe).
    withUnsafeTemporaryAllocation(byteCount: 4096, alignment: 16) { chunk in
        while !failed {
            let n = readSome(chunk.baseAddress!, chunk.count)
            if n == 0 { break }
            bytes += UnsafeRawBufferPointer(rebasing: chunk[0..<n])
        }
    }
    return failed ? nil : bytes
}
