import Testing

@testable import ResidencyKit

/// A list written in parallel parts (`JSONWriter.continuation`, as SARIF's results are) is
/// the same bytes as the list written in one go, however it is cut.
@Suite struct JSONWriterPartsTests {
    /// Element `i` of the list: an object (inline or not, with a nested list) or a string.
    static func element(_ i: Int, inline: Bool, _ w: inout JSONWriter) {
        if abs(i) % 3 == 2 {
            w.string("text \(i) \"quoted\"")
            return
        }
        w.beginObject(inline: inline)
        w.field("n", i)
        w.key("list")
        w.beginArray()
        for k in 0..<(abs(i) % 3) { w.string("\(i).\(k)") }
        w.endArray()
        w.endObject()
    }

    /// The document `{"head": …, "list": [before…, 0..<count], "tail": true}`.
    static func document(count: Int, before: Int, inline: Bool, pretty: Bool, part: Int?) -> [UInt8] {
        var w = JSONWriter(pretty: pretty)
        w.beginObject()
        w.field("head", "h")
        w.key("list")
        w.beginArray()
        for i in 0..<before { element(-1 - i, inline: inline, &w) }
        if let part {
            let start = w
            let parts = stride(from: 0, to: count, by: part).map { first in
                var out = start.continuation(afterElements: before > 0 || first > 0, capacity: 64)
                for i in first..<min(count, first + part) { element(i, inline: inline, &out) }
                return out
            }
            w.append(parts)
        } else {
            for i in 0..<count { element(i, inline: inline, &w) }
        }
        w.endArray()
        w.field("tail", true)
        w.endObject()
        return w.bytes
    }

    @Test(arguments: [(0, 0), (1, 0), (7, 0), (7, 2), (12, 1)], [1, 2, 3, 5, 50])
    func partsGiveTheBytesOfOneGo(sizes: (count: Int, before: Int), part: Int) {
        for inline in [false, true] {
            for pretty in [true, false] {
                let whole = Self.document(count: sizes.count, before: sizes.before, inline: inline, pretty: pretty, part: nil)
                let cut = Self.document(count: sizes.count, before: sizes.before, inline: inline, pretty: pretty, part: part)
                #expect(cut == whole, "inline \(inline), pretty \(pretty)")
            }
        }
    }

    /// `mapParts` gives each part's value in order, the last part short, none for no elements.
    @Test(arguments: [(0, 4), (1, 4), (8, 4), (9, 4), (100, 7)])
    func mapPartsKeepsTheOrder(count: Int, size: Int) {
        let values = Array(0..<count)
        let sums = values.mapParts(of: size) { buffer, range in range.map { buffer[$0] } }
        #expect(sums.flatMap { $0 } == values)
        #expect(sums.count == (count + size - 1) / size)
    }
}
