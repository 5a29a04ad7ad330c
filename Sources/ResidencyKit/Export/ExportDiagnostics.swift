import Foundation

/// The problems of `residency export` (and of its `--workspaces` file), beside each other so that their codes (E13xx, W13xx)
/// and wording stay consistent. Messages name the request (`GET /sources page 2`) and the
/// URL; none of them can hold the token: it is never interpolated, and text that comes from
/// the server passes through `APIToken.redact` first.
extension Diagnostic {
    static func missingToken(_ variable: String, problem: String) -> Diagnostic {
        .error(
            .E1301, "the environment variable \(variable) \(problem)", at: nil,
            help:
                "set \(variable) to the workspace's Public API token (Settings > Access Management > Tokens), or name another variable with --token-env"
        )
    }

    static func tokenRejected(
        _ request: String, _ url: String, region: SegmentRegion, variable: String, server: String?
    )
        -> Diagnostic
    {
        Diagnostic(
            .error, .E1302, "\(request): the token was rejected (401 Unauthorized) by \(url)", at: nil,
            notes: apiSaid(server),
            help:
                "check \(variable): the token may be mistyped, revoked or expired, or belong to a workspace in the other region (its API is \(region.other.apiHost), --region \(region.other.rawValue))"
        )
    }

    static func forbidden(_ request: String, _ url: String, server: String?) -> Diagnostic {
        Diagnostic(
            .error, .E1303, "\(request): the token may not read this (403 Forbidden) at \(url)", at: nil,
            notes: apiSaid(server),
            help:
                "give the token read access to sources, destinations and warehouses (Workspace Member with Source Read-only for all sources and Warehouse Read-only), or use a Workspace Owner token"
        )
    }

    static func notFound(_ request: String, _ url: String, region: SegmentRegion, server: String?) -> Diagnostic {
        Diagnostic(
            .error, .E1304, "\(request): not found (404) at \(url)", at: nil,
            notes: apiSaid(server),
            help:
                "a workspace's token works only against its region's API: an EU workspace's token must be used against \(SegmentRegion.eu.apiHost) (--region eu), a US workspace's against \(SegmentRegion.us.apiHost) (--region us); check --region and --api-url"
        )
    }

    /// The server's own words, as a note.
    private static func apiSaid(_ server: String?) -> [Note] {
        server.map { [Note("the API said: \($0)")] } ?? []
    }

    static func unexpectedStatus(_ request: String, _ url: String, status: Int, detail: String?) -> Diagnostic {
        Diagnostic(
            .error, .E1305, "\(request): the API answered HTTP \(status) at \(url)", at: nil,
            notes: detail.map { [Note($0)] } ?? [],
            help: status / 100 == 3
                ? "redirects are not followed, so that the token goes only to the host asked; point --api-url at the host that answers"
                : "this residency may not know this part of the Public API; report it with the command you ran")
    }

    static func gaveUp(_ request: String, _ url: String, attempts: Int, last: String) -> Diagnostic {
        .error(
            .E1306,
            "\(request): no usable answer from \(url) after \(attempts) attempt\(attempts == 1 ? "" : "s") (last: \(last))",
            at: nil,
            help: "the API is rate limiting or failing; try again later, or check the network and --api-url")
    }

    static func timeLimit(_ seconds: TimeInterval, _ request: String, _ url: String, last: String?) -> Diagnostic {
        .error(
            .E1307,
            "the export did not finish within its time limit of \(URLSessionTransport.seconds(seconds)) (\(request) at \(url)\(last.map { ": \($0)" } ?? ""))",
            at: nil, help: "raise --timeout, or try again when the API answers faster")
    }

    /// Segment named a reset that comes after the deadline: waiting could not help, so the
    /// export ends now and says when to run it again.
    static func rateLimitOutlastsTimeLimit(
        _ seconds: TimeInterval, _ request: String, _ url: String, reset: RateLimitReset, left: TimeInterval
    ) -> Diagnostic {
        .error(
            .E1319,
            "\(request): Segment's rate limit would not reset before the time limit of \(URLSessionTransport.seconds(seconds)) runs out: it resets at \(MessageDate.utc(reset.until)) (\(reset.source.rawValue)), in \(RateLimitReset.seconds(reset.wait)), and \(RateLimitReset.seconds(max(0, left))) are left (\(url))",
            at: nil,
            help:
                "run the export again after the reset, or raise --timeout so that it can wait; another client using the same token or address may be spending the limit"
        )
    }

    static func stillRateLimited(_ request: String, _ url: String, waits: Int) -> Diagnostic {
        .error(
            .E1320,
            "\(request): still rate limited by Segment after waiting \(waits) time\(waits == 1 ? "" : "s") for its limit to reset (\(url)); stopped rather than wait on",
            at: nil,
            help:
                "another client may be spending the same token's or address's limit; try again later, or ask Segment about the workspace's Public API limits"
        )
    }

