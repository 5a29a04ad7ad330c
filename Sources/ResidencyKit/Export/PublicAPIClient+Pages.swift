/// Cursor pagination: `?pagination.count=N`, then `pagination.cursor=<next>` until `next` is
/// null or absent.
extension PublicAPIClient {
    /// Every item of a list, in the API's order, and what was noticed on the way.
    struct Listing: Sendable {
        var items: [DataNode] = []
        var pages = 0
        /// The bytes of every answer, bounded by `options.maxListBytes`.
        package var bytes = 0
        /// Repeated items and a total that does not add up: the workspace changed meanwhile.
        package var warnings: [Diagnostic] = []
        /// What those warnings say, written into the bundle (`incomplete`): each means it may be
        /// missing items or hold a stale copy of one, so that the audit of it is indeterminate
        /// (RES-013) rather than complete.
        package var incomplete: [String] { warnings.map(\.message) }
    }

    /// GETs every page of `path` and gathers `data.<key>`. An item whose `id` came on an
    /// earlier page (the list shifted under the cursor) is kept once. A cursor that was
    /// already fetched is an error rather than a loop, and so is a list longer than
    /// `options.maxPages` pages.
    func list(_ path: String, key: String) throws(Diagnostic) -> Listing {
        var listing = Listing()
        var cursor: String?
        /// Cursors fetched or reported as `current`: a `next` among them goes round in circles.
        var seen: Set<String> = []
        var ids: Set<String> = []
        var announced: Int?
        repeat {
            guard listing.pages < options.maxPages else { throw .tooManyPages(path, limit: options.maxPages) }
            listing.pages += 1
            let request = "GET \(path) page \(listing.pages)"
            progress(request)
            var query = [("pagination.count", String(options.pageSize))]
            if let cursor { query.append(("pagination.cursor", cursor)) }
            let page = try get(path, query: query, request: request)
            listing.bytes += page.file.bytes.count
            guard listing.bytes <= options.maxListBytes else {
                throw .listTooLarge(path, pages: listing.pages, limit: options.maxListBytes)
            }

            guard let items = page.data[key], items.kind == .array else {
                throw .unexpectedShape(
                    request, "`data.\(key)`", expected: "a list", found: page.data[key].map(\.typeName) ?? "nothing",
                    at: page.range(page.data[key] ?? page.data))
            }
            for item in items.elements {
                guard item.kind == .object else {
                    throw .unexpectedShape(
                        request, "each of `data.\(key)`", expected: "an object", found: item.typeName, at: page.range(item))
                }
                if let id = item["id"]?.string, !ids.insert(id).inserted {
                    listing.warnings.append(.repeatedResource(path, id: id, page: listing.pages))
                    continue
                }
                listing.items.append(item)
            }

            // The Public API puts `pagination` beside the list inside `data`; an envelope
            // with it at the top level is read too, also when `data.pagination` is null.
            let pagination = [page.data["pagination"], page.root["pagination"]].lazy.compactMap { $0 }.first { !$0.isNull }
            guard let pagination else { break }
            guard pagination.kind == .object else {
                throw .unexpectedShape(
                    request, "`pagination`", expected: "an object", found: pagination.typeName, at: page.range(pagination))
            }
            if let total = pagination["totalEntries"]?.int {
                // A total that changes between pages: the list changed under the cursor, and
                // the count of the last page alone would hide an item that moved past it.
                if let earlier = announced, earlier != total {
                    listing.warnings.append(.totalEntriesChanged(path, from: earlier, to: total, page: listing.pages))
                }
                announced = total
            }
            if let current = pagination["current"]?.string { seen.insert(current) }
            if let cursor { seen.insert(cursor) }
            cursor = nil
            if let next = pagination["next"], !next.isNull {
                guard let value = next.string else {
                    throw .unexpectedShape(
                        request, "`pagination.next`", expected: "a string or null", found: next.typeName, at: page.range(next))
                }
                guard !seen.contains(value) else { throw .cursorRepeats(request, cursor: value, at: page.range(next)) }
                cursor = value
            }
        } while cursor != nil
        if let announced, announced != listing.items.count {
            listing.warnings.append(.totalEntriesDiffer(path, fetched: listing.items.count, announced: announced))
        }
        return listing
    }
}
