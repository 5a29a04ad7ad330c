import Foundation
import LoopbackHTTP

@testable import ResidencyKit

/// The sample EU workspace on a `FakePublicAPI`, and the client settings that make tests
/// fast: waits recorded instead of slept.
enum ExportFixture {
    static let token = SampleWorkspace.token
    static let sources = SampleWorkspace.sources

    /// A fake Public API holding the sample workspace.
    static func api() throws -> FakePublicAPI { try SampleWorkspace.api() }

    /// Export options against `api`: pages of 2, so that every list but warehouses has
    /// several; a fixed clock.
    static func options(_ api: FakePublicAPI, timeLimit: TimeInterval = 20) throws -> WorkspaceExport.Options {
        var client = PublicAPIClient.Options(endpoint: try PublicAPIEndpoint(region: .eu, apiURL: api.baseURL))
        client.pageSize = 2
        client.timeLimit = timeLimit
        client.requestTimeout = 5
        var options = WorkspaceExport.Options(client: client)
        options.clock = { Date(timeIntervalSince1970: 1_795_831_200) }  // 2026-11-28T02:00:00Z
        return options
    }

    /// Runs an export through the real URLSession transport, recording the waits (and not
    /// sleeping them) and the progress lines.
    static func export(
        _ options: WorkspaceExport.Options, token: String = ExportFixture.token, random: Double = 0
    ) -> (result: Result<WorkspaceExport.Exported, Diagnostic>, waits: [TimeInterval], progress: [String]) {
        let log = Recorder()
        let system = ExportEnvironment.system
        let environment = ExportEnvironment(now: system.now, sleep: { log.wait($0) }, random: { random })
        let result = Result { () throws(Diagnostic) -> WorkspaceExport.Exported in
            try WorkspaceExport.run(
                options, token: APIToken(token), transport: URLSessionTransport(), environment: environment,
                progress: { log.line($0) })
        }
        return (result, log.waits, log.lines)
    }

    /// Loads bundle bytes the way `residency check --inventory` does.
    static func load(_ bundle: [UInt8], path: String = "exports/acme-eu.json") -> InventoryLoader.Loaded {
        InventoryLoader.load(files: [SourceFile(path: path, bytes: bundle)], catalog: InventoryFixture.catalog)
    }
}

/// Waits and progress lines, recorded from whichever thread reports them.
final class Recorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recordedWaits: [TimeInterval] = []
    private var recordedLines: [String] = []

    func wait(_ seconds: TimeInterval) { lock.withLock { recordedWaits.append(seconds) } }
    func line(_ text: String) { lock.withLock { recordedLines.append(text) } }
    var waits: [TimeInterval] { lock.withLock { recordedWaits } }
    var lines: [String] { lock.withLock { recordedLines } }
}
