import Foundation

/// When a 429 from Segment says its rate limit lifts. Segment documents both hints
/// (https://docs.segmentapis.com/tag/Rate-Limits): the `X-RateLimit-Reset` header, "a
/// timestamp, in RFC 5322 format", and the error's `data.msBeforeNext`, milliseconds "before
/// the rate limit is lifted". It sends no `Retry-After`, so without these the export would
/// back off blindly and give up in seconds on a limit that lifts in a minute.
struct RateLimitReset: Sendable, Equatable {
    /// Which hint decided the wait, named in the progress line.
    package enum Source: String, Sendable {
        case header = "X-RateLimit-Reset"
        case body = "msBeforeNext"
        case retryAfter = "Retry-After"
    }

    /// Seconds to wait, from when the answer arrived.
    var wait: TimeInterval
    /// When the wait ends: on the server's clock when the answer had a `Date`, else on ours.
    var until: Date
    var source: Source

    init(wait: TimeInterval, until: Date, source: Source) {
        self.wait = wait
        self.until = until
        self.source = source
    }

    /// The wait a 429 names, or nil when it names none that is still ahead.
    ///
    /// The reset time is measured against the answer's own `Date` when it has a readable
    /// one, so that a machine whose clock is off still waits as long as Segment meant, else
    /// against `receivedAt` (this machine's clock). When several hints are given the latest
    /// wins: waiting for the later one is safe, waiting for the earlier may only earn another
    /// 429. `Retry-After` (which Segment does not send) joins in only beside one of Segment's
    /// own hints; alone it keeps its old meaning, a counted retry. A reset that is already
    /// past, or a `msBeforeNext` of 0 or less, names no wait: the caller backs off as it does
    /// for a 429 that says nothing, so a skewed clock cannot turn into a burst of requests.
    init?(_ response: HTTPResponse, receivedAt: Date, retryAfter: TimeInterval? = nil) {
        let reference = response.headers["date"].flatMap(MessageDate.parse) ?? receivedAt
        var named: [RateLimitReset] = []
        if let reset = response.headers["x-ratelimit-reset"].flatMap(MessageDate.parse) {
            let wait = reset.timeIntervalSince(reference)
            if wait > 0 { named.append(RateLimitReset(wait: wait, until: reset, source: .header)) }
        }
        if let wait = Self.msBeforeNext(response.body) {
            named.append(RateLimitReset(wait: wait, until: reference.addingTimeInterval(wait), source: .body))
        }
        guard !named.isEmpty else { return nil }
        if let retryAfter, retryAfter > 0 {
            named.append(
                RateLimitReset(wait: retryAfter, until: reference.addingTimeInterval(retryAfter), source: .retryAfter))
        }
        // `max` keeps the first of equal waits: the header, which names the time itself.
        self = named.max(by: { $0.wait < $1.wait })!
    }

    /// `msBeforeNext` in seconds, from the error body: each `errors[i].data.msBeforeNext`
    /// (where Segment's documented example puts it) and a top-level `data.msBeforeNext`
    /// (the path its field table gives), the largest of them. A number, or a string that is
    /// a plain decimal number; anything else, a wait of 0 or less, or a body that is not
    /// JSON gives nil.
    static func msBeforeNext(_ body: [UInt8]) -> TimeInterval? {
        guard !body.isEmpty, case .success(let tree) = JSONReader.parse(SourceFile(path: "", bytes: body)),
            tree.root.kind == .object
        else { return nil }
        var holders: [DataNode] = []
        if let data = tree.root["data"] { holders.append(data) }
        if let errors = tree.root["errors"] {
            for error in errors.elements { if let data = error["data"] { holders.append(data) } }
        }
        let waits = holders.compactMap { holder -> TimeInterval? in
            guard holder.kind == .object, let value = holder["msBeforeNext"],
                let ms = value.double ?? value.string.flatMap(plainDecimal), ms.isFinite, ms > 0
            else { return nil }
            return ms / 1000
        }
        return waits.max()
    }

    /// `57647` or `57647.5` as a number; nil for signs, exponents, `inf`, `nan`, spaces.
    private static func plainDecimal(_ text: String) -> Double? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } })
        else { return nil }
        return Double(text)
    }

    /// A wait as the progress line shows it: tenths under 100 s (`12.4 s`, `3 s`), whole
    /// seconds above.
    static func seconds(_ t: TimeInterval) -> String {
        guard t.isFinite, abs(t) < 1e15 else { return String(format: "%.3g s", t) }
        let tenths = (t * 10).rounded() / 10
        if tenths < 100 { return tenths == tenths.rounded() ? "\(Int(tenths)) s" : "\(tenths) s" }
        return "\(Int(t.rounded())) s"
    }
}
