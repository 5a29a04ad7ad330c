import Foundation
import LoopbackHTTP
import Testing

@testable import ResidencyKit

/// An answer that never ends, or that decompresses to far more than came over the wire, is a
/// clear error (E1321) through the real URLSession transport, not a crash; so are pages that
/// add up to more than an inventory may hold (E1322).
@Suite struct ExportAnswerLimitTests {
    static let limit = 1 << 20

    /// How the server misbehaves on every request.
    enum Answer: String, CaseIterable, Sendable {
        /// Valid JSON's opening, then spaces for ever, with no length.
        case endless
        /// A length far past the limit, declared before any byte of it.
        case declaredTooLong
        /// 16 MB of zeros in 100 KB of gzip: under the limit on the wire, over it decompressed.
        case decompressionBomb

        var reply: LoopbackServer.Reply {
            switch self {
            case .endless:
                .endless(status: 200, headers: ["Content-Type": "application/json"], chunk: Array(repeating: 0x20, count: 65_536))
            case .declaredTooLong:
                .endless(
                    status: 200, headers: ["Content-Type": "application/json", "Content-Length": "100000000000"],
                    chunk: Array(repeating: 0x20, count: 65_536))
            case .decompressionBomb:
                .respond(
                    status: 200, headers: ["Content-Type": "application/json", "Content-Encoding": "gzip"],
                    body: ExportAnswerLimitTests.bomb)
            }
        }
    }

    static let bomb = GzipZeros.make(matches: 65_000)

    @Test(.hangGuard, arguments: Answer.allCases)
    func anAnswerPastTheLimitIsStopped(answer: Answer) throws {
        #expect(Self.bomb.count < Self.limit && 1 + 258 * 65_000 > 15 * Self.limit, "the bomb is small on the wire only")
        let server = try LoopbackServer { _ in answer.reply }
        defer { server.stop() }
        var options = PublicAPIClient.Options(endpoint: try PublicAPIEndpoint(region: .eu, apiURL: server.baseURL))
        options.maxAnswerBytes = Self.limit
        options.requestTimeout = 20
        options.timeLimit = 30
        let client = PublicAPIClient(options: options, token: APIToken(ExportFixture.token), transport: URLSessionTransport())
        do {
            _ = try client.get("/sources", request: "GET /sources page 1")
            Issue.record("\(answer): an answer past the limit was accepted")
        } catch {
            #expect(error.code == "E1321")
            #expect(
                error.message
                    == "GET /sources page 1: the answer from \(server.baseURL)/sources is larger than 1 MiB (counted after decompression); stopped there"
            )
            #expect(error.range == nil)
        }
        // Stopped at once: one request, not five attempts at an answer that cannot fit.
        #expect(server.requests.count == 1)
    }

    /// The default bound is the documented one.
    @Test func theDefaultLimitsAreDocumented() throws {
        let options = PublicAPIClient.Options(endpoint: try PublicAPIEndpoint(region: .eu))
        #expect(options.maxAnswerBytes == 64 << 20)
        #expect(options.maxListBytes == 2 << 30)
        #expect(options.maxPages == 1000)
    }

    /// Whatever the transport, a body past the bound is refused by the client too.
    @Test func aTransportThatIgnoresTheBoundIsCheckedByTheClient() throws {
        let body = Array(#"{"data": {"sources": []}}"#.utf8) + Array(repeating: 0x20, count: 2000)
        let transport = ScriptedTransport([.success(HTTPResponse(status: 200, body: body))])
        var options = PublicAPIClient.Options(endpoint: try PublicAPIEndpoint(region: .eu))
        options.maxAnswerBytes = 1024
        let client = PublicAPIClient(options: options, token: APIToken(ExportFixture.token), transport: transport)
        do {
            _ = try client.get("/sources", request: "GET /sources page 1")
            Issue.record("a body past the bound was accepted")
        } catch {
            #expect(error.code == "E1321")
        }
    }

    /// Pages each within the bound still add up: a server that pages for ever with big pages
    /// ends at the list bound, before the page count.
    @Test func pagesAddingUpPastTheListBoundStop() throws {
        // Pages of one length, each naming the next.
        let pages = (0..<10).map { #"{"data": {"sources": [{"id": "s"}], "pagination": {"next": "p\#($0)"}}}"# }
        let replies: [Result<HTTPResponse, TransportFailure>] = pages.map {
            .success(HTTPResponse(status: 200, body: Array($0.utf8)))
        }
        var options = PublicAPIClient.Options(endpoint: try PublicAPIEndpoint(region: .eu))
        options.maxListBytes = 3 * pages[0].utf8.count
        let client = PublicAPIClient(
            options: options, token: APIToken(ExportFixture.token), transport: ScriptedTransport(replies))
        do {
            _ = try client.list("/sources", key: "sources")
            Issue.record("the list was not bounded")
        } catch {
            #expect(error.code == "E1322")
            #expect(
                error.message
                    == "GET /sources: 4 pages add up to more than \(FileSizeLimit(bytes: 3 * pages[0].utf8.count, what: "").text), more than an inventory may hold; stopped there"
            )
        }
    }
}
