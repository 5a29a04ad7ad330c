/// The built-in functions, by family. Each entry carries what the checker needs (arity and
/// a typing rule that explains mismatches in the user's terms) and what the compiler needs
/// (an implementation over values). All built-ins are total: a missing argument gives a
/// missing result (except `exists`), and bad input (an unparsable URL) gives missing too.
struct Builtin: Sendable {
    /// How the compiler implements a built-in.
    enum Implementation: Sendable {
        case unary(@Sendable (Value) -> Value)
        case binary(@Sendable (Value, Value) -> Value)
        /// Compiled specially (`exists`).
        case special
    }

    let name: String
    /// The signature as users see it in docs and errors, e.g. `endsWith(text: string, suffix: string) -> bool`.
    let signature: String
    let doc: String
    /// An example for the language reference.
    let example: String
    let arity: Int
    /// Returns the result type, or the reason the argument types do not fit.
    let typing: @Sendable ([ValueType]) -> Result<ValueType, TypingError>
    let implementation: Implementation

    struct TypingError: Error {
        /// The argument to point at, or nil for the whole call.
        var argument: Int?
        var message: String
    }
}

extension Builtin {
    /// Every built-in by name.
    static let all: [String: Builtin] = {
        var map: [String: Builtin] = [:]
        for b in stringBuiltins + collectionBuiltins + networkBuiltins { map[b.name] = b }
        return map
    }()

    /// A typing rule for fixed argument types.
    static func fixed(_ params: [ValueType], _ result: ValueType) -> @Sendable ([ValueType]) -> Result<ValueType, TypingError> {
        { args in
            for (i, (want, got)) in zip(params, args).enumerated() where !want.accepts(got) {
                return .failure(TypingError(argument: i, message: "expected \(want), found \(got)"))
            }
            return .success(result)
        }
    }

    static func unary(
        _ name: String, _ signature: String, _ doc: String, _ example: String,
        _ params: [ValueType], _ result: ValueType,
        _ f: @escaping @Sendable (Value) -> Value
    ) -> Builtin {
        Builtin(
            name: name, signature: signature, doc: doc, example: example, arity: 1,
            typing: fixed(params, result), implementation: .unary(f))
    }

    static func binary(
        _ name: String, _ signature: String, _ doc: String, _ example: String,
        _ params: [ValueType], _ result: ValueType,
        _ f: @escaping @Sendable (Value, Value) -> Value
    ) -> Builtin {
        Builtin(
            name: name, signature: signature, doc: doc, example: example, arity: 2,
            typing: fixed(params, result), implementation: .binary(f))
    }

    /// Lifts a string function: missing or non-string input gives missing.
    static func onString(_ f: @escaping @Sendable (String) -> Value) -> @Sendable (Value) -> Value {
        { v in
            if case .string(let s) = v { return f(s) }
            return .missing
        }
    }

    static func onStrings(_ f: @escaping @Sendable (String, String) -> Value) -> @Sendable (Value, Value) -> Value {
        { a, b in
            if case .string(let x) = a, case .string(let y) = b { return f(x, y) }
            return .missing
        }
    }
}
