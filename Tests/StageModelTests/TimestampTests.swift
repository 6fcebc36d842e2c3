import Foundation
import StageModel
import Testing

/// ISO 8601 parsing and formatting (report-semantics §4, vsphere-stage-model §2.5).
@Suite("Timestamp")
struct TimestampTests {
    /// Milliseconds since the epoch for a UTC civil time, computed with Foundation's calendar:
    /// an independent oracle for the hand-written parser.
    static func oracle(_ y: Int, _ mo: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ s: Int = 0, ms: Int = 0) -> Int64 {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = calendar.date(from: DateComponents(year: y, month: mo, day: d, hour: h, minute: mi, second: s))!
        return Int64((date.timeIntervalSince1970 * 1000).rounded()) + Int64(ms)
    }

    @Test(
        "Known instants",
        arguments: [
            ("1970-01-01T00:00:00Z", Int64(0)),
            ("1970-01-01T00:00:00.001Z", 1),
            ("2024-11-08T19:39:57.399Z", 1_731_094_797_399),
            ("2000-01-01T00:00:00Z", 946_684_800_000),
            ("2024-02-29T12:00:00.000Z", 1_709_208_000_000),
            ("1969-12-31T23:59:59.999Z", -1),
            ("1969-12-31T23:59:59Z", -1_000),
            ("1900-01-01T00:00:00Z", -2_208_988_800_000),
            ("0001-01-01T00:00:00Z", -62_135_596_800_000),
            ("9999-12-31T23:59:59.999Z", 253_402_300_799_999),
            ("1600-03-01T00:00:00Z", -11_670_912_000_000)
        ])
    func knownInstants(text: String, ms: Int64) {
        #expect(Timestamp(iso8601: text)?.milliseconds == ms)
    }

