import FuzzSupport
import ResidencyKit

/// Inventories as `check` reads them: the input is a Terraform plan (`terraform show -json`)
/// or an export bundle, decoded against an empty catalog; any bytes give workspaces or
/// located diagnostics, never a crash.
func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let file = FuzzChecks.file(data, size, path: "plan.json") else { return 0 }
    FuzzChecks.inside(InventoryLoader.load(files: [file], catalog: Catalog()).diagnostics, file: "plan.json", size: size)
    return 0
}

@main enum Harness {
    static func main() { runFuzzer { data, size in fuzz(data, size) } }
}
