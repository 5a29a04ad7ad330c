import Dispatch
import Foundation

/// Loads inventories: files and folders of export bundles (JSON or YAML) and Terraform plans
/// (`terraform show -json`), parsed and decoded in parallel, every problem reported at its
/// place in its file. Workspaces come back in a fixed order (files sorted by path, bundles in
/// file order) whatever the parallelism.
enum InventoryLoader {
    static let fileExtensions = ["json", "yaml", "yml"]

    /// Everything loaded, and what went wrong.
    struct Loaded: Sendable {
        var workspaces: [WorkspaceModel] = []
        /// The files read, for rendering diagnostics and for their digests.
        package var files: [SourceFile] = []
        /// SHA-256 of each file (parallel to `files`), computed while parsing.
        var digests: [String] = []
        package var diagnostics: [Diagnostic] = []
        /// Files in the folders given that were not read (another extension, or hidden):
        /// warned about, and listed in the result document.
        var notRead: [String] = []
    }

    /// How the files of an inventory folder are named.
    static let namingRule = "inventories are *.json, *.yaml and *.yml files"

    /// Loads files and folders (folders recursively, sorted). Files are read in parallel;
    /// `progress` counts the files parsed and decoded. In a folder every entry is meant to be
    /// an inventory: one that cannot be read (a FIFO, a device, a sub-folder that cannot be
    /// listed) is an error, and files with other names are listed in a warning. `tree`, when
    /// given (a test's fixtures), is the tree symbolic links must stay in.
    package static func load(
        paths: [String], catalog: Catalog, tree: InputTree? = nil, progress: ProgressCounter? = nil
    ) -> Loaded {
        load(paths: paths, catalog: catalog, tree: tree, progress: progress, list: FolderWalk.listFolder)
    }

    /// `load(paths:…)` with the folder lister given (tests make folders unreadable this way).
    static func load(
        paths: [String], catalog: Catalog, tree: InputTree?, progress: ProgressCounter?, list: @escaping FolderWalk.Lister
    ) -> Loaded {
        let listing = self.list(paths: paths, tree: tree, list: list)
        let (files, unreadable) = read(listing.found)
        var loaded = load(files: files, catalog: catalog, progress: progress)
        loaded.diagnostics = listing.diagnostics + unreadable + loaded.diagnostics
        loaded.notRead = listing.notRead
        return loaded
    }

    /// The inventory files that `paths` name, folders walked (recursively, sorted), and what
    /// is wrong with them: the first half of `load`, which a run in batches does once.
    struct Listing: Sendable {
        var found: [String] = []
        var diagnostics: [Diagnostic] = []
        var notRead: [String] = []
    }

