import Foundation

/// The folders given on the command line, which paths written inside policies and test files
/// (an `import`, a test's `fixture:`, `facts:` and `catalog:`) must stay within.
///
/// Policies and tests arrive in pull requests, and CI logs are public: were `import
/// "/proc/self/environ"` read, its parse error would quote the environment, tokens included.
/// So an absolute path is refused, a `..` that climbs out of every folder given is refused,
/// and so is a path whose symbolic links lead out of them, all before anything is read.
/// A file given alone on the command line stands for its folder.
struct InputTree: Sendable {
    /// The folders as given, for messages.
    let names: [String]
    /// Each folder made absolute and normalised, and with its links resolved.
    let lexical: [String]
    let real: [String]
    /// Whether the paths name files on disk, whose links can be resolved (in-memory files,
    /// which tests and `checkPolicies(texts:)` pass, have none).
    let onDisk: Bool

    /// The tree of `paths`: each folder, and the folder of each file.
    init(paths: [String], onDisk: Bool = true) {
        var names: [String] = []
        for path in paths {
            var isFolder: ObjCBool = false
            let exists = onDisk && FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            let folder = exists && isFolder.boolValue ? path : (path as NSString).deletingLastPathComponent
            let name = folder.isEmpty ? "." : folder
            if !names.contains(name) { names.append(name) }
        }
        self.names = names
        self.onDisk = onDisk
        lexical = names.map(Self.absolute)
        real = onDisk ? zip(names, lexical).map { Self.realPath($0.0) ?? $0.1 } : lexical
    }

    /// Why a written path is refused.
    enum Refusal: Error, Sendable, Hashable {
        case absolute
        /// Its `..` climbs out; the path it names.
        case outside(String)
        /// A symbolic link leads out; where to.
        case link(String)
    }

    /// The path `written` inside `file` names (relative to `file`'s folder), or why it may
    /// not be read. Nothing is opened: links are resolved with `realpath`.
    func resolve(_ written: String, from file: String) -> Result<String, Refusal> {
        if written.hasPrefix("/") { return .failure(.absolute) }
        let dir = (file as NSString).deletingLastPathComponent
        let path = Self.normalise(dir.isEmpty ? written : dir + "/" + written)
        guard Self.isWithin(Self.absolute(path), lexical) else { return .failure(.outside(path)) }
        if let target = escape(path) { return .failure(.link(target)) }
        return .success(path.isEmpty ? "." : path)
    }

    /// Where `path` really leads when a symbolic link takes it out of the tree; nil when it
    /// stays inside (or does not exist, which reading it will report).
    func escape(_ path: String) -> String? {
        guard onDisk, let target = Self.realPath(path) else { return nil }
        return Self.isWithin(target, real) ? nil : target
    }

    /// The folders for messages: "policies", "policies and tests".
    var described: String {
        names.count <= 1 ? names.first ?? "." : names.dropLast().joined(separator: ", ") + " and " + names.last!
    }

    static func isWithin(_ path: String, _ roots: [String]) -> Bool {
        roots.contains { root in root == "/" || path == root || path.hasPrefix(root + "/") }
    }

    /// `path` absolute (against the working folder) and without `.`, `..` or doubled `/`.
    static func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let normal = Self.normalise(full)
        // `normalise` keeps a `..` it cannot cancel; above the root there is only the root.
        let parts = normal.split(separator: "/").drop { $0 == ".." }
        return "/" + parts.joined(separator: "/")
    }

    /// `path` without `.`, empty components, or a `..` that a name before it cancels.
    static func normalise(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            parts.append(part)
        }
        return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

extension Diagnostic {
    /// A path the tree refuses: `subject` is what names it (`import "../x.policy"`, or a file
    /// found in a folder), `range` where it is written. Nothing was read.
    static func outsideTree(
        _ subject: String, _ refusal: InputTree.Refusal, tree: InputTree, at range: SourceRange?
    )
        -> Diagnostic
    {
        let message: String
        switch refusal {
        case .absolute: message = "\(subject) is an absolute path; paths must stay inside \(tree.described)"
        case .outside(let path): message = "\(subject) leads outside \(tree.described) (to \(path))"
        case .link(let target): message = "\(subject) is a symbolic link out of \(tree.described) (to \(target))"
        }
        return .error(
            .E1701, message, at: range,
            help: "policies and tests come in pull requests, so the files they name stay inside the folders given "
                + "on the command line: write a path relative to the file, inside them")
    }
}
