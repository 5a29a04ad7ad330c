import Foundation
import Testing

@testable import ResidencyKit

/// What one file of a project imports for all the others (`@_exported import Segment`, C#'s
/// `global using`): a setup in a file with no import of its own was taken as another vendor's
/// and dropped, so the gate passed it unseen.
@Suite struct ProjectImportsTests {
    static let swiftSetup = """
        let analytics = Analytics(configuration: Configuration(writeKey: "swiftReexported00001").apiHost("api.segment.io/v1"))
        """

    static let csharpSetup = """
        namespace Shop;
        public static class Telemetry {
            public static readonly Analytics Client = new Analytics(new Configuration("csharpGlobalUsing0001", apiHost: "api.segment.io/v1"));
        }
        """

    /// Each row: the files of the scan, and whether the setup is the SDK's.
    @Test(
        arguments: [
            // Swift: another file of the module re-exports analytics-swift.
            (["Exports.swift": "@_exported import Segment\n", "App.swift": swiftSetup], "analytics-swift"),
            (["Exports.swift": "@_exported import struct Segment.Configuration\n", "App.swift": swiftSetup], "analytics-swift"),
            // A plain import in another file is that file's alone.
            (["Other.swift": "import Segment\n", "App.swift": swiftSetup], nil),
            // Another vendor's module re-exported: not the SDK.
            (["Exports.swift": "// analytics\n@_exported import Mixpanel\n", "App.swift": swiftSetup], nil),
            // C#: a global using in another file, or in the project file.
            (["GlobalUsings.cs": "global using Segment.Analytics;\n", "Telemetry.cs": csharpSetup], "analytics-csharp"),
            (
                [
                    "Shop.csproj": """
                    <Project Sdk="Microsoft.NET.Sdk">
                      <ItemGroup>
                        <Using Include="Segment.Analytics" />
                      </ItemGroup>
                    </Project>
                    """,
                    "Telemetry.cs": csharpSetup,
                ], "analytics-csharp"
            ),
            (
                [
                    "Directory.Build.props": "<Project><ItemGroup><Using Include='Segment.Analytics'/></ItemGroup></Project>",
                    "Telemetry.cs": csharpSetup,
                ], "analytics-csharp"
            ),
            // A global using of another namespace, an alias, or a static one: not the SDK's namespace.
            (["GlobalUsings.cs": "global using Segment.Other;\n", "Telemetry.cs": csharpSetup], nil),
            (["GlobalUsings.cs": "global using static Segment.Analytics.Configuration;\n", "Telemetry.cs": csharpSetup], nil),
            (
                [
                    "Shop.csproj":
                        #"<Project><ItemGroup><Using Include="Segment.Analytics" Alias="Seg" /></ItemGroup></Project>"#,
                    "Telemetry.cs": csharpSetup,
                ], nil
            ),
            // Without any of it, another vendor's `Configuration`, as before.
            (["Telemetry.cs": csharpSetup], nil),
            // Through the global using alone, a constructor of another class is not a setup.
            (
                [
                    "GlobalUsings.cs": "global using Segment.Analytics;\n",
                    "Settings.cs":
                        "// Analytics settings\nnamespace Shop;\npublic class Configuration {\n  public Configuration(IConfiguration cfg) { }\n}\n",
                ], nil
            ),
        ] as [([String: String], String?)])
    func aSetupIsTheSDKsWhenTheProjectImportsIt(_ files: [String: String], _ library: String?) throws {
        let folder = try InventoryFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (name, code) in files { try code.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        let outcome = CodeScanCorpusTests.scan([folder])
        #expect(outcome.uses.map(\.library) == (library.map { [$0] } ?? []), "\(ScanReport.text(outcome))")
        if let library {
            let use = try #require(outcome.uses.first)
            #expect(use.setting("apiHost")?.value.literal == "api.segment.io/v1", "\(use)")
            let resolution = SDKRules.resolve(CodeScan.configuration(use), workspaceRegion: "eu-west")
            #expect(resolution.region == "us", "\(library) pointed at Segment's US endpoint: \(resolution)")
        }
    }

    /// The project files read are named in what the scan looked at, so no output may replace one.
    @Test func projectFilesAreWalked() throws {
        let folder = try InventoryFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "<Project />".write(toFile: folder + "/Shop.csproj", atomically: true, encoding: .utf8)
        let outcome = CodeScanCorpusTests.scan([folder])
        #expect(outcome.walked.contains(folder + "/Shop.csproj"), "\(outcome.walked)")
    }

    @Test(
        arguments: [
            ("global using Segment.Analytics;", ["Segment.Analytics"]),
            ("global using Segment;\nglobal using global::System.Text;", ["Segment"]),
            ("global using Seg = Segment.Analytics;", []),
            ("using Segment.Analytics;", []),
            ("global using Segment.Analytics // no semicolon", []),
        ])
    func readsGlobalUsings(_ code: String, _ expected: [String]) throws {
        let tokens = try CodeTokenizer.tokens(Array(code.utf8), .csharp).get()
        #expect(ProjectImports.globalUsings(tokens) == expected)
    }
}
