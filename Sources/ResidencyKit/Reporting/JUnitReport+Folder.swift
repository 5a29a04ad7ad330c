/// JUnit as a folder with one file per workspace (`check --junit-dir`), for nightly runs whose
/// single file would pass consumers' limits. The folder is replaced as a whole, through
/// `OutputBatch`: a reader sees the previous run's files or this run's, never a mix, and a
/// workspace that left the inventory leaves no stale file behind.
extension JUnitReport {
    /// Marks a folder residency wrote, so that replacing it never deletes someone else's files
    /// (a folder without it, and not empty, is refused: E1606).
    static let folderMarker = ".residency-junit"

    /// Writes `<slug>.xml` for every workspace of the document into `path`, which must not
    /// exist, be empty, or be a folder residency wrote before.
    func writeFolder(_ doc: ResultDocument, to path: String) throws(Diagnostic) {
        let batch = try OutputBatch([OutputTarget("--junit-dir", path, kind: .folder)])
        defer { batch.discard() }
        try batch.writeFolder(path) { folder throws(Diagnostic) in try fill(folder, from: doc) }
        try batch.commit()
    }

    /// Writes the marker and a file per workspace into a folder being staged.
    func fill(_ folder: OutputBatch.Folder, from doc: ResultDocument, progress: ProgressCounter? = nil) throws(Diagnostic) {
        // A workspace's file lists its passes: the document's counts are the whole run's.
        doc.requirePasses()
        try folder.write(
            Self.folderMarker, Array("written by residency \(ResidencyVersion.current); replaced as a whole by each run\n".utf8))
        var names = Set<String>()
        // The run's notices that fail the gate, or say part of the input was not audited,
        // belong to no workspace: a file of their own, so that the folder's dashboard goes red
        // when the gate does. Its name is taken first; a workspace whose slug cleans to it keeps
        // apart by its id.
        let runNotices = doc.runSuiteNotices
        if !runNotices.isEmpty { names.insert(Self.runFileName) }
        // Grouped once: filtering every result for every workspace would be quadratic.
        var byWorkspace: [String: [Int]] = [:]
        for i in doc.results.indices { byWorkspace[doc.results[i].workspace, default: []].append(i) }
        let props = properties(doc)
        let results = byWorkspace
        // Rendered in parallel and written in input order as each is ready, so that a night's
        // 190 MB of files is never in memory at once.
        try OrderedPipeline.pages(
            count: doc.workspaces.count,
            render: { k in Result { [try renderBytes(doc, results: results[doc.workspaces[k].slug] ?? [], properties: props)] } },
            write: { (k, page) throws(Diagnostic) in
                let w = doc.workspaces[k]
                // Two slugs that clean to one name keep apart by their ids.
                var name = Self.fileName(w.slug)
                if names.contains(name) { name += "-" + Self.fileName(w.id) }
                names.insert(name)
                switch page {
                case .success(let bytes): try folder.write(name + ".xml", bytes)
                case .failure(let error): throw folder.batch.failure(folder.batch.entries[folder.index].target, "\(error)")
                }
                progress?.step()
            })
        if !runNotices.isEmpty {
            let bytes: [UInt8]
            // Only the run's suite: the policies' suites are in the workspaces' files.
            do { bytes = try renderBytes(doc, results: [], properties: props, notices: runNotices, policySuites: false) } catch {
                throw folder.batch.failure(folder.batch.entries[folder.index].target, "\(error)")
            }
            try folder.write(Self.runFileName + ".xml", bytes)
        }
    }

    /// The file of the run's notices (`runSuiteNotices`), in a folder (`--junit-dir`).
    static let runFileName = "residency-run"

    /// A workspace slug as a file name: letters, digits, `-`, `_` and `.` kept, anything else
    /// (a `/`, a leading `.`) replaced by `-`.
    static func fileName(_ slug: String) -> String {
        var out = ""
        for scalar in slug.unicodeScalars {
            let safe =
                scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_.".unicodeScalars.contains(scalar))
            out.unicodeScalars.append(safe && !(out.isEmpty && scalar == ".") ? scalar : "-")
        }
        return out.isEmpty ? "workspace" : out
    }
}
