/// The syntax tree of one policy file, exactly as written. The checker never changes it;
/// it records types and resolved names in side tables keyed by node identity.

/// A name as written, with where it was written.
public struct Identifier: Sendable, Hashable {
    public var name: String
    public var range: SourceRange
    public init(_ name: String, _ range: SourceRange) {
        self.name = name
        self.range = range
    }
}

/// A string literal used as text (titles, rationales, references, import paths).
public struct TextLiteral: Sendable, Hashable {
    public var value: String
    public var range: SourceRange
    public init(_ value: String, _ range: SourceRange) {
        self.value = value
        self.range = range
    }
}

/// A string with `{expression}` interpolations (message, remediation, basis).
public struct Template: Sendable {
    public enum Part: Sendable {
        case text(String)
        case expression(Expr)
    }
    public var parts: [Part]
    public var range: SourceRange
    public init(parts: [Part], range: SourceRange) {
        self.parts = parts
        self.range = range
    }
}

/// A type as written: `string`, `list<string>`, `map<Vendor>`, `Destination`.
public indirect enum TypeSyntax: Sendable {
    case named(Identifier)
    case list(TypeSyntax, SourceRange)
    case map(TypeSyntax, SourceRange)

    public var range: SourceRange {
        switch self {
        case .named(let id): id.range
        case .list(_, let r), .map(_, let r): r
        }
    }
}

/// One parsed file.
public struct FileSyntax: Sendable {
    public var path: String
    public var declarations: [Declaration]
    /// The file's `#` comments in source order; no other stage than formatting reads them.
    public var comments: [Comment]
    public init(path: String, declarations: [Declaration], comments: [Comment] = []) {
        self.path = path
        self.declarations = declarations
        self.comments = comments
    }
}

/// A top-level declaration.
public enum Declaration: Sendable {
    case importFile(ImportDecl)
    case param(ParamDecl)
    case constant(LetDecl)
    case define(DefineDecl)
    case policy(PolicyDecl)
    case permit(PermitDecl)
    case record(RecordDecl)
    case fact(FactDecl)

    public var range: SourceRange {
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
public struct TypedName: Sendable {
    public var name: Identifier
    public var type: TypeSyntax
    public init(name: Identifier, type: TypeSyntax) {
        self.name = name
        self.type = type
    }
}

/// `record Vendor { dpaExpires: date, categories: list<string> }`: the shape of a record in
/// the facts file, so policies that read it are type-checked.
public struct RecordDecl: Sendable {
    public typealias Field = TypedName
    public var name: Identifier
    public var fields: [Field]
    public var range: SourceRange
    public init(name: Identifier, fields: [Field], range: SourceRange) {
        self.name = name
        self.fields = fields
        self.range = range
    }
}

/// `fact vendors: map<Vendor>`: a fact the organisation's facts file gives, read as
/// `facts.vendors`.
public struct FactDecl: Sendable {
    public var name: Identifier
    public var type: TypeSyntax
    public var range: SourceRange
    public init(name: Identifier, type: TypeSyntax, range: SourceRange) {
        self.name = name
        self.type = type
        self.range = range
    }
}

/// `import "helpers.policy"`: makes the file's params, lets and defines visible here.
public struct ImportDecl: Sendable {
    public var path: TextLiteral
    public var range: SourceRange
    public init(path: TextLiteral, range: SourceRange) {
        self.path = path
        self.range = range
    }
}

/// `param name: type = default`: a value the user can set with `--param name=value`.
public struct ParamDecl: Sendable {
    public var name: Identifier
    public var type: TypeSyntax
    public var defaultValue: Expr?
    public var range: SourceRange
    public init(name: Identifier, type: TypeSyntax, defaultValue: Expr?, range: SourceRange) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.range = range
    }
}

/// `let name = expr`: a named constant, computed once per run.
public struct LetDecl: Sendable {
    public var name: Identifier
    public var type: TypeSyntax?
    public var value: Expr
    public var range: SourceRange
    public init(name: Identifier, type: TypeSyntax?, value: Expr, range: SourceRange) {
        self.name = name
        self.type = type
        self.value = value
        self.range = range
    }
}

/// `define name(p: type, …): type = expr`: a small non-recursive helper.
public struct DefineDecl: Sendable {
    public typealias Parameter = TypedName
    public var name: Identifier
    public var parameters: [Parameter]
    public var returnType: TypeSyntax?
    public var body: Expr
    public var range: SourceRange
    public init(name: Identifier, parameters: [Parameter], returnType: TypeSyntax?, body: Expr, range: SourceRange) {
        self.name = name
        self.parameters = parameters
        self.returnType = returnType
        self.body = body
        self.range = range
    }
}

/// `for destination d`: the resource kind a policy ranges over and the variable naming it.
public struct Subject: Sendable {
    public var kind: Identifier
    public var variable: Identifier
    public var range: SourceRange
    public init(kind: Identifier, variable: Identifier, range: SourceRange) {
        self.kind = kind
        self.variable = variable
        self.range = range
    }
}

/// `policy ID "title" { … }`: one obligation.
public struct PolicyDecl: Sendable {
    public var id: Identifier
    public var title: TextLiteral
    public var severity: Identifier?
    public var rationale: TextLiteral?
    public var references: [TextLiteral]?
    public var subject: Subject?
    /// `where`: when the policy applies; absent means always.
    public var condition: Expr?
    /// `require`: what must hold where it applies.
    public var requirement: Expr?
    public var message: Template?
    public var remediation: Template?
    /// `expect some`: matching no resource at all is itself reported.
    public var expectSome: SourceRange?
    public var range: SourceRange
    public init(id: Identifier, title: TextLiteral, range: SourceRange) {
        self.id = id
        self.title = title
        self.range = range
    }
}

/// `permit ID "title" { permits … }`: a legal basis that turns failures into permitted transfers.
public struct PermitDecl: Sendable {
    public var id: Identifier
    public var title: TextLiteral
    public var permits: [Identifier] = []
    public var rationale: TextLiteral?
    public var references: [TextLiteral]?
    public var subject: Subject?
    public var condition: Expr?
    public var basis: Template?
    public var range: SourceRange
    public init(id: Identifier, title: TextLiteral, range: SourceRange) {
        self.id = id
        self.title = title
        self.range = range
    }
}

/// An expression node. A class so that side tables can key on its identity.
public final class Expr: Sendable {
    public enum UnaryOperator: String, Sendable { case not }

    public enum BinaryOperator: String, Sendable {
        case and, or
        case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
        case `in` = "in", notIn = "not in"
        case coalesce = "??"
        case add = "+", subtract = "-", multiply = "*", divide = "/"

        /// `+ - * /`.
        public var isArithmetic: Bool {
            switch self {
            case .add, .subtract, .multiply, .divide: true
            default: false
            }
        }
    }

    public enum Quantifier: String, Sendable { case every, some }

    public indirect enum Kind: Sendable {
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

    public let kind: Kind
    public let range: SourceRange

    public init(_ kind: Kind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}
