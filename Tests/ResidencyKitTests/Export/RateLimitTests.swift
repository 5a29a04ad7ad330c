import Foundation
import Testing

@testable import ResidencyKit

/// Segment's rate limits, as its Public API documents them
/// (https://docs.segmentapis.com/tag/Rate-Limits, section "Rate Limits"): a 429 carries
/// `X-RateLimit-Reset`, "a timestamp, in RFC 5322 format", and an error whose
/// `data.msBeforeNext` is the milliseconds "before the rate limit is lifted" — the page's
/// example puts it at `errors[0].data.msBeforeNext`. No `Retry-After` is documented.
@Suite struct RateLimitTests {
    /// 2015-10-21T07:28:00Z, the reset most tests name.
    static let reset: TimeInterval = 1_445_412_480

    /// `epoch` as IMF-fixdate, written by Foundation rather than by the reader under test.
    static func imfDate(_ epoch: TimeInterval) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: Date(timeIntervalSince1970: epoch))
    }

    // MARK: X-RateLimit-Reset

    @Test func foundationsIMFFixdateIsRead() {
        #expect(Self.imfDate(Self.reset) == "Wed, 21 Oct 2015 07:28:00 GMT")
        for epoch in stride(from: -86_400.0 * 400, to: 86_400 * 365 * 60, by: 86_400 * 7.3) {
            #expect(MessageDate.parse(Self.imfDate(epoch)) == Date(timeIntervalSince1970: epoch))
        }
    }

    @Test(
        arguments: [
            ("Wed, 21 Oct 2015 07:28:00 GMT", reset),
            ("21 Oct 2015 07:28:00 GMT", reset),
            ("wed, 21 oct 2015 07:28:00 gmt", reset),
            ("Wed,21 Oct 2015 07:28:00 UT", reset),
            ("  Wed ,  21  Oct 2015\t07:28:00 GMT ", reset),
            ("Wed, 21 Oct 2015 09:28:00 +0200", reset),
            ("Wed, 21 Oct 2015 00:28:00 -0700", reset),
            ("Wed, 21 Oct 2015 00:28:00 PDT", reset),
            ("Wed, 21 Oct 2015 02:28:00 EST", reset),
            ("Wed, 21 Oct 2015 07:28 GMT", reset),
            ("Wed, 21 Oct 15 07:28:00 GMT", reset),
            ("Wed, 21 Oct 2015 07:28:00 Z", reset),
            ("Wed, 21 Oct 2015 07:28:00 +0000", reset),
            ("1 Jan 2026 00:00 GMT", 1_767_225_600),
            ("Thu, 31 Dec 2026 23:59:60 GMT", 1_798_761_600),
            ("Thu, 01 Jan 1970 00:00:00 GMT", 0),
            ("Fri, 31 Dec 9999 23:59:59 GMT", 253_402_300_799),
        ] as [(String, TimeInterval)])
    func resetDatesAreReadInEveryRFC5322Form(header: String, epoch: TimeInterval) {
        #expect(MessageDate.parse(header) == Date(timeIntervalSince1970: epoch))
    }

    @Test(arguments: [
        "", "   ", "soon", "1445412480", "2015-10-21T07:28:00Z", "Wed, 21 Oct 2015",
        "Thu, 21 Oct 2015 07:28:00 GMT",  // the day name disagrees with the date
        "Wed, 31 Feb 2015 07:28:00 GMT", "Wed, 21 Oct 2015 24:00:00 GMT", "Wed, 21 Oct 2015 07:61:00 GMT",
        "Wed, 21 Oct 2015 7:28:00 GMT", "Wed, 21 Oct 2015 07:28:00", "Wed, 21 Oct 2015 07:28:00 CET",
        "Wed, 21 Oct 2015 07:28:00 +02", "Wed, 21 Oct 2015 07:28:00 +0260", "Wed, 21 Oct 2015 07:28:00 J",
        "Wed, 21 Oct 2015 07:28:00 GMT (UTC)", "Wed, 21 Oct 20155 07:28:00 GMT", "Wed, 21 Okt 2015 07:28:00 GMT",
        "Wednesday, 21-Oct-15 07:28:00 GMT", "Wed Oct 21 07:28:00 2015", "Wed, Wed, 21 Oct 2015 07:28:00 GMT",
        "Wed, 21 Oct -2015 07:28:00 GMT",
    ])
    func garbageIsNoResetDate(header: String) {
        #expect(MessageDate.parse(header) == nil)
    }

    @Test func timesAreShownInUTC() {
        let date = Date(timeIntervalSince1970: Self.reset)
        #expect(MessageDate.clockTime(date) == "07:28:00 UTC")
        #expect(MessageDate.utc(date) == "2015-10-21 07:28:00 UTC")
        #expect(MessageDate.utc(Date(timeIntervalSince1970: -1)) == "1969-12-31 23:59:59 UTC")
        #expect(MessageDate.utc(Date(timeIntervalSince1970: 1e300)) == "a time after the year 9999")
        #expect(MessageDate.clockTime(Date(timeIntervalSince1970: 1e300)) == "a time after the year 9999")
    }

    @Test(
        arguments: [
            (12.44, "12.4 s"), (3, "3 s"), (57.647, "57.6 s"), (0.05, "0.1 s"), (99.96, "100 s"), (1200, "1200 s"),
            (1e300, "1e+300 s"),
        ] as [(Double, String)])
    func waitsAreShownInTenthsUnderAHundredSeconds(seconds: Double, text: String) {
        #expect(RateLimitReset.seconds(seconds) == text)
    }

    // MARK: msBeforeNext

    /// The error body as Segment's page shows it, with `data` given.
    static func envelope(_ data: String) -> String {
        #"{"errors": [{"type": "RequestError", "message": "Too many requests", "data": \#(data)}]}"#
    }

    @Test(
        arguments: [
            (envelope(#"{"remainingPoints": 0, "msBeforeNext": 57647, "consumedPoints": 21}"#), 57.647),
            (envelope(#"{"msBeforeNext": 57647.5}"#), 57.6475),
            (envelope(#"{"msBeforeNext": 5.7647e4}"#), 57.647),
            (envelope(#"{"msBeforeNext": "57647"}"#), 57.647),
            (envelope(#"{"msBeforeNext": "57.5"}"#), 0.0575),
            (#"{"data": {"msBeforeNext": 1500}}"#, 1.5),
            (#"{"data": {"msBeforeNext": 2000}, "errors": [{"data": {"msBeforeNext": 1000}}]}"#, 2),
            (#"{"errors": [{"message": "first"}, {"data": {"msBeforeNext": 250}}]}"#, 0.25),
            (envelope(#"{"msBeforeNext": -5}"#), nil),
            (envelope(#"{"msBeforeNext": 0}"#), nil),
            (envelope(#"{"msBeforeNext": "-5"}"#), nil),
            (envelope(#"{"msBeforeNext": "1e3"}"#), nil),
            (envelope(#"{"msBeforeNext": "soon"}"#), nil),
            (envelope(#"{"msBeforeNext": ""}"#), nil),
            (envelope(#"{"msBeforeNext": null}"#), nil),
            (envelope(#"{"msBeforeNext": true}"#), nil),
            (envelope(#"{"msBeforeNext": {"ms": 5}}"#), nil),
            (envelope(#"{"msBeforeNext": 1e400}"#), nil),
            (envelope(#"[57647]"#), nil),
            (#"{"errors": [{"type": "RequestError", "message": "Too many requests"}]}"#, nil),
            (#"{"msBeforeNext": 57647}"#, nil),
            (#"{"errors": [{"data": {"msBeforeNext": 57647}}"#, nil),
            (#"[{"data": {"msBeforeNext": 57647}}]"#, nil),
            ("<html><body>429 Too Many Requests</body></html>", nil),
            ("", nil),
        ] as [(String, Double?)])
    func msBeforeNextIsReadFromTheErrorBody(body: String, seconds: Double?) {
        #expect(RateLimitReset.msBeforeNext(Array(body.utf8)) == seconds)
    }

    // MARK: Which hint wins

    /// A 429 answered at 07:27:48 by the server's `Date` (unless `date` says otherwise).
    static func response(
        reset: String? = nil, date: String? = "Wed, 21 Oct 2015 07:27:48 GMT", body: String = ""
    ) -> HTTPResponse {
        var headers: [String: String] = [:]
        headers["X-RateLimit-Reset"] = reset
        headers["Date"] = date
        return HTTPResponse(status: 429, headers: headers, body: Array(body.utf8))
    }

    static let answered = Date(timeIntervalSince1970: reset - 12)
    /// This machine's clock, 0.4 s behind the server's.
    static let local = Date(timeIntervalSince1970: reset - 12.4)

    @Test(
        arguments: [
            // The reset, measured against the answer's Date.
            (response(reset: "Wed, 21 Oct 2015 07:28:00 GMT"), nil, (12.0, reset, "X-RateLimit-Reset")),
            // No Date, or one that cannot be read: measured against this machine's clock.
            (response(reset: "Wed, 21 Oct 2015 07:28:00 GMT", date: nil), nil, (12.4, reset, "X-RateLimit-Reset")),
            (response(reset: "Wed, 21 Oct 2015 07:28:00 GMT", date: "yesterday"), nil, (12.4, reset, "X-RateLimit-Reset")),
            (response(body: envelope(#"{"msBeforeNext": 57647}"#)), nil, (57.647, reset - 12 + 57.647, "msBeforeNext")),
            (
                response(date: nil, body: envelope(#"{"msBeforeNext": 57647}"#)), nil,
                (57.647, reset - 12.4 + 57.647, "msBeforeNext")
            ),
            // Both: the later is safe.
            (
                response(reset: "Wed, 21 Oct 2015 07:28:00 GMT", body: envelope(#"{"msBeforeNext": 11500}"#)), nil,
                (12.0, reset, "X-RateLimit-Reset")
            ),
            (
                response(reset: "Wed, 21 Oct 2015 07:28:00 GMT", body: envelope(#"{"msBeforeNext": 30000}"#)), nil,
                (30.0, reset + 18, "msBeforeNext")
            ),
            (
                response(reset: "Wed, 21 Oct 2015 07:28:00 GMT", body: envelope(#"{"msBeforeNext": 12000}"#)), nil,
                (12.0, reset, "X-RateLimit-Reset")
            ),
            // A reset already past names no wait; msBeforeNext still does.
            (response(reset: "Wed, 21 Oct 2015 07:27:00 GMT"), nil, nil),
            (response(reset: "Wed, 21 Oct 2015 07:27:48 GMT"), nil, nil),
            (
                response(reset: "Wed, 21 Oct 2015 07:27:00 GMT", body: envelope(#"{"msBeforeNext": 2000}"#)), nil,
                (2.0, reset - 10, "msBeforeNext")
            ),
            (response(reset: "1445412480"), nil, nil),
            (response(body: envelope(#"{"msBeforeNext": 0}"#)), nil, nil),
            (response(), nil, nil),
            // Retry-After alone keeps its old meaning (a counted retry); beside Segment's hints
            // it is one more, and the latest still wins.
            (response(), 7.0, nil),
            (response(reset: "Wed, 21 Oct 2015 07:28:00 GMT"), 20.0, (20.0, reset + 8, "Retry-After")),
            (response(reset: "Wed, 21 Oct 2015 07:28:00 GMT"), 5.0, (12.0, reset, "X-RateLimit-Reset")),
        ] as [(HTTPResponse, Double?, (Double, TimeInterval, String)?)])
    func theLatestNamedResetWins(response: HTTPResponse, retryAfter: Double?, expected: (Double, TimeInterval, String)?) {
        let reset = RateLimitReset(response, receivedAt: Self.local, retryAfter: retryAfter)
        guard let expected else {
            #expect(reset == nil)
            return
        }
        guard let reset else {
            Issue.record("no reset, expected \(expected)")
            return
        }
        #expect(abs(reset.wait - expected.0) < 1e-6, "\(reset.wait)")
        #expect(abs(reset.until.timeIntervalSince1970 - expected.1) < 1e-6, "\(reset.until)")
        #expect(reset.source.rawValue == expected.2)
    }
}
