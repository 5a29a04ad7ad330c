import Foundation
import Testing

@testable import ResidencyKit

/// `residency scan` over the sample apps in Fixtures/scan: one per SDK, written from each
/// SDK's documented setup, with EU-correct, US-default, wrong-path, environment-driven and
/// commented-out configurations. Each line is what the scan must find (docs/scan.md gives
/// the configuration API each pattern reads, with its repository and path).
@Suite struct CodeScanCorpusTests {
    static let root = repositoryRoot.appendingPathComponent("Tests/ResidencyKitTests/Fixtures/scan").path

    static func scan(_ paths: [String] = [root], environmentFile: String? = nil) -> CodeScan.Outcome {
        CodeScan.run(CodeScan.Options(paths: paths, environmentFile: environmentFile))
    }

    /// The report's lines for code written into a folder of its own (file name → code).
    static func scanLines(_ files: [String: String]) throws -> [String] {
        let folder = try InventoryFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (name, code) in files { try code.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        return ScanReport.text(scan([folder])).split(separator: "\n").map(String.init)
    }

    /// The report's lines with the corpus's folder taken off each path.
    static func lines(_ outcome: CodeScan.Outcome) -> [String] {
        ScanReport.text(outcome).split(separator: "\n").map { $0.replacingOccurrences(of: root + "/", with: "") }
    }

    static let expected = [
        "android-kotlin/app/src/main/java/com/example/shop/Flavors.kt:6:41  analytics-kotlin  writeKey build setting BuildConfig.SEGMENT_WRITE_KEY  apiHost build setting BuildConfig.SEGMENT_API_HOST",
        #"android-kotlin/app/src/main/java/com/example/shop/JavaCompat.java:8:20  analytics-kotlin  writeKey "kotlinJavaCompat00003"  apiHost "api.segment.io/v1""#,
        #"android-kotlin/app/src/main/java/com/example/shop/JavaLambda.java:9:35  analytics-kotlin  writeKey "kotlinJavaLambda00005"  apiHost "api.segment.io/v1""#,
        #"android-kotlin/app/src/main/java/com/example/shop/OldPackage.kt:9:9  analytics-kotlin  writeKey "kotlinOldPackage00004"  apiHost "events.eu1.segmentapis.com/v1""#,
        #"android-kotlin/app/src/main/java/com/example/shop/ShopApplication.kt:13:21  analytics-kotlin  writeKey "kotlinEUwriteKey00001"  apiHost "events.eu1.segmentapis.com/v1""#,
        #"android-kotlin/app/src/main/java/com/example/shop/ShopApplication.kt:19:18  analytics-kotlin  writeKey "kotlinUSdefault000002"  (no endpoint set: the SDK's default)"#,
        #"android-legacy/app/src/main/java/com/example/legacy/LegacyApp.java:12:45  analytics-android  writeKey "androidLegacyKey00001"  apiHost "events.eu1.segmentapis.com/v1""#,
        #"dotnet/Legacy/Startup.cs:9:23  analytics-dotnet  writeKey "dotnetClassicKey00001"  host "https://events.eu1.segmentapis.com""#,
        #"dotnet/Shop/Telemetry.cs:9:37  analytics-csharp  writeKey "csharpEUwriteKey00001"  apiHost "events.eu1.segmentapis.com/v1""#,
        #"dotnet/Shop/Telemetry.cs:17:31  analytics-csharp  writeKey "csharpScheme000000002"  apiHost "https://events.eu1.segmentapis.com/v1""#,
        #"dotnet/Shop/UnityTelemetry.cs:9:17  analytics-csharp  writeKey "csharpUnityKey0000003"  apiHost "events.eu1.segmentapis.com/v1"  httpClientProvider unknown (provider)"#,
        #"flutter-app/lib/main.dart:5:32  analytics-flutter  writeKey "flutterEUwriteKey0001"  apiHost "events.eu1.segmentapis.com/v1""#,
        "flutter-app/lib/main.dart:9:32  analytics-flutter  writeKey build setting SEGMENT_WRITE_KEY  apiHost build setting SEGMENT_API_HOST",
        "go-service/tracking/configured.go:19:19  analytics-go  writeKey unknown (s.cfg.WriteKey)  endpoint unknown (c, which may set it)",
        #"go-service/tracking/tracking.go:12:19  analytics-go  writeKey "goEUwriteKey000000001"  endpoint "https://events.eu1.segmentapis.com""#,
        "go-service/tracking/tracking.go:20:19  analytics-go  writeKey env SEGMENT_WRITE_KEY  endpoint env SEGMENT_ENDPOINT",
        #"ios-classic/AppDelegate.m:11:49  analytics-ios  writeKey "objcClassicKey000001"  apiHost "events.eu1.segmentapis.com/v1""#,
        #"ios-classic/Tracker.swift:6:29  analytics-ios  writeKey "swiftClassicKey000001"  (no endpoint set: the SDK's default)"#,
        #"ios-swift/ObjC/AppDelegate.m:6:34  analytics-swift  writeKey "swiftObjCWriteKey00008"  apiHost "events.eu1.segmentapis.com/v1""#,
        #"ios-swift/Sources/Shop/AppDelegate.swift:17:29  analytics-swift  writeKey "swiftEUwriteKey0000001"  apiHost "events.eu1.segmentapis.com/v1""#,
        #"ios-swift/Sources/Shop/Deferred.swift:10:25  analytics-swift  writeKey "swiftDeferredDebug0009"  apiHost "events.eu1.segmentapis.com/v1""#,
        #"ios-swift/Sources/Shop/Deferred.swift:12:25  analytics-swift  writeKey "swiftDeferredRelease10"  apiHost "events.eu1.segmentapis.com/v1""#,
        #"ios-swift/Sources/Shop/ExplicitInit.swift:4:29  analytics-swift  writeKey "swiftExplicitInit00007"  apiHost "events.eu1.segmentapis.com/v1""#,
        #"ios-swift/Sources/Shop/Legacy.swift:7:37  analytics-swift  writeKey "swiftUSdefault0000002"  (no endpoint set: the SDK's default)"#,
        #"ios-swift/Sources/Shop/Properties.swift:5:25  analytics-swift  writeKey "swiftProperties000005"  apiHost "events.eu1.segmentapis.com/v1""#,
        #"ios-swift/Sources/Shop/Qualified.swift:12:22  analytics-swift  writeKey "swiftQualified0000006"  apiHost "events.eu1.segmentapis.com/v1""#,
        #"ios-swift/Sources/Shop/Staging.swift:7:18  analytics-swift  writeKey "swiftStaging000000003"  apiHost env SEGMENT_API_HOST (else "api.segment.io/v1")"#,
        #"ios-swift/Sources/Widget/Widget.swift:4:48  analytics-swift  writeKey "swiftWidget0000000004"  apiHost "https://events.eu1.segmentapis.com/v1""#,
        #"java-service/src/main/java/com/example/Tracking.java:9:26  analytics-java  writeKey "javaEUwriteKey0000001"  endpoint "https://events.eu1.segmentapis.com""#,
        #"java-service/src/main/java/com/example/Tracking.java:14:26  analytics-java  writeKey "javaNoScheme000000002"  endpoint "events.eu1.segmentapis.com""#,
        #"kotlin-jvm/main.kt:5:21  analytics-kotlin  writeKey "kotlinJvmWriteKey0004"  apiHost "events.eu1.segmentapis.com/v1"  requestFactory unknown (CustomRequestFactory())"#,
        #"node-legacy/index.js:4:21  analytics-node-legacy  writeKey "nodeLegacyKey0000003"  host "https://events.eu1.segmentapis.com/v1""#,
        #"node-service/src/aliased.ts:6:23  analytics-node  writeKey "nodeAliasKey000000003"  host "https://events.eu1.segmentapis.com""#,
        "node-service/src/aliased.ts:7:33  analytics-node  writeKey unknown (loadSettings(), which may set it)  host unknown (loadSettings(), which may set it)  path unknown (loadSettings(), which may set it)  httpClient unknown (loadSettings(), which may set it)",
        #"node-service/src/tracking.js:3:23  analytics-node  writeKey "nodeFromDotEnvKey0001"  host "https://events.eu1.segmentapis.com""#,
        #"node-service/src/tracking.js:8:19  analytics-node  writeKey "nodeUSdefaultKey00002"  (no endpoint set: the SDK's default)"#,
        #"php-app/options.php:3:10  analytics-php  writeKey "phpOptionsKey00000002"  host unknown ((array) config('segment.options'), which may set it)"#,
        #"php-app/src/bootstrap.php:6:10  analytics-php  writeKey "phpEUwriteKey00000001"  host "events.eu1.segmentapis.com""#,
        "php-app/src/bootstrap.php:11:10  analytics-php  writeKey env SEGMENT_WRITE_KEY  host env SEGMENT_HOST",
        #"python-service/app/raw.py:3:13  http-api  endpoint "https://api.segment.io/v1/track""#,
        #"python-service/app/tracking.py:10:1  analytics-python  writeKey "pythonEUwriteKey00001"  host "https://events.eu1.segmentapis.com""#,
        #"python-service/app/tracking.py:14:11  analytics-python  writeKey "pythonClientKey000002"  host "https://events.eu1.segmentapis.com/v1""#,
        #"python-service/app/tracking.py:16:9  analytics-python  writeKey env SEGMENT_WRITE_KEY  host env SEGMENT_HOST (else "https://api.segment.io")"#,
        #"react-native/src/App.tsx:8:23  analytics-react-native  writeKey "rnAppWriteKey000000003"  proxy unknown (...(staging ? { proxy: 'https://segment-proxy.example.com/v1', useSegmentEndpoints: true } : {}), which may set it)  useSegmentEndpoints unknown (...(staging ? { proxy: 'https://segment-proxy.example.com/v1', useSegmentEndpoints: true } : {}), which may set it)"#,
        #"react-native/src/analytics.ts:4:30  analytics-react-native  writeKey "rnEUwriteKey0000000001"  proxy "https://events.eu1.segmentapis.com/v1"  useSegmentEndpoints true"#,
        #"react-native/src/buildClient.ts:5:10  analytics-react-native  writeKey unknown (writeKey)  proxy "https://events.eu1.segmentapis.com/v1"  useSegmentEndpoints true"#,
        "react-native/src/dotenv.ts:5:27  analytics-react-native  writeKey env SEGMENT_WRITE_KEY  proxy env SEGMENT_PROXY  useSegmentEndpoints true",
        #"react-native/src/kiosk.tsx:5:22  analytics-react-native  writeKey "rnKioskKey000000000002"  proxy "https://events.eu1.segmentapis.com/v1""#,
        "react-native/src/kiosk.tsx:10:24  analytics-react-native  writeKey env SEGMENT_WRITE_KEY  proxy env SEGMENT_PROXY  useSegmentEndpoints true",
        #"react-native/src/plugins.ts:4:27  analytics-react-native  writeKey "rnPluginsKey0000000005"  autoAddSegmentDestination unknown (false)"#,
        #"ruby-app/config/initializers/analytics.rb:7:32  analytics-ruby  writeKey "rubyEUwriteKey0000001"  host "events.eu1.segmentapis.com""#,
        #"ruby-app/config/initializers/analytics.rb:14:30  analytics-ruby  writeKey env SEGMENT_WRITE_KEY  host "https://events.eu1.segmentapis.com""#,
        #"web/.storybook/preview.ts:4:43  analytics.js  writeKey "webStorybookKey000001""#,
        #"web/pages/_app.tsx:8:43  analytics.js  writeKey env NEXT_PUBLIC_SEGMENT_KEY (else "webEnvDefaultKey00001")  apiHost unknown (initOptions, which may set it)"#,
        #"web/pages/_document.tsx:6:26  analytics.js  writeKey "webSnippetPkgKey00001"  cdnHost "cdn.example.com""#,
        #"web/pages/_document.tsx:10:13  analytics.js  writeKey env NEXT_PUBLIC_SEGMENT_WRITE_KEY  apiHost "events.eu1.segmentapis.com/v1""#,
        #"web/public/index.html:7:13  analytics.js  writeKey "browserSnippetKey0001""#,
        #"web/public/proxied.html:9:13  analytics.js  writeKey "browserProxiedKey0002""#,
        #"web/src/segment.ts:3:43  analytics.js  writeKey "browserNpmKey000000001"  apiHost "events.eu1.segmentapis.com/v1""#,
    ]

    @Test func findsEverySDKSetUpInTheSamples() {
        let outcome = Self.scan()
        let lines = Self.lines(outcome)
        #expect(Array(lines.dropLast()) == Self.expected)
        #expect(
            lines.last
                == "59 SDK setups in 45 files of 48 read; passed by: 2 folders skipped (ignored, dependencies or build output), 1 binary file"
        )
    }

