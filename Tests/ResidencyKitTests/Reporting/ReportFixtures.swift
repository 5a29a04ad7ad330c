import Foundation
import Testing

@testable import ResidencyKit

/// Result documents of real runs of the bundled example for the SARIF and Markdown tests,
/// with the repository's absolute paths made relative again, so what the reports show (and
/// the digests computed over paths) is the same on every machine.
enum ReportFixtures {
    static let root = repositoryRoot.path

    /// The example, optionally with the example waivers and a baseline in which one finding
    /// (Looker, RES-007) had another fingerprint: it is new now, and the old one resolved.
    static func example(
        failOn: AuditRun.FailOn = .error, waivers: Bool = false, baseline: Bool = false
    ) throws
        -> ResultDocument
    {
        var options = AuditRun.Options()
        options.policies = ["\(root)/policies"]
        options.inventories = ["\(root)/examples/inventory"]
        options.facts = "\(root)/examples/facts.yaml"
        options.failOn = failOn
        options.clock = { JUnitReportTests.instant }
        if waivers { options.waivers = "\(root)/examples/waivers.yaml" }
        // The baseline file goes when the fixture returns (the document keeps its path relativised,
        // so removing by that path missed it and left one file in the temporary folder per call).
        var written: URL?
        defer { if let written { try? FileManager.default.removeItem(at: written) } }
        if baseline {
            var previous = try relativised(run(options))
            for i in previous.results.indices where previous.results[i].fingerprint == "81b4d151a377b21" {
                previous.results[i].fingerprint = "000000000000000"
            }
            let text = String(decoding: previous.json(), as: UTF8.self)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-\(UUID().uuidString).json")
            try text.write(to: file, atomically: true, encoding: .utf8)
            options.baseline = file.path
            written = file
        }
        var doc = try relativised(run(options))
        if var b = doc.baseline {
            b.path = "reports/last-night.json"
            b.sha256 = String(repeating: "ab", count: 32)
            doc.baseline = b
        }
        return doc
    }

    /// The example with one result that cannot be decided: Mixpanel's `apiRegion` set to a
    /// boolean, which names no region (Mixpanel's RES-001 and its permit are then undecided).
    /// Since issue 10 the bundled example itself has no undecided result.
    static func undecidedExample(failOn: AuditRun.FailOn = .error) throws -> ResultDocument {
        let eu = try String(contentsOf: repositoryRoot.appendingPathComponent("examples/inventory/acme-eu.json"), encoding: .utf8)
        let edited = eu.replacingOccurrences(of: #""apiRegion": "US 🇺🇸""#, with: #""apiRegion": true"#)
        #expect(edited != eu)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("undecided-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try edited.write(to: dir.appendingPathComponent("acme-eu.json"), atomically: true, encoding: .utf8)
        var options = AuditRun.Options()
        options.policies = ["\(root)/policies"]
        options.inventories = [dir.appendingPathComponent("acme-eu.json").path]
        options.facts = "\(root)/examples/facts.yaml"
        options.failOn = failOn
        options.clock = { JUnitReportTests.instant }
        return try run(options)
    }

    /// The Mixpanel destination of the example.
    static let mixpanel = "62a1f3e4b5c6d7e8f9a0b1c2"

    static func run(_ options: AuditRun.Options) throws -> ResultDocument {
        let outcome = AuditRun.run(options)
        return try #require(outcome.document, "\(outcome.diagnostics.map(\.message))")
    }

    /// The document with every path under the repository written relative to it.
    static func relativised(_ doc: ResultDocument) -> ResultDocument {
        func rel(_ p: String) -> String { p.hasPrefix(root + "/") ? String(p.dropFirst(root.count + 1)) : p }
        func rel(_ i: ResultDocument.Input) -> ResultDocument.Input {
            var i = i
            i.path = rel(i.path)
            return i
        }
        var doc = doc
        doc.inputs.policies = doc.inputs.policies.map(rel)
        doc.inputs.catalog = doc.inputs.catalog.map(rel)
        doc.inputs.facts = doc.inputs.facts.map(rel)
        doc.inputs.inventories = doc.inputs.inventories.map(rel)
        for i in doc.policies.indices { doc.policies[i].file = rel(doc.policies[i].file) }
        for i in doc.workspaces.indices { doc.workspaces[i].source = doc.workspaces[i].source.map(rel) }
        return doc
    }

    /// The example with `copies` more failing results, each on its own resource.
    static func large(copies: Int) throws -> ResultDocument {
        var doc = try example()
        let failing = doc.results.filter { $0.outcome == .fail || $0.outcome == .indeterminate }
        for n in 0..<copies {
            var f = failing[n % failing.count]
            f.resourceId += "-\(n)"
            f.fingerprint = Finding.fingerprint(
                policy: f.policy, workspaceID: f.workspace, kind: f.resourceKind, resourceID: f.resourceId)
            doc.results.append(f)
        }
        return doc
    }
}
