import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Files that are not regular files, made in a temporary folder for the fail-closed tests:
/// FIFOs, sockets, symbolic links. (The tests run as root here, who can read any folder: an
/// unreadable folder is made with an injected lister instead.)
enum SpecialFiles {
    /// A fresh temporary folder; remove it with `FileManager.removeItem`.
    static func folder() throws -> String {
        let path = NSTemporaryDirectory() + "residency-special-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func fifo(_ path: String) throws {
        try makeParent(path)
        guard mkfifo(path, 0o600) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    }

    /// A Unix-domain socket bound at `path` (the file stays after the socket is closed).
    static func socket(_ path: String) throws {
        try makeParent(path)
        #if canImport(Glibc)
            let fd = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = Darwin.socket(AF_UNIX, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw POSIXError(.EIO) }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in bytes.prefix(raw.count - 1).enumerated() { raw[i] = b }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    }

    static func link(_ path: String, to target: String) throws {
        try makeParent(path)
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
    }

    static func write(_ text: String, to path: String) throws {
        try makeParent(path)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    private static func makeParent(_ path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    }
}
