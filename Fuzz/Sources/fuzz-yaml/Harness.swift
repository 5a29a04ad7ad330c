import FuzzSupport
import ResidencyKit

/// The YAML path (Yams into the same positioned tree): any bytes give a tree or a located
/// error, never a crash and never unbounded memory.
func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let file = SourceFile(path: "fuzz.yaml", bytes: Array(UnsafeBufferPointer(start: data, count: size)))
    switch YAMLReader.parse(file) {
    case .success(let tree):
        precondition(tree.root.start >= 0 && tree.root.end <= size, "the root lies outside the input")
    case .failure(let error):
        let d = error.diagnostic(in: file)
        if let r = d.range { precondition(r.start.offset <= size && r.end.offset <= size, "a diagnostic outside the input") }
    }
    return 0
}

@main enum Harness {
    static func main() { runFuzzer { data, size in fuzz(data, size) } }
}
