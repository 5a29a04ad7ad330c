import FuzzSupport
import ResidencyKit

/// The policy language front end (lexer, parser with recovery, checker): any text gives a
/// checked bundle or diagnostics inside the file, never a crash or a stack overflow.
func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    FuzzChecks.inside(Audit.checkPolicies(texts: [("fuzz.policy", text)]).diagnostics, file: "fuzz.policy", size: text.utf8.count)
    return 0
}

@main enum Harness {
    static func main() { runFuzzer { data, size in fuzz(data, size) } }
}
