#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The files of code under the paths `residency scan` is given: every file whose extension
/// names a language of `CodeLanguage`, in folders git would not ignore (each folder's
/// `.gitignore`, and the repository's `.git/info/exclude`), outside dependencies and build
/// output. What is passed by is counted; a folder that cannot be listed is named.
struct CodeTree {
    /// Folders that hold other people's code or what a build made: never the app's own setup.
    static let skippedFolders: Set<String> = [
        "node_modules", "bower_components", "jspm_packages", "Pods", "Carthage", "vendor", "build", "dist", "out", "target",
        "DerivedData", "obj", "__pycache__", "venv", "site-packages", "Packages",
        // Hidden folders are the app's own (`.storybook`, `.github`, `.husky`) unless they are
        // version control, a tool's cache or dependencies, or a framework's build output (which
        // holds compiled copies of the app's setup).
        ".git", ".hg", ".svn", ".build", ".swiftpm", ".gradle", ".idea", ".dart_tool", ".pub-cache", ".venv", ".tox",
        ".mypy_cache", ".pytest_cache", ".cache", ".yarn", ".pnpm-store", ".npm", ".next", ".nuxt", ".output",
        ".svelte-kit", ".expo", ".angular", ".turbo", ".parcel-cache", ".vercel", ".netlify", ".serverless",
        ".docusaurus", ".terraform", ".bundle", ".cxx", ".externalNativeBuild",
    ]

    /// Names build tools write their output under, which a project of its own may also be named
    /// (netlify/build's `packages/build`): such a folder is read when it holds a project.
    static let outputNames: Set<String> = ["build", "dist", "out", "target"]

    /// Files and folders that make a folder a project rather than a build's output.
    static let projectMarkers = [
        "package.json", "src", "build.gradle", "build.gradle.kts", "Package.swift", "go.mod", "pyproject.toml", "setup.py",
        "pom.xml", "Gemfile", "composer.json", "pubspec.yaml",
    ]

    /// Whether the folder at `path` holds a project (one of `projectMarkers`).
    private static func isProject(_ path: String) -> Bool {
        var info = stat()
        return projectMarkers.contains { stat(join(path, $0), &info) == 0 }
    }

    struct Found {
        /// Files of code, sorted by path.
        var files: [String] = []
        /// Folders not entered because git ignores them or they are dependencies or build output.
        var foldersSkipped = 0
        /// Files git ignores.
        var filesIgnored = 0
        /// Folders and files that could not be looked at, and why.
        var problems: [(path: String, reason: String)] = []
        /// `.env` files found in the folders walked, each applying to the code below its folder.
        var environmentFiles: [String] = []
        /// C# project files (`.csproj`, `Directory.Build.props`), whose global usings apply to
        /// the project's code (`ProjectImports`).
        var projectFiles: [String] = []
    }

    /// `exclude`: patterns in .gitignore's syntax, relative to each root, that win over every
    /// `.gitignore` (a `!` in them re-includes only what they excluded).
    static func walk(_ roots: [String], exclude: [String] = []) -> Found {
        var found = Found()
        for root in roots {
            var info = stat()
            guard stat(root, &info) == 0 else {
                found.problems.append((root, String(cString: strerror(errno))))
                continue
            }
            if info.st_mode & S_IFMT != S_IFDIR {
                found.files.append(root)
                continue
            }
            var ignores: [(base: String, rules: GitIgnore)] = []
            if let exclude = readText(join(root, ".git/info/exclude")) { ignores.append(("", GitIgnore(exclude))) }
            walk(
                root, "", &ignores, &found, visited: [],
                excluded: exclude.isEmpty ? nil : GitIgnore(exclude.joined(separator: "\n")))
        }
        found.files.sort()
        return found
    }

    private static func walk(
        _ root: String, _ relative: String, _ ignores: inout [(base: String, rules: GitIgnore)], _ found: inout Found,
        visited: Set<[UInt64]>, excluded: GitIgnore?
    ) {
        let here = relative.isEmpty ? root : join(root, relative)
        var visited = visited
        var info = stat()
        if stat(here, &info) == 0 {
            // A symbolic link back up would loop.
            let id = [UInt64(info.st_dev), UInt64(info.st_ino)]
            guard !visited.contains(id) else { return }
            visited.insert(id)
        }
        let names: [String]
        switch FolderWalk.listFolder(here) {
        case .failure(let error):
            found.problems.append((here, "\(error)"))
            return
        case .success(let n): names = n.sorted()
        }
        if names.contains(".env") { found.environmentFiles.append(join(here, ".env")) }
        let added = names.contains(".gitignore") ? readText(join(here, ".gitignore")).map { GitIgnore($0) } : nil
        if let added { ignores.append((relative, added)) }
        defer { if added != nil { ignores.removeLast() } }
        for name in names where name != ".git" {
            let below = relative.isEmpty ? name : relative + "/" + name
            let path = join(root, below)
            guard stat(path, &info) == 0 else {
                // A broken link or a file gone meanwhile is not code to read.
                if lstat(path, &info) != 0 || info.st_mode & S_IFMT != S_IFLNK {
                    found.problems.append((path, String(cString: strerror(errno))))
                }
                continue
            }
            let isFolder = info.st_mode & S_IFMT == S_IFDIR
            if excluded?.decision(below, isFolder: isFolder) == true || isIgnored(below, isFolder: isFolder, ignores) {
                if isFolder { found.foldersSkipped += 1 } else { found.filesIgnored += 1 }
                continue
            }
            if isFolder {
                if skippedFolders.contains(name), !(outputNames.contains(name) && isProject(path)) {
                    found.foldersSkipped += 1
                    continue
                }
                walk(root, below, &ignores, &found, visited: visited, excluded: excluded)
            } else if info.st_mode & S_IFMT == S_IFREG, CodeLanguage.of(path: name) != nil {
                found.files.append(path)
            } else if info.st_mode & S_IFMT == S_IFREG, ProjectImports.isProjectFile(name) {
                found.projectFiles.append(path)
            }
        }
    }

    /// Whether the rules in force ignore a path (the deepest `.gitignore` that decides wins).
    private static func isIgnored(_ path: String, isFolder: Bool, _ ignores: [(base: String, rules: GitIgnore)]) -> Bool {
        for (base, rules) in ignores.reversed() {
            let relative = base.isEmpty ? path : String(path.dropFirst(base.count + 1))
            if let decision = rules.decision(relative, isFolder: isFolder) { return decision }
        }
        return false
    }

    /// `a/b`; below `.` just `b`, so that locations read as paths in the repository.
    static func join(_ a: String, _ b: String) -> String {
        if a == "." { return b }
        return a.hasSuffix("/") ? a + b : a + "/" + b
    }

    static func readText(_ path: String) -> String? {
        guard case .success(let bytes) = readFileBytes(atPath: path, limit: .settingsFile) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
