import Foundation
import Testing

@testable import ResidencyKit

/// Requests to Segment's HTTP Tracking API written by hand. A client is often given the API's
/// base URL (`https://api.segment.io/v1`) and adds `/track` at run time: that base URL was not
/// found, so a service posting events to the US endpoint from an EU workspace passed unseen.
@Suite struct RawHTTPTests {
    @Test(
        arguments: [
            // A base URL kept in a constant, the path added at run time.
            (
                "client.py",
                """
                import requests
                SEGMENT_API = "https://api.segment.io/v1"
                def track(event):
                    requests.post(f"{SEGMENT_API}/track", json=event, auth=(WRITE_KEY, ""))
                """,
                [#"client.py:2:15  http-api  endpoint "https://api.segment.io/v1""#]
            ),
            // An HTTP client's base URL, with a trailing slash.
            (
                "segment.ts",
                """
                import axios from 'axios';
                export const segment = axios.create({ baseURL: 'https://events.eu1.segmentapis.com/v1/' });
                export const track = (e: object) => segment.post('track', e);
                """,
                [#"segment.ts:2:48  http-api  endpoint "https://events.eu1.segmentapis.com/v1/""#]
            ),
            // The full URL, as before.
            (
                "raw.go",
                """
                package main
                const url = "https://api.segment.io/v1/batch"
                """,
                [#"raw.go:2:13  http-api  endpoint "https://api.segment.io/v1/batch""#]
            ),
            // Without a scheme it is how the SDKs' `apiHost` is written: left to them.
            ("hosts.ts", "export const US_HOST = 'api.segment.io/v1';\n", []),
            // The Public API is not a tracking API.
            ("admin.ts", "const api = 'https://eu1.api.segmentapis.com/v1';\n", []),
            // A base URL that an SDK setting is read from is the SDK's, not a second setup.
            (
                "analytics.ts",
                """
                import { createClient } from '@segment/analytics-react-native';
                const EU_PROXY = 'https://events.eu1.segmentapis.com/v1';
                export const client = createClient({ writeKey: 'rnRawBaseKey00000001', proxy: EU_PROXY, useSegmentEndpoints: true });
                """,
                [
                    #"analytics.ts:3:23  analytics-react-native  writeKey "rnRawBaseKey00000001"  proxy "https://events.eu1.segmentapis.com/v1"  useSegmentEndpoints true"#
                ]
            ),
            // Nor are base URLs in a file whose SDK setting the scan cannot evaluate: they are
            // likely what it picks from.
            (
                "table.ts",
                """
                import { createClient } from '@segment/analytics-react-native';
                const HOSTS = { us: 'https://api.segment.io/v1', eu: 'https://events.eu1.segmentapis.com/v1' };
                export const client = createClient({ writeKey: 'rnRawBaseKey00000003', proxy: HOSTS[region] });
                """,
                [#"table.ts:3:23  analytics-react-native  writeKey "rnRawBaseKey00000003"  proxy unknown (HOSTS[region])"#]
            ),
            // Nor is one inside a setting the scan cannot evaluate.
            (
                "conditional.ts",
                """
                import { createClient } from '@segment/analytics-react-native';
                export const client = createClient({ writeKey: 'rnRawBaseKey00000002', proxy: eu ? 'https://events.eu1.segmentapis.com/v1' : undefined });
                """,
                [
                    #"conditional.ts:2:23  analytics-react-native  writeKey "rnRawBaseKey00000002"  proxy unknown (eu ? 'https://events.eu1.segmentapis.com/v1' : undefined)"#
                ]
            ),
        ] as [(String, String, [String])])
    func aHandWrittenRequestIsFoundByItsURLOrBaseURL(_ name: String, _ code: String, _ expected: [String]) throws {
        let lines = try CodeScanCorpusTests.scanLines([name: code]).filter { $0.contains("  ") && $0.contains(name + ":") }
        #expect(lines.map { String($0[$0.range(of: name)!.lowerBound...]) } == expected, "\(lines)")
    }

    /// A base URL in a constant of another file that an SDK setting is read from is that
    /// setting's, not a request written by hand.
    @Test func aConstantOfAnotherFileReadByASettingIsTheSettings() throws {
        let lines = try CodeScanCorpusTests.scanLines([
            "config.ts": "export const PROXY = 'https://api.segment.io/v1';\n",
            "app.ts": """
            import { createClient } from '@segment/analytics-react-native';
            import { PROXY } from './config';
            export const client = createClient({ writeKey: 'rnRawBaseKey00000004', proxy: PROXY, useSegmentEndpoints: true });
            """,
        ]).filter { $0.contains("  ") }
        #expect(lines.count == 1, "\(lines)")
        #expect(
            lines.first?.contains(#"analytics-react-native  writeKey "rnRawBaseKey00000004"  proxy "https://api.segment.io/v1""#)
                == true)
    }

    @Test(
        arguments: [
            ("https://api.segment.io/v1", true), ("http://api.segment.io/v1/", true),
            ("https://events.eu1.segmentapis.com/v1", true), ("https://api.segment.io", false),
            ("https://api.segment.io/v2", false), ("api.segment.io/v1", false), ("https://eu1.api.segmentapis.com/v1", false),
            ("https://cdn.segment.com/v1", false),
        ])
    func baseURLs(_ text: String, _ isBase: Bool) {
        #expect(SDKPatterns.isTrackingBaseURL(text) == isBase)
    }
}
