import Foundation
import Testing

@testable import ResidencyKit

/// YAML alias expansion is bounded for every YAML input: a 625-byte inventory of nested
/// aliases ("billion laughs") grew past 3.9 GB before it was refused by the kernel. Each bomb
/// is refused at the alias that crossed the bound (E1702), quickly and in little memory.
@Suite struct YAMLAliasBombTests {
    /// Nine values per level, ten levels of anchors: 10⁹ values written in a few lines. The
    /// bound (1,000,000 added values) is crossed at the eighth alias of line 6.
    static let laughs = MarkedSource(
        """
        a: &a ["x","x","x","x","x","x","x","x","x","x"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,1️⃣*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]
        h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]
        i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h,*h]
        """)

    /// The same multiplication through mapping keys, which Yams hashes whole.
    static let keys = MarkedSource(
        """
        a: &a {k0: x, k1: x, k2: x, k3: x, k4: x, k5: x, k6: x, k7: x, k8: x, k9: x}
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]
        big:
          ? *e
          : 1
          ? [*e]
          : 2
          ? [*e, 1️⃣*e]
          : 3
        """)

    /// One long string repeated: few values, much text (1 MiB × 65 > 64 MiB).
    static let text: MarkedSource = {
        let long = String(repeating: "x", count: 1 << 20)
        let aliases = Array(repeating: "*s", count: 64).joined(separator: ", ")
        return MarkedSource("s: &s \(long)\nlist: [\(aliases), 1️⃣*s, *s]\n")
    }()

    enum Input: String, CaseIterable, Sendable {
        case inventory, facts, waivers, testFile, workspaces, catalog

        /// Loads the text as this kind of file (a `.yaml` one) and gives the diagnostics.
        func load(_ text: String) -> [Diagnostic] {
            let file = { (name: String) in SourceFile(path: name, text: text) }
            switch self {
            case .inventory: return InventoryFixture.load(text, path: "inventory.yaml").diagnostics
            case .facts: return FactsLoader.load(file("facts.yaml")).1
            case .waivers: return WaiverLoader.load(file("waivers.yaml"), policies: [], auditDate: Day(iso: "2026-11-28")!).1
            case .testFile: return TestPack.load(text, path: "pack.test.yaml").diagnostics
            case .workspaces: return ExportPlan.load(file("workspaces.yaml")).1
            case .catalog: return CatalogLoader.load(files: [file("catalog.yaml")]).diagnostics
            }
        }
    }

    enum Bomb: String, CaseIterable, Sendable {
        case laughs, keys, text

        var source: MarkedSource {
            switch self {
            case .laughs: YAMLAliasBombTests.laughs
            case .keys: YAMLAliasBombTests.keys
            case .text: YAMLAliasBombTests.text
            }
        }

        var message: String {
            switch self {
            case .laughs, .keys: "YAML refused: its aliases expand to more than 1,000,000 values"
            case .text: "YAML refused: its aliases expand to more than 64 MiB of text"
            }
        }
    }

    @Test(.hangGuard, arguments: Input.allCases, Bomb.allCases)
    func aliasBombsAreRefusedWhereTheyCrossTheBound(input: Input, bomb: Bomb) throws {
        let started = ThreadCPUTime.now()
        let diagnostics = input.load(bomb.source.text)
        #expect(diagnostics.map(\.code) == ["E1702"], "\(diagnostics.map(\.message))")
        let d = try #require(diagnostics.first)
        #expect(d.message == bomb.message)
        #expect(d.lineColumn == bomb.source.at())
        #expect(
            d.help
                == "each alias repeats its anchor's whole value, so aliases inside anchors multiply; write the values out, or use fewer nested aliases"
        )
        // Refused before the expansion's work grew: seconds of this thread's CPU, not of a
        // loaded machine's wall clock.
        #expect(ThreadCPUTime.now() - started < .seconds(10))
    }

    /// Aliases within the bound are resolved as before: 123,440 added values (five levels).
    @Test func aliasesWithinTheBoundAreResolved() throws {
        let text = Self.laughs.text.split(separator: "\n").prefix(5).joined(separator: "\n") + "\nworkspace: {id: w, slug: s}\n"
        let loaded = InventoryFixture.load(text, path: "ok.yaml")
        #expect(!loaded.codes.contains("E1702"), "\(loaded.diagnostics.map(\.message))")
        #expect(loaded.only?.workspace.id == "w")
    }
}
