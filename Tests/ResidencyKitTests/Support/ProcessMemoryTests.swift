import Foundation
import Testing

@testable import ResidencyKit

/// The allocator's threshold for mapped blocks (`ProcessMemory`): set on glibc, unless the
/// user's `GLIBC_TUNABLES` sets one.
@Suite struct ProcessMemoryTests {
    @Test(arguments: [
        ([:], true), (["GLIBC_TUNABLES": "glibc.malloc.arena_max=2"], true),
        (["GLIBC_TUNABLES": "glibc.malloc.mmap_threshold=65536"], false),
        (["GLIBC_TUNABLES": "glibc.malloc.arena_max=2:glibc.malloc.mmap_threshold=65536"], false),
    ])
    func theUsersThresholdWins(environment: [String: String], mayTune: Bool) {
        #expect(ProcessMemory.mayTune(environment) == mayTune)
    }

    /// Both thresholds are ones glibc takes (`mallopt` returns 1).
    @Test func glibcTakesBothThresholds() {
        guard ProcessMemory.mayTune(ProcessInfo.processInfo.environment) else { return }
        #if canImport(Glibc)
            #expect(ProcessMemory.mapBlocks(from: ProcessMemory.forLargeBuffers))
            #expect(ProcessMemory.mapBlocks(from: ProcessMemory.forManyPages))
        #endif
    }
}
