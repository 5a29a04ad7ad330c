import Foundation

/// `residency fmt` without the terminal: finds the policy files, formats each, rewrites
/// those that change (or, checking, only reports them) and says what to print and how to
/// exit. The CLI prints the outcome; tests call this directly.
public enum FormatRun {
    /// What the command does with a file whose layout is not canonical.
    public struct Options: Sendable {
        /// Write nothing; print a diff per file that would change and exit 1 if any would.
        public var check: Bool
        /// Also print the diff of each file that is rewritten.
        public var diff: Bool

        public init(check: Bool = false, diff: Bool = false) {
            self.check = check
            self.diff = diff
        }
    }

    /// What a run did and what to tell the user.
    public struct Outcome: Sendable {
        /// For standard output: the files rewritten and diffs, or the formatted text of
        /// standard input.
        public var output = ""
        /// Unreadable paths, syntax errors, failed writes.
        public var diagnostics: [Diagnostic] = []
        /// The files read, so that diagnostics can quote them.
        public var files: [SourceFile] = []
        /// Files rewritten, or with `check` those that would be.
        public var changed: [String] = []
        public var status: Audit.ExitStatus = .ok
    }

    /// The name standard input goes by in diagnostics and diffs.
    public static let standardInputName = "<stdin>"

    /// Formats the policy files that `paths` name (folders are searched for `*.policy`).
    /// Files are rewritten atomically and only when their text changes.
    public static func run(paths: [String], options: Options) -> Outcome {
        var outcome = Outcome()
        let (found, problems) = PolicyLoader.discover(paths: paths)
        outcome.diagnostics = problems
        for path in found {
            let bytes: [UInt8]
            switch readFileBytes(atPath: path, limit: .policy) {
            case .success(let b): bytes = b
            case .failure(let error):
                outcome.diagnostics.append(PolicyLoader.cannotRead(path, error))
                continue
            }
            let file = SourceFile(path: path, bytes: bytes)
            outcome.files.append(file)
            let formatted = PolicyFormatter.format(file)
            outcome.diagnostics += formatted.diagnostics
            guard let text = formatted.text, Array(text.utf8) != file.bytes else { continue }
            outcome.changed.append(path)
            let diff = LineDiff.unified(old: file.text, new: text, path: path)
            if options.check {
                outcome.output += diff
                continue
            }
            if let failure = write(text, to: path) {
                outcome.diagnostics.append(failure)
                continue
            }
            outcome.output += path + "\n" + (options.diff ? diff : "")
        }
        outcome.status = status(outcome, options)
        return outcome
    }

    /// Formats standard input: the formatted text is the output, or with `check` or
    /// `diff` the diff from the input to it.
    public static func run(standardInput bytes: [UInt8], options: Options) -> Outcome {
        var outcome = Outcome()
        let file = SourceFile(path: standardInputName, bytes: bytes)
        outcome.files = [file]
        let formatted = PolicyFormatter.format(file)
        outcome.diagnostics = formatted.diagnostics
        if let text = formatted.text {
            if Array(text.utf8) != bytes { outcome.changed = [standardInputName] }
            outcome.output =
                options.check || options.diff ? LineDiff.unified(old: file.text, new: text, path: standardInputName) : text
        }
        outcome.status = status(outcome, options)
        return outcome
    }

    private static func status(_ outcome: Outcome, _ options: Options) -> Audit.ExitStatus {
        if outcome.diagnostics.contains(where: { $0.code == Diagnostic.formattingChangedMeaningCode }) { return .internalError }
        if outcome.diagnostics.hasErrors { return .invalidInput }
        return options.check && !outcome.changed.isEmpty ? .violations : .ok
    }

    /// Replaces the file in one step, keeping its permissions.
    private static func write(_ text: String, to path: String) -> Diagnostic? {
        let permissions = try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]
        do {
            try AtomicFile.write(Array(text.utf8), to: path)
        } catch {
            return .cannotWrite(path, reason: error.reason)
        }
        if let permissions {
            try? FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: path)
        }
        return nil
    }
}

extension Diagnostic {
    /// E1203: a formatted file that cannot be written back.
    static func cannotWrite(_ path: String, reason: String) -> Diagnostic {
        .error("E1203", "cannot write \(path): \(reason)", at: nil, help: "the file was left as it was")
    }
}
