import CSignalCleanup
import Foundation

/// The size from which the allocator maps a block of its own, which goes back to the system as
/// soon as it is freed, chosen for what a run is about to allocate (glibc's `mallopt`,
/// `M_MMAP_THRESHOLD`; nothing elsewhere).
///
/// glibc starts at 128 KiB and raises the threshold each time such a block is freed, up to
/// 32 MiB. Reading a night's document maps and frees the result buffers of its parts, so by
/// the time its reports are rendered the threshold is raised, and their large buffers (an
/// HTML page in 1 MB pieces, JUnit's and SARIF's bytes, each array as it doubles) came from
/// the heap and stayed resident, held apart by smaller blocks, after they were written: the
/// four file reports of one `residency report` peaked at 300–307 MB, at 288–293 MB with the
/// threshold at 256 KiB while they are rendered (docs/performance.md, "Large blocks handed
/// back"). Not while the document is read: its parts' result buffers (a third of a megabyte
/// each, 250 of them), each mapped anew, cost the read 50 ms of page faults for 10 MB less
/// at its peak. Nor while a folder's thousand pages are written: each page's arrays, mapped
/// and unmapped anew, cost a second of the kernel's time, where the heap reuses them.
/// Setting it also stops glibc raising it.
///
/// Left alone when `GLIBC_TUNABLES` sets a threshold: the user's wins.
package enum ProcessMemory {
    /// For reports rendered whole in memory and let go once written.
    package static let forLargeBuffers: Int32 = 256 * 1024
    /// For many pages rendered one after another: the most glibc raises it to by itself.
    package static let forManyPages: Int32 = 32 * 1024 * 1024

    /// Whether the threshold may be set in a process started with `environment`.
    static func mayTune(_ environment: [String: String]) -> Bool {
        !(environment["GLIBC_TUNABLES"] ?? "").contains("mmap_threshold")
    }

    private static let mayTuneHere = mayTune(ProcessInfo.processInfo.environment)

    /// Sets the threshold to `bytes`: whether it was (not with glibc's own tunable set, nor
    /// without glibc).
    @discardableResult
    package static func mapBlocks(from bytes: Int32) -> Bool {
        mayTuneHere && residency_set_mmap_threshold(bytes) == 1
    }
}
