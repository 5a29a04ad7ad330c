import Foundation
import Testing

@testable import ResidencyKit

/// The client waiting out Segment's named resets (https://docs.segmentapis.com/tag/Rate-Limits):
/// such waits use up no attempt, stay within the deadline or fail at once saying when the
/// limit lifts, and are bounded in number. A fake clock moves only when the client waits.
@Suite struct RateLimitWaitTests {
    static let token = "sgp_RateLimitTest.Qw7Rt5Yu3Io1Pa8Sd6"
    static let url = "https://eu1.api.segmentapis.com/"

    /// A 429 at 07:27:48 (the answer's Date) whose limit resets `after` seconds later.
    static func limited(resetIn after: TimeInterval) -> Result<HTTPResponse, TransportFailure> {
        .success(
            HTTPResponse(
                status: 429,
                headers: [
                    "Date": "Wed, 21 Oct 2015 07:27:48 GMT",
                    "X-RateLimit-Reset": RateLimitTests.imfDate(RateLimitTests.reset - 12 + after),
                ],
                body: Array(RateLimitTests.envelope(#"{"remainingPoints": 0, "consumedPoints": 21}"#).utf8)))
    }

    static func msBeforeNext(_ ms: String) -> Result<HTTPResponse, TransportFailure> {
        .success(HTTPResponse(status: 429, body: Array(RateLimitTests.envelope(#"{"msBeforeNext": \#(ms)}"#).utf8)))
    }

    static let blind = Result<HTTPResponse, TransportFailure>.success(HTTPResponse(status: 429))
    static let ok = Result<HTTPResponse, TransportFailure>.success(HTTPResponse(status: 200, body: Array(#"{"data": {}}"#.utf8)))

    /// GET / through `replies`; the waits, the progress lines and the error, if any.
    static func get(
        _ replies: [Result<HTTPResponse, TransportFailure>], timeLimit: TimeInterval = 300,
        retry: RetryPolicy = RetryPolicy()
    ) -> (error: Diagnostic?, waits: [TimeInterval], progress: [String]) {
        let clock = FakeClock()
        let log = Recorder()
        var options = PublicAPIClient.Options(endpoint: try! PublicAPIEndpoint(region: .eu))
        options.timeLimit = timeLimit
        options.retry = retry
        let client = PublicAPIClient(
            options: options, token: APIToken(token), transport: ScriptedTransport(replies),
            environment: ExportEnvironment(
                now: { clock.now }, sleep: { clock.wait($0) }, random: { 0 },
                // This machine's clock: 07:27:47.6 when the fake clock starts.
                wallClock: { Date(timeIntervalSince1970: RateLimitTests.reset - 12.4 + clock.now - 1000) }),
            progress: { log.line($0) })
        do {
            _ = try client.get("/", request: "GET /")
            return (nil, clock.waits, log.lines)
        } catch {
            return (error, clock.waits, log.lines)
        }
    }

    /// Seven 429s, more than the five attempts, and the request still succeeds: only the
    /// four that named no reset used up attempts, and each was backed off as before.
    @Test func namedWaitsUseUpNoAttempt() {
        let run = Self.get([
            Self.blind, Self.limited(resetIn: 12), .success(HTTPResponse(status: 500)), Self.limited(resetIn: 12),
            Self.blind, Self.msBeforeNext("1500"), Self.blind, Self.ok,
        ])
        #expect(run.error == nil, "\(run.error?.message ?? "")")
        #expect(run.waits == [0.5, 12, 1, 12, 2, 1.5, 4])
        #expect(
            run.progress == [
                "GET /: HTTP 429 (rate limited); trying again in 0.5 s (attempt 2 of 5)",
                "rate limited by Segment on GET /; waiting 12 s until 07:28:00 UTC (X-RateLimit-Reset)",
                "GET /: HTTP 500; trying again in 1 s (attempt 3 of 5)",
                "rate limited by Segment on GET /; waiting 12 s until 07:28:00 UTC (X-RateLimit-Reset)",
                "GET /: HTTP 429 (rate limited); trying again in 2 s (attempt 4 of 5)",
                // No Date: told on this machine's clock, 07:27:47.6 + 27.5 s of waits + 1.5 s.
                "rate limited by Segment on GET /; waiting 1.5 s until 07:28:16 UTC (msBeforeNext)",
                "GET /: HTTP 429 (rate limited); trying again in 4 s (attempt 5 of 5)",
            ])
        #expect(!run.progress.joined().contains(Self.token))
    }

    /// A reset after the deadline fails at once, naming it, instead of sleeping into E1307.
    @Test func aResetAfterTheDeadlineFailsAtOnce() throws {
        let run = Self.get([Self.limited(resetIn: 3600)], timeLimit: 300)
        let error = try #require(run.error)
        #expect(error.code == "E1319")
        #expect(
            error.message
                == "GET /: Segment's rate limit would not reset before the time limit of 300 s runs out: it resets at 2015-10-21 08:27:48 UTC (X-RateLimit-Reset), in 3600 s, and 300 s are left (\(Self.url))"
        )
        #expect(error.help?.contains("raise --timeout") == true)
        #expect(run.waits.isEmpty)
        #expect(!error.message.contains(Self.token))
    }

    /// The deadline counts what earlier waits used: the second 12 s wait no longer fits in 20 s.
    @Test func waitsShareTheDeadline() throws {
        let run = Self.get([Self.limited(resetIn: 12), Self.limited(resetIn: 12)], timeLimit: 20)
        let error = try #require(run.error)
        #expect(error.code == "E1319")
        #expect(error.message.contains("in 12 s, and 8 s are left"))
        #expect(run.waits == [12])
    }

    @Test(
        arguments: [
            ("Fri, 31 Dec 9999 23:59:59 GMT", "it resets at 9999-12-31 23:59:59 UTC (X-RateLimit-Reset), in "),
            (nil, "it resets at a time after the year 9999 (msBeforeNext), in 1e+297 s,"),
        ] as [(String?, String)])
    func aFarFutureResetIsNamedWithoutTrapping(header: String?, words: String) throws {
        let reply: Result<HTTPResponse, TransportFailure> =
            header.map { .success(HTTPResponse(status: 429, headers: ["X-RateLimit-Reset": $0])) }
            ?? Self.msBeforeNext("1e300")
        let error = try #require(Self.get([reply]).error)
        #expect(error.code == "E1319")
        #expect(error.message.contains(words), "\(error.message)")
    }

    /// A server that answers 429 for ever, each time naming a reset, is stopped after
    /// `maxRateLimitWaits` waits even while the deadline is far.
    @Test(arguments: [3, 20])
    func rateLimitWaitsAreBounded(limit: Int) throws {
        let run = Self.get(
            Array(repeating: Self.msBeforeNext("100"), count: limit + 1), timeLimit: 10_000,
            retry: RetryPolicy(maxRateLimitWaits: limit))
        let error = try #require(run.error)
        #expect(error.code == "E1320")
        #expect(
            error.message
                == "GET /: still rate limited by Segment after waiting \(limit) times for its limit to reset (\(Self.url)); stopped rather than wait on"
        )
        #expect(run.waits == Array(repeating: 0.1, count: limit))
    }

    @Test func theDefaultBoundIsTwentyWaits() {
        #expect(RetryPolicy().maxRateLimitWaits == 20)
    }

    /// 429s that name no reset still give up after five attempts, as before.
    @Test func blind429sStillUseUpAttempts() throws {
        let run = Self.get(Array(repeating: Self.blind, count: 5))
        let error = try #require(run.error)
        #expect(error.code == "E1306")
        #expect(error.message.hasSuffix("after 5 attempts (last: HTTP 429 (rate limited))"))
        #expect(run.waits == [0.5, 1, 2, 4])
    }
}