    static func list(paths: [String], tree: InputTree? = nil, list: @escaping FolderWalk.Lister = FolderWalk.listFolder)
        -> Listing
    {
        var out = Listing()
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                out.diagnostics.append(.unreadableInventory(path, "\(FileReadError.noSuchFile)"))
                continue
            }
            guard isDir.boolValue else {
                out.found.append(path)
                continue
            }
            let walk = FolderWalk(wanted: isInventoryName, strict: true, tree: tree, list: list).walk(path)
            out.diagnostics += walk.problems.map { .unreadableInventory($0.path, "\($0.error)") }
            if let tree { out.diagnostics += walk.escapes.map { .outsideTree($0.path, .link($0.target), tree: tree, at: nil) } }
            if !walk.skipped.isEmpty || !walk.hidden.isEmpty {
                out.diagnostics.append(.filesNotRead(in: path, skipped: walk.skipped, hidden: walk.hidden, rule: namingRule))
                out.notRead += walk.skipped + walk.hidden
            }
            if walk.files.isEmpty, walk.problems.isEmpty, walk.escapes.isEmpty { out.diagnostics.append(.noInventory(path)) }
            out.found += walk.files
        }
        return out
    }

    /// Reads files in parallel: those read, in order, and an error for each that could not be.
    static func read(_ names: [String]) -> (files: [SourceFile], diagnostics: [Diagnostic]) {
        let read = ParallelSlots<Result<SourceFile, FileReadError>>(count: names.count)
        DispatchQueue.concurrentPerform(iterations: names.count) { i in
            read.store(i, readFileBytes(atPath: names[i], limit: .inventory).map { SourceFile(path: names[i], bytes: $0) })
        }
        var files: [SourceFile] = []
        var diagnostics: [Diagnostic] = []
        for (path, result) in zip(names, read.take()) {
            switch result {
            case .success(let file): files.append(file)
            case .failure(let error): diagnostics.append(.unreadableInventory(path, "\(error)"))
            }
        }
        return (files, diagnostics)
    }

    /// Whether a file name is an inventory's: by extension, in any case.
    static func isInventoryName(_ name: String) -> Bool {
        fileExtensions.contains((name as NSString).pathExtension.lowercased())
    }

    /// Loads files already read (tests pass in-memory ones).
    ///
    /// Each file is parsed, digested and (when it holds one workspace, the usual export)
    /// decoded in one task, while its tree is still in cache, and the tree is freed when the
    /// task ends rather than all trees living until every file is decoded. Files holding
    /// many workspaces are decoded bundle by bundle in a second parallel pass, so one big
    /// file is as parallel as many small ones.
    package static func load(files: [SourceFile], catalog: Catalog, progress: ProgressCounter? = nil) -> Loaded {
        let perFile = ParallelSlots<FileLoad>(count: files.count)
        // One set of catalog sentences for every file (they repeat across workspaces).
        let answers = EndpointRules.CatalogAnswers()
        progress?.begin("inventory files", total: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            perFile.store(i, FileLoad(files[i], catalog: catalog, answers: answers))
            progress?.step()
        }
        let loads = perFile.take()
        // The bundles of many-workspace files, decoded in parallel.
        let work = loads.indices.flatMap { i in loads[i].pending.map { (file: i, job: $0) } }
        let decoded = ParallelSlots<Decoded>(count: work.count)
        DispatchQueue.concurrentPerform(iterations: work.count) { j in
            decoded.store(j, decode(work[j].job, files[work[j].file], catalog, answers))
        }
        var later = decoded.take()[...]

        var loaded = Loaded(files: files, digests: loads.map(\.digest))
        var diagnostics: [Diagnostic] = []
        var firstSeen: [String: (file: SourceFile, offset: Int)] = [:]
        var slugSeen: [String: (file: SourceFile, offset: Int)] = [:]
        for (i, load) in loads.enumerated() {
            diagnostics += load.diagnostics
            let results = load.pending.isEmpty ? load.decoded : Array(later.prefix(load.pending.count))
            later = later.dropFirst(load.pending.count)
            for (model, diags) in results {
                diagnostics += diags
                guard let model else { continue }
                let offset = model.workspace.origin?.offset ?? 0
                if let first = firstSeen[model.workspace.id] {
                    diagnostics.append(
                        .duplicateWorkspace(
                            model.workspace.id, at: files[i].range(offset, offset + 1),
                            first: first.file.range(first.offset, first.offset + 1)))
                    continue
                }
                if let first = slugSeen[model.workspace.slug] {
                    diagnostics.append(
                        .duplicateWorkspace(
                            model.workspace.id, slug: model.workspace.slug, at: files[i].range(offset, offset + 1),
                            first: first.file.range(first.offset, first.offset + 1)))
                    continue
                }
                firstSeen[model.workspace.id] = (files[i], offset)
                slugSeen[model.workspace.slug] = (files[i], offset)
                loaded.workspaces.append(model)
            }
        }
        loaded.diagnostics = diagnostics
        return loaded
    }

    /// A bundle to decode: its node and its path in the file (`workspaces[3]`, or empty).
    typealias Job = (node: DataNode, path: String)
    /// A decoded bundle, or nil when it has no usable workspace, and what went wrong.
    typealias Decoded = (model: WorkspaceModel?, diagnostics: [Diagnostic])

    private static func decode(
        _ job: Job, _ file: SourceFile, _ catalog: Catalog, _ answers: EndpointRules.CatalogAnswers
    ) -> Decoded {
        var decoder = BundleDecoder(file: file, catalog: catalog, catalogAnswers: answers)
        let model = decoder.decode(job.node, job.path)
        return (model, decoder.reader.diagnostics)
    }

    /// What one file's task produces.
    private struct FileLoad: Sendable {
        var digest: String
        /// Problems with the file as a whole (invalid JSON, not a bundle).
        var diagnostics: [Diagnostic] = []
        /// Its bundle, already decoded, when it has at most one.
        var decoded: [Decoded] = []
        /// Its bundles, when it has several: decoded in the second pass.
        var pending: [Job] = []

        init(_ file: SourceFile, catalog: Catalog, answers: EndpointRules.CatalogAnswers) {
            digest = SHA256.hex(file.bytes)
            switch InventoryLoader.parse(file) {
            case .failure(let d): diagnostics = [d]
            case .success(let tree) where TerraformPlanDecoder.isPlan(tree.root):
                // `terraform show -json` output: one plan is one workspace (docs/terraform.md).
                var plan = TerraformPlanDecoder(file: file, catalog: catalog)
                let model = plan.decode(tree.root)
                decoded = [(model, plan.base.reader.diagnostics)]
            case .success(let tree):
                var decoder = BundleDecoder(file: file, catalog: catalog)
                // `bundles` names each by its real index in `workspaces`.
                let jobs: [Job] = decoder.bundles(tree.root)
                diagnostics = decoder.reader.diagnostics
                if jobs.count > 1 {
                    pending = jobs
                } else {
                    decoded = jobs.map { InventoryLoader.decode($0, file, catalog, answers) }
                }
            }
        }
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
