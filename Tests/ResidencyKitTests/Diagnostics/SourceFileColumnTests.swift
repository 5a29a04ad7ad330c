import Testing

@testable import ResidencyKit

/// Columns count Unicode scalars. `SourceFile`'s column index counts them eight bytes at a
/// time; these hold it to a count made one scalar at a time, at every offset of texts that mix
/// one- to four-byte scalars, across its 256-byte checkpoints.
@Suite struct SourceFileColumnTests {
    static let texts: [String] = [
        "",
        "plain ascii only, longer than one word",
        String(repeating: "é🇪🇺x", count: 40),
        String(repeating: "a€", count: 200) + "\n" + String(repeating: "😀b", count: 90),
        (0..<700).map { i in ["a", "é", "€", "😀", "\n"][i % 5] }.joined(),
    ]

    @Test(arguments: texts.indices)
    func scalarStartsMatchACountOneByOne(_ k: Int) {
        let bytes = Array(Self.texts[k].utf8)
        bytes.withUnsafeBufferPointer { b in
            for lo in stride(from: 0, through: b.count, by: 7) {
                for hi in lo...min(b.count, lo + 40) {
                    let slow = b[lo..<hi].filter { $0 & 0xC0 != 0x80 }.count
                    #expect(ColumnIndex.scalarStarts(b, lo, hi) == slow, "\(lo)..<\(hi)")
                }
            }
        }
    }

    @Test(arguments: texts.indices)
    func everyOffsetHasTheColumnOfItsScalars(_ k: Int) {
        let text = Self.texts[k]
        let file = SourceFile(path: "t.txt", text: text)
        var line = 1
        var column = 1
        var offset = 0
        for scalar in text.unicodeScalars {
            let at = file.location(of: offset)
            #expect(at.line == line && at.column == column, "offset \(offset)")
            offset += String(scalar).utf8.count
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
    }
}
