import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension OutputBatch {
    /// Renames every output into place, in order; if one rename fails, puts back the ones
    /// already replaced (from their backups) and throws E1607 naming it and saying so.
    func commit() throws(Diagnostic) {
        for i in entries.indices {
            guard entries[i].staged != nil else {
                throw rollback(i, "it was never written (an internal error)")
            }
            if let pause = settings.pauseBeforeRename { Thread.sleep(forTimeInterval: Self.interval(pause)) }
            let error: String?
            switch entries[i].target.kind {
            case .file: error = replaceFile(i)
            case .folder: error = replaceFolder(i)
            }
            if let error { throw rollback(i, error) }
            entries[i].committed = true
        }
        for folder in Set(entries.map(\.destination.folder)).sorted() {
            if let error = syncFolder(folder) {
                throw rollback(entries.count, "cannot sync \(OutputPaths.display(folder)): \(String(cString: strerror(error)))")
            }
        }
        // The point of no return: from here an interruption leaves this run's outputs, so the
        // undo steps go before the backups they would restore from.
        let done = entries
        finish()
        for entry in done {
            if let backup = entry.backup { try? FileManager.default.removeItem(atPath: backup) }
        }
    }

    /// Replaces one file: a hard link keeps the previous file until the batch is committed.
    private func replaceFile(_ i: Int) -> String? {
        let destination = entries[i].destination
        let target = destination.path
        if let error = settings.fault?(.rename, target) { return String(cString: strerror(error)) }
        if let error = changed(i) { return error }
        var info = stat()
        if lstat(target, &info) == 0 {
            let backup = TemporaryName.make(for: destination.name, in: destination.folder, .bak)
            if link(target, backup) == 0 {
                record(.restore(backup: backup, to: target))
                entries[i].backup = backup
            } else {
                entries[i].noBackup = String(cString: strerror(errno))
            }
        } else {
            record(.unlink(target))
        }
        guard rename(entries[i].staged!, target) == 0 else { return String(cString: strerror(errno)) }
        return nil
    }

    /// Replaces a folder: the previous one moves aside, the staging folder takes its name.
    private func replaceFolder(_ i: Int) -> String? {
        let destination = entries[i].destination
        let target = destination.path, staging = entries[i].staged!
        if let error = settings.fault?(.rename, target) { return String(cString: strerror(error)) }
        if let error = changed(i) { return error }
        var info = stat()
        if lstat(target, &info) == 0 {
            let old = TemporaryName.make(for: destination.name, in: destination.folder, .old)
            record(.rename(old, to: target))
            guard rename(target, old) == 0 else { return String(cString: strerror(errno)) }
            entries[i].backup = old
        }
        record(.rename(target, to: staging))
        guard rename(staging, target) == 0 else { return String(cString: strerror(errno)) }
        return nil
    }

    /// Why the destination can no longer be replaced: it became something else meanwhile
    /// (a device, a FIFO, a folder) since the paths were checked.
    private func changed(_ i: Int) -> String? {
        var info = stat()
        guard lstat(entries[i].destination.path, &info) == 0 else { return nil }
        let kind = FileStatus.kind(info.st_mode)
        let wanted: FileStatus.Kind = entries[i].target.kind == .file ? .file : .folder
        return kind == wanted ? nil : "it became \(FileStatus.words(kind)) while the run wrote"
    }

    /// Undoes every step, newest first, and says what could not be put back; returns E1607
    /// for the output at `failed` (past the end: the batch as a whole).
    func rollback(_ failed: Int, _ reason: String) -> Diagnostic {
        for id in undo.reversed() { _ = SignalCleanup.run(id) }
        var notes: [String] = []
        for entry in entries where entry.committed || entry.staged != nil {
            if let problem = notPutBack(entry) { notes.append(problem) }
        }
        let target = failed < entries.count ? entries[failed].target : entries[0].target
        let diagnostic =
            notes.isEmpty
            ? failure(target, reason)
            : failure(target, reason, notes: ["some outputs could not be put back as they were:"] + notes)
        finish()
        return diagnostic
    }

    /// What an output holds after a rollback when that is not what it held before.
    private func notPutBack(_ entry: Entry) -> String? {
        let name = entry.target.label
        var now = stat()
        let exists = lstat(entry.destination.path, &now) == 0
        guard let before = entry.destination.id else {
            return exists && entry.committed ? "\(name) holds this run's output and could not be removed" : nil
        }
        if exists, FileID(now) == before { return nil }
        if let backup = entry.backup, FileManager.default.fileExists(atPath: backup) {
            return "\(name) holds this run's output; the previous one is at \(OutputPaths.display(backup))"
        }
        if let reason = entry.noBackup {
            return "\(name) was replaced and its previous file could not be kept (no hard link: \(reason))"
        }
        return exists ? nil : "\(name) is missing; its previous file could not be put back"
    }

    static func interval(_ d: Duration) -> TimeInterval {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
