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
            #expect(readFileBytes(atPath: path, limit: .inventory) == .success(bytes))
        }
    }

    /// What stands where a file should be, made in a fresh folder: the path to read.
    enum Place: String, CaseIterable, Sendable {
        case missing, folder, fifo, socket, brokenLink, linkToFIFO, devNull, devZero, linkToDevZero

        func make(in dir: String) throws -> String {
            switch self {
            case .missing: return dir + "/missing.json"
            case .folder:
                try FileManager.default.createDirectory(atPath: dir + "/f.json", withIntermediateDirectories: true)
                return dir + "/f.json"
            case .fifo:
                try SpecialFiles.fifo(dir + "/p.json")
                return dir + "/p.json"
            case .socket:
                try SpecialFiles.socket(dir + "/s.json")
                return dir + "/s.json"
            case .brokenLink:
                try SpecialFiles.link(dir + "/b.json", to: dir + "/nothing")
                return dir + "/b.json"
            case .linkToFIFO:
                try SpecialFiles.fifo(dir + "/p")
                try SpecialFiles.link(dir + "/l.json", to: dir + "/p")
                return dir + "/l.json"
            case .devNull: return "/dev/null"
            case .devZero: return "/dev/zero"
            case .linkToDevZero:
                try SpecialFiles.link(dir + "/z.json", to: "/dev/zero")
                return dir + "/z.json"
            }
        }

        var expected: FileReadError {
            switch self {
            case .missing, .brokenLink: .noSuchFile
            case .folder: .notAFile("a folder")
            case .fifo, .linkToFIFO: .notAFile("a FIFO (named pipe)")
            case .socket: .notAFile("a socket")
            case .devNull, .devZero, .linkToDevZero: .notAFile("a character device")
            }
        }
    }

    /// Only regular files are read: a FIFO without a writer would block for ever, and
    /// `/dev/zero` never ends. Each is refused at once, before it is read (or opened).
    @Test(.hangGuard, arguments: Place.allCases)
    func refusesWhatIsNotARegularFile(place: Place) throws {
        let dir = try SpecialFiles.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try place.make(in: dir)
        #expect(readFileBytes(atPath: path, limit: .inventory) == .failure(place.expected))
    }

    @Test func aLinkToARegularFileIsRead() throws {
        let dir = try SpecialFiles.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try SpecialFiles.write("{}", to: dir + "/real.json")
        try SpecialFiles.link(dir + "/link.json", to: "real.json")
        #expect(readFileBytes(atPath: dir + "/link.json", limit: .policy) == .success(Array("{}".utf8)))
    }

    /// The limit counts what is read, not only what `stat` says: files under /proc say 0.
    @Test(arguments: [(9, false), (10, true), (11, true)])
    func sizeIsBounded(limit: Int, fits: Bool) throws {
        let dir = try SpecialFiles.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try SpecialFiles.write("0123456789", to: dir + "/ten")
        let bound = FileSizeLimit(bytes: limit, what: "a test file")
        #expect(
            readFileBytes(atPath: dir + "/ten", limit: bound)
                == (fits ? .success(Array("0123456789".utf8)) : .failure(.tooLarge(bound))))
    }

    #if os(Linux)
        @Test func aFileThatSaysItIsEmptyIsStillBounded() {
            // /proc/self/status is a regular file of size 0 with a kilobyte or so to read.
            let bound = FileSizeLimit(bytes: 64, what: "a test file")
            #expect(readFileBytes(atPath: "/proc/self/status", limit: bound) == .failure(.tooLarge(bound)))
            guard case .success(let bytes) = readFileBytes(atPath: "/proc/self/status", limit: .policy) else {
                Issue.record("/proc/self/status could not be read")
                return
            }
            #expect(bytes.count > 64)
        }
    #endif

    /// How each reason reads after "cannot read inventory PATH: ".
    @Test(arguments: [
        (FileReadError.noSuchFile, "no such file or folder"),
        (.permissionDenied, "permission denied"),
        (.notAFile("a FIFO (named pipe)"), "it is a FIFO (named pipe), not a regular file"),
        (.tooLarge(.inventory), "it is larger than 2 GiB, the most an inventory may be"),
        (.tooLarge(.policy), "it is larger than 16 MiB, the most a policy file may be"),
        (.tooLarge(.testFile), "it is larger than 64 MiB, the most a test file may be"),
        (.folderNotListed("permission denied"), "it is a folder that cannot be listed (permission denied)"),
    ])
    func reasonsReadAsASentence(error: FileReadError, text: String) {
        #expect(error.description == text)
    }

    /// Each kind of input has its bound, named in the message.
    @Test func limitsAreWhatTheDocsSay() {
        #expect(FileSizeLimit.inventory.bytes == 2 << 30)
        #expect(FileSizeLimit.resultDocument.bytes == 2 << 30)
        #expect(FileSizeLimit.catalog.bytes == 64 << 20)
        #expect(FileSizeLimit.testFile.bytes == 64 << 20)
        for small in [FileSizeLimit.policy, .facts, .waivers, .workspaces] { #expect(small.bytes == 16 << 20) }
    }
}
