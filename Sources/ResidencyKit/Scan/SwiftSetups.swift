import SwiftParser
import SwiftSyntax

/// analytics-swift and the classic analytics-ios in Swift code, found in the syntax tree the
/// Swift parser (swift-syntax) builds, so that Swift is read exactly as the compiler reads it:
/// `Configuration(writeKey:)` with `.apiHost(…)` chained, called on the variable that holds it
/// or set as its property, `AnalyticsConfiguration(writeKey:)` with `configuration.apiHost = …`.
/// The values are then evaluated from the file's tokens like every language's (CodeEvaluator).
extension SDKPatterns {
    /// The configuration types, and the library each belongs to.
    static let swiftConfigurations = [
        "Configuration": "analytics-swift", "AnalyticsConfiguration": "analytics-ios",
        "SEGAnalyticsConfiguration": "analytics-ios",
    ]

    func swiftSetups() -> [SDKUse] {
        // Every setup passes `writeKey:` to its configuration type (under its own name or an
        // alias's): a file that does not is not parsed at all (most Swift files that mention
        // analytics are an app's own analytics code).
        guard file.mentions("writeKey") else { return [] }
        let tree = file.source.bytes.withUnsafeBufferPointer { SwiftParser.Parser.parse(source: $0) }
        let finder = SwiftSetupFinder(viewMode: .sourceAccurate)
        finder.walk(tree)
        // analytics-swift's module is `Segment`; a `Configuration(writeKey:)` elsewhere is another
        // vendor's, unless a file of the project re-exports it (`@_exported import Segment`).
        let importsSegment = finder.imports.contains("Segment") || project.swiftSegment
        return finder.configurations.compactMap { call -> SDKUse? in
            guard
                let type = SwiftSetupFinder.calledType(call),
                let library = library(of: type, importsSegment: importsSegment, finder.typealiases),
                let key = call.arguments.first(where: { $0.label?.text == "writeKey" })
            else { return nil }
            var settings: [(String, FileArgument?)] = []
            // `.apiHost("…")` chained on the configuration.
            var end = Syntax(call)
            while let member = end.parent?.as(MemberAccessExprSyntax.self), member.base.map(Syntax.init)?.id == end.id,
                let chained = member.parent?.as(FunctionCallExprSyntax.self), chained.calledExpression.id == member.id
            {
                // `.requestFactory { … }` takes a trailing closure: the call is the value.
                settings.append(
                    (
                        member.declName.baseName.text,
                        chained.arguments.first.map { argument($0.expression) } ?? argument(ExprSyntax(chained))
                    ))
                end = Syntax(chained)
            }
            // The variable the configuration is kept in (`let c = …`, or `c = …` after `let c:
            // AnalyticsConfiguration`, each `#if` branch its own), and what is done to it after.
            // A setting made only when a branch runs is that value or the SDK's default.
            var branched: Set<String> = []
            var handedTo: FileArgument?
            if let variable = Self.variable(keeping: end) {
                for (base, name, later) in finder.memberCalls where base == variable && later.position > call.position {
                    settings.append((name, later.arguments.first.map { argument($0.expression) } ?? argument(ExprSyntax(later))))
                    if Self.inBranch(Syntax(later), apartFrom: Syntax(call)) { branched.insert(name) }
                }
                for (base, name, value) in finder.memberAssignments where base == variable && value.position > call.position {
                    settings.append((name, argument(value)))
                    if Self.inBranch(Syntax(value), apartFrom: Syntax(call)) { branched.insert(name) }
                }
                // Handed to another call after it is made, the configuration may be changed there.
                if let (_, other) = finder.handedOver.first(where: { $0.name == variable && $0.call.position > call.position }) {
                    handedTo = argument(ExprSyntax(other))
                }
            }
            let wanted =
                library == "analytics-ios"
                ? ["apiHost", "requestFactory"] : ["apiHost", "cdnHost", "requestFactory", "autoAddSegmentDestination"]
            let found = use(
                library, at: tokenIndex(at: call.positionAfterSkippingLeadingTrivia.utf8Offset),
                writeKey: argument(key.expression),
                settings: settings.filter { wanted.contains($0.0) })
            let branchedUse = Self.onlyInABranch(found, branched)
            guard let handedTo else { return branchedUse }
            // Each setting the library reads is unknown, written where the configuration is handed over.
            return setBy(handedTo, wanted.filter { !SDKRules.transports.contains($0) }, in: branchedUse)
        }
    }

