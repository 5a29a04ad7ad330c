import Foundation
import LoopbackHTTP
import Testing

/// `residency export` run as a binary against a fake Public API on 127.0.0.1, the token in
/// the environment as users give it.
@Suite struct ExportCLITests {
    static let token = SampleWorkspace.token
    static let environment = ["SEGMENT_PUBLIC_API_TOKEN": token]

    /// Runs `residency export` with the sample API, its token and fast retries.
    static func export(
        _ api: FakePublicAPI, _ extra: [String], in directory: URL, environment: [String: String] = environment
    ) throws -> (status: Int32, stdout: String, stderr: String) {
        try residency(
            ["export", "--region", "eu", "--api-url", api.baseURL, "--page-size", "2", "--retry-base-delay", "0.01"] + extra,
            in: directory, environment: environment)
    }

    /// Every file under `folder`, concatenated.
    static func contents(_ folder: URL) -> String {
        let paths = FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []
        return paths.sorted().map { (try? String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)) ?? "" }
            .joined()
    }

    @Test func exportsToTheDefaultPathAndCheckReadsIt() throws {
        let api = try SampleWorkspace.api()
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Self.export(api, ["--now", "2026-11-28T02:00:00Z"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stdout
                == "wrote exports/acme-eu.json: workspace acme-eu (https://eu1.api.segmentapis.com): 3 sources, 5 destinations, 1 warehouse\n"
        )
        #expect(r.stderr.isEmpty, "no progress when standard error is not a terminal")
        let text = try String(contentsOf: dir.appendingPathComponent("exports/acme-eu.json"), encoding: .utf8)
        #expect(text.contains(#""exportedAt": "2026-11-28T02:00:00Z""#))

        // The gate reads the folder: the Mixpanel destination of this EU workspace sends to the US.
        let check = try residency(["check", "--inventory", dir.appendingPathComponent("exports").path])
        #expect(check.status == 1, "\(check.stderr)")
        #expect(!check.stderr.contains("error["), "\(check.stderr)")
        #expect(check.stdout.contains("acme-eu"))
        #expect(!(r.stdout + r.stderr + Self.contents(dir)).contains(Self.token))
    }

    @Test func aWorkspacesFileExportsEachAndReportsTheOneThatFailed() throws {
        let api = try SampleWorkspace.api()
        let dir = try temporaryFolder([
            "workspaces.yaml": """
            # The nightly run: one token per workspace, named by its variable.
            workspaces:
              - {region: eu, tokenEnv: ACME_EU_TOKEN, output: nightly/acme-eu.json}
              - {region: us, tokenEnv: ACME_US_TOKEN, output: nightly/acme-us.json}
            """
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try residency(
            ["export", "--workspaces", "workspaces.yaml", "--api-url", api.baseURL, "--retry-base-delay", "0.01"], in: dir,
            environment: ["ACME_EU_TOKEN": Self.token])
        #expect(r.status == 2)
        #expect(r.stdout.hasPrefix("wrote nightly/acme-eu.json: workspace acme-eu"))
        #expect(r.stderr.contains("error[E1301]: the environment variable ACME_US_TOKEN is not set"))
        #expect(r.stderr.contains("1 of 2 exports failed"))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("nightly/acme-eu.json").path))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("nightly/acme-us.json").path))
        #expect(!(r.stdout + r.stderr + Self.contents(dir)).contains(Self.token))
    }

    @Test func aTokenInTheWorkspacesFileIsRefused() throws {
        let dir = try temporaryFolder(["w.yaml": "workspaces:\n  - {region: eu, token: abcdefabcdefabcdef}\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try residency(["export", "--workspaces", "w.yaml"], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("w.yaml:2:18: error[E1317]: unknown key `token` in a workspace entry"), "\(r.stderr)")
        #expect(r.stderr.contains("tokens never go in files"))
    }

    @Test func regionOrWorkspacesIsRequired() throws {
        let r = try residency(["export"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("give --region eu|us, or --workspaces FILE"))
    }

    @Test func verboseShowsRequestsAndRetries() throws {
        let api = try SampleWorkspace.api()
        api.script("/sources", [.json("{}", status: 500)])
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Self.export(api, ["--verbose", "--output", "out/ws.json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("residency: GET /sources page 1\n"))
        #expect(r.stderr.contains("residency: GET /sources page 1: HTTP 500; trying again in "))
        #expect(r.stderr.contains("residency: GET /destinations page 3\n"))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/ws.json").path))
        #expect(!(r.stdout + r.stderr).contains(Self.token))
    }

    /// Segment's 429 (https://docs.segmentapis.com/tag/Rate-Limits) names its reset in
    /// `X-RateLimit-Reset`; --verbose says how long the export waits, until when, and why.
    /// The wait is real: one second, the header's resolution.
    @Test func verboseShowsRateLimitWaits() throws {
        let api = try SampleWorkspace.api()
        api.script(
            "/destinations",
            [
                .json(
                    #"{"errors": [{"type": "RequestError", "message": "Too many requests", "data": {"remainingPoints": 0, "consumedPoints": 21}}]}"#,
                    status: 429,
                    headers: ["Date": "Wed, 21 Oct 2015 07:27:59 GMT", "X-RateLimit-Reset": "Wed, 21 Oct 2015 07:28:00 GMT"])
            ])
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Self.export(api, ["--verbose", "--output", "out/ws.json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stderr.contains(
                "residency: GET /destinations page 1\nresidency: rate limited by Segment on GET /destinations page 1; waiting 1 s until 07:28:00 UTC (X-RateLimit-Reset)\nresidency: GET /destinations page 2\n"
            ), "\(r.stderr)")
        #expect(!(r.stdout + r.stderr).contains(Self.token))
    }

    /// A reset beyond --timeout ends the export at once with E1319, naming the reset.
    @Test func aRateLimitPastTheTimeoutFailsAtOnce() throws {
        let api = try SampleWorkspace.api()
        api.script(
            "/",
            [
                .json(
                    "{}", status: 429,
                    headers: ["Date": "Wed, 21 Oct 2015 07:28:00 GMT", "X-RateLimit-Reset": "Wed, 21 Oct 2015 08:28:00 GMT"])
            ])
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let started = Date()
        let r = try Self.export(api, ["--timeout", "30"], in: dir)
        #expect(r.status == 2)
        #expect(
            r.stderr.contains(
                "error[E1319]: GET /: Segment's rate limit would not reset before the time limit of 30 s runs out: it resets at 2015-10-21 08:28:00 UTC (X-RateLimit-Reset), in 3600 s,"
            ), "\(r.stderr)")
        #expect(r.stderr.hasSuffix("residency: no bundle written (eu workspace, token from SEGMENT_PUBLIC_API_TOKEN)\n"))
        #expect(Date().timeIntervalSince(started) < 15)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func aRejectedTokenExitsTwoAndWritesNothing() throws {
        let api = try SampleWorkspace.api()
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let wrong = "sgp_wrong.0123456789"
        let r = try Self.export(api, [], in: dir, environment: ["SEGMENT_PUBLIC_API_TOKEN": wrong])
        #expect(r.status == 2)
        #expect(r.stderr.contains("residency: error[E1302]: GET /: the token was rejected (401 Unauthorized) by \(api.baseURL)/"))
        #expect(r.stderr.contains("check SEGMENT_PUBLIC_API_TOKEN"))
        #expect(r.stderr.hasSuffix("residency: no bundle written (eu workspace, token from SEGMENT_PUBLIC_API_TOKEN)\n"))
        #expect(r.stdout.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        #expect(!(r.stdout + r.stderr).contains(wrong))
    }

    @Test func aMissingTokenNamesTheVariable() throws {
        let api = try SampleWorkspace.api()
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Self.export(api, ["--token-env", "RESIDENCY_TEST_NO_SUCH_TOKEN"], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("error[E1301]: the environment variable RESIDENCY_TEST_NO_SUCH_TOKEN is not set"))
        #expect(api.requests.isEmpty)
    }

    @Test func theCatalogGoesToItsOwnFile() throws {
        let api = try SampleWorkspace.api()
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Self.export(api, ["--output", "exports/eu.json", "--catalog-output", "catalog/destinations.json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasSuffix("wrote catalog/destinations.json: 1 catalog destination\n"))
        let catalog = try String(contentsOf: dir.appendingPathComponent("catalog/destinations.json"), encoding: .utf8)
        #expect(catalog.contains(#""destinationsCatalog""#))
    }

    @Test(arguments: [
        (["--page-size", "500"], "--page-size must be 1 to 200, found 500"),
        (["--timeout", "0"], "--timeout must be a positive number of seconds"),
        (["--region", "ap"], "--region"),
        (["--api-url", "https://user:pw@example.com"], "error[E1314]: --api-url (not shown) holds credentials"),
        (["--now", "yesterday"], "--now takes a UTC time"),
    ])
    func badUsageExitsTwo(arguments: [String], words: String) throws {
        let api = try SampleWorkspace.api()
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Self.export(api, arguments, in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains(words), "\(r.stderr)")
        #expect(!r.stderr.contains("pw@"))
    }
}
