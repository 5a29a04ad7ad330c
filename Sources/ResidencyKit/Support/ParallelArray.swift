import Dispatch
import Foundation
import Synchronization

extension Array where Element: Sendable {
    /// The concatenation of `counts.count` parts built in parallel: part `i` appends exactly
    /// `counts[i]` elements through the writer it is given, straight into their final place.
    ///
    /// Building parts as separate arrays and flattening them copies every element once more
    /// and releases the originals; for hundreds of thousands of findings (a dozen strings
    /// each) that copy took longer than building them on two cores.
    init(concatenatingParts counts: [Int], _ build: @Sendable (_ part: Int, _ writer: inout PartWriter<Element>) -> Void) {
        var offsets = [0]
        offsets.reserveCapacity(counts.count + 1)
        for c in counts { offsets.append(offsets[offsets.count - 1] + c) }
        let total = offsets[counts.count]
        self.init(unsafeUninitializedCapacity: total) { buffer, initialized in
            let base = Unchecked(buffer.baseAddress)
            let parts = offsets
            DispatchQueue.concurrentPerform(iterations: counts.count) { i in
                var writer = PartWriter<Element>(start: base.value.map { $0 + parts[i] }, capacity: parts[i + 1] - parts[i])
                build(i, &writer)
                // A short part would leave uninitialised elements in the array.
                precondition(writer.count == writer.capacity, "part \(i) wrote \(writer.count) of \(writer.capacity) elements")
            }
            initialized = total
        }
    }
}

extension Array where Element: Sendable {
    /// The concatenation of `parts` parts built in parallel, each in a buffer of its own whose
    /// size the part finds out itself (a result document's records are parsed by the part that
    /// reads them, and only then are their results counted).
    ///
    /// The parts are built `wave` at a time and, as each wave ends, moved into the array, not
    /// copied (no reference is retained or released) and let go: besides the array, only a
    /// wave's buffers are held. The array is made for `expected` elements (a document's own
    /// count of its results); parts past that are appended, a copy, when they are all built
    /// (a document whose count is wrong, which its reader refuses).
    init(
        concatenatingBuffers parts: Int, expected: Int, wave: Int,
        _ build: @Sendable (_ part: Int) -> PartBuffer<Element>
    ) {
        var late: [PartBuffer<Element>] = []
        self.init(unsafeUninitializedCapacity: Swift.max(0, expected)) { buffer, initialized in
            for first in stride(from: 0, to: parts, by: Swift.max(1, wave)) {
                let count = Swift.min(Swift.max(1, wave), parts - first)
                let built = ParallelSlots<PartBuffer<Element>>(count: count)
                DispatchQueue.concurrentPerform(iterations: count) { built.store($0, build(first + $0)) }
                // The wave's parts moved in parallel (the array's pages are first touched here).
                var offsets: [Int] = []
                offsets.reserveCapacity(count)
                var end = initialized
                for i in 0..<count {
                    offsets.append(end)
                    end += built.value(i)!.count
                }
                guard late.isEmpty, end <= buffer.count, let base = buffer.baseAddress else {
                    late += (0..<count).map { built.take($0)! }
                    continue
                }
                let into = Unchecked(base)
                let at = offsets
                DispatchQueue.concurrentPerform(iterations: count) { i in
                    let part = built.take(i)!
                    (into.value + at[i]).moveInitialize(from: part.start, count: part.count)
                    part.count = 0
                }
                initialized = end
            }
        }
        for part in late { append(contentsOf: UnsafeBufferPointer(start: part.start, count: part.count)) }
    }
}

extension Array where Element: Sendable {
    /// `body` on each `size` elements of the array (the last part fewer), in parallel, and
    /// what each gives, in order. The elements are read through the buffer: one passed by value
    /// is copied (a result's dozen references retained and released, 600,000 times a night).
    func mapParts<T: Sendable>(of size: Int, _ body: @Sendable (UnsafeBufferPointer<Element>, Range<Int>) -> T) -> [T] {
        let (n, size) = (count, Swift.max(1, size))
        let parts = (n + size - 1) / size
        let values = ParallelSlots<T>(count: parts)
        withUnsafeBufferPointer { buffer in
            let shared = Unchecked(buffer)
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                values.store(part, body(shared.value, (part * size)..<Swift.min(n, (part + 1) * size)))
            }
        }
        return values.take()
    }
}

/// One part of an array being built by `Array(concatenatingBuffers:_:)`: room for `capacity`
/// elements, written once through a `PartWriter`.
final class PartBuffer<Element>: @unchecked Sendable {
    fileprivate let start: UnsafeMutablePointer<Element>
    let capacity: Int
    /// The elements written (and, until they are moved out, owned).
    fileprivate(set) var count = 0

