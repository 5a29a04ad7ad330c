import ResidencyKit

/// What every harness checks, written once: the input as a file, and that whatever the reader
/// returns lies inside that input.
public enum FuzzChecks {
    /// libFuzzer's bytes as an input file named `path`; nil for libFuzzer's empty pointer.
    public static func file(_ data: UnsafePointer<UInt8>?, _ size: Int, path: String) -> SourceFile? {
        guard let data else { return nil }
        return SourceFile(path: path, bytes: Array(UnsafeBufferPointer(start: data, count: size)))
    }

    /// A parse gives a tree inside the input, or an error whose diagnostic points inside it.
    public static func tree<E: Error>(_ result: Result<DataTree, E>, size: Int, diagnostic: (E) -> Diagnostic) {
        switch result {
        case .success(let tree):
            precondition(tree.root.start >= 0 && tree.root.end <= size, "the root lies outside the input")
        case .failure(let error):
            inside([diagnostic(error)], file: nil, size: size)
        }
    }

    /// Every diagnostic about `file` (any, when nil) points inside the input.
    public static func inside(_ diagnostics: [Diagnostic], file: String?, size: Int) {
        for d in diagnostics {
            guard let r = d.range, file == nil || r.file == file else { continue }
            precondition(r.start.offset <= size && r.end.offset <= size, "a diagnostic outside the input")
        }
    }
}
