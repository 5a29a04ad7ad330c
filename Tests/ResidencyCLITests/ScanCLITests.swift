import Foundation
import Testing

@testable import ResidencyKit

/// `residency scan` and `check --scan` run as the binary: exit codes, outputs, and the gate
/// deciding from the SDK setup in an app's code.
@Suite struct ScanCLITests {
    static let corpus = "Tests/ResidencyKitTests/Fixtures/scan"
    static let now = ["--now", "2026-11-28T02:00:00Z"]

    /// An EU workspace with an Android app whose write key the app's code uses.
    static let bundle = """
        {
          "exportVersion": 1,
          "apiHost": "https://eu1.api.segmentapis.com",
          "workspace": {"id": "ws-shop-eu", "slug": "shop-eu", "name": "Shop EU"},
          "region": "eu-west",
          "sources": [
            {"id": "src-android", "slug": "android-app", "name": "Android app", "enabled": true,
             "writeKeys": ["kotlinEUwriteKey00001"],
             "metadata": {"id": "9EMcTqiKok", "slug": "kotlin-android", "name": "Kotlin (Android)", "categories": ["Mobile"],
                          "isCloudEventSource": false}}
          ],
          "destinations": [],
          "warehouses": []
        }
        """

    static func app(host: String) -> String {
        """
        package com.example.shop

        import com.segment.analytics.kotlin.android.Analytics

        class ShopApplication : android.app.Application() {
            override fun onCreate() {
                super.onCreate()
                val analytics = Analytics("kotlinEUwriteKey00001", applicationContext) {
                    apiHost = "\(host)"
                }
            }
        }
        """
    }