    @Test(
        "Agrees with Foundation's calendar on many days",
        arguments: [1583, 1899, 1900, 1969, 1970, 1999, 2000, 2023, 2024, 2100, 2400])
    func agreesWithFoundation(year: Int) {
        for (month, day) in [(1, 1), (2, 28), (3, 1), (6, 30), (12, 31)] {
            let text = String(format: "%04d-%02d-%02dT13:07:59.250Z", year, month, day)
            #expect(
                Timestamp(iso8601: text)?.milliseconds == TimestampTests.oracle(year, month, day, 13, 7, 59, ms: 250),
                "\(text)")
        }
    }

    @Test(
        "Fractions of 1 to 9 digits are truncated to milliseconds",
        arguments: [
            ("5", Int64(500)), ("05", 50), ("005", 5), ("123", 123), ("1234", 123), ("99999", 999),
            ("000001", 0), ("1234567", 123), ("99999999", 999), ("123456789", 123), ("1", 100)
        ])
    func fractions(digits: String, ms: Int64) {
        #expect(
            Timestamp(iso8601: "2026-01-01T00:00:00.\(digits)Z")?.milliseconds == TimestampTests.oracle(2026, 1, 1) + ms
        )
    }

    @Test func withAndWithoutFraction() {
        #expect(Timestamp(iso8601: "2026-01-01T00:00:00Z") == Timestamp(iso8601: "2026-01-01T00:00:00.000Z"))
        #expect(Timestamp(iso8601: "2026-01-01T00:00:00.000000000Z") == Timestamp(iso8601: "2026-01-01T00:00:00Z"))
    }

    @Test(
        "Zones: Z, z, ±hh:mm, ±hhmm",
        arguments: [
            "2026-03-01T10:00:00Z", "2026-03-01T10:00:00z", "2026-03-01t10:00:00Z",
            "2026-03-01T11:00:00+01:00", "2026-03-01T11:00:00+0100", "2026-03-01T04:30:00-05:30",
            "2026-03-01T04:30:00-0530", "2026-03-01T10:00:00+00:00", "2026-03-01T10:00:00-00:00",
            "2026-03-02T09:59:00+23:59", "2026-02-28T10:01:00-23:59"
        ])
    func zones(text: String) {
        #expect(Timestamp(iso8601: text)?.milliseconds == TimestampTests.oracle(2026, 3, 1, 10))
    }

    @Test func offsetsCrossDayYearAndEpoch() {
        #expect(
            Timestamp(iso8601: "2027-01-01T00:30:00+01:00")?.milliseconds == TimestampTests.oracle(2026, 12, 31, 23, 30)
        )
        #expect(Timestamp(iso8601: "1970-01-01T00:00:00+00:01")?.milliseconds == -60_000)
        #expect(Timestamp(iso8601: "1969-12-31T23:00:00.5-01:00")?.milliseconds == 500)
    }

    @Test("Valid leap days", arguments: ["2024-02-29", "2000-02-29", "1600-02-29", "2400-02-29", "1904-02-29"])
    func leapDays(date: String) {
        #expect(Timestamp(iso8601: date + "T00:00:00Z") != nil)
    }

    @Test(
        "Invalid dates, times and forms",
        arguments: [
            "2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z", "2100-02-29T00:00:00Z", "1900-02-29T00:00:00Z",
            "2026-04-31T00:00:00Z", "2026-06-31T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z",
            "2026-01-00T00:00:00Z", "2026-01-32T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T23:60:00Z",
            "2026-01-01T23:59:61Z", "2026-01-01T00:00:00", "2026-01-01T00:00:00.000", "2026-01-01",
            "2026-01-01 00:00:00Z", "2026-01-01T00:00Z", "2026-01-01T00:00:00.Z", "2026-01-01T00:00:00+01",
            "2026-01-01T00:00:00+1:00", "2026-01-01T00:00:00+24:00", "2026-01-01T00:00:00+01:60",
            "2026-01-01T00:00:00+01:00:00", "2026-01-01T00:00:00ZZ", "2026-01-01T00:00:00Z ",
            " 2026-01-01T00:00:00Z", "2026/01/01T00:00:00Z", "26-01-01T00:00:00Z", "+2026-01-01T00:00:00Z",
            "2026-1-01T00:00:00Z", "2026-01-01T0:00:00Z", "2026-01-01T00:00:00.12a4Z", "garbage", "",
            "2026-01-01T00:00:00UTC", "2026-01-01T00:00:00GMT+1", "2026-0１-01T00:00:00Z"
        ])
    func invalid(text: String) {
        #expect(Timestamp(iso8601: text) == nil)
    }

    @Test func bytesAndStringParseAlike() {
        for text in ["2024-11-08T19:39:57.399Z", "1969-12-31T23:59:59.999-03:00", "nope", "2026-02-30T00:00:00Z"] {
            let fromBytes = Array(text.utf8).withUnsafeBytes { Timestamp(iso8601Bytes: $0) }
            #expect(fromBytes == Timestamp(iso8601: text), "\(text)")
        }
    }

    @Test(
        "Formatting",
        arguments: [
            (Int64(0), "1970-01-01T00:00:00.000Z"),
            (-1, "1969-12-31T23:59:59.999Z"),
            (1_731_094_797_399, "2024-11-08T19:39:57.399Z"),
            (1_793_498_351_504, "2026-11-01T01:59:11.504Z"),
            (-2_208_988_800_000, "1900-01-01T00:00:00.000Z"),
            (-62_135_596_800_000, "0001-01-01T00:00:00.000Z"),
            (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
            (951_782_400_000, "2000-02-29T00:00:00.000Z"),
            // Outside 0...9999 the general formatter takes over (only hostile input gets there).
            (-62_167_219_200_000, "0000-01-01T00:00:00.000Z"),
            (-62_167_219_200_001, "-0001-12-31T23:59:59.999Z"),
            (253_402_300_800_000, "10000-01-01T00:00:00.000Z")
        ])
    func formatting(ms: Int64, text: String) {
        let t = Timestamp(milliseconds: ms)
        #expect(t.iso8601 == text)
        #expect(t.description == text)
        #expect(t.iso8601Seconds == String(text.prefix(19)))
        #expect(t.utcDate == String(text.prefix(10)))
    }

    @Test func roundTrip() {
        var ms: Int64 = -62_135_596_800_000
        var seed: UInt64 = 7
        while ms < 253_402_300_799_999 {
            let t = Timestamp(milliseconds: ms)
            #expect(Timestamp(iso8601: t.iso8601) == t, "\(ms)")
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            ms += Int64(seed >> 30) % 9_000_000_000_000 + 1
        }
    }

    @Test func utcDateAppliesTheOffset() {
        #expect(Timestamp(iso8601: "2026-11-01T00:30:00+01:00")?.utcDate == "2026-10-31")
        #expect(Timestamp(milliseconds: -1).utcDate == "1969-12-31")
    }

    @Test func ordering() {
        let a = Timestamp(milliseconds: -5), b = Timestamp(milliseconds: 0), c = Timestamp(milliseconds: 7)
        #expect(a < b && b < c && !(c < a))
        #expect([c, a, b].sorted() == [a, b, c])
        #expect(Timestamp(iso8601: "2026-01-01T01:00:00+01:00") == Timestamp(iso8601: "2026-01-01T00:00:00Z"))
    }
}
