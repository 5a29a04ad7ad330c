import Dispatch
import Foundation

/// Produces numbered pieces of bytes on all cores while the calling thread consumes them in
/// order, so writing piece k overlaps with encoding the pieces after it. Writing a large
/// report is a long copy into the kernel; done between parallel batches it left the other
/// core idle for a third of the JSON stage.
///
/// Helper threads claim pieces in order; the caller delivers them in order and, when the
/// piece it needs is not claimed yet, produces it itself, so the pipeline finishes even if
/// no helper ever gets a thread (a caller on a busy pool). At most `window` pieces are
/// claimed ahead of delivery, which bounds memory, and each delivered buffer is handed back
/// for a later piece to reuse: a report of hundreds of megabytes then touches a few
/// megabytes of fresh pages instead of hundreds.
final class OrderedPipeline: @unchecked Sendable {
    private let condition = NSCondition()
    private let count: Int
    private let window: Int
    /// All guarded by `condition`: the next piece to claim, finished pieces not yet
    /// delivered, buffers already delivered (for reuse), and how many were delivered.
    private var nextClaim = 0
    private var ready: [Int: [UInt8]] = [:]
    private var spare: [[UInt8]] = []
    private var delivered = 0

    private init(count: Int, window: Int) {
        self.count = count
        self.window = window
    }

    /// Runs `produce(i, &buffer)` for every `i` in `0..<count` in parallel (the buffer arrives
    /// empty), and `deliver` on each finished buffer in order on the calling thread. Returns
    /// when every piece has been delivered.
    static func run(
        count: Int, window: Int, produce: @escaping @Sendable (Int, inout [UInt8]) -> Void, deliver: ([UInt8]) -> Void
    ) {
        guard count > 0 else { return }
        let pipeline = OrderedPipeline(count: count, window: max(1, window))
        for _ in 0..<ProcessInfo.processInfo.activeProcessorCount {
            DispatchQueue.global().async {
                while let (i, buffer) = pipeline.claim() {
                    var buffer = buffer
                    produce(i, &buffer)
                    pipeline.finish(i, buffer)
                }
            }
        }
        for i in 0..<count {
            while true {
                switch pipeline.next(i) {
                case .ready(let piece):
                    deliver(piece)
                    // Handed over, not copied: the next producer reuses this storage in place.
                    pipeline.recycle(consume piece)
                case .produce(let buffer):
                    var buffer = buffer
                    produce(i, &buffer)
                    pipeline.finish(i, buffer)
                    continue
                }
                break
            }
        }
    }

    /// The next unclaimed piece and an empty buffer for it, waiting while it is beyond the
    /// window; nil once every piece is claimed.
    private func claim() -> (Int, [UInt8])? {
        condition.lock()
        defer { condition.unlock() }
        while nextClaim < count && nextClaim >= delivered + window { condition.wait() }
        guard nextClaim < count else { return nil }
        nextClaim += 1
        return (nextClaim - 1, emptyBuffer())
    }

    private enum Next {
        case ready([UInt8])
        /// Nobody has claimed the piece: the caller makes it, in this buffer.
        case produce([UInt8])
    }

    /// Piece `i` once it is finished, or the claim on it when no helper has taken it yet.
    private func next(_ i: Int) -> Next {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let piece = ready.removeValue(forKey: i) { return .ready(piece) }
            if nextClaim == i {
                nextClaim += 1
                return .produce(emptyBuffer())
            }
            condition.wait()
        }
    }

    /// A reused buffer, emptied, or a new one (called with the lock held).
    private func emptyBuffer() -> [UInt8] {
        var buffer = spare.popLast() ?? []
        buffer.removeAll(keepingCapacity: true)
        return buffer
    }

    private func finish(_ i: Int, _ buffer: [UInt8]) {
        condition.lock()
        ready[i] = buffer
        condition.broadcast()
        condition.unlock()
    }

    private func recycle(_ buffer: [UInt8]) {
        condition.lock()
        delivered += 1
        spare.append(buffer)
        condition.broadcast()
        condition.unlock()
    }
}

extension OrderedPipeline {
    /// The pages of a report folder (`--junit-dir`, `--html-dir`): each rendered in parallel
    /// by `render`, which may fail, and handed to `write` in order with its index. The first
    /// error `write` throws stops the writing and is rethrown once the pipeline has finished.
    /// A page is rendered in pieces (`HTMLWriter.finish`), gathered into the pipeline's buffer.
    static func pages<E: Error>(
        count: Int, render: @escaping @Sendable (Int) -> Result<[[UInt8]], any Error>,
        write: (Int, Result<[UInt8], any Error>) throws(E) -> Void
    ) throws(E) {
        // A page that could not be rendered: its reason, kept beside the (empty) bytes.
        let failures = ParallelSlots<(any Error)?>(count: count)
        var next = 0
        var failure: E?
        run(
            count: count, window: 4 * ProcessInfo.processInfo.activeProcessorCount,
            produce: { i, out in
                switch render(i) {
                case .success(let pieces):
                    for piece in pieces { out.append(contentsOf: piece) }
                    failures.store(i, nil)
                case .failure(let error): failures.store(i, error)
                }
            },
            deliver: { bytes in
                defer { next += 1 }
                guard failure == nil else { return }
                // Stored before the page was finished, so known by the time it is delivered.
                let page: Result<[UInt8], any Error> =
                    if case let error?? = failures.value(next) { .failure(error) } else { .success(bytes) }
                do throws(E) {
                    try write(next, page)
                } catch {
                    failure = error
                }
            })
        if let failure { throw failure }
    }
}
