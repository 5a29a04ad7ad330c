import Foundation
import Testing

@testable import ResidencyKit

/// A row of the conformance table in docs/language.md ("Exact semantics").
struct ConformanceRow: CustomTestStringConvertible, Sendable {
    var expression: String
    var value: String
    var testDescription: String { expression }

    /// The rows between the table's markers: `| `expression` | `value` | why |`.
    static func all() -> [ConformanceRow] {
        guard let doc = try? String(contentsOf: repositoryRoot.appendingPathComponent("docs/language.md"), encoding: .utf8),
            let start = doc.range(of: "<!-- BEGIN CONFORMANCE TABLE -->"),
            let end = doc.range(of: "<!-- END CONFORMANCE TABLE -->")
        else { return [] }
        return doc[start.upperBound..<end.lowerBound].split(separator: "\n").compactMap { line in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard cells.count >= 4, cells[1].hasPrefix("`"), cells[2].hasPrefix("`") else { return nil }
            return ConformanceRow(expression: String(cells[1].dropFirst().dropLast()), value: String(cells[2].dropFirst().dropLast()))
        }
    }
}

/// Every row of the documented conformance table holds, in every build of the code: the
/// table is the specification of the built-ins and operators on missing operands, empty
/// strings and lists, and non-ASCII text (issue 12).
@Suite struct ConformanceTableTests {
    @Test func theTableIsThere() {
        #expect(ConformanceRow.all().count >= 60)
    }

    @Test(arguments: ConformanceRow.all())
    func row(_ row: ConformanceRow) throws {
        let probe = try ExpressionProbe(row.expression)
        #expect(probe.shown == row.value)
    }
}
