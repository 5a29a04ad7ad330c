/// WHATWG's IPv6 parser, step by step. `IPAddress` reads the same notation for CIDR checks;
/// this one follows the standard's exact failures (a dotted quad only in the last 32 bits,
/// no leading zeros in it, no zone index) so a host fails exactly where a browser's does.
extension URLParts {
    /// The eight 16-bit pieces of the address between the brackets, or nil for failure.
    static func parseIPv6(_ input: ArraySlice<Unicode.Scalar>) -> [UInt16]? {
        let c = input.map(\.value)
        var address = [UInt16](repeating: 0, count: 8)
        var pieceIndex = 0
        var compress: Int?
        var p = 0
        func at(_ i: Int) -> UInt32? { i < c.count ? c[i] : nil }

        if at(p) == 0x3A {
            guard at(p + 1) == 0x3A else { return nil }
            p += 2
            pieceIndex += 1
            compress = pieceIndex
        }
        while let char = at(p) {
            guard pieceIndex < 8 else { return nil }
            if char == 0x3A {
                guard compress == nil else { return nil }
                p += 1
                pieceIndex += 1
                compress = pieceIndex
                continue
            }
            var value: UInt32 = 0
            var length = 0
            while length < 4, let d = at(p).flatMap({ $0 < 0x80 ? hexValue(UInt8($0)) : nil }) {
                value = value * 0x10 + UInt32(d)
                p += 1
                length += 1
            }
            if at(p) == 0x2E {
                // An IPv4 address in the last two pieces.
                guard length > 0, pieceIndex <= 6 else { return nil }
                p -= length
                var numbersSeen = 0
                while at(p) != nil {
                    if numbersSeen > 0 {
                        guard at(p) == 0x2E, numbersSeen < 4 else { return nil }
                        p += 1
                    }
                    guard let first = at(p), isASCIIDigit(first) else { return nil }
                    var piece: UInt32?
                    while let d = at(p), isASCIIDigit(d) {
                        let number = d - 0x30
                        if let current = piece {
                            // A leading zero is refused, as `inet_pton` does.
                            guard current != 0 else { return nil }
                            piece = current * 10 + number
                        } else {
                            piece = number
                        }
                        guard piece! <= 255 else { return nil }
                        p += 1
                    }
                    address[pieceIndex] = address[pieceIndex] &* 0x100 &+ UInt16(piece!)
                    numbersSeen += 1
                    if numbersSeen == 2 || numbersSeen == 4 { pieceIndex += 1 }
                }
                guard numbersSeen == 4 else { return nil }
                break
            } else if at(p) == 0x3A {
                p += 1
                guard at(p) != nil else { return nil }
            } else if at(p) != nil {
                return nil
            }
            address[pieceIndex] = UInt16(value)
            pieceIndex += 1
        }
        if let compress {
            var swaps = pieceIndex - compress
            pieceIndex = 7
            while pieceIndex != 0, swaps > 0 {
                address.swapAt(pieceIndex, compress + swaps - 1)
                pieceIndex -= 1
                swaps -= 1
            }
        } else if pieceIndex != 8 {
            return nil
        }
        return address
    }
}
