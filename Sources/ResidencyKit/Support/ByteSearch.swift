#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Array where Element == UInt8 {
    /// Whether `needle` occurs in these bytes: an import, a package or a name looked for in a
    /// file of code before anything is tokenised, and again while its values are read. Each
    /// candidate found by `memchr`, compared by `memcmp`: the standard library's generic
    /// `firstRange(of:)` instantiated its searcher's metadata on every call, a third of the time
    /// of a 100,000-file scan.
    func containsBytes(_ needle: some Collection<UInt8>) -> Bool {
        let n = Array(needle)
        guard !n.isEmpty else { return true }
        guard count >= n.count else { return false }
        return withUnsafeBufferPointer { h in
            n.withUnsafeBufferPointer { nb in
                let base = h.baseAddress!, last = h.count - nb.count
                var i = 0
                while i <= last {
                    guard let found = memchr(base + i, Int32(nb[0]), last - i + 1) else { return false }
                    let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + at, nb.baseAddress!, nb.count) == 0 { return true }
                    i = at + 1
                }
                return false
            }
        }
    }
}
