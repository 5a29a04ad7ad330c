import Foundation
import LoopbackHTTP
import Testing

@testable import ResidencyKit

/// `residency export` against a fake Public API on 127.0.0.1, through the real URLSession
/// transport: paging, retries, failures, and the bundle read back by the inventory loader.
@Suite struct ExportLoopbackTests {
    @Test func exportsEveryPageAndTheLoaderReadsTheBundle() throws {
        let api = try ExportFixture.api()
        let run = ExportFixture.export(try ExportFixture.options(api))
        let exported = try run.result.get()
        #expect((exported.sources, exported.destinations, exported.warehouses) == (3, 5, 1))
        #expect(exported.workspaceSlug == "acme-eu")
        #expect(exported.defaultOutputPath == "exports/acme-eu.json")
        #expect(exported.warnings.isEmpty)
        #expect(run.waits.isEmpty)

        // Pages of 2: the cursor from each page is sent back, percent-encoded.
        #expect(
            api.requests.map(\.target) == [
                "/",
                "/sources?pagination.count=2", "/sources?pagination.count=2&pagination.cursor=Mg%3D%3D",
                "/destinations?pagination.count=2", "/destinations?pagination.count=2&pagination.cursor=Mg%3D%3D",
                "/destinations?pagination.count=2&pagination.cursor=NA%3D%3D",
                "/warehouses?pagination.count=2",
            ])
        for request in api.requests {
            #expect(request.method == "GET")
            #expect(request.headers["authorization"] == "Bearer \(ExportFixture.token)")
            #expect(request.headers["accept"] == "application/json")
            #expect(request.headers["user-agent"] == "residency/\(ResidencyVersion.current)")
        }
        #expect(run.progress.contains("GET /destinations page 3"))

