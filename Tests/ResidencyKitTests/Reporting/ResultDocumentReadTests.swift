import Foundation
import Testing

@testable import ResidencyKit

/// The result document is the source of truth: written, read back and rendered again, every
/// report is byte for byte what the run's own document gives.
@Suite struct ResultDocumentReadTests {
    /// Runs whose documents are written and read back.
    enum Run: String, CaseIterable, Sendable, CustomTestStringConvertible {
        /// The bundled example, as `residency check` runs it.
        case example
        /// `--fail-on warning`, the example waivers and a baseline: every optional section.
        case warningWaiversBaseline
        /// `--fail-on never`: a compliant verdict.
        case never
        /// Markup, quotes, controls, a bidi override, emoji and a 20 kB name in every field an
        /// inventory controls, run in a GitHub Actions job (a provenance with a link).
        case hostileInGitHubActions

        var testDescription: String { rawValue }

        func document() throws -> ResultDocument {
            switch self {
            case .example: return try ReportFixtures.example()
            case .warningWaiversBaseline: return try ReportFixtures.example(failOn: .warning, waivers: true, baseline: true)
            case .never: return try ReportFixtures.example(failOn: .never)
            case .hostileInGitHubActions:
                var doc = ReportFixtures.relativised(try HTMLFixtures.hostile())
                doc.run.ranBy = HTMLFixtures.provenance
                return doc
            }
        }
    }

