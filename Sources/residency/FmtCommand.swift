import ArgumentParser
import Foundation
import ResidencyKit

/// `residency fmt`: rewrite policy files in the canonical layout, or check that they are.
struct FmtCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt",
        abstract: "Rewrite policy files in the one canonical layout.",
        usage: "residency fmt [<paths> ...] [--check] [--diff] [<options>]",
        discussion: """
            Rewrites each policy file whose layout is not canonical, in place and only when it changes, and lists the files it rewrote. Files are replaced all or none, through symbolic links (the link stays, its target is rewritten), each keeping its permissions. Formatting never changes what a file means and keeps every comment; a file with syntax errors is left alone and its errors are reported. The layout is described in docs/formatting.md.

            With --check nothing is written: a unified diff is printed for each file that would change, and the exit status is 1 if any would (for CI). With - as the path, the text is read from standard input and the formatted text written to standard output.

            Exits 0 when done (with --check: when every file is canonical), 1 when --check finds a file that would change, 2 on an unreadable path, a syntax error, or a file that cannot be written.

            Examples:
              residency fmt
              residency fmt --check policies/
              residency fmt - < draft.policy
            """
    )

    @Argument(help: "Policy files or folders (folders are searched for *.policy); - for standard input.")
    var paths: [String] = [StandardPack.folder()]

    @Flag(help: "Write nothing; print a diff for each file that would change and exit 1 if any would.")
    var check = false

    @Flag(help: "Print the diff of each file rewritten (with -, print the diff instead of the text).")
    var diff = false

    @Option(help: "How to print diagnostics: human (to stderr) or json (to stdout).")
    var diagnosticsFormat: DiagnosticRenderer.Format = .human

    func validate() throws {
        if paths.contains("-"), paths.count > 1 {
            throw ValidationError("- (standard input) cannot be combined with other paths")
        }
    }

    func run() throws {
        let options = FormatRun.Options(check: check, diff: diff)
        let outcome =
            paths == ["-"]
            ? FormatRun.run(standardInput: Array(FileHandle.standardInput.readDataToEndOfFile()), options: options)
            : FormatRun.run(paths: paths, options: options, settings: try OutputBatch.Settings.commandLine())
        Terminal.stdout(outcome.output)
        if !outcome.diagnostics.isEmpty || diagnosticsFormat == .json {
            Terminal.emit(outcome.diagnostics, files: outcome.files, format: diagnosticsFormat)
        }
        if outcome.status != .ok { throw ExitCode(outcome.status.rawValue) }
    }
}
