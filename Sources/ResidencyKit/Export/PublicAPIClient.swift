import Foundation

/// A read-only client of Segment's Public API: GET requests with the Bearer token, retries on
/// 429, 5xx and broken connections, waits for a rate limit's named reset, one deadline over
/// everything, and every failure a `Diagnostic` that names the request and says what to do.
/// Answers are parsed by the tool's own JSON reader, so a malformed one is reported at its
/// line and column.
package struct PublicAPIClient: Sendable {
    /// The Public API's largest page (`pagination.count` is 1…200).
    package static let maximumPageSize = 200

    package struct Options: Sendable {
        var endpoint: PublicAPIEndpoint
        /// Items per page, 1…200.
        package var pageSize = PublicAPIClient.maximumPageSize
        /// Pages per list before giving up, so that a server that never stops cannot keep
        /// the export running (1,000 pages of 200 is far beyond any workspace).
        var maxPages = 1000
        package var retry = RetryPolicy()
        /// The whole export's time limit in seconds: every request, and every wait between
        /// attempts, ends by then.
        package var timeLimit: TimeInterval = 300
        /// The longest one attempt may take before it is abandoned and tried again.
        var requestTimeout: TimeInterval = 60
        /// The environment variable the token came from, named in messages about it.
        package var tokenVariable = "SEGMENT_PUBLIC_API_TOKEN"
        /// The most bytes one answer may hold once decompressed (`HTTPRequest.maxBodyBytes`).
        var maxAnswerBytes = HTTPRequest.defaultMaxBodyBytes
        /// The most bytes the answers of one list may add up to: what they hold goes into one
        /// bundle, which must stay readable as an inventory.
        var maxListBytes = FileSizeLimit.inventory.bytes

        package init(endpoint: PublicAPIEndpoint) { self.endpoint = endpoint }
    }

    /// One parsed answer: the request it answers and its body, as a file named by its URL, so
    /// that positions in messages read `URL:line:col`.
    struct Page: Sendable {
        var request: String
        var url: String
        var file: SourceFile
        /// The whole answer, and its `data` object.
        package var root: DataNode
        var data: DataNode

        func range(_ node: DataNode) -> SourceRange { file.range(node.start, node.end) }
    }

    let options: Options
    let token: APIToken
    let transport: any HTTPTransport
    let environment: ExportEnvironment
    /// When the time limit runs out, on `environment.now`'s scale.
    let deadline: TimeInterval
    /// Where progress lines go (`GET /sources page 2`); the CLI shows them on a terminal.
    let progress: @Sendable (String) -> Void

    /// The time limit starts now.
    init(
        options: Options, token: APIToken, transport: any HTTPTransport = URLSessionTransport(),
        environment: ExportEnvironment = .system, progress: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.options = options
        self.token = token
        self.transport = transport
        self.environment = environment
        self.deadline = environment.now() + options.timeLimit
        self.progress = progress
    }

    /// GETs `path` and returns its `data`, trying again as `options.retry` allows. `request`
    /// names it in messages (`GET /sources page 2`).
    func get(_ path: String, query: [(String, String)] = [], request: String) throws(Diagnostic) -> Page {
        let url = options.endpoint.url(path, query: query)
        guard let parsedURL = URL(string: url) else {
            throw .invalidAPIURL(options.endpoint.baseURL, "does not make a valid URL with \(path)")
        }
        let httpRequest = HTTPRequest(
            url: parsedURL,
            headers: [
                ("Authorization", token.bearer), ("Accept", "application/json"),
                ("User-Agent", "residency/\(ResidencyVersion.current)"),
            ], maxBodyBytes: options.maxAnswerBytes)
        var attempt = 0
        var rateLimitWaits = 0
        var last: String?
        while true {
            attempt += 1
            let remaining = deadline - environment.now()
            guard remaining > 0 else { throw .timeLimit(options.timeLimit, request, url, last: last) }
            var retryAfter: TimeInterval?
            let response: HTTPResponse?
            do {
                response = try transport.send(httpRequest, timeout: min(options.requestTimeout, remaining))
            } catch {
                if error.kind == .tooLarge { throw .answerTooLarge(request, url, limit: options.maxAnswerBytes) }
                if error.kind == .fatal { throw .gaveUp(request, url, attempts: attempt, last: error.description) }
                if environment.now() >= deadline { throw .timeLimit(options.timeLimit, request, url, last: error.description) }
                last = error.description
                response = nil
            }
            if let response {
                // Whatever the transport, a body past the bound is refused here too.
                if response.body.count > options.maxAnswerBytes {
                    throw .answerTooLarge(request, url, limit: options.maxAnswerBytes)
                }
                if (200..<300).contains(response.status) { return try page(response.body, request: request, url: url) }
                guard RetryPolicy.isRetryable(status: response.status) else { throw failure(response, request, url) }
                last = "HTTP \(response.status)\(response.status == 429 ? " (rate limited)" : "")"
                retryAfter = RetryPolicy.retryAfter(response.headers["retry-after"])
                if response.status == 429,
                    let reset = RateLimitReset(response, receivedAt: environment.wallClock(), retryAfter: retryAfter)
                {
                    rateLimitWaits += 1
                    try waitForReset(reset, request: request, url: url, waits: rateLimitWaits)
                    // Segment asked for the wait: the attempt did not fail, and is not used up.
                    attempt -= 1
                    continue
                }
            }
            guard attempt < options.retry.maxAttempts else {
                throw .gaveUp(request, url, attempts: attempt, last: last ?? "no answer")
            }
            let delay = retryAfter ?? options.retry.delay(after: attempt, random: environment.random())
            guard environment.now() + delay < deadline else {
                throw .timeLimit(
                    options.timeLimit, request, url, last: "\(last ?? "no answer"), and the next attempt would start after it")
            }
            progress(
                "\(request): \(last ?? "no answer"); trying again in \(URLSessionTransport.seconds(delay)) (attempt \(attempt + 1) of \(options.retry.maxAttempts))"
            )
            environment.sleep(delay)
        }
    }

    /// Waits out a rate limit whose reset Segment named, after checking that the wait is
    /// one of the few allowed and ends before the deadline: a wait past the deadline could
    /// only end in E1307, later and without saying when the limit lifts.
    private func waitForReset(_ reset: RateLimitReset, request: String, url: String, waits: Int) throws(Diagnostic) {
        guard waits <= options.retry.maxRateLimitWaits else {
            throw .stillRateLimited(request, url, waits: options.retry.maxRateLimitWaits)
        }
        let left = deadline - environment.now()
        guard reset.wait < left else {
            throw .rateLimitOutlastsTimeLimit(options.timeLimit, request, url, reset: reset, left: left)
        }
        progress(
            "rate limited by Segment on \(request); waiting \(RateLimitReset.seconds(reset.wait)) until \(MessageDate.clockTime(reset.until)) (\(reset.source.rawValue))"
        )
        environment.sleep(reset.wait)
    }

    /// The answer parsed, with its `data` object.
    private func page(_ body: [UInt8], request: String, url: String) throws(Diagnostic) -> Page {
        let file = SourceFile(path: url, bytes: body)
        let tree: DataTree
        switch JSONReader.parse(file) {
        case .success(let t): tree = t
        case .failure(let e):
            if body.isEmpty { throw .invalidJSON(request, message: "it is empty", at: file.range(0, 0), near: nil) }
            throw .invalidJSON(
                request, message: token.redact(e.message), at: file.range(e.offset, e.offset + e.length),
                near: excerpt(body, at: e.offset))
        }
        let root = tree.root
        let rootRange = file.range(root.start, root.end)
        guard root.kind == .object else {
            throw .unexpectedShape(request, "the answer", expected: "an object", found: root.typeName, at: rootRange)
        }
        guard let data = root["data"], data.kind == .object else {
            let found = root["data"].map(\.typeName) ?? "no `data`"
            throw .unexpectedShape(request, "the answer", expected: "an object with `data`", found: found, at: rootRange)
        }
        return Page(request: request, url: url, file: file, root: root, data: data)
    }

    /// The failure a non-retryable status stands for.
    private func failure(_ response: HTTPResponse, _ request: String, _ url: String) -> Diagnostic {
        let said = serverMessage(response.body)
        switch response.status {
        case 401:
            return .tokenRejected(request, url, region: options.endpoint.region, variable: options.tokenVariable, server: said)
        case 403: return .forbidden(request, url, server: said)
        case 404: return .notFound(request, url, region: options.endpoint.region, server: said)
        case 300..<400:
            let location = response.headers["location"].map { "a redirect to \(token.redact($0))" } ?? "a redirect"
            return .unexpectedStatus(request, url, status: response.status, detail: location)
        default:
            return .unexpectedStatus(request, url, status: response.status, detail: said.map { "the API said: \($0)" })
        }
    }

    /// The first message of the Public API's error envelope (`{"errors": [{"message": …}]}`),
    /// shortened and with the token removed; nil for anything else (an HTML error page).
    func serverMessage(_ body: [UInt8]) -> String? {
        guard !body.isEmpty, case .success(let tree) = JSONReader.parse(SourceFile(path: "", bytes: body)),
            let message = tree.root["errors"]?[0]?["message"]?.string ?? tree.root["message"]?.string
        else { return nil }
        let clean = token.redact(message).replacingOccurrences(of: "\n", with: " ")
        return clean.count > 300 ? String(clean.prefix(300)) + "…" : clean
    }

    /// A few dozen characters around a malformed answer's error, on one line, with the token
    /// removed; nil for an empty body.
    func excerpt(_ body: [UInt8], at offset: Int) -> String? {
        let from = max(0, offset - 40), to = min(body.count, offset + 40)
        guard from < to else { return nil }
        // A window cut through the token would show part of it: show nothing near it.
        let n = token.secret.utf8.count
        if token.occurs(in: Array(body[max(0, from - n)..<min(body.count, to + n)])) { return nil }
        let text = String(decoding: body[from..<to], as: UTF8.self)
        let oneLine = String(text.unicodeScalars.map { $0.value < 0x20 ? " " : Character($0) })
        return "`\(token.redact(oneLine))`"
    }
}