    /// What is in a comment, a string, an HTML comment, a dependency or a git-ignored folder is not a setup.
    @Test func passesByWhatIsNotTheAppsCode() {
        let text = ScanReport.text(Self.scan())
        for key in [
            "swiftCommentedOut", "inAString", "insideNodeModules", "ignoredByGit", "browserOldKeyInComment", "notInAScript",
            "rubyCommentedOut", "phpCommentedOut", "objcCommentedOut", "swiftInMultilineString",
        ] {
            #expect(!text.contains(key), "\(key) is not code that runs")
        }
    }

    @Test func namesAFileThatCannotBeTokenised() throws {
        let outcome = Self.scan()
        let warning = try #require(outcome.diagnostics.first { $0.code == "W1801" })
        #expect(warning.range?.file == Self.root + "/node-service/src/broken.js")
        #expect(warning.range?.start.line == 2)
        #expect(warning.message.hasSuffix("a string that never ends on its line; an SDK set up in it is not seen"))
        #expect(outcome.diagnostics.count == 1, "\(outcome.diagnostics)")
    }

    /// Options handed to another call before the SDK gets them (`Object.assign(opts, …)`) may
    /// hold anything by then: unknown, not the literal they were defined with.
    @Test func optionsHandedToAnotherCallAreUnknown() throws {
        let folder = try InventoryFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let code = """
            import { AnalyticsBrowser } from '@segment/analytics-next';
            const opts = { integrations: { 'Segment.io': { apiHost: 'events.eu1.segmentapis.com/v1' } } };
            Object.assign(opts, overrides);
            export const analytics = AnalyticsBrowser.load({ writeKey: 'webAssignedKey0000001' }, opts);
            """
        try code.write(toFile: folder + "/segment.ts", atomically: true, encoding: .utf8)
        let lines = ScanReport.text(Self.scan([folder])).split(separator: "\n").map(String.init)
        #expect(
            lines.contains { $0.hasSuffix(#"writeKey "webAssignedKey0000001"  apiHost unknown (opts, which may set it)"#) },
            "\(lines)")
    }

    /// A configuration type named by a typealias is the SDK's only when the alias can be tied to
    /// one library, each definition read with its own file's imports. One that cannot (two
    /// definitions that disagree, or `Configuration` aliased in a file that imports `Segment`
    /// and in one that does not) is kept with its library undecided, so its endpoint is unknown;
    /// before, such a setup was dropped and the gate passed it. An alias of another vendor's
    /// type is not a setup.
    @Test(
        arguments: [
            // A bare `Configuration` aliased in a file that imports Segment: analytics-swift's.
            ("import Segment\ntypealias SegConfig = Configuration\n", "", "analytics-swift"),
            // The alias in another file, which imports Segment.
            ("import Segment\n", "import Segment\ntypealias SegConfig = Configuration\n", "analytics-swift"),
            // The alias in another file, which does not: another vendor's `Configuration`.
            ("import Segment\n", "import Other\ntypealias SegConfig = Configuration\n", nil),
            // An alias of an alias.
            ("import Segment\ntypealias SegConfig = Base\ntypealias Base = Segment.Configuration\n", "", "analytics-swift"),
            // Two definitions that name different libraries.
            ("import Segment\n", "import Segment\ntypealias SegConfig = AnalyticsConfiguration\n", "both"),
            // Two definitions, one the SDK's and one another vendor's.
            ("import Segment\n", "import Other\ntypealias SegConfig = Other.Configuration\n", "mixed"),
        ] as [(String, String, String?)])
    func typealiasesAreTiedToOneLibraryOrUndecided(_ setup: String, _ other: String, _ expected: String?) throws {
        let folder = try InventoryFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try (setup + "let c = SegConfig(writeKey: \"swiftAliasedKey000001\")\n").write(
            toFile: folder + "/Setup.swift", atomically: true, encoding: .utf8)
        var others = [other]
        if expected == "both" || expected == "mixed" {
            others.append("import Segment\ntypealias SegConfig = Segment.Configuration\n")
        }
        for (i, text) in others.enumerated() where !text.isEmpty {
            try text.write(toFile: folder + "/Alias\(i).swift", atomically: true, encoding: .utf8)
        }
        let outcome = Self.scan([folder])
        let uses = outcome.uses.filter { $0.writeKey?.literal == "swiftAliasedKey000001" }
        switch expected {
        case nil: #expect(uses.isEmpty, "\(uses)")
        case "both", "mixed":
            #expect(uses.map(\.library) == [SDKPatterns.undecidedSwiftLibrary])
            let line = try #require(ScanReport.text(outcome).split(separator: "\n").first)
            #expect(line.hasSuffix("(the library cannot be told: its endpoint is unknown)"), "\(line)")
            let use = try #require(uses.first)
            let resolution = SDKRules.resolve(CodeScan.configuration(use), workspaceRegion: "eu-west")
            #expect(resolution.region == nil, "an undecided library's endpoint is unknown, not a default")
        case let library?: #expect(uses.map(\.library) == [library])
        }
    }

    /// analytics-java is a JVM library: a Kotlin server sets it up as Java does (it was looked
    /// for in Java files only, so a Kotlin service's setup was not seen).
    @Test func analyticsJavaInKotlin() throws {
        let lines = try Self.scanLines([
            "Tracking.kt": """
            import com.segment.analytics.Analytics
            val analytics: Analytics = Analytics.builder("kotlinJavaServer0001").endpoint("https://api.segment.io").build()
            """
        ])
        #expect(
            lines.first?.hasSuffix(#"analytics-java  writeKey "kotlinJavaServer0001"  endpoint "https://api.segment.io""#)
                == true,
            "\(lines)")
    }

    /// A setting made only when a branch runs (`if`, `switch`, `guard`, a loop, a closure) is that
    /// value or the SDK's default: unknown, not the value (it was reported as always set).
    @Test func aSettingMadeInABranchIsUnknown() throws {
        let lines = try Self.scanLines([
            "Setup.swift": """
            import Segment
            func setUp(eu: Bool) {
                let c = Configuration(writeKey: "swiftBranchKey000001")
                if eu { c.apiHost("events.eu1.segmentapis.com/v1") }
                let d = Configuration(writeKey: "swiftStraightKey0001")
                d.apiHost("events.eu1.segmentapis.com/v1")
            }
            """
        ])
        #expect(
            lines.contains {
                $0.hasSuffix(
                    #"writeKey "swiftBranchKey000001"  apiHost unknown ("events.eu1.segmentapis.com/v1" only when a branch runs, otherwise the SDK's default)"#
                )
            }, "\(lines)")
        #expect(lines.contains { $0.hasSuffix(#"writeKey "swiftStraightKey0001"  apiHost "events.eu1.segmentapis.com/v1""#) })
    }

