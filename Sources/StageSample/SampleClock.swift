/// UTC calendar arithmetic on milliseconds since 1970, done by hand: Foundation's calendars and
/// formatters are slow per call and the generator formats millions of timestamps.
enum SampleClock {
    static let millisecondsPerDay: Int64 = 86_400_000

    /// Days since 1970-01-01 of a strict `YYYY-MM-DD`, or nil when it is not a real date.
    static func days(fromISODate text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else {
            return nil
        }
        guard let year = digits(bytes[0..<4]), let month = digits(bytes[5..<7]),
              let day = digits(bytes[8..<10]) else { return nil }
        guard year >= 1971, year <= 9000, (1...12).contains(month),
              day >= 1, day <= daysInMonth(year: year, month: month) else { return nil }
        return daysFromCivil(year: year, month: month, day: day)
    }

    private static func digits(_ slice: ArraySlice<UInt8>) -> Int64? {
        var value: Int64 = 0
        for byte in slice {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Howard Hinnant's days_from_civil.
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Howard Hinnant's civil_from_days.
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// `YYYY-MM-DD` of a day number, appended to `out`.
    static func appendDate(days: Int64, to out: inout [UInt8]) {
        let date = civil(fromDays: days)
        appendPadded(date.year, width: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        appendPadded(date.month, width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        appendPadded(date.day, width: 2, to: &out)
    }

    static func dateString(days: Int64) -> String {
        var out: [UInt8] = []
        appendDate(days: days, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `YYYY-MM-DDThh:mm:ss.sssZ`, the only time format vCenter emits (3 fractional digits, `Z`).
    static func appendTimestamp(milliseconds: Int64, to out: inout [UInt8]) {
        let days = floorDiv(milliseconds, millisecondsPerDay)
        var rest = milliseconds - days * millisecondsPerDay
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

    static func timestampString(milliseconds: Int64) -> String {
        var out: [UInt8] = []
        appendTimestamp(milliseconds: milliseconds, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
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
