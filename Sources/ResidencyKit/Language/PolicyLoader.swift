import Foundation

/// Policy files read and parsed, with their imports resolved: the input of the checker.
package struct PolicySources: Sendable {
    package var files: [SourceFile] = []
    var syntax: [FileSyntax] = []
    /// For each file, the indices of the files it imports directly.
    var imports: [[Int]] = []
    /// Where each of those imports is written (parallel to `imports`).
    var importRanges: [[SourceRange]] = []
    init() {}
}

/// Finds, reads and parses policy files and everything they import.
enum PolicyLoader {
    /// The extension of policy files.
    static let fileExtension = "policy"

    /// Loads files and folders (folders recursively, `*.policy` in sorted order). Imports
    /// stay inside the folders given (`InputTree`).
    package static func load(paths: [String]) -> (PolicySources, [Diagnostic]) {
        let tree = InputTree(paths: paths)
        let (files, diagnostics) = discover(paths: paths, tree: tree)
        let (sources, more) = load(roots: files, tree: tree) { path in
            readFileBytes(atPath: path, limit: .policy).map { SourceFile(path: path, bytes: $0) }
        }
        return (sources, diagnostics + more)
    }

    /// The policy files that files and folders name: a file as given, a folder's `*.policy`
    /// files recursively in sorted order. A path that does not exist, a folder without
    /// policy files, a sub-folder that cannot be listed, a `*.policy` that is not a regular
    /// file and a symbolic link out of the folders given are errors; hidden policy files are
    /// not read, and a warning lists them.
    static func discover(paths: [String], tree: InputTree? = nil) -> ([String], [Diagnostic]) {
        discover(paths: paths, tree: tree ?? InputTree(paths: paths), list: FolderWalk.listFolder)
    }

    /// `discover` with the folder lister given (tests make folders unreadable this way).
    static func discover(paths: [String], tree: InputTree, list: @escaping FolderWalk.Lister) -> ([String], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var files: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                diagnostics.append(.error(.E0401, "no such file or folder: \(path)", at: nil))
                continue
            }
            guard isDir.boolValue else {
                files.append(path)
                continue
            }
            let found = FolderWalk(wanted: { $0.hasSuffix(".\(fileExtension)") }, tree: tree, list: list).walk(path)
            diagnostics += found.problems.map { cannotRead($0.path, $0.error) }
            diagnostics += found.escapes.map { .outsideTree($0.path, .link($0.target), tree: tree, at: nil) }
            if !found.hidden.isEmpty {
                diagnostics.append(.filesNotRead(in: path, hidden: found.hidden, rule: "policy files are *.policy files"))
            }
            if found.files.isEmpty, found.problems.isEmpty, found.escapes.isEmpty {
                diagnostics.append(.error(.E0402, "no .\(fileExtension) files in \(path)", at: nil))
            }
            files += found.files
        }
        return (files, diagnostics)
    }

    /// A policy file, or a folder holding them, that cannot be read, and why.
    static func cannotRead(_ path: String, _ error: FileReadError) -> Diagnostic {
        .error(.E0404, "cannot read \(path): \(error)", at: nil)
    }

    /// Loads root files through a reader (tests pass an in-memory one). Each file is read and
    /// parsed once, however often it is imported; import paths are relative to the importer
    /// and must stay inside `tree`, which is checked before anything is read.
    package static func load(
        roots: [String], tree: InputTree, read: (String) -> Result<SourceFile, FileReadError>
    ) -> (PolicySources, [Diagnostic]) {
        var sources = PolicySources()
        var diagnostics: [Diagnostic] = []
        var indexByPath: [String: Int] = [:]

        func add(_ path: String) -> Result<Int, FileReadError> {
            let key = InputTree.normalise(path)
            if let i = indexByPath[key] { return .success(i) }
            let file: SourceFile
            switch read(path) {
            case .success(let f): file = f
            case .failure(let error): return .failure(error)
            }
            let i = sources.files.count
            indexByPath[key] = i
            let (syntax, diags) = Parser.parse(file)
            sources.files.append(file)
            sources.syntax.append(syntax)
            sources.imports.append([])
            sources.importRanges.append([])
            diagnostics += diags
            for case .importFile(let imp) in syntax.declarations {
                let target: String
                switch tree.resolve(imp.path.value, from: path) {
                case .success(let t): target = t
                case .failure(let refusal):
                    diagnostics.append(.outsideTree("import \"\(imp.path.value)\"", refusal, tree: tree, at: imp.path.range))
                    continue
                }
                switch add(target) {
                case .success(let j):
                    sources.imports[i].append(j)
                    sources.importRanges[i].append(imp.path.range)
                case .failure(let error):
                    diagnostics.append(
                        .error(
                            .E0403, "cannot read imported file \(target): \(error)", at: imp.path.range,
                            help: "import paths are relative to the importing file"))
                }
            }
            return .success(i)
        }

        for root in roots {
            if case .failure(let error) = add(root) { diagnostics.append(cannotRead(root, error)) }
        }
        diagnostics += importCycles(sources)
        return (sources, diagnostics)
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
                            .E0405, "import cycle: \(s.files[j].path) imports this file again",
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
