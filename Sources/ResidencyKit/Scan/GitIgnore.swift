/// The patterns of one `.gitignore` file, matched as git matches them (gitignore(5)): the
/// last pattern that matches decides, `!` re-includes, a trailing `/` matches folders only, a
/// pattern with a `/` before its end is anchored to the file's folder, `*` and `?` stay within
/// one path segment, `**` spans segments, `[…]` is a class, `\` escapes.
struct GitIgnore: Sendable {
    struct Pattern: Sendable {
        var glob: [UInt8]
        var negated: Bool
        var folderOnly: Bool
        var anchored: Bool
    }

    var patterns: [Pattern] = []

    init(_ text: String) {
        for raw in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            var line = Substring(raw)
            // Trailing spaces are ignored unless escaped.
            while line.hasSuffix(" "), !line.hasSuffix("\\ ") { line = line.dropLast() }
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            var p = Pattern(glob: [], negated: false, folderOnly: false, anchored: false)
            if line.hasPrefix("!") {
                p.negated = true
                line = line.dropFirst()
            }
            if line.hasSuffix("/") {
                p.folderOnly = true
                line = line.dropLast()
            }
            if line.hasPrefix("/") {
                p.anchored = true
                line = line.dropFirst()
            }
            if line.contains("/") { p.anchored = true }
            guard !line.isEmpty else { continue }
            p.glob = Array(line.utf8)
            patterns.append(p)
        }
    }

    /// Whether `relative` (a path below this file's folder, `/`-separated) is ignored: true or
    /// false when a pattern decides, nil when none matches.
    func decision(_ relative: String, isFolder: Bool) -> Bool? {
        let path = Array(relative.utf8)
        let name = Array((relative.split(separator: "/").last.map(String.init) ?? relative).utf8)
        for p in patterns.reversed() {
            if p.folderOnly, !isFolder { continue }
            let target = p.anchored ? path : name
            if Self.match(p.glob[...], target[...]) { return !p.negated }
        }
        return nil
    }

    /// Glob matching over bytes, `*` not crossing `/`, `**` crossing it.
    static func match(_ glob: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
        var g = glob.startIndex, t = text.startIndex
        // Backtracking points for the last `*` (within a segment) seen.
        var starG = -1, starT = -1
        while t < text.endIndex || g < glob.endIndex {
            if g < glob.endIndex {
                let c = glob[g]
                if c == 0x2A {  // *
                    if g + 1 < glob.endIndex, glob[g + 1] == 0x2A {
                        // `**`: any number of segments (`a/**/b` also matches `a/b`).
                        var rest = g + 2
                        if rest < glob.endIndex, glob[rest] == 0x2F { rest += 1 }
                        var k = t
                        while true {
                            if match(glob[rest...], text[k...]) { return true }
                            guard k < text.endIndex else { return false }
                            k += 1
                        }
                    }
                    starG = g
                    starT = t
                    g += 1
                    continue
                }
                if t < text.endIndex {
                    if c == 0x3F, text[t] != 0x2F {  // ?
                        g += 1
                        t += 1
                        continue
                    }
                    if c == 0x5B, let (matched, next) = matchClass(glob, g, text[t]) {  // [
                        if matched {
                            g = next
                            t += 1
                            continue
                        }
                    } else {
                        var literal = c
                        var step = 1
                        if c == 0x5C, g + 1 < glob.endIndex {
                            literal = glob[g + 1]
                            step = 2
                        }
                        if literal == text[t] {
                            g += step
                            t += 1
                            continue
                        }
                    }
                }
            }
            // Backtrack: let the last `*` take one more byte, never a `/`.
            if starG >= 0, starT < text.endIndex, text[starT] != 0x2F {
                starT += 1
                t = starT
                g = starG + 1
                continue
            }
            return false
        }
        return true
    }

    /// A `[…]` class at `g`: whether `c` is in it, and where the glob goes on; nil when the
    /// bracket does not close (then it is a literal `[`).
    private static func matchClass(_ glob: ArraySlice<UInt8>, _ g: Int, _ c: UInt8) -> (Bool, Int)? {
        var k = g + 1
        var negate = false
        if k < glob.endIndex, glob[k] == 0x21 || glob[k] == 0x5E {
            negate = true
            k += 1
        }
        var matched = false
        var first = true
        while k < glob.endIndex, glob[k] != 0x5D || first {
            first = false
            if k + 2 < glob.endIndex, glob[k + 1] == 0x2D, glob[k + 2] != 0x5D {
                if glob[k] <= c && c <= glob[k + 2] { matched = true }
                k += 3
            } else {
                if glob[k] == c { matched = true }
                k += 1
            }
        }
        guard k < glob.endIndex else { return nil }
        return (matched != negate && c != 0x2F, k + 1)
    }
}
