import FuzzSupport
import ResidencyKit

/// The policy language front end (lexer, parser with recovery, checker): any text gives a
/// checked bundle or diagnostics inside the file, never a crash or a stack overflow.
func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let checked = Audit.checkPolicies(texts: [("fuzz.policy", text)])
    for d in checked.diagnostics {
        if let r = d.range, r.file == "fuzz.policy" {
            precondition(r.start.offset <= text.utf8.count && r.end.offset <= text.utf8.count, "a diagnostic outside the file")
        }
    }
    return 0
}

@main enum Harness {
    static func main() { runFuzzer { data, size in fuzz(data, size) } }
}
