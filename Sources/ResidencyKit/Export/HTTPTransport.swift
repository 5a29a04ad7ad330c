import Foundation

/// One GET request of the Public API client: the URL and its headers. The token travels only
/// in `headers`, which nothing prints.
package struct HTTPRequest: Sendable {
    var url: URL
    var headers: [(name: String, value: String)]
    /// The most body bytes (after any decompression) to take: a transport stops receiving
    /// past it and fails with `.tooLarge`, so that an endless answer or a compression bomb
    /// cannot fill memory.
    var maxBodyBytes: Int

    init(url: URL, headers: [(name: String, value: String)], maxBodyBytes: Int = HTTPRequest.defaultMaxBodyBytes) {
        self.url = url
        self.headers = headers
        self.maxBodyBytes = maxBodyBytes
    }

    /// 64 MiB: a Public API page of 200 items is well under a megabyte.
    static let defaultMaxBodyBytes = 64 << 20
}

/// What a server answered: status, headers (names lower-cased) and the whole body.
package struct HTTPResponse: Sendable {
    package var status: Int
    var headers: [String: String]
    var body: [UInt8]

    init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        self.body = body
    }
}

/// Why no response arrived, with what happened in the user's terms.
package struct TransportFailure: Error, Sendable, CustomStringConvertible {
    enum Kind: Sendable {
        /// No complete answer in time: worth another attempt.
        case timedOut
        /// The connection could not be made or broke: worth another attempt.
        case connection
        /// Another attempt cannot help (a certificate the system does not trust, a bad URL).
        case fatal
        /// The body ran past the request's `maxBodyBytes`; receiving stopped there.
        case tooLarge
    }
    var kind: Kind
    package var description: String

    init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}

/// Sends one request and waits for the whole response, for at most `timeout` seconds.
/// The client is written against this so that tests can answer from memory, and so that the
/// production transport (URLSession) is one small type.
package protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest, timeout: TimeInterval) throws(TransportFailure) -> HTTPResponse
}
