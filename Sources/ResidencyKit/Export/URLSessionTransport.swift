import Dispatch
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The production transport: Foundation's URLSession (libcurl on Linux), ephemeral (no
/// cookies, cache or credential store), and refusing redirects, so that the token in the
/// `Authorization` header never goes to a host other than the one asked, and the host that
/// answered is the host that was asked.
///
/// Bodies arrive through the session's delegate piece by piece, rather than whole to a
/// completion handler, so that an answer can be stopped once it passes the request's
/// `maxBodyBytes` (counted after decompression, which URLSession does): an endless answer
/// or a decompression bomb ends in a clear error instead of exhausting memory.
final class URLSessionTransport: HTTPTransport, Sendable {
    // URLSession is thread-safe; the exchanges in flight are guarded by the delegate's lock.
    private let session: URLSession
    private let delegate = SessionDelegate()

    init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.urlCredentialStorage = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    }

    deinit {
        // Not here and now: see `later`.
        let session = session
        Self.later { session.invalidateAndCancel() }
    }

    /// Runs `work` on another thread, without waiting for it. URLSession's `cancel()` and
    /// `invalidateAndCancel()` wait for the session's work queue, and on Linux that queue can
    /// be busy for as long as a server keeps sending: an endless answer over loopback kept it
    /// draining for minutes while this thread (or the delegate queue, whose backlog of
    /// undelivered data then grew by gigabytes) waited to cancel. Seen in a loaded CI run and
    /// reproduced under load (ExportAnswerLimitTests). Once the caller has its error, the
    /// cancellation can happen whenever the queue lets it.
    static func later(_ work: @escaping @Sendable () -> Void) {
        DispatchQueue.global().async(execute: work)
    }

    func send(_ request: HTTPRequest, timeout: TimeInterval) throws(TransportFailure) -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        urlRequest.httpMethod = "GET"
        for header in request.headers { urlRequest.setValue(header.value, forHTTPHeaderField: header.name) }
        let task = session.dataTask(with: urlRequest)
        let exchange = Exchange(limit: request.maxBodyBytes)
        delegate.begin(task, exchange)
        defer { delegate.end(task) }
        task.resume()
        // URLRequest's timeout is an idle timeout: a server that trickles bytes never trips it.
        // This wait bounds the whole exchange.
        guard exchange.done.wait(timeout: .now() + timeout) == .success else {
            Self.later { task.cancel() }
            throw TransportFailure(.timedOut, "no complete answer within \(Self.seconds(timeout))")
        }
        return try exchange.result(timeout: timeout)
    }

    static func seconds(_ t: TimeInterval) -> String {
        // `--timeout 1e300` is a finite number of seconds, and no `Int`.
        guard t.isFinite, abs(t) < 1e15 else { return String(format: "%.3g s", t) }
        return t >= 10 || t == t.rounded() ? "\(Int(t.rounded())) s" : "\((t * 10).rounded() / 10) s"
    }

    /// One request's answer as it arrives, handed from URLSession's queue to the caller.
    fileprivate final class Exchange: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        let limit: Int
        // Written on URLSession's queue (one task's callbacks come one at a time) before
        // `done` is signalled, read after the wait.
        var body: [UInt8] = []
        var response: URLResponse?
        var error: (any Error)?
        /// Set when the body passed `limit` and the task was cancelled for it.
        var tooLarge = false

        init(limit: Int) { self.limit = limit }

        func result(timeout: TimeInterval) throws(TransportFailure) -> HTTPResponse {
            if tooLarge {
                throw TransportFailure(.tooLarge, "the answer was larger than \(FileSizeLimit(bytes: limit, what: "").text)")
            }
            if let error { throw URLSessionTransport.failure(error, timeout: timeout) }
            guard let http = response as? HTTPURLResponse else {
                throw TransportFailure(.connection, "the answer was not an HTTP response")
            }
            var headers: [String: String] = [:]
            for (name, value) in http.allHeaderFields {
                if let name = name as? String, let value = value as? String { headers[name] = value }
            }
            return HTTPResponse(status: http.statusCode, headers: headers, body: body)
        }
    }

    /// URLSession's errors in the user's terms. Certificate and URL problems are `.fatal`:
    /// trying again cannot help.
    static func failure(_ error: any Error, timeout: TimeInterval) -> TransportFailure {
        guard let error = error as? URLError else { return TransportFailure(.connection, "\(error)") }
        switch error.code {
        case .timedOut, .cancelled: return TransportFailure(.timedOut, "no answer within \(seconds(timeout))")
        case .cannotConnectToHost: return TransportFailure(.connection, "connection refused")
        case .cannotFindHost, .dnsLookupFailed: return TransportFailure(.connection, "host name not found")
        case .networkConnectionLost:
            return TransportFailure(.connection, "the connection was closed before the answer was complete")
        case .notConnectedToInternet: return TransportFailure(.connection, "no network connection")
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
            .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected:
            return TransportFailure(
                .fatal, "the TLS connection failed (URLError \(error.code.rawValue)): check the host's certificate")
        case .unsupportedURL, .badURL: return TransportFailure(.fatal, "the URL is not supported")
        default: return TransportFailure(.connection, "network error (URLError \(error.code.rawValue))")
        }
    }
}

/// The session's delegate: refuses every redirect (the 3xx response itself reaches the client,
/// which reports it), and gathers each task's body into its exchange, cancelling the task
/// once the body passes the exchange's limit.
/// Unchecked because the compiler cannot see `lock` guarding `exchanges`. (A Mutex version of
/// this file hung once in a loaded CI run of the endless-answer test, and this NSLock form later
/// hung the same way; the cause was the waits to cancel, not the lock: see
/// `URLSessionTransport.later`.)
private final class SessionDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private var exchanges: [Int: URLSessionTransport.Exchange] = [:]

    func begin(_ task: URLSessionTask, _ exchange: URLSessionTransport.Exchange) {
        lock.withLock { exchanges[task.taskIdentifier] = exchange }
    }

    func end(_ task: URLSessionTask) {
        _ = lock.withLock { exchanges.removeValue(forKey: task.taskIdentifier) }
    }

    private func exchange(_ task: URLSessionTask) -> URLSessionTransport.Exchange? {
        lock.withLock { exchanges[task.taskIdentifier] }
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        guard let exchange = exchange(dataTask) else { return completionHandler(.cancel) }
        exchange.response = response
        // A declared length past the limit is refused before any of it arrives (the length
        // of a compressed body says nothing about its size once decompressed, so this is
        // only the early case; the count below is the bound).
        if response.expectedContentLength > Int64(exchange.limit) {
            exchange.tooLarge = true
            exchange.done.signal()
            return completionHandler(.cancel)
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard let exchange = exchange(dataTask), !exchange.tooLarge else { return }
        guard exchange.body.count + data.count <= exchange.limit else {
            exchange.tooLarge = true
            exchange.body = []
            // The caller need not wait for the cancellation to complete, nor may this queue
            // (see `URLSessionTransport.later`).
            exchange.done.signal()
            URLSessionTransport.later { dataTask.cancel() }
            return
        }
        exchange.body += data
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let exchange = exchange(task), !exchange.tooLarge else { return }
        exchange.error = error
        exchange.done.signal()
    }
}
