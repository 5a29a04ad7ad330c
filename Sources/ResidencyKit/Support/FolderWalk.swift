#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The files under a folder given on the command line, found so that nothing is left out
/// without a word: a sub-folder that cannot be listed, a FIFO or device where a file should
/// be, a broken symbolic link, or a symbolic link out of the tree, is a problem at its path,
/// and files that are not read are listed for the caller to report.
///
/// `FileManager.enumerator` skipped sub-folders it could not list and symbolic links to
/// folders without a word; this walk follows links to folders (once each, so a loop ends)
/// and reports every folder it cannot list.
///
/// Hidden entries (names starting with `.`) are not read and hidden folders not entered:
/// `.git`, `.terraform` (whose `modules.json` is no inventory), editors' lock files and
/// macOS's `._name.json` resource forks are not inputs. A hidden file whose name the caller
/// would read is listed in `hidden`, so that a `.eu.policy` does not drop out unseen.
struct FolderWalk {
    /// Lists one folder's entry names (without `.` and `..`); a seam for tests, since a
    /// folder cannot be made unreadable to root.
    typealias Lister = (String) -> Result<[String], FileReadError>

    /// What a walk found.
    struct Found {
        /// Regular files (or links to them) whose names `wanted` accepts, sorted by path.
        var files: [String] = []
        /// Regular files whose names it does not accept, sorted.
        var skipped: [String] = []
        /// Hidden files whose names it would accept, sorted.
        var hidden: [String] = []
        /// Paths that could not be taken in, and why: folders that cannot be listed, entries
        /// that are not regular files (all of them when `strict`, else those `wanted`), links
        /// to nothing.
        var problems: [(path: String, error: FileReadError)] = []
        /// Symbolic links (when a tree is given) that lead out of it, with where they lead.
        var escapes: [(path: String, target: String)] = []
    }

    /// Which file names to take.
    var wanted: (String) -> Bool
    /// Whether every entry is meant to be an input, so that a FIFO or socket of any name
    /// is a problem (an inventory folder) rather than something to pass by (a policy
    /// folder, which also holds tests, catalogs and notes).
    var strict = false
    /// The tree symbolic links must stay within, when the folder's files come from people
    /// other than whoever runs the tool (policies and tests arrive in pull requests).
    var tree: InputTree?
    var list: Lister = FolderWalk.listFolder

    /// Walks `folder` recursively. Paths are `folder` joined with the path below it, and
    /// come sorted by that path below it, as `FileManager.enumerator` gave them before.
    func walk(_ folder: String) -> Found {
        var found = Found()
        // Folders entered, by device and inode: a link back up must not loop.
        var entered: Set<FileID> = []
        if let id = FileID(path: folder) { entered.insert(id) }
        var pending = [""]
        while let relative = pending.popLast() {
            let here = relative.isEmpty ? folder : join(folder, relative)
            let names: [String]
            switch list(here) {
            case .failure(let error):
                found.problems.append((here, .folderNotListed("\(error)")))
                continue
            case .success(let n): names = n
            }
            for name in names {
                let below = relative.isEmpty ? name : relative + "/" + name
                let path = join(folder, below)
                let isHidden = name.hasPrefix(".")
                var info = stat()
                guard lstat(path, &info) == 0 else {
                    found.problems.append((path, .system(errno)))
                    continue
                }
                let isLink = info.st_mode & S_IFMT == S_IFLNK
                if isLink, !isHidden {
                    guard stat(path, &info) == 0 else {
                        if strict || wanted(name) { found.problems.append((path, .notAFile("a symbolic link to nothing"))) }
                        continue
                    }
                    // Only a link the walk would enter or read can take it out of the tree.
                    let followed = strict || wanted(name) || info.st_mode & S_IFMT == S_IFDIR
                    if followed, let tree, let target = tree.escape(path) {
                        found.escapes.append((path, target))
                        continue
                    }
                }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    guard !isHidden else { continue }
                    // A link to a folder already entered (a loop, or a second way in) adds nothing.
                    if let id = FileID(info), entered.insert(id).inserted { pending.append(below) }
                case S_IFREG:
                    if isHidden {
                        if wanted(name) { found.hidden.append(path) }
                    } else if wanted(name) {
                        found.files.append(below)
                    } else {
                        found.skipped.append(below)
                    }
                default:
                    guard !isHidden, strict || wanted(name) else { continue }
                    found.problems.append((path, FileReadError.kind(of: info.st_mode) ?? .notAFile("a special file")))
                }
            }
        }
        found.files = found.files.sorted().map { join(folder, $0) }
        found.skipped = found.skipped.sorted().map { join(folder, $0) }
        found.hidden.sort()
        found.problems.sort { $0.path < $1.path }
        found.escapes.sort { $0.path < $1.path }
        return found
    }

    private func join(_ folder: String, _ below: String) -> String {
        folder.hasSuffix("/") ? folder + below : folder + "/" + below
    }

    /// A folder's entries through `opendir`, which, unlike `FileManager.enumerator`, says
    /// when it cannot list one.
    static func listFolder(_ path: String) -> Result<[String], FileReadError> {
        guard let dir = opendir(path) else { return .failure(.system(errno)) }
        defer { closedir(dir) }
        var names: [String] = []
        errno = 0
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != ".", name != ".." { names.append(name) }
            errno = 0
        }
        if errno != 0 { return .failure(.system(errno)) }
        return .success(names)
    }

    /// A file's identity, the same whatever path or link reaches it.
    private struct FileID: Hashable {
        var device: UInt64
        var inode: UInt64

        init?(_ info: stat) {
            device = UInt64(truncatingIfNeeded: info.st_dev)
            inode = UInt64(truncatingIfNeeded: info.st_ino)
        }

        init?(path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            self.init(info)
        }
    }
}

extension Diagnostic {
    /// Files under a folder given on the command line that were not read: `skipped` have
    /// names the run does not read, `hidden` are hidden. One warning per folder, each file a
    /// note (at most `noteLimit`, then a count), so that nothing drops out unseen and a folder
    /// of a thousand `.json.gz` files is one warning, not a thousand.
    static func filesNotRead(in folder: String, skipped: [String] = [], hidden: [String] = [], rule: String) -> Diagnostic {
        let all = skipped.map { ($0, "") } + hidden.map { ($0, " (hidden)") }
        let noteLimit = 20
        var d = Diagnostic.warning(
            .W1701, "\(all.count) file\(all.count == 1 ? "" : "s") in \(folder) \(all.count == 1 ? "is" : "are") not read",
            at: nil, help: "\(rule), and hidden files and folders are not read; rename or move what belongs elsewhere")
        for (path, why) in all.prefix(noteLimit) { d = d.noting("not read: \(path)\(why)") }
        if all.count > noteLimit { d = d.noting("and \(all.count - noteLimit) more") }
        return d
    }
}
