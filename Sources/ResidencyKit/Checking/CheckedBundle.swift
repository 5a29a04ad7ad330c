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
    var decl: PolicyDecl
    var file: Int
    var kind: RecordKind
    var severity: PolicySeverity
    /// Indices into `CheckedBundle.permits` of the permits that name this policy, in
    /// declaration order (which is the order they are tried).
    package var permits: [Int]
    var id: String { decl.id.name }
}

/// A checked `permit`.
package struct CheckedPermit: Sendable {
    var decl: PermitDecl
    var file: Int
    var kind: RecordKind
    /// Indices into `CheckedBundle.policies`.
    package var targets: [Int]
    var id: String { decl.id.name }
}

/// A checked `param` with its type.
struct CheckedParam: Sendable {
    var decl: ParamDecl
    var file: Int
    var type: ValueType
    /// An enumeration (a region) the param is compared with: a `--param` value must be one of
    /// its values, as a literal must (E0107), or `!=` and `not in` hold for every resource.
    var comparedWith: EnumType?
}

/// A checked `let` with its type.
struct CheckedLet: Sendable {
    var decl: LetDecl
    var file: Int
    var type: ValueType
}

/// A checked `define` with its parameter and result types.
struct CheckedDefine: Sendable {
    var decl: DefineDecl
    var file: Int
    var parameterTypes: [ValueType]
    var resultType: ValueType
}

/// A checked `fact`: a value the facts file gives, read as `facts.NAME`.
struct CheckedFact: Sendable {
    var decl: FactDecl
    var file: Int
    var type: ValueType
    /// An enumeration (a region) the fact is compared with: the facts file's values must be
    /// among its values, as a literal must (E0107).
    var comparedWith: EnumType?
    var name: String { decl.name.name }
}

/// What a bare name in an expression refers to.
enum NameResolution: Sendable, Hashable {
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
enum CallResolution: Sendable, Hashable {
    case builtin(String)
    case define(Int)
    case catalog(RecordKind)
}

/// Everything the compiler needs.
package struct CheckedBundle: Sendable {
    package var files: [SourceFile]
    var syntax: [FileSyntax]
    package var policies: [CheckedPolicy] = []
    package var permits: [CheckedPermit] = []
    var params: [CheckedParam] = []
    var constants: [CheckedLet] = []
    var defines: [CheckedDefine] = []
    /// Declared facts, in declaration order, and record types by name. Both are global:
    /// there is one facts file.
    var facts: [CheckedFact] = []
    var records: [String: UserRecordType] = [:]
    var types: [ObjectIdentifier: ValueType] = [:]
    var names: [ObjectIdentifier: NameResolution] = [:]
    var calls: [ObjectIdentifier: CallResolution] = [:]
    /// Literal arguments validated by the checker (regexes, CIDRs), ready to embed.
    var literals: [ObjectIdentifier: Value] = [:]

    init(files: [SourceFile], syntax: [FileSyntax]) {
        self.files = files
        self.syntax = syntax
    }

    func type(of e: Expr) -> ValueType { types[ObjectIdentifier(e)] ?? .error }
    func name(_ e: Expr) -> NameResolution? { names[ObjectIdentifier(e)] }
    func call(_ e: Expr) -> CallResolution? { calls[ObjectIdentifier(e)] }
    func literal(_ e: Expr) -> Value? { literals[ObjectIdentifier(e)] }

    /// The declared fact with a name.
    func fact(_ name: String) -> CheckedFact? { facts.first { $0.name == name } }

    /// The policy with an id.
    func policy(_ id: String) -> CheckedPolicy? { policies.first { $0.id == id } }
}
