/// A policy test run as JUnit XML (`residency test --junit FILE`), so the CI dashboard that
/// shows the audit also shows whether the policies' own tests pass: one `<testsuite>` per
/// test file, one `<testcase>` per test, a `<failure>` per test whose expectations did not
/// hold, with each problem and the evidence in its body.
package enum PolicyTestJUnit {
    package static func render(_ report: PolicyTestReport) throws -> String {
        var suites: [(file: String, results: [PolicyTestResult])] = []
        for r in report.results {
            if suites.last?.file == r.suite { suites[suites.count - 1].results.append(r) } else { suites.append((r.suite, [r])) }
        }
        let w = try XMLWriter()
        try w.startElement("testsuites")
        try w.attribute("name", "residency test")
        try w.attribute("tests", String(report.results.count))
        try w.attribute("failures", String(report.failed))
        try w.attribute("errors", "0")
        try w.attribute("time", "0.000")
        for suite in suites {
            try w.startElement("testsuite")
            try w.attribute("name", suite.file)
            try w.attribute("tests", String(suite.results.count))
            try w.attribute("failures", String(suite.results.filter { !$0.passed }.count))
            try w.attribute("errors", "0")
            try w.attribute("skipped", "0")
            try w.attribute("time", "0.000")
            for r in suite.results {
                try w.startElement("testcase")
                try w.attribute("classname", suite.file)
                try w.attribute("name", r.name)
                try w.attribute("time", "0.000")
                if !r.passed {
                    let problems = r.failures.map { "\($0.expectation.policy) on \($0.expectation.resource): \($0.problem)" }
                    try w.element(
                        "failure",
                        attributes: [
                            ("type", "expectation"),
                            ("message", problems.count == 1 ? problems[0] : "\(problems.count) expectations did not hold"),
                        ],
                        text: r.failures.map(body).joined(separator: "\n\n"))
                }
                try w.endElement()
            }
            try w.endElement()
        }
        try w.endElement()
        return try w.finish()
    }

    /// One failed expectation: where it is written, what went wrong, and the evidence.
    private static func body(_ f: ExpectationFailure) -> String {
        let x = f.expectation
        var lines = ["\(x.origin.file):\(x.origin.start.line): \(x.policy) on \(x.resource): \(f.problem)"]
        if let m = f.explanation?.finding.message { lines.append("message: \(m)") }
        if let reason = f.explanation?.finding.reason { lines.append("reason: \(reason)") }
        for e in f.explanation?.finding.evidence ?? [] {
            lines.append("  \(e.expression) = \(e.value)" + (e.from.map { " ← \($0)" } ?? ""))
        }
        return lines.joined(separator: "\n")
    }
}
