import FuzzSupport
import ResidencyKit

/// The YAML path (Yams into the same positioned tree): any bytes give a tree or a located
/// error, never a crash and never unbounded memory.
func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let file = FuzzChecks.file(data, size, path: "fuzz.yaml") else { return 0 }
    FuzzChecks.tree(YAMLReader.parse(file), size: size) { $0.diagnostic(in: file) }
    return 0
}

@main enum Harness {
    static func main() { runFuzzer { data, size in fuzz(data, size) } }
}
