import Foundation

/// Dates in RFC 5322 §3.3 form (`Wed, 21 Oct 2015 07:28:00 GMT`, `21 Oct 2015 09:28 +0200`),
/// the form Segment gives its `X-RateLimit-Reset` header in. HTTP's own `Date` header
/// (IMF-fixdate, RFC 9110 §5.6.7) is a subset, so the same reader serves both.
///
/// Hand-written rather than a DateFormatter: a formatter's patterns are fixed-width and
/// locale-bound, and RFC 5322 allows one-digit days, no seconds, numeric zones, and names in
/// any case. Comments (`(…)`) are not read; Segment sends none, and a header that has them
/// falls back to the other hints.
enum MessageDate {
    /// The instant `text` names, or nil unless it is exactly an RFC 5322 date-time: an
    /// optional day name that must agree with the date, day, month name, a year of four
    /// digits (two or three, the obsolete forms, are read as §4.3 says), `hh:mm[:ss]`, and
    /// a zone (`+hhmm`, `-hhmm`, `UT`, `GMT`, the US names, or a military letter, which §4.3
    /// reads as UTC).
    static func parse(_ text: String) -> Date? {
        var rest = Substring(text)
        var weekday: Int?
        if let comma = rest.firstIndex(of: ",") {
            guard let day = index(of: rest[..<comma].trimmingCharacters(in: .whitespaces), in: dayNames) else { return nil }
            weekday = day
            rest = rest[rest.index(after: comma)...]
        }
        let words = rest.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard words.count == 5, let day = digits(words[0], 1...2), let month = index(of: words[1], in: monthNames),
            var year = digits(words[2], 2...4), let time = clock(words[3]), let offset = zone(words[4])
        else { return nil }
        // Obsolete years (§4.3): two digits are 2000–2049 below 50, else 1900s; three add 1900.
        switch words[2].count {
        case 2: year += year < 50 ? 2000 : 1900
        case 3: year += 1900
        default: break
        }
        guard let date = Day(year: year, month: month + 1, day: day) else { return nil }
        // 1970-01-01 was a Thursday (4, counting Sunday as 0).
        if let weekday, weekday != ((Int(date.daysSinceEpoch) + 4) % 7 + 7) % 7 { return nil }
        let seconds = Int(date.daysSinceEpoch) * 86_400 + time - offset
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// `07:28:00 UTC`: the clock time a progress line names.
    static func clockTime(_ date: Date) -> String {
        guard let (_, seconds) = split(date) else { return utc(date) }
        return hms(seconds) + " UTC"
    }

    /// `2015-10-21 07:28:00 UTC`: the instant an error names.
    static func utc(_ date: Date) -> String {
        guard let (day, seconds) = split(date) else {
            return date.timeIntervalSince1970 > 0 ? "a time after the year 9999" : "a time before the year 1"
        }
        return "\(day) \(hms(seconds)) UTC"
    }

    /// The day and the second within it, for years 1 to 9999 (a wait of a billion seconds
    /// still names a time, and nothing beyond it traps).
    private static func split(_ date: Date) -> (Day, Int)? {
        let t = date.timeIntervalSince1970.rounded(.down)
        // 0001-01-01T00:00:00Z and 10000-01-01T00:00:00Z.
        guard t >= -62_135_596_800, t < 253_402_300_800 else { return nil }
        let whole = Int(t)
        let days = whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400
        return (Day(daysSinceEpoch: Int32(days)), whole - days * 86_400)
    }

    private static func hms(_ seconds: Int) -> String {
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
    }

    private static let dayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
    private static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Names are case-insensitive in RFC 5322.
    private static func index(of word: some StringProtocol, in names: [String]) -> Int? {
        names.firstIndex(of: word.lowercased())
    }

    /// A number of `width` ASCII digits.
    private static func digits(_ word: some StringProtocol, _ width: ClosedRange<Int>) -> Int? {
        guard width.contains(word.utf8.count), word.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { return nil }
        return Int(word)
    }

    /// `hh:mm` or `hh:mm:ss` as seconds into the day; a leap second (`:60`) is allowed, as
    /// the RFC allows it.
    private static func clock(_ word: Substring) -> Int? {
        let parts = word.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return nil }
        guard let h = digits(parts[0], 2...2), let m = digits(parts[1], 2...2), h < 24, m < 60 else { return nil }
        var s = 0
        if parts.count == 3 {
            guard let seconds = digits(parts[2], 2...2), seconds <= 60 else { return nil }
            s = seconds
        }
        return h * 3600 + m * 60 + s
    }

    /// The zone's offset east of UTC, in seconds.
    private static func zone(_ word: Substring) -> Int? {
        if let sign = word.first, sign == "+" || sign == "-" {
            guard let hhmm = digits(word.dropFirst(), 4...4), hhmm % 100 < 60 else { return nil }
            let offset = (hhmm / 100) * 3600 + (hhmm % 100) * 60
            return sign == "-" ? -offset : offset
        }
        switch word.uppercased() {
        case "UT", "GMT": return 0
        case "EDT": return -4 * 3600
        case "EST", "CDT": return -5 * 3600
        case "CST", "MDT": return -6 * 3600
        case "MST", "PDT": return -7 * 3600
        case "PST": return -8 * 3600
        case let letter where letter.count == 1 && letter != "J" && letter.first!.isASCII && letter.first!.isLetter:
            // §4.3: the military zones were defined with their signs reversed and "SHOULD all
            // be considered equivalent to -0000": UTC, no local zone known.
            return 0
        default: return nil
        }
    }
}
