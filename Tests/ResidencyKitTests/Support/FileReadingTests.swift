import Foundation
import Testing

@testable import ResidencyKit

@Suite struct FileReadingTests {
    @Test func lineStartsFollowEveryLineFeed() {
        for text in [
            "", "a", "\n", "a\nb", "a\r\nb\n", "\n\n\n",
            "no break at all, but long " + String(repeating: "x", count: 300) + "\nend\n",
        ] {
            var expected = [0]
            for (i, b) in text.utf8.enumerated() where b == 10 { expected.append(i + 1) }
            #expect(SourceFile(path: "t", text: text).lineStarts == expected, "\(text.debugDescription)")
        }
    }

    @Test func readsWholeFilesAndRefusesWhatIsNotOne() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("residency-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for size in [0, 1, 4095, 4096, 4097, 200_000] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            let path = dir.appendingPathComponent("f\(size)").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            #expect(readFileBytes(atPath: path) == bytes)
        }
        #expect(readFileBytes(atPath: dir.appendingPathComponent("missing").path) == nil)
        #expect(readFileBytes(atPath: dir.path) == nil)
    }
}
