import Foundation
import Testing

@testable import ResidencyKit

/// The client's parts that need no network: hosts, URLs, the retry schedule, and the deadline
/// with a fake clock that moves only when the client waits.
@Suite struct PublicAPIClientTests {
    @Test func regionsHaveTheirPublicAPIHosts() throws {
        #expect(try PublicAPIEndpoint(region: .eu).baseURL == "https://eu1.api.segmentapis.com")
        #expect(try PublicAPIEndpoint(region: .us).baseURL == "https://api.segmentapis.com")
        let proxied = try PublicAPIEndpoint(region: .eu, apiURL: "https://proxy.example/segment/")
        #expect(proxied.baseURL == "https://proxy.example/segment")
        #expect(proxied.isOverride && proxied.region.apiHost == "https://eu1.api.segmentapis.com")
        #expect(try PublicAPIEndpoint(region: .us, apiURL: "http://localhost:8080").baseURL == "http://localhost:8080")
    }

    @Test(arguments: [
        ("eu1.api.segmentapis.com", "--api-url eu1.api.segmentapis.com is not an http:// or https:// URL"),
        ("ftp://host", "--api-url ftp://host is not an http:// or https:// URL"),
        ("https://user:secret@host", "--api-url (not shown) holds credentials; the token is read from the environment only"),
        ("https://host/?a=b", "--api-url https://host/?a=b has a query or fragment"),
        ("http://", "--api-url http:// has no host"),
        (
            "http://proxy.example",
            "--api-url http://proxy.example would send the token unencrypted; use https:// (http:// is for this machine only)"
        ),
    ])
    func badAPIURLsAreRefused(url: String, message: String) {
        do {
            _ = try PublicAPIEndpoint(region: .eu, apiURL: url)
            Issue.record("accepted \(url)")
        } catch {
            #expect(error.code == "E1314")
            #expect(error.message == message)
        }
    }

    @Test func queryValuesArePercentEncoded() throws {
        let endpoint = try PublicAPIEndpoint(region: .us)
        #expect(
            endpoint.url("/sources", query: [("pagination.count", "200"), ("pagination.cursor", "a+b/c==")])
                == "https://api.segmentapis.com/sources?pagination.count=200&pagination.cursor=a%2Bb%2Fc%3D%3D")
    }

    @Test(arguments: [
        (1, 0.0, 0.5), (1, 1.0, 1.0), (2, 0.0, 1.0), (3, 0.5, 3.0), (5, 0.0, 8.0), (6, 0.0, 15.0), (9, 1.0, 30.0),
    ])
    func backoffDoublesWithEqualJitterUpToTheCap(attempt: Int, random: Double, delay: Double) {
        #expect(RetryPolicy().delay(after: attempt, random: random) == delay)
    }

    @Test(
        arguments: [
            ("7", 7.0), (" 0 ", 0.0), ("120", 120.0), ("Wed, 21 Oct 2015 07:28:00 GMT", nil), ("-3", nil), ("1.5", nil),
            ("", nil),
        ] as [(String, Double?)])
    func retryAfterIsReadAsSeconds(header: String, seconds: Double?) {
        #expect(RetryPolicy.retryAfter(header) == seconds)
    }

    /// A Retry-After longer than the time left ends the export now instead of sleeping.
    @Test func aWaitPastTheDeadlineIsNotStarted() throws {
        let transport = ScriptedTransport([.success(HTTPResponse(status: 429, headers: ["Retry-After": "600"]))])
        let clock = FakeClock()
        let error = try #require(Self.get(transport, clock, timeLimit: 300))
        #expect(error.code == "E1307")
        #expect(error.message.hasSuffix("HTTP 429 (rate limited), and the next attempt would start after it)"))
        #expect(clock.waits.isEmpty)
    }

    /// Attempts that time out use up the time limit; the last one is cut to what is left.
    @Test func timeoutsUseUpTheTimeLimit() throws {
        let clock = FakeClock()
        let transport = ScriptedTransport(
            Array(repeating: .failure(TransportFailure(.timedOut, "no answer")), count: 5), clock: clock)
        let error = try #require(Self.get(transport, clock, timeLimit: 100, requestTimeout: 60))
        #expect(error.code == "E1307")
        #expect(transport.timeouts == [60, 39.5])
    }

    @Test func aFatalTransportFailureIsNotRetried() throws {
        let transport = ScriptedTransport([.failure(TransportFailure(.fatal, "the TLS connection failed"))])
        let error = try #require(Self.get(transport, FakeClock(), timeLimit: 100))
        #expect(error.code == "E1306")
        #expect(error.message.hasSuffix("after 1 attempt (last: the TLS connection failed)"))
    }

    static func get(
        _ transport: ScriptedTransport, _ clock: FakeClock, timeLimit: TimeInterval, requestTimeout: TimeInterval = 60
    ) -> Diagnostic? {
        var options = PublicAPIClient.Options(endpoint: try! PublicAPIEndpoint(region: .eu))
        options.timeLimit = timeLimit
        options.requestTimeout = requestTimeout
        let client = PublicAPIClient(
            options: options, token: APIToken("t"), transport: transport,
            environment: ExportEnvironment(now: { clock.now }, sleep: { clock.wait($0) }, random: { 0 }))
        do {
            _ = try client.get("/", request: "GET /")
            return nil
        } catch {
            return error
        }
    }
}

/// A clock that moves only when someone waits on it (or a transport says time passed).
final class FakeClock: @unchecked Sendable {
    private let lock = NSLock()
    private var time: TimeInterval = 1000
    private var recorded: [TimeInterval] = []

    var now: TimeInterval { lock.withLock { time } }
    var waits: [TimeInterval] { lock.withLock { recorded } }
    func wait(_ seconds: TimeInterval) {
        lock.withLock {
            recorded.append(seconds)
            time += seconds
        }
    }
    func advance(_ seconds: TimeInterval) { lock.withLock { time += seconds } }
}

/// Answers from a list, in order; a timed-out attempt moves the fake clock by its timeout.
final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var replies: [Result<HTTPResponse, TransportFailure>]
    private var asked: [TimeInterval] = []
    private let clock: FakeClock?

    init(_ replies: [Result<HTTPResponse, TransportFailure>], clock: FakeClock? = nil) {
        self.replies = replies
        self.clock = clock
    }

    var timeouts: [TimeInterval] { lock.withLock { asked } }

    func send(_ request: HTTPRequest, timeout: TimeInterval) throws(TransportFailure) -> HTTPResponse {
        let reply = lock.withLock {
            asked.append(timeout)
            return replies.isEmpty ? .failure(TransportFailure(.connection, "script ended")) : replies.removeFirst()
        }
        if case .failure(let f) = reply, f.kind == .timedOut { clock?.advance(timeout) }
        return try reply.get()
    }
}