    init(capacity: Int) {
        self.capacity = capacity
        start = .allocate(capacity: Swift.max(capacity, 1))
    }

    /// Writes the part; once only, by the one task that builds it.
    func write(_ body: (inout PartWriter<Element>) -> Void) {
        precondition(count == 0, "PartBuffer: written twice")
        var writer = PartWriter(start: start, capacity: capacity)
        body(&writer)
        count = writer.count
    }

    deinit {
        start.deinitialize(count: count)
        start.deallocate()
    }
}

/// Appends to one part of an array being built by `Array(concatenatingParts:_:)`.
struct PartWriter<Element> {
    fileprivate let start: UnsafeMutablePointer<Element>?
    let capacity: Int
    private(set) var count = 0

    fileprivate init(start: UnsafeMutablePointer<Element>?, capacity: Int) {
        self.start = start
        self.capacity = capacity
    }

    /// Moves `element` into place (`consuming`: a finding is not copied field by field).
    mutating func append(_ element: consuming Element) {
        precondition(count < capacity, "PartWriter: more elements than the part's count")
        (start! + count).initialize(to: consume element)
        count += 1
    }
}

/// A pointer or buffer shared by parallel tasks, which write disjoint ranges behind it or only
/// read it while its array is neither changed nor freed.
private struct Unchecked<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Result slots filled by parallel tasks, each task its own index, behind a mutex (so the
/// compiler checks that the values may cross from the task that stores them to the one that
/// takes them).
final class ParallelSlots<T: Sendable>: Sendable {
    private let items: Mutex<[T?]>

    init(count: Int) { items = Mutex(Array(repeating: nil, count: count)) }

    /// Each index is written once.
    func store(_ i: Int, _ value: T) {
        items.withLock { $0[i] = value }
    }

    func take() -> [T] { items.withLock { $0.map { $0! } } }

    /// Slot `i`, emptied: its value is let go as soon as the caller is done with it.
    func take(_ i: Int) -> T? {
        items.withLock { slots in
            defer { slots[i] = nil }
            return slots[i]
        }
    }

    /// Slot `i` as stored so far (nil before it is).
    func value(_ i: Int) -> T? {
        items.withLock { $0[i] }
    }
}

extension Array {
    /// Appends every element of `other` by moving it, not copying it: `other`'s elements are
    /// left as `placeholder`, which should hold no references (empty texts and lists), and
    /// `other` is left empty. `append(contentsOf:)` copies each element (a retain of every
    /// reference in it) and the source array then releases them all; for a night's 300,000
    /// results merged batch by batch that was 2% of the run.
    mutating func appendMoving(_ other: inout [Element], placeholder: Element) {
        if isEmpty {
            swap(&self, &other)
            return
        }
        other.withUnsafeMutableBufferPointer { source in
            guard let base = source.baseAddress else { return }
            // Each element is taken out and its place given the placeholder, so that the
            // source still holds valid values when it is freed.
            append(
                contentsOf: (0..<source.count).lazy.map { i in
                    let element = (base + i).move()
                    (base + i).initialize(to: placeholder)
                    return element
                })
        }
        other = []
    }

    /// Removes the elements `isRemoved` picks and keeps the others in order, moving each one
    /// kept forward over those removed. `removeAll(where:)` swaps them into place, and a swap
    /// of a result copies it (a retain of every reference in it, and a release): a batch's
    /// 30,000 kept failures cost as much that way as filtering them into a new array. Here an
    /// element kept trades places with the first one removed through the buffer's `swapAt`
    /// (moves, no retain), and those removed end up after the kept ones, where
    /// `removeSubrange` destroys them once. (Each removed place was refilled with a placeholder
    /// before, copied and then destroyed: 31,837 copies over 100 of the harness's bundles.)
    /// `isRemoved` is given the element's index (in the array as it was) and its address, to
    /// read what it needs in place: given the element, each one was copied to be passed (the
    /// closure might have written through the buffer), as `filter`'s and `removeAll(where:)`'s
    /// predicates copy each one.
    mutating func removeAllMoving(where isRemoved: (_ index: Int, _ element: UnsafeMutablePointer<Element>) -> Bool) {
        var kept = 0
        withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            // Element `i` is where it was until it is visited: only places before it move.
            for i in 0..<buffer.count where !isRemoved(i, base + i) {
                buffer.swapAt(kept, i)
                kept += 1
            }
        }
        removeSubrange(kept..<count)
    }
}
