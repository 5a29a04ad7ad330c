import Testing

@testable import ResidencyKit

@Test(arguments: ["1970-01-01", "2023-07-10", "2025-04-03", "2000-02-29", "9999-12-31"])
func dayRoundTrips(_ text: String) throws {
    let day = try #require(Day(iso: text))
    #expect(day.description == text)
}
