import Foundation
import Testing

@testable import ResidencyKit

/// The allocator's threshold for mapped blocks (`ProcessMemory`): set on glibc, unless the
/// user's `GLIBC_TUNABLES` sets one.
@Suite struct ProcessMemoryTests {
    @Test func theThresholdIsSetUnlessTheUserSetOne() {
        let userSetOne = (ProcessInfo.processInfo.environment["GLIBC_TUNABLES"] ?? "").contains("mmap_threshold")
        #expect(ProcessMemory.mayTune == !userSetOne)
        #if canImport(Glibc)
            #expect(ProcessMemory.mapBlocks(from: ProcessMemory.forLargeBuffers) == !userSetOne)
            #expect(ProcessMemory.mapBlocks(from: ProcessMemory.forManyPages) == !userSetOne)
        #endif
    }
}
