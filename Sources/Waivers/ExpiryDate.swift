import StageModel

/// The last UTC calendar day on which a waiver applies: `expires: 2027-01-31` waives through
/// 2027-01-31T23:59:59.999Z and nothing from 2027-02-01T00:00:00Z on. A date, not a time, so
/// that the file means the same wherever the report runs.
public struct ExpiryDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let day: Int64

    public init(day: Int64) { self.day = day }

    /// Parses exactly `YYYY-MM-DD` (a real calendar date); anything else is `nil`.
    public init?(_ text: String) {
        let b = Array(text.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var n: Int64 = 0
            for i in range {
                guard b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") else { return nil }
                n = n * 10 + Int64(b[i] - UInt8(ascii: "0"))
            }
            return n
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            (1...12).contains(month), day >= 1, day <= UTCCalendar.daysIn(month: month, year: year)
        else { return nil }
        self.day = UTCCalendar.daysFromCivil(year: year, month: month, day: day)
    }

    /// The UTC day number of `now`.
    public static func day(of now: Timestamp) -> Int64 {
        now.milliseconds.floorDivided(by: UTCCalendar.millisecondsPerDay).quotient
    }

    /// Whether the waiver no longer applies at `now`: its last day is over.
    public func isExpired(at now: Timestamp) -> Bool { ExpiryDate.day(of: now) > day }

    /// Days from `now`'s UTC day to the last day: 0 on the last day, negative once expired.
    public func daysLeft(at now: Timestamp) -> Int64 { day - ExpiryDate.day(of: now) }

    /// `2027-01-31`.
    public var description: String { Timestamp(milliseconds: day * UTCCalendar.millisecondsPerDay).utcDate }

    public static func < (a: ExpiryDate, b: ExpiryDate) -> Bool { a.day < b.day }
}
