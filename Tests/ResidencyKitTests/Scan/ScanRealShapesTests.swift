import Foundation
import Testing

@testable import ResidencyKit

/// Setups in the shapes real code gives them, each cut down from a public repository, which the
/// scan missed or read wrongly. A missed setup that sends to the US from an EU workspace is a
/// transfer the gate never sees.
@Suite struct ScanRealShapesTests {
    @Test(
        arguments: [
            // analytics-php injected and initialised on the instance (a DI wrapper around
            // `Segment\Segment`; analytics-php lib/Segment.php's `init` is static).
            (
                "SegmentWrap.php",
                """
                <?php
                use Segment\\Segment;
                class SegmentWrap {
                    public function __construct(Segment $segment) {
                        $this->segment = $segment;
                        $this->segment->init(self::WRITE_KEY, ['debug' => true, 'host' => 'events.eu1.segmentapis.com']);
                    }
                }
                """,
                #"SegmentWrap.php:6:25  analytics-php  writeKey unknown (self::WRITE_KEY)  host "events.eu1.segmentapis.com""#
            ),
            // analytics-php's client made directly (segmentio/analytics-php e2e-cli/main.php).
            (
                "main.php",
                "<?php\n$client = new \\Segment\\Client('phpClientKey00000002', ['host' => 'api.segment.io']);\n",
                #"main.php:2:24  analytics-php  writeKey "phpClientKey00000002"  host "api.segment.io""#
            ),
            (
                "client.php",
                "<?php\nuse Segment\\Client;\n$c = new Client('phpClientKey00000003', $options);\n",
                #"client.php:3:10  analytics-php  writeKey "phpClientKey00000003"  host unknown ($options, which may set it)"#
            ),
            // analytics-ruby's client made directly (segmentio/analytics-ruby e2e-cli/main.rb).
            (
                "main.rb",
                "require 'segment/analytics'\nclient = Segment::Analytics::Client.new(write_key: 'rubyClientKey0000001', host: 'api.segment.io')\n",
                #"main.rb:2:37  analytics-ruby  writeKey "rubyClientKey0000001"  host "api.segment.io""#
            ),
            // analytics-kotlin's `configs` as a named argument whose value configures the SDK out
            // of sight (customerio/customerio-android datapipelines CustomerIO.kt): it was read
            // as no settings at all, the SDK's default.
            (
                "CustomerIO.kt",
                """
                import com.segment.analytics.kotlin.android.Analytics
                fun make(cfg: ModuleConfig, ctx: Context) = Analytics(
                    writeKey = cfg.cdpApiKey,
                    context = ctx,
                    configs = updateAnalyticsConfig(moduleConfig = cfg)
                )
                """,
                "CustomerIO.kt:2:45  analytics-kotlin  writeKey unknown (cfg.cdpApiKey)  apiHost unknown (updateAnalyticsConfig(moduleConfig = cfg), which may set it)  cdnHost unknown (updateAnalyticsConfig(moduleConfig = cfg), which may set it)"
            ),
            // A lambda given as `configs =` is read like a trailing one.
            (
                "Lambda.kt",
                """
                import com.segment.analytics.kotlin.android.Analytics
                val a = Analytics("ktConfigsLambda00001", ctx, configs = { apiHost = "events.eu1.segmentapis.com/v1" })
                """,
                #"Lambda.kt:2:9  analytics-kotlin  writeKey "ktConfigsLambda00001"  apiHost "events.eu1.segmentapis.com/v1""#
            ),
            // analytics.js behind a consent wrapper (segmentio/analytics-next packages/consent,
            // consent-tools-integration-tests page-bundles/onetrust).
            (
                "consent.ts",
                """
                import { AnalyticsBrowser } from '@segment/analytics-next'
                import { withOneTrust } from '@segment/analytics-consent-wrapper-onetrust'
                export const analytics = new AnalyticsBrowser()
                withOneTrust(analytics).load({ writeKey: 'oneTrustWriteKey0001' }, { integrations: { 'Segment.io': { apiHost: 'api.segment.io/v1' } } })
                """,
                #"consent.ts:4:25  analytics.js  writeKey "oneTrustWriteKey0001"  apiHost "api.segment.io/v1""#
            ),
            // A TypeScript cast is not part of the environment variable's name (a Contentful
            // app's SegmentAnalyticsProvider.tsx): it read `env VITE_SEGMENT_WRITE_KEYasstring`,
            // which `--env` could never resolve.
            (
                "provider.ts",
                """
                import { AnalyticsBrowser } from '@segment/analytics-next';
                export const a = AnalyticsBrowser.load({ writeKey: (import.meta.env.VITE_SEGMENT_WRITE_KEY as string) || '', cdnURL: process.env.CDN_HOST as string });
                """,
                #"provider.ts:2:35  analytics.js  writeKey env VITE_SEGMENT_WRITE_KEY (else "")  cdnHost env CDN_HOST"#
            ),
            // A Python return annotation (`-> None:`) is not a variable's type: the first local
            // after it was read as `None` and lost.
            (
                "config.py",
                """
                import os
                import segment.analytics as analytics
                class Config:
                    def __init__(self) -> None:
                        host = os.getenv("SEGMENT_HOST") or None
                        analytics.write_key = "pythonAnnotated00001"
                        analytics.host = host
                """,
                #"config.py:6:9  analytics-python  writeKey "pythonAnnotated00001"  host env SEGMENT_HOST"#
            ),
        ] as [(String, String, String)])
    func theSetupIsFoundAndReadAsTheCodeDoes(_ name: String, _ code: String, _ expected: String) throws {
        let lines = try CodeScanCorpusTests.scanLines([name: code]).filter { $0.contains(name + ":") }
        #expect(lines.map { String($0[$0.range(of: name)!.lowerBound...]) } == [expected], "\(lines)")
    }

    /// `->init(…)` on some other object is not a setup: in a file that does not import
    /// analytics-php's class, or on a receiver that is not named for Segment, or with no write key.
    @Test(
        arguments: [
            "<?php\n// Segment\n$db->init('dsn', ['host' => 'api.segment.io']);\n",
            "<?php\nuse Segment\\Segment;\n$this->cache->init('x');\n",
            "<?php\nuse Segment\\Segment;\n$this->segmentLoader->init();\n",
        ])
    func anotherInitIsNotASetup(_ code: String) throws {
        let lines = try CodeScanCorpusTests.scanLines(["db.php": code])
        #expect(!lines.contains { $0.contains("analytics-php") }, "\(lines)")
    }
}
