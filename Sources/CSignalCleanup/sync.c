// Syncing a folder of outputs at once (`--junit-dir`, `--html-dir`: a night's 1,000 files).
// Synced one by one, each file waits for its own write-back and journal commit before the
// next is written; started as each is closed and waited for once at the end, the disk writes
// while the next files are rendered. `sync_file_range` and `syncfs` are Linux's, declared only
// with _GNU_SOURCE, which Swift's Glibc module does not set: hence these few lines of C.

#define _GNU_SOURCE
#include "CSignalCleanup.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

int residency_start_writeback(int fd) {
#ifdef __linux__
    return sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE) == 0 ? 0 : errno;
#else
    (void)fd;
    return ENOSYS;
#endif
}

int residency_sync_file_system(int fd) {
#ifdef __linux__
    return syncfs(fd) == 0 ? 0 : errno;
#else
    (void)fd;
    return ENOSYS;
#endif
}
