import Foundation
import Testing

@testable import ResidencyKit

/// Golden tests for rendered diagnostics: each `Golden/diagnostics/NAME.policy` is checked
/// and its diagnostics rendered (human and JSON) must equal `NAME.txt` and `NAME.json`.
/// Re-record after an intended change with `RECORD_GOLDEN=1 swift test --filter Golden` (that
/// run fails on purpose), then check with `swift test --filter Golden`.
@Suite struct GoldenDiagnosticsTests {
    static let folder = Golden.url("diagnostics")

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".policy") }
            .map { String($0.dropLast(".policy".count)) }
            .sorted()
    }

    /// Without this, a moved or emptied folder would leave no case to run and pass silently.
    @Test func thereAreCases() {
        #expect(Self.cases.count >= 4)
    }

    @Test(arguments: cases)
    func rendersAsRecorded(_ name: String) throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent("\(name).policy"), encoding: .utf8)
        let path = "\(name).policy"
        let checked = Audit.checkPolicies(texts: [(path, text)])
        #expect(!checked.diagnostics.isEmpty)
        let renderer = DiagnosticRenderer(files: checked.sources.files)
        for (ext, format) in [("txt", DiagnosticRenderer.Format.human), ("json", .json)] {
            try Golden.match(renderer.render(checked.diagnostics, format: format), "diagnostics/\(name).\(ext)")
        }
    }
}
