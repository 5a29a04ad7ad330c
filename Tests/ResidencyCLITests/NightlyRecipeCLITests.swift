import Foundation
import Testing

/// docs/nightly.md's recipe, `scripts/nightly.sh`, run three nights in a row (issue 13): the
/// first night without a baseline, a night with findings (check exits 1), and a night with a
/// workspace removed. Each night keeps its reports and moves the baseline forward. `residency
/// export` is stood in for by copying that night's bundles; everything else is the real binary.
@Suite struct NightlyRecipeCLITests {
    static func run(night: String, bundles: [String], in dir: URL) throws -> (status: Int32, output: String) {
        let fixtures = dir.appendingPathComponent("fixtures-\(night)")
        try FileManager.default.createDirectory(at: fixtures, withIntermediateDirectories: true)
        for b in bundles {
            try FileManager.default.copyItem(
                at: repositoryRoot.appendingPathComponent("examples/inventory/\(b)"), to: fixtures.appendingPathComponent(b))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [repositoryRoot.appendingPathComponent("scripts/nightly.sh").path]
        process.currentDirectoryURL = dir
        var env = ProcessInfo.processInfo.environment
        env["PATH"] = dir.appendingPathComponent("bin").path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        env["NIGHT"] = night
        env["NIGHTLY_FIXTURES"] = fixtures.path
        env["NO_COLOR"] = "1"
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func document(_ path: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: path)) as? [String: Any])
    }

    @Test func threeNightsInARow() throws {
        let real = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("residency")
        let binary =
            FileManager.default.fileExists(atPath: real.path) ? real.path : repositoryRoot.appendingPathComponent(".build/debug/residency").path
        let dir = try temporaryFolder([
            "workspaces.yaml": "workspaces:\n  - {region: eu, tokenEnv: ACME_EU_TOKEN}\n",
            "bin/residency": "#!/bin/sh\nif [ \"$1\" = export ]; then cp \"$NIGHTLY_FIXTURES\"/* .; exit 0; fi\nexec '\(binary)' \"$@\"\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.appendingPathComponent("bin/residency").path)
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("policies"), to: dir.appendingPathComponent("policies"))
        try FileManager.default.copyItem(
            at: repositoryRoot.appendingPathComponent("examples/facts.yaml"), to: dir.appendingPathComponent("facts.yaml"))
        let reports = dir.appendingPathComponent("reports")

        // Night 1: no baseline yet; the example has findings, so check exits 1, and the
        // baseline is written all the same.
        let first = try Self.run(night: "2026-11-26", bundles: ["acme-eu.json", "acme-us.yaml"], in: dir)
        #expect(first.status == 1, "\(first.output)")
        #expect(FileManager.default.fileExists(atPath: reports.appendingPathComponent("2026-11-26/index.html").path))
        let one = try Self.document(reports.appendingPathComponent("last-night.json"))
        #expect(one["baseline"] == nil)

        // Night 2: compared with night 1, nothing new; the baseline moves to night 2.
        let second = try Self.run(night: "2026-11-27", bundles: ["acme-eu.json", "acme-us.yaml"], in: dir)
        #expect(second.status == 1, "\(second.output)")
        let two = try Self.document(reports.appendingPathComponent("last-night.json"))
        let delta = try #require(two["baseline"] as? [String: Any])
        #expect(delta["new"] as? Int == 0)
        #expect((delta["unchanged"] as? Int ?? 0) > 0)
        #expect(second.output.contains("unchanged"))

        // Night 3: the US workspace is gone: said so, and its findings are not resolved.
        let third = try Self.run(night: "2026-11-28", bundles: ["acme-eu.json"], in: dir)
        #expect(third.status == 1, "\(third.output)")
        #expect(third.output.contains("workspace acme-us is in the baseline but not in this run's inventories"))
        let three = try Self.document(reports.appendingPathComponent("last-night.json"))
        #expect((three["workspaces"] as? [Any])?.count == 1)
        // Every night's document and report are kept.
        for night in ["2026-11-26", "2026-11-27", "2026-11-28"] {
            #expect(FileManager.default.fileExists(atPath: reports.appendingPathComponent("\(night).json").path))
            #expect(FileManager.default.fileExists(atPath: reports.appendingPathComponent("\(night)/index.html").path))
        }
    }
}
