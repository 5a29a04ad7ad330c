/// The syntax tree of one policy file, exactly as written. The checker never changes it;
/// it records types and resolved names in side tables keyed by node identity.

/// A name as written, with where it was written.
struct Identifier: Sendable, Hashable {
    var name: String
    var range: SourceRange
    init(_ name: String, _ range: SourceRange) {
        self.name = name
        self.range = range
    }
}

/// A string literal used as text (titles, rationales, references, import paths).
struct TextLiteral: Sendable, Hashable {
    var value: String
    var range: SourceRange
    init(_ value: String, _ range: SourceRange) {
        self.value = value
        self.range = range
    }
}

/// A string with `{expression}` interpolations (message, remediation, basis).
struct Template: Sendable {
    enum Part: Sendable {
        case text(String)
        case expression(Expr)
    }
    var parts: [Part]
    var range: SourceRange
    init(parts: [Part], range: SourceRange) {
        self.parts = parts
        self.range = range
    }
}

/// A type as written: `string`, `list<string>`, `map<Vendor>`, `Destination`.
indirect enum TypeSyntax: Sendable {
    case named(Identifier)
    case list(TypeSyntax, SourceRange)
    case map(TypeSyntax, SourceRange)

    var range: SourceRange {
        switch self {
        case .named(let id): id.range
        case .list(_, let r), .map(_, let r): r
        }
    }
}

/// One parsed file.
struct FileSyntax: Sendable {
    package var path: String
    var declarations: [Declaration]
    /// The file's `#` comments in source order; no other stage than formatting reads them.
    var comments: [Comment]
    init(path: String, declarations: [Declaration], comments: [Comment] = []) {
        self.path = path
        self.declarations = declarations
        self.comments = comments
    }
}

/// A top-level declaration.
enum Declaration: Sendable {
    case importFile(ImportDecl)
    case param(ParamDecl)
    case constant(LetDecl)
    case define(DefineDecl)
    case policy(PolicyDecl)
    case permit(PermitDecl)
    case record(RecordDecl)
    case fact(FactDecl)

    var range: SourceRange {
        switch self {
        case .record(let d): d.range
        case .fact(let d): d.range
        case .importFile(let d): d.range
        case .param(let d): d.range
        case .constant(let d): d.range
        case .define(let d): d.range
        case .policy(let d): d.range
        case .permit(let d): d.range
        }
    }
}

/// `name: type`: a record's field or a define's parameter.
struct TypedName: Sendable {
    var name: Identifier
    var type: TypeSyntax
    init(name: Identifier, type: TypeSyntax) {
        self.name = name
        self.type = type
    }
}

/// `record Vendor { dpaExpires: date, categories: list<string> }`: the shape of a record in
/// the facts file, so policies that read it are type-checked.
struct RecordDecl: Sendable {
    typealias Field = TypedName
    var name: Identifier
    var fields: [Field]
    var range: SourceRange
    init(name: Identifier, fields: [Field], range: SourceRange) {
        self.name = name
        self.fields = fields
        self.range = range
    }
}

/// `fact vendors: map<Vendor>`: a fact the organisation's facts file gives, read as
/// `facts.vendors`.
struct FactDecl: Sendable {
    var name: Identifier
    var type: TypeSyntax
    var range: SourceRange
    init(name: Identifier, type: TypeSyntax, range: SourceRange) {
        self.name = name
        self.type = type
        self.range = range
    }
}

/// `import "helpers.policy"`: makes the file's params, lets and defines visible here.
struct ImportDecl: Sendable {
    package var path: TextLiteral
    var range: SourceRange
    init(path: TextLiteral, range: SourceRange) {
        self.path = path
        self.range = range
    }
}

/// `param name: type = default`: a value the user can set with `--param name=value`.
struct ParamDecl: Sendable {
    var name: Identifier
    var type: TypeSyntax
    var defaultValue: Expr?
    var range: SourceRange
    init(name: Identifier, type: TypeSyntax, defaultValue: Expr?, range: SourceRange) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.range = range
    }
}

