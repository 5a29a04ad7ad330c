import Dispatch
import Testing

@testable import ResidencyKit

@Suite struct OrderedPipelineTests {
    /// Pieces arrive in order whatever the window, and a caller that itself runs on a busy
    /// pool still finishes (it produces the pieces no helper has claimed).
    @Test func deliversInOrderFromBusyCallers() {
        let finished = ParallelSlots<[Int]>(count: 8)
        DispatchQueue.concurrentPerform(iterations: 8) { run in
            var order: [Int] = []
            OrderedPipeline.run(
                count: 200, window: 1 + run % 3,
                produce: { i, out in out.append(contentsOf: withUnsafeBytes(of: Int32(i)) { Array($0) }) },
                deliver: { piece in order.append(Int(piece.withUnsafeBytes { $0.load(as: Int32.self) })) })
            finished.store(run, order)
        }
        for order in finished.take() { #expect(order == Array(0..<200)) }
    }
}
