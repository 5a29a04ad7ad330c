import Foundation

/// A stand-in for Segment's Public API on a `LoopbackServer`: one workspace and its lists,
/// answered in the documented envelope (`{"data": {"<key>": […], "pagination": {…}}}`) and
/// paged as the API pages them (`pagination.count`, opaque base64 cursors, `next` null on the
/// last page), with scripted replies that come first: a 429, a 500, a malformed page, silence.
public final class FakePublicAPI: @unchecked Sendable {
    /// The token the fake accepts; any other gets a 401 in the API's error envelope.
    public let token: String
    public let server: LoopbackServer
    private let lock = NSLock()
    private var workspace: String
    private var lists: [String: (key: String, items: [String])]
    private var script: [String: [LoopbackServer.Reply]] = [:]

    /// `lists` maps a path (`/sources`) to its `data` key and its items as JSON text.
    public init(token: String, workspace: String, lists: [String: (key: String, items: [String])]) throws {
        self.token = token
        self.workspace = workspace
        self.lists = lists
        let box = WeakBox()
        server = try LoopbackServer { request in box.api?.answer(request) ?? .close }
        box.api = self
    }

    public var baseURL: String { server.baseURL }
    public var requests: [LoopbackServer.Request] { server.requests }

    /// Replies given, in order, before the normal answer to `key`: a path (`/`, `/sources`)
    /// for its first page, or `/sources#2` for its second.
    public func script(_ key: String, _ replies: [LoopbackServer.Reply]) {
        lock.lock()
        script[key, default: []] += replies
        lock.unlock()
    }

    public func stop() { server.stop() }

    private func answer(_ request: LoopbackServer.Request) -> LoopbackServer.Reply {
        let count = Int(request.query["pagination.count"] ?? "") ?? 200
        let offset = request.query["pagination.cursor"].flatMap(Self.offset) ?? 0
        let key = request.path + (offset == 0 ? "" : "#\(offset / max(count, 1) + 1)")
        lock.lock()
        let scripted = script[key]?.isEmpty == false ? script[key]!.removeFirst() : nil
        let workspace = self.workspace
        let list = lists[request.path]
        lock.unlock()
        if let scripted { return scripted }
        guard request.headers["authorization"] == "Bearer \(token)" else {
            return .json(#"{"errors": [{"type": "unauthorized", "message": "invalid token"}]}"#, status: 401)
        }
        if request.path == "/" { return .json(#"{"data": {"workspace": \#(workspace)}}"#) }
        guard let list else { return .json(#"{"errors": [{"type": "not-found", "message": "not found"}]}"#, status: 404) }
        let page = list.items.dropFirst(offset).prefix(count)
        let nextOffset = offset + page.count
        let next = nextOffset < list.items.count ? "\"\(Self.cursor(nextOffset))\"" : "null"
        let previous = offset > 0 ? "\"\(Self.cursor(max(0, offset - count)))\"" : "null"
        return .json(
            #"{"data": {"\#(list.key)": [\#(page.joined(separator: ", "))], "pagination": {"current": "\#(Self.cursor(offset))", "next": \#(next), "previous": \#(previous), "totalEntries": \#(list.items.count)}}}"#
        )
    }

    /// Cursors are base64 of the offset, as the Public API's look (`MA==` is the first page).
    public static func cursor(_ offset: Int) -> String { Data(String(offset).utf8).base64EncodedString() }

    static func offset(_ cursor: String) -> Int? {
        Data(base64Encoded: cursor).flatMap { Int(String(decoding: $0, as: UTF8.self)) }
    }

    /// Breaks the cycle between the server's handler and the fake that owns the server.
    private final class WeakBox: @unchecked Sendable {
        weak var api: FakePublicAPI?
    }
}
