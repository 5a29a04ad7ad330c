/// Test sources mark the place a diagnostic must point at with 1️⃣ (and 2️⃣, …) instead of
/// counting columns: `MarkedSource` strips the markers and records where each one was.
/// Columns count Unicode scalars, as `SourceFile.location(of:)` does, so positions after a
/// flag emoji such as 🇪🇺 (two scalars) agree with the diagnostics.
struct MarkedSource {
    var text: String
    /// Marker → (line, column), 1-based.
    var positions: [String: (line: Int, column: Int)]

    static let markers = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]

    init(_ source: String) {
        var out = String.UnicodeScalarView()
        var positions: [String: (Int, Int)] = [:]
        var line = 1, column = 1
        var rest = Substring(source)
        outer: while let c = rest.first {
            for m in MarkedSource.markers where rest.hasPrefix(m) {
                positions[m] = (line, column)
                rest = rest.dropFirst(m.count)
                continue outer
            }
            for s in c.unicodeScalars {
                out.append(s)
                if s == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            }
            rest = rest.dropFirst()
        }
        self.text = String(out)
        self.positions = positions
    }

    /// "line:column" of a marker, for readable comparisons.
    func at(_ marker: String = "1️⃣") -> String {
        guard let p = positions[marker] else { return "no marker \(marker)" }
        return "\(p.line):\(p.column)"
    }
}