/// `let name = expr`: a named constant, computed once per run.
struct LetDecl: Sendable {
    var name: Identifier
    var type: TypeSyntax?
    var value: Expr
    var range: SourceRange
    init(name: Identifier, type: TypeSyntax?, value: Expr, range: SourceRange) {
        self.name = name
        self.type = type
        self.value = value
        self.range = range
    }
}

/// `define name(p: type, …): type = expr`: a small non-recursive helper.
struct DefineDecl: Sendable {
    typealias Parameter = TypedName
    var name: Identifier
    var parameters: [Parameter]
    var returnType: TypeSyntax?
    var body: Expr
    var range: SourceRange
    init(name: Identifier, parameters: [Parameter], returnType: TypeSyntax?, body: Expr, range: SourceRange) {
        self.name = name
        self.parameters = parameters
        self.returnType = returnType
        self.body = body
        self.range = range
    }
}

/// `for destination d`: the resource kind a policy ranges over and the variable naming it.
struct Subject: Sendable {
    var kind: Identifier
    var variable: Identifier
    var range: SourceRange
    init(kind: Identifier, variable: Identifier, range: SourceRange) {
        self.kind = kind
        self.variable = variable
        self.range = range
    }
}

/// `policy ID "title" { … }`: one obligation.
struct PolicyDecl: Sendable {
    var id: Identifier
    var title: TextLiteral
    var severity: Identifier?
    var rationale: TextLiteral?
    var references: [TextLiteral]?
    var subject: Subject?
    /// `where`: when the policy applies; absent means always.
    var condition: Expr?
    /// `require`: what must hold where it applies.
    var requirement: Expr?
    var message: Template?
    var remediation: Template?
    /// `expect some`: matching no resource at all is itself reported.
    var expectSome: SourceRange?
    var range: SourceRange
    init(id: Identifier, title: TextLiteral, range: SourceRange) {
        self.id = id
        self.title = title
        self.range = range
    }
}

/// `permit ID "title" { permits … }`: a legal basis that turns failures into permitted transfers.
struct PermitDecl: Sendable {
    var id: Identifier
    var title: TextLiteral
    package var permits: [Identifier] = []
    var rationale: TextLiteral?
    var references: [TextLiteral]?
    var subject: Subject?
    var condition: Expr?
    var basis: Template?
    var range: SourceRange
    init(id: Identifier, title: TextLiteral, range: SourceRange) {
        self.id = id
        self.title = title
        self.range = range
    }
}

/// An expression node. A class so that side tables can key on its identity.
final class Expr: Sendable {
    enum UnaryOperator: String, Sendable { case not }

    enum BinaryOperator: String, Sendable {
        case and, or
        case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
        case `in` = "in", notIn = "not in"
        case coalesce = "??"
        case add = "+", subtract = "-", multiply = "*", divide = "/"

        /// `+ - * /`.
        var isArithmetic: Bool {
            switch self {
            case .add, .subtract, .multiply, .divide: true
            default: false
            }
        }
    }

    enum Quantifier: String, Sendable { case every, some }

    indirect enum Kind: Sendable {
        case bool(Bool)
        case integer(Int)
        case string(String)
        case date(Day)
        /// `re"…"`: the pattern as written.
        case regex(String)
        case list([Expr])
        /// A bare name: a variable, param, let, or a namespace such as `catalog`.
        case name(String)
        /// `base.field`
        case member(Expr, Identifier)
        /// `base[key]`: a map's entry or a list's element.
        case index(Expr, Expr)
        /// `f(args)` (receiver nil) or `receiver.f(args)`.
        case call(receiver: Expr?, function: Identifier, arguments: [Expr])
        case unary(UnaryOperator, Expr)
        case binary(BinaryOperator, Expr, Expr)
        /// `every x in domain: body`, `some x in domain: body`.
        case quantified(Quantifier, variable: Identifier, domain: Expr, body: Expr)
        /// `count(x in domain where condition)`.
        case count(variable: Identifier, domain: Expr, condition: Expr?)
        /// Stands in for an expression that failed to parse (a diagnostic was emitted).
        case invalid
    }

    let kind: Kind
    let range: SourceRange

    init(_ kind: Kind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}
