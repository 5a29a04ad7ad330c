import Foundation
import Testing

@testable import ResidencyKit

/// A run in batches (AuditRun+Batches.swift) against the run in one piece, over the examples
/// and the hostile corpus, with every inventory file its own batch: the same exit status, the
/// same diagnostics rendered the same, the same JSON document byte for byte, and the same
/// terminal summary, with waivers and against baselines too. Where the run in batches must give
/// way (a policy that reads `workspaces`, an error in an input, a workspace repeated across
/// batches), it is checked that it did.
@Suite struct AuditRunBatchTests {
    static let examples = repositoryRoot.appendingPathComponent("examples").path
    static let hostile = fixturesFolder.appendingPathComponent("hostile").path

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var inventories: [String]
        var facts: String? = AuditRunBatchTests.examples + "/facts.yaml"
        var waivers: String? = nil
        var allowIncomplete = false
        var failOn: AuditRun.FailOn = .error
        /// The audit's time: 2026-11-28T02:00:00Z, within the example waiver's year.
        var now: TimeInterval = 1_795_831_200
        /// A notice code the document must have (so that the case tests what it names).
        var notice: String? = nil
        /// Whether the run goes in batches (false: it must give way to the run in one piece).
        var batched = true
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "examples", inventories: [examples + "/inventory"]),
        Case(name: "examples without facts", inventories: [examples + "/inventory"], facts: nil),
        Case(name: "examples, --fail-on warning", inventories: [examples + "/inventory"], failOn: .warning),
        Case(name: "examples, --fail-on never", inventories: [examples + "/inventory"], failOn: .never),
        Case(name: "a Terraform plan", inventories: [examples + "/terraform/plan.json"]),
        Case(
            name: "plan, exports and an incomplete export",
            inventories: [examples + "/terraform/plan.json", examples + "/inventory", hostile + "/incomplete-pagination"]),
        Case(
            name: "an incomplete export allowed", inventories: [examples + "/inventory", hostile + "/incomplete-pagination"],
            allowIncomplete: true, notice: "incomplete-allowed"),
        Case(
            name: "a workspace twice, in two batches",
            inventories: [examples + "/inventory", examples + "/inventory/acme-eu.json"], batched: false),
        Case(name: "waivers", inventories: [examples + "/inventory"], waivers: examples + "/waivers.yaml", notice: "no-waived"),
        Case(
            name: "waivers, one of them stale",
            inventories: [examples + "/inventory/acme-us.yaml", hostile + "/incomplete-pagination"],
            waivers: examples + "/waivers.yaml", notice: "stale-waiver"),
        Case(
            name: "an expired waiver", inventories: [examples + "/inventory"], waivers: examples + "/waivers.yaml",
            now: 1_800_000_000, notice: "expired-waiver"),
        Case(name: "a missing inventory", inventories: [examples + "/inventory", "/nonexistent/inventory"], batched: false),
    ]

    /// Every hostile input, each with the examples around it so that batches come before and after.
    static var hostileCases: [Case] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: hostile)) ?? []).filter { !$0.contains(".") }.sorted()
        return names.map { name in
            let dir = hostile + "/" + name
            let files = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            return Case(
                name: "hostile/" + name,
                inventories: [examples + "/inventory"]
                    + files.filter { $0.hasPrefix("inventory") }.sorted().map { dir + "/" + $0 },
                facts: files.contains("facts.yaml") ? dir + "/facts.yaml" : examples + "/facts.yaml",
                waivers: files.contains("waivers.yaml") ? dir + "/waivers.yaml" : nil, batched: false)
        }
    }

    /// Against a baseline: last night's document from other inventories (so that findings are
    /// new, unchanged and resolved, and a workspace is missing), and one whose workspace was in
    /// another region (RES-010); with and without `--fail-on-new`.
    @Test(arguments: [false, true])
    func againstABaseline(failOnNew: Bool) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("batch-baseline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var last = Self.options(
            Case(name: "", inventories: [Self.examples + "/inventory", Self.hostile + "/incomplete-pagination"]))
        last.allowIncomplete = true
        let lastNight = try #require(AuditRun.run(last).document)
        let baseline = dir.appendingPathComponent("last.json")
        try Data(lastNight.json()).write(to: baseline)
        let moved = dir.appendingPathComponent("moved.json")
        let text = String(decoding: lastNight.json(), as: UTF8.self)
        let region = try #require(text.range(of: "\"region\": \"eu-west\""))
        try text.replacingCharacters(in: region, with: "\"region\": \"us-west\"").write(
            to: moved, atomically: true, encoding: .utf8)
        for path in [baseline.path, moved.path] {
            let tonight = [Self.examples + "/inventory/acme-eu.json", Self.examples + "/terraform/plan.json"]
            var options = Self.options(Case(name: "", inventories: tonight))
            options.baseline = path
            options.failOnNew = failOnNew
            options.waivers = Self.examples + "/waivers.yaml"
            try Self.compare(options, batched: true, "baseline \(path), --fail-on-new \(failOnNew)")
            let document = try #require(AuditRun.run(options).document)
            #expect(document.results.contains { $0.policy == AuditRun.regionChangePolicy } == (path == moved.path))
            #expect(document.notices.contains { $0.code == "baseline-workspace-missing" })
        }
    }

    static func options(_ c: Case) -> AuditRun.Options {
        var options = AuditRun.Options()
        options.policies = [Pack.folder]
        options.inventories = c.inventories
        options.facts = c.facts
        options.waivers = c.waivers
        options.allowIncomplete = c.allowIncomplete
        options.failOn = c.failOn
        let clock = Date(timeIntervalSince1970: c.now)
        options.clock = { clock }
        return options
    }

    @Test(arguments: cases)
    func batchesWriteTheSameDocument(_ c: Case) throws {
        try Self.compare(Self.options(c), batched: c.batched, c.name)
        if let notice = c.notice {
            let document = try #require(AuditRun.run(Self.options(c)).document)
            if notice == "no-waived" {
                #expect(document.summary.outcomes[.waived] > 0)
            } else {
                #expect(document.notices.contains { $0.code == notice }, "\(document.notices.map(\.code))")
            }
        }
    }

    /// The hostile corpus: those that are errors give way; the others must come out the same.
    @Test(arguments: hostileCases)
    func hostileInputsComeOutTheSame(_ c: Case) throws {
        try Self.compare(Self.options(c), batched: nil, c.name)
    }

    @Test func aPolicyThatReadsWorkspacesKeepsTheRunInOnePiece() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("batch-workspaces-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // Policies across workspaces (`CrossWorkspaceTests`).
        try CrossWorkspaceTests.policies.write(to: dir.appendingPathComponent("t.policy"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("catalog"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: Pack.folder + "/" + AuditRun.bundledCatalog, toPath: dir.appendingPathComponent(AuditRun.bundledCatalog).path)
        var options = Self.options(Case(name: "", inventories: [Self.examples + "/inventory"]))
        options.policies = [dir.path]
        #expect(try #require(Audit.checkPolicies(paths: options.policies).bundle).readsWorkspaces)
        try Self.compare(options, batched: false, "reads workspaces")
    }

    /// Runs `options` in one piece and in batches of one file, and compares everything a user
    /// sees. `batched`: whether the batches must have been used (nil: either).
    static func compare(_ options: AuditRun.Options, batched: Bool?, _ name: String) throws {
        var whole = options
        whole.inBatches = false
        var inBatches = options
        inBatches.inBatches = true
        inBatches.batchBytes = 1
        let a = AuditRun.run(whole)
        let b = AuditRun.run(inBatches)
        if let batched { #expect((b.records != nil) == batched, "\(name): in batches \(b.records != nil)") }
        #expect(a.status == b.status, "\(name)")
        #expect(
            DiagnosticRenderer(files: a.files).render(a.diagnostics, format: .human)
                == DiagnosticRenderer(files: b.files).render(b.diagnostics, format: .human), "\(name)")
        #expect(a.readPaths.sorted() == b.readPaths.sorted(), "\(name)")
        guard let documentA = a.document else {
            #expect(b.document == nil, "\(name)")
            return
        }
        let documentB = try #require(b.document, "\(name)")
        var bytesB: [UInt8] = []
        if let records = b.records {
            #expect(documentB.writeJSON(records: records) { bytesB += $0 })
        } else {
            bytesB = documentB.json()
        }
        let bytesA = documentA.json()
        #expect(bytesA == bytesB, "\(name): \(firstDifference(bytesA, bytesB))")
        let terminal = TerminalSummary(colour: false, explainInputs: ["--inventory", "x"])
        #expect(terminal.render(documentA) == terminal.render(documentB), "\(name)")
        // With reports other than the JSON: the whole document, read back after the last batch.
        var readBack = inBatches
        readBack.wholeDocument = true
        let c = AuditRun.run(readBack)
        #expect((c.records != nil) == (b.records != nil), "\(name)")
        let documentC = try #require(c.document, "\(name)")
        #expect(documentC == documentA, "\(name)")
        // With SARIF, Markdown or HTML alone: the results those list, the same reports byte for byte.
        var listed = readBack
        listed.keepsPasses = false
        let d = AuditRun.run(listed)
        let documentD = try #require(d.document, "\(name)")
        #expect(documentD.passesKept == (d.records == nil), "\(name)")
        #expect(
            documentD.results
                == documentA.results.filter { d.records == nil || ($0.outcome != .pass && $0.outcome != .notApplicable) },
            "\(name)")
        #expect(documentD.summary == documentA.summary, "\(name)")
        let sarif = SARIFReport(root: repositoryRoot.path)
        #expect(sarif.render(documentD) == sarif.render(documentA), "\(name)")
        #expect(MarkdownReport().render(documentD) == MarkdownReport().render(documentA), "\(name)")
        // The HTML report counts them (`ResultDocument.notKept`).
        let html = HTMLReport(documentDigest: nil)
        #expect(
            html.render(documentD, provenance: documentD.run.ranBy) == html.render(documentA, provenance: documentA.run.ranBy),
            "\(name)")
        // With a JUnit file too: passes let go only once the run is past the file's cap, each
        // policy's first pass kept (a lone pass is listed). The file is the same bytes.
        for cap in [1, 4, JUnitReport.defaultMaximumCases] {
            var withJUnit = listed
            withJUnit.junitCases = cap
            let e = AuditRun.run(withJUnit)
            let documentE = try #require(e.document, "\(name)")
            let junit = JUnitReport(maximumCases: cap)
            #expect(junit.listsOnlyKeptPasses(documentE), "\(name) \(cap)")
            #expect(try junit.renderBytes(documentE) == junit.renderBytes(documentA), "\(name) \(cap)")
            #expect(
                html.render(documentE, provenance: documentE.run.ranBy)
                    == html.render(documentA, provenance: documentA.run.ranBy), "\(name) \(cap)")
            // Under the default cap a small run lets no pass go.
            if cap == JUnitReport.defaultMaximumCases, e.records != nil {
                #expect(documentE.results == documentA.results.filter { $0.outcome != .notApplicable }, "\(name)")
            }
        }
        if name.hasPrefix("baseline"), let delta = documentA.baseline {
            // The comparison took place: something new, unchanged or resolved.
            #expect(delta.new + delta.unchanged + delta.resolved.count > 0, "\(name)")
        }
    }

    static func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> String {
        let i = a.indices.first { $0 >= b.count || a[$0] != b[$0] } ?? a.count
        func around(_ x: [UInt8]) -> String { String(decoding: x[max(0, i - 80)..<min(x.count, i + 80)], as: UTF8.self) }
        return "at byte \(i) of \(a.count)/\(b.count):\n\(around(a))\n---\n\(around(b))"
    }
}