    @Test func scansTheSampleAppsAndWritesTheirSetups() throws {
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("sdk-configs.json").path
        let r = try residency(["scan", Self.corpus, "--json", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("59 SDK setups in 45 files of 48 read"), "\(r.stdout)")
        #expect(r.stderr.contains("warning[W1801]"), "the file that cannot be tokenised is named")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any])
        #expect((json["sdkConfigs"] as? [Any])?.count == 59)
    }

    /// Scanning `.`: the `.env` at the top applies everywhere, a deeper one wins below its folder.
    @Test func theDeeperEnvFileWinsWhenScanningTheCurrentFolder() throws {
        let dir = try temporaryFolder([
            ".env": "HOST=https://api.segment.io\nKEY=rootKey\n", "svc/.env": "HOST=https://events.eu1.segmentapis.com\n",
            "svc/app.js":
                "const { Analytics } = require('@segment/analytics-node')\nnew Analytics({ writeKey: process.env.KEY, host: process.env.HOST })\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try residency(["scan", "."], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stdout.contains(#"svc/app.js:2:5  analytics-node  writeKey "rootKey"  host "https://events.eu1.segmentapis.com""#),
            "\(r.stdout)")
    }

    /// `scan --inventory`: a setup whose write key an exported source has is keyed by that
    /// source's id (and its entry, pasted into the bundle, configures it); one no source has is a
    /// finding, and the scan exits 1.
    @Test func theInventoryNamesEachSetupsSourceAndWhatItCannotMatch() throws {
        let dir = try temporaryFolder([
            "inv/shop-eu.json": Self.bundle, "app/ShopApplication.kt": Self.app(host: "api.segment.io/v1"),
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let home = ["RESIDENCY_HOME": repositoryRoot.path]
        let r = try residency(
            ["scan", "app", "--inventory", "inv", "--json", "out/sdk.json"], in: dir, environment: home)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains(#"apiHost "api.segment.io/v1"  → source src-android (shop-eu)"#), "\(r.stdout)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("out/sdk.json")))
                as? [String: Any])
        let entry = try #require((json["sdkConfigs"] as? [[String: Any]])?.first)
        #expect(entry["sourceId"] as? String == "src-android")
        #expect((json["findings"] as? [Any])?.isEmpty == true)
        #expect(json["inventories"] as? [String] == ["inv"])

        // The entry as it is, in the bundle: the audit decides from it (RES-004 fails on the US host).
        var bundle = try #require(try JSONSerialization.jsonObject(with: Data(Self.bundle.utf8)) as? [String: Any])
        bundle["sdkConfigs"] = [entry]
        try JSONSerialization.data(withJSONObject: bundle).write(to: dir.appendingPathComponent("inv/shop-eu.json"))
        let policies = repositoryRoot.appendingPathComponent("policies").path
        let audit = try residency(["check", "--policies", policies, "--inventory", "inv"] + Self.now, in: dir)
        #expect(audit.status == 1, "\(audit.stdout)\(audit.stderr)")
        #expect(audit.stdout.contains("FAIL    RES-004  error   shop-eu/source/src-android"), "\(audit.stdout)")

        try Self.app(host: "api.segment.io/v1").replacingOccurrences(of: "kotlinEUwriteKey00001", with: "strayKey")
            .write(to: dir.appendingPathComponent("app/ShopApplication.kt"), atomically: true, encoding: .utf8)
        let stray = try residency(["scan", "app", "--inventory", "inv"], in: dir, environment: home)
        #expect(stray.status == 1, "\(stray.stdout)\(stray.stderr)")
        #expect(
            stray.stdout.contains(
                "FINDING scan-unknown-write-key: app/ShopApplication.kt:8:25: analytics-kotlin is set up with write key strayKey"),
            "\(stray.stdout)")
        let broken = try residency(["scan", "app", "--inventory", "missing"], in: dir, environment: home)
        #expect(broken.status == 2, "\(broken.stdout)\(broken.stderr)")
    }

    /// `--json` over a file the scan read (the app's own code) is refused, and the file stays.
    @Test func theJSONIsNeverWrittenOverScannedCode() throws {
        let code = Self.app(host: "events.eu1.segmentapis.com/v1")
        let dir = try temporaryFolder(["app/ShopApplication.kt": code])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try residency(["scan", "app", "--json", "app/ShopApplication.kt"], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("error[E1604]"), "\(r.stderr)")
        #expect(try String(contentsOf: dir.appendingPathComponent("app/ShopApplication.kt"), encoding: .utf8) == code)
        // Nor over a bundle read from an `--inventory` folder.
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("inv"), withIntermediateDirectories: true)
        try Self.bundle.write(to: dir.appendingPathComponent("inv/shop-eu.json"), atomically: true, encoding: .utf8)
        let home = ["RESIDENCY_HOME": repositoryRoot.path]
        let over = try residency(["scan", "app", "--inventory", "inv", "--json", "inv/shop-eu.json"], in: dir, environment: home)
        #expect(over.status == 2, "\(over.stdout)\(over.stderr)")
        #expect(over.stderr.contains("error[E1604]"), "\(over.stderr)")
        #expect(try String(contentsOf: dir.appendingPathComponent("inv/shop-eu.json"), encoding: .utf8) == Self.bundle)
    }

    /// An environment file that sets a name twice, or leaves a quote open, is refused: which
    /// value counts would be a guess.
    @Test(arguments: [
        ("HOST=a\nHOST=b\n", "bad.env:2:1: error[E1802]: HOST is set twice in an environment file (first on line 1)"),
        ("HOST=\"https://api.segment.io\n", "bad.env:1:1: error[E1802]: a quoted value of HOST that is not closed on its line"),
    ])
    func anAmbiguousEnvironmentFileIsAnError(text: String, message: String) throws {
        let dir = try temporaryFolder(["bad.env": text])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try residency(["scan", repositoryRoot.appendingPathComponent(Self.corpus).path, "--env", "bad.env"], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }

    @Test func aPathThatCannotBeScannedIsAnError() throws {
        let r = try residency(["scan", "no/such/folder"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("error[E1801]: cannot scan no/such/folder: No such file or directory"), "\(r.stderr)")
    }

    @Test func aBadEnvironmentFileIsAnError() throws {
        let dir = try temporaryFolder(["bad.env": "GOOD=1\nthis is not a setting\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try residency(["scan", Self.corpus, "--env", dir.appendingPathComponent("bad.env").path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("bad.env:2:1: error[E1802]: expected NAME=value in an environment file"), "\(r.stderr)")
    }

    /// The pre-deployment gate: the same workspace passes with the app's EU setup and fails
    /// once a change points the SDK at the US host, with the code's line in the evidence.
    @Test func theGateFailsWhenAnAppsChangeMovesItsSDKToTheUS() throws {
        let dir = try temporaryFolder([
            "inv/shop-eu.json": Self.bundle, "app/ShopApplication.kt": Self.app(host: "events.eu1.segmentapis.com/v1"),
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let policies = repositoryRoot.appendingPathComponent("policies").path
        let args = ["check", "--policies", policies, "--inventory", "inv", "--scan", "app"] + Self.now
        let eu = try residency(args, in: dir)
        #expect(eu.status == 0, "\(eu.stdout)\(eu.stderr)")
        #expect(eu.stdout.contains("verdict:     COMPLIANT"), "\(eu.stdout)")

        try Self.app(host: "api.segment.io/v1").write(
            to: dir.appendingPathComponent("app/ShopApplication.kt"), atomically: true, encoding: .utf8)
        let us = try residency(args + ["--json", "out/results.json", "--sarif", "out/results.sarif"], in: dir)
        #expect(us.status == 1, "\(us.stdout)\(us.stderr)")
        #expect(us.stdout.contains("FAIL    RES-004  error   shop-eu/source/src-android"), "\(us.stdout)")
        #expect(us.stdout.contains("FAIL    RES-005  error   shop-eu/source/src-android"), "\(us.stdout)")
        // The finding points at the line of code, in the terminal and for code scanning.
        #expect(us.stdout.contains("          at app/ShopApplication.kt:9\n"), "\(us.stdout)")
        let sarif = try String(contentsOf: dir.appendingPathComponent("out/results.sarif"), encoding: .utf8)
        #expect(sarif.contains(#""uri": "app/ShopApplication.kt""#), "\(sarif)")
        // The file of code is an input of the run, by digest, as every other input is.
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("out/results.json")))
                as? [String: Any])
        let code = try #require((document["inputs"] as? [String: Any])?["code"] as? [[String: String]])
        let bytes = try Data(contentsOf: dir.appendingPathComponent("app/ShopApplication.kt"))
        #expect(code.map { $0["path"] } == ["app/ShopApplication.kt"])
        #expect(code.first?["sha256"] == SHA256.hex(Array(bytes)))
        let html = try residency(["report", "out/results.json", "--html", "out/report.html"], in: dir)
        #expect(html.status == 0, "\(html.stderr)")
        #expect(
            try String(contentsOf: dir.appendingPathComponent("out/report.html"), encoding: .utf8).contains("application code"))
        // The saved document renders the same SARIF.
        let again = try residency(["report", "out/results.json", "--sarif", "out/again.sarif"], in: dir)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try String(contentsOf: dir.appendingPathComponent("out/again.sarif"), encoding: .utf8) == sarif)
        let explain = try residency(
            [
                "explain", "--policy", "RES-004", "--resource", "src-android", "--policies", policies, "--inventory", "inv",
                "--scan", "app",
            ]
                + Self.now, in: dir)
        #expect(
            explain.stdout.contains(
                #"sdk.apiHost = "api.segment.io/v1" → https://{apiHost}/b = https://api.segment.io/v1/b (apiHost at app/ShopApplication.kt:9:23)"#
            ), "\(explain.stdout)")
    }

    /// A value the code reads from the environment is undecided unless an environment file
    /// gives it; write keys no workspace has, or that cannot be resolved, are said.
    @Test func whatTheScanCannotResolveIsNeverCompliant() throws {
        let code = Self.app(host: "x").replacingOccurrences(of: "\"x\"", with: "System.getenv(\"SEGMENT_API_HOST\")")
        let other = """
            import com.segment.analytics.kotlin.android.Analytics
            val a = Analytics("someOtherWorkspaceKey", context) { apiHost = "api.segment.io/v1" }
            val b = Analytics(BuildConfig.SEGMENT_WRITE_KEY, context) { }
            val c = Analytics(BuildConfig.OTHER_APP_KEY, context) { apiHost = "events.eu1.segmentapis.com/v1" }
            """
        let dir = try temporaryFolder([
            "inv/shop-eu.json": Self.bundle, "app/ShopApplication.kt": code, "app/Other.kt": other,
            "prod.env": "SEGMENT_API_HOST=events.eu1.segmentapis.com/v1\n",
            "app/Broken.kt": "// Segment setup being edited\nval key = \"never closed\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let policies = repositoryRoot.appendingPathComponent("policies").path
        let args = ["check", "--policies", policies, "--inventory", "inv", "--scan", "app"] + Self.now
        let unknown = try residency(args, in: dir)
        #expect(unknown.status == 1, "\(unknown.stdout)\(unknown.stderr)")
        #expect(unknown.stdout.contains("UNKNOWN RES-004  error   shop-eu/source/src-android"), "\(unknown.stdout)")
        #expect(
            unknown.stdout.contains(
                "NOTICE  app/Other.kt:2:9: analytics-kotlin is set up with write key someOtherWorkspaceKey, which no source of the audited workspaces has"
            ),
            "\(unknown.stdout)")
        #expect(
            unknown.stdout.contains(
                "NOTICE  app/Other.kt:3:9: analytics-kotlin is set up with write key build setting BuildConfig.SEGMENT_WRITE_KEY"),
            "\(unknown.stdout)")
        // A file the scan could not read is in the report, not only on stderr.
        #expect(
            unknown.stdout.contains("NOTICE  cannot read app/Broken.kt as code: a string that never ends on its line"),
            "\(unknown.stdout)")
        // With the host given, RES-004 decides; the two setups that feed no source the run can
        // name still fail the gate and leave the verdict undecided, in every report.
        let given = try residency(
            args + [
                "--scan-env", "prod.env", "--sarif", "out/scan.sarif", "--junit", "out/scan.xml", "--json", "out/doc.json",
                "--junit-dir", "out/junit",
            ],
            in: dir)
        #expect(given.status == 1, "\(given.stdout)\(given.stderr)")
        #expect(!given.stdout.contains("UNKNOWN RES-004"), "\(given.stdout)")
        #expect(given.stdout.contains("someOtherWorkspaceKey, which no source of the audited workspaces has"), "\(given.stdout)")
        #expect(given.stdout.contains("does not audit  (gate)"), "\(given.stdout)")
        // One that sends to the EU endpoint moves nothing out of the EU: said, and not counted.
        #expect(
            given.stdout.contains(
                "NOTICE  app/Other.kt:4:9: analytics-kotlin is set up with write key build setting BuildConfig.OTHER_APP_KEY, which the scan cannot resolve; it sends to the EU endpoint (https://events.eu1.segmentapis.com/v1/b), so it moves no data out of the EU\n"
            ), "\(given.stdout)")
        #expect(
            given.stdout.contains("verdict:     NOT DECIDED — 2 SDKs set up in code send events to a source"), "\(given.stdout)")
        let sarif = try String(contentsOf: dir.appendingPathComponent("out/scan.sarif"), encoding: .utf8)
        #expect(sarif.contains(#""ruleId": "scan-unknown-write-key""#), "\(sarif)")
        #expect(sarif.contains(#""uri": "app/Other.kt""#) && sarif.contains(#""startLine": 2"#), "\(sarif)")
        let junit = try String(contentsOf: dir.appendingPathComponent("out/scan.xml"), encoding: .utf8)
        // Undecided, as a result that could not be decided is: in error, not failed.
        // The file it could not read is a skipped testcase: the scan did not see all of the code.
        #expect(junit.contains(#"<testsuite name="residency.run" tests="3" failures="0" errors="2" skipped="1""#), "\(junit)")
        #expect(junit.contains(#"<error type="scan-unknown-write-key""#), "\(junit)")
        #expect(junit.contains(#"<skipped message="cannot read app/Broken.kt as code"#), "\(junit)")
        // In a folder, the run's file holds the run's suite alone: the policies' are the workspaces'.
        let runFile = try String(contentsOf: dir.appendingPathComponent("out/junit/residency-run.xml"), encoding: .utf8)
        #expect(runFile.components(separatedBy: "<testsuite ").count == 2, "\(runFile)")
        #expect(runFile.contains(#"<testsuite name="residency.run" tests="3" failures="0" errors="2" skipped="1""#), "\(runFile)")
        #expect(junit.contains(#"<testcase classname="residency.run" name="app/Other.kt:3:9""#), "\(junit)")
        // The saved document keeps the notices' places: `report` renders the same SARIF and JUnit.
        let again = try residency(["report", "out/doc.json", "--sarif", "out/again.sarif", "--junit", "out/again.xml"], in: dir)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try String(contentsOf: dir.appendingPathComponent("out/again.sarif"), encoding: .utf8) == sarif)
        #expect(try String(contentsOf: dir.appendingPathComponent("out/again.xml"), encoding: .utf8) == junit)

        // Without them (code that does not ship, left out), and with the environment given, the app passes.
        let clean = try residency(args + ["--scan-env", "prod.env", "--scan-exclude", "Other.kt"], in: dir)
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        #expect(!clean.stdout.contains("Other.kt"), "\(clean.stdout)")
    }

    /// A request written by hand carries its write key where the scan does not look: to a US
    /// host it fails the gate (where its events belong is not decided); to the EU host it is no
    /// transfer, since Segment refuses a US workspace's key there.
    @Test func aHandWrittenRequestToTheUSFailsTheGate() throws {
        let dir = try temporaryFolder([
            "inv/shop-eu.json": Self.bundle, "app/ShopApplication.kt": Self.app(host: "events.eu1.segmentapis.com/v1"),
            "web/track.js": "fetch('https://api.segment.io/v1/track', { method: 'POST', body })\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let policies = repositoryRoot.appendingPathComponent("policies").path
        let args = ["check", "--policies", policies, "--inventory", "inv", "--scan", "app", "--scan", "web"] + Self.now
        let us = try residency(args, in: dir)
        #expect(us.status == 1, "\(us.stdout)\(us.stderr)")
        #expect(
            us.stdout.contains(
                "web/track.js:1:7: a request written by hand posts to https://api.segment.io/v1/track (region us)"),
            "\(us.stdout)")
        try "fetch('https://events.eu1.segmentapis.com/v1/track', { method: 'POST', body })\n".write(
            to: dir.appendingPathComponent("web/track.js"), atomically: true, encoding: .utf8)
        let eu = try residency(args, in: dir)
        #expect(eu.status == 0, "\(eu.stdout)\(eu.stderr)")

        // A run of US workspaces alone has no EU data a request to the US could move.
        let us2 = Self.bundle.replacingOccurrences(of: "eu1.api.segmentapis.com", with: "api.segmentapis.com")
            .replacingOccurrences(of: "eu-west", with: "us-west")
        try us2.write(to: dir.appendingPathComponent("inv/shop-eu.json"), atomically: true, encoding: .utf8)
        try "fetch('https://api.segment.io/v1/track', { method: 'POST', body })\n".write(
            to: dir.appendingPathComponent("web/track.js"), atomically: true, encoding: .utf8)
        let usOnly = try residency(args, in: dir)
        #expect(!usOnly.stdout.contains("a request written by hand"), "\(usOnly.stdout)")
    }

    /// The same for a library whose setting is not `apiHost` (analytics-node's `host`): a source
    /// set up two ways is unknown whatever the library.
    @Test func aServerSourceSetUpTwoWaysIsUndecided() throws {
        func node(_ host: String) -> String {
            "const { Analytics } = require('@segment/analytics-node')\n"
                + "new Analytics({ writeKey: 'kotlinEUwriteKey00001', host: '\(host)' })\n"
        }
        let dir = try temporaryFolder([
            "inv/shop-eu.json": Self.bundle, "app/eu.js": node("https://events.eu1.segmentapis.com"),
            "app/us.js": node("https://api.segment.io"),
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let policies = repositoryRoot.appendingPathComponent("policies").path
        let r = try residency(["check", "--policies", policies, "--inventory", "inv", "--scan", "app"] + Self.now, in: dir)
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("UNKNOWN RES-004  error   shop-eu/source/src-android"), "\(r.stdout)")
        #expect(r.stdout.contains("is set up differently in 2 places (app/eu.js:2:5, app/us.js:2:5)"), "\(r.stdout)")
    }

    /// One source set up two ways in the code: which one ships is not in the code.
    @Test func oneSourceSetUpTwoWaysIsUndecided() throws {
        let dir = try temporaryFolder([
            "inv/shop-eu.json": Self.bundle, "app/ShopApplication.kt": Self.app(host: "events.eu1.segmentapis.com/v1"),
            "app/Debug.kt": Self.app(host: "api.segment.io/v1"),
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let policies = repositoryRoot.appendingPathComponent("policies").path
        let r = try residency(["check", "--policies", policies, "--inventory", "inv", "--scan", "app"] + Self.now, in: dir)
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("UNKNOWN RES-004  error   shop-eu/source/src-android"), "\(r.stdout)")
        #expect(
            r.stdout.contains(
                "source src-android of workspace shop-eu is set up differently in 2 places (app/Debug.kt:8:25, app/ShopApplication.kt:8:25)"
            ), "\(r.stdout)")
    }
}
