import Foundation
import Testing

@testable import ResidencyKit

/// Damaged test files never crash the loader or the runner, and every diagnostic points
/// inside the file: the pack's own test file with lines dropped, swapped or cut short.
@Suite struct PolicyTestFuzzTests {
    static let source: String = {
        let url = repositoryRoot.appendingPathComponent("policies/availability.test.yaml")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    @Test func damagedFilesAreDiagnosedInPlace() throws {
        let lines = Self.source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        try #require(lines.count > 50)
        let checked = try #require(Pack.checked.bundle)
        let catalog = CatalogLoader.load(paths: [Pack.catalogFile]).catalog
        var seed: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(n))
        }
        var refused = 0, ran = 0
        for round in 0..<150 {
            var damaged = lines
            for _ in 0..<(1 + next(2)) {
                let i = next(damaged.count)
                switch next(4) {
                case 0: damaged.remove(at: i)
                case 1: damaged.swapAt(i, next(damaged.count))
                case 2: damaged[i] = String(damaged[i].prefix(next(max(1, damaged[i].count))))
                default: damaged.insert(damaged[next(damaged.count)], at: i)
                }
            }
            // Beside the real file, so that its relative paths (a catalog in testdata/) resolve.
            let file = SourceFile(path: Pack.folder + "/fuzz.test.yaml", text: damaged.joined(separator: "\n"))
            let loaded = PolicyTestLoader.load(
                file, bundle: checked, catalog: catalog, defaultDate: Day(iso: "2026-11-28")!)
            for d in loaded.diagnostics where d.range?.file == file.path {
                let offset = d.range?.start.offset ?? -1
                #expect(offset >= 0 && offset <= file.bytes.count, "round \(round): \(d.code) \(d.message)")
            }
            if let suite = loaded.suite {
                // Whatever still loads also runs.
                let (report, _) = PolicyTestRunner.run([suite], bundle: checked, coverage: true)
                #expect(report == nil || report!.results.count == suite.cases.count)
                ran += 1
            } else {
                #expect(loaded.diagnostics.hasErrors, "round \(round): no suite and no error")
                refused += 1
            }
        }
        // Both paths were taken: the damage is neither always fatal nor always harmless.
        #expect(refused > 10 && ran > 10, "refused \(refused), ran \(ran)")
    }
}
