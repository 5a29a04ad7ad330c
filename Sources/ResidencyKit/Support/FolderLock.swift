import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive `flock` on `.residency.lock` in a folder, held while a run writes there, so
/// that two runs writing the same reports take turns instead of mixing them. A run that
/// finds the lock held waits, up to a bound, then gives up.
///
/// The holder removes the file before letting go, so that no lock file stays behind; a run
/// that was waiting on the removed file sees that it no longer has the name and tries again.
final class FolderLock {
    static let fileName = ".residency.lock"

    let path: String
    private let descriptor: Int32
    private var undo: Int?

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    /// What stopped a run from taking the lock.
    enum Failure: Error {
        /// Another process held it for all of `wait`; its pid when it wrote one.
        case busy(pid: Int32?)
        case failed(String)
    }

    /// Takes the lock of `folder`, trying every 50 ms for up to `wait`.
    static func acquire(folder: String, wait: Duration) throws(Failure) -> FolderLock {
        let path = folder == "/" ? "/" + fileName : folder + "/" + fileName
        let deadline = ContinuousClock.now + wait
        while true {
            var descriptor = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o666)
            // Someone else's lock file in a shared folder: a read-only descriptor locks as well.
            if descriptor < 0, errno == EACCES { descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC) }
            guard descriptor >= 0 else { throw .failed("cannot open \(path): \(String(cString: strerror(errno)))") }
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
                if stillNamed(descriptor, path) {
                    let lock = FolderLock(path: path, descriptor: descriptor)
                    lock.recordHolder()
                    return lock
                }
            } else if errno != EWOULDBLOCK && errno != EINTR {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw .failed("cannot lock \(path): \(reason)")
            }
            let holder = readHolder(descriptor)
            close(descriptor)
            if ContinuousClock.now >= deadline { throw .busy(pid: holder) }
            usleep(50_000)
        }
    }

    /// Removes the file, then lets go (in that order: see the type's comment).
    func release() {
        if stillNamed(descriptor, path) { unlink(path) }
        if let undo { SignalCleanup.drop(undo) }
        close(descriptor)
    }

    /// Writes this process's pid into the file, for the message of a run that waits, and has
    /// an interrupted run remove the file too.
    private func recordHolder() {
        let text = Array("\(getpid())\n".utf8)
        if ftruncate(descriptor, 0) == 0 { _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) } }
        undo = SignalCleanup.add(.unlink(path))
    }

    private static func stillNamed(_ descriptor: Int32, _ path: String) -> Bool {
        var held = stat(), named = stat()
        return fstat(descriptor, &held) == 0 && lstat(path, &named) == 0 && FileID(held) == FileID(named)
    }

    private func stillNamed(_ descriptor: Int32, _ path: String) -> Bool { Self.stillNamed(descriptor, path) }

    private static func readHolder(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 16)
        let n = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return nil }
        return Int32(String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

/// The names of a run's temporary files, backups and staging folders:
/// `.<name>.residency-<pid>-<16 hex digits>.<tmp|bak|old>`, beside the file they stand for.
/// The random part makes them unpredictable (they are created exclusively anyway); the pid
/// tells a later run whether the one that left them still runs.
enum TemporaryName {
    enum Suffix: String, CaseIterable { case tmp, bak, old }

    static func make(for name: String, in folder: String, _ suffix: Suffix) -> String {
        // Within NAME_MAX (255) whatever the report's own name.
        let base = String(decoding: Array(name.utf8.prefix(180)), as: UTF8.self)
        let random = String(UInt64.random(in: .min ... .max), radix: 16)
        let padded = String(repeating: "0", count: 16 - random.count) + random
        return (folder == "/" ? "" : folder) + "/.\(base).residency-\(getpid())-\(padded).\(suffix.rawValue)"
    }

    /// The pid in `name`, when it is one of these names.
    static func owner(_ name: String) -> Int32? {
        guard name.hasPrefix("."), let dot = name.lastIndex(of: "."),
            Suffix(rawValue: String(name[name.index(after: dot)...])) != nil
        else { return nil }
        let stem = name[..<dot]
        guard let marker = stem.range(of: ".residency-", options: .backwards) else { return nil }
        let parts = stem[marker.upperBound...].split(separator: "-")
        guard parts.count == 2, parts[1].count == 16, parts[1].allSatisfy(\.isHexDigit) else { return nil }
        return Int32(parts[0])
    }

    /// Removes what runs that no longer run left in `folder` (killed with SIGKILL, or by a
    /// power cut): their temporaries, backups and staging folders. Called with the folder's
    /// lock held, so no live run is writing there.
    static func removeStale(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names {
            guard let pid = owner(name), pid != getpid(), pid > 0, kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(atPath: folder + "/" + name)
        }
    }
}
