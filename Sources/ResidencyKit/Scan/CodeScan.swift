import Dispatch
import Synchronization

/// `residency scan`: every Segment SDK set up in application code, with the settings that
/// decide where its events go (docs/scan.md). Files are read in parallel; only files that
/// mention Segment or analytics are tokenised for SDK patterns, and names a pattern could not
/// resolve in their own file are then looked up in the other files of the same language.
public enum CodeScan {
    public struct Options: Sendable {
        public var paths: [String]
        /// `--env FILE`: the environment the app runs with, which resolves `env NAME` values
        /// (a `.env` at the top of a scanned folder is read too; this one wins).
        public var environmentFile: String?
        /// `--exclude PATTERN`: paths left out, in .gitignore's syntax relative to each scanned
        /// folder (`**/__tests__/`, `e2e/`, `*.test.ts`): code that does not ship.
        public var exclude: [String]

        public init(paths: [String], environmentFile: String? = nil, exclude: [String] = []) {
            self.paths = paths
            self.environmentFile = environmentFile
            self.exclude = exclude
        }
    }

    public struct Outcome: Sendable {
        /// Every SDK use found, by file and position.
        public var uses: [SDKUse] = []
        public var filesRead = 0
        /// Files passed by, and why.
        public var binaryFiles = 0
        public var largeFiles = 0
        public var unreadableFiles = 0
        public var ignoredFiles = 0
        public var foldersSkipped = 0
        /// The environment files read, in the order they were applied.
        public var environmentFiles: [String] = []
        public var diagnostics: [Diagnostic] = []
        /// The files diagnostics point into, for rendering them with their lines.
        public var sources: [SourceFile] = []
        /// The files SDK setups were found in, with their digests (a result document's
        /// `inputs.code`), by path.
        public var codeFiles: [ResultDocument.Input] = []
        /// Every file the scan looked at (code and environment files): an output must not be one.
        public var walked: [String] = []
        public var hasErrors: Bool { diagnostics.hasErrors }

        /// A file or folder under a scanned folder that could not be read: counted and named.
        mutating func unreadable(_ path: String, _ reason: String) {
            unreadableFiles += 1
            diagnostics.append(.warning(.W1802, "cannot read \(path): \(reason); it was not scanned", at: nil))
        }
    }

    public static func run(_ options: Options) -> Outcome {
        var outcome = Outcome()
        let tree = CodeTree.walk(options.paths, exclude: options.exclude)
        outcome.walked = tree.files + tree.projectFiles + tree.environmentFiles + (options.environmentFile.map { [$0] } ?? [])
        outcome.foldersSkipped = tree.foldersSkipped
        outcome.ignoredFiles = tree.filesIgnored
        for (path, reason) in tree.problems {
            if options.paths.contains(path) {
                outcome.diagnostics.append(.error(.E1801, "cannot scan \(path): \(reason)", at: nil))
            } else {
                outcome.unreadable(path, reason)
            }
        }
        // Each `.env` applies to the code below its folder, a deeper one over a shallower one,
        // and `--env` over both.
        var environments: [(folder: String, explicit: Bool, values: [String: String])] = []
        for file in tree.environmentFiles + (options.environmentFile.map { [$0] } ?? []) {
            switch DotEnv.read(file) {
            case .success(let values):
                let explicit = file == options.environmentFile
                environments.append((explicit ? "" : String(file.dropLast(".env".count)), explicit, values))
                outcome.environmentFiles.append(file)
            case .failure(let diagnostic):
                outcome.diagnostics.append(diagnostic.diagnostic)
                if let source = diagnostic.source { outcome.sources.append(source) }
            }
        }
        func environment(for path: String) -> [String: String]? {
            let applying = environments.enumerated().filter { $0.element.explicit || path.hasPrefix($0.element.folder) }
                .sorted { a, b in
                    // `--env` last; otherwise shallower first, then in the order read.
                    let (ea, eb) = (a.element, b.element)
                    if ea.explicit != eb.explicit { return eb.explicit }
                    return ea.folder.count != eb.folder.count ? ea.folder.count < eb.folder.count : a.offset < b.offset
                }
            guard !applying.isEmpty else { return nil }
            return applying.reduce(into: [String: String]()) { merged, e in merged.merge(e.element.values) { _, new in new } }
        }
        guard !outcome.hasErrors else { return outcome }
        let read = readAll(tree.files)
        var files: [CodeFile] = []
        for r in read {
            switch r {
            case .file(let f): files.append(f)
            case .binary: outcome.binaryFiles += 1
            case .large: outcome.largeFiles += 1
            case .unreadable(let path, let reason): outcome.unreadable(path, reason)
            case .notTokenised(let source, let failure):
                outcome.sources.append(source)
                outcome.diagnostics.append(
                    .warning(
                        .W1801, "cannot read \(source.path) as code: \(failure.message); an SDK set up in it is not seen",
                        at: source.range(failure.offset, failure.offset + 1)))
            case .skipped: break
            }
        }
        outcome.filesRead = read.count - outcome.binaryFiles - outcome.largeFiles - outcome.unreadableFiles
        var projectFiles: [[UInt8]] = []
        for path in tree.projectFiles {
            switch readFileBytes(atPath: path, limit: .code) {
            case .success(let bytes): projectFiles.append(bytes)
            case .failure(let error): outcome.unreadable(path, "\(error)")
            }
        }
        let project = ProjectImports(files: files, projectFiles: projectFiles)
        outcome.uses = detect(files, elsewhere: ModuleIndex(paths: tree.files), project: project).map { use in
            var use = use
            let environment = environment(for: use.location.file)
            use.writeKey = use.writeKey?.resolving(environment)
            for i in use.settings.indices { use.settings[i].value = use.settings[i].value.resolving(environment) }
            return use
        }
        let setupFiles = Set(outcome.uses.map(\.location.file))
        outcome.codeFiles = files.filter { setupFiles.contains($0.path) }.map {
            .init(path: $0.path, sha256: SHA256.hex($0.source.bytes))
        }
        .sorted { $0.path < $1.path }
        return outcome
    }

