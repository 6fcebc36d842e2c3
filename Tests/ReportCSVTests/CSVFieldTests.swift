import StageModel
import Testing

@testable import ReportCSV
// FailingHost has no public initialiser: the summary builder makes them.
@testable import StageAggregation

@Suite struct CSVFieldTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("cr\rhere", "\"cr\rhere\""),
        ("=1+2", "'=1+2"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "\"'\rx\""),
        ("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
        ("a=b", "a=b"),
        ("esc\u{1b}[31mred", "escred"),
        ("", "")
    ])
    func dataCells(raw: String, written: String) {
        #expect(CSVField.data(raw) == written)
    }

    @Test func absentIsEmpty() {
        #expect(CSVField.data(nil as String?) == "")
    }

    @Test func recordsEndInCRLF() {
        var t = CSVTable(columns: ["a", "b"])
        t.append(["1", CSVField.data("x\ny")])
        #expect(t.text == "a,b\r\n1,\"x\ny\"\r\n")
    }

    /// Failing since: the night the latest streak began, from the host's nights, or nothing
    /// when the nights the summary keeps do not reach back to it.
    @Test(
        arguments: [
            // nights (date, succeeded, failed), streak → expected
            ([("2026-11-01", 1, 0), ("2026-11-02", 0, 1), ("2026-11-03", 0, 2)], 3, "2026-11-02"),
            ([("2026-11-01", 1, 1), ("2026-11-02", 0, 1)], 2, "2026-11-01"),
            ([("2026-11-01", 0, 1), ("2026-11-02", 0, 1)], 2, "2026-11-01"),
            ([("2026-11-01", 0, 1), ("2026-11-02", 0, 1)], 5, nil),
            ([("2026-11-03", 0, 1)], 1, "2026-11-03")
        ] as [([(String, Int, Int)], Int, String?)])
    func failingSince(nights: [(String, Int, Int)], streak: Int, expected: String?) {
        let key = HostKey(vcenter: "vc", cluster: "c", host: "h")
        var row = HostRow(key: key, name: "h")
        row.failing = FailingHost(
            key: key, name: "h", streak: streak, latestOutcome: .failed, latestRunStart: nil, latestReason: nil)
        row.nights = HostNights(
            key: key, name: "h", failed: 0,
            nights: nights.map { date, ok, failed in
                var counts = OutcomeCounts()
                counts.succeeded = ok
                counts.failed = failed
                return HostNights.Night(date: date, latest: failed > 0 ? .failed : .succeeded, outcomes: counts)
            })
        #expect(row.failingSince == expected)
    }
}
