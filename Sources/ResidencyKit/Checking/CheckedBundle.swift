/// The result of checking: the declarations of every file, validated, plus side tables that
/// record the type of every expression and what every name refers to. The syntax tree is
/// left as it was; the compiler reads it together with these tables.

/// How bad a violated policy is.
public enum PolicySeverity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case info, warning, error

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }
    public static func < (a: PolicySeverity, b: PolicySeverity) -> Bool { a.rank < b.rank }
}

/// A checked `policy`.
package struct CheckedPolicy: Sendable {
    package var decl: PolicyDecl
    package var file: Int
    package var kind: RecordKind
    package var severity: PolicySeverity
    /// Indices into `CheckedBundle.permits` of the permits that name this policy, in
    /// declaration order (which is the order they are tried).
    package var permits: [Int]
    package var id: String { decl.id.name }
}

/// A checked `permit`.
package struct CheckedPermit: Sendable {
    package var decl: PermitDecl
    package var file: Int
    package var kind: RecordKind
    /// Indices into `CheckedBundle.policies`.
    package var targets: [Int]
    package var id: String { decl.id.name }
}

/// A checked `param` with its type.
package struct CheckedParam: Sendable {
    package var decl: ParamDecl
    package var file: Int
    package var type: ValueType
}

/// A checked `let` with its type.
package struct CheckedLet: Sendable {
    package var decl: LetDecl
    package var file: Int
    package var type: ValueType
}

/// A checked `define` with its parameter and result types.
package struct CheckedDefine: Sendable {
    package var decl: DefineDecl
    package var file: Int
    package var parameterTypes: [ValueType]
    package var resultType: ValueType
}

/// A checked `fact`: a value the facts file gives, read as `facts.NAME`.
package struct CheckedFact: Sendable {
    package var decl: FactDecl
    package var file: Int
    package var type: ValueType
    package var name: String { decl.name.name }
}

/// What a bare name in an expression refers to.
package enum NameResolution: Sendable, Hashable {
    /// The `for` variable of the enclosing policy or permit.
    case subject
    /// The variable bound by the quantifier or `count` expression with this identity.
    case bound(ObjectIdentifier)
    /// Parameter `index` of define `define`.
    case defineParameter(define: Int, index: Int)
    case param(Int)
    case constant(Int)
    case namespace(Namespace)
}

/// What a call refers to.
package enum CallResolution: Sendable, Hashable {
    case builtin(String)
    case define(Int)
    case catalog(RecordKind)
}

/// Everything the compiler needs.
package struct CheckedBundle: Sendable {
    package var files: [SourceFile]
    package var syntax: [FileSyntax]
    package var policies: [CheckedPolicy] = []
    package var permits: [CheckedPermit] = []
    package var params: [CheckedParam] = []
    package var constants: [CheckedLet] = []
    package var defines: [CheckedDefine] = []
    /// Declared facts, in declaration order, and record types by name. Both are global:
    /// there is one facts file.
    package var facts: [CheckedFact] = []
    package var records: [String: UserRecordType] = [:]
    var types: [ObjectIdentifier: ValueType] = [:]
    var names: [ObjectIdentifier: NameResolution] = [:]
    var calls: [ObjectIdentifier: CallResolution] = [:]
    /// Literal arguments validated by the checker (regexes, CIDRs), ready to embed.
    var literals: [ObjectIdentifier: Value] = [:]

    init(files: [SourceFile], syntax: [FileSyntax]) {
        self.files = files
        self.syntax = syntax
    }

    package func type(of e: Expr) -> ValueType { types[ObjectIdentifier(e)] ?? .error }
    func name(_ e: Expr) -> NameResolution? { names[ObjectIdentifier(e)] }
    func call(_ e: Expr) -> CallResolution? { calls[ObjectIdentifier(e)] }
    func literal(_ e: Expr) -> Value? { literals[ObjectIdentifier(e)] }

    /// The declared fact with a name.
    package func fact(_ name: String) -> CheckedFact? { facts.first { $0.name == name } }

    /// The policy with an id.
    package func policy(_ id: String) -> CheckedPolicy? { policies.first { $0.id == id } }
}
