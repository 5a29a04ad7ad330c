/// What the `scheme` and `path` built-ins read when the text is not a whole URL. The host is
/// the one part that needs a valid URL; the scheme is read before the host is (WHATWG's
/// "scheme state"), and text that names no host and no path has the empty path. So
/// `scheme("https://")` is `https`, `path("https://")` and `path("")` are `""`, and
/// `scheme("events.eu1.segmentapis.com/v1")` is missing (it names no scheme).
extension URLParts {
    /// The scheme the text starts with, lower-cased, valid URL or not; nil when it has none.
    static func schemeOf(_ text: String) -> String? {
        if let parts = URLParts(text) { return parts.scheme }
        let s = prepared(text)
        guard !s.isEmpty else { return nil }
        switch start(s) {
        case .authority(let scheme, _, _, _): return scheme
        case .refused: return "file"
        case .path: return nil
        }
    }

    /// The path of a URL; for text that is empty or only a scheme and slashes, `""`; nil
    /// for any other text that is not a valid URL.
    static func pathOf(_ text: String) -> String? {
        if let parts = URLParts(text) { return parts.path }
        let s = prepared(text)
        guard !s.isEmpty else { return "" }
        if case .authority(_, _, _, let index) = start(s), index == s.count { return "" }
        return nil
    }

    /// The text's code points as the parser reads them: leading and trailing C0 controls and
    /// spaces stripped, tabs and newlines removed.
    private static func prepared(_ text: String) -> [UInt32] {
        let all = text.unicodeScalars.map(\.value)
        let end = (all.lastIndex { $0 > 0x20 } ?? -1) + 1
        let start = all.firstIndex { $0 > 0x20 } ?? end
        return all[start..<end].filter { !isTabOrNewline($0) }
    }
}
