import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file or folder a run writes, as the user named it.
package struct OutputTarget: Sendable, Hashable {
    package enum Kind: Sendable, Hashable { case file, folder }

    /// The option that named it (`--json`): messages name what the user typed.
    package var option: String
    package var path: String
    var kind: Kind
    /// Give the new file the permissions and owner of the one it replaces (`fmt` rewriting a
    /// policy file), rather than a new file's (0666 less the umask).
    var keepsMode: Bool

    /// The path and its option, as messages name it: `reports/r.json (--json)`.
    var label: String {
        if path.isEmpty { return option }
        return option.isEmpty ? path : "\(path) (\(option))"
    }

    /// The file a folder of this target holds when residency wrote it: the folder may be
    /// replaced only then, and only by the same report (an HTML folder never replaces the
    /// JUnit files CI reads, nor the other way round).
    var folderMarker: String { option == "--html-dir" ? HTMLReport.folderMarker : JUnitReport.folderMarker }

    package init(_ option: String, _ path: String, kind: Kind = .file, keepsMode: Bool = false) {
        self.option = option
        self.path = path
        self.kind = kind
        self.keepsMode = keepsMode
    }
}

/// A file or folder a run reads, named by its option: no output may replace it.
package struct InputPath: Sendable, Hashable {
    package var option: String
    package var path: String

    package init(_ option: String, _ path: String) {
        self.option = option
        self.path = path
    }
}

