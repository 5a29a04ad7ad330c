/// A Markdown summary for `$GITHUB_STEP_SUMMARY` and pull-request comments, rendered from
/// the result document (documented in docs/reports.md).
///
/// Verdict first, with the gate's rule; the counts by outcome and severity; what changed
/// since the baseline; one row per workspace; the failing and undecided results, most urgent
/// first; the permitted transfers with their legal basis and the waived findings, grouped;
/// the run's notices; and the inputs' digests, abridged.
///
/// It stays within `limit` characters (PR comments take 65,536; a step summary 1 MiB):
/// tables lose whole rows from the end, least urgent first, and say how many rows were left
/// out and where the full report is.
public struct MarkdownReport: Sendable {
    /// Just under GitHub's 65,536 characters for a PR comment.
    public static let defaultLimit = 65_000
    /// Below this the verdict, counts and notes alone may not fit.
    public static let minimumLimit = 4_000

    /// The most characters (Unicode scalars) the summary may have.
    public var limit: Int
    /// Where the full results are (a path or a link), named when rows are left out.
    public var fullReport: String?

    public init(limit: Int = MarkdownReport.defaultLimit, fullReport: String? = nil) {
        self.limit = max(limit, MarkdownReport.minimumLimit)
        self.fullReport = fullReport
    }

    /// The summary; the same document gives the same text.
    public func render(_ doc: ResultDocument) -> String {
        let facts = Facts(doc)
        var blocks: [Block] = [.text(headline(doc, facts)), .text(countsTable(doc))]
        if let b = doc.baseline { blocks.append(.text(baselineText(b))) }
        blocks.append(.table(workspaceTable(doc, facts)))
        blocks.append(.table(findingsTable(doc, facts)))
        blocks.append(.table(permittedTable(doc)))
        blocks.append(.table(waivedTable(doc)))
        if let b = doc.baseline, !b.resolved.isEmpty { blocks.append(.table(resolvedTable(b))) }
        blocks.append(.table(noticeList(doc)))
        blocks.append(.text(inputsNote(doc)))
        return fit(blocks)
    }

    /// A part of the summary: fixed text, or a table (or list) that can lose rows.
    enum Block {
        case text(String)
        case table(Table)
    }

    /// A table or list: its heading and header, its rows in order of importance, and what to
    /// say when rows are left out.
    struct Table {
        var heading: String
        var header: String
        /// How many rows there are, and row `k`, made only when `fit` asks for it: a night's
        /// 76,000 failing results have room for some 200 rows, and making the first 6,500 (all
        /// that could ever fit) took a third of the summary's time.
        var rowCount: Int
        var row: (Int) -> String
        /// Which tables keep their rows first when space runs out (lower first).
        var priority: Int
        /// Said when the table has no rows at all (nil: the table is left out).
        var empty: String? = nil

        init(heading: String, header: String, rows: [String], priority: Int, empty: String? = nil) {
            self.init(heading: heading, header: header, count: rows.count, priority: priority, empty: empty) { rows[$0] }
        }

        init(
            heading: String, header: String, count: Int, priority: Int, empty: String? = nil, row: @escaping (Int) -> String
        ) {
            (self.heading, self.header, self.rowCount, self.row) = (heading, header, count, row)
            (self.priority, self.empty) = (priority, empty)
        }
    }

    /// Keeps the text blocks and as many rows as fit, most important tables first.
    func fit(_ blocks: [Block]) -> String {
        let separator = "\n\n"
        var fixed = 0
        for block in blocks {
            switch block {
            case .text(let t): fixed += MarkdownText.length(t) + separator.count
            case .table(let t):
                fixed += MarkdownText.length(t.heading) + MarkdownText.length(t.header) + 2 * separator.count
                fixed += max(MarkdownText.length(omission(Int.max)), MarkdownText.length(t.empty ?? "")) + 1
            }
        }
        var budget = limit - fixed
        var kept: [Int: [String]] = [:]
        let tables = blocks.indices.compactMap { i -> (Int, Table)? in
            if case .table(let t) = blocks[i] { return (i, t) }
            return nil
        }
        for (i, t) in tables.sorted(by: { ($0.1.priority, $0.0) < ($1.1.priority, $1.0) }) {
            var rows: [String] = []
            for k in 0..<t.rowCount {
                let row = t.row(k)
                let cost = MarkdownText.length(row) + 1
                guard cost <= budget else { break }
                budget -= cost
                rows.append(row)
            }
            kept[i] = rows
            // Later tables get no rows once one is cut, so what is shown is a prefix by priority.
            if rows.count < t.rowCount { budget = 0 }
        }
        var parts: [String] = []
        for (i, block) in blocks.enumerated() {
            switch block {
            case .text(let t): parts.append(t)
            case .table(let t):
                if t.rowCount == 0 {
                    if let empty = t.empty { parts.append(t.heading + separator + empty) }
                    continue
                }
                let rows = kept[i] ?? []
                var text = t.heading
                if !rows.isEmpty {
                    text += separator + (t.header.isEmpty ? "" : t.header + "\n") + rows.joined(separator: "\n")
                }
                if rows.count < t.rowCount { text += separator + omission(t.rowCount - rows.count) }
                parts.append(text)
            }
        }
        return parts.joined(separator: separator) + "\n"
    }

    /// The line that stands for rows left out.
    func omission(_ n: Int) -> String {
        let count = n == Int.max ? "999,999,999 rows" : HTMLMarkup.count(n, "row")
        let whereFull =
            fullReport.map { "the full report is \(MarkdownText.code($0))" } ?? "the JSON result document has them all"
        return "_\(count) left out to stay within \(MarkdownText.thousands(limit)) characters; \(whereFull)._"
    }

    /// Counts read once from the results: per workspace, and what trips the gate.
    struct Facts {
        var perWorkspace: [String: [Outcome: Int]] = [:]
        var gatingFails = 0
        var gatingUndecided = 0
        var belowThreshold = 0
        /// At the gate's severity, but already in the baseline (`--fail-on-new`).
        var inBaseline = 0
        /// Failing and undecided results, most urgent first.
        var findings: [Int] = []

        init(_ doc: ResultDocument) {
            for i in doc.results.indices {
                let outcome = doc.results[i].outcome
                guard outcome != .pass && outcome != .notApplicable else { continue }
                perWorkspace[doc.results[i].workspace, default: [:]][outcome, default: 0] += 1
                guard outcome == .fail || outcome == .indeterminate else { continue }
                findings.append(i)
                switch doc.standing(doc.results[i]) {
                case .trips?: if outcome == .fail { gatingFails += 1 } else { gatingUndecided += 1 }
                case .inBaseline?: inBaseline += 1
                case .belowThreshold?, nil: belowThreshold += 1
                }
            }
            findings = findings.map(doc.urgency).sorted { $0 < $1 }.map(\.4)
        }
    }
}
