import Foundation

/// Policy files read and parsed, with their imports resolved: the input of the checker.
public struct PolicySources: Sendable {
    public var files: [SourceFile] = []
    public var syntax: [FileSyntax] = []
    /// For each file, the indices of the files it imports directly.
    public var imports: [[Int]] = []
    /// Where each of those imports is written (parallel to `imports`).
    public var importRanges: [[SourceRange]] = []
    public init() {}
}

/// Finds, reads and parses policy files and everything they import.
public enum PolicyLoader {
    /// The extension of policy files.
    public static let fileExtension = "policy"

    /// Loads files and folders (folders recursively, `*.policy` in sorted order).
    public static func load(paths: [String]) -> (PolicySources, [Diagnostic]) {
        let (files, diagnostics) = discover(paths: paths)
        let (sources, more) = load(roots: files) { path in
            readFileBytes(atPath: path).map { SourceFile(path: path, bytes: $0) }
        }
        return (sources, diagnostics + more)
    }

    /// The policy files that files and folders name: a file as given, a folder's `*.policy`
    /// files recursively in sorted order. A path that does not exist, or a folder without
    /// policy files, is an error.
    public static func discover(paths: [String]) -> ([String], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var files: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                diagnostics.append(.error("E0401", "no such file or folder: \(path)", at: nil))
                continue
            }
            if isDir.boolValue {
                let found = (fm.enumerator(atPath: path)?.allObjects as? [String] ?? [])
                    .filter { $0.hasSuffix(".\(fileExtension)") }
                    .sorted()
                    .map { (path as NSString).appendingPathComponent($0) }
                if found.isEmpty {
                    diagnostics.append(.error("E0402", "no .\(fileExtension) files in \(path)", at: nil))
                }
                files += found
            } else {
                files.append(path)
            }
        }
        return (files, diagnostics)
    }

    /// A file that cannot be read.
    public static func cannotRead(_ path: String) -> Diagnostic {
        .error("E0404", "cannot read \(path)", at: nil)
    }

    /// Loads root files through a reader (tests pass an in-memory one). Each file is read and
    /// parsed once, however often it is imported; import paths are relative to the importer.
    public static func load(roots: [String], read: (String) -> SourceFile?) -> (PolicySources, [Diagnostic]) {
        var sources = PolicySources()
        var diagnostics: [Diagnostic] = []
        var indexByPath: [String: Int] = [:]

        func add(_ path: String) -> Int? {
            let key = normalise(path)
            if let i = indexByPath[key] { return i }
            guard let file = read(path) else { return nil }
            let i = sources.files.count
            indexByPath[key] = i
            let (syntax, diags) = Parser.parse(file)
            sources.files.append(file)
            sources.syntax.append(syntax)
            sources.imports.append([])
            sources.importRanges.append([])
            diagnostics += diags
            for case .importFile(let imp) in syntax.declarations {
                let target = resolve(imp.path.value, relativeTo: path)
                if let j = add(target) {
                    sources.imports[i].append(j)
                    sources.importRanges[i].append(imp.path.range)
                } else {
                    diagnostics.append(
                        .error(
                            "E0403", "cannot read imported file \(target)", at: imp.path.range,
                            help: "import paths are relative to the importing file"))
                }
            }
            return i
        }

        for root in roots where add(root) == nil {
            diagnostics.append(cannotRead(root))
        }
        diagnostics += importCycles(sources)
        return (sources, diagnostics)
    }

    static func resolve(_ path: String, relativeTo importer: String) -> String {
        if path.hasPrefix("/") { return path }
        let dir = (importer as NSString).deletingLastPathComponent
        return normalise(dir.isEmpty ? path : (dir as NSString).appendingPathComponent(path))
    }

    static func normalise(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            parts.append(part)
        }
        return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }

    /// Imports must not form a cycle: each file's scope is its own declarations plus those of
    /// the files it imports, and a cycle would make that depend on itself.
    static func importCycles(_ s: PolicySources) -> [Diagnostic] {
        var state = [UInt8](repeating: 0, count: s.files.count)  // 0 new, 1 on stack, 2 done
        var out: [Diagnostic] = []
        func visit(_ i: Int) {
            state[i] = 1
            for (k, j) in s.imports[i].enumerated() {
                if state[j] == 1 {
                    out.append(
                        .error(
                            "E0405", "import cycle: \(s.files[j].path) imports this file again",
                            at: s.importRanges[i][k], help: "move the shared declarations into a third file"))
                } else if state[j] == 0 {
                    visit(j)
                }
            }
            state[i] = 2
        }
        for i in s.files.indices where state[i] == 0 { visit(i) }
        return out
    }
}
