#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A baseline's workspace records, where a run reads them: first all of them, a few at a
/// time, for the failing and undecided results' fingerprints and the regions; at the end again
/// for the results the run lists as resolved (usually few), whose policy, resource and name
/// only their records hold. The file stays open from the first read to the last: replaced by
/// a rename while the run reads it (another night's job moving its document into place), the
/// run still reads the one it opened; rewritten in place (`cp` over it), the records are no
/// longer where they were, which is E1001 (`Baseline.changedWhileRead`), never a short list.
///
/// Memory: the records' places and, per failing result, its fingerprint and record number,
/// never the file: it grows with last night's failing results (763,458 at 10,000 workspaces),
/// not with its 294 MB.
final class BaselineRecords: @unchecked Sendable {
    // Immutable after `init` and `read` (which runs before the baseline is shared).
    let path: String
    let layout: RecordLayout
    /// The file's SHA-256 in lower-case hex, found in the same pass as its layout.
    let sha256: String
    private let source: Source
    /// What reading a record needs (the document's policies), once read.
    private var found: ResultDocument.FailingRead?

    private enum Source {
        /// The file, open.
        case file(Int32)
        /// The file read whole.
        case memory(SourceFile)
    }

    /// The document at `path`, when it is laid out in records (else nil: the caller reads it
    /// whole, which says what is wrong with it, or reads any other layout).
    init?(path: String) {
        guard case .success(let (descriptor, _)) = openRegularFile(atPath: path, limit: .resultDocument) else {
            return nil
        }
        guard let (layout, sha256) = RecordLayout.scan(descriptor) else {
            close(descriptor)
            return nil
        }
        self.path = path
        self.layout = layout
        self.sha256 = sha256
        self.source = .file(descriptor)
    }

    /// A document already read whole (and read as records from those bytes).
    init?(_ file: SourceFile, sha256: String, read: ResultDocument.FailingRead) {
        guard let layout = RecordLayout.of(file.bytes) else { return nil }
        self.path = file.path
        self.layout = layout
        self.sha256 = sha256
        self.source = .memory(file)
        self.found = read
    }

    deinit { if case .file(let descriptor) = source { close(descriptor) } }

    /// The records' failing results and the regions, every value checked as `report` checks
    /// it; nil when anything is wrong (the caller reads the file whole to say what).
    func read() -> ResultDocument.FailingRead? {
        found = ResultDocument.readFailing(layout, path: path, bytes: span)
        return found
    }

    /// The slug of the workspace whose record is number `record`.
    func slug(_ record: UInt32) -> String { found?.slugs[Int(record)] ?? "" }

    /// The entries of `wanted` (fingerprint → record number), read again from their records;
    /// nil when one is no longer there.
    func entries(_ wanted: [String: UInt32]) -> [Baseline.Entry]? {
        guard let found else { return nil }
        var byRecord: [UInt32: Set<String>] = [:]
        for (fingerprint, record) in wanted { byRecord[record, default: []].insert(fingerprint) }
        var entries: [Baseline.Entry] = []
        for (record, fingerprints) in byRecord.sorted(by: { $0.key < $1.key }) {
            let place = layout.records[Int(record)]
            guard let bytes = span(place),
                case .success(let tree) = JSONReader.parse(
                    bytes.file.bytes, range: (place.lowerBound - bytes.base)..<(place.upperBound - bytes.base),
                    valuesEvery: 4)
            else { return nil }
            var reader = ResultDocumentReader(file: bytes.file)
            var sink = EntrySink(wanted: fingerprints)
            _ = ResultDocument.readRecord(tree.root, "workspaces[\(record)]", policies: found.policies, &reader, into: &sink)
            guard !reader.failed, sink.found.count == fingerprints.count else { return nil }
            entries += sink.found.values
        }
        return entries
    }

    /// The bytes of a span of records: the file's own when it was read whole, else read for it.
    private func span(_ range: Range<Int>) -> (file: SourceFile, base: Int)? {
        switch source {
        case .memory(let file):
            return (file, 0)
        case .file(let descriptor):
            var bytes = [UInt8](repeating: 0, count: range.count)
            var done = 0
            while done < range.count {
                let n = bytes.withUnsafeMutableBytes {
                    pread(descriptor, $0.baseAddress! + done, range.count - done, off_t(range.lowerBound + done))
                }
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { return nil }
                done += n
            }
            return (SourceFile(path: path, bytes: bytes), range.lowerBound)
        }
    }
}
