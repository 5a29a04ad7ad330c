import FuzzSupport
import ResidencyKit

/// The result-document reader behind `residency report`: any bytes give a document or
/// located diagnostics, never a crash; a document that reads back writes out again.
func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let file = FuzzChecks.file(data, size, path: "results.json") else { return 0 }
    let reading = ResultDocument.read(file)
    if let doc = reading.document { _ = doc.json() }
    return 0
}

@main enum Harness {
    static func main() { runFuzzer { data, size in fuzz(data, size) } }
}
