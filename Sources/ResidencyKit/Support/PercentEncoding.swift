/// Percent-encoding (RFC 3986, section 2.1), for the Public API's query values and SARIF's
/// artifact URIs: every byte of the text's UTF-8 but the unreserved letters, digits and `-._~`
/// (and `/`, with `keepingSlashes`, for a path) as `%XX` in upper-case hex. Built as bytes:
/// appended as scalars one at a time it took some 20,000 instructions for a path.
enum PercentEncoding {
    static func encode(_ s: String, keepingSlashes: Bool = false) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.append(b)
            case UInt8(ascii: "/") where keepingSlashes:
                out.append(b)
            default:
                out += [UInt8(ascii: "%"), hexDigits[Int(b >> 4)], hexDigits[Int(b & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)
}
