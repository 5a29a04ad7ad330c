import Foundation
import Testing

/// Golden files under Tests/ResidencyKitTests/Golden: a rendering is compared with its
/// recorded file, or, with `RECORD_GOLDEN=1` in the environment, recorded. Recording also
/// records an issue, so a run with the variable set never passes: it writes what the code
/// gives now, which only a second run without the variable checks (as swift-snapshot-testing's
/// record mode fails).
enum Golden {
    static let folder = repositoryRoot.appendingPathComponent("Tests/ResidencyKitTests/Golden")

    static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }

    /// The file at `path` under Golden/.
    static func url(_ path: String) -> URL { folder.appendingPathComponent(path) }

    /// The text of the file at `path` under Golden/.
    static func text(_ path: String) throws -> String { try String(contentsOf: url(path), encoding: .utf8) }

    /// Expects `text` to equal the file at `path` under Golden/; with `RECORD_GOLDEN=1`, writes
    /// it there instead and records an issue saying so.
    static func match(_ text: String, _ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = url(path)
        if isRecording {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
            Issue.record("recorded \(path); run again without RECORD_GOLDEN=1 to check it", sourceLocation: sourceLocation)
            return
        }
        guard FileManager.default.fileExists(atPath: file.path) else {
            Issue.record("no golden file \(path); record it with RECORD_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        #expect(
            text == (try Self.text(path)), "\(path) differs; re-record with RECORD_GOLDEN=1 if intended",
            sourceLocation: sourceLocation)
    }
}
