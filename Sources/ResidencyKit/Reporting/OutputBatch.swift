import CSignalCleanup
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One run's outputs, written all or none. Every output is first written to a temporary file
/// created exclusively in its destination's folder (a JUnit folder to a staging folder) and
/// synced; only when all were written are they renamed into place, the previous files kept as
/// hard-linked backups until the last rename succeeded, and put back if one fails. A folder
/// lock (`.residency.lock`) keeps concurrent runs from mixing their reports, what killed runs
/// left is removed first, and SIGINT, SIGTERM or SIGHUP meanwhile undoes everything.
///
/// Use: `init` (checks the paths, takes the locks), `write` each output, `commit`; and
/// `discard` in a `defer`, which removes whatever was not committed.
package final class OutputBatch {
    package struct Settings: Sendable {
        /// How long to wait for another run that writes in the same folder before giving up
        /// (E1608).
        package var lockWait: Duration = .seconds(30)
        /// Sleeps before each rename, so that a test can interrupt a run between writing and
        /// renaming (`RESIDENCY_TEST_WRITE_DELAY_MS`). Not for use outside tests.
        package var pauseBeforeRename: Duration?
        /// A test seam: an errno to fail a step on a destination with.
        var fault: (@Sendable (Step, String) -> Int32?)?

        package init() {}
    }

    /// The steps a test can fail.
    enum Step { case create, write, rename }

    struct Entry {
        var target: OutputTarget
        var destination: OutputDestination
        /// The temporary file or staging folder, once written.
        var staged: String?
        /// The previous file's hard link, the previous folder's name, when it was replaced.
        var backup: String?
        /// Why there is no backup of a file that existed (a file system without hard links).
        var noBackup: String?
        var committed = false
    }

    var entries: [Entry] = []
    let settings: Settings
    private var locks: [FolderLock] = []
    var undo: [Int] = []
    private var handlers = false
    private var finished = false

    /// Checks the targets (OutputPaths), creates missing folders, takes each folder's lock and
    /// removes stale temporaries there.
    init(_ targets: [OutputTarget], settings: Settings = .init()) throws(Diagnostic) {
        self.settings = settings
        if let problem = OutputPaths.check(targets).first { throw problem }
        for target in targets { entries.append(Entry(target: target, destination: try OutputPaths.resolve(target))) }
        handlers = SignalCleanup.install() == 0
        do {
            try prepareFolders()
        } catch {
            discard()
            throw error
        }
    }

    private func prepareFolders() throws(Diagnostic) {
        var byFolder: [String: OutputTarget] = [:]
        for entry in entries where byFolder[entry.destination.folder] == nil {
            byFolder[entry.destination.folder] = entry.target
        }
        // In one order for every run, so that two runs never wait on each other's second lock.
        for (folder, target) in byFolder.sorted(by: { $0.key < $1.key }) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw failure(target, "cannot create the folder \(OutputPaths.display(folder))")
            }
            do throws(FolderLock.Failure) {
                locks.append(try FolderLock.acquire(folder: folder, wait: settings.lockWait))
            } catch {
                switch error {
                case .busy(let pid):
                    let who = pid.map { "another residency run (pid \($0))" } ?? "another residency run"
                    throw .outputFolderBusy(
                        target,
                        "\(who) is writing in \(OutputPaths.display(folder)), still after \(Self.seconds(settings.lockWait))")
                case .failed(let reason): throw .outputFolderBusy(target, reason)
                }
            }
            TemporaryName.removeStale(in: folder)
        }
    }

    /// Writes one file output: what `produce` emits, piece by piece, into its temporary.
    package func write(_ path: String, _ produce: (([UInt8]) -> Void) -> Void) throws(Diagnostic) {
        let i = try index(path)
        let destination = entries[i].destination
        let temporary = TemporaryName.make(for: destination.name, in: destination.folder, .tmp)
        try stage(i, temporary, mode: entries[i].target.keepsMode ? destination.existing : nil, produce)
        entries[i].staged = temporary
    }

    /// Writes one file output from bytes in memory.
    package func write(_ path: String, bytes: [UInt8]) throws(Diagnostic) {
        try write(path) { emit in emit(bytes) }
    }

    /// Writes one file output from bytes in memory, in pieces (a large HTML report).
    package func write(_ path: String, pieces: [[UInt8]]) throws(Diagnostic) {
        try write(path) { emit in for piece in pieces { emit(piece) } }
    }

    /// A folder output being filled (`--junit-dir`): files go into its staging folder.
    struct Folder {
        let batch: OutputBatch
        let index: Int
        let path: String

        /// Writes `name` (a plain file name) into the folder.
        package func write(_ name: String, _ bytes: [UInt8]) throws(Diagnostic) {
            try write(name, pieces: [bytes])
        }

        /// Writes `name` from bytes in pieces, in order.
        package func write(_ name: String, pieces: [[UInt8]]) throws(Diagnostic) {
            guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else {
                throw batch.failure(batch.entries[index].target, "\(name) is not a plain file name")
            }
            try batch.stage(index, path + "/" + name, mode: nil, syncedLater: true) { emit in
                for piece in pieces { emit(piece) }
            }
        }
    }

    /// Writes one folder output: `fill` writes its files into a staging folder beside it.
    func writeFolder(_ path: String, _ fill: (Folder) throws(Diagnostic) -> Void) throws(Diagnostic) {
        let i = try index(path)
        let destination = entries[i].destination
        let staging = TemporaryName.make(for: destination.name, in: destination.folder, .tmp)
        // The undo step before the folder: a signal between the two would otherwise leave it.
        let undoStep = SignalCleanup.add(.rmdir(staging))
        if let error = settings.fault?(.create, staging) ?? (mkdir(staging, 0o777) == 0 ? nil : errno) {
            if let undoStep { SignalCleanup.drop(undoStep) }
            throw failure(entries[i].target, "cannot create \(OutputPaths.display(staging)): \(String(cString: strerror(error)))")
        }
        if let undoStep { undo.append(undoStep) }
        entries[i].staged = staging
        try fill(Folder(batch: self, index: i, path: staging))
        // The files' write-back was started as each was closed; one wait for all of them (a
        // night's 1,000 files synced one by one waited for each in turn), then the folder.
        if let error = syncFileSystem(staging) {
            throw failure(entries[i].target, "cannot write \(OutputPaths.display(staging)): \(String(cString: strerror(error)))")
        }
        syncFolder(staging)
    }

    /// Waits until what was written to the file system of `path` is on disk; nil, or the errno
    /// of a failed write-back. Where that cannot be done (not Linux), each file was synced as
    /// it was closed.
    func syncFileSystem(_ path: String) -> Int32? {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return errno }
        defer { close(descriptor) }
        let error = residency_sync_file_system(descriptor)
        return error == 0 || error == ENOSYS ? nil : error
    }

    /// Creates `temporary`, fills it, syncs and closes it; an undo step removes it.
    func stage(
        _ i: Int, _ temporary: String, mode: stat?, syncedLater: Bool = false, _ produce: (([UInt8]) -> Void) -> Void
    ) throws(Diagnostic) {
        let target = entries[i].target
        var file: StagedFile
        // The undo step goes in before the file is created, so that a signal arriving between
        // the two cannot leave the temporary behind (the name is this process's own: pid and
        // random part); it is taken out again if the file cannot be created.
        let undoStep = SignalCleanup.add(.unlink(temporary))
        do throws(Errno) {
            if let error = settings.fault?(.create, temporary) { throw Errno(error, "") }
            file = try StagedFile(path: temporary, mode: mode)
        } catch {
            if let undoStep { SignalCleanup.drop(undoStep) }
            throw failure(
                target, "cannot create a temporary file in \(OutputPaths.display(OutputPaths.parent(temporary))): \(error.reason)"
            )
        }
        if let undoStep { undo.append(undoStep) }
        produce { file.write($0) }
        do throws(Errno) {
            if let error = settings.fault?(.write, temporary) {
                file.abandon()
                throw Errno(error, "")
            }
            try file.finish(syncedLater: syncedLater)
        } catch {
            throw failure(target, error.reason)
        }
    }

    private func index(_ path: String) throws(Diagnostic) -> Int {
        guard let i = entries.firstIndex(where: { $0.target.path == path }) else {
            throw Diagnostic.outputNotWritten(OutputTarget("", path), "not among the batch's outputs", notes: [])
        }
        return i
    }

    /// Records an undo step; the signal handler and a rollback run them newest first.
    func record(_ step: SignalCleanup.Step) {
        if let id = SignalCleanup.add(step) { undo.append(id) }
    }

    /// Removes everything not committed and lets the locks go. Safe to call twice.
    func discard() {
        if !finished {
            for id in undo.reversed() { _ = SignalCleanup.run(id) }
        }
        finish()
    }

    /// Forgets the undo steps, lets the locks go and the signal handlers.
    func finish() {
        for id in undo { SignalCleanup.drop(id) }
        undo = []
        for lock in locks.reversed() { lock.release() }
        locks = []
        if handlers { SignalCleanup.uninstall() }
        handlers = false
        finished = true
    }

    /// E1607 for `target`, saying that nothing else was replaced.
    func failure(_ target: OutputTarget, _ reason: String, notes: [String] = []) -> Diagnostic {
        let others = entries.map(\.target).filter { $0 != target }
        let untouched =
            others.isEmpty
            ? "no output was replaced"
            : "no output was replaced: \(others.map(\.label).joined(separator: ", ")) \(others.count == 1 ? "is" : "are") as before"
        return .outputNotWritten(target, reason, notes: notes.isEmpty ? [untouched] : notes)
    }

    static func seconds(_ d: Duration) -> String {
        let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        return s == s.rounded() ? "\(Int(s)) s" : "\(s) s"
    }

    /// Syncs a folder's entries (a rename is durable only once its folder is); nil, or the
    /// errno of a failure that is not merely a file system that cannot sync folders.
    @discardableResult
    func syncFolder(_ path: String) -> Int32? {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return errno }
        defer { close(descriptor) }
        guard fsync(descriptor) != 0 else { return nil }
        return [EINVAL, EROFS, ENOTSUP].contains(errno) ? nil : errno
    }

    deinit { if !finished { discard() } }
}