    /// A file as read: tokenised when it may set up an SDK, else only counted.
    enum Read: Sendable {
        case file(CodeFile)
        case skipped
        case binary
        case large
        case unreadable(String, String)
        case notTokenised(SourceFile, CodeTokenizer.Failure)
    }

    /// Reads and tokenises the files on every core; a file that names neither Segment nor
    /// analytics sets up no SDK and is not tokenised (most of a monorepo).
    static func readAll(_ paths: [String]) -> [Read] {
        let slots = ParallelSlots<Read>(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            slots.store(i, read(paths[i], onlyIfMentioned: true))
        }
        return slots.take()
    }

    static func read(_ path: String, onlyIfMentioned: Bool) -> Read {
        switch readFileBytes(atPath: path, limit: .code) {
        case .success(let bytes): return code(path, bytes, onlyIfMentioned: onlyIfMentioned)
        case .failure(.tooLarge): return .large
        case .failure(let error): return .unreadable(path, "\(error)")
        }
    }

    /// A file's bytes as code: binary, passed by, tokenised, or named as not tokenisable.
    static func code(_ path: String, _ bytes: [UInt8], onlyIfMentioned: Bool) -> Read {
        if bytes.prefix(8000).contains(0) { return .binary }
        if onlyIfMentioned, !mentionsSegment(bytes) { return .skipped }
        guard let language = CodeLanguage.of(path: path) else { return .skipped }
        let source = SourceFile(path: path, bytes: bytes)
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch CodeTokenizer.tokens(
            bytes, language, markup: CodeLanguage.markupExtensions.contains(ext), jsx: CodeLanguage.jsxExtensions.contains(ext))
        {
        case .success(let tokens): return .file(CodeFile(source: source, language: language, tokens: tokens))
        case .failure(let failure): return .notTokenised(source, failure)
        }
    }

    /// Whether the bytes contain `segment` or `analytics`, in any case.
    static func mentionsSegment(_ bytes: [UInt8]) -> Bool {
        let words: [[UInt8]] = [Array("segment".utf8), Array("analytics".utf8)]
        return bytes.withUnsafeBufferPointer { b in
            guard b.count >= 7 else { return false }
            for i in 0..<(b.count - 6) where b[i] | 0x20 == 0x73 || b[i] | 0x20 == 0x61 {
                for word in words where i + word.count <= b.count {
                    var k = 0
                    while k < word.count, b[i + k] | 0x20 == word[k] { k += 1 }
                    if k == word.count { return true }
                }
            }
            return false
        }
    }

    private static func detect(_ files: [CodeFile], elsewhere index: ModuleIndex, project: ProjectImports) -> [SDKUse] {
        let slots = ParallelSlots<[SDKUse]>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            let file = files[i]
            let evaluator = CodeEvaluator(file, elsewhere: { name in index.definitions(of: name, for: file) })
            slots.store(i, SDKPatterns(file: file, evaluator: evaluator, project: project).uses())
        }
        let uses = slots.take().flatMap { $0 }
        // A Segment URL in a constant that an SDK setting was read from (in this file or another:
        // `export const PROXY = "https://api.segment.io/v1"`) is that setting's, not a request
        // written by hand.
        let read = Set(uses.flatMap { use in use.settings.flatMap { CodeEvaluator.places(of: $0.value.via) } })
        return uses.filter { use in
            use.library != "http-api" || !read.contains(CodeEvaluator.place(use.location.file, use.location.start.line))
        }
    }
}

/// Definitions of a name in the other files of the scan that are in the same language:
/// found by the bytes first (a file that does not contain the name cannot define it), then
/// tokenised. Each name is looked for once per language; the files are read again rather
/// than kept, so a monorepo's code is never all in memory.
final class ModuleIndex: Sendable {
    private let paths: [String]
    private let found = Mutex<[String: [CodeConstants.Definition]]>([:])

    init(paths: [String]) { self.paths = paths }

    func definitions(of name: String, for file: CodeFile) -> [CodeConstants.Definition] {
        let key = file.language.family.rawValue + " " + name
        let all: [CodeConstants.Definition]
        if let known = found.withLock({ $0[key] }) {
            all = known
        } else {
            var out: [CodeConstants.Definition] = []
            for path in paths where CodeLanguage.of(path: path)?.family == file.language.family {
                // Read once: the bytes are searched, and tokenised only when they hold the name.
                guard case .success(let bytes) = readFileBytes(atPath: path, limit: .code), bytes.containsBytes(name.utf8),
                    case .file(let other) = CodeScan.code(path, bytes, onlyIfMentioned: false)
                else { continue }
                let constants = CodeConstants(other)
                for range in constants.shared[name] ?? [] {
                    out.append(
                        CodeConstants.Definition(
                            file: other, value: range, topLevel: constants.topLevel.contains(range.lowerBound)))
                }
            }
            found.withLock { $0[key] = out }
            all = out
        }
        return all.filter { $0.file.path != file.path }
    }
}