    /// A waived result names its waiver and a permitted one its permit: a failure or a
    /// not-applicable turned into one by hand is E1512 at its place, not a compliant report.
    @Test(arguments: [
        (
            #"{"policy": "RES-009", "pass": ["0..7"]}"#, #"{"policy": "RES-009", "pass": ["0..6"], "waived": [7]}"#, "waived",
            "waiver"
        ),
        (#", "not-applicable": [7], "permitted": ["#, #", "permitted": [7, "#, "permitted", "permit"),
    ])
    func aWaivedOrPermittedResultNamesWhatDecidedIt(find: String, forged: String, outcome: String, missing: String) throws {
        let text = String(decoding: try ReportFixtures.example().json(), as: UTF8.self)
        #expect(text.contains(find))
        let reading = ResultDocument.read(
            SourceFile(path: "forged.json", bytes: Array(text.replacingOccurrences(of: find, with: forged).utf8)))
        #expect(reading.document == nil)
        let d = try #require(reading.diagnostics.first { $0.code == "E1512" }, "\(reading.diagnostics.map(\.message))")
        #expect(d.message.hasPrefix("a \(outcome) result in `workspaces[0]"), "\(d.message)")
        #expect(d.message.hasSuffix("names no \(missing)"), "\(d.message)")
        #expect(d.range?.file == "forged.json")
    }

    /// Writes `doc` and reads it back.
    static func roundTrip(_ doc: ResultDocument) throws -> ResultDocument {
        let reading = ResultDocument.read(SourceFile(path: "reports/results.json", bytes: doc.json()))
        #expect(reading.diagnostics.isEmpty, "\(reading.diagnostics.map(\.message))")
        #expect(reading.files.isEmpty, "the file is let go once read")
        return try #require(reading.document)
    }

    @Test(arguments: Run.allCases)
    func theDocumentReadsBackExactly(run: Run) throws {
        let doc = try run.document()
        let read = try Self.roundTrip(doc)
        #expect(read.json() == doc.json())
        // Every in-memory field: the results' titles (which the file does not repeat), where
        // their texts' pieces meet and the evidence chains (`from`) included. The document has
        // one writer (`json()`) and one reader (`read`), and this is what keeps them agreed.
        #expect(read.results.map(\.title) == doc.results.map(\.title))
        for i in doc.results.indices where read.results[i] != doc.results[i] {
            Issue.record("result \(i) reads back as \(read.results[i]), written as \(doc.results[i])")
            break
        }
        #expect(read == doc)
    }

    /// The evidence chain of a derived value (`Evidence.from`: the setting or catalog row it
    /// rests on, and where) is part of every finding, so the result document must carry it and
    /// read it back.
    @Test func evidenceChainsAreWritten() throws {
        let doc = try ReportFixtures.example()
        let chained = doc.results.flatMap(\.evidence).filter { $0.from != nil }
        #expect(!chained.isEmpty, "the example has findings on derived values")
        let read = try Self.roundTrip(doc)
        #expect(read.results.flatMap(\.evidence).filter { $0.from != nil } == chained)
        #expect(String(decoding: doc.json(), as: UTF8.self).contains("\"from\""))
    }

    @Test(arguments: Run.allCases)
    func everyReportRendersIdenticallyFromTheReadDocument(run: Run) throws {
        let doc = try run.document()
        let read = try Self.roundTrip(doc)
        #expect(try JUnitReport().render(read) == JUnitReport().render(doc))
        // Folded: a cap far below the example's testcases.
        #expect(try JUnitReport(maximumCases: 5).render(read) == JUnitReport(maximumCases: 5).render(doc))
        #expect(HTMLReport().render(read, provenance: read.run.ranBy) == HTMLReport().render(doc, provenance: doc.run.ranBy))
        #expect(SARIFReport(root: ReportFixtures.root).render(read) == SARIFReport(root: ReportFixtures.root).render(doc))
        #expect(MarkdownReport().render(read) == MarkdownReport().render(doc))
        let short = MarkdownReport(limit: MarkdownReport.minimumLimit, fullReport: "reports/results.json")
        #expect(short.render(read) == short.render(doc))
    }

    @Test(arguments: Run.allCases)
    func theJUnitFolderIsIdentical(run: Run) throws {
        let doc = try run.document()
        let read = try Self.roundTrip(doc)
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("read-junit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let original = base.appendingPathComponent("original"), again = base.appendingPathComponent("again")
        try JUnitReport().writeFolder(doc, to: original.path)
        try JUnitReport().writeFolder(read, to: again.path)
        let names = try FileManager.default.contentsOfDirectory(atPath: original.path).sorted()
        #expect(try FileManager.default.contentsOfDirectory(atPath: again.path).sorted() == names)
        for name in names where name != JUnitReport.folderMarker {
            #expect(
                try Data(contentsOf: again.appendingPathComponent(name))
                    == Data(contentsOf: original.appendingPathComponent(name)),
                "\(name)")
        }
    }

    /// `ReportOutputs`, the writer `check` and `report` share, writes the same files from both.
    @Test func theSharedWriterWritesTheSameFiles() throws {
        let doc = try Run.warningWaiversBaseline.document()
        let read = try Self.roundTrip(doc)
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("read-outputs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        func outputs(_ folder: String) -> ReportOutputs {
            var o = ReportOutputs()
            let dir = base.appendingPathComponent(folder)
            (o.junit, o.html) = (dir.appendingPathComponent("junit.xml").path, dir.appendingPathComponent("report.html").path)
            (o.sarif, o.markdown) = (dir.appendingPathComponent("r.sarif").path, dir.appendingPathComponent("summary.md").path)
            o.root = ReportFixtures.root
            return o
        }
        try outputs("original").write(doc)
        try outputs("again").write(read)
        for name in ["junit.xml", "report.html", "r.sarif", "summary.md"] {
            let a = try Data(contentsOf: base.appendingPathComponent("original/\(name)"))
            #expect(try Data(contentsOf: base.appendingPathComponent("again/\(name)")) == a, "\(name)")
        }
        #expect(outputs("x").problem == nil)
        var bad = ReportOutputs()
        bad.markdownLimit = 10
        #expect(bad.problem == "--markdown-limit must be at least 4000, found 10")
        #expect(bad.isEmpty)
    }

    /// Reports rendered on other threads are written as each render finishes, in whatever
    /// order that is; which failure is thrown must not depend on it. Two reports failing to
    /// write: the first in the fixed order (JUnit, HTML, SARIF, Markdown) is the one named,
    /// every time, and nothing is left behind.
    @Test(arguments: [
        (["junit.xml", "summary.md"], "--junit"), (["summary.md", "r.sarif"], "--sarif"),
        (["report.html", "r.sarif"], "--html"), (["summary.md"], "--markdown"),
    ])
    func theFirstFailureInTheFixedOrderIsThrown(failing: [String], named: String) throws {
        let doc = try ReportFixtures.example()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("report-order-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var o = ReportOutputs()
        (o.junit, o.html) = (dir.appendingPathComponent("junit.xml").path, dir.appendingPathComponent("report.html").path)
        (o.sarif, o.markdown) = (dir.appendingPathComponent("r.sarif").path, dir.appendingPathComponent("summary.md").path)
        var settings = OutputBatch.Settings()
        settings.fault = { step, path in
            // A temporary's name: `.<name>.residency-<pid>-<random>.tmp`.
            step == .write && failing.contains { path.contains("/.\($0).") } ? ENOSPC : nil
        }
        for _ in 0..<8 {
            let error = #expect(throws: Diagnostic.self) { try o.write(doc, settings: settings) }
            #expect(error?.code == "E1607")
            #expect(error?.message.contains("(\(named))") == true, "\(error?.message ?? "")")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        }
    }

    /// Keys a later residency may add (optional ones, without a new schemaVersion) are
    /// ignored, and an absent value may also be written as null.
    @Test func unknownKeysAreIgnoredAndNullIsAbsent() throws {
        let doc = try ReportFixtures.example()
        var text = String(decoding: doc.json(), as: UTF8.self)
        text = text.replacingOccurrences(
            of: "\"schemaVersion\": 2,", with: "\"schemaVersion\": 2, \"generator\": {\"x\": [1, 2]},")
        text = text.replacingOccurrences(of: "{\"policy\": ", with: "{\"future\": null, \"policy\": ")
        text = text.replacingOccurrences(of: "\"notices\": [", with: "\"baseline\": null, \"notices\": [")
        let reading = ResultDocument.read(SourceFile(path: "r.json", text: text))
        let read = try #require(reading.document, "\(reading.diagnostics.map(\.message))")
        #expect(read.json() == doc.json())
    }

    @Test func aMissingFileOrAFolderCannotBeRead() throws {
        let missing = ResultDocument.read(path: "/no/such/results.json")
        #expect(missing.document == nil)
        #expect(missing.diagnostics.map(\.code) == ["E1501"])
        #expect(missing.diagnostics.first?.message == "cannot read result document /no/such/results.json: no such file or folder")
        let folder = ResultDocument.read(path: FileManager.default.temporaryDirectory.path)
        #expect(folder.diagnostics.first?.message.hasSuffix(": it is a folder, not a regular file") == true)
    }

    /// Read from a file on disk, as `residency report` does.
    @Test func readsAFileFromDisk() throws {
        let doc = try ReportFixtures.example()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("read-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try AtomicFile.write(to: url.path) { doc.writeJSON($0) }
        let read = try #require(ResultDocument.read(path: url.path).document)
        #expect(read.json() == doc.json())
    }
}
