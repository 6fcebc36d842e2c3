import StageModel

/// Dates and times of the generated documents, written straight into byte buffers: the
/// generator formats millions of timestamps. The calendar arithmetic is `UTCCalendar`'s.
enum SampleClock {
    static let millisecondsPerDay = UTCCalendar.millisecondsPerDay

    /// Days since 1970-01-01 of a strict `YYYY-MM-DD`, or nil when it is not a real date.
    static func days(fromISODate text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else {
            return nil
        }
        guard let year = digits(bytes[0..<4]), let month = digits(bytes[5..<7]),
            let day = digits(bytes[8..<10])
        else { return nil }
        guard year >= 1971, year <= 9000, (1...12).contains(month),
            day >= 1, day <= UTCCalendar.daysIn(month: month, year: year)
        else { return nil }
        return UTCCalendar.daysFromCivil(year: year, month: month, day: day)
    }

    private static func digits(_ slice: ArraySlice<UInt8>) -> Int64? {
        var value: Int64 = 0
        for byte in slice {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// `YYYY-MM-DD` of a day number, appended to `out`.
    static func appendDate(days: Int64, to out: inout [UInt8]) {
        let date = UTCCalendar.civilFromDays(days)
        appendPadded(date.0, width: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        appendPadded(date.1, width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        appendPadded(date.2, width: 2, to: &out)
    }

    static func dateString(days: Int64) -> String {
        var out: [UInt8] = []
        appendDate(days: days, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `YYYY-MM-DDThh:mm:ss.sssZ`, the only time format vCenter emits (3 fractional digits, `Z`).
    static func appendTimestamp(milliseconds: Int64, to out: inout [UInt8]) {
        let (days, ofDay) = milliseconds.floorDivided(by: millisecondsPerDay)
        var rest = ofDay
        appendDate(days: days, to: &out)
        out.append(UInt8(ascii: "T"))
        let hours = rest / 3_600_000
        rest -= hours * 3_600_000
        let minutes = rest / 60_000
        rest -= minutes * 60_000
        let seconds = rest / 1000
        rest -= seconds * 1000
        appendPadded(hours, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendPadded(minutes, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendPadded(seconds, width: 2, to: &out)
        out.append(UInt8(ascii: "."))
        appendPadded(rest, width: 3, to: &out)
        out.append(UInt8(ascii: "Z"))
    }

    private static func appendPadded(_ value: Int64, width: Int, to out: inout [UInt8]) {
        var divisor: Int64 = 1
        for _ in 1..<width { divisor *= 10 }
        var remaining = value
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: (remaining / divisor) % 10))
            remaining %= divisor
            divisor /= 10
        }
    }
}
