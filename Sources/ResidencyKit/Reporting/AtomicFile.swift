/// Writes one file as `OutputBatch` writes a run's outputs: the path checked (never a
/// device, a FIFO or a folder), a temporary created exclusively beside it, synced, renamed
/// into place under the folder's lock. For commands with a single output (`test --junit`,
/// `catalog generate --output`).
package enum AtomicFile {
    package struct Failure: Error, Sendable, CustomStringConvertible {
        package var path: String
        var reason: String
        package var description: String { "cannot write \(path): \(reason)" }
    }

    package static func write(_ bytes: [UInt8], to path: String) throws(Failure) {
        try write(to: path) { emit in emit(bytes) }
    }

    /// Writes what `produce` emits, piece by piece, then renames the file into place.
    package static func write(to path: String, _ produce: (([UInt8]) -> Void) -> Void) throws(Failure) {
        do {
            let batch = try OutputBatch([OutputTarget("", path)])
            defer { batch.discard() }
            try batch.write(path, produce)
            try batch.commit()
        } catch {
            let prefix = "cannot write \(path): "
            let reason = error.message.hasPrefix(prefix) ? String(error.message.dropFirst(prefix.count)) : error.message
            throw Failure(path: path, reason: reason)
        }
    }
}
