/// A set of instruction indices with O(1) insert, membership and clear, and iteration in
/// insertion order (Briggs & Torczon). Clearing is just resetting `count`, which is what makes
/// reusing two lists across the whole input cheap.
private struct SparseSet {
    let dense: UnsafeMutablePointer<Int32>
    let sparse: UnsafeMutablePointer<Int32>
    var count = 0

    @inline(__always)
    func contains(_ value: Int) -> Bool {
        let slot = Int(sparse[value])
        return slot < count && dense[slot] == Int32(truncatingIfNeeded: value)
    }

    @inline(__always)
    mutating func insert(_ value: Int) {
        sparse[value] = Int32(truncatingIfNeeded: count)
        dense[count] = Int32(truncatingIfNeeded: value)
        count += 1
    }
}

extension RegexProgram {
    /// Simulates the automaton over the scalars of `text`, one step per scalar, with every live
    /// thread advanced in lockstep: each instruction is in a list at most once, so the work is
    /// O(program size × text length) whatever the pattern. `anchored` pins the match to both
    /// ends of the text.
    func run(_ text: String, anchored: Bool) -> Bool {
        let size = instructions.count
        // Two thread lists (dense + sparse each) and the closure stack, which holds at most
        // one entry plus two per inserted instruction. One temporary buffer per call: on the
        // stack for typical patterns, and never reallocated per character.
        let capacity = 4 * size + 2 * size + 1
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: capacity) { buffer -> Bool in
            let base = buffer.baseAddress!
            // Sparse entries are read before they are written; zero keeps that well-defined.
            base.initialize(repeating: 0, count: capacity)
            defer { base.deinitialize(count: capacity) }
            return instructions.withUnsafeBufferPointer { code in
                classes.withUnsafeBufferPointer { classes in
                    var matcher = PikeMatcher(
                        code: code, classes: classes,
                        current: SparseSet(dense: base, sparse: base + size),
                        next: SparseSet(dense: base + 2 * size, sparse: base + 3 * size),
                        stack: base + 4 * size)
                    return matcher.run(text, anchored: anchored)
                }
            }
        }
    }
}

private struct PikeMatcher {
    let code: UnsafeBufferPointer<RegexInstruction>
    let classes: UnsafeBufferPointer<RegexClass>
    var current: SparseSet
    var next: SparseSet
    let stack: UnsafeMutablePointer<Int32>

    /// Adds `start` and everything reachable from it without consuming input, given the
    /// scalars around the position (for assertions).
    @inline(__always)
    static func addThread(
        _ list: inout SparseSet, _ start: Int, code: UnsafeBufferPointer<RegexInstruction>,
        stack: UnsafeMutablePointer<Int32>, previous: Unicode.Scalar?, next: Unicode.Scalar?
    ) {
        var top = 0
        stack[0] = Int32(truncatingIfNeeded: start)
        top = 1
        while top > 0 {
            top -= 1
            let pc = Int(stack[top])
            if list.contains(pc) { continue }
            list.insert(pc)
            switch code[pc] {
            case .jump(let target):
                stack[top] = Int32(truncatingIfNeeded: target)
                top += 1
            case .split(let first, let second):
                stack[top] = Int32(truncatingIfNeeded: second)
                stack[top + 1] = Int32(truncatingIfNeeded: first)
                top += 2
            case .assertion(let assertion):
                if assertion.holds(previous: previous, next: next) {
                    stack[top] = Int32(truncatingIfNeeded: pc + 1)
                    top += 1
                }
            default:
                break
            }
        }
    }

    mutating func run(_ text: String, anchored: Bool) -> Bool {
        var iterator = text.unicodeScalars.makeIterator()
        var scalar = iterator.next()
        var following = scalar == nil ? nil : iterator.next()
        Self.addThread(&current, 0, code: code, stack: stack, previous: nil, next: scalar)
        while true {
            for index in 0..<current.count {
                let pc = Int(current.dense[index])
                let consumed: Bool
                switch code[pc] {
                case .match:
                    // Unanchored: any match wins. Anchored: only one that ends with the text.
                    if !anchored || scalar == nil { return true }
                    continue
                case .scalar(let value):
                    consumed = scalar?.value == value
                case .anyExceptNewline:
                    consumed = scalar != nil && scalar != "\n"
                case .anyScalar:
                    consumed = scalar != nil
                case .characterClass(let classIndex):
                    guard let value = scalar?.value else { continue }
                    consumed = classes[classIndex].matches(value)
                case .split, .jump, .assertion:
                    continue
                }
                if consumed {
                    Self.addThread(&next, pc + 1, code: code, stack: stack, previous: scalar, next: following)
                }
            }
            guard let consumedScalar = scalar else { return false }
            scalar = following
            following = scalar == nil ? nil : iterator.next()
            swap(&current, &next)
            next.count = 0
            if !anchored {
                // A new attempt starts at every position; the set merges it with older threads.
                Self.addThread(&current, 0, code: code, stack: stack, previous: consumedScalar, next: scalar)
            } else if current.count == 0 {
                return false
            }
        }
    }
}
