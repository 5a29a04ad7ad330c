import Testing

@testable import ResidencyKit

/// Counts the user controls are kept in integers wide enough for any input that fits in
/// memory: a permit index was an `Int16`, and a policy pack with more than 32,767 permits
/// trapped when one past it applied.
@Suite struct ManyPermitsTests {
    @Test func aPermitPast32767Applies() throws {
        let count = Int(Int16.max) + 2
        var text = """
            policy T-1 "t" {
              severity error
              for destination d
              require false
              message "m"
            }

            """
        for i in 0..<count {
            text += """
                permit P-\(i) "p" {
                  permits T-1
                  for destination d
                  where \(i == count - 1 ? "true" : "false")
                  basis "b\(i)"
                }

                """
        }
        let h = try Harness(text)
        let findings = h.findings([Fixtures.eu()])
        #expect(!findings.isEmpty)
        let applicable = findings.filter { $0.outcome != .notApplicable }
        #expect(applicable.allSatisfy { $0.outcome == .permitted && $0.permit == "P-\(count - 1)" })
    }
}