    /// A configuration handed to another call after it is made may be changed there: every
    /// setting the library reads is unknown (it was the literal, or the SDK's default). Handing
    /// it to the SDK itself (`Analytics(configuration:)`) is not such a call.
    @Test func aConfigurationHandedToAnotherCallIsUnknown() throws {
        let lines = try Self.scanLines([
            "Setup.swift": """
            import Segment
            let c = Configuration(writeKey: "swiftHandedOver00001").apiHost("events.eu1.segmentapis.com/v1")
            RegionConfig.apply(to: c)
            let a = Analytics(configuration: c)
            let d = Configuration(writeKey: "swiftKeptToItself001").apiHost("events.eu1.segmentapis.com/v1")
            let b = Analytics(configuration: d)
            """
        ])
        #expect(
            lines.contains {
                $0.hasSuffix(
                    #"writeKey "swiftHandedOver00001"  apiHost unknown (RegionConfig.apply(to: c), which may set it)  cdnHost unknown (RegionConfig.apply(to: c), which may set it)"#
                )
            }, "\(lines)")
        #expect(lines.contains { $0.hasSuffix(#"writeKey "swiftKeptToItself001"  apiHost "events.eu1.segmentapis.com/v1""#) })
    }

    /// Ruby calls without parentheses, as analytics-ruby's README writes some: the arguments
    /// run to the end of the line, or on after a line that ends with `,` (it was not seen).
    @Test func rubyWithoutParentheses() throws {
        let lines = try Self.scanLines([
            "analytics.rb": """
            require 'segment/analytics'
            A = Segment::Analytics.new write_key: 'rubyBareCall00000001', host: 'events.eu1.segmentapis.com'
            B = Segment::Analytics.new write_key: 'rubyBareCall00000002',
                                       on_error: proc { |status, msg| print msg }
            C = Segment::Analytics.new
            """
        ])
        #expect(lines.count == 4, "\(lines)")
        #expect(lines[0].hasSuffix(#"writeKey "rubyBareCall00000001"  host "events.eu1.segmentapis.com""#), "\(lines)")
        #expect(lines[1].hasSuffix(#"writeKey "rubyBareCall00000002"  (no endpoint set: the SDK's default)"#), "\(lines)")
    }

    /// A configuration kept in a property of `self` is configured by what is done to it later,
    /// through `self.` or bare (it was not followed, and the SDK's default was assumed).
    @Test func aConfigurationKeptInAPropertyIsFollowed() throws {
        let line = try #require(
            try Self.scanLines([
                "Tracking.swift": """
                import Segment
                final class Tracking {
                    var config: Configuration!
                    func start() {
                        self.config = Configuration(writeKey: "swiftSelfProperty001")
                        self.config.apiHost("events.eu1.segmentapis.com/v1")
                    }
                }
                """
            ]).first)
        #expect(line.hasSuffix(#"writeKey "swiftSelfProperty001"  apiHost "events.eu1.segmentapis.com/v1""#), "\(line)")
    }

    /// Browser load settings changed after they are defined (`s.cdnURL = …`) are opaque: the
    /// CDN they name serves the source's settings, Segment.io's apiHost among them.
    @Test func browserLoadSettingsChangedLaterAreOpaque() throws {
        let line = try #require(
            try Self.scanLines([
                "segment.ts": """
                import { AnalyticsBrowser } from '@segment/analytics-next'
                const s = { writeKey: 'webChangedLater00001' }
                s.cdnURL = PROXY
                export const analytics = AnalyticsBrowser.load(s)
                """
            ]).first)
        #expect(line.hasSuffix("writeKey unknown (s, which may set it)  cdnHost unknown (s, which may set it)"), "\(line)")
    }

    /// Analytics-CSharp's `Configuration` named in full, in a file without `using Segment…`
    /// (it was not looked for there).
    @Test func aCSharpConfigurationNamedInFull() throws {
        let lines = try Self.scanLines([
            "Startup.cs":
                "var a = new Segment.Analytics.Analytics(new Segment.Analytics.Configuration(\"csharpFullName000001\", apiHost: \"events.eu1.segmentapis.com/v1\"));\n"
        ])
        #expect(
            lines.first?.hasSuffix(#"writeKey "csharpFullName000001"  apiHost "events.eu1.segmentapis.com/v1""#) == true,
            "\(lines)")
    }

    /// A setting written twice for one setup (chained, then again on the variable in an `if`)
    /// is unknown: which value applies depends on the path the code takes. Before, the first
    /// was kept and the second ignored. The same value twice is that value.
    @Test func aSettingSetTwiceIsUnknown() throws {
        let folder = try InventoryFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try """
        import Segment
        let c = Configuration(writeKey: "swiftTwiceKey0000001").apiHost("events.eu1.segmentapis.com/v1")
        if legacy { c.apiHost("api.segment.io/v1") }
        let d = Configuration(writeKey: "swiftSameTwice000002").apiHost("events.eu1.segmentapis.com/v1")
        d.apiHost("events.eu1.segmentapis.com/v1")
        """.write(toFile: folder + "/Setup.swift", atomically: true, encoding: .utf8)
        let uses = Self.scan([folder]).uses
        #expect(uses.count == 2)
        let twice = try #require(uses.first { $0.writeKey?.literal == "swiftTwiceKey0000001" }?.setting("apiHost"))
        #expect(twice.value.literal == nil)
        #expect(
            twice.value.described
                == #"unknown (set more than once ("events.eu1.segmentapis.com/v1", then "api.segment.io/v1"), which one applies depends on the code's path)"#
        )
        let same = try #require(uses.first { $0.writeKey?.literal == "swiftSameTwice000002" }?.setting("apiHost"))
        #expect(same.value.literal == "events.eu1.segmentapis.com/v1")
    }

    /// Settings that replace where events go are unknown in every SDK that has them: Segment's
    /// own destination left out (`autoAddSegmentDestination` false: analytics-swift,
    /// analytics-kotlin, Analytics-CSharp, as in React Native) and an HTTP client of the app's
    /// (analytics-node's `httpClient`, packages/node/src/app/settings.ts). Left as `true`, the
    /// destination is Segment's and the other settings decide.
    @Test(arguments: [
        (
            "Setup.swift",
            "import Segment\nlet c = Configuration(writeKey: \"autoAddSwift00000001\").autoAddSegmentDestination(false)\n",
            "autoAddSegmentDestination unknown (false)"
        ),
        (
            "Setup.kt",
            "import com.segment.analytics.kotlin.core.*\nval a = Analytics(Configuration(writeKey = \"autoAddKotlin0000001\", application = app, autoAddSegmentDestination = false))\n",
            "autoAddSegmentDestination unknown (false)"
        ),
        (
            "Setup.cs",
            "using Segment.Analytics;\nvar a = new Analytics(new Configuration(\"autoAddCSharp0000001\", autoAddSegmentDestination: false));\n",
            "autoAddSegmentDestination unknown (false)"
        ),
        (
            "setup.js",
            "const { Analytics } = require('@segment/analytics-node')\nconst a = new Analytics({ writeKey: 'autoAddNode000000001', httpClient: proxied })\n",
            "httpClient unknown (proxied)"
        ),
        (
            "True.swift",
            "import Segment\nlet c = Configuration(writeKey: \"autoAddTrue000000001\").autoAddSegmentDestination(true)\n",
            "(no endpoint set: the SDK's default)"
        ),
    ])
    func settingsThatReplaceTheTransportAreUnknown(_ name: String, _ code: String, _ shown: String) throws {
        let folder = try InventoryFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try code.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        let line = try #require(ScanReport.text(Self.scan([folder])).split(separator: "\n").first.map(String.init))
        #expect(line.hasSuffix(shown), "\(line)")
    }

    /// A builder call after a braceless `if` runs only in that branch.
    @Test func aBuilderCallAfterABracelessIfIsInABranch() throws {
        let line = try #require(
            try Self.scanLines([
                "T.java": """
                import com.segment.analytics.Analytics;
                class T {
                  Analytics build(boolean eu) {
                    Analytics.Builder b = Analytics.builder("javaBracelessIf00001");
                    if (eu) b.endpoint("https://events.eu1.segmentapis.com");
                    return b.build();
                  }
                }
                """
            ]).first)
        #expect(
            line.hasSuffix(
                #"endpoint unknown ("https://events.eu1.segmentapis.com" only when a branch runs, otherwise the SDK's default)"#),
            "\(line)")
    }

    /// A builder kept in a variable is configured by the calls made on it later, as by chained
    /// ones (they were not read, and the SDK's default was assumed); the calls stop where the
    /// variable is assigned again, so another builder of the same name keeps its own.
    @Test(arguments: [
        (
            "Tracking.java",
            """
            import com.segment.analytics.Analytics;
            class T {
              Analytics build(boolean eu) {
                Analytics.Builder b = Analytics.builder("javaBuilderVar000001");
                b.endpoint("https://events.eu1.segmentapis.com");
                return b.build();
              }
              Analytics other() {
                Analytics.Builder b = Analytics.builder("javaBuilderVar000002");
                return b.build();
              }
            }
            """,
            [
                #"writeKey "javaBuilderVar000001"  endpoint "https://events.eu1.segmentapis.com""#,
                #"writeKey "javaBuilderVar000002"  (no endpoint set: the SDK's default)"#,
            ]
        ),
        (
            "LegacyApp.java",
            """
            import com.segment.analytics.Analytics;
            class A {
              void onCreate() {
                Analytics.Builder builder = new Analytics.Builder(this, "androidBuilderVar0001");
                if (BuildConfig.EU) { builder.defaultApiHost("events.eu1.segmentapis.com/v1"); }
                Analytics.setSingletonInstance(builder.build());
              }
            }
            """,
            // Set in an `if`: that value or the SDK's default.
            [
                #"writeKey "androidBuilderVar0001"  apiHost unknown ("events.eu1.segmentapis.com/v1" only when a branch runs, otherwise the SDK's default)"#
            ]
        ),
        (
            "Compat.java",
            """
            import com.segment.analytics.kotlin.core.compat.ConfigurationBuilder;
            class C {
              void make() {
                ConfigurationBuilder cb = new ConfigurationBuilder("kotlinBuilderVar00001");
                cb.setApiHost("api.segment.io/v1");
                cb.setApiHost("events.eu1.segmentapis.com/v1");
              }
            }
            """,
            [
                #"writeKey "kotlinBuilderVar00001"  apiHost unknown (set more than once ("api.segment.io/v1", then "events.eu1.segmentapis.com/v1"), which one applies depends on the code's path)"#
            ]
        ),
    ])
    func aBuilderKeptInAVariableIsConfiguredByItsLaterCalls(_ name: String, _ code: String, _ shown: [String]) throws {
        let folder = try InventoryFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try code.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        let lines = ScanReport.text(Self.scan([folder])).split(separator: "\n").map(String.init)
        #expect(lines.count == shown.count + 1, "\(lines)")
        for (line, suffix) in zip(lines, shown) { #expect(line.hasSuffix(suffix), "\(line)") }
    }

    /// A field of a pydantic settings class is read from the environment when the app starts:
    /// its default is only the fallback, as `os.getenv`'s is (it was taken as the value). With
    /// an `env_prefix`, the variable's name is not the field's: unknown.
    @Test(arguments: [
        ("", #"host env SEGMENT_HOST (else "https://events.eu1.segmentapis.com")"#),
        (
            "    model_config = SettingsConfigDict(env_prefix=\"APP_\")\n",
            "host unknown (segment_host, a field of a pydantic settings class with an env_prefix, which the environment overrides)"
        ),
    ])
    func aPydanticSettingsFieldIsReadFromTheEnvironment(_ extra: String, _ shown: String) throws {
        let config = """
            from pydantic_settings import BaseSettings, SettingsConfigDict

            class Settings(BaseSettings):
            \(extra)    segment_host: str = "https://events.eu1.segmentapis.com"

            settings = Settings()
            """
        let line = try #require(
            try Self.scanLines([
                "config.py": config,
                "app.py": """
                import segment.analytics as analytics
                from config import settings
                analytics.write_key = 'pydanticKey000000001'
                analytics.host = settings.segment_host
                """,
            ]).first)
        #expect(line.hasSuffix(shown), "\(line)")
    }

    /// The classic Analytics.NET's `Config`: its host set on the variable after it is made, and a
    /// `Config` made elsewhere (a method's result), which may set it there: unknown, never the
    /// library's default. A `new Config()` with no host is the default.
    @Test(arguments: [
        (
            "var c = new Config();\nc.SetHost(\"https://events.eu1.segmentapis.com\");\nAnalytics.Initialize(\"dotnetVariable000001\", c);\n",
            #"host "https://events.eu1.segmentapis.com""#
        ),
        ("Analytics.Initialize(\"dotnetBuilt000000001\", BuildConfig());\n", "host unknown (BuildConfig())"),
        ("Analytics.Initialize(\"dotnetDefault0000001\", new Config());\n", "(no endpoint set: the SDK's default)"),
    ])
    func aClassicDotNetConfigMadeElsewhereIsUnknown(_ code: String, _ shown: String) throws {
        let line = try #require(try Self.scanLines(["Startup.cs": ("using Segment;\n" + code)]).first)
        #expect(line.hasSuffix(shown), "\(line)")
    }

    /// The SDKs under the other names their imports give them: a namespace import and a
    /// destructuring rename of analytics-node, analytics-python's `Client` imported under
    /// another name, and its module by its whole name. Each was not seen.
    @Test(arguments: [
        (
            "a.ts",
            "import * as Segment from '@segment/analytics-node'\nconst a = new Segment.Analytics({ writeKey: 'nodeNamespace0000001', host: 'https://events.eu1.segmentapis.com' })\n",
            #"analytics-node  writeKey "nodeNamespace0000001"  host "https://events.eu1.segmentapis.com""#
        ),
        (
            "b.js",
            "const { Analytics: Segment } = require('@segment/analytics-node')\nconst a = new Segment({ writeKey: 'nodeRenamed000000001' })\n",
            #"analytics-node  writeKey "nodeRenamed000000001"  (no endpoint set: the SDK's default)"#
        ),
        (
            "c.py",
            "from segment.analytics import Client as SegmentClient\nc = SegmentClient('pyAliasedClient00001', host='https://events.eu1.segmentapis.com')\n",
            #"analytics-python  writeKey "pyAliasedClient00001"  host "https://events.eu1.segmentapis.com""#
        ),
        (
            "d.py",
            "import segment.analytics\nsegment.analytics.write_key = 'pyWholeModule0000001'\nsegment.analytics.host = 'https://events.eu1.segmentapis.com'\n",
            #"analytics-python  writeKey "pyWholeModule0000001"  host "https://events.eu1.segmentapis.com""#
        ),
    ])
    func theSDKsUnderTheNamesTheirImportsGive(_ name: String, _ code: String, _ shown: String) throws {
        let folder = try InventoryFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try code.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        let lines = ScanReport.text(Self.scan([folder])).split(separator: "\n").map(String.init)
        #expect(lines.count == 2 && lines[0].hasSuffix(shown), "\(lines)")
    }

    /// A bare name is followed to another file's top-level constant, or to a static member the
    /// file imports by name; never to a static member of some type (a parameter `apiHost` was
    /// taken for `enum EU { static let apiHost }` in another file).
    @Test func aBareNameIsNotAnotherTypesStaticMember() throws {
        let folder = try InventoryFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let files = [
            "Hosts.swift": "enum EU { static let apiHost = \"events.eu1.segmentapis.com/v1\" }\n",
            "Setup.swift":
                "import Segment\nfunc make(apiHost: String) -> Configuration {\n    Configuration(writeKey: \"swiftBareParam000001\").apiHost(apiHost)\n}\n",
            "Config.java":
                "package com.acme;\nclass Config { static final String HOST = \"https://events.eu1.segmentapis.com\"; }\n",
            "Tracking.java":
                "import com.segment.analytics.Analytics;\nimport static com.acme.Config.HOST;\nclass T { Analytics a = Analytics.builder(\"javaStaticImport0001\").endpoint(HOST).build(); }\n",
        ]
        for (name, text) in files { try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        let lines = ScanReport.text(Self.scan([folder])).split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasSuffix(#"writeKey "swiftBareParam000001"  apiHost unknown (apiHost)"#) }, "\(lines)")
        #expect(
            lines.contains { $0.hasSuffix(#"writeKey "javaStaticImport0001"  endpoint "https://events.eu1.segmentapis.com""#) },
            "\(lines)")
    }

    /// A `.env` applies to the code below its folder; `--env` applies everywhere and wins.
    @Test func resolvesTheEnvironmentFromEnvFiles() throws {
        let folder = try InventoryFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "SEGMENT_ENDPOINT=https://events.eu1.segmentapis.com\nSEGMENT_HOST='from --env'\n".write(
            toFile: folder + "/prod.env", atomically: true, encoding: .utf8)
        let lines = Self.lines(Self.scan(environmentFile: folder + "/prod.env"))
        #expect(
            lines.contains(
                #"go-service/tracking/tracking.go:20:19  analytics-go  writeKey env SEGMENT_WRITE_KEY  endpoint "https://events.eu1.segmentapis.com""#
            ))
        #expect(
            lines.contains(
                #"node-service/src/tracking.js:3:23  analytics-node  writeKey "nodeFromDotEnvKey0001"  host "from --env""#))
        #expect(
            lines.contains(
                #"python-service/app/tracking.py:16:9  analytics-python  writeKey env SEGMENT_WRITE_KEY  host "from --env""#))
        // Set in no environment file: the code's own fallback, since the files say what the app runs with.
        #expect(
            lines.contains(
                #"ios-swift/Sources/Shop/Staging.swift:7:18  analytics-swift  writeKey "swiftStaging000000003"  apiHost "api.segment.io/v1""#
            ))
    }

    /// The `.env` nearest the code wins over one higher up, also at the top of the scan.
    @Test func theDeeperEnvFileWins() throws {
        let folder = try InventoryFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/svc", withIntermediateDirectories: true)
        try "HOST=https://api.segment.io\nKEY=rootKey\n".write(toFile: folder + "/.env", atomically: true, encoding: .utf8)
        try "HOST=https://events.eu1.segmentapis.com\n".write(toFile: folder + "/svc/.env", atomically: true, encoding: .utf8)
        try """
        const { Analytics } = require('@segment/analytics-node')
        new Analytics({ writeKey: process.env.KEY, host: process.env.HOST })
        """.write(toFile: folder + "/svc/app.js", atomically: true, encoding: .utf8)
        let use = try #require(Self.scan([folder]).uses.first)
        #expect(use.writeKey?.literal == "rootKey")
        #expect(use.setting("host")?.value.literal == "https://events.eu1.segmentapis.com")
    }

    /// (file of the constant, its text; the app file, its code with `HEADER` and `EXPRESSION`).
    static let javascript = (
        "hosts.js", "export const euHost = 'https://events.eu1.segmentapis.com'\n", "app.js",
        "HEADER\nconst { Analytics } = require('@segment/analytics-node')\nnew Analytics({ writeKey: 'nodeKey', host: EXPRESSION })\n"
    )
    static let python = (
        "settings.py", "SEGMENT_HOST = 'https://events.eu1.segmentapis.com'\n", "app.py",
        "HEADER\nfrom segment.analytics import Client\nclient = Client('pyKey', host=EXPRESSION)\n"
    )

    /// A name from another file is that file's constant only when the code can take it from
    /// there: in JavaScript and Python, when it is imported by name (or through its module);
    /// else it is a parameter or a local, and unknown.
    @Test(arguments: [
        (javascript, "import { euHost } from './hosts'", "euHost", true),
        (javascript, "const { euHost } = require('./hosts')", "euHost", true),
        (javascript, "import * as hosts from './hosts'", "hosts.euHost", true),
        (javascript, "", "euHost", false),
        (javascript, "function make(euHost) { return euHost }", "euHost", false),
        (python, "from settings import SEGMENT_HOST", "SEGMENT_HOST", true),
        (python, "import settings", "settings.SEGMENT_HOST", true),
        (python, "", "SEGMENT_HOST", false),
    ])
    func followsAnotherFilesConstantOnlyWhenImported(
        files: (String, String, String, String), header: String, expression: String, followed: Bool
    ) throws {
        let folder = try InventoryFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try files.1.write(toFile: folder + "/" + files.0, atomically: true, encoding: .utf8)
        let code = files.3.replacingOccurrences(of: "HEADER", with: header).replacingOccurrences(
            of: "EXPRESSION", with: expression)
        try code.write(toFile: folder + "/" + files.2, atomically: true, encoding: .utf8)
        let use = try #require(Self.scan([folder]).uses.first)
        #expect((use.setting("host")?.value.literal == "https://events.eu1.segmentapis.com") == followed, "\(use)")
    }

    /// A value fixed when the app is built (`BuildConfig.X`, Dart's `String.fromEnvironment`) is
    /// given by the environment file too, by its name: a CI job writes the build's values there.
    @Test func buildSettingsAreGivenByTheEnvironmentFile() throws {
        let folder = try InventoryFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "SEGMENT_WRITE_KEY=builtKey\nSEGMENT_API_HOST=events.eu1.segmentapis.com/v1\n".write(
            toFile: folder + "/build.env", atomically: true, encoding: .utf8)
        let paths = ["android-kotlin/app/src/main/java/com/example/shop/Flavors.kt", "flutter-app/lib/main.dart"]
        let outcome = Self.scan(paths.map { Self.root + "/" + $0 }, environmentFile: folder + "/build.env")
        let built = outcome.uses.filter { $0.writeKey?.literal == "builtKey" }
        #expect(built.count == 2, "\(Self.lines(outcome))")
        #expect(built.allSatisfy { $0.setting("apiHost")?.value.literal == "events.eu1.segmentapis.com/v1" })
        // Without it they stay what they are.
        #expect(Self.scan(paths.map { Self.root + "/" + $0 }).uses.allSatisfy { $0.writeKey?.literal != "builtKey" })
    }

    /// react-native-config's native side reads the same .env as its JavaScript side.
    @Test func reactNativeConfigInObjectiveCIsTheEnvironment() throws {
        let folder = try InventoryFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try """
        NSString *key = [ReactNativeConfig envFor:@"SEGMENT_WRITE_KEY_IOS"];
        SEGAnalyticsConfiguration *configuration = [SEGAnalyticsConfiguration configurationWithWriteKey:key];
        """.write(toFile: folder + "/AppDelegate.m", atomically: true, encoding: .utf8)
        let use = try #require(Self.scan([folder]).uses.first)
        #expect(use.writeKey?.described == "env SEGMENT_WRITE_KEY_IOS")
    }

    @Test func theJSONDocumentHasTheBundlesShape() throws {
        let outcome = Self.scan([Self.root + "/ios-swift"])
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(ScanReport.json(outcome, paths: ["ios-swift"]))) as? [String: Any])
        #expect(json["scanVersion"] as? Int == 1)
        let entries = try #require(json["sdkConfigs"] as? [[String: Any]])
        #expect(entries.count == 10)
        let staging = try #require(entries.first { $0["writeKey"] as? String == "swiftStaging000000003" })
        #expect(staging["library"] as? String == "analytics-swift")
        #expect(staging["apiHost"] == nil, "an unresolved value is not given as a setting")
        #expect((staging["unresolved"] as? [String: String])?["apiHost"] == #"env SEGMENT_API_HOST (else "api.segment.io/v1")"#)
        let eu = try #require(entries.first { $0["writeKey"] as? String == "swiftEUwriteKey0000001" })
        #expect(eu["apiHost"] as? String == "events.eu1.segmentapis.com/v1")
        #expect((eu["location"] as? String)?.hasSuffix("ios-swift/Sources/Shop/AppDelegate.swift:17:29") == true)
        let evidence = try #require(eu["evidence"] as? [[String: Any]])
        #expect((evidence[1]["via"] as? [String])?.first?.hasPrefix("euHost (") == true)
    }
}
