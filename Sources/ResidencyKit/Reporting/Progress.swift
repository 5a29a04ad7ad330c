import Foundation
import Synchronization

/// Counts work done in one stage of a long run (inventory files read, workspaces evaluated)
/// from many threads at once, and passes each step to a display, one at a time.
public final class ProgressCounter: Sendable {
    /// Receives `(stage, done, total)` after each step, never from two threads at once.
    public typealias Handler = @Sendable (_ stage: String, _ done: Int, _ total: Int) -> Void

    private struct Count {
        var stage = ""
        var done = 0
        var total = 0
    }

    private let handler: Handler
    /// The handler runs inside the lock, which is what serialises its calls.
    private let count = Mutex(Count())

    public init(_ handler: @escaping Handler) { self.handler = handler }

    /// Starts a stage of `total` steps.
    public func begin(_ stage: String, total: Int) {
        count.withLock { c in
            c = Count(stage: stage, done: 0, total: total)
            handler(stage, 0, total)
        }
    }

    /// One step of the current stage is done.
    public func step() {
        count.withLock { c in
            c.done += 1
            handler(c.stage, c.done, c.total)
        }
    }
}

/// Shows progress on a terminal as a bar redrawn in place, or elsewhere (a CI log) as plain
/// lines at every tenth of a stage. Redraws happen when the shown figure changes, not on a
/// timer, so the same steps always give the same output. Safe to call from any thread on its
/// own: a mutex serialises updates.
package final class ProgressDisplay: Sendable {
    package enum Style: Sendable { case bar, lines }

    private let style: Style
    /// Stages with fewer steps are not shown: a short run needs no progress report.
    private let minimumTotal: Int
    private let write: @Sendable (String) -> Void
    private struct Shown {
        var stage: String?
        var mark = 0
        var drawn = false
    }
    private let shown = Mutex(Shown())
    private static let width = 30

    package init(style: Style, minimumTotal: Int = 0, write: @escaping @Sendable (String) -> Void) {
        self.style = style
        self.minimumTotal = minimumTotal
        self.write = write
    }

    /// Shows that `done` of `total` steps of `stage` are done.
    package func update(_ stage: String, _ done: Int, _ total: Int) {
        guard total > 0, total >= minimumTotal else { return }
        let percent = min(100, done * 100 / total)
        shown.withLock { shown in
            switch style {
            case .bar:
                guard shown.stage != stage || shown.mark != percent else { return }
                (shown.stage, shown.mark) = (stage, percent)
                let filled = percent * Self.width / 100
                let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: Self.width - filled)
                // Carriage return and erase-line: the bar replaces itself.
                write("\r\u{1B}[K[\(bar)] \(String(percent).leftPadded(3))% \(stage) \(done)/\(total)")
                shown.drawn = true
            case .lines:
                let tenth = percent / 10
                guard shown.stage != stage || shown.mark != tenth else { return }
                (shown.stage, shown.mark) = (stage, tenth)
                write("residency: \(stage) \(done)/\(total) (\(tenth * 10)%)\n")
            }
        }
    }

    /// Clears the bar so the summary starts on a clean line.
    package func finish() {
        shown.withLock { shown in
            if style == .bar, shown.drawn { write("\r\u{1B}[K") }
            shown.drawn = false
        }
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
