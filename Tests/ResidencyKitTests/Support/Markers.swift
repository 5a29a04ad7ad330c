/// Test sources mark the place a diagnostic must point at with 1️⃣ (and 2️⃣, …) instead of
/// counting columns: `marked` strips the markers and returns where each one was.
struct MarkedSource {
    var text: String
    /// Marker → (line, column), 1-based, columns in characters.
    var positions: [String: (line: Int, column: Int)]

    static let markers = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣"]

    init(_ source: String) {
        var text = ""
        var positions: [String: (Int, Int)] = [:]
        var line = 1, column = 1
        var rest = Substring(source)
        outer: while let c = rest.first {
            for m in MarkedSource.markers where rest.hasPrefix(m) {
                positions[m] = (line, column)
                rest = rest.dropFirst(m.count)
                continue outer
            }
            text.append(c)
            if c == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            rest = rest.dropFirst()
        }
        self.text = text
        self.positions = positions
    }
}
