#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The growing lists a `DataTreeBuilder` fills, and the fixed runs a finished tree reads.
///
/// A Swift array appended to from the parser's loop asked the runtime whether its buffer was
/// uniquely referenced on every append (`swift_isUniquelyReferenced_nonNull_native`, a call),
/// and reloaded its count from memory after each: a night's result document appends some 17
/// million times, and the parser spent about 130 instructions a value where its own work is a
/// fraction of that (docs/performance.md, "A tree built without arrays"). These lists are
/// owned by exactly one builder (`~Copyable`), so there is nothing to ask; a finished tree
/// takes their memory over without a copy (`DataTree.Storage`, which frees it).
struct TreeBuffer<Element: BitwiseCopyable>: ~Copyable, @unchecked Sendable {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private(set) var capacity: Int

    // malloc, realloc and free, not `allocate`: a list grows with `realloc`.
    init(capacity: Int = 16) {
        self.capacity = max(capacity, 16)
        base = Self.allocate(self.capacity)
    }

    deinit { free(base) }

    private static func allocate(_ capacity: Int) -> UnsafeMutablePointer<Element> {
        guard let memory = malloc(capacity * MemoryLayout<Element>.stride) else {
            fatalError("TreeBuffer: out of memory for \(capacity) entries")
        }
        return memory.bindMemory(to: Element.self, capacity: capacity)
    }

    var isEmpty: Bool { count == 0 }

    /// The last entry; nil when there is none.
    var last: Element? {
        @inline(__always) get { count == 0 ? nil : base[count &- 1] }
    }

    subscript(i: Int) -> Element {
        @inline(__always) get {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "TreeBuffer: index \(i) out of range")
            return base[i]
        }
        @inline(__always) set {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "TreeBuffer: index \(i) out of range")
            base[i] = newValue
        }
    }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity { grow(to: count &+ 1) }
        (base + count).initialize(to: element)
        count &+= 1
    }

    @inline(__always)
    mutating func removeLast() -> Element {
        precondition(count > 0, "TreeBuffer: removeLast() of an empty list")
        count &-= 1
        return base[count]
    }

    /// Moves the entries from `start` on to the end of `other`, and drops them here.
    @inline(__always)
    mutating func moveTail(from start: Int, to other: inout TreeBuffer<Element>) {
        precondition(start >= 0 && start <= count, "TreeBuffer: tail from \(start) of \(count)")
        let moved = count &- start
        if moved == 0 { return }
        if other.capacity &- other.count < moved { other.grow(to: other.count &+ moved) }
        (other.base + other.count).initialize(from: base + start, count: moved)
        other.count &+= moved
        count = start
    }

    /// Room for at least `needed` entries: twice as many, with the entries kept. `realloc`
    /// extends a large block in place or remaps its pages, where an array copied them.
    @inline(never)
    private mutating func grow(to needed: Int) {
        let capacity = max(needed, self.capacity &* 2)
        guard let moved = realloc(base, capacity * MemoryLayout<Element>.stride) else {
            fatalError("TreeBuffer: out of memory for \(capacity) entries")
        }
        base = moved.bindMemory(to: Element.self, capacity: capacity)
        self.capacity = capacity
    }

    /// The entries as a run whose memory the caller now owns (`TreeRun.release`).
    consuming func run() -> TreeRun<Element> {
        let run = TreeRun(base: UnsafePointer(base), count: count)
        discard self
        return run
    }
}

/// A finished list of a tree: read in place, its memory freed by the one storage that owns it
/// (`DataTree.Storage.deinit`). A copy of a run is two words, not a reference to retain; a
/// run is read only while its storage is alive (through a `DataNode` or `DataTree` that holds it).
struct TreeRun<Element: BitwiseCopyable>: @unchecked Sendable {
    let base: UnsafePointer<Element>
    let count: Int

    subscript(i: Int) -> Element {
        @inline(__always) get {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "TreeRun: index \(i) out of range")
            return base[i]
        }
    }

    @inline(__always)
    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// Called once, by the storage that owns the run, when it goes.
    func release() { free(UnsafeMutableRawPointer(mutating: base)) }
}
