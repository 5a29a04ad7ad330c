import FuzzSupport
import ResidencyKit

/// Inventories as `check` reads them: the input is a Terraform plan (`terraform show -json`)
/// or an export bundle, decoded against an empty catalog; any bytes give workspaces or
/// located diagnostics, never a crash.
func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let file = SourceFile(path: "plan.json", bytes: Array(UnsafeBufferPointer(start: data, count: size)))
    let loaded = InventoryLoader.load(files: [file], catalog: Catalog())
    for d in loaded.diagnostics {
        if let r = d.range, r.file == "plan.json" {
            precondition(r.start.offset <= size && r.end.offset <= size, "a diagnostic outside the input")
        }
    }
    return 0
}

@main enum Harness {
    static func main() { runFuzzer { data, size in fuzz(data, size) } }
}
