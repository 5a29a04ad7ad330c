/// Line diffs in the unified format of `diff -u` and `git diff`, for `residency fmt --check`.
///
/// The edit script is Myers' O(ND) shortest one (E. Myers, "An O(ND) Difference Algorithm
/// and Its Variations", 1986), after the common first and last lines are set aside: a
/// formatter's changes are few and local, so what is left to compare is small.
enum LineDiff {
    /// One step of an edit script turning the old lines into the new ones.
    enum Edit: Sendable, Hashable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// The shortest edit script from `old` to `new`.
    static func edits(_ old: [String], _ new: [String]) -> [Edit] {
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
            old[old.count - 1 - suffix] == new[new.count - 1 - suffix]
        {
            suffix += 1
        }
        let a = Array(old[prefix..<(old.count - suffix)])
        let b = Array(new[prefix..<(new.count - suffix)])
        return old[..<prefix].map(Edit.same) + myers(a, b) + old[(old.count - suffix)...].map(Edit.same)
    }

    /// Myers' greedy algorithm, keeping each round's furthest points to walk the path back.
    private static func myers(_ a: [String], _ b: [String]) -> [Edit] {
        let n = a.count, m = b.count
        let offset = n + m + 1
        var v = [Int](repeating: 0, count: 2 * offset + 1)
        var trace: [[Int]] = []
        search: for d in 0...(n + m) {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, a[x] == b[y] {
                    x += 1
                    y += 1
                }
                v[offset + k] = x
                if x >= n, y >= m { break search }
            }
        }
        var edits: [Edit] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let v = trace[d]
            let k = x - y
            let previousK = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? k + 1 : k - 1
            let previousX = v[offset + previousK], previousY = previousX - previousK
            while x > previousX, y > previousY {
                edits.append(.same(a[x - 1]))
                x -= 1
                y -= 1
            }
            if d > 0 {
                if x == previousX { edits.append(.added(b[y - 1])) } else { edits.append(.removed(a[x - 1])) }
            }
            x = previousX
            y = previousY
        }
        return edits.reversed()
    }

    /// The unified diff from `old` to `new` with `context` unchanged lines around each
    /// change, under `--- a/path` and `+++ b/path` headers; empty when they are equal.
    static func unified(old: String, new: String, path: String, context: Int = 3) -> String {
        let a = lines(old), b = lines(new)
        let script = edits(a, b)
        // Positions in the old and new files before each step.
        var positions: [(old: Int, new: Int)] = []
        var changes: [Int] = []
        var o = 0, n = 0
        for (i, edit) in script.enumerated() {
            positions.append((o, n))
            switch edit {
            case .same: (o, n) = (o + 1, n + 1)
            case .removed: (o, changes) = (o + 1, changes + [i])
            case .added: (n, changes) = (n + 1, changes + [i])
            }
        }
        guard let firstChange = changes.first else { return "" }
        var out = "--- a/\(path)\n+++ b/\(path)\n"
        var hunkStart = max(0, firstChange - context)
        var lastChange = firstChange
        for change in changes.dropFirst() + [Int.max] {
            if change != Int.max, change - lastChange - 1 <= 2 * context {
                lastChange = change
                continue
            }
            let hunkEnd = min(script.count, lastChange + context + 1)
            out += hunk(script[hunkStart..<hunkEnd], from: positions[hunkStart])
            guard change != Int.max else { break }
            hunkStart = max(0, change - context)
            lastChange = change
        }
        return out
    }

    private static func hunk(_ edits: ArraySlice<Edit>, from start: (old: Int, new: Int)) -> String {
        var body = ""
        var oldCount = 0, newCount = 0
        for edit in edits {
            switch edit {
            case .same(let line):
                body += " " + printed(line)
                oldCount += 1
                newCount += 1
            case .removed(let line):
                body += "-" + printed(line)
                oldCount += 1
            case .added(let line):
                body += "+" + printed(line)
                newCount += 1
            }
        }
        return "@@ -\(range(start.old, oldCount)) +\(range(start.new, newCount)) @@\n" + body
    }

    /// `start,count` as diff writes it: 1-based, `,1` left out, an empty range named by the
    /// line before it.
    private static func range(_ start: Int, _ count: Int) -> String {
        switch count {
        case 0: "\(start),0"
        case 1: "\(start + 1)"
        default: "\(start + 1),\(count)"
        }
    }

    /// Lines with their line break, so that a last line without one differs from the same
    /// line with one, as in diff.
    static func lines(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        for c in text {
            current.append(c)
            if c == "\n" || c == "\r\n" {
                result.append(current)
                current = ""
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    private static func printed(_ line: String) -> String {
        line.last == "\n" || line.last == "\r\n" ? line : line + "\n\\ No newline at end of file\n"
    }
}
