import Foundation

/// JUnit as a folder with one file per workspace (`check --junit-dir`), for nightly runs whose
/// single file would pass consumers' limits. The folder is replaced as a whole: a reader sees
/// the previous run's files or this run's, never a mix, and a workspace that left the
/// inventory leaves no stale file behind.
extension JUnitReport {
    /// Marks a folder residency wrote, so that replacing it never deletes someone else's files.
    public static let folderMarker = ".residency-junit"

    /// Writes `<slug>.xml` for every workspace of the document into `path`, which must not
    /// exist, be empty, or be a folder this function wrote before.
    public func writeFolder(_ doc: ResultDocument, to path: String) throws(AtomicFile.Failure) {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: path)
        var isDir: ObjCBool = false
        let exists = fm.fileExists(atPath: path, isDirectory: &isDir)
        if exists {
            let entries = (try? fm.contentsOfDirectory(atPath: path)) ?? []
            guard isDir.boolValue, entries.isEmpty || entries.contains(Self.folderMarker) else {
                throw AtomicFile.Failure(
                    path: path,
                    reason: "it exists and is not a folder residency wrote (no \(Self.folderMarker)); give a new or empty folder")
            }
        }
        let parent = target.deletingLastPathComponent()
        let suffix = "\(ProcessInfo.processInfo.processIdentifier)"
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).\(suffix).tmp")
        let old = parent.appendingPathComponent(".\(target.lastPathComponent).\(suffix).old")
        do {
            try? fm.removeItem(at: staging)
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            try Data("written by residency \(ResidencyVersion.current); replaced as a whole by each run\n".utf8).write(
                to: staging.appendingPathComponent(Self.folderMarker))
            var names = Set<String>()
            // Grouped once: filtering every result for every workspace would be quadratic.
            var byWorkspace: [String: [Finding]] = [:]
            for r in doc.results { byWorkspace[r.workspace, default: []].append(r) }
            let props = properties(doc)
            for w in doc.workspaces {
                // Two slugs that clean to one name keep apart by their ids.
                var name = Self.fileName(w.slug)
                if names.contains(name) { name += "-" + Self.fileName(w.id) }
                names.insert(name)
                let xml: String
                do { xml = try render(doc, results: byWorkspace[w.slug] ?? [], properties: props) } catch {
                    throw AtomicFile.Failure(path: path, reason: "\(error)")
                }
                try Data(xml.utf8).write(to: staging.appendingPathComponent(name + ".xml"))
            }
        } catch let failure as AtomicFile.Failure {
            try? fm.removeItem(at: staging)
            throw failure
        } catch {
            try? fm.removeItem(at: staging)
            throw AtomicFile.Failure(path: path, reason: error.localizedDescription)
        }
        // Swap: the old folder moves aside, the new one takes its name, the old one goes.
        if exists, rename(path, old.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? fm.removeItem(at: staging)
            throw AtomicFile.Failure(path: path, reason: reason)
        }
        if rename(staging.path, path) != 0 {
            let reason = String(cString: strerror(errno))
            if exists { _ = rename(old.path, path) }
            try? fm.removeItem(at: staging)
            throw AtomicFile.Failure(path: path, reason: reason)
        }
        if exists { try? fm.removeItem(at: old) }
    }

    /// A workspace slug as a file name: letters, digits, `-`, `_` and `.` kept, anything else
    /// (a `/`, a leading `.`) replaced by `-`.
    public static func fileName(_ slug: String) -> String {
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
