/// A point in time as whole milliseconds since the Unix epoch, UTC.
///
/// vCenter writes `2024-11-08T19:39:57.399Z`; fractional digits beyond milliseconds are
/// truncated, and numeric offsets are applied. Parsing is hand-written because it runs for
/// every host of every run, and Foundation's formatters are far slower on this path.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var milliseconds: Int64

    public init(milliseconds: Int64) { self.milliseconds = milliseconds }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.milliseconds < rhs.milliseconds }

    public var description: String { iso8601 }

    /// `1970-01-01T00:00:00.000Z`, which vCenter writes for a time that was never set.
    public var isUnsetSentinel: Bool { milliseconds == 0 }

    /// Parses an ISO 8601 date-time: `YYYY-MM-DDThh:mm:ss[.fff…](Z|±hh:mm|±hhmm)`.
    /// A lower-case `t`/`z` is accepted; a date without a time, or a time without a zone, is not.
    public init?(iso8601 text: String) {
        var text = text
        let parsed: Timestamp? = text.withUTF8 { Timestamp(iso8601Bytes: UnsafeRawBufferPointer($0)) }
        guard let parsed else { return nil }
        self = parsed
    }

    public init?(iso8601Bytes b: UnsafeRawBufferPointer) {
        let n = b.count
        guard n >= 20, let p = b.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        // Straight-line reads of the fixed fields: every host has two of these, and digits read
        // through optional-returning helpers were a visible share of reading.
        // `p[i] &- 0x30` is 0...9 for a digit and above 9 for anything else.
        @inline(__always) func digit(_ i: Int) -> Int64 { Int64(p[i] &- 0x30) }
        @inline(__always) func isDigit(_ i: Int) -> Bool { p[i] &- 0x30 <= 9 }
        @inline(__always) func two(_ i: Int) -> Int64 { digit(i) * 10 + digit(i + 1) }
        guard isDigit(0), isDigit(1), isDigit(2), isDigit(3), p[4] == 0x2D, isDigit(5), isDigit(6), p[7] == 0x2D,
            isDigit(8), isDigit(9), p[10] == 0x54 || p[10] == 0x74, isDigit(11), isDigit(12), p[13] == 0x3A,
            isDigit(14), isDigit(15), p[16] == 0x3A, isDigit(17), isDigit(18)
        else { return nil }
        let year = two(0) * 100 + two(2), month = two(5), day = two(8)
        let hour = two(11), minute = two(14), second = two(17)
        guard (1...12).contains(month), day >= 1, day <= UTCCalendar.daysIn(month: month, year: year),
            hour <= 23, minute <= 59, second <= 59
        else { return nil }
        var i = 19
        var millis: Int64 = 0
        if i < n, p[i] == 0x2E {
            i += 1
            var digits = 0
            while i < n, isDigit(i) {
                if digits < 3 { millis = millis * 10 + digit(i) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 3) { millis *= 10 }
        }
        guard i < n else { return nil }
        var offsetMinutes: Int64 = 0
        switch p[i] {
        case 0x5A, 0x7A:
            i += 1
        case 0x2B, 0x2D:
            let sign: Int64 = p[i] == 0x2D ? -1 : 1
            i += 1
            guard i + 2 <= n, isDigit(i), isDigit(i + 1) else { return nil }
            let oh = two(i)
            i += 2
            if i < n, p[i] == 0x3A { i += 1 }
            guard i + 2 <= n, isDigit(i), isDigit(i + 1) else { return nil }
            let om = two(i)
            guard oh <= 23, om <= 59 else { return nil }
            i += 2
            offsetMinutes = sign * (oh * 60 + om)
        default:
            return nil
        }
        guard i == n else { return nil }
        let days = UTCCalendar.daysFromCivil(year: year, month: month, day: day)
        let secs = days * 86_400 + hour * 3_600 + minute * 60 + second - offsetMinutes * 60
        self.milliseconds = secs * 1_000 + millis
    }

    /// `2026-11-01T01:59:11.504Z`.
    public var iso8601: String { formatted(length: 24) }

    /// `2026-11-01T01:59:11` in UTC, as JUnit's `timestamp` wants it (no zone, no fraction).
    public var iso8601Seconds: String { formatted(length: 19) }

    /// The UTC calendar date, `2026-11-01`.
    public var utcDate: String { formatted(length: 10) }

    /// The UTC day as days since 1970-01-01 (what nights are grouped and compared by).
    @inlinable public var utcDay: Int64 { milliseconds.floorDivided(by: UTCCalendar.millisecondsPerDay).quotient }

    /// Midnight UTC of `utcDay`.
    @inlinable public init(utcDay: Int64) { self.init(milliseconds: utcDay * UTCCalendar.millisecondsPerDay) }

    /// The first `length` characters of `YYYY-MM-DDThh:mm:ss.fffZ` (all of it for 24), written
    /// as bytes: this runs for every run and host-night of a report, and string interpolation
    /// was a visible cost. A year outside 0...9999 (hostile input only) takes as many digits and
    /// the sign it needs, and `length` then counts from the start of that longer text.
    private func formatted(length: Int) -> String {
        let (days, msOfDay) = milliseconds.floorDivided(by: UTCCalendar.millisecondsPerDay)
        let (y, m, d) = UTCCalendar.civilFromDays(days)
        // Written on the stack, then copied: a date (10 bytes) stays a small string with no
        // heap storage of its own, which matters for the one per host and night of a summary.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { out in
            var i = 0
            func put(_ value: Int64, _ width: Int, then separator: UInt8) {
                var v = value
                for k in stride(from: width - 1, through: 0, by: -1) {
                    out[i + k] = UInt8(truncatingIfNeeded: 0x30 + v % 10)
                    v /= 10
                }
                out[i + width] = separator
                i += width + 1
            }
            if (0...9_999).contains(y) {
                put(y, 4, then: 0x2D)
            } else {
                for b in Timestamp.pad(y, 4).utf8 { out[i] = b; i += 1 }
                out[i] = 0x2D
                i += 1
            }
            put(m, 2, then: 0x2D)
            put(d, 2, then: 0x54)
            put(msOfDay / 3_600_000, 2, then: 0x3A)
            put((msOfDay / 60_000) % 60, 2, then: 0x3A)
            put((msOfDay / 1_000) % 60, 2, then: 0x2E)
            put(msOfDay % 1_000, 3, then: 0x5A)
            let end = length == 24 ? i : min(length, i)
            return String(decoding: UnsafeBufferPointer(rebasing: out[0..<end]), as: UTF8.self)
        }
    }

    static func pad(_ v: Int64, _ width: Int) -> String {
        let s = String(v < 0 ? -v : v)
        let padded = s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        return v < 0 ? "-" + padded : padded
    }
}

extension Int64 {
    /// Division rounding toward negative infinity, so times before 1970 format correctly.
    public func floorDivided(by d: Int64) -> (quotient: Int64, remainder: Int64) {
        let q = self / d, r = self % d
        return r < 0 ? (q - 1, r + d) : (q, r)
    }
}