    static func invalidJSON(_ request: String, message: String, at range: SourceRange, near: String?) -> Diagnostic {
        Diagnostic(
            .error, .E1308, "\(request): the answer is not valid JSON: \(message)", at: range,
            notes: near.map { [Note("near: \($0)")] } ?? [],
            help: "a proxy or gateway may have answered instead of the Public API; check --api-url")
    }

    static func unexpectedShape(
        _ request: String, _ what: String, expected: String, found: String, at range: SourceRange
    )
        -> Diagnostic
    {
        .error(
            .E1309, "\(request): expected \(what) to be \(expected), found \(found)", at: range,
            help: "the answer is not the Public API's documented envelope (`{\"data\": {…}}`); check --api-url")
    }

    static func cursorRepeats(_ request: String, cursor: String, at range: SourceRange) -> Diagnostic {
        .error(
            .E1310, "\(request): `pagination.next` names a page already fetched (\"\(cursor)\"), which would never end",
            at: range, help: "the API's pagination is inconsistent; try again later")
    }

    static func tooManyPages(_ path: String, limit: Int) -> Diagnostic {
        .error(
            .E1311, "GET \(path): more than \(limit) pages; stopped there rather than run on", at: nil,
            help: "raise --page-size (at most \(PublicAPIClient.maximumPageSize)), or report a workspace this large")
    }

    static func answerTooLarge(_ request: String, _ url: String, limit: Int) -> Diagnostic {
        .error(
            .E1321,
            "\(request): the answer from \(url) is larger than \(FileSizeLimit(bytes: limit, what: "").text) (counted after decompression); stopped there",
            at: nil,
            help: "a Public API page is far smaller: check --api-url, or whatever sits between this machine and the API")
    }

    static func listTooLarge(_ path: String, pages: Int, limit: Int) -> Diagnostic {
        .error(
            .E1322,
            "GET \(path): \(pages) pages add up to more than \(FileSizeLimit(bytes: limit, what: "").text), more than an inventory may hold; stopped there",
            at: nil, help: "check --api-url: no workspace's list is this large")
    }

    static func tokenInAnswer(_ what: String) -> Diagnostic {
        .error(
            .E1312, "the \(what) would contain the API token itself; nothing was written", at: nil,
            help: "a resource's settings hold the token's text: rotate the token and check who put it there")
    }

    static func invalidAPIURL(_ url: String, _ why: String) -> Diagnostic {
        .error(
            .E1314, "--api-url \(url) \(why)", at: nil,
            help: "give the base URL only, such as https://eu1.api.segmentapis.com or http://127.0.0.1:8080")
    }

    static func unreadableWorkspacesFile(_ path: String, _ error: FileReadError) -> Diagnostic {
        .error(.E1315, "cannot read the workspaces file \(path): \(error)", at: nil)
    }

    static func noWorkspaceEntries(at range: SourceRange) -> Diagnostic {
        .error(
            .E1316, "a workspaces file holds a non-empty `workspaces` list", at: range,
            help: "each entry names a `region` (eu or us) and the `tokenEnv` variable holding its token")
    }

    static func unknownWorkspaceEntryKey(_ key: String, known: [String], at range: SourceRange) -> Diagnostic {
        .error(
            .E1317, "unknown key `\(key)` in a workspace entry", at: range,
            help: key.lowercased().contains("token") && key != "tokenEnv"
                ? "name the environment variable with `tokenEnv`: tokens never go in files"
                : Suggestions.didYouMean(key, in: known) ?? "an entry takes: \(known.joined(separator: ", "))")
    }

    static func unknownWorkspaceEntryRegion(_ region: String, at range: SourceRange) -> Diagnostic {
        .error(.E1318, "unknown region \"\(region)\"", at: range, help: "a workspace's region is eu or us")
    }

    static func totalEntriesDiffer(_ path: String, fetched: Int, announced: Int) -> Diagnostic {
        .warning(
            .W1301,
            "GET \(path): the API announced \(announced) entries (`pagination.totalEntries`) but \(fetched) were fetched",
            at: nil,
            help: "the workspace probably changed during the export; the bundle records it as incomplete: run it again")
    }

    static func totalEntriesChanged(_ path: String, from: Int, to: Int, page: Int) -> Diagnostic {
        .warning(
            .W1303, "GET \(path): `pagination.totalEntries` changed from \(from) to \(to) on page \(page)", at: nil,
            help: "the workspace changed during the export; the bundle records it as incomplete: run it again")
    }

    static func repeatedResource(_ path: String, id: String, page: Int) -> Diagnostic {
        .warning(
            .W1302, "GET \(path): `\(id)` came again on page \(page); the first copy is kept", at: nil,
            help: "the workspace probably changed during the export; the bundle records it as incomplete: run it again")
    }
}
