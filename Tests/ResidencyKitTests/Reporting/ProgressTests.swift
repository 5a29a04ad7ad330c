import Foundation
import Testing

@testable import ResidencyKit

/// Progress for long runs: a bar in place on a terminal, plain lines elsewhere, the same
/// output for the same steps, and nothing for short stages.
@Suite struct ProgressTests {
    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var text = ""
        func write(_ s: String) {
            lock.lock()
            text += s
            lock.unlock()
        }
    }

    /// The output for `total` steps, taken from `threads` threads at once.
    static func drive(_ style: ProgressDisplay.Style, minimumTotal: Int = 0, total: Int, threads: Int = 1) -> String {
        let recorder = Recorder()
        let display = ProgressDisplay(style: style, minimumTotal: minimumTotal) { recorder.write($0) }
        let counter = ProgressCounter { display.update($0, $1, $2) }
        counter.begin("workspaces evaluated", total: total)
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            for _ in stride(from: t, to: total, by: threads) { counter.step() }
        }
        display.finish()
        return recorder.text
    }

    @Test func linesAtEveryTenth() {
        let text = Self.drive(.lines, total: 1000)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 11)
        #expect(lines.first == "residency: workspaces evaluated 0/1000 (0%)")
        #expect(lines[1] == "residency: workspaces evaluated 100/1000 (10%)")
        #expect(lines.last == "residency: workspaces evaluated 1000/1000 (100%)")
    }

    @Test func barRedrawsInPlaceAndClearsAtTheEnd() {
        let text = Self.drive(.bar, total: 200)
        #expect(text.components(separatedBy: "\r\u{1B}[K").count - 1 == 102)  // 0…100 %, then cleared
        #expect(text.contains("[###############---------------]  50% workspaces evaluated 100/200"))
        #expect(text.hasSuffix("\r\u{1B}[K"))
        #expect(!text.contains("\n"))
    }

    @Test func shortStagesAreNotShown() {
        #expect(Self.drive(.lines, minimumTotal: 100, total: 20) == "")
        #expect(Self.drive(.lines, minimumTotal: 100, total: 100) != "")
    }

    /// Runs step from many threads at once: the output depends on the steps only, not on which
    /// thread took them or when.
    @Test func sameStepsSameOutput() {
        let one = Self.drive(.bar, total: 333)
        #expect(one.hasSuffix("\r\u{1B}[K") && one.contains("333/333"))
        #expect(Self.drive(.bar, total: 333, threads: 8) == one)
        #expect(Self.drive(.lines, total: 333, threads: 8) == Self.drive(.lines, total: 333))
    }

    @Test func aRunCountsFilesAndWorkspacesFromManyThreads() throws {
        let recorder = Recorder()
        var options = AuditRun.Options()
        options.policies = [repositoryRoot.appendingPathComponent("policies").path]
        options.inventories = [repositoryRoot.appendingPathComponent("examples/inventory").path]
        options.facts = repositoryRoot.appendingPathComponent("examples/facts.yaml").path
        options.progress = ProgressCounter { stage, done, total in recorder.write("\(stage) \(done)/\(total)\n") }
        let outcome = AuditRun.run(options)
        #expect(outcome.document != nil)
        #expect(
            recorder.text
                == "inventory files 0/2\ninventory files 1/2\ninventory files 2/2\n"
                + "workspaces evaluated 0/2\nworkspaces evaluated 1/2\nworkspaces evaluated 2/2\n")
    }
}
