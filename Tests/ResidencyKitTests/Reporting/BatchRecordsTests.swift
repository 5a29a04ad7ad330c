import Foundation
import Testing

@testable import ResidencyKit

/// The temporary file a run in batches keeps its workspace records in.
@Suite struct BatchRecordsTests {
    @Test func recordsComeBackInOrderAndLeaveNoFileBehind() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("batch-records-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let records = try #require(BatchRecords(folder: dir.path))
        // Unlinked at once: nothing to clean up however the process ends.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        var written: [UInt8] = []
        // Pieces around the read size (1 MiB), so that a read spans appends.
        for (i, size) in [0, 1, 700_000, 1 << 20, 3].enumerated() {
            let piece = (0..<size).map { UInt8(truncatingIfNeeded: $0 &+ i) }
            records.append(piece)
            written += piece
        }
        #expect(records.size == written.count)
        var read: [UInt8] = []
        var pieces = 0
        #expect(
            records.read {
                read += $0; pieces += 1
            })
        #expect(read == written)
        #expect(pieces == 2)
        #expect(!records.failed)
    }

    @Test func noFolderNoRecords() {
        #expect(BatchRecords(folder: "/nonexistent/residency-\(UUID().uuidString)") == nil)
    }
}
