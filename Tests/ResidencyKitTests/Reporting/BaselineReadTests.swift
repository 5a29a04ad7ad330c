import Foundation
import Testing

@testable import ResidencyKit

#if canImport(Glibc)
    import Glibc
#endif

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

    /// The example's failing and undecided results as the whole document gives them.
    static func wholeEntries() throws -> [Baseline.Entry] {
        let doc = try #require(ResultDocument.read(path: Self.example).document)
        var failing: [String: Baseline.Entry] = [:]
        for r in doc.results where r.outcome == .fail || r.outcome == .indeterminate {
            failing[r.fingerprint] = Baseline.Entry(
                fingerprint: r.fingerprint, policy: r.policy, workspace: r.workspace, resourceKind: r.resourceKind,
                resourceId: r.resourceId, resourceName: r.resourceName)
        }
        return failing.values.sorted { $0.fingerprint < $1.fingerprint }
    }

    @Test func theRecordsReadOneByOneGiveWhatTheWholeDocumentGives() throws {
        let file = SourceFile(path: Self.example, bytes: Array(try Self.text().utf8))
        let lean = try #require(ResultDocument.readFailing(file), "the example is laid out in records")
        let read = try #require(lean.read, "\(lean.diagnostics)")
        let doc = try #require(ResultDocument.read(path: Self.example).document)
        let entries = try Self.wholeEntries()
        #expect(!entries.isEmpty)
        #expect(Set(read.failing.keys) == Set(entries.map(\.fingerprint)))
        var regions: [String: String] = [:]
        for w in doc.workspaces { if let region = w.region { regions[w.id] = region } }
        #expect(read.regions == regions)
        #expect(regions.count == doc.workspaces.count)
        // Loaded from the file (found in one pass, the records read from it a few at a time),
        // nothing resolved yet: every entry, read again from its record.
        let (baseline, file2, diagnostics) = Baseline.load(path: Self.example)
        #expect(diagnostics.isEmpty && file2 == nil, "the file is not kept")
        let loaded = try #require(baseline)
        #expect(loaded.sha256 == SHA256.hex(file.bytes))
        #expect(loaded.regions == regions)
        let all = Set(entries.map(\.workspace))
        #expect(all.count > 1)
        #expect(loaded.resolved(seen: [], present: all)?.resolved == entries)
        #expect(loaded.resolved(seen: [], present: all)?.unseen == [:])
        #expect(loaded.resolved(seen: Set(entries.dropFirst().map(\.fingerprint)), present: all)?.resolved == [entries[0]])
        // A workspace not in the run: its findings counted, not read again.
        let first = entries[0].workspace
        let other = loaded.resolved(seen: [], present: all.subtracting([first]))
        #expect(other?.resolved == entries.filter { $0.workspace != first })
        #expect(other?.unseen == [first: entries.filter { $0.workspace == first }.count])
    }

    /// The example's layout worked out here on its own, line by line: each record's range (its
    /// line without the indent and the comma) and the text with each record's line a `    0`.
    static func expectedLayout(_ text: String) -> (records: [Range<Int>], text: [UInt8]) {
        var records: [Range<Int>] = []
        var masked: [UInt8] = []
        var offset = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let bytes = Array(line.utf8)
            if bytes.starts(with: Array("    {\"id\"".utf8)) {
                let comma = bytes.last == UInt8(ascii: ",")
                records.append((offset + 4)..<(offset + bytes.count - (comma ? 1 : 0)))
                masked += Array((comma ? "    0," : "    0").utf8)
            } else {
                masked += bytes
            }
            masked.append(0x0A)
            offset += bytes.count + 1
        }
        return (records, Array(masked.dropLast()))
    }

    /// Found in one pass, read in blocks of any size (so that a record's line, the marker and
    /// the list's end fall across reads) or from the bytes at once: the records and the text
    /// without them that the file's lines give.
    @Test(arguments: [1, 2, 7, 64, 4096, 1 << 20])
    func theLayoutIsFoundInBlocksOfAnySize(blockSize: Int) throws {
        let text = try Self.text()
        let bytes = Array(text.utf8)
        let expected = Self.expectedLayout(text)
        #expect(expected.records.count == 2)
        let descriptor = open(Self.example, O_RDONLY)
        defer { close(descriptor) }
        let (layout, sha256) = try #require(RecordLayout.scan(descriptor, blockSize: blockSize))
        #expect(layout.records == expected.records)
        #expect(layout.text == expected.text)
        #expect(sha256 == SHA256.hex(bytes))
        #expect(layout.tailStart + layout.shift == expected.records.last!.upperBound)
        let whole = try #require(RecordLayout.of(bytes))
        #expect(whole.records == layout.records && whole.text == layout.text && whole.shift == layout.shift)
    }

    /// What is not laid out in records is left to the whole read, whatever the blocks: the
    /// list's end written otherwise, a record's line not ending at its brace, the list opened
    /// on a line of its own.
    @Test(arguments: [
        ("\n  ],\n  \"notices\"", "\n  ] ,\n  \"notices\""), ("}\n  ]", "} \n  ]"),
        ("\n  \"workspaces\": [\n", "\n  \"workspaces\":\n["),
    ])
    func anotherLayoutIsNotTakenForRecords(find: String, replace: String) throws {
        let text = try Self.text()
        #expect(text.contains(find))
        let edited = Array(text.replacingOccurrences(of: find, with: replace).utf8)
        #expect(RecordLayout.of(edited) == nil)
        let path = NSTemporaryDirectory() + "residency-layout-\(UUID().uuidString).json"
        try Data(edited).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        for blockSize in [3, 1 << 20] {
            let descriptor = open(path, O_RDONLY)
            defer { close(descriptor) }
            #expect(RecordLayout.scan(descriptor, blockSize: blockSize) == nil)
        }
    }

    /// Another night's job may replace the baseline while this run reads it: replaced by a
    /// rename, the baseline's records are still read from the file it opened. Rewritten in
    /// place (as `cp` does), they are not there any more: an error, not a short list of resolved
    /// findings.
    @Test func aBaselineReplacedWhileTheRunReadsItIsStillRead() throws {
        let entries = try Self.wholeEntries()
        let dir = NSTemporaryDirectory() + "residency-baseline-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/last.json"
        try FileManager.default.copyItem(atPath: Self.example, toPath: path)
        let renamed = try #require(Baseline.load(path: path).0)
        try Data("{}".utf8).write(to: URL(fileURLWithPath: dir + "/new.json"))
        #expect(rename(dir + "/new.json", path) == 0)
        let all = Set(entries.map(\.workspace))
        #expect(renamed.resolved(seen: [], present: all)?.resolved == entries)

        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.copyItem(atPath: Self.example, toPath: path)
        let inPlace = try #require(Baseline.load(path: path).0)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data("{}".utf8))
        try handle.close()
        #expect(inPlace.resolved(seen: [], present: all) == nil)
        #expect(inPlace.changedWhileRead.code == "E1001")
        // The run's comparison gives way (the run in one piece then fails with that error).
        let comparison = AuditRun.comparison(inPlace, seen: [], present: all, counts: .init(), failOnNew: false)
        #expect(comparison == nil)
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
        let found = try #require(RecordLayout.of(bytes), "laid out in records")
        #expect(!found.records.isEmpty)
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
