/// A gzip stream of zeros that is tiny on the wire and large once decompressed (about 160 to
/// 1), for testing that an answer is bounded after decompression: one literal zero, then
/// back-references of 258 bytes at distance 1, in one fixed-Huffman deflate block (RFC 1951,
/// 3.2.6), in a gzip member (RFC 1952).
public enum GzipZeros {
    /// The stream for `1 + 258 × matches` zero bytes.
    public static func make(matches: Int) -> [UInt8] {
        var bits = BitWriter()
        bits.write(1, count: 1)  // BFINAL
        bits.write(1, count: 2)  // BTYPE 01: fixed Huffman
        bits.writeCode(0x30, length: 8)  // literal 0 (codes 0–143 are 0x30 + value, 8 bits)
        for _ in 0..<matches {
            bits.writeCode(0xC5, length: 8)  // length 258 (code 285, no extra bits)
            bits.writeCode(0, length: 5)  // distance 1 (code 0, no extra bits)
        }
        bits.writeCode(0, length: 7)  // end of block (code 256)
        let size = 1 + 258 * matches
        var out: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3]
        out += bits.bytes
        out += littleEndian(crcOfZeros(size)) + littleEndian(UInt32(truncatingIfNeeded: size))
        return out
    }

    private static func littleEndian(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }

    /// CRC-32 (the gzip polynomial) of `count` zero bytes.
    static func crcOfZeros(_ count: Int) -> UInt32 {
        var table = [UInt32](repeating: 0, count: 256)
        for i in 0..<256 {
            var c = UInt32(i)
            for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            table[i] = c
        }
        var crc: UInt32 = 0xFFFF_FFFF
        for _ in 0..<count { crc = table[Int(crc & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }

    /// Deflate's bit order: values least significant bit first, Huffman codes most first.
    private struct BitWriter {
        var bytes: [UInt8] = []
        var used = 8

        mutating func bit(_ b: UInt32) {
            if used == 8 {
                bytes.append(0)
                used = 0
            }
            bytes[bytes.count - 1] |= UInt8(b & 1) << used
            used += 1
        }

        mutating func write(_ value: UInt32, count: Int) {
            for i in 0..<count { bit(value >> i) }
        }

        mutating func writeCode(_ code: UInt32, length: Int) {
            for i in stride(from: length - 1, through: 0, by: -1) { bit(code >> i) }
        }
    }
}
