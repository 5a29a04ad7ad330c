import Foundation

/// Writes reports so that a reader never sees half a file and a failed run never replaces
/// the previous report: write a temporary file beside the target, then rename it over.
public enum AtomicFile {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    public static func write(_ bytes: [UInt8], to path: String) throws(Failure) {
        try write(to: path) { emit in emit(bytes) }
    }

    /// Writes what `produce` emits, piece by piece, then renames the file into place.
    public static func write(to path: String, _ produce: (([UInt8]) -> Void) -> Void) throws(Failure) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw Failure(path: path, reason: "cannot create \(directory.path)")
        }
        let temporary = directory.appendingPathComponent(
            ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        guard let handle = fopen(temporary.path, "wb") else {
            throw Failure(path: path, reason: String(cString: strerror(errno)))
        }
        var failed = false
        produce { chunk in
            guard !failed else { return }
            failed = chunk.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, handle) } != chunk.count
        }
        if fclose(handle) != 0 || failed {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw Failure(path: path, reason: reason)
        }
        if rename(temporary.path, path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw Failure(path: path, reason: reason)
        }
    }
}
