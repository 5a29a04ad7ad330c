import CSignalCleanup

/// The undo steps of the outputs being written, run by a signal handler when the run is
/// interrupted (SIGINT, SIGTERM, SIGHUP): temporaries removed, reports already replaced put
/// back, so that Ctrl-C or a cancelled CI job leaves the previous reports and nothing else.
/// The same steps are a failed write's rollback. The log and the handler are C
/// (Sources/CSignalCleanup): a signal handler must not run Swift.
enum SignalCleanup {
    /// One step; steps run newest first, each harmless when its work is already undone.
    enum Step {
        /// A temporary file, or a report that had no previous file.
        case unlink(String)
        /// A staging folder, after its files.
        case rmdir(String)
        /// A folder moved aside and back.
        case rename(String, to: String)
        /// A hard-linked backup put back over the report, then removed.
        case restore(backup: String, to: String)
    }

    /// Records a step; nil when memory ran out (then the step is not recorded).
    static func add(_ step: Step) -> Int? {
        let id: Int
        switch step {
        case .unlink(let path): id = residency_undo_add(RESIDENCY_UNDO_UNLINK, path, nil)
        case .rmdir(let path): id = residency_undo_add(RESIDENCY_UNDO_RMDIR, path, nil)
        case .rename(let from, let to): id = residency_undo_add(RESIDENCY_UNDO_RENAME, from, to)
        case .restore(let backup, let to): id = residency_undo_add(RESIDENCY_UNDO_RESTORE, backup, to)
        }
        return id >= 0 ? id : nil
    }

    /// Runs a step now; 0 or the errno of the call that failed.
    static func run(_ id: Int) -> Int32 { residency_undo_run(id) }

    /// Forgets a step that ran, or whose work is final.
    static func drop(_ id: Int) { residency_undo_drop(id) }

    /// Handlers on while outputs are written (counted, for writers on several threads).
    static func install() -> Int32 { residency_undo_install() }
    static func uninstall() { residency_undo_uninstall() }
}
