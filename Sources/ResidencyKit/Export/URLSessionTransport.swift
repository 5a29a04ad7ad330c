import Dispatch
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The production transport: Foundation's URLSession (libcurl on Linux), ephemeral (no
/// cookies, cache or credential store), and refusing redirects, so that the token in the
/// `Authorization` header never goes to a host other than the one asked, and the host that
/// answered is the host that was asked.
public final class URLSessionTransport: HTTPTransport, @unchecked Sendable {
    // URLSession is thread-safe; nothing else here is mutable.
    private let session: URLSession

    public init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.urlCredentialStorage = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration, delegate: RedirectRefusal(), delegateQueue: nil)
    }

    deinit { session.invalidateAndCancel() }

    public func send(_ request: HTTPRequest, timeout: TimeInterval) throws(TransportFailure) -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        urlRequest.httpMethod = "GET"
        for header in request.headers { urlRequest.setValue(header.value, forHTTPHeaderField: header.name) }
        let outcome = Outcome()
        let task = session.dataTask(with: urlRequest) { data, response, error in
            outcome.finish(data: data, response: response, error: error)
        }
        task.resume()
        // URLRequest's timeout is an idle timeout: a server that trickles bytes never trips it.
        // This wait bounds the whole exchange.
        guard outcome.done.wait(timeout: .now() + timeout) == .success else {
            task.cancel()
            throw TransportFailure(.timedOut, "no complete answer within \(Self.seconds(timeout))")
        }
        return try outcome.result(timeout: timeout)
    }

    static func seconds(_ t: TimeInterval) -> String {
        // `--timeout 1e300` is a finite number of seconds, and no `Int`.
        guard t.isFinite, abs(t) < 1e15 else { return String(format: "%.3g s", t) }
        return t >= 10 || t == t.rounded() ? "\(Int(t.rounded())) s" : "\((t * 10).rounded() / 10) s"
    }

    /// What the completion handler delivered, handed from URLSession's queue to the caller.
    private final class Outcome: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        // Written once on URLSession's queue before `done` is signalled, read after the wait.
        private var data: Data?
        private var response: URLResponse?
        private var error: (any Error)?

        func finish(data: Data?, response: URLResponse?, error: (any Error)?) {
            self.data = data
            self.response = response
            self.error = error
            done.signal()
        }

        func result(timeout: TimeInterval) throws(TransportFailure) -> HTTPResponse {
            if let error { throw URLSessionTransport.failure(error, timeout: timeout) }
            guard let http = response as? HTTPURLResponse else {
                throw TransportFailure(.connection, "the answer was not an HTTP response")
            }
            var headers: [String: String] = [:]
            for (name, value) in http.allHeaderFields {
                if let name = name as? String, let value = value as? String { headers[name] = value }
            }
            return HTTPResponse(status: http.statusCode, headers: headers, body: data.map { [UInt8]($0) } ?? [])
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

/// Answers every redirect with "do not follow": the 3xx response itself reaches the client,
/// which reports it.
private final class RedirectRefusal: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
