/// The path as WHATWG's "path state" builds it, without its percent-encoding: a client asks
/// for `/b` when given `/v1/../b`, so a policy comparing paths must see `/b` too.
extension URLParts {
    /// The path from its text (which starts with a slash, or is empty): segments split at `/`
    /// (and `\` in special URLs), `.` segments dropped and `..` segments removing the one
    /// before, each rejoined after a `/`. "" stays "" (nothing follows the host).
    static func resolvedPath(_ text: ArraySlice<Unicode.Scalar>, special: Bool) -> String {
        guard !text.isEmpty else { return "" }
        var segments: [String] = []
        // The first slash is the one "path start state" consumes.
        var start = text.startIndex + 1
        while true {
            let end = text[start...].firstIndex { $0 == "/" || (special && $0 == "\\") } ?? text.endIndex
            let segment = string(text[start..<end])
            let last = end == text.endIndex
            if isDoubleDotSegment(segment) {
                // "shorten url's path", then keep a trailing slash: `/a/b/..` is `/a/`.
                if !segments.isEmpty { segments.removeLast() }
                if last { segments.append("") }
            } else if isSingleDotSegment(segment) {
                if last { segments.append("") }
            } else {
                segments.append(segment)
            }
            if last { break }
            start = end + 1
        }
        var path = ""
        for segment in segments {
            path += "/"
            path += segment
        }
        return path
    }

    /// `.` or its percent-encoded form `%2e`, ASCII case-insensitively.
    static func isSingleDotSegment(_ segment: String) -> Bool {
        segment == "." || segment.lowercased() == "%2e"
    }

    /// `..`, `.%2e`, `%2e.` or `%2e%2e`, ASCII case-insensitively.
    static func isDoubleDotSegment(_ segment: String) -> Bool {
        switch segment.count == 2 || segment.count == 4 || segment.count == 6 ? segment.lowercased() : "" {
        case "..", ".%2e", "%2e.", "%2e%2e": true
        default: false
        }
    }
}
