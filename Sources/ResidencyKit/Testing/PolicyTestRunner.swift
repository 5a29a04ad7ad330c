import Foundation

/// `residency test`: loads the policies and their test files, runs every test and compares
/// outcomes with the expectations. The CLI only parses flags into `Options`.
package enum PolicyTestRunner {
    package struct Options: Sendable {
        /// Policy folders or files, and the test files or folders holding them.
        package var paths: [String] = ["policies"]
        /// Catalog files (later override earlier); empty means the bundled one.
        package var catalogs: [String] = []
        /// Runs only tests whose name contains this text.
        package var filter: String?
        /// Collect branch coverage.
        package var coverage = false
        /// Print warnings about the tests' own inventories (otherwise only counted).
        package var showTestWarnings = false
        /// The audit date of tests that set none.
        package var clock: @Sendable () -> Date = { Date() }

        package init() {}
    }

    /// What a run produced. `report` is nil when the input was bad.
    package struct Outcome: Sendable {
        package var report: PolicyTestReport?
        package var diagnostics: [Diagnostic]
        package var files: [SourceFile]
    }

    package static func run(_ options: Options) -> Outcome {
        var diagnostics: [Diagnostic] = []
        var files: [SourceFile] = []
        func fail() -> Outcome { Outcome(report: nil, diagnostics: diagnostics.sortedForOutput(), files: files) }

        // Found first: a run without tests fails for that reason, whatever else is wrong. A
        // folder that cannot be listed fails it here too, before the policies' loader finds
        // the same folder again.
        let tree = InputTree(paths: options.paths)
        let (testFiles, found) = PolicyTestLoader.discover(paths: options.paths, tree: tree)
        diagnostics += found
        guard !testFiles.isEmpty, !found.hasErrors else {
            if testFiles.isEmpty { diagnostics.append(.noTestFiles(options.paths)) }
            return fail()
        }
        // Test files given alone are tested against the policies of their folders.
        var policyPaths = options.paths.filter { !PolicyTestLoader.isTestFile($0) }
        if policyPaths.isEmpty {
            for path in testFiles {
                let dir = (path as NSString).deletingLastPathComponent
                if !policyPaths.contains(dir.isEmpty ? "." : dir) { policyPaths.append(dir.isEmpty ? "." : dir) }
            }
        }
        let checked = Audit.checkPolicies(paths: policyPaths)
        files += checked.sources.files
        diagnostics += checked.diagnostics
        guard let bundle = checked.bundle else { return fail() }

        let catalogPaths = AuditRun.catalogPaths(options.catalogs, policies: policyPaths)
        let catalog = CatalogLoader.load(paths: catalogPaths, bundled: AuditRun.bundledCatalogPath(policies: policyPaths))
        files += catalog.sources
        diagnostics += catalog.diagnostics
        guard !diagnostics.hasErrors else { return fail() }

        var suites: [PolicyTestSuite] = []
        var hiddenWarnings = 0
        let today = Day(utc: options.clock())
        for path in testFiles {
            let loaded = PolicyTestLoader.load(
                path: path, bundle: bundle, catalog: catalog.catalog, catalogPaths: catalogPaths, defaultDate: today,
                tree: tree)
            files += loaded.files
            // Test inventories use unknown names on purpose; their warnings are counted, and
            // shown only when asked for.
            for d in loaded.diagnostics {
                if d.severity == .warning, !options.showTestWarnings { hiddenWarnings += 1 } else { diagnostics.append(d) }
            }
            if let suite = loaded.suite { suites.append(suite) }
        }
        guard !diagnostics.hasErrors else { return fail() }
        let (result, more) = run(suites, bundle: bundle, filter: options.filter, coverage: options.coverage)
        diagnostics += more
        guard var report = result, !diagnostics.hasErrors else { return fail() }
        report.hiddenWarnings = hiddenWarnings
        return Outcome(report: report, diagnostics: diagnostics.sortedForOutput(), files: files)
    }

    /// Runs loaded suites. Nil (with diagnostics) when a test's params do not fit the policies,
    /// or when the filter leaves no test to run.
    package static func run(
        _ suites: [PolicyTestSuite], bundle: CheckedBundle, filter: String? = nil, coverage: Bool = false
    ) -> (PolicyTestReport?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var programs: [[String: String]: PolicyProgram] = [:]
        let collector = coverage ? CoverageCollector(bundle: bundle) : nil
        var results: [PolicyTestResult] = []
        for suite in suites {
            for test in suite.cases where filter.map({ test.name.contains($0) }) ?? true {
                let program: PolicyProgram
                if let p = programs[test.params] {
                    program = p
                } else {
                    let (compiled, d) = PolicyProgram.compile(bundle, overrides: test.params)
                    // Param problems are the test's: point at it when the problem has no place.
                    diagnostics += d.map {
                        var d = $0; if d.range == nil { d.range = test.origin }; return d
                    }
                    guard let compiled else { continue }
                    programs[test.params] = compiled
                    program = compiled
                }
                results.append(run(test, suite: suite.file.path, program: program, collector: collector))
            }
        }
        if results.isEmpty, !diagnostics.hasErrors {
            diagnostics.append(.noMatchingTest(filter ?? ""))
        }
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (PolicyTestReport(results: results, coverage: collector?.report()), diagnostics)
    }

    private static func run(
        _ test: PolicyTestCase, suite: String, program: PolicyProgram, collector: CoverageCollector?
    ) -> PolicyTestResult {
        let contexts = test.workspaces.indices.map {
            EvalContext(
                model: test.workspaces[$0], catalog: test.catalog, facts: test.facts, auditDate: test.date,
                workspaces: test.workspaces, workspaceIndex: $0)
        }
        // Coverage traces every result; an expectation re-runs only its own pair (`check`).
        if let collector {
            for ctx in contexts {
                for r in program.evaluate(ctx) {
                    let t = program.trace(r, in: ctx)
                    collector.record(policy: Int(r.policy), outcome: t.outcome, permit: t.permit, steps: t.steps)
                }
            }
        }
        var failures: [ExpectationFailure] = []
        for x in test.expectations {
            if let problem = check(x, program, contexts) { failures.append(problem) }
        }
        return PolicyTestResult(
            suite: suite, name: test.name, origin: test.origin, failures: failures, checked: test.expectations.count)
    }

    /// Nil when the expectation holds; otherwise what went wrong, with the evaluation's steps.
    private static func check(
        _ x: PolicyExpectation, _ program: PolicyProgram, _ contexts: [EvalContext]
    ) -> ExpectationFailure? {
        func failure(_ problem: String, _ explanation: Explanation? = nil) -> ExpectationFailure {
            ExpectationFailure(expectation: x, problem: problem, explanation: explanation)
        }
        guard let p = program.policies.firstIndex(where: { $0.id == x.policy }) else {
            return failure("no policy \(x.policy)")
        }
        let kind = program.policies[p].kind
        let (matches, ids) = AuditRun.locate(x.resource, kind: kind, workspace: x.workspace, in: contexts.map(\.model))
        guard matches.count == 1, let (w, i) = matches.first else {
            if matches.count > 1 {
                return failure(
                    "\(kind.keyword) `\(x.resource)` is in \(matches.count) workspaces of this test; name one with `workspace`")
            }
            let known = ids.isEmpty ? "it has none" : "its \(kind.keyword)s: \(ids.joined(separator: ", "))"
            let scope = x.workspace.map { " (workspace \($0))" } ?? ""
            return failure(
                "no \(kind.keyword) `\(x.resource)` in this test's inventory\(scope), which \(x.policy) ranges over; \(known)")
        }
        // The traced run decides the outcome itself; only the pair is needed.
        let raw = RawResult(policy: Int32(p), resource: Int32(i), outcome: .pass, permit: -1)
        let explanation = program.explain(raw, in: contexts[w])
        let f = explanation.finding
        if f.outcome != x.outcome {
            let got = f.permit.map { "\(f.outcome.rawValue) by \($0)" } ?? f.outcome.rawValue
            return failure("expected \(x.outcome.rawValue), got \(got)", explanation)
        }
        if let permit = x.permit, f.permit != permit {
            return failure("expected permitted by \(permit), got permitted by \(f.permit ?? "none")", explanation)
        }
        if let text = x.messageContains, !(f.message ?? "").contains(text) {
            let message = f.message.map { "\"\($0)\"" } ?? "no message"
            return failure("expected the message to contain \"\(text)\", got \(message)", explanation)
        }
        return nil
    }
}