        let loaded = ExportFixture.load(exported.bundle)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))")
        let model = try #require(loaded.workspaces.first)
        #expect(model.workspace.slug == "acme-eu")
        #expect(model.workspace.apiHost == "https://eu1.api.segmentapis.com")
        #expect(model.workspace.region == "eu-west", "the region is inferred from apiHost")
        #expect(model.sources.map(\.id) == ["qQEHquLrjRDN9j1ByrChyn", "rh5BDZp6QDHvXFCkibm4pR", "kR6b2ixxrhJCgu2Uo7A9Bm"])
        #expect(model.sources[2].name == #"acme.eu "shop""#)
        #expect(model.destinations.map(\.id) == ["d-amplitude", "d-mixpanel", "d-braze", "d-customerio", "d-intercom"])
        #expect(model.destinations.map(\.endpoint.region) == ["eu", "us", "eu", "eu", "eu"])
        #expect(model.warehouses.map(\.id) == ["w-redshift"])
    }

    /// The bundle's text: header members, then the API's objects as they came, indented.
    @Test func bundleTextIsTheHeaderAndTheObjectsAsTheyCame() throws {
        let api = try ExportFixture.api()
        let text = String(decoding: try ExportFixture.export(try ExportFixture.options(api)).result.get().bundle, as: UTF8.self)
        #expect(
            text.hasPrefix(
                """
                {
                  "exportVersion": 1,
                  "exportedAt": "2026-11-28T02:00:00Z",
                  "apiHost": "https://eu1.api.segmentapis.com",
                  "apiURL": "\(api.baseURL)",
                  "exportedBy": "residency \(ResidencyVersion.current)",
                  "workspace": {
                    "id": "9aQ1Lj62S4bomZKLF4DPqW",
                    "slug": "acme-eu",
                    "name": "Acme EU"
                  },
                  "sources": [
                    {
                      "id": "qQEHquLrjRDN9j1ByrChyn",
                """))
        // Numbers keep the server's spelling; empty containers and nulls stay as they were.
        #expect(text.contains(#""batchSize": 75,"#) && text.contains(#""ratio": 1.50e2,"#))
        #expect(text.contains(#""empty": {},"#) && text.contains(#""none": null"#))
        #expect(text.contains(#""apiRegion": "US 🇺🇸""#))
        #expect(text.hasSuffix("  ]\n}\n"))
    }

    @Test func sameAnswersGiveTheSameBytes() throws {
        let api = try ExportFixture.api()
        let options = try ExportFixture.options(api)
        let first = try ExportFixture.export(options).result.get().bundle
        let second = try ExportFixture.export(options).result.get().bundle
        #expect(first == second)
    }

    @Test func aRateLimitIsWaitedOutAsRetryAfterSays() throws {
        let api = try ExportFixture.api()
        api.script("/sources#2", [.json(#"{"errors": [{"message": "slow down"}]}"#, status: 429, headers: ["Retry-After": "7"])])
        let run = ExportFixture.export(try ExportFixture.options(api))
        #expect(try run.result.get().sources == 3)
        #expect(run.waits == [7])
        #expect(run.progress.contains("GET /sources page 2: HTTP 429 (rate limited); trying again in 7 s (attempt 2 of 5)"))
    }

    /// Segment's own 429 (https://docs.segmentapis.com/tag/Rate-Limits): `X-RateLimit-Reset`
    /// as an RFC 5322 date and the error's `data.msBeforeNext`, no Retry-After. Each is waited
    /// out against the answer's Date (the later of the two when both come), through the real
    /// URLSession transport, and uses up no attempt: one attempt is all this run allows.
    @Test func segmentsRateLimitIsWaitedOutUntilItsReset() throws {
        let api = try ExportFixture.api()
        let tooMany = RateLimitTests.envelope(#"{"remainingPoints": 0, "msBeforeNext": 11500, "consumedPoints": 21}"#)
        api.script(
            "/destinations#2",
            [
                .json(
                    tooMany, status: 429,
                    headers: ["Date": "Wed, 21 Oct 2015 07:27:48 GMT", "X-RateLimit-Reset": "Wed, 21 Oct 2015 07:28:00 GMT"]),
                .json(
                    RateLimitTests.envelope(#"{"remainingPoints": 0, "consumedPoints": 40}"#), status: 429,
                    headers: ["Date": "Wed, 21 Oct 2015 07:28:57 GMT", "X-RateLimit-Reset": "Wed, 21 Oct 2015 07:29:00 GMT"]),
            ])
        var options = try ExportFixture.options(api)
        options.client.retry.maxAttempts = 1
        let run = ExportFixture.export(options)
        #expect(try run.result.get().destinations == 5)
        #expect(run.waits == [12, 3])
        #expect(
            run.progress.filter { $0.hasPrefix("rate limited") } == [
                "rate limited by Segment on GET /destinations page 2; waiting 12 s until 07:28:00 UTC (X-RateLimit-Reset)",
                "rate limited by Segment on GET /destinations page 2; waiting 3 s until 07:29:00 UTC (X-RateLimit-Reset)",
            ])
        #expect(api.requests.filter { $0.target.hasPrefix("/destinations") }.count == 5)
        #expect(!run.progress.joined().contains(ExportFixture.token))
    }

    /// A reset beyond `--timeout` ends the export at once, naming the reset, without a wait.
    @Test func aResetBeyondTheTimeLimitEndsTheExportAtOnce() throws {
        let api = try ExportFixture.api()
        api.script(
            "/sources",
            [
                .json(
                    RateLimitTests.envelope(#"{"msBeforeNext": 57647}"#), status: 429,
                    headers: ["Date": "Wed, 21 Oct 2015 07:27:48 GMT", "X-RateLimit-Reset": "Wed, 21 Oct 2015 07:28:45 GMT"])
            ])
        let run = ExportFixture.export(try ExportFixture.options(api, timeLimit: 20))
        let error = try #require(run.result.failure)
        #expect(error.code == "E1319")
        // msBeforeNext (57.647 s) is later than the header (57 s), so it decides.
        #expect(
            error.message.hasPrefix(
                "GET /sources page 1: Segment's rate limit would not reset before the time limit of 20 s runs out: it resets at 2015-10-21 07:28:45 UTC (msBeforeNext), in 57.6 s, and "
            ), "\(error.message)")
        #expect(run.waits.isEmpty)
    }

    /// Without Retry-After: half the doubling ceiling plus jitter (none when random is 0). A
    /// connection closed without an answer is retried like a 5xx.
    @Test func serverErrorsAreRetriedWithGrowingWaits() throws {
        let api = try ExportFixture.api()
        api.script("/destinations#3", [.json("{}", status: 500), .json("{}", status: 503), .close])
        let run = ExportFixture.export(try ExportFixture.options(api))
        #expect(try run.result.get().destinations == 5)
        #expect(run.waits == [0.5, 1, 2])
    }

    @Test func persistentFailureGivesUpAfterFiveAttempts() throws {
        let api = try ExportFixture.api()
        api.script("/warehouses", Array(repeating: .json("{}", status: 502), count: 5))
        let run = ExportFixture.export(try ExportFixture.options(api))
        let error = try #require(run.result.failure)
        #expect(error.code == "E1306")
        #expect(
            error.message
                == "GET /warehouses page 1: no usable answer from \(api.baseURL)/warehouses?pagination.count=2 after 5 attempts (last: HTTP 502)"
        )
        #expect(run.waits == [0.5, 1, 2, 4])
    }

    @Test func aMalformedPageIsReportedAtItsPlace() throws {
        let api = try ExportFixture.api()
        api.script("/destinations#2", [.json("{\"data\": {\"destinations\": [\n  {\"id\": \"x\"},\n  }]}}")])
        let error = try #require(ExportFixture.export(try ExportFixture.options(api)).result.failure)
        #expect(error.code == "E1308")
        #expect(error.message.hasPrefix("GET /destinations page 2: the answer is not valid JSON: "))
        let range = try #require(error.range)
        #expect(range.file == "\(api.baseURL)/destinations?pagination.count=2&pagination.cursor=Mg%3D%3D")
        #expect((range.start.line, range.start.column) == (3, 3))
        #expect(error.notes.first?.message.hasPrefix("near: ") == true)
    }

    @Test func anEmptyAnswerIsNotJSON() throws {
        let api = try ExportFixture.api()
        api.script("/", [.respond(status: 200)])
        let error = try #require(ExportFixture.export(try ExportFixture.options(api)).result.failure)
        #expect(error.message == "GET /: the answer is not valid JSON: it is empty")
    }

    @Test(arguments: [
        (401, "E1302", "(401 Unauthorized)", "--region us"),
        (403, "E1303", "(403 Forbidden)", "Warehouse Read-only"),
        (404, "E1304", "not found (404)", "eu1.api.segmentapis.com"),
        (400, "E1305", "HTTP 400", "report it"),
    ])
    func clientErrorsAreClearAndNotRetried(status: Int, code: String, words: String, help: String) throws {
        let api = try ExportFixture.api()
        api.script("/warehouses", [.json(#"{"errors": [{"type": "x", "message": "nope"}]}"#, status: status)])
        let run = ExportFixture.export(try ExportFixture.options(api))
        let error = try #require(run.result.failure)
        #expect(error.code == code)
        #expect(error.message.contains(words))
        #expect(error.message.contains("\(api.baseURL)/warehouses?pagination.count=2"))
        #expect(error.help?.contains(help) == true, "\(error.help ?? "")")
        #expect(error.notes.map(\.message) == ["the API said: nope"])
        #expect(run.waits.isEmpty)
    }

    @Test func aWrongTokenIsRejected() throws {
        let api = try ExportFixture.api()
        let error = try #require(
            ExportFixture.export(try ExportFixture.options(api), token: "sgp_wrong.0123456789").result.failure)
        #expect(error.code == "E1302")
        #expect(error.message == "GET /: the token was rejected (401 Unauthorized) by \(api.baseURL)/")
        #expect(error.help?.contains("check SEGMENT_PUBLIC_API_TOKEN") == true)
    }

    @Test func aCursorThatComesBackIsAnErrorNotALoop() throws {
        let api = try ExportFixture.api()
        let loop = #"{"data": {"sources": [], "pagination": {"current": "Mg==", "next": "MA==", "totalEntries": 3}}}"#
        api.script("/sources#2", [.json(loop)])
        let error = try #require(ExportFixture.export(try ExportFixture.options(api)).result.failure)
        #expect(error.code == "E1310")
        #expect(error.message.contains("GET /sources page 2: `pagination.next` names a page already fetched (\"MA==\")"))
        #expect(api.requests.count == 3)
    }

    @Test func aListLongerThanThePageLimitStops() throws {
        let api = try ExportFixture.api()
        var options = try ExportFixture.options(api)
        options.client.maxPages = 2
        let error = try #require(ExportFixture.export(options).result.failure)
        #expect(error.code == "E1311")
        #expect(error.message == "GET /destinations: more than 2 pages; stopped there rather than run on")
    }

    @Test func aSilentServerEndsAtTheTimeLimit() throws {
        let api = try ExportFixture.api()
        api.script("/sources", [.hang])
        let started = Date()
        let error = try #require(ExportFixture.export(try ExportFixture.options(api, timeLimit: 1)).result.failure)
        #expect(error.code == "E1307")
        #expect(error.message.hasPrefix("the export did not finish within its time limit of 1 s (GET /sources page 1 at "))
        #expect(Date().timeIntervalSince(started) < 4)
        api.stop()
    }

    @Test func redirectsAreNotFollowed() throws {
        let api = try ExportFixture.api()
        api.script("/", [.respond(status: 302, headers: ["Location": "http://127.0.0.1:9/elsewhere"])])
        let error = try #require(ExportFixture.export(try ExportFixture.options(api)).result.failure)
        #expect(error.code == "E1305")
        #expect(error.notes.map(\.message) == ["a redirect to http://127.0.0.1:9/elsewhere"])
        #expect(api.requests.count == 1)
    }

    @Test(arguments: [
        ("/", #"{"data": {}}"#, "GET /: expected `data.workspace` to be an object, found nothing"),
        (
            "/", #"{"data": {"workspace": {"id": "w", "slug": ""}}}"#,
            "GET /: expected `data.workspace.slug` to be a non-empty string, found an empty string"
        ),
        ("/", #"[1]"#, "GET /: expected the answer to be an object, found an array"),
        ("/", #"{"workspace": {}}"#, "GET /: expected the answer to be an object with `data`, found no `data`"),
        (
            "/sources", #"{"data": {"sources": "none"}}"#,
            "GET /sources page 1: expected `data.sources` to be a list, found a string"
        ),
        (
            "/sources", #"{"data": {"sources": [7]}}"#,
            "GET /sources page 1: expected each of `data.sources` to be an object, found a number"
        ),
        (
            "/sources", #"{"data": {"sources": [], "pagination": {"next": 2}}}"#,
            "GET /sources page 1: expected `pagination.next` to be a string or null, found a number"
        ),
    ])
    func answersOfTheWrongShapeAreReportedAtTheirPlace(path: String, body: String, message: String) throws {
        let api = try ExportFixture.api()
        api.script(path, [.json(body)])
        let error = try #require(ExportFixture.export(try ExportFixture.options(api)).result.failure)
        #expect(error.code == "E1309")
        #expect(error.message == message)
        #expect(error.range?.file.hasPrefix(api.baseURL + path) == true)
    }

    @Test func aListThatChangesMeanwhileWarnsAndKeepsOneCopy() throws {
        let api = try ExportFixture.api()
        // A source was created at the front meanwhile: page 2 starts with the last of page 1.
        let shifted =
            #"{"data": {"sources": [\#(ExportFixture.sources[1]), \#(ExportFixture.sources[2])], "pagination": {"current": "Mg==", "next": null, "totalEntries": 4}}}"#
        api.script("/sources#2", [.json(shifted)])
        let exported = try ExportFixture.export(try ExportFixture.options(api)).result.get()
        #expect(exported.sources == 3)
        #expect(exported.warnings.map(\.code) == ["W1302", "W1303", "W1301"])
        #expect(
            exported.warnings.first?.message
                == "GET /sources: `rh5BDZp6QDHvXFCkibm4pR` came again on page 2; the first copy is kept")
        // The bundle says so, and is audited as incomplete (ExportIncompleteTests).
        #expect(ExportFixture.load(exported.bundle).diagnostics.map(\.code) == ["W0607", "W0607", "W0607"])
    }

    @Test func theCatalogIsItsOwnDocument() throws {
        let api = try ExportFixture.api()
        var options = try ExportFixture.options(api)
        options.includeCatalog = true
        let exported = try ExportFixture.export(options).result.get()
        let catalog = String(decoding: try #require(exported.catalog), as: UTF8.self)
        #expect(exported.catalogEntries == 1)
        #expect(catalog.contains(#""destinationsCatalog": ["#))
        #expect(!String(decoding: exported.bundle, as: UTF8.self).contains("destinationsCatalog"))
        #expect(api.requests.last?.target == "/catalog/destinations?pagination.count=2")
    }
}
