import Dispatch
import Foundation

/// Produces numbered pieces of bytes on all cores while the calling thread consumes them in
/// order, so writing piece k overlaps with encoding the pieces after it. Writing a large
/// report is a long copy into the kernel; done between parallel batches it left the other
/// core idle for a third of the JSON stage.
///
/// At most `window` pieces are encoded ahead of the consumer, which bounds memory, and each
/// consumed buffer is handed back for the next piece to reuse: a report of hundreds of
/// megabytes then touches a few megabytes of fresh pages instead of hundreds.
final class OrderedPipeline: @unchecked Sendable {
    private let condition = NSCondition()
    private let window: Int
    /// Finished pieces not yet consumed, by number (guarded by `condition`).
    private var ready: [Int: [UInt8]] = [:]
    /// Buffers already consumed, kept for reuse (guarded by `condition`).
    private var spare: [[UInt8]] = []
    /// How many pieces the consumer has taken (guarded by `condition`).
    private var consumed = 0

    private init(window: Int) { self.window = window }

    /// Runs `produce(i, &buffer)` for every `i` in `0..<count` in parallel (the buffer arrives
    /// empty), and `deliver` on each finished buffer in order on the calling thread. Returns
    /// when every piece has been delivered.
    static func run(
        count: Int, window: Int, produce: @escaping @Sendable (Int, inout [UInt8]) -> Void, deliver: ([UInt8]) -> Void
    ) {
        guard count > 0 else { return }
        let pipeline = OrderedPipeline(window: max(1, window))
        DispatchQueue.global().async {
            DispatchQueue.concurrentPerform(iterations: count) { i in
                var buffer = pipeline.buffer(for: i)
                produce(i, &buffer)
                pipeline.finish(i, buffer)
            }
        }
        for i in 0..<count {
            let piece = pipeline.take(i)
            deliver(piece)
            // Handed over, not copied: the next producer reuses this storage in place.
            pipeline.recycle(consume piece)
        }
    }

    /// Waits until piece `i` is within the window, then returns an empty buffer for it. The
    /// lowest unfinished piece never waits, so the pipeline cannot deadlock.
    private func buffer(for i: Int) -> [UInt8] {
        condition.lock()
        defer { condition.unlock() }
        while i >= consumed + window { condition.wait() }
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

    private func take(_ i: Int) -> [UInt8] {
        condition.lock()
        defer { condition.unlock() }
        while ready[i] == nil { condition.wait() }
        return ready.removeValue(forKey: i)!
    }

    private func recycle(_ buffer: [UInt8]) {
        condition.lock()
        consumed += 1
        spare.append(buffer)
        condition.broadcast()
        condition.unlock()
    }
}
