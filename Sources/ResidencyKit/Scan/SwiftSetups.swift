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
        // Every setup names a configuration type: a file that does not is not parsed at all
        // (most Swift files that mention analytics are an app's own analytics code).
        guard file.mentions("Configuration") else { return [] }
        let tree = file.source.bytes.withUnsafeBufferPointer { SwiftParser.Parser.parse(source: $0) }
        let finder = SwiftSetupFinder(viewMode: .sourceAccurate)
        finder.walk(tree)
        // analytics-swift's module is `Segment`; a `Configuration(writeKey:)` elsewhere is another vendor's.
        let importsSegment = finder.imports.contains("Segment")
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
            if let variable = Self.variable(keeping: end) {
                for (base, name, later) in finder.memberCalls where base == variable && later.position > call.position {
                    settings.append((name, later.arguments.first.map { argument($0.expression) } ?? argument(ExprSyntax(later))))
                }
                for (base, name, value) in finder.memberAssignments where base == variable && value.position > call.position {
                    settings.append((name, argument(value)))
                }
            }
            let wanted = library == "analytics-swift" ? ["apiHost", "cdnHost", "requestFactory"] : ["apiHost", "requestFactory"]
            return use(
                library, at: tokenIndex(at: call.positionAfterSkippingLeadingTrivia.utf8Offset),
                writeKey: argument(key.expression),
                settings: settings.filter { wanted.contains($0.0) })
        }
    }

    /// The library a configuration type is the SDK's for: analytics-swift's `Configuration` only
    /// in a file that imports `Segment` (others vendors have one too), or a typealias of one.
    private func library(of type: String, importsSegment: Bool, _ aliases: [String: String]) -> String? {
        if let known = Self.swiftConfigurations[type] {
            return known != "analytics-swift" || importsSegment ? known : nil
        }
        return aliased(type, aliases)
    }

    /// The library of a configuration type named by a typealias, in this file or at the top of
    /// another Swift file of the scan: only one whose type is the SDK's, named with its module
    /// (`Segment.Configuration`) or one of the classic SDK's own names.
    private func aliased(_ name: String, _ local: [String: String]) -> String? {
        let written: [String]
        if let here = local[name] {
            written = [here]
        } else {
            written = evaluator.elsewhere(name).map { d in
                d.value.map { d.file.tokens[$0].text }.joined()
            }
        }
        let libraries = Set(
            written.map { text -> String? in
                if text == "Segment.Configuration" { return "analytics-swift" }
                return ["AnalyticsConfiguration", "SEGAnalyticsConfiguration", "Segment.AnalyticsConfiguration"].contains(text)
                    ? "analytics-ios" : nil
            })
        guard libraries.count == 1, let library = libraries.first else { return nil }
        return library
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
        // Any `…Configuration(writeKey:)`: the SDK's own types, and the names a typealias gives
        // them (`typealias SegmentConfiguration = Segment.Configuration`), told apart afterwards.
        if let name = Self.calledType(node), name.hasSuffix("Configuration"),
            node.arguments.contains(where: { $0.label?.text == "writeKey" })
        {
            configurations.append(node)
        }
        if let member = called.as(MemberAccessExprSyntax.self), let base = Self.variable(member.base) {
            memberCalls.append((base, member.declName.baseName.text, node))
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

    /// The name of a plain variable, through `!` and `?`.
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
        return e.as(DeclReferenceExprSyntax.self)?.baseName.text
    }
}
