/// The syntax tree of one policy file, exactly as written. The checker never changes it;
/// it records types and resolved names in side tables keyed by node identity.

/// A name as written, with where it was written.
package struct Identifier: Sendable, Hashable {
    package var name: String
    package var range: SourceRange
    package init(_ name: String, _ range: SourceRange) {
        self.name = name
        self.range = range
    }
}

/// A string literal used as text (titles, rationales, references, import paths).
package struct TextLiteral: Sendable, Hashable {
    package var value: String
    package var range: SourceRange
    package init(_ value: String, _ range: SourceRange) {
        self.value = value
        self.range = range
    }
}

/// A string with `{expression}` interpolations (message, remediation, basis).
package struct Template: Sendable {
    package enum Part: Sendable {
        case text(String)
        case expression(Expr)
    }
    package var parts: [Part]
    package var range: SourceRange
    package init(parts: [Part], range: SourceRange) {
        self.parts = parts
        self.range = range
    }
}

/// A type as written: `string`, `list<string>`, `map<Vendor>`, `Destination`.
package indirect enum TypeSyntax: Sendable {
    case named(Identifier)
    case list(TypeSyntax, SourceRange)
    case map(TypeSyntax, SourceRange)

    package var range: SourceRange {
        switch self {
        case .named(let id): id.range
        case .list(_, let r), .map(_, let r): r
        }
    }
}

/// One parsed file.
package struct FileSyntax: Sendable {
    package var path: String
    package var declarations: [Declaration]
    /// The file's `#` comments in source order; no other stage than formatting reads them.
    package var comments: [Comment]
    package init(path: String, declarations: [Declaration], comments: [Comment] = []) {
        self.path = path
        self.declarations = declarations
        self.comments = comments
    }
}

/// A top-level declaration.
package enum Declaration: Sendable {
    case importFile(ImportDecl)
    case param(ParamDecl)
    case constant(LetDecl)
    case define(DefineDecl)
    case policy(PolicyDecl)
    case permit(PermitDecl)
    case record(RecordDecl)
    case fact(FactDecl)

    package var range: SourceRange {
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
package struct TypedName: Sendable {
    package var name: Identifier
    package var type: TypeSyntax
    package init(name: Identifier, type: TypeSyntax) {
        self.name = name
        self.type = type
    }
}

/// `record Vendor { dpaExpires: date, categories: list<string> }`: the shape of a record in
/// the facts file, so policies that read it are type-checked.
package struct RecordDecl: Sendable {
    package typealias Field = TypedName
    package var name: Identifier
    package var fields: [Field]
    package var range: SourceRange
    package init(name: Identifier, fields: [Field], range: SourceRange) {
        self.name = name
        self.fields = fields
        self.range = range
    }
}

/// `fact vendors: map<Vendor>`: a fact the organisation's facts file gives, read as
/// `facts.vendors`.
package struct FactDecl: Sendable {
    package var name: Identifier
    package var type: TypeSyntax
    package var range: SourceRange
    package init(name: Identifier, type: TypeSyntax, range: SourceRange) {
        self.name = name
        self.type = type
        self.range = range
    }
}

/// `import "helpers.policy"`: makes the file's params, lets and defines visible here.
package struct ImportDecl: Sendable {
    package var path: TextLiteral
    package var range: SourceRange
    package init(path: TextLiteral, range: SourceRange) {
        self.path = path
        self.range = range
    }
}

/// `param name: type = default`: a value the user can set with `--param name=value`.
package struct ParamDecl: Sendable {
    package var name: Identifier
    package var type: TypeSyntax
    package var defaultValue: Expr?
    package var range: SourceRange
    package init(name: Identifier, type: TypeSyntax, defaultValue: Expr?, range: SourceRange) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.range = range
    }
}

/// `let name = expr`: a named constant, computed once per run.
package struct LetDecl: Sendable {
    package var name: Identifier
    package var type: TypeSyntax?
    package var value: Expr
    package var range: SourceRange
    package init(name: Identifier, type: TypeSyntax?, value: Expr, range: SourceRange) {
        self.name = name
        self.type = type
        self.value = value
        self.range = range
    }
}

/// `define name(p: type, …): type = expr`: a small non-recursive helper.
package struct DefineDecl: Sendable {
    package typealias Parameter = TypedName
    package var name: Identifier
    package var parameters: [Parameter]
    package var returnType: TypeSyntax?
    package var body: Expr
    package var range: SourceRange
    package init(name: Identifier, parameters: [Parameter], returnType: TypeSyntax?, body: Expr, range: SourceRange) {
        self.name = name
        self.parameters = parameters
        self.returnType = returnType
        self.body = body
        self.range = range
    }
}

/// `for destination d`: the resource kind a policy ranges over and the variable naming it.
package struct Subject: Sendable {
    package var kind: Identifier
    package var variable: Identifier
    package var range: SourceRange
    package init(kind: Identifier, variable: Identifier, range: SourceRange) {
        self.kind = kind
        self.variable = variable
        self.range = range
    }
}

/// `policy ID "title" { … }`: one obligation.
package struct PolicyDecl: Sendable {
    package var id: Identifier
    package var title: TextLiteral
    package var severity: Identifier?
    package var rationale: TextLiteral?
    package var references: [TextLiteral]?
    package var subject: Subject?
    /// `where`: when the policy applies; absent means always.
    package var condition: Expr?
    /// `require`: what must hold where it applies.
    package var requirement: Expr?
    package var message: Template?
    package var remediation: Template?
    /// `expect some`: matching no resource at all is itself reported.
    package var expectSome: SourceRange?
    package var range: SourceRange
    package init(id: Identifier, title: TextLiteral, range: SourceRange) {
        self.id = id
        self.title = title
        self.range = range
    }
}

/// `permit ID "title" { permits … }`: a legal basis that turns failures into permitted transfers.
package struct PermitDecl: Sendable {
    package var id: Identifier
    package var title: TextLiteral
    package var permits: [Identifier] = []
    package var rationale: TextLiteral?
    package var references: [TextLiteral]?
    package var subject: Subject?
    package var condition: Expr?
    package var basis: Template?
    package var range: SourceRange
    package init(id: Identifier, title: TextLiteral, range: SourceRange) {
        self.id = id
        self.title = title
        self.range = range
    }
}

/// An expression node. A class so that side tables can key on its identity.
package final class Expr: Sendable {
    package enum UnaryOperator: String, Sendable { case not }

    package enum BinaryOperator: String, Sendable {
        case and, or
        case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
        case `in` = "in", notIn = "not in"
        case coalesce = "??"
        case add = "+", subtract = "-", multiply = "*", divide = "/"

        /// `+ - * /`.
        package var isArithmetic: Bool {
            switch self {
            case .add, .subtract, .multiply, .divide: true
            default: false
            }
        }
    }

    package enum Quantifier: String, Sendable { case every, some }

    package indirect enum Kind: Sendable {
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

    package let kind: Kind
    package let range: SourceRange

    package init(_ kind: Kind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}
