import Testing

@testable import ResidencyKit

/// The scans that read eight bytes at a time (`WordScan`) answer as their byte-wise
/// definitions do: every byte value at every place of a word and of the tail, alone and beside
/// a byte that marks a word without failing it (a line feed) and a byte of UTF-8.
@Suite struct WordScanTests {
    /// (scan, its definition byte by byte, a byte every scan passes).
    static let scans: [(String, @Sendable (UnsafeBufferPointer<UInt8>) -> Bool, @Sendable (UInt8) -> Bool)] = [
        ("XMLText.isClean", { XMLText.isClean($0) }, { $0 != 0xEF && ($0 >= 0x20 || $0 == 0x9 || $0 == 0xA || $0 == 0xD) }),
        ("Neutralise.isPrintableASCII", { Neutralise.isPrintableASCII($0) }, { $0 >= 0x20 && $0 < 0x7F }),
        ("JSONBytes.needsEscaping, negated", { !JSONBytes.needsEscaping($0) }, { $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C }),
    ]

    @Test(arguments: scans)
    func agreesWithItsDefinitionAtEveryByte(
        name: String, scan: @escaping @Sendable (UnsafeBufferPointer<UInt8>) -> Bool,
        byteIsFine: @escaping @Sendable (UInt8) -> Bool
    ) {
        func definition(_ b: [UInt8]) -> Bool { b.allSatisfy(byteIsFine) }
        for length in [1, 7, 8, 9, 16, 19] {
            for place in 0..<length {
                for byte in 0...255 {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    bytes[place] = UInt8(byte)
                    let alone = bytes.withUnsafeBufferPointer(scan)
                    #expect(alone == definition(bytes), "\(name): \(bytes)")
                    bytes[(place + 1) % length] = 0x0A
                    bytes[(place + 2) % length] = 0xE2
                    let beside = bytes.withUnsafeBufferPointer(scan)
                    #expect(beside == definition(bytes), "\(name): \(bytes)")
                }
            }
        }
        let empty = [UInt8]().withUnsafeBufferPointer(scan)
        #expect(empty, "\(name): no bytes")
    }

    /// `WordScan.first` (through `JSONBytes.firstEscaped`, which the JSON writer's escaping
    /// loop calls from after each byte it escaped) finds the first byte that fails, from any
    /// place: in the first word, a later one or the tail, and past two that fail.
    @Test func firstFindsTheFirstFailingByteFromAnyPlace() {
        let fine: (UInt8) -> Bool = { $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C }
        for length in [1, 8, 9, 17, 23] {
            for place in 0..<length {
                for byte: UInt8 in [0x00, 0x0A, 0x1F, 0x20, 0x22, 0x5C, 0x7F, 0xE2] {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    bytes[place] = byte
                    bytes[(place * 7 + 3) % length] = 0x22
                    for from in 0...length {
                        let expected = bytes[from...].firstIndex { !fine($0) } ?? length
                        let found = bytes.withUnsafeBufferPointer { JSONBytes.firstEscaped($0, from: from) }
                        #expect(found == expected, "\(bytes) from \(from)")
                    }
                }
            }
        }
    }
}
