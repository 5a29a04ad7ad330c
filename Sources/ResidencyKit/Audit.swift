/// The pipeline from files to results: load → parse → check → compile → evaluate.
/// The CLI calls these; tests call them too, so nothing the CLI does is out of their reach.
public enum Audit {
    /// Exit codes shared by every command. 1 is reserved for "violations found".
    public enum ExitStatus: Int32, Sendable {
        case ok = 0
        case violations = 1
        case invalidInput = 2
        case internalError = 3
    }

    /// Policies loaded and checked.
    public struct CheckedPolicies: Sendable {
        package var sources: PolicySources
        /// Nil when there are errors.
        package var bundle: CheckedBundle?
        public var diagnostics: [Diagnostic]
    }

    /// Loads policy files and folders, parses and checks them.
    public static func checkPolicies(paths: [String]) -> CheckedPolicies {
        let (sources, loadDiagnostics) = PolicyLoader.load(paths: paths)
        return check(sources, loadDiagnostics)
    }

    /// Parses and checks policies given as text (for tests, `explain` and tools), keyed by path.
    public static func checkPolicies(texts: [(path: String, text: String)]) -> CheckedPolicies {
        let files = Dictionary(texts.map { ($0.path, SourceFile(path: $0.path, text: $0.text)) }, uniquingKeysWith: { a, _ in a })
        let tree = InputTree(paths: texts.map(\.path), onDisk: false)
        let (sources, loadDiagnostics) = PolicyLoader.load(roots: texts.map(\.path), tree: tree) { path in
            files[path].map { .success($0) } ?? .failure(.noSuchFile)
        }
        return check(sources, loadDiagnostics)
    }

    private static func check(_ sources: PolicySources, _ loadDiagnostics: [Diagnostic]) -> CheckedPolicies {
        // Checking a bundle with syntax errors would report their echoes as type errors.
        if loadDiagnostics.hasErrors {
            return CheckedPolicies(sources: sources, bundle: nil, diagnostics: loadDiagnostics.sortedForOutput())
        }
        let (bundle, diagnostics) = Checker.check(sources)
        return CheckedPolicies(sources: sources, bundle: bundle, diagnostics: (loadDiagnostics + diagnostics).sortedForOutput())
    }
}