    /// Whether `node` runs only in a branch, loop or closure that `setup` is not inside:
    /// `if eu { c.apiHost(…) }` after `let c = Configuration(…)`.
    static func inBranch(_ node: Syntax, apartFrom setup: Syntax) -> Bool {
        var around: Set<SyntaxIdentifier> = []
        var up = setup.parent
        while let n = up {
            around.insert(n.id)
            up = n.parent
        }
        var at = node.parent
        while let n = at, !around.contains(n.id) {
            if n.is(IfExprSyntax.self) || n.is(SwitchCaseSyntax.self) || n.is(GuardStmtSyntax.self) || n.is(ForStmtSyntax.self)
                || n.is(WhileStmtSyntax.self) || n.is(RepeatStmtSyntax.self) || n.is(ClosureExprSyntax.self)
                || n.is(TernaryExprSyntax.self)
            {
                return true
            }
            at = n.parent
        }
        return false
    }

    /// A setup whose configuration type is named by a typealias that cannot be tied to one of
    /// the SDK's libraries: the setup is kept, its library undecided, so its endpoint is
    /// unknown (never the default of a library it may not be).
    static let undecidedSwiftLibrary = "analytics-swift or analytics-ios"

    /// The library a configuration type is the SDK's for: analytics-swift's `Configuration` only
    /// in a file that imports `Segment` (others vendors have one too), or a typealias of one.
    /// nil for a type that is not the SDK's.
    private func library(of type: String, importsSegment: Bool, _ aliases: [String: String]) -> String? {
        if let known = Self.swiftConfigurations[type] {
            return known != "analytics-swift" || importsSegment ? known : nil
        }
        return aliased(type, aliases, importsSegment: importsSegment)
    }

    /// The library of a configuration type named by a typealias, in this file or at the top of
    /// another Swift file of the scan, each definition read with its own file's imports. One
    /// library when every definition names it; undecided when the definitions disagree, or
    /// name the SDK's type in some places and another's in others; nil when none is the SDK's.
    private func aliased(_ name: String, _ local: [String: String], importsSegment: Bool, depth: Int = 0) -> String? {
        let written: [(text: String, importsSegment: Bool)]
        if let here = local[name] {
            written = [(here, importsSegment)]
        } else {
            written = evaluator.elsewhere(name).map { d in
                (d.value.map { d.file.tokens[$0].text }.joined(), Self.importsSegment(d.file) || project.swiftSegment)
            }
        }
        let libraries = written.map { text, imports -> String? in
            switch text {
            case "Segment.Configuration": return "analytics-swift"
            case "Configuration": return imports ? "analytics-swift" : nil
            case "AnalyticsConfiguration", "SEGAnalyticsConfiguration", "Segment.AnalyticsConfiguration": return "analytics-ios"
            default:
                // An alias of an alias (`typealias A = B`), followed a few steps.
                guard depth < 4, text != name, !text.contains(".") else { return nil }
                return aliased(text, local, importsSegment: imports, depth: depth + 1)
            }
        }
        let named = Set(libraries.compactMap { $0 })
        if named.isEmpty { return nil }
        return named.count == 1 && !libraries.contains(nil) ? named.first : Self.undecidedSwiftLibrary
    }

    /// Whether a Swift file imports analytics-swift's module (`import Segment`,
    /// `import struct Segment.Configuration`), read from its tokens.
    static func importsSegment(_ file: CodeFile) -> Bool {
        ProjectImports.swiftImports(file.tokens).contains { $0.module == "Segment" }
    }

    /// The variable a value is stored in: by its declaration (`let c = value`) or an assignment
    /// (`c = value`).
    static func variable(keeping value: Syntax) -> String? {
        if let binding = value.parent?.as(InitializerClauseSyntax.self)?.parent?.as(PatternBindingSyntax.self) {
            return binding.pattern.as(IdentifierPatternSyntax.self)?.identifier.text
        }
        if let sequence = value.parent?.as(ExprListSyntax.self)?.parent?.as(SequenceExprSyntax.self) {
            let elements = Array(sequence.elements)
            if elements.count == 3, elements[1].is(AssignmentExprSyntax.self), elements[2].id == value.id {
                return SwiftSetupFinder.variable(elements[0])
            }
        }
        return nil
    }

    /// The tokens of an expression, for the evaluator.
    private func argument(_ expression: ExprSyntax) -> FileArgument {
        let start = expression.positionAfterSkippingLeadingTrivia.utf8Offset
        let end = expression.endPositionBeforeTrailingTrivia.utf8Offset
        return FileArgument(label: nil, value: tokenIndex(at: start)..<tokenIndex(at: end))
    }

