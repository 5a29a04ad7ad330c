import Foundation
import Testing

@testable import ResidencyKit

/// A baseline is read a few workspace records at a time, keeping only what it needs (the
/// failing and undecided results, the regions): it must give what reading the whole document
/// gives, and refuse what `residency report` refuses.
@Suite struct BaselineReadTests {
    static let example = repositoryRoot.appendingPathComponent("reports/example-results.json").path

    static func text() throws -> String { try String(contentsOfFile: example, encoding: .utf8) }

    /// Writes `text` as a temporary document and loads it as a baseline.
    static func load(_ text: String) throws -> (Baseline?, [Diagnostic]) {
        let path = NSTemporaryDirectory() + "residency-baseline-\(UUID().uuidString).json"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (baseline, _, diagnostics) = Baseline.load(path: path)
        return (baseline, diagnostics)
    }

    @Test func theRecordsReadOneByOneGiveWhatTheWholeDocumentGives() throws {
        let file = SourceFile(path: Self.example, bytes: Array(try Self.text().utf8))
        let lean = try #require(ResultDocument.readFailing(file), "the example is laid out in records")
        let read = try #require(lean.read, "\(lean.diagnostics)")
        let doc = try #require(ResultDocument.read(path: Self.example).document)
        var failing: [String: Baseline.Entry] = [:]
        for r in doc.results where r.outcome == .fail || r.outcome == .indeterminate {
            failing[r.fingerprint] = Baseline.Entry(
                fingerprint: r.fingerprint, policy: r.policy, workspace: r.workspace, resourceKind: r.resourceKind,
                resourceId: r.resourceId, resourceName: r.resourceName)
        }
        #expect(!failing.isEmpty)
        #expect(read.failing == failing)
        var regions: [String: String] = [:]
        for w in doc.workspaces { if let region = w.region { regions[w.id] = region } }
        #expect(read.regions == regions)
        #expect(regions.count == doc.workspaces.count)
    }

    /// Edited counts, an unknown outcome, a duplicate slug: refused as `report` refuses them.
    @Test(arguments: [
        (#""evaluated": "#, #""evaluated": 1"#, "E1509"),
        (#""resources": "#, #""resources": 1"#, "E1509"),
        (#""verdict": "non-compliant""#, #""verdict": "compliant""#, "E1509"),
    ])
    func anEditedBaselineIsRefused(find: String, replace: String, code: String) throws {
        let text = try Self.text()
        #expect(text.contains(find))
        let edited = text.replacingOccurrences(of: find, with: replace)
        let (baseline, diagnostics) = try Self.load(edited)
        #expect(baseline == nil)
        #expect(diagnostics.map(\.code).contains(code), "\(diagnostics.map(\.message))")
        // At the same place, offsets included, as reading the whole document says it.
        let whole = ResultDocument.read(SourceFile(path: "x.json", bytes: Array(edited.utf8))).diagnostics
        let lean = ResultDocument.readFailing(SourceFile(path: "x.json", bytes: Array(edited.utf8)))?.diagnostics
        #expect(lean?.map(\.range) == whole.map(\.range))
        #expect(lean?.map(\.message) == whole.map(\.message))
    }

    /// A document laid out in records is parsed without them (each record's line a `0`): what is
    /// wrong in its head or its tail is still shown at its line, column and offset in the file.
    @Test(arguments: [
        (#""evaluated": 58"#, #""evaluated": 158"#, "158"),
        (#""auditDate": "2026-11-28""#, #""auditDate": 5"#, "5"),
    ])
    func whatIsWrongAroundTheRecordsIsShownAtItsPlace(find: String, replace: String, value: String) throws {
        let text = try Self.text()
        #expect(text.contains(find))
        let edited = text.replacingOccurrences(of: find, with: replace)
        let bytes = Array(edited.utf8)
        let file = SourceFile(path: "doc.json", bytes: bytes)
        let found = try #require(ResultDocument.recordLines(bytes), "laid out in records")
        #expect(!found.isEmpty)
        let reading = ResultDocument.read(file)
        let problem = try #require(reading.diagnostics.first)
        let at = try #require(edited.range(of: replace)).upperBound
        let offset = edited.utf8.distance(from: edited.utf8.startIndex, to: at) - value.utf8.count
        #expect(problem.range?.file == "doc.json")
        #expect(problem.range?.start.offset == offset, "\(problem.message)")
        #expect(problem.range?.start == file.range(offset, offset + 1).start)
    }

    /// A record that is not JSON on its own is read whole, which says where the syntax breaks.
    @Test func aBrokenRecordIsReadWholeAndRefused() throws {
        let text = try Self.text()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let record = try #require(lines.firstIndex { $0.hasPrefix("    {") })
        var broken = lines.map(String.init)
        broken[record] = String(broken[record].dropLast(2)) + ","
        let (baseline, diagnostics) = try Self.load(broken.joined(separator: "\n"))
        #expect(baseline == nil)
        #expect(!diagnostics.isEmpty)
    }
}
