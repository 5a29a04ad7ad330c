import FuzzSupport
import ResidencyKit

/// The JSON reader: any bytes give a tree or a located syntax error, never a crash, and a
/// tree's every value lies inside the input.
func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let file = FuzzChecks.file(data, size, path: "fuzz.json") else { return 0 }
    FuzzChecks.tree(JSONReader.parse(file), size: size) { $0.diagnostic(in: file) }
    return 0
}

@main enum Harness {
    static func main() { runFuzzer { data, size in fuzz(data, size) } }
}