/// Where outputs may go, checked before a run reads or writes anything: never a device, a
/// FIFO or a socket (a report replaces its file, which would replace `/dev/null`), never a
/// folder for a file, never one of the run's inputs, never one file for two outputs.
/// Symbolic links are followed, and the file they lead to is the one written.
package enum OutputPaths {
    /// Every problem with `outputs` against each other and against `inputs`, one diagnostic
    /// per output (its first problem).
    package static func check(_ outputs: [OutputTarget], inputs: [InputPath] = []) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var seen: [(target: OutputTarget, destination: OutputDestination)] = []
        let inputs = inputs.filter { !$0.path.isEmpty }.map { ($0, FileStatus.of($0.path)) }
        for target in outputs {
            let destination: OutputDestination
            do { destination = try resolve(target) } catch {
                problems.append(error)
                continue
            }
            if let clash = seen.first(where: { $0.destination.overlaps(destination) }) {
                problems.append(.outputNamedTwice(target, clash.target, nested: clash.destination.path != destination.path))
                continue
            }
            if let input = inputs.first(where: { destination.holds($0.1) }) {
                problems.append(.outputIsInput(target, input.0))
                continue
            }
            seen.append((target, destination))
        }
        return problems
    }

    /// Outputs that are among the files a run read (found in an input folder): checked once
    /// the inputs are read, before anything is written.
    package static func check(_ outputs: [OutputTarget], read files: [String]) -> [Diagnostic] {
        let destinations = outputs.compactMap { target in (try? resolve(target)).map { (target, $0) } }
        // Only what exists can be an input; most runs write new files or ones no input names.
        let existing = destinations.filter { $0.1.existing != nil }
        guard !existing.isEmpty else { return [] }
        var read: [FileID: String] = [:]
        for path in files { if let id = FileStatus.of(path).id { read[id] = path } }
        return existing.compactMap { target, destination in
            let inside = destination.identities()
            guard let hit = inside.first(where: { read[$0] != nil }), let path = read[hit] else { return nil }
            return .outputIsInput(target, InputPath("", path))
        }
    }

    /// Where `target` is written: its path with every symbolic link followed, and what is
    /// there now. Throws the reason it cannot be written there.
    static func resolve(_ target: OutputTarget) throws(Diagnostic) -> OutputDestination {
        if target.path.isEmpty { throw .emptyOutputPath(target) }
        if target.kind == .file, target.path.hasSuffix("/") {
            throw .outputPath(target, "a path that ends in / names a folder", help: "name a file")
        }
        var current = absolute(target.path)
        var link: String?
        for _ in 0..<40 {  // Linux's limit on links in one lookup
            var info = stat()
            guard lstat(current, &info) == 0 else {
                let error = errno
                guard error == ENOENT || error == ENOTDIR else {
                    throw .outputPath(target, String(cString: strerror(error)), help: nil)
                }
                return try newDestination(current, target, link: link)
            }
            guard FileStatus.kind(info.st_mode) == .symbolicLink else {
                let destination = try OutputDestination(
                    folder: canonical(parent(current), target), name: name(current), existing: info, link: link)
                try destination.check(target)
                return destination
            }
            let text = try readLink(current, target)
            link = link ?? display(text)
            current = normalised(text.hasPrefix("/") ? text : parent(current) + "/" + text)
        }
        throw .outputPath(target, "too many symbolic links (a loop)", help: nil)
    }

    /// A destination that does not exist yet: its nearest existing folder must be a folder.
    private static func newDestination(
        _ path: String, _ target: OutputTarget, link: String?
    ) throws(Diagnostic)
        -> OutputDestination
    {
        var missing: [String] = []
        var ancestor = parent(path)
        while true {
            var info = stat()
            if stat(ancestor, &info) == 0 {
                guard FileStatus.kind(info.st_mode) == .folder else {
                    throw .outputPath(target, "\(display(ancestor)) is not a folder", help: "name a path in a folder")
                }
                break
            }
            guard errno == ENOENT || errno == ENOTDIR, ancestor != "/" else {
                throw .outputPath(target, String(cString: strerror(errno)), help: nil)
            }
            missing.insert(name(ancestor), at: 0)
            ancestor = parent(ancestor)
        }
        let folder = normalised(([try canonical(ancestor, target)] + missing).joined(separator: "/"))
        return OutputDestination(folder: folder, name: name(path), existing: nil, link: link)
    }

    // MARK: Paths as strings, without asking Foundation to guess.

    static func absolute(_ path: String) -> String {
        normalised(path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path)
    }

    /// `.` and `..` taken out, and repeated or trailing slashes.
    static func normalised(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                _ = parts.popLast()
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    static func name(_ path: String) -> String {
        path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    }

    /// A path as messages show it: relative to the working folder when it is inside it.
    static func display(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
    }

    private static func canonical(_ folder: String, _ target: OutputTarget) throws(Diagnostic) -> String {
        guard let resolved = realpath(folder, nil) else {
            throw .outputPath(target, "\(display(folder)): \(String(cString: strerror(errno)))", help: nil)
        }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func readLink(_ path: String, _ target: OutputTarget) throws(Diagnostic) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n >= 0 else { throw .outputPath(target, String(cString: strerror(errno)), help: nil) }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// A file's identity: two names for one file have the same.
struct FileID: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}

/// What `stat` says about a path (links followed), for comparing outputs with inputs.
struct FileStatus {
    enum Kind { case file, folder, symbolicLink, characterDevice, blockDevice, fifo, socket, other }

    var id: FileID?
    /// The path with every link followed, when it exists.
    var resolved: String?

    static func of(_ path: String) -> FileStatus {
        var info = stat()
        guard stat(path, &info) == 0 else { return FileStatus() }
        let resolved = realpath(path, nil)
        defer { free(resolved) }
        return FileStatus(id: FileID(info), resolved: resolved.map { String(cString: $0) })
    }

    static func kind(_ mode: mode_t) -> Kind {
        switch mode & 0o170000 {
        case 0o100000: .file
        case 0o040000: .folder
        case 0o120000: .symbolicLink
        case 0o020000: .characterDevice
        case 0o060000: .blockDevice
        case 0o010000: .fifo
        case 0o140000: .socket
        default: .other
        }
    }

    /// The kind in words, after "it is".
    static func words(_ kind: Kind) -> String {
        switch kind {
        case .file: "a file"
        case .folder: "a folder"
        case .symbolicLink: "a symbolic link"
        case .characterDevice: "a character device"
        case .blockDevice: "a block device"
        case .fifo: "a FIFO (named pipe)"
        case .socket: "a socket"
        case .other: "not a file"
        }
    }
}

/// Where an output goes: the folder and name it is renamed to, every link followed.
struct OutputDestination {
    /// Absolute, without links.
    var folder: String
    var name: String
    /// What is there now; nil for a new file.
    var existing: stat?
    /// The first link's target as written, when the path the user gave is a link.
    var link: String?

    var path: String { folder == "/" ? "/" + name : folder + "/" + name }
    var id: FileID? { existing.map(FileID.init) }
    var kind: FileStatus.Kind? { existing.map { FileStatus.kind($0.st_mode) } }

    /// Refuses what is there when it is not what `target` replaces.
    func check(_ target: OutputTarget) throws(Diagnostic) {
        guard let kind else { return }
        switch (kind, target.kind) {
        case (.file, .file): return
        case (.folder, .folder):
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            // A folder this report wrote is residency's own to replace; anything else is not.
            if !entries.isEmpty, !entries.contains(target.folderMarker) { throw .outputFolderNotOurs(target) }
        case (.characterDevice, _), (.blockDevice, _), (.fifo, _), (.socket, _), (.other, _):
            throw .outputIsSpecial(target, kind: FileStatus.words(kind), link: link)
        case (.folder, .file):
            throw .outputPath(
                target, "it is a folder, not a file", help: "name a file in it, such as \(target.path)/report")
        case (_, .folder):
            throw .outputPath(
                target, "it is \(FileStatus.words(kind)), not a folder",
                help: "\(target.option) writes a folder with a file per workspace; name a new or empty folder")
        case (.symbolicLink, .file): throw .outputPath(target, "a symbolic link that leads nowhere", help: nil)
        }
    }

    /// Whether this and `other` are one file, or one is inside the other (a folder output).
    func overlaps(_ other: OutputDestination) -> Bool {
        if path == other.path { return true }
        if let a = id, let b = other.id, a == b { return true }
        return path.hasPrefix(other.path + "/") || other.path.hasPrefix(path + "/")
    }

    /// Whether the input `status` is this file, or inside this folder.
    func holds(_ status: FileStatus) -> Bool {
        if let a = id, let b = status.id, a == b { return true }
        guard let resolved = status.resolved else { return false }
        return resolved == path || (kind == .folder && resolved.hasPrefix(path + "/"))
    }

    /// This file's identity, or every file's in this folder (what replacing it would delete).
    func identities() -> [FileID] {
        guard let id else { return [] }
        guard kind == .folder else { return [id] }
        var ids = [id]
        let entries = FileManager.default.enumerator(atPath: path)
        while let entry = entries?.nextObject() as? String {
            if let found = FileStatus.of(path + "/" + entry).id { ids.append(found) }
        }
        return ids
    }
}