/// How the inventory files are cut into batches: by their sizes on disk (`stat`), at most
/// `bytes` a batch unless one file alone is larger, and at most `files` files; an unreadable
/// path counts as empty (its read reports it).
@Suite struct AuditRunBatchCutTests {
    /// (sizes of the files, byte budget, file budget) → the files of each batch.
    static let cuts: [([Int], Int, Int, [[Int]])] = [
        ([10, 10, 10], 25, 10, [[0, 1], [2]]),
        ([10, 10, 10], 30, 10, [[0, 1, 2]]),
        ([40, 5, 5], 25, 10, [[0], [1, 2]]),
        ([1, 1, 1, 1, 1], 100, 2, [[0, 1], [2, 3], [4]]),
        ([], 10, 10, []),
        ([-1, 10], 10, 10, [[0, 1]]),
    ]

    @Test(arguments: cuts)
    func filesAreCutBySizeAndCount(sizes: [Int], bytes: Int, files: Int, expected: [[Int]]) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("residency-cut-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = sizes.enumerated().map { i, size in
            let path = folder.appendingPathComponent("\(i).json").path
            // A negative size: no file at all.
            if size >= 0 { #expect(FileManager.default.createFile(atPath: path, contents: Data(repeating: 0x20, count: size))) }
            return path
        }
        let cut = AuditRun.batches(paths, bytes: bytes, files: files).map { $0.map { paths.firstIndex(of: $0)! } }
        #expect(cut == expected)
    }
}
