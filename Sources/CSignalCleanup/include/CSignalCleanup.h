#ifndef CSIGNALCLEANUP_H
#define CSIGNALCLEANUP_H

/// What one undo step does. Steps run newest first, each ignoring what is already undone,
/// so that the log can run at any moment of a write: before, during or after the renames.
typedef enum {
    /// unlink(a): a temporary file, or a new report that had no previous file.
    RESIDENCY_UNDO_UNLINK = 1,
    /// rmdir(a): a staging folder, once its files are gone.
    RESIDENCY_UNDO_RMDIR = 2,
    /// rename(a, b): a folder moved aside, or a new folder moved back to its staging name.
    RESIDENCY_UNDO_RENAME = 3,
    /// rename(a, b), then unlink(a) when that succeeded: a hard-linked backup of a report put
    /// back in place (when nothing replaced it yet, the rename does nothing and the link goes).
    RESIDENCY_UNDO_RESTORE = 4,
} residency_undo_op;

/// Records a step (the strings are copied); returns its id, or -1 when memory ran out.
long residency_undo_add(residency_undo_op op, const char *a, const char *b);

/// Runs one step now, for a failed write's rollback: 0, or the errno of its failing call.
int residency_undo_run(long id);

/// Forgets a step: it has run, or what it would undo is final.
void residency_undo_drop(long id);

/// While installed, SIGINT, SIGTERM and SIGHUP run every recorded step, newest first, then
/// the signal's previous action (by default: the process ends by that signal). Counted:
/// the last uninstall restores the previous handlers. Returns 0, or an errno.
int residency_undo_install(void);
void residency_undo_uninstall(void);

/// Starts writing a file's data to disk without waiting for it (Linux's
/// `sync_file_range(SYNC_FILE_RANGE_WRITE)`): 0, or an errno (ENOSYS elsewhere).
int residency_start_writeback(int fd);

/// Waits until everything written to the file system holding `fd` is on disk, reporting a
/// failed write-back (Linux's `syncfs`): 0, or an errno (ENOSYS elsewhere).
int residency_sync_file_system(int fd);

/// Sets glibc's threshold from which `malloc` maps a block of its own (`mallopt`'s
/// `M_MMAP_THRESHOLD`, which also stops glibc raising it): 1 when set, 0 when not (always 0
/// without glibc). `malloc.h` is not in Swift's Glibc module.
int residency_set_mmap_threshold(int bytes);

#endif
