import Dispatch
import Foundation

/// Loads inventories: files and folders of export bundles (JSON or YAML), parsed and decoded
/// in parallel, every problem reported at its place in its file. Workspaces come back in a
/// fixed order (files sorted by path, bundles in file order) whatever the parallelism.
public enum InventoryLoader {
    public static let fileExtensions = ["json", "yaml", "yml"]

    /// Everything loaded, and what went wrong.
    public struct Loaded: Sendable {
        public var workspaces: [WorkspaceModel] = []
        /// The files read, for rendering diagnostics and for their digests.
        public var files: [SourceFile] = []
        /// SHA-256 of each file (parallel to `files`), computed while parsing.
        public var digests: [String] = []
        public var diagnostics: [Diagnostic] = []
    }

    /// Loads files and folders (folders recursively, sorted). Files are read in parallel.
    public static func load(paths: [String], catalog: Catalog) -> Loaded {
        var diagnostics: [Diagnostic] = []
        var found: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                diagnostics.append(.unreadableInventory(path, "no such file or folder"))
                continue
            }
            guard isDir.boolValue else {
                found.append(path)
                continue
            }
            let inFolder = (fm.enumerator(atPath: path)?.allObjects as? [String] ?? [])
                .filter { fileExtensions.contains(($0 as NSString).pathExtension.lowercased()) }
                .sorted()
                .map { (path as NSString).appendingPathComponent($0) }
            if inFolder.isEmpty { diagnostics.append(.noInventory(path)) }
            found += inFolder
        }
        let read = ParallelSlots<SourceFile?>(count: found.count)
        let names = found
        DispatchQueue.concurrentPerform(iterations: names.count) { i in
            read.store(i, FileManager.default.contents(atPath: names[i]).map { SourceFile(path: names[i], bytes: Array($0)) })
        }
        var files: [SourceFile] = []
        for (path, file) in zip(found, read.take()) {
            if let file {
                files.append(file)
            } else {
                diagnostics.append(.unreadableInventory(path, "permission denied or not a regular file"))
            }
        }
        var loaded = load(files: files, catalog: catalog)
        loaded.diagnostics = diagnostics + loaded.diagnostics
        return loaded
    }

    /// Loads files already read (tests pass in-memory ones).
    public static func load(files: [SourceFile], catalog: Catalog) -> Loaded {
        // Parse every file in parallel.
        let trees = ParallelSlots<Result<DataTree, Diagnostic>>(count: files.count)
        let digests = ParallelSlots<String>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            trees.store(i, parse(files[i]))
            digests.store(i, SHA256.hex(files[i].bytes))
        }
        // Gather the bundles, then decode them in parallel: one big file of many workspaces
        // is as parallel as many small files.
        var jobs: [(file: Int, node: DataNode, path: String)] = []
        var diagnostics: [Diagnostic] = []
        for (i, result) in trees.take().enumerated() {
            switch result {
            case .failure(let d): diagnostics.append(d)
            case .success(let tree):
                var decoder = BundleDecoder(file: files[i], catalog: catalog)
                let bundles = decoder.bundles(tree.root)
                diagnostics += decoder.reader.diagnostics
                for (node, path) in bundles { jobs.append((i, node, path)) }
            }
        }
        let decoded = ParallelSlots<(WorkspaceModel?, [Diagnostic])>(count: jobs.count)
        let work = jobs
        DispatchQueue.concurrentPerform(iterations: work.count) { j in
            var decoder = BundleDecoder(file: files[work[j].file], catalog: catalog)
            let model = decoder.decode(work[j].node, work[j].path)
            decoded.store(j, (model, decoder.reader.diagnostics))
        }
        var loaded = Loaded(files: files, digests: digests.take())
        var firstSeen: [String: (file: SourceFile, offset: Int)] = [:]
        for (j, (model, diags)) in decoded.take().enumerated() {
            diagnostics += diags
            guard let model else { continue }
            let file = files[work[j].file]
            let offset = model.workspace.origin?.offset ?? 0
            if let first = firstSeen[model.workspace.id] {
                diagnostics.append(.duplicateWorkspace(model.workspace.id, at: file.range(offset, offset + 1),
                                                       first: first.file.range(first.offset, first.offset + 1)))
                continue
            }
            firstSeen[model.workspace.id] = (file, offset)
            loaded.workspaces.append(model)
        }
        loaded.diagnostics = diagnostics
        return loaded
    }

    /// Parses by extension: `.yaml`/`.yml` as YAML, everything else as JSON.
    static func parse(_ file: SourceFile) -> Result<DataTree, Diagnostic> {
        let ext = (file.path as NSString).pathExtension.lowercased()
        if ext == "yaml" || ext == "yml" {
            return YAMLReader.parse(file).mapError { $0.diagnostic(in: file) }
        }
        return JSONReader.parse(file).mapError { $0.diagnostic(in: file) }
    }
}

/// Result slots filled by parallel tasks, each task its own index.
final class ParallelSlots<T>: @unchecked Sendable {
    private var items: [T?]
    private let lock = NSLock()

    init(count: Int) { items = Array(repeating: nil, count: count) }

    /// Each index is written once; the lock keeps the array's storage safe across threads.
    func store(_ i: Int, _ value: T) {
        lock.lock()
        items[i] = value
        lock.unlock()
    }

    func take() -> [T] { items.map { $0! } }
}
