import Foundation
import Testing

@testable import ResidencyKit

#if canImport(Glibc)
    import Glibc
#endif

/// Writing outputs all or none (issue 11): temporaries created exclusively and removed on
/// failure, previous files put back when a later rename fails, links written through, modes
/// kept, the folder lock, and what killed runs left behind. Failures are injected through
/// `OutputBatch.Settings.fault`, since root ignores permissions.
@Suite struct OutputBatchTests {
    static func folder(_ files: [String: String] = [:]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("output-batch-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/" + name)) }
        return dir
    }

    static func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    static func entries(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
    }

    /// Writes `new` to each path in one batch.
    static func write(_ paths: [String], _ text: String, _ settings: OutputBatch.Settings = .init()) throws(Diagnostic) {
        let batch = try OutputBatch(paths.enumerated().map { OutputTarget("--out\($0)", $1) }, settings: settings)
        defer { batch.discard() }
        for path in paths { try batch.write(path, bytes: Array(text.utf8)) }
        try batch.commit()
    }

    @Test func replacesEveryFileAndLeavesNothingElse() throws {
        let dir = try Self.folder(["a.json": "old a"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.write([dir + "/a.json", dir + "/b.html"], "new")
        #expect(Self.entries(dir) == ["a.json", "b.html"])
        #expect(Self.read(dir + "/a.json") == "new" && Self.read(dir + "/b.html") == "new")
        var info = stat()
        #expect(stat(dir + "/b.html", &info) == 0)
        let mask = umask(0)
        umask(mask)
        #expect(info.st_mode & 0o777 == 0o666 & ~mask, "a new report gets 0666 less the umask")
    }

    /// A failure at any step of any output: nothing is replaced and nothing is left behind.
    @Test(arguments: [
        (OutputBatch.Step.create, "b.html", "cannot create a temporary file"),
        (.write, "b.html", "No space left on device"),
        (.rename, "b.html", "No space left on device"),
        (.rename, "c.sarif", "No space left on device"),
        (.rename, "a.json", "No space left on device"),
    ])
    func aFailureReplacesNothing(step: OutputBatch.Step, at name: String, words: String) throws {
        let dir = try Self.folder(["a.json": "old a", "b.html": "old b"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var settings = OutputBatch.Settings()
        settings.fault = { s, path in s == step && path.contains(name) ? ENOSPC : nil }
        let paths = [dir + "/a.json", dir + "/b.html", dir + "/c.sarif"]
        let error = #expect(throws: Diagnostic.self) { try Self.write(paths, "new", settings) }
        #expect(error?.code == "E1607")
        #expect(error?.message.contains(words) == true, "\(error?.message ?? "")")
        #expect(error?.notes.first?.message.hasPrefix("no output was replaced") == true, "\(error?.notes ?? [])")
        #expect(Self.read(dir + "/a.json") == "old a")
        #expect(Self.read(dir + "/b.html") == "old b")
        #expect(Self.entries(dir) == ["a.json", "b.html"], "no temporary, backup or lock file left")
    }

    /// Another process puts a folder where a report goes while the run writes: the rename is
    /// refused and the report renamed before it is put back.
    /// A folder's files start their write-back as each is closed and are waited for once, by
    /// syncing their file system; a folder that cannot be opened for it is an error, not a skip.
    @Test func aFolderIsSyncedOnceItsFilesAreWritten() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let target = dir + "/junit"
        let batch = try OutputBatch([OutputTarget("--junit-dir", target)])
        defer { batch.discard() }
        try batch.writeFolder(target) { folder throws(Diagnostic) in
            for i in 0..<3 { try folder.write("w\(i).xml", Array("<x/>".utf8)) }
        }
        try batch.commit()
        #expect(Self.entries(target) == ["w0.xml", "w1.xml", "w2.xml"])
        #expect(batch.syncFileSystem(target) == nil)
        #expect(batch.syncFileSystem(dir + "/missing") == ENOENT)
    }

    @Test func aFolderInPlaceOfAReportMidwayPutsTheOthersBack() throws {
        let dir = try Self.folder(["a.json": "old a", "b.html": "old b"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var settings = OutputBatch.Settings()
        settings.fault = { step, path in
            if step == .rename, path.hasSuffix("/b.html") {
                try? FileManager.default.removeItem(atPath: path)
                try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            }
            return nil
        }
        let error = #expect(throws: Diagnostic.self) { try Self.write([dir + "/a.json", dir + "/b.html"], "new", settings) }
        #expect(
            error?.message.contains("b.html (--out1): it became a folder while the run wrote") == true, "\(error?.message ?? "")")
        #expect(Self.read(dir + "/a.json") == "old a")
        #expect(Self.entries(dir) == ["a.json", "b.html"])
    }

    /// A symbolic link stays a link; the file it leads to is rewritten, in its own folder.
    @Test func writesThroughSymbolicLinks() throws {
        let dir = try Self.folder(["real.md": "old"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.md", withDestinationPath: "real.md")
        try FileManager.default.createSymbolicLink(atPath: dir + "/dangling.md", withDestinationPath: "made.md")
        try Self.write([dir + "/link.md", dir + "/dangling.md"], "new")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/link.md") == "real.md")
        #expect(Self.read(dir + "/real.md") == "new")
        #expect(Self.read(dir + "/made.md") == "new")
        #expect(Self.entries(dir) == ["dangling.md", "link.md", "made.md", "real.md"])
    }

    /// `fmt` keeps a file's permissions, whatever the umask.
    @Test(arguments: [0o600, 0o640, 0o755] as [mode_t])
    func keepsTheModeWhenAsked(mode: mode_t) throws {
        let dir = try Self.folder(["a.policy": "old"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(chmod(dir + "/a.policy", mode) == 0)
        let batch = try OutputBatch([OutputTarget("", dir + "/a.policy", keepsMode: true)])
        defer { batch.discard() }
        try batch.write(dir + "/a.policy", bytes: Array("new".utf8))
        try batch.commit()
        var info = stat()
        #expect(stat(dir + "/a.policy", &info) == 0)
        #expect(info.st_mode & 0o7777 == mode)
    }

    /// A temporary is never opened through an existing name: a planted link is refused, and
    /// the file it points at is untouched.
    @Test func aTemporaryIsCreatedExclusively() throws {
        let dir = try Self.folder(["victim": "precious"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir + "/planted", withDestinationPath: dir + "/victim")
        #expect(throws: Errno.self) { _ = try StagedFile(path: dir + "/planted") }
        #expect(Self.read(dir + "/victim") == "precious")
        let a = TemporaryName.make(for: "r.json", in: dir, .tmp), b = TemporaryName.make(for: "r.json", in: dir, .tmp)
        #expect(a != b, "unpredictable")
        #expect(TemporaryName.owner(OutputPaths.name(a)) == getpid())
    }

    /// What a killed run left (its pid no longer runs) goes; a live run's and look-alikes stay.
    @Test func removesWhatKilledRunsLeft() throws {
        let dead = ".r.json.residency-2147483646-0123456789abcdef.tmp"
        let live = ".r.json.residency-1-0123456789abcdef.tmp"
        let deadFolder = ".junit.residency-2147483646-00000000000000ff.old"
        let alike = ".r.json.2147483646.tmp"
        let dir = try Self.folder([dead: "x", live: "x", alike: "x"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/" + deadFolder + "/inner", withIntermediateDirectories: true)
        try Self.write([dir + "/r.json"], "new")
        #expect(Self.entries(dir) == [live, alike, "r.json"].sorted())
    }

    /// Another holder of the folder's lock: the batch waits, then gives up naming its pid.
    @Test func waitsForTheFolderLockThenGivesUp() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let held = try FolderLock.acquire(folder: dir, wait: .zero)
        var settings = OutputBatch.Settings()
        settings.lockWait = .milliseconds(200)
        let start = ContinuousClock.now
        let error = #expect(throws: Diagnostic.self) { try Self.write([dir + "/r.json"], "new", settings) }
        #expect(ContinuousClock.now - start >= .milliseconds(200))
        #expect(error?.code == "E1608")
        #expect(
            error?.message.contains("another residency run (pid \(getpid())) is writing in") == true, "\(error?.message ?? "")")
        #expect(!FileManager.default.fileExists(atPath: dir + "/r.json"))
        held.release()
        try Self.write([dir + "/r.json"], "new", settings)
        #expect(Self.entries(dir) == ["r.json"], "the lock file goes with its last holder")
    }

    /// The undo steps a signal runs: a backup put back only when its report was replaced, a
    /// temporary removed, and each harmless when there is nothing to undo.
    @Test func undoStepsAreSafeAtEveryMoment() throws {
        let dir = try Self.folder(["r.json": "old"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let report = dir + "/r.json", backup = dir + "/r.bak", temporary = dir + "/r.tmp"
        #expect(link(report, backup) == 0)
        // Not replaced yet: the backup is the same file, and only goes.
        let early = try #require(SignalCleanup.add(.restore(backup: backup, to: report)))
        #expect(SignalCleanup.run(early) == 0)
        #expect(Self.entries(dir) == ["r.json"] && Self.read(report) == "old")
        SignalCleanup.drop(early)
        // Replaced: the backup takes its name back.
        #expect(link(report, backup) == 0)
        try Data("new".utf8).write(to: URL(fileURLWithPath: temporary))
        #expect(rename(temporary, report) == 0)
        let late = try #require(SignalCleanup.add(.restore(backup: backup, to: report)))
        let gone = try #require(SignalCleanup.add(.unlink(temporary)))
        #expect(SignalCleanup.run(gone) == ENOENT)
        #expect(SignalCleanup.run(late) == 0)
        #expect(Self.entries(dir) == ["r.json"] && Self.read(report) == "old")
        SignalCleanup.drop(late)
        SignalCleanup.drop(gone)
    }

    /// `check` and `report`'s writer: all its reports, or, when one fails, none.
    @Test func theReportsOfARunAreWrittenAllOrNone() throws {
        let doc = try ReportFixtures.example()
        let dir = try Self.folder(["results.json": "previous", "report.html": "previous"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/junit", withIntermediateDirectories: false)
        for name in [JUnitReport.folderMarker, "gone.xml"] {
            try Data("previous".utf8).write(to: URL(fileURLWithPath: dir + "/junit/" + name))
        }
        var outputs = ReportOutputs()
        outputs.json = dir + "/results.json"
        outputs.html = dir + "/report.html"
        outputs.junitFolder = dir + "/junit"
        outputs.markdown = dir + "/summary.md"
        var settings = OutputBatch.Settings()
        settings.fault = { step, path in step == .rename && path.hasSuffix("/summary.md") ? EIO : nil }
        let error = #expect(throws: Diagnostic.self) { try outputs.write(doc, settings: settings) }
        #expect(error?.message.hasPrefix("cannot write \(dir)/summary.md (--markdown): ") == true)
        #expect(Self.entries(dir) == ["junit", "report.html", "results.json"])
        #expect(Self.read(dir + "/results.json") == "previous" && Self.read(dir + "/report.html") == "previous")
        #expect(Self.entries(dir + "/junit") == [JUnitReport.folderMarker, "gone.xml"], "the previous folder is back")
        try outputs.write(doc)
        #expect(Self.entries(dir) == ["junit", "report.html", "results.json", "summary.md"])
        #expect(Self.entries(dir + "/junit") == [JUnitReport.folderMarker, "acme-eu.xml", "acme-us.xml"])
        #expect(Self.read(dir + "/results.json")?.hasPrefix("{") == true)
    }
}
