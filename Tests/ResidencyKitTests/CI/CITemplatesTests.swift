import Foundation
import Testing

@testable import ResidencyKit

/// The GitHub Action (action.yml) and the GitLab CI template (ci/residency.gitlab-ci.yml) are
/// valid YAML of the shape their hosts read, and use what the repository has: the install
/// script, the command's options, the reports.
@Suite struct CITemplatesTests {
    static func read(_ path: String) throws -> DataNode {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent(path), encoding: .utf8)
        switch InventoryLoader.parse(SourceFile(path: path, text: text)) {
        case .success(let tree): return tree.root
        case .failure(let d): throw d
        }
    }

    @Test func theActionIsACompositeActionOverTheInstallScript() throws {
        let action = try Self.read("action.yml")
        #expect(action["runs"]?["using"]?.string == "composite")
        #expect(action["inputs"]?["inventory"]?["required"]?.bool == true)
        let steps = try #require(action["runs"]?["steps"])
        let runs = steps.elements.compactMap { $0["run"]?.string }.joined(separator: "\n")
        let uses = steps.elements.compactMap { $0["uses"]?.string }
        #expect(runs.contains("scripts/install.sh"))
        #expect(runs.contains("--sarif reports/residency.sarif") && runs.contains("$GITHUB_STEP_SUMMARY"))
        #expect(uses.contains { $0.hasPrefix("github/codeql-action/upload-sarif@") })
        #expect(FileManager.default.isExecutableFile(atPath: repositoryRoot.appendingPathComponent("scripts/install.sh").path))
    }

    @Test func theGitLabTemplateKeepsTheReportsAndTheJUnit() throws {
        let template = try Self.read("ci/residency.gitlab-ci.yml")
        let job = try #require(template["residency"])
        let script = job["script"]?.elements.compactMap(\.string).joined(separator: "\n") ?? ""
        #expect(script.contains("scripts/install.sh") && script.contains("--junit reports/junit.xml"))
        #expect(job["artifacts"]?["reports"]?["junit"]?.string == "reports/junit.xml")
        #expect(job["artifacts"]?["when"]?.string == "always")
    }
}
