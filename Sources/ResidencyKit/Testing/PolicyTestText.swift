import Foundation

/// Renders a test run for a terminal, and as JSON for tools.
package enum PolicyTestText {
    /// Every test with ok/FAIL (failures with what was expected, what happened and the
    /// evaluation's evidence), a summary line, and coverage when collected.
    package static func render(_ report: PolicyTestReport, verbose: Bool = false, threshold: Double? = nil) -> String {
        var out = ""
        var suite = ""
        for r in report.results {
            if r.passed && !verbose { continue }
            if r.suite != suite {
                suite = r.suite
                out += "\(t(suite))\n"
            }
            if r.passed {
                out += "  ok    \(t(r.name))\n"
                continue
            }
            out += "  FAIL  \(t(r.name)) (\(t(r.suite)):\(r.origin.start.line):\(r.origin.start.column))\n"
            for f in r.failures { out += failure(f) }
        }
        let tests = report.results.count
        out +=
            "\(tests) test\(tests == 1 ? "" : "s"): \(report.passed) passed, \(report.failed) failed "
            + "(\(report.expectations) expectation\(report.expectations == 1 ? "" : "s"))\n"
        if report.hiddenWarnings > 0 {
            out +=
                "\(report.hiddenWarnings) warning\(report.hiddenWarnings == 1 ? "" : "s") about the tests' inventories (shown with --verbose)\n"
        }
        if let coverage = report.coverage { out += render(coverage, threshold: threshold) }
        return out
    }

    private static func failure(_ f: ExpectationFailure) -> String {
        let x = f.expectation
        var out = "        \(t(x.policy)) on \(t(x.resource)) (line \(x.origin.start.line)): \(t(f.problem))\n"
        guard let e = f.explanation else { return out }
        let indent = "          "
        if let m = e.finding.message { out += "\(indent)message: \(t(m))\n" }
        if let reason = e.finding.reason { out += "\(indent)reason:  \(t(reason))\n" }
        for line in ExplainText.steps(e).split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
            out += indent + line + "\n"
        }
        return out
    }

    /// Names and values from the tests and their inventories, as a terminal shows them.
    private static func t(_ s: String) -> String { Neutralise.terminal(s, limit: ExplainText.valueLimit) }

    /// Coverage: the total, then each rule with the branches no test took.
    package static func render(_ c: PolicyCoverage, threshold: Double? = nil) -> String {
        let exercised = c.rules.filter(\.exercised).count
        var out =
            "coverage: \(percent(c.percent)) of \(c.total) branches (\(c.covered) covered); "
            + "\(exercised) of \(c.rules.count) policies and permits exercised"
        if let threshold {
            out +=
                c.percent + 1e-9 >= threshold
                ? " (threshold \(percent(threshold)) met)" : " (below the threshold of \(percent(threshold)))"
        }
        out += "\n"
        let width = c.rules.map(\.id.count).max() ?? 0
        for rule in c.rules {
            let id = rule.id.padding(toLength: width, withPad: " ", startingAt: 0)
            out += "  \(id)  \(percent(rule.percent).leftPadded(6))  (\(rule.covered)/\(rule.total))  \(rule.file):\(rule.line)"
            out += rule.kind == "permit" ? "  permit\n" : "\n"
            for b in rule.branches where !b.covered {
                if let expression = b.expression, let clause = b.clause {
                    out += "      never \(b.label): \(clause) `\(expression)` (line \(b.line ?? rule.line))\n"
                } else {
                    out += "      never \(b.label)\n"
                }
            }
        }
        return out
    }

    static func percent(_ p: Double) -> String { String(format: "%.1f%%", p) }

    // MARK: JSON

    private struct Document: Encodable {
        var tests: [Test]
        var summary: Summary
        var coverage: Coverage?
    }
    private struct Summary: Encodable {
        var tests: Int
        var passed: Int
        var failed: Int
        var expectations: Int
    }
    private struct Test: Encodable {
        var file: String
        var line: Int
        var name: String
        var passed: Bool
        var failures: [Failure]
    }
    private struct Failure: Encodable {
        var policy: String
        var resource: String
        var line: Int
        var expected: String
        var actual: String?
        var problem: String
        var evidence: [Evidence]
    }
    private struct Coverage: Encodable {
        var percent: Double
        var covered: Int
        var total: Int
        var rules: [Rule]
    }
    private struct Rule: Encodable {
        var id: String
        var kind: String
        var file: String
        var line: Int
        var covered: Int
        var total: Int
        var uncovered: [PolicyCoverage.Branch]
    }

    /// The run as a JSON document (keys sorted, so output is stable).
    package static func json(_ report: PolicyTestReport) -> String {
        let doc = Document(
            tests: report.results.map { r in
                Test(
                    file: r.suite, line: r.origin.start.line, name: r.name, passed: r.passed,
                    failures: r.failures.map { f in
                        Failure(
                            policy: f.expectation.policy, resource: f.expectation.resource,
                            line: f.expectation.origin.start.line, expected: f.expectation.outcome.rawValue,
                            actual: f.explanation?.finding.outcome.rawValue, problem: f.problem,
                            evidence: f.explanation?.finding.evidence ?? [])
                    })
            },
            summary: Summary(
                tests: report.results.count, passed: report.passed, failed: report.failed,
                expectations: report.expectations),
            coverage: report.coverage.map { c in
                Coverage(
                    percent: (c.percent * 10).rounded() / 10, covered: c.covered, total: c.total,
                    rules: c.rules.map {
                        Rule(
                            id: $0.id, kind: $0.kind, file: $0.file, line: $0.line, covered: $0.covered, total: $0.total,
                            uncovered: $0.branches.filter { !$0.covered })
                    })
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(doc)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
