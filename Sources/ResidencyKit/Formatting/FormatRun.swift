import Foundation

/// `residency fmt` without the terminal: finds the policy files, formats each, rewrites
/// those that change (or, checking, only reports them) and says what to print and how to
/// exit. The CLI prints the outcome; tests call this directly.
package enum FormatRun {
    /// What the command does with a file whose layout is not canonical.
    package struct Options: Sendable {
        /// Write nothing; print a diff per file that would change and exit 1 if any would.
        package var check: Bool
        /// Also print the diff of each file that is rewritten.
        var diff: Bool

        package init(check: Bool = false, diff: Bool = false) {
            self.check = check
            self.diff = diff
        }
    }

    /// What a run did and what to tell the user.
    package struct Outcome: Sendable {
        /// For standard output: the files rewritten and diffs, or the formatted text of
        /// standard input.
        package var output = ""
        /// Unreadable paths, syntax errors, failed writes.
        package var diagnostics: [Diagnostic] = []
        /// The files read, so that diagnostics can quote them.
        package var files: [SourceFile] = []
        /// Files rewritten, or with `check` those that would be.
        var changed: [String] = []
        package var status: Audit.ExitStatus = .ok
    }

    /// The name standard input goes by in diagnostics and diffs.
    static let standardInputName = "<stdin>"

    /// Formats the policy files that `paths` name (folders are searched for `*.policy`).
    /// Files are rewritten only when their text changes, all or none (as reports are: see
    /// `OutputBatch`), through symbolic links, each keeping its permissions.
    package static func run(paths: [String], options: Options, settings: OutputBatch.Settings = .init()) -> Outcome {
        var outcome = Outcome()
        let (found, problems) = PolicyLoader.discover(paths: paths)
        outcome.diagnostics = problems
        var rewrites: [(path: String, text: String, diff: String)] = []
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
            rewrites.append((path, text, diff))
        }
        if let failure = write(rewrites.map { ($0.path, $0.text) }, settings) {
            outcome.diagnostics.append(failure)
            outcome.changed = []
        } else {
            for r in rewrites { outcome.output += r.path + "\n" + (options.diff ? r.diff : "") }
        }
        outcome.status = status(outcome, options)
        return outcome
    }

    /// Formats standard input: the formatted text is the output, or with `check` or
    /// `diff` the diff from the input to it.
    package static func run(standardInput bytes: [UInt8], options: Options) -> Outcome {
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
        let changedMeaning = Diagnostic.formattingChangedMeaningCode.id
        if outcome.diagnostics.contains(where: { $0.code == changedMeaning }) { return .internalError }
        if outcome.diagnostics.hasErrors { return .invalidInput }
        return options.check && !outcome.changed.isEmpty ? .violations : .ok
    }

    /// Rewrites the files in one batch; nil, or why none was rewritten. A file named twice
    /// (through a link, or in two folders given) is written once.
    private static func write(_ files: [(path: String, text: String)], _ settings: OutputBatch.Settings) -> Diagnostic? {
        guard !files.isEmpty else { return nil }
        var seen = Set<String>()
        let unique = files.filter { seen.insert((try? OutputPaths.resolve(OutputTarget("", $0.path)))?.path ?? $0.path).inserted }
        do {
            let batch = try OutputBatch(unique.map { OutputTarget("", $0.path, keepsMode: true) }, settings: settings)
            defer { batch.discard() }
            for file in unique { try batch.write(file.path, bytes: Array(file.text.utf8)) }
            try batch.commit()
        } catch {
            return error
        }
        return nil
    }
}
