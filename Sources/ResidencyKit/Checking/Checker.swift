/// Checks parsed policy files against the schema before anything runs: names, types,
/// structure, recursion and cost. Each check is its own small pass over a shared context,
/// run in the order of `Checker.passes`; every problem becomes a diagnostic, none throws.
enum Checker {
    /// The checks, in order. Later passes rely on the tables earlier ones fill.
    static let passes: [(name: String, run: @Sendable (CheckContext) -> Void)] = [
        ("declarations", collectDeclarations),
        ("scopes", buildScopes),
        ("define recursion", checkDefineRecursion),
        ("types", checkTypes),
        ("structure", checkStructure),
        ("unused", checkUnused),
        ("cost", checkCost),
    ]

    /// Checks loaded sources. The bundle is returned only when there are no errors.
    package static func check(_ sources: PolicySources) -> (CheckedBundle?, [Diagnostic]) {
        let ctx = CheckContext(sources)
        for pass in passes { pass.run(ctx) }
        let diagnostics = ctx.diagnostics.sortedForOutput()
        return (diagnostics.hasErrors ? nil : ctx.bundle, diagnostics)
    }
}

/// A top-level name visible in a file.
enum Symbol: Hashable {
    case param(Int)
    case constant(Int)
    case define(Int)
}

/// The state shared by the checker's passes.
final class CheckContext {
    var bundle: CheckedBundle
    let sources: PolicySources
    var diagnostics: [Diagnostic] = []
    /// Declarations of each file itself.
    var own: [[String: (Symbol, SourceRange)]]
    /// Names visible in each file: its own plus its direct imports'.
    var scopes: [[String: Symbol]] = []
    /// Policy and permit ids to (isPermit, index).
    var ids: [String: (permit: Bool, index: Int)] = [:]
    var usedConstants = Set<Int>()
    var usedDefines = Set<Int>()
    /// Defines in a recursion cycle or heading an over-long chain (both reported): their
    /// bodies are never followed by later passes.
    var recursiveDefines = Set<Int>()
    /// Typing state of lets and defines (lazily typed in dependency order).
    var constantState: [Visit] = []
    var defineState: [Visit] = []
    /// Declared record types by name, and their resolution state (`inProgress` while being
    /// resolved, so that a record containing itself is reported rather than followed forever).
    var recordDecls: [String: (decl: RecordDecl, file: Int)] = [:]
    var recordState: [String: Visit] = [:]

    init(_ sources: PolicySources) {
        self.sources = sources
        self.bundle = CheckedBundle(files: sources.files, syntax: sources.syntax)
        self.own = Array(repeating: [:], count: sources.files.count)
    }

    func report(_ d: Diagnostic) { diagnostics.append(d) }
}

/// Where a walk over declarations that refer to each other (lets, defines, records, define
/// calls) stands with one of them: a declaration met again while `inProgress` closes a cycle.
enum Visit: Sendable {
    case notVisited, inProgress, done
}
