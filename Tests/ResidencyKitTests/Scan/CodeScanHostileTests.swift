import Foundation
import Testing

@testable import ResidencyKit

/// Hostile code for the scan: every sample app cut short, spliced and corrupted at random
/// (seeded, so a failure repeats), in every language. The scan may find nothing or name a
/// file it cannot tokenise; it may never crash or hang.
@Suite struct CodeScanHostileTests {
    static func samples() throws -> [(path: String, bytes: [UInt8])] {
        let root = CodeScanCorpusTests.root
        return try CodeTree.walk([root]).files.map { path in
            (path, Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        }
    }

    /// Tokenises and matches patterns in `bytes` as a file at `path`.
    static func scan(_ bytes: [UInt8], as path: String) {
        guard let language = CodeLanguage.of(path: path) else { return }
        let ext = path.split(separator: ".").last.map(String.init) ?? ""
        let markup = CodeLanguage.markupExtensions.contains(ext), jsx = CodeLanguage.jsxExtensions.contains(ext)
        guard case .success(let tokens) = CodeTokenizer.tokens(bytes, language, markup: markup, jsx: jsx) else { return }
        let file = CodeFile(source: SourceFile(path: path, bytes: bytes), language: language, tokens: tokens)
        _ = SDKPatterns(file: file, evaluator: CodeEvaluator(file)).uses()
    }

    @Test(.hangGuard) func mutatedSamplesNeverCrash() throws {
        var random = SplitMix64(state: 16)
        let samples = try Self.samples()
        let specials: [UInt8] = Array("\"'`/*\\{}()[]#$@=:,.;<>\n".utf8)
        // `SCAN_FUZZ_ROUNDS=100000 swift test --filter CodeScanHostile` for a longer run.
        let rounds = Int(ProcessInfo.processInfo.environment["SCAN_FUZZ_ROUNDS"] ?? "") ?? 400
        for round in 0..<rounds {
            let (path, original) = samples[round % samples.count]
            var bytes = original
            for _ in 0..<Int.random(in: 1...6, using: &random) where !bytes.isEmpty {
                let at = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...40, using: &random)))
                case 1: bytes.insert(specials.randomElement(using: &random)!, at: at)
                case 2: bytes[at] = UInt8.random(in: 0...255, using: &random)
                default:
                    let other = samples.randomElement(using: &random)!.bytes
                    let from = Int.random(in: 0..<max(1, other.count), using: &random)
                    bytes.insert(contentsOf: other[from..<min(other.count, from + 80)], at: at)
                }
            }
            Self.scan(bytes, as: path)
            // The file cut at every length near its start, where patterns begin.
            if round < samples.count {
                for cut in stride(from: 0, to: min(bytes.count, 600), by: 7) { Self.scan(Array(bytes[..<cut]), as: path) }
            }
        }
    }

    @Test(.hangGuard) func randomBytesNeverCrash() {
        var random = SplitMix64(state: 1601)
        let alphabet: [UInt8] = Array(
            "Configuration(writeKey: \"k\").apiHost(createClient{proxy:'x'}Analytics.Builder Segment::init new analytics.load ${ \\( #{ \"\"\" ''' ` /* */ // # @\" $\" =begin\n=end\n"
                .utf8)
        for language in ["a.swift", "a.kt", "a.js", "a.html", "a.py", "a.rb", "a.php", "a.go", "a.cs", "a.dart", "a.java", "a.m"]
        {
            for _ in 0..<150 {
                let bytes = (0..<Int.random(in: 0...200, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
                Self.scan(bytes, as: language)
            }
        }
    }
}
