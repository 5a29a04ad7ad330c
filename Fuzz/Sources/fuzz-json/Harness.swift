import FuzzSupport
import ResidencyKit

/// The JSON reader: any bytes give a tree or a located syntax error, never a crash, and a
/// tree's every value lies inside the input.
func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let file = SourceFile(path: "fuzz.json", bytes: Array(UnsafeBufferPointer(start: data, count: size)))
    switch JSONReader.parse(file) {
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