    /// The first token that starts at or after a byte offset.
    private func tokenIndex(at offset: Int) -> Int {
        var lo = 0, hi = file.tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if file.tokens[mid].start < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

/// Collects what the setups need from one walk of the tree: the configurations made, the
/// calls on and assignments to members of plain variables, and the modules imported.
final class SwiftSetupFinder: SyntaxVisitor {
    var configurations: [FunctionCallExprSyntax] = []
    var memberCalls: [(base: String, name: String, call: FunctionCallExprSyntax)] = []
    var memberAssignments: [(base: String, name: String, value: ExprSyntax)] = []
    var imports: Set<String> = []
    /// Plain variables handed to a call as an argument, and the call.
    var handedOver: [(name: String, call: FunctionCallExprSyntax)] = []

    /// `typealias Name = Type` in the file: each name's type as written.
    var typealiases: [String: String] = [:]

    override func visit(_ node: TypeAliasDeclSyntax) -> SyntaxVisitorContinueKind {
        typealiases[node.name.text] = node.initializer.value.trimmedDescription
        return .skipChildren
    }

    override func visit(_ node: ImportDeclSyntax) -> SyntaxVisitorContinueKind {
        if let module = node.path.first?.name.text { imports.insert(module) }
        return .skipChildren
    }

    /// The type a call names: `Configuration(…)`, `Segment.Configuration(…)`, and the explicit
    /// `AnalyticsConfiguration.init(…)` (typewriter's ios-swift sample).
    static func calledType(_ node: FunctionCallExprSyntax) -> String? {
        let called = node.calledExpression
        if let member = called.as(MemberAccessExprSyntax.self), member.declName.baseName.text == "init" {
            return member.base?.as(DeclReferenceExprSyntax.self)?.baseName.text
                ?? member.base?.as(MemberAccessExprSyntax.self)?.declName.baseName.text
        }
        return called.as(DeclReferenceExprSyntax.self)?.baseName.text
            ?? called.as(MemberAccessExprSyntax.self)?.declName.baseName.text
    }

    override func visit(_ node: FunctionCallExprSyntax) -> SyntaxVisitorContinueKind {
        let called = node.calledExpression
        // Any `Type(writeKey:)`: the SDK's own types, and the names a typealias gives them
        // (`typealias SegConfig = Segment.Configuration`), told apart afterwards.
        if Self.calledType(node) != nil, node.arguments.contains(where: { $0.label?.text == "writeKey" }) {
            configurations.append(node)
        }
        if let member = called.as(MemberAccessExprSyntax.self), let base = Self.variable(member.base) {
            memberCalls.append((base, member.declName.baseName.text, node))
        }
        // A plain variable handed to a call (`RegionConfig.apply(to: c)`, `tune(&c)`), except to
        // the SDK itself (`Analytics(configuration: c)`, the classic `Analytics.setup(with: c)`).
        let sdk =
            Self.calledType(node) == "Analytics"
            || ["Analytics", "SEGAnalytics"].contains(
                called.as(MemberAccessExprSyntax.self)?.base?.as(DeclReferenceExprSyntax.self)?.baseName.text ?? "")
        if !sdk {
            for argument in node.arguments {
                let e = argument.expression.as(InOutExprSyntax.self)?.expression ?? argument.expression
                if let name = Self.variable(e) { handedOver.append((name, node)) }
            }
        }
        return .visitChildren
    }

    /// `configuration.apiHost = …` (also `configuration!.apiHost`, `configuration?.apiHost`).
    override func visit(_ node: SequenceExprSyntax) -> SyntaxVisitorContinueKind {
        let elements = Array(node.elements)
        if elements.count == 3, elements[1].is(AssignmentExprSyntax.self),
            let member = elements[0].as(MemberAccessExprSyntax.self),
            let base = Self.variable(member.base)
        {
            memberAssignments.append((base, member.declName.baseName.text, elements[2]))
        }
        return .visitChildren
    }

    /// The name of a plain variable, through `!` and `?`; a property of `self` (`self.config`)
    /// by its name, as the type's code also writes it bare.
    static func variable(_ expression: ExprSyntax?) -> String? {
        guard var e = expression else { return nil }
        while true {
            if let forced = e.as(ForceUnwrapExprSyntax.self) {
                e = forced.expression
            } else if let optional = e.as(OptionalChainingExprSyntax.self) {
                e = optional.expression
            } else {
                break
            }
        }
        if let member = e.as(MemberAccessExprSyntax.self), let base = member.base?.as(DeclReferenceExprSyntax.self),
            base.baseName.text == "self"
        {
            return member.declName.baseName.text
        }
        return e.as(DeclReferenceExprSyntax.self)?.baseName.text
    }
}
