import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A small HTTP/1.1 server on 127.0.0.1 (a free port chosen by the system) for tests: POSIX
/// sockets, one thread accepting and one per connection, the request line and headers parsed,
/// `Content-Length` answers and `Connection: close`. A handler decides each answer, so a test
/// can script pages, rate limits, failures, malformed bodies and silence.
public final class LoopbackServer: @unchecked Sendable {
    /// One request as received.
    public struct Request: Sendable {
        public var method: String
        /// The path without the query, e.g. `/sources`.
        public var path: String
        /// The request target as sent, e.g. `/sources?pagination.count=2&pagination.cursor=Mg%3D%3D`.
        public var target: String
        /// Query parameters, percent-decoded.
        public var query: [String: String]
        /// Header names lower-cased.
        public var headers: [String: String]
    }

    /// What to do with a request.
    public enum Reply: Sendable {
        case respond(status: Int, headers: [String: String] = [:], body: [UInt8] = [])
        /// Read the request and answer nothing until the server stops.
        case hang
        /// Close the connection without answering.
        case close
        /// The status and headers (no `Content-Length` unless given), then `chunk` again and
        /// again until the client hangs up or the server stops: an answer that never ends.
        case endless(status: Int, headers: [String: String] = [:], chunk: [UInt8])

        /// A JSON answer.
        public static func json(_ text: String, status: Int = 200, headers: [String: String] = [:]) -> Reply {
            var all = headers
            all["Content-Type"] = "application/json"
            return .respond(status: status, headers: all, body: Array(text.utf8))
        }
    }

    public let port: UInt16
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// What the server's threads share. They hold this, not the server, so that the server
    /// is released (and stops) when its owner lets go of it.
    private let shared: Shared

    /// Starts listening at once; `stop()` (or the end of the server's life) ends it.
    public init(handler: @escaping @Sendable (Request) -> Reply) throws {
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { a in
                bind(fd, a, length) == 0 && listen(fd, 64) == 0 && getsockname(fd, a, &length) == 0
            }
        }
        guard bound else {
            close(fd)
            throw POSIXError(.init(rawValue: errno) ?? .EIO)
        }
        port = UInt16(bigEndian: address.sin_port)
        let shared = Shared(handler: handler)
        self.shared = shared
        Thread { shared.acceptLoop(fd) }.start()
    }

    deinit { stop() }

    /// The requests received so far, in order.
    public var requests: [Request] { shared.requests }

    /// Stops accepting, and releases connections held by `.hang`.
    public func stop() { shared.stop() }

    private final class Shared: @unchecked Sendable {
        let handler: @Sendable (Request) -> Reply
        // Guards `stopped` and `received`; `.hang` waits on it.
        private let state = NSCondition()
        private var stopped = false
        private var received: [Request] = []

        init(handler: @escaping @Sendable (Request) -> Reply) { self.handler = handler }

        var requests: [Request] {
            state.lock()
            defer { state.unlock() }
            return received
        }

        var isStopped: Bool {
            state.lock()
            defer { state.unlock() }
            return stopped
        }

        func stop() {
            state.lock()
            stopped = true
            state.broadcast()
            state.unlock()
        }

        func acceptLoop(_ listener: Int32) {
            // Polling with a short timeout lets `stop()` end the loop without closing a
            // socket another thread is blocked on.
            while !isStopped {
                var pfd = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
                guard poll(&pfd, 1, 50) > 0 else { continue }
                let connection = accept(listener, nil, nil)
                guard connection >= 0 else { continue }
                Thread { self.serve(connection) }.start()
            }
            close(listener)
        }

        private func serve(_ connection: Int32) {
            defer { close(connection) }
            #if canImport(Darwin)
                var one: Int32 = 1
                setsockopt(connection, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
            #endif
            guard let request = LoopbackServer.readRequest(connection) else { return }
            state.lock()
            received.append(request)
            state.unlock()
            switch handler(request) {
            case .close: return
            case .hang:
                state.lock()
                while !stopped { state.wait() }
                state.unlock()
            case .endless(let status, let headers, let chunk):
                var head = "HTTP/1.1 \(status) \(LoopbackServer.reason(status))\r\n"
                for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
                head += "Connection: close\r\n\r\n"
                guard LoopbackServer.writeAll(connection, Array(head.utf8)) else { return }
                while !isStopped, LoopbackServer.writeAll(connection, chunk) {}
            case .respond(let status, let headers, let body):
                var head = "HTTP/1.1 \(status) \(LoopbackServer.reason(status))\r\n"
                for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
                head += "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
                LoopbackServer.writeAll(connection, Array(head.utf8) + body)
            }
        }
    }

    /// Reads up to the blank line that ends the headers (GET requests have no body).
    static func readRequest(_ connection: Int32) -> Request? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        let end: [UInt8] = Array("\r\n\r\n".utf8)
        while bytes.count < 65_536 {
            let n = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { return nil }
            bytes += chunk[0..<n]
            if let range = bytes.firstRange(of: end) {
                return Self.parse(String(decoding: bytes[..<range.lowerBound], as: UTF8.self))
            }
        }
        return nil
    }

    static func parse(_ head: String) -> Request? {
        let lines = head.components(separatedBy: "\r\n")
        let parts = lines[0].split(separator: " ")
        guard parts.count == 3 else { return nil }
        let target = String(parts[1])
        let pieces = target.split(separator: "?", maxSplits: 1)
        var query: [String: String] = [:]
        if pieces.count == 2 {
            for pair in pieces[1].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
                query[kv[0]] = kv.count == 2 ? kv[1] : ""
            }
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Request(method: String(parts[0]), path: String(pieces[0]), target: target, query: query, headers: headers)
    }

    /// Sends everything; false when the connection broke first.
    @discardableResult
    static func writeAll(_ connection: Int32, _ bytes: [UInt8]) -> Bool {
        #if canImport(Glibc)
            let flags = Int32(MSG_NOSIGNAL)
        #else
            let flags: Int32 = 0
        #endif
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { send(connection, $0.baseAddress! + sent, bytes.count - sent, flags) }
            guard n > 0 else { return false }
            sent += n
        }
        return true
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 302: "Found"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}
