/// One step of the compiled automaton. Consuming instructions test one scalar; `split`,
/// `jump` and `assertion` are followed without consuming input.
enum RegexInstruction: Sendable {
    case scalar(UInt32)
    case anyExceptNewline
    case anyScalar
    /// Index into ``RegexProgram/classes``.
    case characterClass(Int)
    case assertion(RegexAssertion)
    case split(Int, Int)
    case jump(Int)
    case match
}

/// The compiled pattern: instructions start at 0 and end with exactly one `match`.
struct RegexProgram: Sendable {
    var instructions: [RegexInstruction] = []
    var classes: [RegexClass] = []
}

/// Turns the tree into instructions after checking that the expanded size stays within
/// ``RegexPattern/maxProgramSize``, so `(a{1000}){1000}` is refused before anything is allocated.
enum RegexCompiler {
    static func compile(_ tree: RegexNode, patternByteCount: Int) throws(RegexPatternError) -> RegexProgram {
        let size = try instructionCount(tree) + 1
        if size > RegexPattern.maxProgramSize {
            throw tooLarge(size: size, offset: 0, length: patternByteCount, what: "the pattern")
        }
        var program = RegexProgram()
        program.instructions.reserveCapacity(size)
        emit(tree, into: &program)
        program.instructions.append(.match)
        return program
    }

    private static func tooLarge(size: Int, offset: Int, length: Int, what: String) -> RegexPatternError {
        RegexPatternError(
            offset: offset, length: length,
            message:
                "\(what) expands to \(size) instructions, exceeding the limit of \(RegexPattern.maxProgramSize): counted repetitions are copied, so use smaller counts"
        )
    }

    /// Exact size of the code `emit` produces. Every subtree is checked against the limit, so
    /// products of counts stay small enough that no arithmetic can overflow.
    static func instructionCount(_ node: RegexNode) throws(RegexPatternError) -> Int {
        let limit = RegexPattern.maxProgramSize
        switch node {
        case .empty:
            return 0
        case .literal, .anyScalar, .characterClass, .assertion:
            return 1
        case .concatenation(let items):
            var total = 0
            for item in items {
                total += try instructionCount(item)
                if total > limit { break }
            }
            return total
        case .alternation(let alternatives):
            var total = 2 * (alternatives.count - 1)
            for alternative in alternatives {
                total += try instructionCount(alternative)
                if total > limit { break }
            }
            return total
        case .repetition(let body, let min, let max, let source):
            let bodySize = try instructionCount(body)
            let size: Int
            switch max {
            case nil where min == 0: size = bodySize + 2
            case nil: size = min * bodySize + 1
            case let max?: size = min * bodySize + (max - min) * (bodySize + 1)
            }
            if size > limit {
                throw tooLarge(size: size, offset: source.lowerBound, length: source.count, what: "this repetition")
            }
            return size
        }
    }

    private static func emit(_ node: RegexNode, into program: inout RegexProgram) {
        switch node {
        case .empty:
            break
        case .literal(let scalar):
            program.instructions.append(.scalar(scalar.value))
        case .anyScalar(let matchesNewline):
            program.instructions.append(matchesNewline ? .anyScalar : .anyExceptNewline)
        case .characterClass(let characterClass):
            program.instructions.append(.characterClass(program.classes.count))
            program.classes.append(characterClass)
        case .assertion(let assertion):
            program.instructions.append(.assertion(assertion))
        case .concatenation(let items):
            for item in items { emit(item, into: &program) }
        case .alternation(let alternatives):
            var exits: [Int] = []
            for alternative in alternatives.dropLast() {
                let split = program.instructions.count
                program.instructions.append(.match)  // placeholder, patched below
                emit(alternative, into: &program)
                exits.append(program.instructions.count)
                program.instructions.append(.match)  // placeholder jump to the end
                program.instructions[split] = .split(split + 1, program.instructions.count)
            }
            emit(alternatives[alternatives.count - 1], into: &program)
            let end = program.instructions.count
            for exit in exits { program.instructions[exit] = .jump(end) }
        case .repetition(let body, let min, let max, _):
            emitRepetition(body, min: min, max: max, into: &program)
        }
    }

    private static func emitRepetition(_ body: RegexNode, min: Int, max: Int?, into program: inout RegexProgram) {
        guard let max else {
            if min == 0 {
                // loop: split body, out; body; jump loop
                let loop = program.instructions.count
                program.instructions.append(.match)
                emit(body, into: &program)
                program.instructions.append(.jump(loop))
                program.instructions[loop] = .split(loop + 1, program.instructions.count)
            } else {
                // min-1 plain copies, then body; split back, out (the last copy loops)
                for _ in 0..<(min - 1) { emit(body, into: &program) }
                let loop = program.instructions.count
                emit(body, into: &program)
                program.instructions.append(.split(loop, program.instructions.count + 1))
            }
            return
        }
        for _ in 0..<min { emit(body, into: &program) }
        // Optional copies nest, (body(body)?)?, and every skip goes straight to the end.
        var skips: [Int] = []
        for _ in 0..<(max - min) {
            skips.append(program.instructions.count)
            program.instructions.append(.match)
            emit(body, into: &program)
        }
        let end = program.instructions.count
        for skip in skips { program.instructions[skip] = .split(skip + 1, end) }
    }
}
