/// Built-ins over lists and strings alike, and presence.
extension Builtin {
    static let collectionBuiltins: [Builtin] = [
        Builtin(
            name: "exists", signature: "exists(value: any) -> bool",
            doc:
                "Whether the inventory has the value. The only way (with `??`) to look at a missing value without making the check indeterminate.",
            example: "exists(s.sdk)", arity: 1, typing: { _ in .success(.bool) }, implementation: .special),
        Builtin(
            name: "length", signature: "length(value: string | list<any> | map<any>) -> int",
            doc: "The number of code points of a string (the unit of every string function), elements of a list or entries of a map.", example: "length(d.supportedRegions) > 0",
            arity: 1,
            typing: stringOrList(.int),
            implementation: .unary { v in
                switch v {
                case .string(let s): .int(Text.length(s))
                case .list(let l): .int(l.count)
                case .map(let m): .int(m.count)
                default: .missing
                }
            }),
        Builtin(
            name: "isEmpty", signature: "isEmpty(value: string | list<any> | map<any>) -> bool",
            doc: "Whether a string, list or map is empty (a missing one is not empty: it is missing).",
            example: "not ws.dataSubjects.isEmpty()", arity: 1,
            typing: stringOrList(.bool),
            implementation: .unary { v in
                switch v {
                case .string(let s): .bool(s.isEmpty)
                case .list(let l): .bool(l.isEmpty)
                case .map(let m): .bool(m.count == 0)
                default: .missing
                }
            }),
        Builtin(
            name: "contains",
            signature:
                "contains(text: string, part: string) -> bool | contains(list: list<T>, item: T) -> bool | contains(range: cidr, address: string | cidr) -> bool",
            doc: "Whether a string contains a substring, a list an element, or a CIDR range an IP address or a smaller range.",
            example: #"cidr("3.251.148.96/29").contains("3.251.148.97")"#, arity: 2,
            typing: { args in
                switch (args[0], args[1]) {
                case (.error, _), (_, .error), (.json, _): return .success(.bool)
                case (let a, let b) where a.isStringLike:
                    return b.isStringLike || b == .json
                        ? .success(.bool)
                        : .failure(TypingError(argument: 1, message: "expected a string, found \(b)"))
                case (.list(let t), let b):
                    return t.comparable(with: b)
                        ? .success(.bool)
                        : .failure(TypingError(argument: 1, message: "expected \(t) (the list's element type), found \(b)"))
                case (.cidr, let b):
                    return b == .cidr || b.isStringLike || b == .json
                        ? .success(.bool)
                        : .failure(TypingError(argument: 1, message: "expected an IP address string or a cidr, found \(b)"))
                case (let a, _):
                    return .failure(TypingError(argument: 0, message: "expected a string, a list or a cidr, found \(a)"))
                }
            },
            implementation: .binary { a, b in
                switch (a, b) {
                case (.missing, _), (_, .missing): return .missing
                case (.string(let s), .string(let t)): return .bool(Text.contains(s, t))
                case (.list(let l), let x): return Value.member(x, l).value
                case (.cidr(let c), .cidr(let d)): return .bool(c.contains(d))
                case (.cidr(let c), .string(let s)):
                    guard let ip = IPAddress(s) else { return .missing }
                    return .bool(c.contains(ip))
                default: return .missing
                }
            }),
    ]

    /// The typing rule of `length` and `isEmpty`: one string or list argument.
    private static func stringOrList(_ result: ValueType) -> @Sendable ([ValueType]) -> Result<ValueType, TypingError> {
        { args in
            switch args[0] {
            case .string, .enumeration, .list, .map, .json, .error, .anything: .success(result)
            default: .failure(TypingError(argument: 0, message: "expected a string or a list, found \(args[0])"))
            }
        }
    }
}
