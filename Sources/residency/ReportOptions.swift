import ArgumentParser
import Foundation
import ResidencyKit

/// The report options `check` and `report` share: declared once, so their names, help and
/// limits cannot drift, and turned into the library's `ReportOutputs`, which writes them.
struct ReportOptions: ParsableArguments {
    @Option(help: "Write JUnit XML here (a testsuite per policy, a testcase per resource it applies to).")
    var junit: String?

    @Option(
        help: ArgumentHelp(
            "Write JUnit XML as a folder with one file per workspace (<slug>.xml), replaced as a whole each run: for nightly runs over many workspaces.",
            valueName: "dir"))
    var junitDir: String?

    @Option(
        help: ArgumentHelp(
            "The most testcases one JUnit file holds; past it passes, then each policy's surplus, are counted in one testcase.",
            valueName: "n"))
    var junitMaxCases = JUnitReport.defaultMaximumCases

    @Option(help: "Write the HTML report here (one self-contained file for legal and privacy review; no scripts, no requests).")
    var html: String?

    @Option(
        help:
            "Write SARIF 2.1.0 here for GitHub code scanning: each failing or undecided result at its resource's line in the inventory."
    )
    var sarif: String?

    @Option(help: "Write a Markdown summary here, for $GITHUB_STEP_SUMMARY or a pull-request comment.")
    var markdown: String?

    @Option(
        help: ArgumentHelp(
            "The most characters the Markdown summary may have; whole rows are left out past it (at least \(MarkdownReport.minimumLimit)).",
            valueName: "n"))
    var markdownLimit = MarkdownReport.defaultLimit

    /// The paths of the reports asked for (the JSON document is `check`'s own option).
    var requested: [String] { [junit, junitDir, html, sarif, markdown].compactMap { $0 } }

    /// The reports asked for; `json` is the result document to write (check's `--json`),
    /// `document` where the document is kept, for the Markdown summary to point at.
    func outputs(json: String?, document: String?) throws -> ReportOutputs {
        var outputs = ReportOutputs()
        outputs.json = json
        outputs.junit = junit
        outputs.junitFolder = junitDir
        outputs.junitMaximumCases = junitMaxCases
        outputs.html = html
        outputs.sarif = sarif
        outputs.markdown = markdown
        outputs.markdownLimit = markdownLimit
        // Paths are made relative to the folder the command runs in, the repository root in CI.
        outputs.root = FileManager.default.currentDirectoryPath
        outputs.documentPath = document
        if let problem = outputs.problem { throw ValidationError(problem) }
        return outputs
    }
}

extension ReportOutputs {
    /// Writes the reports; one that cannot be written is bad input (an unwritable path): exit 2.
    func writeOrExit(_ document: ResultDocument) throws {
        do {
            try write(document)
        } catch {
            Terminal.stderr("residency: \(error)\n")
            throw ExitCode(Audit.ExitStatus.invalidInput.rawValue)
        }
    }
}
