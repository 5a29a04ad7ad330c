import Testing

@testable import ResidencyKit

@Test(arguments: ["1970-01-01", "2023-07-10", "2025-04-03", "2000-02-29", "9999-12-31"])
func dayRoundTrips(_ text: String) throws {
    let day = try #require(Day(iso: text))
    #expect(day.description == text)
}

/// Every 37th day of years 1 to 9999 reads back from the ten bytes `description` builds.
@Test func everyDayOfFourDigitYearsRoundTrips() throws {
    let first = try #require(Day(iso: "0001-01-01")).daysSinceEpoch
    let last = try #require(Day(iso: "9999-12-31")).daysSinceEpoch
    for n in stride(from: first, through: last, by: 37) {
        let day = Day(daysSinceEpoch: n)
        #expect(day.description.utf8.count == 10)
        #expect(Day(iso: day.description) == day, "\(n): \(day.description)")
    }
}
